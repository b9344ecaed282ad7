"""Every third-party sample PDF (tests/data/pdfminer-samples) goes through the real pipeline: each file
ends screened or failed with a reason, in bounded time, and the batch completes."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resumes.models import Batch, Opening, Resume
from tests.fixtures_pipeline import PDFMINER_SAMPLES


@pytest.fixture
def opening(alice):
    return Opening.objects.create(owner=alice, title="Any", required_skills=["Python"])


def test_every_sample_is_screened_or_fails_with_a_reason(client, alice, opening, run_jobs):
    paths = sorted(PDFMINER_SAMPLES.glob("*.pdf"))
    assert len(paths) == 47
    client.force_login(alice)
    files = [SimpleUploadedFile(path.name, path.read_bytes()) for path in paths]
    body = client.post(f"/api/v1/openings/{opening.pk}/batches", {"files": files}).json()
    started = time.monotonic()
    run_jobs()
    elapsed = time.monotonic() - started
    batch = Batch.objects.get(pk=body["batch_id"])
    resumes = list(batch.resumes.all())
    assert batch.status == Batch.Status.COMPLETED and batch.completed == batch.total == 47
    assert all(r.status in (Resume.Status.DONE, Resume.Status.FAILED) for r in resumes)
    assert all(r.error for r in resumes if r.status == Resume.Status.FAILED)
    assert elapsed < 120
    encrypted = next(r for r in resumes if r.original_name == "encryption_rc4-128.pdf")
    assert encrypted.status == Resume.Status.FAILED and "encrypted" in encrypted.error.lower()
