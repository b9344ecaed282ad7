"""Fixtures for the page tests: an opening and batches built straight in the database (no jobs run)."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resumes.intake import create_batch
from resumes.models import Batch, Opening, Resume

PDF = Path(__file__).parent / "data" / "pdfminer-samples" / "simple1.pdf"
TEXT = (
    "Jane Doe\njane@example.com\n\nSkills: Python, PostgreSQL and some Docker.\n"
    "Built <script>alert(1)</script> data pipelines in Python for 6 years.\n"
)

__all__ = [
    "opening",
    "finished_batch",
    "running_batch",
    "stored_batch",
    "PDF",
]  # what test modules import with *


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


EXPLANATION = "\n".join(
    [
        "Score 88/100: ...",
        "Matched required skills:",
        '  - PostgreSQL: "Skills: Python, PostgreSQL and some Docker."',
        '  - Python: "Skills: Python, PostgreSQL and some…"',
        "Matched preferred skills:",
        '  - Docker: "…PostgreSQL and some Docker. Built <script>alert(1)</script>…"',
    ]
)


@pytest.fixture
def stored_batch(opening, settings, tmp_path):
    """A finished batch whose two files are stored (a PDF and a TXT), as if screened; the TXT is first."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    uploads = [
        SimpleUploadedFile('Jane "CV".txt', TEXT.encode()),
        SimpleUploadedFile("scan.pdf", PDF.read_bytes()),
    ]
    batch, (text, pdf) = create_batch(opening.owner, opening, uploads)
    Batch.objects.filter(pk=batch.pk).update(
        status=Batch.Status.COMPLETED, completed=2, successful=2, final_event_sent=True
    )
    Resume.objects.filter(pk=text.pk).update(
        status=Resume.Status.DONE, score=88, text=TEXT, matched_skills=["Docker", "PostgreSQL", "Python"],
        parsed={"name": "Jane Doe", "email": "jane@example.com", "years": 6,
                "skills": {"Python": "Skills: Python, PostgreSQL and some…"}},
        explanation=EXPLANATION,
    )  # fmt: skip
    Resume.objects.filter(pk=pdf.pk).update(
        status=Resume.Status.DONE, score=20, parsed={"name": "Pat Scan"}, flags=["ocr"]
    )
    batch.refresh_from_db()
    return batch
