"""Another user's batch page and progress stream are refused, in the browser too."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from resumes.intake import create_batch
from resumes.models import Opening

pytestmark = pytest.mark.browser


@pytest.fixture
def alices_batch(alice, samples):
    folder, answers = samples
    opening = Opening.objects.create(owner=alice, title="Backend engineer")
    path = folder / answers[0]["filename"]
    batch, _ = create_batch(alice, opening, [SimpleUploadedFile(path.name, path.read_bytes())])
    return batch


def test_it_refuses_another_users_batch_page_and_stream(open_page, alice, bob, alices_batch):
    page = open_page(bob)
    response = page.goto(f"/batches/{alices_batch.pk}/")
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text("Backend engineer")

    page.goto("/")
    status = page.evaluate(
        "async (url) => (await fetch(url)).status", f"/api/v1/sse/progress/stream/{alice.pk}"
    )
    assert status == 403
    status = page.evaluate("async (url) => (await fetch(url)).status", f"/api/v1/batches/{alices_batch.pk}")
    assert status == 404


def test_the_owner_sees_the_batch_page(open_page, alice, alices_batch):
    page = open_page(alice)
    assert page.goto(f"/batches/{alices_batch.pk}/").status == 200
    expect(page.get_by_role("heading", name="Ranked resumes")).to_be_visible()
