"""manage.py purge_batches --older-than DURATION [--dry-run]: the retention purge."""

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from resumes.models import Batch
from tests.fixtures_pages import *  # noqa: F403 (the fixtures opening, stored_batch, finished_batch)


def purge(*args):
    out = StringIO()
    call_command("purge_batches", *args, stdout=out)
    return out.getvalue()


def age(batch, days):
    Batch.objects.filter(pk=batch.pk).update(created=timezone.now() - timedelta(days=days))


@pytest.fixture
def old_batch(stored_batch):
    age(stored_batch, 100)
    return stored_batch


def test_it_deletes_batches_older_than_the_period_and_keeps_newer_ones(old_batch, finished_batch):
    paths = [Path(settings.MEDIA_ROOT) / r.file.name for r in old_batch.resumes.all()]
    output = purge("--older-than", "90d")
    assert f"batch {old_batch.pk}: 2 files deleted" in output
    assert "total: 1 batch deleted, 2 files" in output
    assert not Batch.objects.filter(pk=old_batch.pk).exists() and not any(p.exists() for p in paths)
    assert Batch.objects.filter(pk=finished_batch.pk).exists()


def test_a_dry_run_says_what_would_go_and_deletes_nothing(old_batch):
    output = purge("--older-than", "90d", "--dry-run")
    assert f"batch {old_batch.pk}: 2 files would be deleted" in output
    assert output.rstrip().endswith("total: 1 batch would be deleted, 2 files (dry run)")
    assert Batch.objects.filter(pk=old_batch.pk).exists()


def test_an_old_batch_stuck_running_goes_too(running_batch):
    age(running_batch, 100)
    assert "total: 1 batch deleted, 2 files" in purge("--older-than", "12w")
    assert not Batch.objects.filter(pk=running_batch.pk).exists()


def test_nothing_old_enough_deletes_nothing(stored_batch):
    assert purge("--older-than", "90d").strip() == "total: 0 batches deleted, 0 files"


def test_it_refuses_a_bad_duration(db):
    with pytest.raises(CommandError, match="Invalid duration"):
        purge("--older-than", "90 days")


def test_it_requires_the_period(db):
    with pytest.raises(CommandError, match="--older-than"):
        purge()
