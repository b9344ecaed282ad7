"""Peer 2 of bench/compare.py: a minimal sse-starlette app, one `XREAD BLOCK` per open stream.

    REDIS_URL=redis://127.0.0.1:6379/0 uvicorn bench.peer2_app:app

`GET /events/<channel>` streams the Redis stream `<channel>` (the publisher XADDs `d=<json>` to it). The
start is fixed before the first byte goes out: `Last-Event-ID` when the client sends one, otherwise the
stream's current top (XREVRANGE COUNT 1), so an event published after the client saw the `retry:` line is
never missed (reading from `$` would lose some; docs/architecture.md). Then one blocking XREAD per
stream, each on its own pooled connection. No authentication.
"""

import os

import redis.asyncio
from sse_starlette.sse import EventSourceResponse
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

BLOCK_MS = 15_000

client = redis.asyncio.Redis.from_url(
    os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
    max_connections=100_000,  # one connection per blocked XREAD: the pool must not cap streams
    socket_timeout=None,  # a timeout shorter than BLOCK would cut the read off
    socket_connect_timeout=5,
)


async def events(request):
    channel = request.path_params["channel"]
    last_id = request.headers.get("last-event-id")
    if not last_id:
        top = await client.xrevrange(channel, "+", "-", count=1)
        last_id = top[0][0].decode() if top else "0-0"

    async def stream(last_id=last_id):
        yield {"retry": 3000}
        while True:
            reply = await client.xread({channel: last_id}, block=BLOCK_MS)
            for _, entries in reply or ():
                for entry_id, fields in entries:
                    last_id = entry_id.decode()
                    yield {"event": "message", "id": last_id, "data": fields[b"d"].decode()}

    return EventSourceResponse(stream(), sep="\n")


async def health(request):
    return PlainTextResponse("ok")


app = Starlette(routes=[Route("/events/{channel}", events), Route("/health", health)])
