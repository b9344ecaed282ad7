"""The progress app's settings, each with its default. Read at call time so tests can override them."""

from django.conf import settings

DEFAULTS = {
    # Where the per-user streams, the live channel and the connection registry live.
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    # Redis through Sentinel instead: [(host, port), ...] and the master's name.
    "REDIS_SENTINELS": [],
    "REDIS_SENTINEL_MASTER": "mymaster",
    # Prefix of every key the app writes, so that several projects can share one Redis.
    "PROGRESS_REDIS_PREFIX": "progress",
    # Each user's stream keeps at least this many events...
    "PROGRESS_STREAM_MAXLEN": 1000,
    # ...and disappears this long after its last event.
    "PROGRESS_TTL_SECONDS": 86400,
    # Comment line sent on an idle stream; below 45 s so that proxies and polyfills keep it open.
    "SSE_KEEPALIVE_SECONDS": 30,
    # The `retry:` line: how long a browser waits before reconnecting.
    "SSE_RETRY_MS": 3000,
    # Open streams per user, across every web process; past it a new stream gets 429.
    "SSE_MAX_STREAMS_PER_USER": 10,
    # Events queued for one stream that is not reading; past it the stream is cut off (it resumes by id).
    "SSE_MAX_QUEUED_EVENTS": 1000,
    # Compress streams for clients that accept gzip (flushed per event: nothing is held back).
    "SSE_GZIP": True,
    # Redis connections a web process may open for stream reads (one more is used for the live channel).
    "PROGRESS_REDIS_MAX_CONNECTIONS": 50,
    # How often a web process refreshes its registration of open streams; it expires after 3 missed beats.
    "SSE_PRESENCE_INTERVAL_SECONDS": 10,
    # A stream opened by a session whose access was checked this recently is let in without checking
    # again (progress/recent_checks.py says what that allows); 0 checks every open.
    "SSE_ACCESS_CHECK_SECONDS": 10,
}


def get(name):
    """Return the setting `name` from Django's settings, or its default."""
    return getattr(settings, name, DEFAULTS[name])
