"""Reading the ids that clients send (user ids in paths, `Last-Event-ID`): bounded before any `int()`.

Python refuses to turn more than 4,300 digits into an int, and the databases and Redis store at most
64-bit integers; an id past those limits names nothing that can exist, so it is read as such instead of
reaching `int()`, a query or Redis.
"""

# The largest primary key any of our databases stores (a signed 64-bit integer); also a valid Redis
# stream id, and far above any event id (those start at the time in microseconds, about 2**51).
MAX_ID = 2**63 - 1
_MAX_DIGITS = len(str(MAX_ID))


def parse_id(text):
    """The int that `text` spells in canonical decimal (no sign, spaces or leading zeros), from 0 up
    to MAX_ID; None for anything else."""
    if not isinstance(text, str) or not (0 < len(text) <= _MAX_DIGITS):
        return None
    if not (text.isascii() and text.isdigit()) or (text[0] == "0" and text != "0"):
        return None
    value = int(text)
    return value if value <= MAX_ID else None


def parse_event_id(text):
    """The event id a client resumes after: None when it sent none, -1 when it is not a number.

    A number larger than any stream can hold is read as MAX_ID, ahead of every stream, so it gets the
    `stream-reset` that any id ahead of the stream gets.
    """
    if text is None or text == "":
        return None
    text = text.strip()
    if not (text.isascii() and text.isdigit()):
        return -1
    if len(text.lstrip("0")) > _MAX_DIGITS:
        return MAX_ID
    return min(int(text), MAX_ID)
