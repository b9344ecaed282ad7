"""Real RQ worker processes for tests (imported explicitly by the modules that use them).

``start_worker()`` runs ``python manage.py rqworker default`` with the screening worker class, on the test
database and the private Redis, as production runs it; the test can then SIGKILL it or the extraction
process it forks for a file.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.servers import ROOT, process_env

WORKER_CLASS = "resumes.workers.ScreeningWorker"


class WorkerProcess:
    """One ``rqworker`` process; it runs jobs itself and forks a child to read each file."""

    def __init__(self, env, log_path: Path):
        self.env = env
        self.log_path = log_path
        self.process = None

    def start(self):
        log = open(self.log_path, "ab")  # noqa: SIM115 (the child keeps it)
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "rqworker", "default", "--worker-class", WORKER_CLASS],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        log.close()
        return self

    @property
    def pid(self):
        return self.process.pid

    def extraction_pid(self, timeout=10):
        """The pid of the child reading a file now (waits for one to exist)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            children = child_pids(self.pid)
            if children:
                return children[0]
            time.sleep(0.01)
        raise AssertionError(f"worker {self.pid} reads no file:\n{self.log()}")

    def kill(self):
        """SIGKILL the worker process only (a child reading a file lives on until it finishes)."""
        os.kill(self.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # RQ's warm shutdown: finish the job, then exit
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for pid in child_pids(self.pid):
            kill_quietly(pid)

    def log(self):
        return self.log_path.read_text(errors="replace")[-4000:]


def child_pids(parent_pid):
    """Pids of the live processes whose parent is ``parent_pid``, oldest first."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # Fields after the command name (which is in parentheses and may hold spaces): state, ppid, ...
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if int(ppid) == parent_pid and state != "Z":
            found.append(int(entry))
    return sorted(found)


def kill_quietly(pid):
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


@pytest.fixture
def start_worker(redis_server, db_url, settings, tmp_path):
    """Start real ``rqworker`` processes sharing this test's database, Redis and MEDIA_ROOT."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    started = []

    def start():
        env = process_env(redis_server.url, db_url, MEDIA_ROOT=settings.MEDIA_ROOT, LOG_LEVEL="INFO")
        worker = WorkerProcess(env, tmp_path / f"worker-{len(started)}.log").start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()
