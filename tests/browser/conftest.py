"""Set-up for the browser tests: Debian's chromium driven by Playwright, uvicorn and real RQ workers.

The browser tests never skip: without /usr/bin/chromium (bin/test installs it) they fail.
"""

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.servers import ROOT, AppServer, process_env

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = ROOT / "tests" / "artifacts"
PASSWORD = "correct horse battery"  # tests/conftest.py's make_user


@pytest.fixture(scope="package")
def browser():
    """One chromium for the browser tests, closed after them."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install it (apt-get install chromium; bin/test does).")
    # Playwright's sync API keeps its event loop registered as running in this thread, so Django would
    # refuse the ORM in fixtures and tests. The loop is idle while our code runs: nothing is blocked.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
            yield chromium
            chromium.close()


def server_env(redis_server, db_url, media_root):
    env = process_env(redis_server.url, db_url, MEDIA_ROOT=str(media_root))
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # the servers keep Django's checks
    return env


@pytest.fixture
def media_root(tmp_path):
    return tmp_path / "media"


@pytest.fixture
def web(redis_server, db_url, media_root, tmp_path, transactional_db):
    """A uvicorn server of its own (DEBUG off, static files through WhiteNoise), stopped after the test.

    `web.stop()` and then `web.start()` restart it on the same port.
    """
    server = AppServer(server_env(redis_server, db_url, media_root), log_dir=tmp_path)
    server.start()
    yield server
    server.stop()


class Workers:
    """RQ workers (rqworker processes, as in production) that a test starts when it wants files screened."""

    def __init__(self, env, log_dir):
        self.env = env
        self.log_dir = log_dir
        self.processes = []

    def start(self, max_jobs=None):
        """Start a worker; with `max_jobs` it screens that many jobs (or what is queued) and exits."""
        command = [sys.executable, "manage.py", "rqworker", "default", "--worker-class", "rq.SimpleWorker"]
        if max_jobs is not None:
            command += ["--burst", "--max-jobs", str(max_jobs)]
        log = open(self.log_dir / f"worker-{len(self.processes)}.log", "ab")  # noqa: SIM115 (the child keeps it)
        process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.processes.append(process)
        return process

    def run(self, max_jobs, timeout=60):
        """Screen `max_jobs` queued jobs and return when the worker has exited."""
        process = self.start(max_jobs)
        assert process.wait(timeout) == 0, self.logs()

    def logs(self):
        return "\n".join(path.read_text() for path in sorted(self.log_dir.glob("worker-*.log")))

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)  # warm shutdown: the current job ends first
        for process in self.processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def workers(redis_server, db_url, media_root, tmp_path):
    pool = Workers(server_env(redis_server, db_url, media_root), tmp_path)
    yield pool
    pool.stop()


@pytest.fixture
def open_page(browser, web, cookies_for):
    """open_page(user=None) -> a new page (its own cookies) logged in as `user`, at nothing yet.

    Any JavaScript dialog or uncaught error on a page fails the test.
    """
    contexts, dialogs, errors = [], [], []

    def open_(user=None):
        context = browser.new_context(base_url=web.url, viewport={"width": 1200, "height": 900})
        if user is not None:
            cookies = cookies_for(user)
            context.add_cookies(
                [{"name": name, "value": value, "url": web.url} for name, value in cookies.items()]
            )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    yield open_
    for context in contexts:
        context.close()
    assert dialogs == [], f"a page opened dialogs: {dialogs}"
    assert errors == [], f"a page raised: {errors}"


@pytest.fixture
def screenshot():
    """screenshot(page, name): a full-page PNG under tests/artifacts/ (git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def sample_files(samples, count):
    """Paths of the first `count` generated sample resumes."""
    folder, answers = samples
    return [folder / answer["filename"] for answer in answers[:count]]
