"""Durations written the way operators type them: `30s`, `90m`, `12h`, `2d`, `1w`, or combined (`1h30m`)."""

import re
from datetime import timedelta

UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}

_PART = re.compile(r"(\d+)([smhdw])")
_WHOLE = re.compile(r"(?:\d+[smhdw])+")


def parse_duration(text):
    """Return the timedelta that `text` stands for; ValueError with a readable message otherwise."""
    cleaned = str(text).strip().lower()
    if not _WHOLE.fullmatch(cleaned):
        raise ValueError(
            f"Invalid duration {text!r}: use a whole number followed by a unit, s (seconds), m (minutes), "
            "h (hours), d (days) or w (weeks), e.g. 90m, 12h, 2d, or combined like 1h30m."
        )
    try:
        return sum(
            (timedelta(**{UNITS[unit]: int(number)}) for number, unit in _PART.findall(cleaned)),
            timedelta(),
        )
    except (OverflowError, ValueError):  # ValueError: more than 4,300 digits
        raise ValueError(f"Invalid duration {text!r}: too long.") from None
