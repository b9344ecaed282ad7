"""The hostile corpus (tests/data/make_hostile.py) through the real pipeline and a real worker process:
each bad file fails with its reason in bounded time and memory, the batch completes, the worker survives."""

import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resumes.models import Batch, Opening, Resume
from tests.data.make_hostile import write_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    return folder, write_corpus(folder)


def rss_bytes(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def test_every_hostile_file_fails_alone_and_the_worker_survives(client, alice, corpus, start_worker):
    folder, expect = corpus
    opening = Opening.objects.create(owner=alice, title="Backend", required_skills=["Python"])
    client.force_login(alice)
    files = [
        SimpleUploadedFile(name, (folder / file_name).read_bytes()) for name, (file_name, _) in expect.items()
    ]
    body = client.post(f"/api/v1/openings/{opening.pk}/batches", {"files": files}).json()
    worker = start_worker()
    started = time.monotonic()
    while Batch.objects.get(pk=body["batch_id"]).status != "completed":
        assert time.monotonic() - started < 180, worker.log()
        time.sleep(0.2)
    assert worker.process.poll() is None and rss_bytes(worker.pid) < 1024**3  # alive, memory bounded
    resumes = list(Resume.objects.filter(batch_id=body["batch_id"]))
    # Names are shortened to 255 characters, keeping the extension, so they are compared by their start.
    may_pass = tuple(name[:100] for name, (_, outcome) in expect.items() if outcome == "any")
    assert all(r.status in ("done", "failed") for r in resumes)
    passed = [r.original_name for r in resumes if r.status != "failed"]
    assert [name for name in passed if not name.startswith(may_pass)] == []
    assert all(r.error for r in resumes if r.status == "failed")
    # ZIPs are opened member by member; every other bad file is there under its own name.
    names = {r.original_name for r in resumes}
    assert {name for name in expect if not name.endswith(".zip") and len(name) <= 255} <= names
