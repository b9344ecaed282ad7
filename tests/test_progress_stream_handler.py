"""The stream route's own way in (progress/stream_handler.py): the project's rules, fewer middleware."""

import httpx
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from progress.stream_handler import stream_middleware
from tests.sse_client import SSEStream

STREAM = "/api/v1/sse/progress/stream/{}"


def test_a_stream_carries_the_security_headers_of_every_response(app_server, alice, cookies_for):
    stream = SSEStream(app_server.url, STREAM.format(alice.pk), cookies=cookies_for(alice))
    try:
        assert stream.status_code == 200
        assert stream.response.headers["x-content-type-options"] == "nosniff"
        assert "Cookie" in stream.response.headers["vary"]
    finally:
        stream.close()


def test_a_session_that_was_logged_out_gets_401(app_server, alice, cookies_for):
    cookies = cookies_for(alice)
    session = SessionStore(session_key=next(iter(cookies.values())))
    session.pop(SESSION_KEY)
    session.save()
    response = httpx.get(app_server.url + STREAM.format(alice.pk), cookies=cookies, timeout=10)
    assert response.status_code == 401 and response.json()["error"] == "not_authenticated"


def test_cors_and_grip_stay_on_the_stream_route_and_page_middleware_does_not(settings):
    cors, grip = "corsheaders.middleware.CorsMiddleware", "django_grip.GripMiddleware"
    settings.MIDDLEWARE = [grip, *settings.MIDDLEWARE, cors]
    chain = stream_middleware()
    assert chain[0] == grip and chain[-1] == cors
    assert "django.middleware.clickjacking.XFrameOptionsMiddleware" not in chain
    assert "progress.stream_handler.StreamSessionMiddleware" in chain
