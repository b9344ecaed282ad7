"""django-eventstream storage backed by the progress streams (see streams.py).

With `EVENTSTREAM_STORAGE_CLASS = "progress.storage.ProgressStreamStorage"`, django-eventstream's own
`send_event`, its view and a GRIP proxy in front of it all use the same Redis streams and the same
integer ids as our SSE view.
"""

from django_eventstream.event import Event
from django_eventstream.storage import EventDoesNotExist, StorageBase

from . import streams
from .connections import get_redis


class ProgressStreamStorage(StorageBase):
    """One Redis stream per channel, with dense integer ids."""

    def append_event(self, channel, event_type, data):
        """Store `data` (already JSON text, as django-eventstream passes it) and announce it live."""
        event_id = streams.append(get_redis(), channel, event_type, data)
        return Event(channel, event_type, data, id=event_id)

    def get_events(self, channel, last_id, limit=100):
        """Events after `last_id`; EventDoesNotExist when `last_id` is no longer (or not yet) retained."""
        client = get_redis()
        current = streams.current_id(client, channel)
        if last_id == current:
            return []
        events = streams.read_after(client, channel, last_id, count=limit)
        # A client at 0 has seen nothing, so any retained history is a valid continuation.
        gap = not events or (events[0].id != last_id + 1 and last_id != 0)
        if last_id > current or gap:
            raise EventDoesNotExist(f"No such event {last_id}", current)
        # The JSON text as published, which is what django-eventstream's GRIP responses write out.
        return [Event(channel, e.type, e.data.decode(), id=e.id) for e in events]

    def get_current_id(self, channel):
        """The id a new stream starts after (starting the channel's id sequence if it has none)."""
        return streams.start_sequence(get_redis(), channel)
