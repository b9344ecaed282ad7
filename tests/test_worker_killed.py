"""A worker or its extraction process SIGKILLed in the middle of a file: the file fails with a reason,
the batch completes, one final event.

Real `manage.py rqworker` processes (the screening worker class production runs), a real Redis and the
test database. The slow file is a five-page scan (OCR takes seconds), so that "in the middle" is a state
the test can wait for (the file is `processing`) and then kill.
"""

import json
import os
import signal
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from progress.sse_manager import sse_manager
from resumes.models import Batch, Opening, Resume
from resumes.workers import HEARTBEAT_GRACE, JOB_MONITORING_INTERVAL, SWEEP_INTERVAL
from tests import fixtures_workers
from tests.fixtures_pipeline import sample_of_layout, scanned_pdf

start_worker = fixtures_workers.start_worker  # the fixture, for this module's tests

pytestmark = pytest.mark.timeout(120)

# A dead worker's job is found within a heartbeat interval, the grace, and a sweep (see resumes.workers).
DETECTION_BOUND = JOB_MONITORING_INTERVAL + HEARTBEAT_GRACE + SWEEP_INTERVAL + 5


@pytest.fixture
def batch_with_a_slow_file(start_worker, client, alice, samples, tmp_path):
    """A batch whose first file is slow to screen and whose second is a normal resume (not started)."""
    opening = Opening.objects.create(owner=alice, title="Backend", required_skills=["Python"])
    slow = scanned_pdf(tmp_path / "slow.pdf")
    normal, _ = sample_of_layout(samples, "pdf_one_column")
    client.force_login(alice)
    files = [
        SimpleUploadedFile("slow.pdf", slow.read_bytes()),
        SimpleUploadedFile("cv.pdf", normal.read_bytes()),
    ]
    body = client.post(f"/api/v1/openings/{opening.pk}/batches", {"files": files}).json()
    return Batch.objects.get(pk=body["batch_id"])


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def slow_file(batch):
    return batch.resumes.get(original_name="slow.pdf")


def wait_until_processing(batch, worker):
    wait_for(lambda: slow_file(batch).status == Resume.Status.PROCESSING, 30, f"processing\n{worker.log()}")


def wait_until_completed(batch, timeout=30):
    wait_for(
        lambda: Batch.objects.get(pk=batch.pk).status == Batch.Status.COMPLETED,
        timeout,
        "the batch to complete",
    )


def final_events(user):
    events = [json.loads(event.data) for event in sse_manager.get_events(user.pk)]
    return [event for event in events if event["status"] == "completed"]


def assert_the_batch_ended_once(batch, user):
    time.sleep(0.5)  # room for a second final event, were there one
    batch.refresh_from_db()
    assert batch.status == Batch.Status.COMPLETED and batch.completed == batch.total == 2
    assert batch.resumes.get(original_name="cv.pdf").status == Resume.Status.DONE
    assert len(final_events(user)) == 1
    assert len(final_events(user)[0]["results"]) == 2


def test_killing_the_extraction_process_fails_its_file_and_the_batch_completes(
    batch_with_a_slow_file, alice, start_worker
):
    batch = batch_with_a_slow_file
    worker = start_worker()
    wait_until_processing(batch, worker)
    os.kill(worker.extraction_pid(), signal.SIGKILL)
    wait_until_completed(batch)
    resume = slow_file(batch)
    assert resume.status == Resume.Status.FAILED
    assert resume.error.startswith("extraction was stopped: its process was killed (signal 9)")
    assert_the_batch_ended_once(batch, alice)


def test_a_job_abandoned_by_a_dead_worker_is_failed_within_seconds_by_another_worker(
    batch_with_a_slow_file, alice, start_worker
):
    batch = batch_with_a_slow_file
    first = start_worker()
    wait_until_processing(batch, first)
    child = first.extraction_pid()
    first.kill()
    os.kill(child, signal.SIGKILL)  # the whole worker is gone, as when its machine dies
    killed_at = time.monotonic()
    start_worker()
    wait_for(lambda: slow_file(batch).status == Resume.Status.FAILED, DETECTION_BOUND, "the file to fail")
    detected_after = time.monotonic() - killed_at
    wait_until_completed(batch)
    assert slow_file(batch).error == "Processing was interrupted (the worker stopped); retry the file."
    assert_the_batch_ended_once(batch, alice)
    print(f"abandoned job detected {detected_after:.1f} s after the kill")  # shown with pytest -s
