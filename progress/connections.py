"""Redis clients for the progress app: one sync client per process, one async pool per event loop.

Redis is found at REDIS_URL, or through Sentinel when REDIS_SENTINELS is set (then the master named
REDIS_SENTINEL_MASTER is asked for on every reconnect, so a failover is followed).
"""

import asyncio
import threading

import redis
import redis.asyncio
import redis.asyncio.sentinel
import redis.sentinel

from . import conf

_lock = threading.Lock()
_sync_clients = {}
_async_clients = {}


def _target():
    return conf.get("REDIS_URL"), tuple(conf.get("REDIS_SENTINELS")), conf.get("REDIS_SENTINEL_MASTER")


def new_sync_client(**options):
    """A new sync client for the configured Redis (Sentinel-aware)."""
    url, sentinels, master = _target()
    if sentinels:
        sentinel = redis.sentinel.Sentinel(
            sentinels, socket_connect_timeout=options.get("socket_connect_timeout")
        )
        return sentinel.master_for(master, **options)
    return redis.Redis.from_url(url, **options)


def new_async_client(**options):
    """A new async client for the configured Redis (Sentinel-aware); for the running event loop."""
    url, sentinels, master = _target()
    if sentinels:
        sentinel = redis.asyncio.sentinel.Sentinel(
            sentinels, socket_connect_timeout=options.get("socket_connect_timeout")
        )
        return sentinel.master_for(master, **options)
    return redis.asyncio.Redis.from_url(url, **options)


def get_redis():
    """The process-wide sync client (RQ jobs, management commands, sync views)."""
    key = _target()
    client = _sync_clients.get(key)
    if client is None:
        with _lock:
            client = _sync_clients.get(key)
            if client is None:
                client = new_sync_client(socket_timeout=10, socket_connect_timeout=5)
                _sync_clients[key] = client
    return client


def get_async_redis():
    """The async client of the running event loop.

    Its pool is bounded and waits for a free connection instead of failing the 101st user (redis-py's
    default), and it has no socket timeout so that a long read is not cut off (docs/architecture.md). Through
    Sentinel the pool is redis-py's Sentinel pool, bounded the same way but failing when exhausted.
    """
    loop = asyncio.get_running_loop()
    key = (loop, *_target())
    client = _async_clients.get(key)
    if client is None:
        url, sentinels, _ = _target()
        limit = conf.get("PROGRESS_REDIS_MAX_CONNECTIONS")
        if sentinels:
            client = new_async_client(max_connections=limit, socket_connect_timeout=5, socket_keepalive=True)
        else:
            pool = redis.asyncio.BlockingConnectionPool.from_url(
                url, max_connections=limit, timeout=None, socket_connect_timeout=5, socket_keepalive=True
            )
            client = redis.asyncio.Redis(connection_pool=pool)
        _async_clients[key] = client
    return client


def reset_clients():
    """Forget cached clients (tests that point REDIS_URL elsewhere)."""
    with _lock:
        _sync_clients.clear()
        _async_clients.clear()
