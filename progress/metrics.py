"""Prometheus metrics of live progress, and the `/metrics` view.

With several processes (uvicorn workers, RQ workers) on one machine, set PROMETHEUS_MULTIPROC_DIR to an
empty directory shared by them before they start (bin/run does): prometheus_client then adds up every
process's figures in each scrape.
"""

import hmac
import os

from django.conf import settings
from django.http import HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

from .access import check_staff

STREAMS_OPEN = Gauge("sse_streams_open", "Open SSE streams.", multiprocess_mode="livesum")
STREAMS_OPENED = Counter("sse_streams_opened", "SSE streams opened.", ["resumed"])
STREAMS_CLOSED = Counter("sse_streams_closed", "SSE streams closed.", ["reason"])
RESETS = Counter("sse_stream_resets", "stream-reset events sent.", ["reason"])
EVENTS_PUBLISHED = Counter("progress_events_published", "Progress events published.")
EVENTS_DELIVERED = Counter("sse_events_delivered", "Live events handed to open streams.")
DELIVERY_LAG = Histogram(
    "sse_delivery_lag_seconds",
    "From the event's storage in Redis to its hand-over to this process's streams.",
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)


def registry():
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        collected = CollectorRegistry()
        multiprocess.MultiProcessCollector(collected)
        return collected
    from prometheus_client import REGISTRY

    return REGISTRY


def metrics_view(request):
    """Prometheus text format, for staff or for a scraper sending `Authorization: Bearer <METRICS_TOKEN>`."""
    token = getattr(settings, "METRICS_TOKEN", "")
    sent = request.headers.get("Authorization", "")
    # Compared as bytes: compare_digest refuses str with non-ASCII characters, which a client may send.
    expected = f"Bearer {token}".encode("utf-8", "surrogateescape")
    if not (token and hmac.compare_digest(sent.encode("utf-8", "surrogateescape"), expected)):
        denied = check_staff(request.user)
        if denied:
            return denied
    return HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)
