"""/test-sse in chromium: connect, send test progress, watch the log, the light and the connection count."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_staff_connect_send_a_fake_batch_and_see_it_arrive(open_page, staff):
    page = open_page(staff)
    page.goto("/test-sse")
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(page.locator("#light")).to_have_attribute("data-state", "open")
    expect(page.locator("#connections")).to_have_text("1", timeout=10_000)

    page.get_by_role("button", name="Send test progress").click()
    expect(page.locator("#log")).to_contain_text("completed 10/10", timeout=15_000)
    expect(page.locator("#log li.log-progress")).to_have_count(12)  # queued, ten files, completed

    page.get_by_role("button", name="Disconnect").click()
    expect(page.locator("#state")).to_have_text("closed")
