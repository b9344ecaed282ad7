"""Who gets what: anonymous, another user, the owner and staff against every endpoint, on a real server."""

import secrets

import httpx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resumes.intake import create_batch
from resumes.models import Opening

ROLES = ("anonymous", "other", "owner", "staff")

# (method, path with {owner}/{opening}/{batch}, expected status for each of ROLES)
MATRIX = [
    ("GET", "/api/v1/sse/progress/stream/{owner}", (401, 403, 200, 200)),
    ("GET", "/api/v1/sse/progress/status/{owner}", (401, 403, 200, 200)),
    ("DELETE", "/api/v1/sse/progress/{owner}", (401, 403, 200, 200)),
    ("GET", "/api/v1/sse/connections/status", (401, 403, 403, 200)),
    ("GET", "/metrics", (401, 403, 403, 200)),
    ("GET", "/api/v1/openings", (401, 200, 200, 200)),
    ("POST", "/api/v1/openings/{opening}/batches", (401, 404, 202, 202)),
    ("GET", "/api/v1/batches/{batch}", (401, 404, 200, 200)),
    ("GET", "/api/v1/batches/{batch}/results.csv", (401, 404, 200, 200)),
    ("POST", "/api/v1/batches/{batch}/cancel", (401, 404, 200, 200)),
    ("POST", "/api/v1/batches/{batch}/retry", (401, 404, 409, 409)),
    ("GET", "/api/v1/batches/{batch}/files/{resume}/original", (401, 404, 200, 200)),
    ("GET", "/api/v1/batches/{batch}/files/{other_resume}/original", (401, 404, 404, 404)),
    # The batch is running: nobody may delete it yet (deletion itself: tests/test_batch_delete.py).
    ("DELETE", "/api/v1/batches/{batch}", (401, 404, 409, 409)),
    ("GET", "/admin/", (302, 302, 302, 200)),
    ("GET", "/django-rq/", (302, 302, 302, 200)),
    # Pages: the recruiter's own; staff use the admin.
    ("GET", "/", (302, 200, 200, 200)),
    ("GET", "/openings/{opening}/upload/", (302, 404, 200, 404)),
    ("GET", "/openings/{opening}/edit/", (302, 404, 200, 404)),
    ("GET", "/batches/{batch}/", (302, 404, 200, 404)),
    ("GET", "/batches/{batch}/files/{resume}/", (302, 404, 200, 404)),
    ("GET", "/batches/{batch}/files/{other_resume}/", (302, 404, 404, 404)),
    ("GET", "/batches/{batch}/delete/", (302, 404, 200, 404)),
    ("POST", "/batches/{batch}/delete/", (302, 404, 409, 404)),
    ("GET", "/test-sse", (302, 403, 403, 200)),
    ("POST", "/test-sse/send", (401, 403, 403, 202)),
    # Uploaded files are stored under generated names and never served, to anyone.
    ("GET", "/media/resumes/{batch}/x.pdf", (404, 404, 404, 404)),
]


@pytest.fixture
def world(alice, bob, staff):
    opening = Opening.objects.create(owner=alice, title="Backend", required_skills=["Python"])
    batch, (resume,) = create_batch(alice, opening, [SimpleUploadedFile("cv.txt", b"Jane Doe\nPython\n")])
    # A file of a batch of bob's: never reachable through alice's batch.
    bobs = Opening.objects.create(owner=bob, title="Frontend")
    _, (other,) = create_batch(bob, bobs, [SimpleUploadedFile("cv.txt", b"John Roe\nCSS\n")])
    ids = {"owner": alice.pk, "opening": opening.pk, "batch": batch.pk, "resume": resume.pk}
    return ids | {"other_resume": other.pk}, {
        "other": bob,
        "owner": alice,
        "staff": staff,
    }


def request_as(server, role, users, cookies_for, method, path):
    csrf = secrets.token_hex(16)
    cookies = {"csrftoken": csrf} | (cookies_for(users[role]) if role in users else {})
    headers = {"X-CSRFToken": csrf, "Referer": server.url + "/"}
    files = {"files": ("cv.txt", b"Jane Doe\nPython\n")} if method == "POST" and "batches" in path else None
    with httpx.Client(base_url=server.url, cookies=cookies, timeout=10) as client:
        with client.stream(method, path, headers=headers, files=files) as response:
            return response.status_code


@pytest.mark.parametrize(("method", "path", "expected"), MATRIX, ids=[f"{m} {p}" for m, p, _ in MATRIX])
def test_each_role_gets_the_expected_status(app_server, world, cookies_for, method, path, expected):
    ids, users = world
    url = path.format(**ids)
    got = tuple(request_as(app_server, role, users, cookies_for, method, url) for role in ROLES)
    assert dict(zip(ROLES, got, strict=True)) == dict(zip(ROLES, expected, strict=True))


def test_batch_ids_are_not_guessable(world):
    ids, _ = world
    assert len(str(ids["batch"])) == 36 and str(ids["batch"]).count("-") == 4
