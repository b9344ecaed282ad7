"""Upload and extraction limits, from settings with safe defaults (each hit fails one file, with a reason)."""

from django.conf import settings

DEFAULTS = {
    "RESUME_MAX_FILE_BYTES": 10 * 1024 * 1024,
    "RESUME_MAX_FILES": 500,
    "RESUME_ZIP_MAX_ENTRIES": 500,
    "RESUME_ZIP_MAX_TOTAL_BYTES": 200 * 1024 * 1024,
    "RESUME_ZIP_MAX_RATIO": 100,
    "RESUME_EXTRACT_TIMEOUT_SECONDS": 30,
    "RESUME_EXTRACT_MEMORY_BYTES": 512 * 1024 * 1024,
}


def get(name):
    """The limit `name` (one of DEFAULTS) from settings, or its default."""
    return getattr(settings, name, DEFAULTS[name])


def describe_size(size):
    """`size` bytes as people say it: "10 MB", "1.5 KB", "800 bytes"."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"
