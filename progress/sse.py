"""The Server-Sent Events wire format (https://html.spec.whatwg.org/multipage/server-sent-events.html).

Everything that goes onto a stream is built here, as bytes. Field values that must be one line (event
type, id) lose CR, LF and NUL; data is split on every kind of line break into `data:` lines, so no input
can inject a field or an event.
"""

import re

_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
_FORBIDDEN_IN_FIELD = re.compile(rb"[\r\n\0]")


def _field(value):
    if isinstance(value, str):
        value = value.encode()
    return _FORBIDDEN_IN_FIELD.sub(b"", value)


def encode_event(event_type, data, event_id=None):
    """One event: `event:`, optional `id:`, one `data:` line per line of `data`, blank line."""
    if isinstance(data, str):
        data = data.encode()
    parts = [b"event: ", _field(event_type), b"\n"]
    if event_id is not None:
        parts += [b"id: ", _field(str(event_id)), b"\n"]
    if b"\n" in data or b"\r" in data:
        for line in _LINE_BREAK.split(data):
            parts += [b"data: ", line, b"\n"]
    else:
        parts += [b"data: ", data, b"\n"]
    parts.append(b"\n")
    return b"".join(parts)


def encode_retry(milliseconds):
    """The `retry:` line that tells a browser how long to wait before reconnecting."""
    return b"retry: %d\n\n" % int(milliseconds)


def encode_comment(text):
    """A comment line (ignored by clients): used as keep-alive."""
    return b": " + _field(text) + b"\n\n"
