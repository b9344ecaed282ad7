"""/api/v1/openapi.json, and schemathesis fuzzing the live app against it.

The fuzzing runs against a real uvicorn as a logged-in user (with the CSRF token) and as an anonymous
visitor, with data that fits the document and data that does not: no answer is a 500, every answer
conforms to the document, every error is `{"error", "detail"}`, and afterwards every page of what the run
created still renders. The stream endpoint is left out (its answer never ends; tests/test_progress_stream.py
covers it). Deleting a batch is fuzzed last, on the batch the other operations were fuzzed on.
"""

import copy
import time

import httpx
import pytest
import schemathesis
from django.contrib.auth import get_user_model
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS, load_all_checks

from resumes.models import Batch, Opening, Resume
from resumescreener.openapi import DOCUMENT
from tests.fixtures_pages import *  # noqa: F403 (the fixtures opening, finished_batch, running_batch)

load_all_checks()
CHECK_NAMES = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
]
CHECKS_RUN = CHECKS.get_by_names(CHECK_NAMES)


def without_security(document):
    """The document with its session scheme left out: the fuzzer sends the session itself, so that
    generated cases do not replace or drop it (the anonymous run covers requests without one)."""
    document = copy.deepcopy(document)
    document.pop("security")
    document["components"].pop("securitySchemes")
    for item in document["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict):
                operation.pop("security", None)
    return document


SCHEMA = schemathesis.openapi.from_dict(without_security(DOCUMENT))
NOT_FUZZED = {("GET", "/api/v1/sse/progress/stream/{user_id}")}
EXAMPLES = {"user": 25, "anonymous": 5}  # per operation, generation mode and set of path ids
CSRF_TOKEN = "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzz"


def operations():
    """The operations to fuzz, deleting ones last: they take the batch the others are fuzzed on."""
    found = [result.ok() for result in SCHEMA.get_all_operations()]
    found = [op for op in found if (op.method.upper(), op.path) not in NOT_FUZZED]
    return sorted(found, key=lambda op: op.method.upper() == "DELETE" and "batch_id" in op.path)


def test_the_document_is_served_to_anyone(client, transactional_db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.json()["openapi"] == "3.1.0"


def test_it_documents_every_api_route(client, transactional_db):
    documented = set(DOCUMENT["paths"])
    for path in ("/api/v1/openings", "/api/v1/batches/{batch_id}/retry", "/api/v1/sse/connections/status"):
        assert path in documented


class Fuzzer:
    """Runs schemathesis's generated cases for one persona and keeps count of what it sent and got."""

    def __init__(self, base_url, cookies=None, headers=None):
        self.base_url = base_url
        self.cookies = cookies or {}
        self.headers = headers or {}
        self.requests = 0
        self.statuses = {}

    def run(self, operation, mode, examples, path_parameters=None):
        strategy = operation.as_strategy(generation_mode=mode, path_parameters=path_parameters)

        @hypothesis_settings(
            max_examples=examples, deadline=None, database=None, derandomize=True,
            phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck),
        )  # fmt: skip
        @given(case=strategy)
        def send(case):
            response = case.call(
                base_url=self.base_url, cookies=self.cookies, headers=self.headers, timeout=15
            )
            self.requests += 1
            self.statuses[response.status_code] = self.statuses.get(response.status_code, 0) + 1
            case.validate_response(response, checks=CHECKS_RUN)
            if response.status_code >= 400:
                assert set(response.json()) == {"error", "detail"}, response.text

        try:
            send()
        except Unsatisfiable:
            pass  # nothing negative to generate when every part is pinned: nothing to send


@pytest.fixture
def fuzz_target(app_server, alice, finished_batch, cookies_for):
    """Alice's session and CSRF token against the shared server, with an opening and a batch of hers."""
    cookies = {**cookies_for(alice), "csrftoken": CSRF_TOKEN}
    return Fuzzer(app_server.url, cookies, {"X-CSRFToken": CSRF_TOKEN})


def real_ids(operation, alice, batch):
    ids = {
        "opening_id": batch.opening_id,
        "batch_id": str(batch.pk),
        "resume_id": batch.resumes.first().pk,
        "user_id": str(alice.pk),
    }
    return {p.name: ids[p.name] for p in operation.path_parameters}


def pages_of_everything(alice):
    yield "/"
    for opening in Opening.objects.filter(owner=alice):
        yield f"/openings/{opening.pk}/edit/"
        yield f"/openings/{opening.pk}/upload/"
    for batch in Batch.objects.filter(owner=alice):
        yield f"/batches/{batch.pk}/"
        yield f"/api/v1/batches/{batch.pk}"
        yield f"/api/v1/batches/{batch.pk}/results.csv"
    yield "/api/v1/openings"
    yield f"/api/v1/sse/progress/status/{alice.pk}"


def admin_pages(alice):
    yield "/admin/"
    for model, name in ((Opening, "opening"), (Batch, "batch"), (Resume, "resume")):
        yield f"/admin/resumes/{name}/"
        for pk in model.objects.values_list("pk", flat=True):
            yield f"/admin/resumes/{name}/{pk}/change/"
    yield "/admin/progress/userprogress/"
    yield f"/admin/progress/userprogress/{alice.pk}/"


def test_fuzzing_as_a_logged_in_user_finds_no_500_and_leaves_every_page_rendering(
    fuzz_target, alice, finished_batch, app_server, cookies_for
):
    started = time.monotonic()
    for operation in operations():
        ids = real_ids(operation, alice, finished_batch)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzz_target.run(operation, mode, EXAMPLES["user"])
            if operation.path_parameters:
                fuzz_target.run(operation, mode, EXAMPLES["user"], ids)
    fuzzed = time.monotonic() - started

    with httpx.Client(base_url=app_server.url, cookies=cookies_for(alice), timeout=15) as owner:
        for path in pages_of_everything(alice):
            assert owner.get(path).status_code == 200, path
    root = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    with httpx.Client(base_url=app_server.url, cookies=cookies_for(root), timeout=15) as admin:
        for path in admin_pages(alice):
            assert admin.get(path).status_code == 200, path
    print(
        f"\nschemathesis as a user: {fuzz_target.requests} requests in {fuzzed:.1f} s, "
        f"statuses {dict(sorted(fuzz_target.statuses.items()))}; "
        f"{Opening.objects.count()} openings and {Batch.objects.count()} batches created and rendered"
    )
    assert fuzz_target.requests > 100


def test_fuzzing_as_an_anonymous_visitor_finds_no_500_and_gets_401s(alice, finished_batch, app_server):
    anonymous = Fuzzer(app_server.url)
    for operation in operations():
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            anonymous.run(operation, mode, EXAMPLES["anonymous"])
    print(f"\nschemathesis anonymous: {anonymous.requests} requests, statuses {anonymous.statuses}")
    assert set(anonymous.statuses) <= {200, 401, 403, 404, 405}
    assert Opening.objects.count() == 1 and Batch.objects.count() == 1  # alice's, untouched
