"""A client that stops reading is cut off with bounded memory, without slowing anyone else."""

import socket
import threading
import time

from progress.sse_manager import sse_manager
from tests.sse_client import SSEStream

PADDING = "x" * 8000


def stalled_stream(server, user, cookies):
    """Open a stream over a raw socket with a small receive buffer, read the headers, then stop reading."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect(("127.0.0.1", server.port))
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    request = f"GET /api/v1/sse/progress/stream/{user.pk} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    request += f"Cookie: {cookie}\r\n\r\n"
    sock.sendall(request.encode())
    assert b" 200 " in sock.recv(1024)
    return sock


def drain_until_closed(sock, timeout=20):
    """Read what is left; return (bytes read, whether the server closed the connection)."""
    sock.settimeout(timeout)
    received = 0
    while True:
        chunk = sock.recv(1 << 20)
        if not chunk:
            return received, True
        received += len(chunk)


def test_a_stalled_client_is_cut_off_and_others_get_every_event(start_server, alice, cookies_for):
    server = start_server(SSE_MAX_QUEUED_EVENTS=50)
    stalled = stalled_stream(server, alice, cookies_for(alice))
    reader = SSEStream(server.url, f"/api/v1/sse/progress/stream/{alice.pk}", cookies=cookies_for(alice))
    rss_before = server.rss_bytes()
    received_ids = []
    reading = threading.Thread(target=lambda: received_ids.extend(int(e.id) for e in reader.events(2000)))
    reading.start()
    ids = []
    for n in range(2000):
        ids.append(sse_manager.update_progress(alice.pk, {"completed": n, "pad": PADDING}))
        if n % 20 == 0:
            time.sleep(0.01)  # a steady flow that a reading client keeps up with
    reading.join(30)
    assert received_ids == ids
    growth = server.rss_bytes() - rss_before
    # Cut off while it still has not read a byte more: only the reading client is left open.
    deadline = time.monotonic() + 10
    while sse_manager.connection_stats()["per_user"].get(str(alice.pk)) != 1:
        assert time.monotonic() < deadline, "the stalled stream was not cut off"
        time.sleep(0.1)
    received, closed = drain_until_closed(stalled)
    assert closed and received < 2000 * len(PADDING)
    assert growth < 8 * 1024 * 1024  # 16 MB were published; the stalled stream held at most ~50 events
    reader.close()
    stalled.close()
