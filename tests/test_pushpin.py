"""Pushpin in front of the stream endpoint (GRIP): Pushpin holds the streams, the web process none."""

import json
import subprocess
import sys
import time

import httpx
import pytest

from tests.servers import ROOT
from tests.sse_client import SSEStream


def open_through(pushpin, user, cookies, timeout=10, headers=None):
    """A stream through Pushpin, retried while Pushpin is still wiring its halves together at start-up
    (it answers 500 "Accept service unavailable" then, or drops the connection unanswered; a browser's
    EventSource retries both the same way)."""
    deadline = time.monotonic() + timeout
    while True:
        path = f"/api/v1/sse/progress/stream/{user.pk}"
        try:
            stream = SSEStream(pushpin.url, path, cookies=cookies, headers=headers, timeout=20)
        except httpx.RemoteProtocolError:
            if time.monotonic() > deadline:
                raise
        else:
            if stream.status_code != 500 or time.monotonic() > deadline:
                return stream
            stream.close()
        time.sleep(0.2)


def publish_demo(server, user, steps):
    """Publish a fake batch from another process, as an RQ job would (it publishes to Pushpin too)."""
    command = [sys.executable, "manage.py", "demo_progress", "--user", str(user.pk), "--steps", str(steps),
               "--delay", "0"]  # fmt: skip
    subprocess.run(command, cwd=ROOT, env=server.env, check=True, capture_output=True)


def test_events_stream_through_pushpin(proxied, alice, cookies_for):
    pushpin, server = proxied
    stream = open_through(pushpin, alice, cookies_for(alice))
    assert stream.next_event().type == "stream-open"  # Pushpin holds the channel from here on
    publish_demo(server, alice, steps=3)
    events = []
    while not events or json.loads(events[-1].data)["status"] != "completed":
        event = stream.next_event()
        if event.type == "progress":
            events.append(event)
    assert len(events) == 5  # queued, three files, completed
    assert all(e.id.startswith(f"user-{alice.pk}:") for e in events)
    stream.close()


@pytest.mark.parametrize("last_id", ["9" * 5000, str(2**64), "abc", ""])
def test_a_resume_id_no_stream_can_hold_gets_a_reset_through_pushpin(proxied, alice, cookies_for, last_id):
    pushpin, server = proxied
    publish_demo(server, alice, steps=1)
    stream = open_through(
        pushpin, alice, cookies_for(alice), headers={"Last-Event-ID": f"user-{alice.pk}:{last_id}"}
    )
    assert stream.status_code == 200
    types = {stream.next_event().type for _ in range(2)}
    assert "stream-reset" in types
    stream.close()


def test_the_web_process_holds_none_of_the_streams(proxied, alice, staff, cookies_for):
    pushpin, server = proxied
    streams = [open_through(pushpin, alice, cookies_for(alice)) for _ in range(20)]
    assert {stream.next_event().type for stream in streams} == {"stream-open"}
    publish_demo(server, alice, steps=1)
    for stream in streams:
        assert stream.next_event().type == "progress"
    counts = httpx.get(f"{server.url}/api/v1/sse/connections/status", cookies=cookies_for(staff)).json()
    assert counts["per_user"].get(str(alice.pk), 0) == 0  # alice's 20 streams are all Pushpin's
    for stream in streams:
        stream.close()


def test_pushpin_still_asks_who_you_are(proxied, alice, bob, cookies_for):
    pushpin, _ = proxied
    stream = open_through(pushpin, alice, cookies_for(bob))
    assert stream.status_code == 403
    stream.close()
