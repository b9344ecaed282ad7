"""The stream's promises under load and faults: no thread or database connection per stream, nothing
lost or repeated while clients connect, several web processes, and a Redis outage.

Each of these fails on django-eventstream's own view (docs/architecture.md, "Facts measured about the
dependencies").
"""

import json
import threading
import time

import httpx
import pytest

from progress.sse_manager import sse_manager
from tests.sse_client import SSEStream


def path(user):
    return f"/api/v1/sse/progress/stream/{user.pk}"


def test_open_streams_hold_no_os_thread_each(app_server, alice, cookies_for):
    before = app_server.thread_count()
    streams = [SSEStream(app_server.url, path(alice), cookies=cookies_for(alice)) for _ in range(10)]
    try:
        sse_manager.update_progress(alice.pk, {"completed": 1})
        for stream in streams:
            stream.next_event()
        assert app_server.thread_count() <= before + 2
    finally:
        for stream in streams:
            stream.close()


def test_open_streams_hold_no_database_connection_each(app_server, alice, cookies_for, django_db_blocker):
    streams = [SSEStream(app_server.url, path(alice), cookies=cookies_for(alice)) for _ in range(5)]
    try:
        sse_manager.update_progress(alice.pk, {"completed": 1})
        for stream in streams:
            stream.next_event()
        # At most the one that the stream route's shared thread keeps for the next open.
        assert database_connections_of(app_server, django_db_blocker) <= 1
    finally:
        for stream in streams:
            stream.close()


def database_connections_of(server, django_db_blocker):
    from django.db import connection

    if connection.vendor == "sqlite":
        name = connection.settings_dict["NAME"]
        return sum(1 for target in server.open_files() if target.startswith(str(name)))
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_clients_connecting_during_publishing_miss_nothing_and_get_nothing_twice(
    app_server, alice, cookies_for
):
    # django-eventstream's "conflict" re-read loses or repeats events published during a client's first read.
    total, stop = 300, threading.Event()
    published = []

    def publish():
        for n in range(1, total + 1):
            published.append(sse_manager.update_progress(alice.pk, {"completed": n, "total": total}))
            time.sleep(0.002)
        stop.set()

    publisher = threading.Thread(target=publish)
    publisher.start()
    streams = []
    while not stop.is_set() and len(streams) < 8:
        streams.append(SSEStream(app_server.url, path(alice), cookies=cookies_for(alice)))
        time.sleep(0.05)
    publisher.join()
    try:
        for stream in streams:
            ids = []
            while not ids or ids[-1] != published[-1]:
                ids.append(int(stream.next_event(timeout=5).id))
            assert ids == list(range(ids[0], published[-1] + 1))  # each once, in order, to the end
    finally:
        for stream in streams:
            stream.close()


def test_an_event_from_a_third_process_reaches_streams_on_two_web_processes(start_server, alice, cookies_for):
    one, two = start_server(), start_server()
    streams = [SSEStream(server.url, path(alice), cookies=cookies_for(alice)) for server in (one, two)]
    try:
        event_id = sse_manager.update_progress(alice.pk, {"completed": 7})
        assert [s.next_event().id for s in streams] == [str(event_id)] * 2
    finally:
        for stream in streams:
            stream.close()


def test_a_reconnect_to_another_web_process_resumes_without_loss(start_server, alice, cookies_for):
    one, two = start_server(), start_server()
    first = SSEStream(one.url, path(alice), cookies=cookies_for(alice))
    ids = [sse_manager.update_progress(alice.pk, {"completed": n}) for n in range(1, 4)]
    seen = first.events(3)[-1].id
    one.kill()
    missed = [sse_manager.update_progress(alice.pk, {"completed": n}) for n in range(4, 6)]
    second = SSEStream(two.url, path(alice), cookies=cookies_for(alice), headers={"Last-Event-ID": seen})
    try:
        assert [e.id for e in second.events(2)] == [str(i) for i in missed]
        assert seen == str(ids[-1])
    finally:
        first.close()
        second.close()


def test_streams_recover_after_redis_is_down_for_15_seconds(own_redis, start_server, alice, cookies_for):
    server = start_server(redis_url=own_redis.url)
    stream = SSEStream(server.url, path(alice), cookies=cookies_for(alice), timeout=30)
    before = sse_manager.update_progress(alice.pk, {"completed": 1})
    assert stream.next_event().id == str(before)
    own_redis.stop()
    time.sleep(15)
    own_redis.start()  # empty: it kept nothing on disk
    deadline = time.monotonic() + 10
    after = None
    while time.monotonic() < deadline:
        after = sse_manager.update_progress(alice.pk, {"completed": 2, "after_outage": True})
        event = stream.next_event(timeout=5)
        if event.type == "progress" and json.loads(event.data).get("after_outage"):
            break
    else:
        pytest.fail("no event after Redis came back")
    assert after is not None
    assert httpx.get(f"{server.url}/accounts/login/").status_code == 200
    stream.close()
