"""Scale-out on existing engines: four uvicorn processes and three RQ workers against one Redis screen a
200-file batch; every client sees every event once, in order, and the connection counts are right."""

import json
import threading

import httpx
import pytest

from resumes.models import Batch, Opening
from tests.sse_client import SSEStream

FILES = 200


@pytest.fixture
def opening(alice):
    return Opening.objects.create(owner=alice, title="Backend", required_skills=["Python", "PostgreSQL"])


def resume_text(n):
    text = f"Candidate {n}\ncandidate{n}@example.com\nPython, PostgreSQL, Docker\n2015 - 2020 Engineer\n"
    return text.encode()


def test_four_web_processes_and_three_workers_screen_200_files(
    start_server, start_worker, alice, staff, opening, cookies_for, settings
):
    servers = [start_server(MEDIA_ROOT=settings.MEDIA_ROOT) for _ in range(4)]
    path = f"/api/v1/sse/progress/stream/{alice.pk}"
    streams = [SSEStream(s.url, path, cookies=cookies_for(alice), timeout=60) for s in servers]
    counts = httpx.get(f"{servers[0].url}/api/v1/sse/connections/status", cookies=cookies_for(staff)).json()
    assert counts["per_user"].get(str(alice.pk)) == 4

    received = [[] for _ in streams]

    def read(index):
        while True:
            event = streams[index].next_event(timeout=120)
            received[index].append(event)
            if json.loads(event.data)["status"] == "completed":
                return

    readers = [threading.Thread(target=read, args=(i,)) for i in range(4)]
    for reader in readers:
        reader.start()
    for _ in range(3):
        start_worker()
    files = [("files", (f"cv-{n:03}.txt", resume_text(n))) for n in range(FILES)]
    csrf = "b" * 32
    response = httpx.post(
        f"{servers[1].url}/api/v1/openings/{opening.pk}/batches", files=files, timeout=60,
        cookies=cookies_for(alice) | {"csrftoken": csrf}, headers={"X-CSRFToken": csrf},
    )  # fmt: skip
    assert response.status_code == 202 and response.json()["total"] == FILES
    for reader in readers:
        reader.join(300)

    for events in received:
        ids = [int(e.id) for e in events]
        assert ids == list(range(ids[0], ids[0] + len(ids)))  # each once, in order
        assert len(events) == 1 + FILES + 1  # queued, one per file, the final one
        assert [json.loads(e.data)["status"] for e in events].count("completed") == 1
    batch = Batch.objects.get(pk=response.json()["batch_id"])
    assert batch.status == "completed" and batch.completed == batch.successful == FILES
    for stream in streams:
        stream.close()
