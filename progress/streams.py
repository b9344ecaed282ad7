"""Per-channel progress streams in Redis.

Each channel (one per user, see `channel_for_user`) is a Redis stream whose entry ids are dense integers
`n-0`, handed out by INCR on a companion counter inside one Lua script (a new counter starts at the
current time in microseconds, below 2**53 so JavaScript reads it exactly), so that the id a job gets
back, the id in the SSE `id:` field, django-eventstream's storage id and a GRIP proxy's id are the same
number. The same script announces the event (with Redis's clock, for the lag metric) on one pub/sub
channel that every web process listens to (see `live.py`); the stream is the durable copy that
reconnecting clients read from.
"""

import json
from dataclasses import dataclass

from . import conf

ENTRY_TYPE = b"t"
ENTRY_DATA = b"d"

# KEYS: stream, counter. ARGV[1]: ttl. Makes sure the channel's id sequence exists.
_ENSURE_SEQUENCE = """
if redis.call('EXISTS', KEYS[2]) == 0 then
  local top = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
  if top[1] then
    -- The counter is gone but the stream is not (someone deleted it): continue after the stream's top.
    redis.call('SET', KEYS[2], string.match(top[1][1], '^(%d+)'))
  else
    -- A new sequence starts at the current time in microseconds, so ids never go back, even after a
    -- Redis that kept nothing comes back empty: a client's old id is then simply too old.
    local t = redis.call('TIME')
    redis.call('SET', KEYS[2], string.format('%.0f', t[1] * 1000000 + t[2]))
  end
  redis.call('EXPIRE', KEYS[2], ARGV[1])
end
"""

# KEYS: stream, counter. ARGV: ttl. Returns the id of the channel's last event (starting its sequence).
CURRENT_ID_SCRIPT = _ENSURE_SEQUENCE + "return redis.call('GET', KEYS[2])\n"

# KEYS: stream, counter. ARGV: ttl, maxlen, event type, data, live channel, channel name.
PUBLISH_SCRIPT = (
    _ENSURE_SEQUENCE
    + """
local n = redis.call('INCR', KEYS[2])
local id = string.format('%.0f', n)  -- Lua's own number-to-string would print 1.7e+15
redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], id .. '-0', 't', ARGV[3], 'd', ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[1])
local t = redis.call('TIME')
local stored_at = t[1] .. string.format('%06d', t[2])
redis.call('PUBLISH', ARGV[5], id .. ' ' .. ARGV[3] .. ' ' .. ARGV[6] .. ' ' .. stored_at .. ' ' .. ARGV[4])
return n
"""
)


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """One event as kept in a channel's stream: `data` is the JSON text exactly as published."""

    id: int
    type: str
    data: bytes


def prefix():
    return conf.get("PROGRESS_REDIS_PREFIX")


def channel_for_user(user_id):
    """The django-eventstream channel (and stream) that carries one user's progress."""
    return f"user-{user_id}"


def user_for_channel(channel):
    """The user id of a channel made by `channel_for_user`, or None for any other channel."""
    if channel.startswith("user-"):
        return channel[5:]
    return None


def stream_key(channel):
    return f"{prefix()}:{channel}:events"


def counter_key(channel):
    return f"{prefix()}:{channel}:seq"


def live_channel():
    """The pub/sub channel on which every published event is announced to the web processes."""
    return f"{prefix()}:live"


def append(client, channel, event_type, data):
    """Store `data` (a str of JSON) as the next event of `channel` and announce it; return its id."""
    script = getattr(client, "_progress_publish_script", None)
    if script is None:
        # Kept on the client itself, so the script lives and dies with it (EVALSHA, EVAL on a miss).
        script = client._progress_publish_script = client.register_script(PUBLISH_SCRIPT)
    return script(
        keys=[stream_key(channel), counter_key(channel)],
        args=[
            conf.get("PROGRESS_TTL_SECONDS"),
            conf.get("PROGRESS_STREAM_MAXLEN"),
            event_type,
            data,
            live_channel(),
            channel,
        ],
    )


def parse_entries(entries):
    """Turn XRANGE/XREVRANGE replies into StoredEvents."""
    return [
        StoredEvent(
            id=int(entry_id.split(b"-", 1)[0]),
            type=fields.get(ENTRY_TYPE, b"message").decode(),
            data=fields.get(ENTRY_DATA, b""),
        )
        for entry_id, fields in entries
    ]


def start_sequence(client, channel):
    """The id of the last event of `channel`, starting its id sequence if it has none yet.

    django-eventstream hands this to a GRIP proxy as a new stream's starting point, and `update_progress`
    publishes each event with the id before it: starting the sequence here makes the first event follow
    on, so the proxy has no gap to recover from the web process.
    """
    script = getattr(client, "_progress_sequence_script", None)
    if script is None:
        script = client._progress_sequence_script = client.register_script(CURRENT_ID_SCRIPT)
    keys = [stream_key(channel), counter_key(channel)]
    return int(script(keys=keys, args=[conf.get("PROGRESS_TTL_SECONDS")]))


def read_after(client, channel, last_id, count=None):
    """Events of `channel` with an id above `last_id`, oldest first (sync)."""
    return parse_entries(client.xrange(stream_key(channel), f"({last_id}-0", "+", count=count))


def read_latest(client, channel):
    """The newest event of `channel`, or None (sync)."""
    events = parse_entries(client.xrevrange(stream_key(channel), "+", "-", count=1))
    return events[0] if events else None


def current_id(client, channel):
    """The id of the last event ever published on `channel` (0 when none, or after Redis lost it)."""
    value = client.get(counter_key(channel))
    return int(value) if value else 0


def delete(client, channel):
    """Remove every retained event of `channel`; return how many there were.

    The counter is kept so that later events continue the id sequence and connected clients keep
    resuming correctly; it expires with the stream's TTL.
    """
    pipe = client.pipeline()
    pipe.xlen(stream_key(channel))
    pipe.delete(stream_key(channel))
    removed, _ = pipe.execute()
    return removed


def delete_matching(client, channel, matches, page=500):
    """Remove the retained events of `channel` whose JSON data `matches(dict)`; return how many.

    The ids of the others do not change. A client that later resumes from just before a removed event
    finds a hole and gets `stream-reset`, then the latest progress, as after a purge.
    """
    removed, after = 0, "-"
    while True:
        entries = client.xrange(stream_key(channel), after, "+", count=page)
        if not entries:
            return removed
        doomed = []
        for event, (entry_id, _) in zip(parse_entries(entries), entries, strict=True):
            try:
                data = json.loads(event.data)
            except ValueError:
                continue
            if isinstance(data, dict) and matches(data):
                doomed.append(entry_id)
        if doomed:
            removed += client.xdel(stream_key(channel), *doomed)
        after = b"(" + entries[-1][0]


def stream_channels(client):
    """Every channel that has a retained stream, found by scanning keys (for operators, not hot paths)."""
    pattern = f"{prefix()}:*:events"
    head, tail = len(prefix()) + 1, -len(":events")
    return sorted(
        key.decode()[head:tail] for key in client.scan_iter(match=pattern, count=1000, _type="stream")
    )
