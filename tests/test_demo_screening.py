"""python manage.py demo_screening: a demo user, an opening and a batch of sample resumes, screened."""

import io
import re

import django_rq
import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from resumes.models import Batch


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def demo_screening(*args):
    out = io.StringIO()
    call_command("demo_screening", *args, stdout=out)
    return out.getvalue()


def logs_in(username, password):
    """True when the login page takes these credentials."""
    return Client().post("/accounts/login/", {"username": username, "password": password}).status_code == 302


def printed_credentials(output):
    username = re.search(r"^Username: (\S+)$", output, re.M).group(1)
    password = re.search(r"^Password: (\S+)$", output, re.M).group(1)
    return username, password


def test_it_screens_a_batch_of_samples_with_run_and_prints_working_credentials(transactional_db, media_root):
    output = demo_screening("--run", "--count", "5")
    username, password = printed_credentials(output)
    assert logs_in(username, password) and username == "demo"
    user = get_user_model().objects.get(username=username)
    batch = Batch.objects.get(owner=user)
    assert batch.status == Batch.Status.COMPLETED and batch.total == batch.successful == 5
    assert batch.opening.required_skills == ["Python", "PostgreSQL", "Docker"]
    assert f"/batches/{batch.pk}/" in output and "Batch completed: 5 screened, 0 failed" in output


def test_without_run_it_queues_the_batch_for_the_workers(transactional_db, media_root):
    output = demo_screening("--count", "3")
    batch = Batch.objects.get()
    assert batch.status == Batch.Status.QUEUED
    assert django_rq.get_queue("default").count == 3  # the file jobs; the finaliser waits for them
    assert "A worker must be running" in output


def test_running_it_again_gives_the_demo_user_a_new_password(transactional_db, media_root):
    _, first = printed_credentials(demo_screening("--count", "1"))
    username, second = printed_credentials(demo_screening("--count", "1"))
    assert first != second
    assert not logs_in(username, first)
    assert logs_in(username, second)
    assert Batch.objects.count() == 2


def test_a_count_below_one_is_refused(transactional_db, media_root):
    with pytest.raises(CommandError, match="at least 1"):
        demo_screening("--count", "0")
