"""Who has streams open, counted across every web process, and the per-user cap.

Each web process keeps its own counts in memory and mirrors them into a Redis hash
`<prefix>:proc:<process id>` that expires unless the process renews it (a heartbeat that rewrites it from
memory every SSE_PRESENCE_INTERVAL_SECONDS). A sorted set lists live processes by last heartbeat. A
process that dies without cleaning up therefore drops out of every count within three intervals.
"""

import asyncio
import logging
import uuid

from . import conf
from .connections import get_async_redis, get_redis

logger = logging.getLogger(__name__)

# KEYS: processes zset, own hash. ARGV: process id, user id, cap, stale after (ms), ttl (s), hash prefix.
# Returns the user's stream count after opening, or -1 when the cap is reached.
ACQUIRE_SCRIPT = """
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[4]))
redis.call('ZADD', KEYS[1], now, ARGV[1])
local total = 0
for _, p in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local n = redis.call('HGET', ARGV[6] .. p, ARGV[2])
  if n then total = total + tonumber(n) end
end
if total >= tonumber(ARGV[3]) then return -1 end
redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
redis.call('EXPIRE', KEYS[2], ARGV[5])
return total + 1
"""

# KEYS: own hash. ARGV: user id / count pairs: streams of that user closed since the last call.
RELEASE_SCRIPT = """
for i = 1, #ARGV, 2 do
  if redis.call('HINCRBY', KEYS[1], ARGV[i], -tonumber(ARGV[i + 1])) <= 0 then
    redis.call('HDEL', KEYS[1], ARGV[i])
  end
end
return 1
"""

# KEYS: processes zset, own hash. ARGV: process id, ttl (s), then user id / count pairs.
HEARTBEAT_SCRIPT = """
local t = redis.call('TIME')
redis.call('ZADD', KEYS[1], t[1] * 1000 + math.floor(t[2] / 1000), ARGV[1])
redis.call('DEL', KEYS[2])
if #ARGV > 2 then
  redis.call('HSET', KEYS[2], unpack(ARGV, 3))
  redis.call('EXPIRE', KEYS[2], ARGV[2])
end
return 1
"""

# KEYS: processes zset. ARGV: stale after (ms), hash prefix. Returns [process id, flat hash, ...].
STATS_SCRIPT = """
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]))
local out = {}
for _, p in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  table.insert(out, redis.call('HGETALL', ARGV[2] .. p))
end
return out
"""


def _keys():
    prefix = conf.get("PROGRESS_REDIS_PREFIX")
    return f"{prefix}:procs", f"{prefix}:proc:"


def _timing():
    interval = conf.get("SSE_PRESENCE_INTERVAL_SECONDS")
    return interval * 3 * 1000, interval * 3


class Presence:
    """This process's open streams per user, and its registration in Redis."""

    def __init__(self):
        self.process_id = uuid.uuid4().hex
        self.counts = {}
        self._heartbeat = None
        self._closed = {}  # user id -> streams closed here and not yet counted in Redis
        self._flush = None

    async def acquire(self, user_id):
        """Count one more open stream for `user_id`; False when the user is at the cap."""
        self._start_heartbeat()
        procs, hash_prefix = _keys()
        stale_ms, ttl = _timing()
        result = await get_async_redis().eval(
            ACQUIRE_SCRIPT,
            2,
            procs,
            hash_prefix + self.process_id,
            self.process_id,
            user_id,
            conf.get("SSE_MAX_STREAMS_PER_USER"),
            stale_ms,
            ttl,
            hash_prefix,
        )
        if result < 0:
            return False
        self.counts[user_id] = self.counts.get(user_id, 0) + 1
        return True

    def release(self, user_id):
        """Count one stream fewer for `user_id`: at once here, and in Redis with the others closing now."""
        left = self.counts.get(user_id, 0) - 1
        if left > 0:
            self.counts[user_id] = left
        else:
            self.counts.pop(user_id, None)
        self._closed[user_id] = self._closed.get(user_id, 0) + 1
        if self._flush is None:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                return  # no loop (interpreter shutting down): the next heartbeat corrects Redis
            self._flush = loop.create_task(self._record_closed())

    async def _record_closed(self):
        # One script call for every stream that closed meanwhile: when thousands close at once (a deploy,
        # a network blip) that is a few calls, not one each through the connection pool.
        _, hash_prefix = _keys()
        try:
            await asyncio.sleep(0)
            while self._closed:
                closed, self._closed = self._closed, {}
                pairs = [str(part) for item in closed.items() for part in item]
                try:
                    await get_async_redis().eval(RELEASE_SCRIPT, 1, hash_prefix + self.process_id, *pairs)
                except Exception as exc:
                    logger.info("could not record closed streams (%s); the heartbeat will", exc)
        finally:
            self._flush = None

    def _start_heartbeat(self):
        if self._heartbeat is None or self._heartbeat.done():
            self._heartbeat = asyncio.get_running_loop().create_task(self._beat())

    async def _beat(self):
        procs, hash_prefix = _keys()
        while True:
            await asyncio.sleep(conf.get("SSE_PRESENCE_INTERVAL_SECONDS"))
            _, ttl = _timing()
            pairs = [str(part) for item in self.counts.items() for part in item]
            self._closed.clear()  # this rewrite counts them already
            try:
                await get_async_redis().eval(
                    HEARTBEAT_SCRIPT, 2, procs, hash_prefix + self.process_id, self.process_id, ttl, *pairs
                )
            except Exception as exc:
                logger.info("presence heartbeat failed (%s)", exc)


_presences = {}


def get_presence():
    """The Presence of the running event loop (one per web process)."""
    loop = asyncio.get_running_loop()
    presence = _presences.get(loop)
    if presence is None:
        _presences.clear()
        presence = _presences[loop] = Presence()
    return presence


def connection_stats():
    """Open streams across every live web process: totals and per user (sync, for views and admin)."""
    procs, hash_prefix = _keys()
    stale_ms, _ = _timing()
    per_user = {}
    for flat in get_redis().eval(STATS_SCRIPT, 1, procs, stale_ms, hash_prefix):
        for user_id, count in zip(flat[::2], flat[1::2], strict=True):
            count = int(count)
            if count > 0:
                user_id = user_id.decode()
                per_user[user_id] = per_user.get(user_id, 0) + count
    return {
        "active_connections": sum(per_user.values()),
        "users": len(per_user),
        "per_user": per_user,
    }


def open_streams(user_id):
    """How many streams `user_id` has open across every web process."""
    return connection_stats()["per_user"].get(str(user_id), 0)
