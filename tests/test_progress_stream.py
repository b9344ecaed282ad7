"""GET /api/v1/sse/progress/stream/<user_id> against a real uvicorn, read with a real HTTP client."""

import json
import time

import httpx
import pytest

from progress.sse_manager import sse_manager
from tests.sse_client import SSEStream


@pytest.fixture
def open_stream(app_server, cookies_for):
    opened = []

    def open_(user, target=None, path_suffix="", headers=None):
        path = f"/api/v1/sse/progress/stream/{(target or user).pk}{path_suffix}"
        stream = SSEStream(app_server.url, path, cookies=cookies_for(user), headers=headers)
        opened.append(stream)
        return stream

    yield open_
    for stream in opened:
        stream.close()


def step(n, total=5):
    return {"batch_id": "b1", "completed": n, "total": total, "status": "processing", "message": f"{n}"}


def test_it_streams_with_sse_headers_and_a_retry_line(alice, open_stream):
    stream = open_stream(alice)
    sse_manager.update_progress(alice.pk, step(1))
    stream.next_event()
    assert stream.response.headers["content-type"].startswith("text/event-stream")
    assert stream.response.headers["cache-control"] == "no-cache"
    assert stream.response.headers["x-accel-buffering"] == "no"
    assert "connection" not in stream.response.headers or stream.response.http_version != "HTTP/2"
    assert stream.parser.retry == 3000


def test_it_delivers_events_in_order_with_data_unchanged(alice, open_stream):
    stream = open_stream(alice)
    sent = [{**step(n), "nested": {"ü": [n, None, True]}, "line": "a\nb"} for n in range(1, 6)]
    ids = [sse_manager.update_progress(alice.pk, data) for data in sent]
    events = stream.events(5)
    assert [event.type for event in events] == ["progress"] * 5
    assert [event.id for event in events] == [str(i) for i in ids]
    assert [{k: v for k, v in json.loads(e.data).items() if k != "timestamp"} for e in events] == sent


def test_every_stream_of_the_user_gets_each_event(alice, open_stream):
    streams = [open_stream(alice) for _ in range(3)]
    sse_manager.update_progress(alice.pk, step(1))
    assert [json.loads(s.next_event().data)["completed"] for s in streams] == [1, 1, 1]


def test_another_users_stream_gets_nothing(alice, bob, open_stream):
    bobs = open_stream(bob)
    sse_manager.update_progress(alice.pk, step(1))
    with pytest.raises(TimeoutError):
        bobs.next_event(timeout=1.5)


def test_a_fresh_connect_starts_with_the_latest_event(alice, open_stream):
    for n in range(1, 4):
        sse_manager.update_progress(alice.pk, step(n))
    stream = open_stream(alice)
    first = stream.next_event()
    assert json.loads(first.data)["completed"] == 3
    sse_manager.update_progress(alice.pk, step(4))
    assert json.loads(stream.next_event().data)["completed"] == 4


def test_it_resumes_after_the_last_event_id_header(alice, open_stream):
    ids = [sse_manager.update_progress(alice.pk, step(n)) for n in range(1, 6)]
    stream = open_stream(alice, headers={"Last-Event-ID": str(ids[1])})
    assert [e.id for e in stream.events(3)] == [str(i) for i in ids[2:]]
    later = sse_manager.update_progress(alice.pk, step(6))
    assert stream.next_event().id == str(later)


def test_it_resumes_after_the_last_event_id_query_parameter(alice, open_stream):
    ids = [sse_manager.update_progress(alice.pk, step(n)) for n in range(1, 4)]
    stream = open_stream(alice, path_suffix=f"?lastEventId={ids[0]}")
    assert [e.id for e in stream.events(2)] == [str(i) for i in ids[1:]]
    with pytest.raises(TimeoutError):
        stream.next_event(timeout=1.5)


def test_a_client_that_is_up_to_date_gets_only_new_events(alice, open_stream):
    last = [sse_manager.update_progress(alice.pk, step(n)) for n in range(1, 4)][-1]
    stream = open_stream(alice, headers={"Last-Event-ID": str(last)})
    newer = sse_manager.update_progress(alice.pk, step(4))
    assert stream.next_event().id == str(newer)


def test_a_too_old_id_gets_stream_reset_then_the_latest(alice, open_stream, settings):
    settings.PROGRESS_STREAM_MAXLEN = 1
    # MAXLEN ~ trims whole nodes: publish enough that the first events are certainly gone.
    ids = [sse_manager.update_progress(alice.pk, step(n, total=300)) for n in range(1, 301)]
    stream = open_stream(alice, headers={"Last-Event-ID": "1"})
    reset, latest = stream.events(2)
    assert reset.type == "stream-reset"
    assert latest.id == str(ids[-1])


def test_an_id_ahead_of_the_stream_gets_stream_reset(alice, open_stream):
    event_id = sse_manager.update_progress(alice.pk, step(1))
    stream = open_stream(alice, headers={"Last-Event-ID": str(event_id + 500)})
    reset, latest = stream.events(2)
    assert reset.type == "stream-reset"
    assert json.loads(reset.data)["reason"] == "ahead"
    assert json.loads(latest.data)["completed"] == 1


def test_keep_alive_comments_arrive_on_an_idle_stream(alice, open_stream):
    stream = open_stream(alice)
    assert stream.wait_for_comment(timeout=5) == "keep-alive"


def test_it_refuses_anonymous_users_with_401(app_server, alice):
    stream = SSEStream(app_server.url, f"/api/v1/sse/progress/stream/{alice.pk}")
    assert stream.status_code == 401
    stream.close()


def test_it_refuses_another_user_with_403(alice, bob, open_stream):
    assert open_stream(bob, target=alice).status_code == 403


def test_staff_may_watch_any_user(alice, staff, open_stream):
    stream = open_stream(staff, target=alice)
    sse_manager.update_progress(alice.pk, step(1))
    assert json.loads(stream.next_event().data)["completed"] == 1


def test_a_malformed_id_gets_404(app_server, alice, cookies_for):
    stream = SSEStream(app_server.url, "/api/v1/sse/progress/stream/1x", cookies=cookies_for(alice))
    assert stream.status_code == 404
    stream.close()


def streams_open_for(app_server, user, cookies_for, staff):
    """The user's open streams, as staff see them on the connections endpoint."""
    body = httpx.get(f"{app_server.url}/api/v1/sse/connections/status", cookies=cookies_for(staff)).json()
    return body["per_user"].get(str(user.pk), 0)


def wait_until_closed(app_server, user, cookies_for, staff):
    deadline = time.monotonic() + 5
    while streams_open_for(app_server, user, cookies_for, staff):
        assert time.monotonic() < deadline, "the stream's slot was not given back"
        time.sleep(0.1)


@pytest.mark.parametrize("where", ["query", "header"])
def test_an_id_of_thousands_of_digits_is_ahead_and_gives_its_slot_back(
    alice, staff, open_stream, app_server, cookies_for, where
):
    sse_manager.update_progress(alice.pk, step(1))
    huge = "9" * 5000
    if where == "query":
        stream = open_stream(alice, path_suffix=f"?lastEventId={huge}")
    else:
        stream = open_stream(alice, headers={"Last-Event-ID": huge})
    reset, latest = stream.events(2)
    assert json.loads(reset.data)["reason"] == "ahead"
    assert json.loads(latest.data)["completed"] == 1
    stream.close()
    wait_until_closed(app_server, alice, cookies_for, staff)


def test_an_id_above_2_to_the_64_is_ahead_not_a_redis_outage(alice, open_stream):
    sse_manager.update_progress(alice.pk, step(1))
    stream = open_stream(alice, headers={"Last-Event-ID": str(2**64)})
    assert stream.status_code == 200
    reset, latest = stream.events(2)
    assert json.loads(reset.data)["reason"] == "ahead"


def test_a_user_id_of_thousands_of_digits_gets_404(app_server, alice, cookies_for):
    path = f"/api/v1/sse/progress/stream/{'9' * 4400}"
    stream = SSEStream(app_server.url, path, cookies=cookies_for(alice))
    assert stream.status_code == 404
    assert stream.response.read() and stream.response.json()["error"] == "not_found"
    stream.close()
