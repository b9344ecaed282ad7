"""Background work: one RQ job per file, then one finaliser that ends the batch.

Every file reaches exactly one final state: each transition to done/failed is a conditional UPDATE that
only one caller can win, and only the winner counts it. The finaliser runs after every file job
(`allow_failure=True`), fails whatever a dead worker left unfinished, and sends the batch's one final
event (guarded the same way).
"""

import logging
import time

import django_rq
from django.db import transaction
from django.utils import timezone
from redis.exceptions import RedisError
from rq import Callback
from rq.exceptions import AbandonedJobError
from rq.job import Dependency
from rq.timeouts import JobTimeoutException

from progress.sse_manager import sse_manager

from . import metrics
from .models import Batch, Resume
from .screening.extract import ExtractionError
from .screening.pipeline import screen

logger = logging.getLogger(__name__)

QUEUE = "default"
FILE_JOB_TIMEOUT = 120
INTERRUPTED = "Processing was interrupted (the worker stopped); retry the file."


def enqueue_batch(batch, resumes=None):
    """Queue a job per queued file of `batch`, then the finaliser (call after the batch is committed)."""
    queue = django_rq.get_queue(QUEUE)
    resumes = resumes if resumes is not None else batch.resumes.filter(status=Resume.Status.QUEUED)
    jobs = [
        queue.enqueue(
            process_resume,
            resume.pk,
            job_timeout=FILE_JOB_TIMEOUT,
            on_failure=Callback(file_job_failed),
            description=f"screen resume {resume.pk}",
        )
        for resume in resumes
        if resume.status == Resume.Status.QUEUED
    ]
    depends = Dependency(jobs=jobs, allow_failure=True) if jobs else None
    queue.enqueue(finish_batch, str(batch.pk), depends_on=depends, description=f"finish batch {batch.pk}")
    publish(batch, f"Queued {batch.total} files")


def process_resume(resume_id):
    """Screen one file and record its outcome (the RQ job)."""
    claimed = Resume.objects.filter(pk=resume_id, status=Resume.Status.QUEUED).update(
        status=Resume.Status.PROCESSING, started=timezone.now()
    )
    if not claimed:
        return  # cancelled, or already handled
    resume = Resume.objects.select_related("batch__opening").get(pk=resume_id)
    Batch.objects.filter(pk=resume.batch_id, status=Batch.Status.QUEUED).update(
        status=Batch.Status.PROCESSING
    )
    began = time.monotonic()
    log = {"batch_id": str(resume.batch_id), "resume_id": resume.pk}
    logger.info("screening started", extra={"event": "job_started", **log})
    try:
        screen(resume)
    except ExtractionError as error:
        resume.error, resume.flags = error.reason, error.flags
        outcome = Resume.Status.FAILED
    except Exception:
        logger.exception("screening resume %s failed", resume_id, extra={"event": "job_error", **log})
        resume.error = "The file could not be screened (internal error)."
        outcome = Resume.Status.FAILED
    else:
        outcome = Resume.Status.DONE
    elapsed = time.monotonic() - began
    resume.duration_ms = int(elapsed * 1000)
    metrics.FILE_SECONDS.observe(elapsed)
    ended = {
        "event": "job_ended",
        "outcome": outcome,
        "duration_ms": resume.duration_ms,
        "error": resume.error,
    }
    logger.info("screening ended", extra={**ended, **log})
    finish_resume(resume, outcome)


def finish_resume(resume, outcome):
    """Move `resume` to its final state once; count it and publish progress if this call did it."""
    fields = {
        "status": outcome,
        "finished": timezone.now(),
        "error": resume.error,
        "text": resume.text,
        "parsed": resume.parsed,
        "score": resume.score if outcome == Resume.Status.DONE else None,
        "matched_skills": resume.matched_skills,
        "missing_skills": resume.missing_skills,
        "flags": resume.flags,
        "explanation": resume.explanation,
        "duration_ms": resume.duration_ms,
    }
    with transaction.atomic():
        won = Resume.objects.filter(
            pk=resume.pk, status__in=[Resume.Status.QUEUED, Resume.Status.PROCESSING]
        ).update(**fields)
        if not won:
            return False
        metrics.FILES.labels(outcome).inc()
        batch = Batch.objects.get(pk=resume.batch_id)
        batch.count_outcome(outcome == Resume.Status.DONE)
    publish(
        batch, f"Processed {batch.completed} of {batch.total}: {resume.original_name}", resume.original_name
    )
    return True


def file_job_failed(job, connection, exc_type, exc_value, tb):
    """RQ on_failure: the job died (timeout, dead worker): fail the file with a reason."""
    resume = Resume.objects.filter(pk=job.args[0]).first()
    if resume is not None:
        resume.error = failure_reason(exc_type, exc_value)
        finish_resume(resume, Resume.Status.FAILED)


def failure_reason(exc_type, exc_value):
    """A sentence for the user about why a file's job died."""
    if exc_type is not None and issubclass(exc_type, AbandonedJobError):
        return INTERRUPTED
    if exc_type is not None and issubclass(exc_type, JobTimeoutException):
        return f"Processing took longer than {FILE_JOB_TIMEOUT} s; the file was given up."
    return f"Processing failed: {exc_value}" if exc_value else INTERRUPTED


def finish_batch(batch_id):
    """The finaliser: fail files left unfinished, mark the batch ended, send its one final event."""
    batch = Batch.objects.get(pk=batch_id)
    for resume in batch.resumes.filter(status__in=[Resume.Status.QUEUED, Resume.Status.PROCESSING]):
        resume.error = INTERRUPTED
        finish_resume(resume, Resume.Status.FAILED)
    batch.refresh_from_db()
    status = Batch.Status.CANCELLED if batch.status == Batch.Status.CANCELLED else Batch.Status.COMPLETED
    won = Batch.objects.filter(pk=batch_id, final_event_sent=False).update(
        final_event_sent=True, status=status, finished=timezone.now()
    )
    if not won:
        return
    batch.refresh_from_db()
    metrics.BATCH_SECONDS.observe((batch.finished - batch.created).total_seconds())
    results = [r.as_json() for r in batch.ranked_resumes()]
    for result in results:
        result.pop("explanation")  # the summary stays small; the batch API has the full text
    word = "cancelled" if status == Batch.Status.CANCELLED else "processed"
    publish(batch, f"All files {word}: {batch.successful} screened, {batch.failed} failed", results=results)


def publish(batch, message, current_file=None, results=None):
    """Send the batch's progress (the seed's fields) to its owner's streams."""
    data = {
        "batch_id": str(batch.pk),
        "completed": batch.completed,
        "total": batch.total,
        "status": batch.status,
        "message": message,
        "successful_files": batch.successful,
        "failed_files": batch.failed,
        "current_file": current_file,
    }
    if results is not None:
        data["results"] = results
    try:
        return sse_manager.update_progress(batch.owner_id, data)
    except RedisError as error:
        # Progress is a snapshot: the next event (or the batch API) carries the state; the job goes on.
        logger.warning("could not publish progress of batch %s: %s", batch.pk, error)
        return None
