"""sse_service.js in chromium: the tabs of one user in one browser share one stream.

Eight tabs of one browser (one Playwright context) each connect an SSEService for the same user. One of
them holds the stream and relays it; the server counts one stream; every tab gets every event once, in
order, also while the tab holding the stream closes and another takes it over.
"""

import time

import pytest

from progress.sse_manager import sse_manager

pytestmark = pytest.mark.browser

TABS = 8

# Connect a service for `userId` and record what it emits on window.
CONNECT = """async (userId) => {
  const { SSEService } = await import("/static/progress/sse_service.js");
  const service = new SSEService();
  window.progressService = service;
  window.seen = [];
  service.onProgress((progress, meta) => window.seen.push(meta.id));
  service.connect(userId);
}"""


@pytest.fixture
def open_tabs(browser, web, cookies_for):
    """open_tabs(user, count) -> `count` pages of one browser context, each with a connected service."""
    contexts, errors = [], []

    def open_(user, count):
        context = browser.new_context(base_url=web.url)
        context.add_cookies(
            [{"name": name, "value": value, "url": web.url} for name, value in cookies_for(user).items()]
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        pages = []
        for _ in range(count):
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto("/")
            page.evaluate(CONNECT, str(user.pk))
            pages.append(page)
        for page in pages:
            page.wait_for_function("window.progressService.state === 'open'")
        return pages

    yield open_
    for context in contexts:
        context.close()
    assert errors == [], f"a page raised: {errors}"


def publish(user, first, count):
    return [
        str(sse_manager.update_progress(user.pk, {"batch_id": "b1", "completed": n, "total": 99}))
        for n in range(first, first + count)
    ]


def wait_for_events(pages, count):
    for page in pages:
        page.wait_for_function(f"window.seen.length >= {count}")


def open_streams(user, want, timeout=10):
    """The user's open streams as the server counts them, once it counts `want` (or the timeout passes)."""
    deadline = time.monotonic() + timeout
    while True:
        count = sse_manager.connection_stats()["per_user"].get(str(user.pk), 0)
        if count == want or time.monotonic() > deadline:
            return count
        time.sleep(0.1)


def test_eight_tabs_share_one_stream_and_each_gets_every_event_once(open_tabs, alice):
    pages = open_tabs(alice, TABS)
    assert open_streams(alice, 1) == 1
    roles = sorted(page.evaluate("window.progressService.role") for page in pages)
    assert roles == ["follower"] * (TABS - 1) + ["leader"]

    ids = publish(alice, 1, 10)
    wait_for_events(pages, 10)
    time.sleep(0.3)  # a duplicate would arrive by now
    for page in pages:
        assert page.evaluate("window.seen") == ids


def test_when_the_tab_holding_the_stream_closes_another_takes_over_without_a_gap(open_tabs, alice):
    pages = open_tabs(alice, TABS)
    ids = publish(alice, 1, 5)
    wait_for_events(pages, 5)
    leader = next(page for page in pages if page.evaluate("window.progressService.role") == "leader")
    pages.remove(leader)

    leader.close()
    ids += publish(alice, 6, 5)  # while the stream changes hands
    time.sleep(0.5)
    ids += publish(alice, 11, 5)
    wait_for_events(pages, 15)
    time.sleep(0.3)
    for page in pages:
        assert page.evaluate("window.seen") == ids
    assert sum(page.evaluate("window.progressService.role") == "leader" for page in pages) == 1
    assert open_streams(alice, 1) == 1


def test_a_tab_that_joins_late_gets_the_latest_progress_at_once(open_tabs, alice):
    (first,) = open_tabs(alice, 1)
    ids = publish(alice, 1, 3)
    wait_for_events([first], 3)
    page = first.context.new_page()
    page.goto("/")
    page.evaluate(CONNECT, str(alice.pk))
    page.wait_for_function("window.seen.length >= 1")
    assert page.evaluate("window.seen") == ids[-1:]
    assert page.evaluate("window.progressService.role") == "follower"
    assert open_streams(alice, 1) == 1
