"""Peer 1 of bench/compare.py: django-eventstream 5.3.4's own view, with its RedisStorage.

The project's settings (as `bench.settings`: same middleware, sessions and database), but the URLconf only
mounts `django_eventstream.views.events` at `/events/<channel>`, events are stored by django-eventstream's
`RedisStorage` and fanned out across processes by its `EVENTSTREAM_REDIS` pub/sub listener. Channels are
`user-<id>`; its default channel manager lets anyone read any channel (no per-user check), but the
session and user are still loaded by the middleware, as for our view.
"""

import os
from urllib.parse import urlparse

from bench.settings import *  # noqa: F403

ROOT_URLCONF = "bench.peer1_urls"

_redis = urlparse(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
_connection = {
    "host": _redis.hostname,
    "port": _redis.port or 6379,
    "db": int((_redis.path or "/0").lstrip("/") or 0),
}
EVENTSTREAM_STORAGE_CLASS = "django_eventstream.storage.RedisStorage"
EVENTSTREAM_STORAGE_CONNECTION = dict(_connection)
EVENTSTREAM_REDIS = dict(_connection)
