"""What the admin's progress inspector shows, read live from Redis (sync; for staff pages, not hot paths)."""

import json
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model

from . import presence, streams
from .connections import get_redis
from .ids import parse_id
from .purge import event_time

RECENT_EVENTS = 50


@dataclass
class UserSummary:
    user_id: str
    user: object  # the user, or None when there is no such user (any more)
    events: int
    status: str | None
    last_event_at: datetime | None
    open_streams: int

    @property
    def username(self):
        return self.user.get_username() if self.user is not None else None

    @property
    def label(self):
        return f"{self.username} (#{self.user_id})" if self.user is not None else f"user #{self.user_id}"


@dataclass
class EventView:
    id: int
    type: str
    time: datetime | None
    pretty: str  # the data, pretty-printed when it is JSON (to be escaped by the template)


def summaries():
    """Every user with retained events or an open stream, most recent activity first."""
    client = get_redis()
    per_user = presence.connection_stats()["per_user"]
    user_ids = {streams.user_for_channel(channel) for channel in streams.stream_channels(client)}
    user_ids = sorted((user_ids - {None}) | set(per_user))

    pipe = client.pipeline(transaction=False)
    for user_id in user_ids:
        key = streams.stream_key(streams.channel_for_user(user_id))
        pipe.xlen(key)
        pipe.xrevrange(key, "+", "-", count=1)
    replies = pipe.execute()
    users = _users(user_ids)

    rows = []
    for user_id, count, latest in zip(user_ids, replies[::2], replies[1::2], strict=True):
        event = streams.parse_entries(latest)[0] if latest else None
        rows.append(
            UserSummary(
                user_id=user_id,
                user=users.get(user_id),
                events=count,
                status=_status(event),
                last_event_at=event_time(event) if event else None,
                open_streams=per_user.get(user_id, 0),
            )
        )
    rows.sort(key=lambda row: row.last_event_at.timestamp() if row.last_event_at else float("-inf"))
    rows.reverse()
    return rows


def summary(user_id):
    """One user's summary and recent events (newest first), or (None, []) if there is nothing to show."""
    user_id = str(user_id)
    client = get_redis()
    key = streams.stream_key(streams.channel_for_user(user_id))
    pipe = client.pipeline(transaction=False)
    pipe.xlen(key)
    pipe.xrevrange(key, "+", "-", count=RECENT_EVENTS)
    count, entries = pipe.execute()
    events = streams.parse_entries(entries)
    user = _users([user_id]).get(user_id)
    open_streams = presence.connection_stats()["per_user"].get(user_id, 0)
    if user is None and not count and not open_streams:
        return None, []
    row = UserSummary(
        user_id=user_id,
        user=user,
        events=count,
        status=_status(events[0]) if events else None,
        last_event_at=event_time(events[0]) if events else None,
        open_streams=open_streams,
    )
    return row, [
        EventView(id=event.id, type=event.type, time=event_time(event), pretty=_pretty(event.data))
        for event in events
    ]


def _users(user_ids):
    """The users of those ids (str → user) that exist; ids that are not primary keys are skipped."""
    # parse_id refuses "007" for user 7 (that is another channel) and ids no database can hold.
    pks = {pk: user_id for user_id in user_ids if (pk := parse_id(user_id)) is not None}
    model = get_user_model()
    return {pks[user.pk]: user for user in model._default_manager.filter(pk__in=list(pks))}


def _decode(data):
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return None


def _status(event):
    if event is None:
        return None
    data = _decode(event.data)
    status = data.get("status") if isinstance(data, dict) else None
    return str(status) if status is not None else None


def _pretty(data):
    decoded = _decode(data)
    if decoded is None and data.strip() != b"null":
        return data.decode("utf-8", "replace")
    return json.dumps(decoded, indent=2, ensure_ascii=False)
