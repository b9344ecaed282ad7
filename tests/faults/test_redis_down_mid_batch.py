"""Redis down for 30 s in the middle of a batch, then back: open pages recover within 5 s of its return
with no web or worker restart, and the workers finish the batch with the right final state."""

import json
import threading
import time

import httpx
import pytest

from progress.sse_manager import sse_manager
from resumes.models import Batch, Opening, Resume
from resumescreener.redis_server import RedisServer
from tests.fixtures_workers import WorkerProcess
from tests.servers import process_env
from tests.sse_client import SSEStream

FILES = 40


@pytest.fixture
def durable_redis(tmp_path, settings):
    """A Redis of this test's own that keeps its data across a restart (append-only file), as a
    production Redis does: the outage is one of service, not of data."""
    from progress.connections import reset_clients

    server = RedisServer(
        tmp_path / "redis", extra_args=["--appendonly", "yes", "--appendfsync", "always"]
    ).start()
    saved = settings.REDIS_URL
    settings.REDIS_URL = server.url
    settings.RQ_QUEUES["default"]["URL"] = server.url
    reset_clients()
    yield server
    server.stop()
    settings.RQ_QUEUES["default"]["URL"] = saved
    reset_clients()


def test_pages_recover_and_workers_finish_after_a_30_s_outage(
    durable_redis, start_server, db_url, alice, cookies_for, settings, tmp_path
):
    media = tmp_path / "media"
    settings.MEDIA_ROOT = str(media)
    server = start_server(redis_url=durable_redis.url, MEDIA_ROOT=media)
    opening = Opening.objects.create(owner=alice, title="Backend", required_skills=["Python"])
    stream = SSEStream(
        server.url, f"/api/v1/sse/progress/stream/{alice.pk}", cookies=cookies_for(alice), timeout=60
    )
    events = []
    reading = threading.Thread(target=lambda: read_until_completed(stream, events), daemon=True)
    reading.start()

    csrf = "c" * 32
    files = [("files", (f"cv-{n:02}.txt", f"Candidate {n}\nPython, Docker\n".encode())) for n in range(FILES)]
    response = httpx.post(
        f"{server.url}/api/v1/openings/{opening.pk}/batches", files=files, timeout=30,
        cookies=cookies_for(alice) | {"csrftoken": csrf}, headers={"X-CSRFToken": csrf},
    )  # fmt: skip
    batch_id = response.json()["batch_id"]
    worker = WorkerProcess(process_env(durable_redis.url, db_url, MEDIA_ROOT=media), tmp_path / "worker.log")
    worker.start()
    try:
        wait_until(lambda: Batch.objects.get(pk=batch_id).completed >= 5, 60, "the batch never started")
        durable_redis.stop()
        time.sleep(30)
        durable_redis.start()
        returned = time.monotonic()
        seen = len(events)
        probe = retry_publish(alice.pk, {"probe": True})
        wait_until(
            lambda: any(json.loads(e.data).get("probe") for e in events[seen:]), 5, "no event 5 s after"
        )
        assert time.monotonic() - returned <= 5 + 1
        wait_until(lambda: Batch.objects.get(pk=batch_id).status == "completed", 180, worker.log())
    finally:
        worker.stop()
    batch = Batch.objects.get(pk=batch_id)
    resumes = Resume.objects.filter(batch=batch)
    assert batch.completed == FILES == batch.successful + batch.failed
    assert all(r.status in ("done", "failed") for r in resumes)
    reading.join(30)
    finals = [e for e in events if json.loads(e.data).get("status") == "completed"]
    assert len(finals) == 1 and json.loads(finals[0].data)["completed"] == FILES
    ids = [int(e.id) for e in events]
    assert ids == sorted(set(ids)) and probe in ids  # nothing twice, in order
    stream.close()


def read_until_completed(stream, events):
    while True:
        event = stream.next_event(timeout=200)
        events.append(event)
        data = json.loads(event.data)
        if data.get("status") == "completed" and data.get("total") == FILES:
            return


def retry_publish(user_id, data, timeout=10):
    deadline = time.monotonic() + timeout
    while True:
        try:
            return sse_manager.update_progress(user_id, data)
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def wait_until(predicate, timeout, message):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, message
        time.sleep(0.1)
