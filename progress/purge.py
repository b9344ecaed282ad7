"""Removing retained progress: the one implementation behind `manage.py purge_progress` and the admin.

Purging removes a user's retained events (as `sse_manager.cleanup` does) and keeps the id counter, so
events published later continue the id sequence and connected clients keep resuming correctly.
"""

import json
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

import redis
from django.utils import timezone

from . import streams
from .connections import get_redis

# How many times to re-check a stream that received an event while it was being purged.
_ATTEMPTS = 5


class Purged(NamedTuple):
    """How many events of one user were removed (or would be, in a dry run)."""

    user_id: str
    count: int


def purge(user_ids=None, older_than=None, everything=False, dry_run=False):
    """Remove retained progress; return a `Purged(user_id, count)` per user touched, by user id.

    - `user_ids`: only these users (every one of them is reported, with 0 when it had nothing);
    - `older_than` (a timedelta): only streams whose last event is older than that (combined with
      `user_ids`, both must hold);
    - `everything`: every user's stream (not combinable with the two filters);
    - `dry_run`: remove nothing, report what would go.

    At least one of `user_ids`, `older_than`, `everything` is required (ValueError otherwise), so that a
    forgotten argument never wipes everyone's progress.
    """
    if everything and (user_ids or older_than is not None):
        raise ValueError("Purging everything cannot be combined with a user or an age filter.")
    if not everything and not user_ids and older_than is None:
        raise ValueError("Say what to purge: some users, an age, or everything.")
    if older_than is not None and older_than < timedelta():
        raise ValueError("The age must not be negative.")

    client = get_redis()
    if user_ids:
        users = list(dict.fromkeys(str(user_id) for user_id in user_ids))
    else:
        users = [
            user
            for user in map(streams.user_for_channel, streams.stream_channels(client))
            if user is not None
        ]
    cutoff = timezone.now() - older_than if older_than is not None else None

    results = []
    for user_id in sorted(users, key=_user_sort_key):
        count = _purge_channel(client, streams.channel_for_user(user_id), cutoff, dry_run)
        if count is not None and (count or user_ids):
            results.append(Purged(user_id, count))
    return results


def _user_sort_key(user_id):
    # Numeric ids in numeric order without int(): by length, then by their digits.
    return (0, len(user_id), user_id) if user_id.isascii() and user_id.isdigit() else (1, 0, user_id)


def _purge_channel(client, channel, cutoff, dry_run):
    """Remove one channel's events if its last event is before `cutoff` (always, when None).

    Returns how many events were (or would be) removed, or None when the stream is not old enough. The
    stream is watched, so an event published between the checks and the removal is never lost unseen:
    the stream is checked again with that event.
    """
    key = streams.stream_key(channel)
    for _ in range(_ATTEMPTS):
        with client.pipeline() as pipe:
            try:
                pipe.watch(key)
                if cutoff is not None:
                    when = last_event_time(pipe, channel)
                    if when is None or when >= cutoff:
                        return None
                count = pipe.xlen(key)
                if dry_run or not count:
                    return count
                pipe.multi()
                pipe.delete(key)
                pipe.execute()
                return count
            except redis.WatchError:
                continue
    # Still receiving events after several attempts: it is in use, so certainly not old; remove it only
    # when asked to remove it whatever its age.
    return None if cutoff is not None else streams.delete(client, channel)


def last_event_time(client, channel):
    """When the newest retained event of `channel` was published (aware datetime), or None if unknown.

    Entry ids are counters, not times, so this is the `timestamp` field of the event's data. Failing
    that, Redis's idle time of the key: how long since it was last written *or read* (so an open stream
    or an admin page makes it look fresh), and unavailable under an LFU eviction policy.
    """
    key = streams.stream_key(channel)
    # First, before any read of the key resets its idle time.
    try:
        idle = client.object("idletime", key)
    except redis.ResponseError:
        idle = None
    latest = streams.read_latest(client, channel)
    when = event_time(latest) if latest is not None else None
    if when is None and idle is not None:
        when = timezone.now() - timedelta(seconds=int(idle))
    return when


def event_time(event):
    """The `timestamp` inside a stored event's data as an aware datetime, or None."""
    try:
        data = json.loads(event.data)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict):
        return None
    return parse_timestamp(data.get("timestamp"))


def parse_timestamp(value):
    """An ISO 8601 string (naive ones in the default time zone) or epoch seconds/milliseconds → datetime."""
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, int | float):
            return datetime.fromtimestamp(value / 1000 if value > 1e11 else value, UTC)
        if isinstance(value, str):
            parsed = datetime.fromisoformat(value.strip())
            return (
                timezone.make_aware(parsed, timezone.get_default_timezone())
                if timezone.is_naive(parsed)
                else parsed
            )
    except (ValueError, OverflowError, OSError):
        return None
    return None
