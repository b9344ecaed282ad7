"""Deleting a batch and everything kept about its candidates: resumes are personal data.

A batch goes with its files' rows (extracted text, parsed fields, scores), the stored uploads, and its
progress events in Redis (which carry file names and, at the end, every result). A running batch is
not deleted (its jobs would still be writing): cancel it, and once no file is in a worker's hands it goes.
"""

import logging
import os
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from redis.exceptions import RedisError

from progress.sse_manager import sse_manager

from .models import Batch, Resume

logger = logging.getLogger(__name__)

RUNNING = (Batch.Status.QUEUED, Batch.Status.PROCESSING)


class BatchRunning(Exception):
    """The batch still has files being screened."""


@dataclass(frozen=True)
class Deleted:
    """What a deletion removed (or, for a dry run, would remove)."""

    batch_id: str
    files: int
    stored_files: int


def is_running(batch):
    """True while jobs may still write to `batch`: it is queued or processing, or it was cancelled while a
    worker had a file in hand (that file finishes first; a dead worker's is failed within seconds)."""
    if batch.status in RUNNING:
        return True
    return batch.resumes.filter(status=Resume.Status.PROCESSING).exists()


def delete_batch(batch, force=False):
    """Delete `batch`, its resumes, their stored files and its progress events; return a Deleted.

    Raises BatchRunning for a batch still being screened, unless `force` (the retention purge: a batch
    that old is not running, whatever its status says).
    """
    if is_running(batch) and not force:
        raise BatchRunning(str(batch.pk))
    storage = Resume._meta.get_field("file").storage
    names = list(batch.resumes.exclude(file="").values_list("file", flat=True))
    deleted = Deleted(str(batch.pk), batch.resumes.count(), len(names))
    owner_id = batch.owner_id
    with transaction.atomic():
        batch.delete()  # the resumes go with it (on_delete=CASCADE)
        # Files and events go once the rows are gone for good: a rolled-back delete keeps everything.
        transaction.on_commit(lambda: _remove_files(storage, names, deleted.batch_id))
        transaction.on_commit(lambda: _remove_events(owner_id, deleted.batch_id))
    return deleted


def _remove_files(storage, names, batch_id):
    for name in names:
        try:
            storage.delete(name)
        except OSError as error:
            logger.warning("could not delete stored file %s: %s", name, error)
    try:
        folder = storage.path(f"resumes/{batch_id}")
    except NotImplementedError:  # storage without local paths (e.g. S3) has no folders to remove
        return
    try:
        os.rmdir(folder)
    except OSError:
        pass  # absent, or something else is in it: leave it


def _remove_events(owner_id, batch_id):
    try:
        sse_manager.remove_events(owner_id, batch_id=batch_id)
    except RedisError as error:
        # They expire with the stream (PROGRESS_TTL_SECONDS); the personal data in the database is gone.
        logger.warning("could not remove progress events of batch %s: %s", batch_id, error)


def batches_older_than(age):
    """Batches uploaded more than `age` (a timedelta) ago, oldest first."""
    return Batch.objects.filter(created__lt=timezone.now() - age).order_by("created")


def purge_batches(age, dry_run=False):
    """Delete every batch older than `age`; return a Deleted per batch (nothing deleted if `dry_run`)."""
    results = []
    for batch in batches_older_than(age).select_related("opening"):
        if dry_run:
            stored = batch.resumes.exclude(file="").count()
            results.append(Deleted(str(batch.pk), batch.resumes.count(), stored))
        else:
            results.append(delete_batch(batch, force=True))
    return results
