"""The upload bar in chromium: bytes sent on a throttled connection, cancel mid-way, then screening.

The connection is slowed with the DevTools protocol (Network.emulateNetworkConditions), as a
recruiter's ordinary uplink would be.
"""

import re
import time

import pytest
from playwright.sync_api import expect

from resumes.models import Batch, Opening
from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import sample_files

pytestmark = pytest.mark.browser

UPLOAD_BYTES_PER_SECOND = 1_000_000
BIG_RESUME = (
    "Jane Doe\njane@example.com\nPython developer since 2015.\n" + "Built data pipelines. " * 270_000
).encode()


@pytest.fixture
def opening(alice):
    return Opening.objects.create(owner=alice, title="Backend engineer", required_skills=["Python"])


@pytest.fixture
def slow_page(open_page, alice, opening):
    page = open_page(alice)
    page.goto(f"/openings/{opening.pk}/upload/")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 20,
            "downloadThroughput": -1,
            "uploadThroughput": UPLOAD_BYTES_PER_SECOND,
        },
    )
    # Count what the live region says, to show that it is not flooded.
    page.evaluate(
        """() => {
          const region = document.getElementById('announcer');
          window.announced = [];
          new MutationObserver(() => window.announced.push(region.textContent))
            .observe(region, {childList: true, characterData: true, subtree: true});
        }"""
    )
    return page


def upload_big_file(page):
    page.set_input_files("#files", [{"name": "big.txt", "mimeType": "text/plain", "buffer": BIG_RESUME}])
    page.get_by_role("button", name="Upload and screen").click()


def percent(page):
    return int(page.locator("#percent").text_content().rstrip("%"))


def watch_upload(page, until_percent, seconds=20):
    """The percentages the bar showed while uploading, until it reached `until_percent`."""
    seen, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        if "Uploading:" in page.locator("#counts").text_content():
            seen.append(percent(page))
            if seen[-1] >= until_percent:
                return seen
        page.wait_for_timeout(100)
    raise AssertionError(f"the upload bar showed {seen}")


def test_the_bar_shows_the_bytes_sent_on_a_slow_upload(slow_page, screenshot):
    page = slow_page
    upload_big_file(page)
    expect(page.locator("#counts")).to_contain_text("Uploading:")
    seen = watch_upload(page, until_percent=40)
    assert len({p for p in seen if 0 < p < 100}) >= 3, seen  # it moved, step by step
    expect(page.locator("#counts")).to_have_text(re.compile(r"^Uploading: [\d.]+ MB of 5\.9 MB sent$"))
    expect(page.get_by_role("button", name="Cancel upload")).to_be_visible()
    screenshot(page, "upload-bar-mid-upload")
    assert_accessible(page)

    expect(page.locator("#accepted li")).to_have_text(["big.txt"], timeout=30_000)
    expect(page.locator("#counts")).to_have_text("0 of 1 files finished: 0 screened, 0 failed")
    expect(page.get_by_role("button", name="Cancel upload")).to_be_hidden()
    announced = page.evaluate("() => window.announced")
    assert "25% uploaded" in announced and "50% uploaded" in announced
    assert len(announced) <= 7, announced  # milestones only, not every progress event


def test_cancel_stops_the_upload_and_nothing_is_screened(slow_page, alice):
    page = slow_page
    upload_big_file(page)
    watch_upload(page, until_percent=10)
    page.get_by_role("button", name="Cancel upload").click()
    expect(page.locator("#upload-error")).to_have_text(
        "Upload cancelled: nothing was sent for screening. Your files are still chosen."
    )
    expect(page.locator("#chosen li")).to_have_text(["big.txt"])
    expect(page.get_by_role("button", name="Upload and screen")).to_be_enabled()
    page.wait_for_timeout(1000)  # let the server notice the dropped connection
    assert not Batch.objects.filter(owner=alice).exists()


def test_screening_progress_follows_the_upload_and_stays_accessible(
    open_page, alice, opening, workers, samples
):
    page = open_page(alice)
    page.goto(f"/openings/{opening.pk}/upload/")
    page.set_input_files("#files", sample_files(samples, 4))
    page.get_by_role("button", name="Upload and screen").click()
    expect(page.locator("#accepted li")).to_have_count(4)
    workers.run(max_jobs=2)
    expect(page.locator("#percent")).to_have_text("50%", timeout=30_000)
    expect(page.locator("#announcer")).to_have_text("2 of 4 files screened")
    assert_accessible(page)

    workers.run(max_jobs=3)  # the last two files and the batch's finaliser
    expect(page.get_by_role("link", name="See the ranked results")).to_be_visible(timeout=30_000)
    expect(page.locator("#announcer")).to_contain_text("All files are finished. 4 screened, 0 failed.")
    assert_accessible(page)
