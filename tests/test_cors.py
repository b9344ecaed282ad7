"""CORS for a separate front end: off by default, on with CORS_ALLOWED_ORIGINS, with credentials."""

import httpx

from progress.sse_manager import sse_manager
from tests.sse_client import SSEStream

FRONT_END = "http://app.example.test"


def test_it_is_off_by_default(app_server, alice, cookies_for):
    response = httpx.get(
        f"{app_server.url}/api/v1/sse/progress/status/{alice.pk}",
        cookies=cookies_for(alice),
        headers={"Origin": FRONT_END},
    )
    assert "access-control-allow-origin" not in response.headers


def test_the_allowed_origin_may_read_the_stream_with_credentials(start_server, alice, cookies_for):
    server = start_server(CORS_ALLOWED_ORIGINS=FRONT_END)
    stream = SSEStream(server.url, f"/api/v1/sse/progress/stream/{alice.pk}", cookies=cookies_for(alice),
                       headers={"Origin": FRONT_END})  # fmt: skip
    sse_manager.update_progress(alice.pk, {"completed": 1})
    stream.next_event()
    assert stream.response.headers["access-control-allow-origin"] == FRONT_END
    assert stream.response.headers["access-control-allow-credentials"] == "true"
    stream.close()


def test_a_preflight_allows_last_event_id(start_server):
    server = start_server(CORS_ALLOWED_ORIGINS=FRONT_END)
    response = httpx.options(
        f"{server.url}/api/v1/sse/progress/status/1",
        headers={"Origin": FRONT_END, "Access-Control-Request-Method": "GET",
                 "Access-Control-Request-Headers": "last-event-id"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "last-event-id" in response.headers["access-control-allow-headers"]


def test_other_origins_are_not_allowed(start_server, alice, cookies_for):
    server = start_server(CORS_ALLOWED_ORIGINS=FRONT_END)
    response = httpx.get(
        f"{server.url}/api/v1/sse/progress/status/{alice.pk}",
        cookies=cookies_for(alice),
        headers={"Origin": "http://evil.example.test"},
    )
    assert "access-control-allow-origin" not in response.headers
