"""Live delivery inside one web process: one Redis subscriber shared by every open stream.

Every published event is announced on one pub/sub channel (see `streams.PUBLISH_SCRIPT`). Each web
process keeps a single subscriber to it and hands each event to the local subscriptions of its channel.
Pub/sub loses what is sent while a subscriber is not connected, so each time the subscription becomes
active (at start and after every reconnect) every local subscription is told to re-read its stream from
its last id: nothing is lost, and ids that were already delivered are dropped by the reader.
"""

import asyncio
import collections
import logging
import time

from . import conf, metrics, streams
from .connections import new_async_client

logger = logging.getLogger(__name__)

RESYNC = "resync"  # re-read the stream from the last delivered id
OVERFLOW = "overflow"  # the reader fell too far behind: end the stream, the client resumes by id


class Subscription:
    """The queue of live events for one open stream."""

    __slots__ = ("channel", "items", "overflowed", "reader", "_waiter", "_maxsize")

    def __init__(self, channel, maxsize):
        self.channel = channel
        self.items = collections.deque()
        self.overflowed = False
        self.reader = None  # the task sending this stream; cancelled if it falls too far behind
        self._waiter = None
        self._maxsize = maxsize

    def push(self, item):
        if len(self.items) >= self._maxsize:
            if not self.overflowed and self.reader is not None:
                # The client stopped reading (its task is stuck sending): cut it off so that its memory
                # stays bounded. It resumes from its last id when it reconnects.
                self.reader.cancel()
                metrics.STREAMS_CLOSED.labels("cut_off").inc()
            self.overflowed = True
        else:
            self.items.append(item)
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def next(self, timeout):
        """The next item: an (id, type, data) tuple, RESYNC or OVERFLOW; None after `timeout` seconds idle."""
        if not self.items and not self.overflowed:
            loop = asyncio.get_running_loop()
            self._waiter = waiter = loop.create_future()
            timer = loop.call_later(timeout, _wake, waiter)
            try:
                await waiter
            finally:
                timer.cancel()
                self._waiter = None
        if self.overflowed:
            return OVERFLOW
        if self.items:
            return self.items.popleft()
        return None


def _wake(waiter):
    if not waiter.done():
        waiter.set_result(None)


class LiveHub:
    """The per-process subscriber and its table of local subscriptions (keyed by channel, as bytes)."""

    def __init__(self, loop):
        self.loop = loop
        self.subscriptions = {}
        self.connected = False
        self._task = None

    def subscribe(self, channel):
        """Start receiving the live events of `channel`. Call `unsubscribe` when done."""
        if self._task is None or self._task.done():
            self._task = self.loop.create_task(self._run())
        subscription = Subscription(channel, conf.get("SSE_MAX_QUEUED_EVENTS"))
        self.subscriptions.setdefault(channel.encode(), set()).add(subscription)
        return subscription

    def unsubscribe(self, subscription):
        key = subscription.channel.encode()
        local = self.subscriptions.get(key)
        if local is not None:
            local.discard(subscription)
            if not local:
                del self.subscriptions[key]

    def dispatch(self, message):
        """Hand one announcement (`<id> <type> <channel> <stored at, µs> <data>`) to its channel's streams."""
        try:
            event_id, event_type, channel, stored_at, data = message.split(b" ", 4)
        except ValueError:
            logger.warning("ignoring a malformed live announcement")
            return
        local = self.subscriptions.get(channel)
        if local:
            item = (int(event_id), event_type, data)
            for subscription in tuple(local):
                subscription.push(item)
            metrics.EVENTS_DELIVERED.inc(len(local))
            metrics.DELIVERY_LAG.observe(max(0.0, time.time() - int(stored_at) / 1e6))

    def resync_all(self):
        for local in self.subscriptions.values():
            for subscription in tuple(local):
                subscription.push(RESYNC)

    async def _run(self):
        delay = 0.05
        while True:
            client = new_async_client(
                socket_connect_timeout=5,
                socket_keepalive=True,
                health_check_interval=15,
            )
            pubsub = client.pubsub()
            try:
                await pubsub.subscribe(streams.live_channel())
                while True:
                    message = await pubsub.get_message(timeout=15)
                    if message is None:
                        continue
                    kind = message["type"]
                    if kind == "message":
                        self.dispatch(message["data"])
                    elif kind == "subscribe":
                        # The subscription is active (again): whatever was published before now is
                        # in the streams, so every reader catches up from its last id.
                        if not self.connected:
                            logger.info("live channel subscribed")
                        self.connected = True
                        delay = 0.05
                        self.resync_all()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if self.connected:
                    logger.warning("live channel lost (%s); reconnecting", exc)
                self.connected = False
            finally:
                try:
                    await pubsub.aclose()
                    await client.aclose()
                except Exception:
                    pass
            await asyncio.sleep(delay)
            delay = min(delay * 2, 1.0)


_hubs = {}


def get_hub():
    """The hub of the running event loop (one per web process in production)."""
    loop = asyncio.get_running_loop()
    hub = _hubs.get(loop)
    if hub is None:
        _hubs.clear()  # a hub belongs to one loop; an old loop's hub is dead
        hub = _hubs[loop] = LiveHub(loop)
    return hub
