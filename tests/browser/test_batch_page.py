"""The batch page in chromium: cancel and retry go through the API with the CSRF token."""

import pytest
from playwright.sync_api import expect

from resumes.models import Opening
from tests.browser.conftest import sample_files

pytestmark = pytest.mark.browser


@pytest.fixture
def opening(alice):
    return Opening.objects.create(owner=alice, title="Backend engineer", required_skills=["Python"])


def test_it_cancels_the_queued_files_of_a_running_batch(open_page, alice, opening, workers, samples):
    page = open_page(alice)
    page.goto(f"/openings/{opening.pk}/upload/")
    page.set_input_files("#files", sample_files(samples, 4))
    page.get_by_role("button", name="Upload and screen").click()
    expect(page.locator("#accepted li")).to_have_count(4)
    workers.run(max_jobs=1)
    expect(page.locator("#percent")).to_have_text("25%")

    page.goto(page.url.replace(f"/openings/{opening.pk}/upload/?batch=", "/batches/") + "/")
    page.get_by_role("button", name="Cancel queued files").click()
    expect(page.locator("table.results tbody tr.cancelled")).to_have_count(3)
    expect(page.locator("table.results tbody tr.done")).to_have_count(1)
    expect(page.get_by_role("button", name="Cancel queued files")).to_be_hidden()
