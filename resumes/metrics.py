"""Prometheus metrics of screening, shown at /metrics with the progress metrics."""

from prometheus_client import Counter, Histogram

FILES = Counter("screening_files", "Files that reached a final state.", ["outcome"])
FILE_SECONDS = Histogram(
    "screening_file_seconds",
    "Time to screen one file (extract, parse, score).",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
BATCH_SECONDS = Histogram(
    "screening_batch_seconds",
    "From upload to a batch's final event.",
    buckets=(1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800),
)
