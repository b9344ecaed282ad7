"""Shared set-up: a private Redis for the whole run, real uvicorn servers, users and their sessions."""

import os

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from progress.connections import reset_clients
from resumescreener.redis_server import RedisServer, RedisUnavailable, free_port
from tests.fixtures_pipeline import samples  # noqa: F401 (the generated sample resumes, a fixture)
from tests.fixtures_workers import start_worker  # noqa: F401 (real rqworker processes, a fixture)
from tests.pushpin_proxy import Pushpin
from tests.servers import AppServer, database_url, process_env


@pytest.fixture(scope="session", autouse=True)
def redis_server(tmp_path_factory):
    """A private redis-server for this run; the suite never touches a Redis it did not start."""
    try:
        server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    except RedisUnavailable as exc:
        pytest.exit(f"The tests need Redis: {exc}", returncode=3)
    os.environ["REDIS_URL"] = server.url
    settings.REDIS_URL = server.url
    settings.RQ_QUEUES["default"]["URL"] = server.url
    reset_clients()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _empty_redis(redis_server):
    """Each test starts with an empty Redis."""
    from progress.connections import get_redis

    if redis_server.process is not None:
        get_redis().flushall()


@pytest.fixture(scope="session")
def db_url(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return database_url(connection.settings_dict)


@pytest.fixture(scope="session")
def app_server(redis_server, db_url, tmp_path_factory):
    """One uvicorn process shared by the tests that only need a server running."""
    server = AppServer(process_env(redis_server.url, db_url), log_dir=tmp_path_factory.mktemp("logs"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def make_user(transactional_db):
    def make(username, staff=False):
        return get_user_model().objects.create_user(
            username=username, password="correct horse battery", is_staff=staff
        )

    return make


@pytest.fixture
def alice(make_user):
    return make_user("alice")


@pytest.fixture
def bob(make_user):
    return make_user("bob")


@pytest.fixture
def staff(make_user):
    return make_user("operator", staff=True)


def session_cookies(user):
    """Cookies of a logged-in session for `user`, usable by any HTTP client."""
    client = Client()
    client.force_login(user)
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


@pytest.fixture
def cookies_for():
    return session_cookies


@pytest.fixture
def start_server(redis_server, db_url, tmp_path):
    """Start extra uvicorn processes (stopped after the test): start_server(**env) -> AppServer."""
    started = []

    def start(redis_url=None, port=None, **env):
        server = AppServer(
            process_env(redis_url or redis_server.url, db_url, **env), port=port, log_dir=tmp_path
        )
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def proxied(start_server, tmp_path):
    """(Pushpin, the web process behind it), both configured for GRIP."""
    origin_port = free_port()
    pushpin = Pushpin(tmp_path, origin_port)
    server = start_server(port=origin_port, GRIP_URL=pushpin.grip_url)
    pushpin.start()
    yield pushpin, server
    pushpin.stop()


@pytest.fixture
def run_jobs(settings, tmp_path):
    """Run every queued RQ job to the end in this process (a real worker in burst mode)."""
    import django_rq
    from rq import SimpleWorker

    settings.MEDIA_ROOT = str(tmp_path / "media")

    def run():
        django_rq.get_worker("default", worker_class=SimpleWorker).work(burst=True)

    return run


@pytest.fixture
def own_redis(tmp_path):
    """A Redis of this test's own, that the test may stop and start; the test process publishes to it."""
    server = RedisServer(tmp_path / "own-redis").start()
    saved = settings.REDIS_URL
    settings.REDIS_URL = server.url
    reset_clients()
    yield server
    server.stop()
    settings.REDIS_URL = saved
    os.environ["REDIS_URL"] = saved
    reset_clients()
