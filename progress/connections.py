"""Redis clients for the progress app: one sync client per process, one async pool per event loop."""

import asyncio
import threading

import redis
import redis.asyncio

from . import conf

_lock = threading.Lock()
_sync_clients = {}
_async_clients = {}


def get_redis():
    """The process-wide sync client (RQ jobs, management commands, sync views)."""
    url = conf.get("REDIS_URL")
    client = _sync_clients.get(url)
    if client is None:
        with _lock:
            client = _sync_clients.get(url)
            if client is None:
                client = redis.Redis.from_url(url, socket_timeout=10, socket_connect_timeout=5)
                _sync_clients[url] = client
    return client


def get_async_redis():
    """The async client of the running event loop.

    Its pool is bounded and waits for a free connection instead of failing the 101st user (redis-py's
    default), and it has no socket timeout so that a long read is not cut off (DESIGN 9).
    """
    loop = asyncio.get_running_loop()
    url = conf.get("REDIS_URL")
    key = (loop, url)
    client = _async_clients.get(key)
    if client is None:
        pool = redis.asyncio.BlockingConnectionPool.from_url(
            url,
            max_connections=conf.get("PROGRESS_REDIS_MAX_CONNECTIONS"),
            timeout=None,
            socket_connect_timeout=5,
            socket_keepalive=True,
        )
        client = redis.asyncio.Redis(connection_pool=pool)
        _async_clients[key] = client
    return client


def reset_clients():
    """Forget cached clients (tests that point REDIS_URL elsewhere)."""
    with _lock:
        _sync_clients.clear()
        _async_clients.clear()
