"""progress/static/progress/sse_service.js in chromium: how it stops, and how it recovers from a reset.

Each test imports the module into a page of the app and drives an SSEService from page.evaluate().
"""

import httpx
import pytest

from progress.sse_manager import sse_manager
from tests.browser.conftest import server_env
from tests.servers import AppServer

pytestmark = pytest.mark.browser

# Connect, and resolve with the first error that stops the service, plus its last connection state.
STOPPED_BY = """async (userId) => {
  const { SSEService } = await import("/static/progress/sse_service.js");
  const service = new SSEService();
  const states = [];
  service.onConnection((state) => states.push(state));
  const error = await new Promise((resolve) => {
    service.onError((e) => { if (e.fatal) resolve(e); });
    service.connect(userId);
  });
  return { status: error.status, message: error.message, states };
}"""

# Connect after `lastEventId`, and resolve with the first progress (and its meta) from the status endpoint.
AFTER_RESET = """async ([userId, lastEventId]) => {
  const { SSEService } = await import("/static/progress/sse_service.js");
  const service = new SSEService();
  const seen = [];
  const fromStatus = await new Promise((resolve) => {
    service.onProgress((progress, meta) => {
      seen.push(meta);
      if (meta.source === "status") resolve({ progress, meta });
    });
    service.connect(userId, { lastEventId });
  });
  service.disconnect();
  return { ...fromStatus, seen };
}"""


def test_it_stops_and_says_why_when_the_stream_is_forbidden(open_page, alice, bob):
    page = open_page(bob)
    page.goto("/")
    result = page.evaluate(STOPPED_BY, str(alice.pk))
    assert result["status"] == 403 and "may not see" in result["message"]
    assert result["states"][-1] == "closed"


@pytest.fixture
def one_stream_server(redis_server, db_url, media_root, tmp_path):
    """A server that allows each user one open stream."""
    env = {**server_env(redis_server, db_url, media_root), "SSE_MAX_STREAMS_PER_USER": "1"}
    server = AppServer(env, log_dir=tmp_path).start()
    yield server
    server.stop()


def test_it_stops_and_says_why_when_too_many_streams_are_open(
    open_page, alice, one_stream_server, cookies_for
):
    stream_url = f"{one_stream_server.url}/api/v1/sse/progress/stream/{alice.pk}"
    with httpx.stream("GET", stream_url, cookies=cookies_for(alice)) as first:
        assert first.status_code == 200
        page = open_page(alice)  # the session cookie is the same for every port of 127.0.0.1
        page.goto(f"{one_stream_server.url}/")
        result = page.evaluate(STOPPED_BY, str(alice.pk))
    assert result["status"] == 429 and "Too many" in result["message"]


def test_a_stream_reset_makes_it_fetch_the_latest_progress(open_page, alice):
    progress = {"batch_id": "b1", "completed": 2, "total": 5, "status": "processing"}
    sse_manager.update_progress(alice.pk, progress)
    page = open_page(alice)
    page.goto("/")
    ahead = str(2**60)  # an id the stream has never reached: the server answers stream-reset
    result = page.evaluate(AFTER_RESET, [str(alice.pk), ahead])
    assert result["progress"]["completed"] == 2 and result["meta"]["reset"] == "ahead"
    # The latest event that follows the reset is taken although its id is far below the one we sent.
    assert result["seen"][0]["source"] == "stream" and int(result["seen"][0]["id"]) < 2**60
