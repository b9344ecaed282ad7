"""A private Pushpin (Debian's package) for tests and benchmarks: its own ports, run dir, key and zurl."""

import os
import secrets
import shutil
import socket
import subprocess
import time
from pathlib import Path

import httpx

from resumescreener.redis_server import free_port


def free_offset():
    """A port offset for Pushpin's fixed ports (5560-5563) below the ephemeral range, all four free."""
    for _ in range(100):
        offset = 1000 + secrets.randbelow(20000)
        try:
            for port in range(5560 + offset, 5564 + offset):
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", port))
        except OSError:
            continue
        return offset
    raise AssertionError("no free ports for Pushpin")


class Pushpin:
    """A private Pushpin: its own ports (all shifted by `port_offset`), run dir and signing key."""

    def __init__(self, directory, origin_port):
        self.directory = directory
        self.port = free_port()
        self.offset = free_offset()
        self.key = secrets.token_hex(16)
        self.origin_port = origin_port
        self.process = None

    @property
    def grip_url(self):
        return f"http://127.0.0.1:{5561 + self.offset}?iss=pushpin&key={self.key}"

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        binary = shutil.which("pushpin")
        assert binary, "Pushpin is not installed (bin/test installs Debian's pushpin package)"
        (self.directory / "routes").write_text(f"* 127.0.0.1:{self.origin_port}\n")
        # Debian's Pushpin expects a system-wide zurl (its outgoing HTTP client); run a private one instead.
        internal = Path("/usr/lib/pushpin/internal.conf").read_text()
        internal = internal.replace("ipc:///var/run/zurl/zurl-", "ipc://{rundir}/{ipc_prefix}zurl-")
        (self.directory / "internal.conf").write_text(internal)
        config = Path("/etc/pushpin/pushpin.conf").read_text()
        for name, value in {
            "include": self.directory / "internal.conf",
            "services": "condure,zurl,pushpin-proxy,pushpin-handler",
            "rundir": self.directory, "logdir": self.directory, "port_offset": self.offset,
            "http_port": self.port, "sig_key": self.key, "routesfile": self.directory / "routes",
            "ipc_prefix": f"pushpin-{self.offset}-",
            "log_level": os.environ.get("PUSHPIN_LOG_LEVEL", "2"),  # 3 logs every message, for debugging
            # Pushpin's delivery cap (default 2,500/s) restarts its 25 ms timer on every publish, so while
            # publishes come more often than that nothing is delivered (docs/deploy.md): no cap.
            "message_rate": 0,
        }.items():  # fmt: skip
            config = "\n".join(
                f"{name}={value}" if line.startswith(f"{name}=") else line for line in config.split("\n")
            )
        (self.directory / "pushpin.conf").write_text(config)
        log = open(self.directory / "pushpin.log", "ab")  # noqa: SIM115 (the child keeps it)
        self.process = subprocess.Popen(
            [binary, "--config", str(self.directory / "pushpin.conf"), "--merge-output"],
            stdout=log,
            stderr=log,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                # Both halves must be up: the proxy (a page through it) and the handler, which holds
                # streams and takes publishes (its control port answers any HTTP request).
                httpx.get(f"{self.url}/accounts/login/", timeout=1)
                httpx.get(f"http://127.0.0.1:{5561 + self.offset}/", timeout=1)
                return self
            except httpx.HTTPError:
                assert time.monotonic() < deadline, (self.directory / "pushpin.log").read_text()[-3000:]
                time.sleep(0.2)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
