"""The database locked or unavailable during an upload: a clear 503, and nothing half-written."""

import contextlib
import sqlite3

import httpx
import pytest
from django.db import connection

from resumes.models import Batch, Opening, Resume


@contextlib.contextmanager
def database_locked_for_writes():
    """Hold the lock that every write needs, from another connection, as a stuck writer or a
    failing-over database would."""
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        other = sqlite3.connect(settings_dict["NAME"], isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            other.execute("ROLLBACK")
            other.close()
    else:
        import psycopg

        other = psycopg.connect(
            dbname=settings_dict["NAME"],
            user=settings_dict["USER"],
            host=settings_dict["HOST"] or "127.0.0.1",
            port=settings_dict["PORT"] or 5432,
            password=settings_dict["PASSWORD"] or None,
        )
        other.execute("LOCK TABLE resumes_batch IN EXCLUSIVE MODE")
        try:
            yield
        finally:
            other.rollback()
            other.close()


@pytest.fixture
def opening(alice):
    return Opening.objects.create(owner=alice, title="Backend", required_skills=["Python"])


@pytest.fixture
def upload(start_server, alice, opening, cookies_for, tmp_path):
    """Upload one resume to a server that waits at most 1 s for a database lock."""
    server = start_server(DATABASE_LOCK_TIMEOUT_SECONDS=1, MEDIA_ROOT=tmp_path / "media")
    cookies = cookies_for(alice) | {"csrftoken": "a" * 32}  # logged in now, before any lock is taken

    def post():
        return httpx.post(
            f"{server.url}/api/v1/openings/{opening.pk}/batches",
            files={"files": ("cv.txt", b"Jane Doe\nPython\n")},
            cookies=cookies,
            headers={"X-CSRFToken": "a" * 32},
            timeout=30,
        )

    return post


def test_an_upload_gets_a_clear_503_and_nothing_is_saved(upload, tmp_path):
    with database_locked_for_writes():
        response = upload()
    assert response.status_code == 503
    assert response.json()["error"] == "database_unavailable" and response.headers["retry-after"]
    assert Batch.objects.count() == 0 and Resume.objects.count() == 0
    assert not any(path.is_file() for path in (tmp_path / "media").rglob("*"))


def test_the_same_upload_works_once_the_database_answers(upload):
    assert upload().status_code == 202
