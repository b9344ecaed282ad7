"""GET /api/v1/sse/connections/status and the per-user stream cap, across web processes."""

import asyncio
import random
import socket
import struct
import time

import httpx

from tests.sse_client import SSEStream


def stats(server, cookies):
    return httpx.get(f"{server.url}/api/v1/sse/connections/status", cookies=cookies, timeout=5).json()


def alice_streams(server, alice, cookies):
    """Alice's open streams across every web process (other tests' servers may share the Redis)."""
    return stats(server, cookies)["per_user"].get(str(alice.pk), 0)


def open_streams(server, user, cookies, count):
    return [
        SSEStream(server.url, f"/api/v1/sse/progress/stream/{user.pk}", cookies=cookies) for _ in range(count)
    ]


def wait_until(predicate, timeout=10):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.1)


def test_it_counts_streams_of_every_web_process(start_server, alice, bob, staff, cookies_for):
    one, two = start_server(), start_server()
    streams = open_streams(one, alice, cookies_for(alice), 2) + open_streams(two, bob, cookies_for(bob), 1)
    try:
        body = stats(one, cookies_for(staff))
        assert body == {
            "active_connections": 3,
            "users": 2,
            "per_user": {str(alice.pk): 2, str(bob.pk): 1},
        }
    finally:
        for stream in streams:
            stream.close()


def test_counts_drop_when_streams_close(app_server, alice, staff, cookies_for):
    streams = open_streams(app_server, alice, cookies_for(alice), 2)
    streams[0].close()
    wait_until(lambda: stats(app_server, cookies_for(staff))["active_connections"] == 1)
    streams[1].close()
    wait_until(lambda: stats(app_server, cookies_for(staff))["active_connections"] == 0)


def test_counts_heal_when_a_web_process_dies(start_server, alice, staff, cookies_for):
    doomed = start_server(SSE_PRESENCE_INTERVAL_SECONDS=1)
    survivor = start_server(SSE_PRESENCE_INTERVAL_SECONDS=1)
    streams = open_streams(doomed, alice, cookies_for(alice), 3)
    assert alice_streams(survivor, alice, cookies_for(staff)) == 3
    doomed.kill()
    wait_until(lambda: alice_streams(survivor, alice, cookies_for(staff)) == 0, timeout=10)
    for stream in streams:
        stream.close()


async def hang_up_while_opening(server, user, cookies, count):
    """Ask for `count` streams and hang up on each within 0 to 20 ms, half of them with a reset."""
    request = (
        f"GET /api/v1/sse/progress/stream/{user.pk} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Accept-Encoding: gzip\r\nCookie: {'; '.join(f'{k}={v}' for k, v in cookies.items())}\r\n\r\n"
    ).encode()

    async def one():
        _, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(request)
        await asyncio.sleep(random.choice([0, 0.0005, 0.001, 0.002, 0.003, 0.005, 0.01, 0.02]))
        if random.random() < 0.5:
            writer.get_extra_info("socket").setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
        writer.close()

    for _ in range(0, count, 50):
        await asyncio.gather(*(one() for _ in range(50)))


def test_streams_whose_client_hung_up_while_opening_give_their_slot_back(
    start_server, alice, staff, cookies_for
):
    server = start_server(SSE_PRESENCE_INTERVAL_SECONDS=1, SSE_MAX_STREAMS_PER_USER=10_000)
    asyncio.run(hang_up_while_opening(server, alice, cookies_for(alice), 6000))
    time.sleep(2)  # the last of them are still being opened
    wait_until(lambda: alice_streams(server, alice, cookies_for(staff)) == 0, timeout=10)


def test_the_eleventh_stream_of_a_user_gets_429(app_server, alice, cookies_for):
    streams = open_streams(app_server, alice, cookies_for(alice), 10)
    extra = SSEStream(app_server.url, f"/api/v1/sse/progress/stream/{alice.pk}", cookies=cookies_for(alice))
    try:
        assert [s.status_code for s in streams] == [200] * 10
        assert extra.status_code == 429
        assert extra.response.read() and extra.response.json()["error"] == "too_many_streams"
    finally:
        for stream in [*streams, extra]:
            stream.close()


def test_the_cap_counts_streams_on_every_web_process(start_server, alice, cookies_for):
    one, two = start_server(SSE_MAX_STREAMS_PER_USER=2), start_server(SSE_MAX_STREAMS_PER_USER=2)
    streams = open_streams(one, alice, cookies_for(alice), 2) + open_streams(
        two, alice, cookies_for(alice), 1
    )
    try:
        assert [s.status_code for s in streams] == [200, 200, 429]
    finally:
        for stream in streams:
            stream.close()


def test_it_is_for_staff_only(app_server, alice, cookies_for):
    assert httpx.get(f"{app_server.url}/api/v1/sse/connections/status").status_code == 401
    response = httpx.get(f"{app_server.url}/api/v1/sse/connections/status", cookies=cookies_for(alice))
    assert response.status_code == 403
