"""A stream reopened by a session checked moments ago (progress/recent_checks.py), and what still holds."""

import asyncio
import re
import time

import httpx
from django.contrib.sessions.models import Session
from django.test import RequestFactory

from progress.recent_checks import RecentChecks
from tests.sse_client import SSEStream


def stream_status(server, user, cookies):
    stream = SSEStream(server.url, f"/api/v1/sse/progress/stream/{user.pk}", cookies=cookies)
    stream.close()
    return stream.status_code


def log_out_through(server, cookies):
    """Log out with the site's own form, as the browser does."""
    with httpx.Client(base_url=server.url, cookies=cookies, timeout=10) as client:
        page = client.get("/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        client.post("/accounts/logout/", data={"csrfmiddlewaretoken": token})


def test_a_checked_session_still_cannot_open_another_users_stream(app_server, alice, bob, cookies_for):
    cookies = cookies_for(alice)
    assert stream_status(app_server, alice, cookies) == 200
    assert stream_status(app_server, bob, cookies) == 403


def test_a_logout_stops_the_session_opening_streams_at_once(app_server, alice, cookies_for):
    cookies = cookies_for(alice)
    assert stream_status(app_server, alice, cookies) == 200
    log_out_through(app_server, cookies)
    assert stream_status(app_server, alice, cookies) == 401


def test_a_session_ended_elsewhere_opens_no_stream_once_its_check_expires(start_server, alice, cookies_for):
    server = start_server(SSE_ACCESS_CHECK_SECONDS=1)
    cookies = cookies_for(alice)
    assert stream_status(server, alice, cookies) == 200
    Session.objects.all().delete()  # logged out through another web process
    time.sleep(1.2)
    assert stream_status(server, alice, cookies) == 401


def test_with_no_time_allowed_every_open_is_checked(start_server, alice, cookies_for):
    server = start_server(SSE_ACCESS_CHECK_SECONDS=0)
    cookies = cookies_for(alice)
    assert stream_status(server, alice, cookies) == 200
    Session.objects.all().delete()
    assert stream_status(server, alice, cookies) == 401


class User:
    is_authenticated = True

    def __init__(self, pk):
        self.pk = pk


def request_with_session(key):
    request = RequestFactory().get("/")
    request.COOKIES["sessionid"] = key
    return request


def test_it_remembers_the_newest_sessions_only(settings):
    settings.SSE_ACCESS_CHECK_SECONDS = 10
    checks = RecentChecks(max_sessions=2)
    for n in (1, 2, 3):
        checks.remember(request_with_session(f"key-{n}"), User(n))
    assert [checks.allows(request_with_session(f"key-{n}"), str(n)) for n in (1, 2, 3)] == [False, True, True]


def test_opens_of_one_session_arriving_together_share_one_check(settings):
    settings.SSE_ACCESS_CHECK_SECONDS = 10
    checks, calls = RecentChecks(), []

    def authorise(request, user_id):
        calls.append(user_id)
        time.sleep(0.05)  # the session and user queries

    async def open_five():
        requests = [request_with_session("key-1") for _ in range(5)]
        for request in requests:
            request.user = User(1)
        return await asyncio.gather(*(checks.check(request, "1", authorise) for request in requests))

    assert asyncio.run(open_five()) == [None] * 5
    assert calls == ["1"]
