"""The upload page in chromium: upload, a live bar that survives reloads and server restarts, escaping."""

import re

import pytest
from playwright.sync_api import expect

from resumes.models import Opening
from tests.browser.conftest import PASSWORD, sample_files

pytestmark = pytest.mark.browser

FILES = 10
WAIT_MS = 30_000


@pytest.fixture
def opening(alice):
    return Opening.objects.create(owner=alice, title="Backend engineer", required_skills=["Python"])


def upload(page, files):
    page.set_input_files("#files", files)
    page.get_by_role("button", name="Upload and screen").click()


def expect_progress(page, done, failed=0, total=FILES):
    expect(page.locator("#percent")).to_have_text(f"{done * 100 // total}%", timeout=WAIT_MS)
    expect(page.locator("#counts")).to_have_text(
        f"{done} of {total} files finished: {done - failed} screened, {failed} failed"
    )
    expect(page.locator("#bar")).to_have_attribute("aria-valuenow", str(done))


def outcome_names(page):
    return page.locator("#outcomes .filename").all_text_contents()


def test_it_takes_a_new_user_from_sign_up_to_ten_ranked_resumes(open_page, workers, samples, screenshot):
    page = open_page()
    page.goto("/accounts/signup/")
    page.get_by_label("Username").fill("carol")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Your openings")).to_be_visible()

    page.get_by_role("link", name="New opening").click()
    page.get_by_label("Title").fill("Backend engineer")
    page.get_by_label("Required skills").fill("Python, PostgreSQL")
    page.get_by_label("Preferred skills").fill("Docker")
    page.get_by_label("Minimum years").fill("2")
    page.get_by_role("button", name="Create opening").click()
    expect(page.get_by_role("heading", name="Backend engineer")).to_be_visible()

    workers.start()
    upload(page, sample_files(samples, FILES))
    expect(page.locator("#accepted li")).to_have_count(FILES)
    expect(page).to_have_url(re.compile(r"\?batch=[0-9a-f-]{36}$"))
    expect_progress(page, FILES)
    expect(page.locator("#outcomes li")).to_have_count(FILES)

    page.get_by_role("link", name="See the ranked results").click()
    rows = page.locator("table.results tbody tr.result")
    expect(rows).to_have_count(FILES)
    scores = [int(s) for s in page.locator("td.score .score-number").all_text_contents()]
    assert len(scores) == FILES and scores == sorted(scores, reverse=True)
    screenshot(page, "batch-page")


def test_a_reload_mid_batch_shows_the_bar_where_it_was_and_ends_with_the_right_counts(
    open_page, alice, opening, workers, samples, screenshot
):
    page = open_page(alice)
    page.goto(f"/openings/{opening.pk}/upload/")
    upload(page, sample_files(samples, FILES))
    expect(page.locator("#accepted li")).to_have_count(FILES)
    workers.run(max_jobs=4)
    expect_progress(page, 4)
    expect(page.locator("#outcomes li")).to_have_count(4)

    streams = []
    page.on("request", lambda request: "/sse/progress/stream/" in request.url and streams.append(request.url))
    page.reload()
    expect_progress(page, 4)
    expect(page.locator("#connection")).to_have_text("Live")
    assert "lastEventId=" in streams[-1]  # resumed after the last event it had seen
    expect(page.locator("#outcomes li")).to_have_count(4)
    expect(page.get_by_role("link", name="See the ranked results")).to_be_hidden()
    screenshot(page, "upload-page-mid-batch")

    workers.run(max_jobs=3)
    expect_progress(page, 7)
    expect(page.locator("#outcomes li")).to_have_count(7)  # none lost, none twice
    assert len(set(outcome_names(page))) == 7

    workers.start()
    expect_progress(page, FILES)
    expect(page.locator("#outcomes li")).to_have_count(FILES)
    expect(page.get_by_role("link", name="See the ranked results")).to_be_visible()


def test_it_reconnects_by_itself_when_the_server_restarts_mid_batch(
    open_page, alice, opening, web, workers, samples
):
    page = open_page(alice)
    page.goto(f"/openings/{opening.pk}/upload/")
    upload(page, sample_files(samples, FILES))
    workers.run(max_jobs=3)
    expect_progress(page, 3)

    web.stop()
    expect(page.locator("#connection")).to_have_text("Reconnecting…", timeout=WAIT_MS)
    workers.run(max_jobs=4)  # progress goes on while the page cannot hear it
    web.start()
    expect_progress(page, 7)
    expect(page.locator("#outcomes li")).to_have_count(7)

    workers.start()
    expect_progress(page, FILES)
    expect(page.locator("#outcomes li")).to_have_count(FILES)


def test_it_shows_a_hostile_file_name_as_text(open_page, alice, opening, workers, samples):
    hostile = "<img src=x onerror=alert(1)>.pdf"
    pdf = next(path for path in sample_files(samples, 15) if path.suffix == ".pdf")
    page = open_page(alice)  # a dialog (alert) on the page fails the test
    page.goto(f"/openings/{opening.pk}/upload/")
    workers.start()
    upload(page, [{"name": hostile, "mimeType": "application/pdf", "buffer": pdf.read_bytes()}])
    expect(page.locator("#accepted li")).to_have_text([hostile])
    expect_progress(page, 1, total=1)
    expect(page.locator("#outcomes .filename")).to_have_text([hostile])
    assert page.locator("img").count() == 0

    page.get_by_role("link", name="See the ranked results").click()
    expect(page.locator("table.results .filename")).to_have_text([hostile])
    assert page.locator("img").count() == 0
