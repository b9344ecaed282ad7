"""The Python API for publishing and inspecting progress (docs/architecture.md).

    from progress.sse_manager import sse_manager
    event_id = sse_manager.update_progress(user_id, {"completed": 3, "total": 10, ...})

Jobs call it from any process; every open stream of that user, in every web process, receives the event.
"""

import json

from asgiref.sync import sync_to_async
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django_eventstream.utils import get_storage, publish_event

from . import metrics, presence, streams
from .connections import get_async_redis, get_redis
from .grip import grip_enabled

EVENT_TYPE = "progress"


def _encode(data):
    if not isinstance(data, dict):
        raise TypeError(f"progress data must be a dict, not {type(data).__name__}")
    if "timestamp" not in data:
        data = {**data, "timestamp": timezone.now().isoformat()}
    return json.dumps(data, cls=DjangoJSONEncoder, separators=(",", ":"))


class SSEManager:
    """Publishes progress to a user's stream and answers questions about it."""

    def update_progress(self, user_id, data):
        """Publish `data` (a dict, delivered with every key unchanged) to `user_id`; return the event id.

        Adds `timestamp` when `data` has none. Goes through django-eventstream's storage, so a GRIP
        proxy configured in settings receives the event too.
        """
        channel = streams.channel_for_user(user_id)
        payload = _encode(data)
        event = get_storage().append_event(channel, EVENT_TYPE, payload)
        metrics.EVENTS_PUBLISHED.inc()
        if grip_enabled():
            # Blocking: a job's work horse may exit right after this call, before a background send.
            publish_event(channel, EVENT_TYPE, payload, str(event.id), str(event.id - 1), blocking=True)
        return event.id

    async def aupdate_progress(self, user_id, data):
        """`update_progress` for async code."""
        if grip_enabled():
            return await sync_to_async(self.update_progress, thread_sensitive=False)(user_id, data)
        channel = streams.channel_for_user(user_id)
        event_id = await streams.append(get_async_redis(), channel, EVENT_TYPE, _encode(data))
        metrics.EVENTS_PUBLISHED.inc()
        return event_id

    def get_progress(self, user_id):
        """The latest progress object of `user_id`, or None."""
        event = streams.read_latest(get_redis(), streams.channel_for_user(user_id))
        return json.loads(event.data) if event else None

    def get_events(self, user_id, after=0, count=None):
        """Retained events of `user_id` after id `after`, oldest first (StoredEvent objects)."""
        return streams.read_after(get_redis(), streams.channel_for_user(user_id), after, count=count)

    def cleanup(self, user_id):
        """Remove every retained event of `user_id`; return how many were removed."""
        return streams.delete(get_redis(), streams.channel_for_user(user_id))

    def remove_events(self, user_id, **fields):
        """Remove the retained events of `user_id` whose data has all these `fields` (e.g. a batch's,
        with `batch_id=...`); return how many were removed. The others stay, with their ids."""
        if not fields:
            raise ValueError("say which events to remove, e.g. remove_events(user_id, batch_id=...)")
        channel = streams.channel_for_user(user_id)
        return streams.delete_matching(
            get_redis(), channel, lambda data: all(data.get(k) == v for k, v in fields.items())
        )

    def connection_stats(self):
        """Open streams across every web process, as the connections endpoint reports them."""
        return presence.connection_stats()


sse_manager = SSEManager()
