"""The load client of bench/compare.py: many SSE streams from one asyncio process, loopback only.

One `asyncio.Protocol` per connection, HTTP/1.1 with a chunked body parsed by hand, SSE blocks split on
blank lines. The same client reads all three servers (ours, django-eventstream's view, sse-starlette):

- a connection is *ready* once the first complete SSE block arrived (ours: `retry:`, peer 1: its padding
  comment and `stream-open`, peer 2: `retry:`), i.e. once the server has fixed where the stream starts;
- an *event* is a block with a `data: {` line (a JSON object); other blocks (comments, keep-alives,
  `stream-open`) are counted apart. Events are kept raw, with their receive time, and decoded after the
  measurement (`decode`), so that the client spends as little CPU as possible while it is being timed.

A `Stream` is one logical stream of a user; it may use several connections in turn (the reconnect storm
drops a connection after N events and resumes it with `Last-Event-ID`).

Two kinds of client (`HEADERS`): "browser" sends what Chromium's EventSource sends (`Accept`,
`Cache-Control`, `Accept-Encoding: gzip, deflate, br, zstd`, a User-Agent), so a server that compresses
does; "bare" sends no optional header at all. A gzip body is inflated as it arrives.
"""

import asyncio
import json
import time
import zlib

HOST = "127.0.0.1"

# The optional request headers of each kind of client (Host, Cookie and Last-Event-ID come on top).
HEADERS = {
    "browser": [
        "Accept: text/event-stream",
        "Cache-Control: no-cache",
        "Accept-Encoding: gzip, deflate, br, zstd",
        "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Safari/537.36",
    ],
    "bare": [],
}


class Stream:
    """One logical SSE stream of one user, across reconnects."""

    __slots__ = (
        "index", "user_id", "path", "cookie", "events", "count", "last_id", "error", "conn", "ready_at",
        "drop_after", "dropped", "drop_at", "resumed_at", "resume_error", "other_blocks", "headers",
    )  # fmt: skip

    def __init__(self, index, user_id, path, cookie=None, client="browser"):
        self.index = index
        self.user_id = user_id
        self.path = path
        self.cookie = cookie
        self.events = []  # (receive time, raw block) of every event, over every connection
        self.count = 0
        self.last_id = None  # raw `id:` of the last event received (only tracked when dropping)
        self.error = None
        self.conn = None
        self.ready_at = None
        self.drop_after = None  # close the connection after this many events, then resume
        self.dropped = False
        self.drop_at = None
        self.resumed_at = None
        self.resume_error = None
        self.other_blocks = 0
        self.headers = HEADERS[client]

    def request(self, port, last_event_id=None):
        lines = [f"GET {self.path} HTTP/1.1", f"Host: {HOST}:{port}", *self.headers]
        if self.cookie:
            lines.append(f"Cookie: sessionid={self.cookie}")
        if last_event_id is not None:
            lines.append(f"Last-Event-ID: {last_event_id}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode()

    @property
    def live(self):
        return self.error is None and self.conn is not None and not self.conn.closed


class Connection(asyncio.Protocol):
    """One HTTP connection carrying a Stream."""

    __slots__ = (
        "stream", "request", "transport", "ready", "status", "closed", "chunked", "in_body",
        "chunk_left", "buf", "sse", "on_drop", "stopped", "inflate",
    )  # fmt: skip

    def __init__(self, stream, request, loop, on_drop=None):
        self.stream = stream
        self.request = request
        self.transport = None
        self.ready = loop.create_future()
        self.status = None
        self.closed = False
        self.chunked = False
        self.in_body = False
        self.chunk_left = -1
        self.buf = bytearray()
        self.sse = bytearray()
        self.on_drop = on_drop
        self.stopped = False
        self.inflate = None  # a gzip body's decoder

    def connection_made(self, transport):
        self.transport = transport
        transport.write(self.request)

    def connection_lost(self, exc):
        self.closed = True
        if not self.ready.done():
            self.ready.set_result(f"closed before ready ({exc or 'EOF'})")

    def fail(self, error):
        if not self.ready.done():
            self.ready.set_result(error)
        self.close()

    def close(self):
        self.stopped = True
        if self.transport is not None:
            self.transport.abort()  # RST, like a browser tab that goes away; frees the fd at once

    def data_received(self, data):
        if self.stopped:
            return
        now = time.time()
        buf = self.buf
        buf += data
        if not self.in_body:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                if len(buf) > 65536:
                    self.fail("response head too large")
                return
            head = bytes(buf[:end]).lower()
            del buf[: end + 4]
            try:
                self.status = int(head.split(b" ", 2)[1])
            except (IndexError, ValueError):
                self.fail("bad status line")
                return
            if self.status != 200:
                self.fail(f"HTTP {self.status}")
                return
            self.chunked = b"\r\ntransfer-encoding: chunked" in head
            if b"\r\ncontent-encoding: gzip" in head:
                self.inflate = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress
            self.in_body = True
        start = len(self.sse)
        if self.chunked:
            while True:
                if self.chunk_left < 0:
                    line_end = buf.find(b"\r\n")
                    if line_end < 0:
                        break
                    size = int(bytes(buf[:line_end]).split(b";", 1)[0], 16)
                    del buf[: line_end + 2]
                    if size == 0:
                        self.close()
                        break
                    self.chunk_left = size
                if len(buf) < self.chunk_left + 2:
                    break
                self.sse += buf[: self.chunk_left]
                del buf[: self.chunk_left + 2]
                self.chunk_left = -1
        else:
            self.sse += buf
            buf.clear()
        if self.inflate is not None and len(self.sse) > start:
            self.sse[start:] = self.inflate(self.sse[start:])
        self.parse(now)

    def parse(self, now):
        sse = self.sse
        stream = self.stream
        while not self.stopped:
            end = sse.find(b"\n\n")
            if end < 0:
                return
            block = bytes(sse[:end])
            del sse[: end + 2]
            if not self.ready.done():
                self.ready.set_result(None)
            if b"data: {" not in block:
                stream.other_blocks += 1
                continue
            stream.events.append((now, block))
            stream.count += 1
            if stream.drop_after is not None and not stream.dropped:
                for line in block.split(b"\n"):
                    if line.startswith(b"id: "):
                        stream.last_id = line[4:].decode()
                if stream.count >= stream.drop_after:
                    stream.dropped = True
                    stream.drop_at = time.time()
                    self.close()
                    if self.on_drop is not None:
                        self.on_drop(stream)
                    return


async def connect(stream, port, timeout, last_event_id=None, on_drop=None):
    """Open a connection for `stream` and wait until it is ready; return None or an error string."""
    loop = asyncio.get_running_loop()
    conn = Connection(stream, stream.request(port, last_event_id), loop, on_drop)
    stream.conn = conn
    try:
        await asyncio.wait_for(loop.create_connection(lambda: conn, HOST, port), timeout)
        error = await asyncio.wait_for(asyncio.shield(conn.ready), timeout)
    except TimeoutError:
        error = "timeout while opening"
    except OSError as exc:
        error = f"{type(exc).__name__}: {exc.strerror or exc}"
    if error is not None:
        conn.fail(error)
    return error


async def open_many(streams, port, concurrency, timeout, deadline):
    """Open every stream, at most `concurrency` at a time, all by `deadline` (monotonic)."""
    semaphore = asyncio.Semaphore(concurrency)

    async def one(stream):
        if time.monotonic() > deadline:
            stream.error = "not opened before the deadline"
            return
        async with semaphore:
            if time.monotonic() > deadline:
                stream.error = "not opened before the deadline"
                return
            error = await connect(stream, port, timeout)
            if error is None:
                stream.ready_at = time.time()
            else:
                stream.error = error

    tasks = [asyncio.ensure_future(one(stream)) for stream in streams]
    _, pending = await asyncio.wait(tasks, timeout=max(1.0, deadline - time.monotonic() + timeout))
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    for stream in streams:
        if stream.error is None and stream.ready_at is None:
            stream.error = "not opened before the deadline"
            if stream.conn is not None:
                stream.conn.close()
    return streams


def close_all(streams):
    for stream in streams:
        if stream.conn is not None:
            stream.conn.close()


def decode(block):
    """(event id or None, event type, data dict) of one raw event block."""
    event_id, event_type, data = None, "message", []
    for line in block.split(b"\n"):
        if line.startswith(b"data: "):
            data.append(line[6:])
        elif line.startswith(b"id: "):
            event_id = line[4:].decode()
        elif line.startswith(b"event: "):
            event_type = line[7:].decode()
    try:
        payload = json.loads(b"\n".join(data))
    except ValueError:
        payload = {}
    return event_id, event_type, payload if isinstance(payload, dict) else {}
