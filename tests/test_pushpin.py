"""Pushpin in front of the stream endpoint (GRIP): Pushpin holds the streams, the web process none."""

import json
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from resumescreener.redis_server import free_port
from tests.servers import ROOT
from tests.sse_client import SSEStream


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
                httpx.get(f"{self.url}/accounts/login/", timeout=1)
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


@pytest.fixture
def proxied(start_server, tmp_path):
    """(Pushpin, the web process behind it), both configured for GRIP."""
    origin_port = free_port()
    pushpin = Pushpin(tmp_path, origin_port)
    server = start_server(port=origin_port, GRIP_URL=pushpin.grip_url)
    pushpin.start()
    yield pushpin, server
    pushpin.stop()


def publish_demo(server, user, steps):
    """Publish a fake batch from another process, as an RQ job would (it publishes to Pushpin too)."""
    command = [sys.executable, "manage.py", "demo_progress", "--user", str(user.pk), "--steps", str(steps),
               "--delay", "0"]  # fmt: skip
    subprocess.run(command, cwd=ROOT, env=server.env, check=True, capture_output=True)


def test_events_stream_through_pushpin(proxied, alice, cookies_for):
    pushpin, server = proxied
    path = f"/api/v1/sse/progress/stream/{alice.pk}"
    stream = SSEStream(pushpin.url, path, cookies=cookies_for(alice), timeout=20)
    publish_demo(server, alice, steps=3)
    events = []
    while not events or json.loads(events[-1].data)["status"] != "completed":
        event = stream.next_event()
        if event.type == "progress":
            events.append(event)
    assert len(events) == 5  # queued, three files, completed
    assert all(e.id.startswith(f"user-{alice.pk}:") for e in events)
    stream.close()


def test_the_web_process_holds_none_of_the_streams(proxied, alice, staff, cookies_for):
    pushpin, server = proxied
    path = f"/api/v1/sse/progress/stream/{alice.pk}"
    streams = [SSEStream(pushpin.url, path, cookies=cookies_for(alice), timeout=20) for _ in range(20)]
    publish_demo(server, alice, steps=1)
    for stream in streams:
        stream.next_event()
    counts = httpx.get(f"{server.url}/api/v1/sse/connections/status", cookies=cookies_for(staff)).json()
    assert counts["active_connections"] == 0
    for stream in streams:
        stream.close()


def test_pushpin_still_asks_who_you_are(proxied, alice, bob, cookies_for):
    pushpin, _ = proxied
    stream = SSEStream(pushpin.url, f"/api/v1/sse/progress/stream/{alice.pk}", cookies=cookies_for(bob))
    assert stream.status_code == 403
    stream.close()
