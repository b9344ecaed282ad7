"""The bytes of one client's SSE stream: resume from an id, then live events, with keep-alives.

Order of work matters: the live subscription is taken *before* the stream is first read, so an event
published during that read is either in the read or in the queue (and dropped there if already sent).
Ids are dense per channel, so any hole between the last id sent and a live event's id is filled from
the stream; an id that cannot be filled (trimmed, or Redis came back empty) becomes `stream-reset`.
"""

import asyncio
import json
import logging
import time
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import SyncToAsync, sync_to_async
from django.db import connections
from redis.exceptions import RedisError

from . import conf, live, metrics, sse, streams
from .compression import gzip_encoder
from .connections import get_async_redis

logger = logging.getLogger(__name__)

PAGE = 500
RESET_EVENT = "stream-reset"
KEEPALIVE = sse.encode_comment("keep-alive")


class Lease:
    """One open stream of a user: its count in the registry and its live subscription.

    Released exactly once, when the stream ends, or when it is dropped without ever starting.
    """

    __slots__ = ("presence", "user_id", "hub", "subscription", "released", "opened", "sent")

    def __init__(self, presence, user_id, hub=None, subscription=None):
        self.presence = presence
        self.user_id = user_id
        self.hub = hub
        self.subscription = subscription
        self.released = False
        self.opened = None  # monotonic time once the stream is open
        self.sent = 0  # events sent on it

    def release(self):
        if not self.released:
            self.released = True
            if self.subscription is not None:
                self.hub.unsubscribe(self.subscription)
            self.presence.release(self.user_id)
            if self.opened is not None:
                cut_off = self.subscription is not None and self.subscription.overflowed
                reason = "cut_off" if cut_off else "ended"
                if not cut_off:
                    metrics.STREAMS_CLOSED.labels(reason).inc()
                metrics.STREAMS_OPEN.dec()
                logger.info(
                    "stream closed",
                    extra={
                        "event": "stream_closed",
                        "user_id": self.user_id,
                        "duration_s": round(time.monotonic() - self.opened, 3),
                        "events_sent": self.sent,
                        "reason": reason,
                    },
                )

    def __del__(self):
        self.release()


class _SharedExecutor(ThreadPoolExecutor):
    """One thread for the little sync work left when streams end; no single request may shut it down."""

    def shutdown(self, wait=True, *, cancel_futures=False):
        pass


# Where a stream's request sends sync work after it gave its own thread back: Django's end-of-request
# handlers (close_old_connections). Without it each ending stream would start a fresh executor thread
# (and asgiref another to join it), which made closing thousands of streams at once take seconds.
_AFTER_RELEASE = _SharedExecutor(max_workers=1, thread_name_prefix="stream-end")


async def release_request_thread():
    """Give back the request's database connection and its OS thread before the stream starts waiting.

    Django runs each ASGI request's sync work (middleware, `request.auser()`) on a one-thread executor
    that lives as long as the request: for a stream, its whole life (docs/architecture.md). Close the
    connection in that thread, then shut the executor down; later sync calls of the request go to one
    shared thread. A stream served by `progress.stream_handler` has no such thread, and closed its
    connection after its access check.
    """
    context = SyncToAsync.thread_sensitive_context.get(None)
    if context is None:
        return  # served by progress.stream_handler: no thread of its own, its connection closed already
    await sync_to_async(connections.close_all)()
    executor = SyncToAsync.context_to_thread_executor.get(context)
    SyncToAsync.context_to_thread_executor[context] = _AFTER_RELEASE
    if executor is not None and executor is not _AFTER_RELEASE:
        executor.shutdown(wait=False)


def _frame(event):
    return sse.encode_event(event.type, event.data, event.id)


async def _read_page(client, channel, after):
    return streams.parse_entries(
        await client.xrange(streams.stream_key(channel), f"({after}-0", "+", count=PAGE)
    )


async def _catch_up(channel, last_id):
    """Frames for every retained event after `last_id`, and the new last id.

    When `last_id` is not in the retained history (too old, or ahead of a stream that Redis lost), the
    frames are `stream-reset` followed by the latest event.
    """
    client = get_async_redis()
    async with client.pipeline(transaction=True) as pipe:
        pipe.get(streams.counter_key(channel))
        pipe.xrange(streams.stream_key(channel), f"({last_id}-0", "+", count=PAGE)
        head, entries = await pipe.execute()
    head = int(head) if head else 0
    events = streams.parse_entries(entries)
    # A client at 0 has seen nothing, so any retained history is a valid continuation.
    gap = events and events[0].id != last_id + 1 and last_id != 0
    if gap or (not events and head < last_id):
        return await _reset(client, channel, "too-old" if events else "ahead")
    frames = [_frame(event) for event in events]
    while len(events) == PAGE:
        last_id = events[-1].id
        events = await _read_page(client, channel, last_id)
        frames += [_frame(event) for event in events]
    if events:
        last_id = events[-1].id
    return frames, last_id


async def _reset(client, channel, reason):
    async with client.pipeline(transaction=True) as pipe:
        pipe.get(streams.counter_key(channel))
        pipe.xrevrange(streams.stream_key(channel), "+", "-", count=1)
        head, entries = await pipe.execute()
    head = int(head) if head else 0
    latest = streams.parse_entries(entries)
    metrics.RESETS.labels(reason).inc()
    logger.info("stream reset", extra={"event": "stream_reset", "channel": channel, "reason": reason})
    body = json.dumps({"reason": reason})
    if latest:
        # The latest event carries the id; the reset itself needs none.
        return [sse.encode_event(RESET_EVENT, body), _frame(latest[0])], latest[0].id
    return [sse.encode_event(RESET_EVENT, body, head)], head


async def _start(channel, resume_id):
    """Frames to send first, and the last id they leave the client at."""
    if resume_id is not None:
        if resume_id < 0:
            return await _reset(get_async_redis(), channel, "unknown-id")
        return await _catch_up(channel, resume_id)
    client = get_async_redis()
    async with client.pipeline(transaction=True) as pipe:
        pipe.get(streams.counter_key(channel))
        pipe.xrevrange(streams.stream_key(channel), "+", "-", count=1)
        head, entries = await pipe.execute()
    latest = streams.parse_entries(entries)
    if latest:
        return [_frame(latest[0])], latest[0].id
    return [], int(head) if head else 0


async def _until_redis_answers(read, *args):
    """Run `read(*args)`, waiting out a Redis outage."""
    delay = 0.1
    while True:
        try:
            return await read(*args)
        except RedisError as exc:
            logger.info("stream read failed (%s); retrying", exc)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 1.0)


def _client_left(reader):
    """True once the server was told to stop this stream (its client left) and the order was lost.

    Django cancels a request's task when its client disconnects. On Python 3.11, `asyncio.wait_for`
    (which redis-py awaits around each write) drops a cancellation that arrives as the write completes
    (CPython gh-86296, fixed in 3.12), so the stream would go on sending keep-alives to nobody, and hold
    one of its user's stream slots, for good: about 1 in 500 clients that hung up while their stream
    was being opened. A cancelled task stays `cancelling()`, so it is checked where the stream waits.
    """
    return reader.cancelling() > 0


def _identity(data):
    return data


async def open_stream(channel, resume_id, lease, compress=False):
    """Subscribe, read where the client starts, and return the generator of the stream's bytes.

    This runs before the response headers go out, so that the starting point is fixed then: an event
    published after the client sees the headers is always delivered. `resume_id` None means a fresh
    connect (start with the latest event), -1 an id we cannot place (`stream-reset`). Raises RedisError
    when Redis does not answer.
    """
    lease.hub = live.get_hub()
    lease.subscription = lease.hub.subscribe(channel)
    frames, last_id = await _start(channel, resume_id)
    lease.opened = time.monotonic()
    resumed = "no" if resume_id is None else "yes"
    metrics.STREAMS_OPEN.inc()
    metrics.STREAMS_OPENED.labels(resumed).inc()
    logger.info(
        "stream opened",
        extra={
            "event": "stream_opened",
            "user_id": lease.user_id,
            "resumed": resumed,
            "resume_id": resume_id,
        },
    )
    encode = gzip_encoder() if compress else _identity
    return _event_stream(channel, lease.subscription, frames, last_id, lease, encode)


async def _event_stream(channel, subscription, frames, last_id, lease, encode):
    reader = subscription.reader = asyncio.current_task()
    # If the task ends outside this generator (cut off while stuck sending), release at once, not at GC.
    reader.add_done_callback(lambda _: lease.release())
    try:
        await release_request_thread()
        if _client_left(reader):
            return  # the client left while the stream was being opened (_client_left)
        lease.sent += len(frames)
        yield encode(sse.encode_retry(conf.get("SSE_RETRY_MS")) + b"".join(frames))
        keepalive = conf.get("SSE_KEEPALIVE_SECONDS")
        while not _client_left(reader):
            item = await subscription.next(keepalive)
            if item is None:
                yield encode(KEEPALIVE)
            elif item is live.OVERFLOW:
                logger.info("cutting off a stream of %s that stopped reading", channel)
                return
            elif item is live.RESYNC or (item[0] > last_id + 1 and last_id != 0):
                frames, last_id = await _until_redis_answers(_catch_up, channel, last_id)
                if frames:
                    lease.sent += len(frames)
                    yield encode(b"".join(frames))
            elif item[0] > last_id:
                # The next id, or the first event of a user who had none when the stream started (a new
                # sequence starts at a time-based id; had the subscriber missed anything, a RESYNC would
                # have come first). Events already queued behind it go out in the same write: a lone
                # event is never held back, a backlog costs one send instead of one each.
                frames = []
                while True:
                    last_id = item[0]
                    frames.append(sse.encode_event(item[1], item[2], last_id))
                    queued = subscription.items
                    if not queued or isinstance(queued[0], str) or queued[0][0] != last_id + 1:
                        break
                    item = queued.popleft()
                lease.sent += len(frames)
                yield encode(b"".join(frames))
            # else: already sent (it was in the first read or a catch-up)
    finally:
        lease.release()
