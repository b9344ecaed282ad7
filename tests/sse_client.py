"""A small, spec-conforming SSE client over httpx, for tests that read real streams."""

import time
from dataclasses import dataclass, field

import httpx


@dataclass
class Event:
    type: str = "message"
    data: str = ""
    id: str | None = None


@dataclass
class Parser:
    """Turns lines of an event stream into Events (WHATWG HTML, 'Interpreting an event stream')."""

    last_event_id: str = ""
    retry: int | None = None
    comments: list = field(default_factory=list)
    _type: str = ""
    _data: list = field(default_factory=list)
    _seen_id: bool = False

    def feed(self, line):
        """Feed one line (without its terminator); return an Event when a blank line completes one."""
        if line == "":
            return self._dispatch()
        if line.startswith(":"):
            self.comments.append(line[1:].strip())
            return None
        name, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if name == "event":
            self._type = value
        elif name == "data":
            self._data.append(value)
        elif name == "id" and "\0" not in value:
            self.last_event_id = value
            self._seen_id = True
        elif name == "retry" and value.isdigit():
            self.retry = int(value)
        return None

    def _dispatch(self):
        seen_id, self._seen_id = self._seen_id, False
        if not self._data:
            self._type = ""
            return None
        event = Event(self._type or "message", "\n".join(self._data), self.last_event_id if seen_id else None)
        self._type, self._data = "", []
        return event


class SSEStream:
    """An open stream: `next_event()` returns the next event, skipping comments."""

    def __init__(self, base_url, path, cookies=None, headers=None, timeout=10):
        self.client = httpx.Client(base_url=base_url, cookies=cookies, timeout=timeout)
        self._context = self.client.stream("GET", path, headers=headers)
        self.response = self._context.__enter__()
        self.parser = Parser()
        self._lines = self.response.iter_lines() if self.response.status_code == 200 else iter(())

    @property
    def status_code(self):
        return self.response.status_code

    def next_event(self, timeout=10):
        """The next event; TimeoutError when none arrives within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        try:
            for line in self._lines:
                event = self.parser.feed(line)
                if event is not None:
                    return event
                if time.monotonic() > deadline:
                    break
        except httpx.ReadTimeout:
            pass
        raise TimeoutError(f"no event within {timeout} s")

    def events(self, count, timeout=10):
        return [self.next_event(timeout) for _ in range(count)]

    def wait_for_comment(self, timeout=10):
        """Read until a comment line (keep-alive) arrives; return it."""
        deadline = time.monotonic() + timeout
        before = len(self.parser.comments)
        for line in self._lines:
            self.parser.feed(line)
            if len(self.parser.comments) > before:
                return self.parser.comments[-1]
            if time.monotonic() > deadline:
                break
        raise TimeoutError("no comment")

    def close(self):
        try:
            self._context.__exit__(None, None, None)
        finally:
            self.client.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
