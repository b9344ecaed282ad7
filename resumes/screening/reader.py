"""The child process that reads resume files: under a memory cap, killed when a file takes too long.

Reading is the risky part of screening: a one-megabyte PDF can inflate to gigabytes, a crafted image
can keep OCR busy for minutes, and PDFium aborts its process when an allocation fails. So files are read
in a forked child whose address space is capped at what it inherited plus ``memory_bytes``, and the
parent gives up on a file (and kills the child) at its deadline.

A worker keeps one such child and hands it one file after another: forking a fresh child per file cost
about 11 ms of CPU (the fork of a warm worker and the pages it then copies), more than reading a
two-page PDF. The child is replaced when it dies (the file it was reading fails with the reason, and no
other file), when its address space has grown by a quarter of the cap (so that every file has most of
the cap to itself), and after ``MAX_FILES`` files.
"""

import faulthandler
import math
import os
import pickle
import select
import signal
import struct
import time
from pathlib import Path

from .errors import ExtractionError

# Files one child reads before it is replaced, so that whatever a file leaves behind in it is gone.
MAX_FILES = 200

_LENGTH = struct.Struct("!Q")


class OutOfMemory(ExtractionError):
    """Reading ran out of the memory the child may use."""


class Reader:
    """A child process reading files with ``read(path, kind, timeout_seconds)``; ``close()`` ends it.

    Not thread-safe: one file at a time, from the process that made the reader.
    """

    def __init__(self, memory_bytes: int, read_file) -> None:
        self.memory_bytes = memory_bytes
        self.read_file = read_file  # extract_text(path, kind) -> Extraction, run in the child
        self.pid = None
        self.owner = None
        self.requests = self.replies = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def memory_error(self) -> str:
        return f"extraction exceeded the {self.memory_bytes // (1024 * 1024)} MB memory limit"

    def read(self, path: str | Path, kind: str, timeout_seconds: float):
        """The file's ``Extraction``, or ``ExtractionError`` saying why not (a limit, a damaged file)."""
        if self.pid is None or self.owner != os.getpid():
            self._start()
        try:
            _write_message(self.requests, (str(path), kind, timeout_seconds))
        except OSError:
            self._stop(kill=True)
            self._start()  # it died between files: one more try with a new one
            _write_message(self.requests, (str(path), kind, timeout_seconds))
        reply = _read_message(self.replies, time.monotonic() + timeout_seconds)
        if reply is _TIMED_OUT:
            self._stop(kill=True)
            raise ExtractionError(f"extraction took longer than {timeout_seconds:g} s")
        if reply is None:  # the child died reading this file
            status = self._stop(kill=True)
            if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
                raise ExtractionError(
                    "extraction was stopped: its process was killed (signal 9), as the system does when "
                    "it runs out of memory; retry the file"
                )
            # Aborted by the allocator: under an address-space cap, that is running out of memory.
            raise OutOfMemory(self.memory_error)
        outcome, retiring = reply
        if retiring:
            self._stop(kill=False)
        if outcome[0] == "ok":
            return outcome[1]
        raise ExtractionError(outcome[1], flags=outcome[2])

    def close(self) -> None:
        """End the child (it is also ended when this process dies: it reads end of file)."""
        if self.pid is not None and self.owner == os.getpid():
            self._stop(kill=False)
        self.pid = None

    def _start(self) -> None:
        request_read, request_write = os.pipe()
        reply_read, reply_write = os.pipe()
        try:
            pid = os.fork()
        except OSError as error:
            for fd in (request_read, request_write, reply_read, reply_write):
                os.close(fd)
            raise ExtractionError(f"could not start the extraction process ({error})")
        if pid == 0:
            os.close(request_write)
            os.close(reply_read)
            _serve(request_read, reply_write, self.memory_bytes, self.memory_error, self.read_file)
        os.close(request_read)
        os.close(reply_write)
        self.pid, self.owner = pid, os.getpid()
        self.requests, self.replies = request_write, reply_read

    def _stop(self, kill: bool) -> int:
        """Close the pipes (the child leaves at end of file), kill it if asked, reap it; its status."""
        pid, self.pid = self.pid, None
        for fd in (self.requests, self.replies):
            try:
                os.close(fd)
            except OSError:
                pass
        if kill:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        _, status = os.waitpid(pid, 0)
        return status


def _serve(requests: int, replies: int, memory_bytes: int, memory_error: str, read_file) -> None:
    """The child: read the files it is sent until end of file, then leave (never returning)."""
    import resource

    try:
        # Handlers inherited from an RQ worker must not run here; the alarm is a backstop in case the
        # parent dies while this process reads a file.
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGALRM):
            signal.signal(signum, signal.SIG_DFL)
        # A reader that aborts on running out of memory is expected here; no traceback dump for it.
        faulthandler.disable()
        # The cap is on top of what the forked process already maps (the whole worker's address space),
        # so that it means "this much more for reading" whatever the parent had loaded.
        base = _address_space_bytes()
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = base + memory_bytes if hard == resource.RLIM_INFINITY else min(base + memory_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        for served in range(1, MAX_FILES + 1):
            request = _read_message(requests, None)
            if request is None:
                break
            path, kind, timeout_seconds = request
            signal.alarm(math.ceil(timeout_seconds) + 2)
            out_of_memory = False
            try:
                outcome = ("ok", read_file(path, kind))
            except MemoryError:
                outcome, out_of_memory = ("error", memory_error, []), True
            except ExtractionError as error:
                out_of_memory = isinstance(error, OutOfMemory)
                outcome = ("error", memory_error if out_of_memory else error.reason, error.flags)
            signal.alarm(0)
            grown = _address_space_bytes() > base + memory_bytes // 4
            retiring = out_of_memory or grown or served == MAX_FILES
            _write_message(replies, (outcome, retiring))
            if retiring:
                break
    except BaseException:  # noqa: BLE001 (nothing may return into the parent's code)
        os._exit(3)
    os._exit(0)


def _address_space_bytes() -> int:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


_TIMED_OUT = object()


def _write_message(fd: int, message) -> None:
    data = pickle.dumps(message)
    data = _LENGTH.pack(len(data)) + data
    while data:
        data = data[os.write(fd, data) :]


def _read_message(fd: int, deadline: float | None):
    """The next message on ``fd``; None at end of file; ``_TIMED_OUT`` when ``deadline`` passes first."""
    header = _read_exactly(fd, _LENGTH.size, deadline)
    if header is None or header is _TIMED_OUT:
        return header
    body = _read_exactly(fd, _LENGTH.unpack(header)[0], deadline)
    if body is None or body is _TIMED_OUT:
        return body
    return pickle.loads(body)


def _read_exactly(fd: int, size: int, deadline: float | None):
    chunks, wanted = [], size
    while wanted:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                return _TIMED_OUT
        chunk = os.read(fd, min(wanted, 1024 * 1024))
        if not chunk:
            return None
        chunks.append(chunk)
        wanted -= len(chunk)
    return b"".join(chunks)
