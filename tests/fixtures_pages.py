"""Fixtures for the page tests: an opening and batches built straight in the database (no jobs run)."""

import pytest

from resumes.models import Batch, Opening, Resume

__all__ = ["opening", "finished_batch", "running_batch"]  # what test modules import with *


@pytest.fixture
def opening(alice):
    return Opening.objects.create(
        owner=alice, title="Backend engineer", required_skills=["Python", "PostgreSQL"],
        preferred_skills=["Docker"], min_years=2,
    )  # fmt: skip


def make_resume(batch, name, **fields):
    return Resume.objects.create(batch=batch, original_name=name, **fields)


@pytest.fixture
def finished_batch(opening):
    """A completed batch of three files: two screened (scores 55 and 91), one failed."""
    batch = Batch.objects.create(
        owner=opening.owner, opening=opening, status=Batch.Status.COMPLETED, total=3, completed=3,
        successful=2, failed=1, final_event_sent=True,
    )  # fmt: skip
    make_resume(
        batch, "middling.pdf", status=Resume.Status.DONE, score=55, flags=["missing_required_skill"],
        parsed={"name": "Mid Dling", "email": "mid@example.com", "phone": "+1 555 0100", "years": 3.5},
        matched_skills=["Python"], missing_skills=["PostgreSQL"], explanation="Matched: Python",
    )  # fmt: skip
    make_resume(
        batch, "<img src=x onerror=alert(1)>.pdf", status=Resume.Status.DONE, score=91,
        parsed={"name": "Top Candidate", "email": "top@example.com", "years": 7},
        matched_skills=["Python", "PostgreSQL"], missing_skills=[],
    )  # fmt: skip
    make_resume(batch, "broken.pdf", status=Resume.Status.FAILED, error="The PDF could not be read.")
    return batch


@pytest.fixture
def running_batch(opening):
    """A batch still being screened: one file done, one queued."""
    batch = Batch.objects.create(
        owner=opening.owner, opening=opening, status=Batch.Status.PROCESSING, total=2, completed=1,
        successful=1,
    )  # fmt: skip
    make_resume(batch, "done.pdf", status=Resume.Status.DONE, score=70)
    make_resume(batch, "waiting.pdf", status=Resume.Status.QUEUED)
    return batch
