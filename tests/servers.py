"""Real processes for tests: uvicorn serving the project, and RQ workers."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from resumescreener.redis_server import free_port

ROOT = Path(__file__).resolve().parent.parent


def database_url(settings_dict):
    """A DATABASE_URL for the database that the test process is using right now."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user = settings_dict.get("USER") or ""
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"


def process_env(redis_url, db_url, **extra):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.settings",
        REDIS_URL=redis_url,
        DATABASE_URL=db_url,
        PYTHONPATH=str(ROOT),
        SSE_KEEPALIVE_SECONDS="1",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


class AppServer:
    """uvicorn serving resumescreener.asgi on 127.0.0.1:<port>."""

    def __init__(self, env, port=None, log_dir=None):
        self.env = env
        self.port = port or free_port()
        self.process = None
        self.log_path = Path(log_dir or ROOT / "var") / f"uvicorn-{self.port}.log"

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self):
        return self.process.pid

    def start(self, timeout=30):
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")  # noqa: SIM115 (the child keeps it)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "resumescreener.asgi:application",
             "--host", "127.0.0.1", "--port", str(self.port), "--no-access-log",
             "--timeout-graceful-shutdown", "1"],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"uvicorn exited:\n{self.log_path.read_text()[-3000:]}")
            try:
                httpx.get(f"{self.url}/accounts/login/", timeout=1)
                return self
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def kill(self):
        """SIGKILL: the process gets no chance to clean up."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def thread_count(self):
        return len(os.listdir(f"/proc/{self.pid}/task"))

    def rss_bytes(self):
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        return 0

    def open_files(self):
        """Paths of the files the server process has open."""
        out = []
        for fd in os.listdir(f"/proc/{self.pid}/fd"):
            try:
                out.append(os.readlink(f"/proc/{self.pid}/fd/{fd}"))
            except OSError:
                pass
        return out
