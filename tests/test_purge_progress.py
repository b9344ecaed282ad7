"""manage.py purge_progress: removing retained progress from Redis."""

import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from progress.sse_manager import sse_manager


def publish(user, count, age=None):
    for n in range(1, count + 1):
        data = {"batch_id": "b1", "completed": n, "total": count, "status": "processing"}
        if age is not None:
            data["timestamp"] = (timezone.now() - age).isoformat()
        sse_manager.update_progress(user.pk, data)


def purge(*args):
    out = StringIO()
    call_command("purge_progress", *args, stdout=out)
    return out.getvalue()


def test_it_removes_one_users_progress_and_leaves_others(alice, bob):
    publish(alice, 3)
    publish(bob, 2)
    output = purge("--user", str(alice.pk))
    assert f"user {alice.pk}: 3 events removed" in output
    assert "total: 3 events removed, from 1 user" in output
    assert sse_manager.get_progress(alice.pk) is None
    assert sse_manager.get_progress(bob.pk)["completed"] == 2


def test_user_can_be_repeated(alice, bob):
    publish(alice, 1)
    publish(bob, 2)
    output = purge("--user", str(alice.pk), "--user", str(bob.pk))
    assert f"user {alice.pk}: 1 event removed" in output
    assert f"user {bob.pk}: 2 events removed" in output
    assert sse_manager.get_progress(alice.pk) is None
    assert sse_manager.get_progress(bob.pk) is None


def test_older_than_removes_old_streams_and_keeps_recent_ones(alice, bob):
    publish(alice, 4, age=timedelta(days=3))
    publish(bob, 2, age=timedelta(hours=1))
    output = purge("--older-than", "2d")
    assert f"user {alice.pk}: 4 events removed" in output
    assert f"user {bob.pk}" not in output
    assert sse_manager.get_progress(alice.pk) is None
    assert sse_manager.get_progress(bob.pk) is not None


def test_older_than_looks_at_the_last_event_only(alice):
    publish(alice, 3, age=timedelta(days=3))
    publish(alice, 1)  # a recent event: the stream is in use
    purge("--older-than", "2d")
    assert len(sse_manager.get_events(alice.pk)) == 4


def test_dry_run_removes_nothing_but_says_what_would_go(alice, bob):
    publish(alice, 3)
    publish(bob, 1)
    output = purge("--all", "--dry-run")
    assert f"user {alice.pk}: 3 events would be removed" in output
    assert f"user {bob.pk}: 1 event would be removed" in output
    assert "total: 4 events would be removed, from 2 users (dry run)" in output
    assert len(sse_manager.get_events(alice.pk)) == 3
    assert len(sse_manager.get_events(bob.pk)) == 1


def test_all_removes_everyones_progress(alice, bob):
    publish(alice, 3)
    publish(bob, 1)
    output = purge("--all")
    assert "total: 4 events removed, from 2 users" in output
    assert sse_manager.get_progress(alice.pk) is None
    assert sse_manager.get_progress(bob.pk) is None


def test_event_ids_keep_counting_up_after_a_purge(alice):
    publish(alice, 3)
    last = sse_manager.get_events(alice.pk)[-1].id
    purge("--user", str(alice.pk))
    assert sse_manager.update_progress(alice.pk, {"status": "queued"}) == last + 1


def test_nothing_to_remove_says_so(alice):
    output = purge("--user", str(alice.pk))
    assert f"user {alice.pk}: 0 events removed" in output
    assert "total: 0 events removed, from 0 users" in output


def test_without_user_older_than_or_all_it_refuses():
    with pytest.raises(CommandError, match="--user ID, --older-than DURATION, or --all"):
        purge()


def test_all_cannot_be_narrowed(alice):
    with pytest.raises(CommandError, match="cannot be combined"):
        purge("--all", "--user", str(alice.pk))


def test_a_bad_duration_is_refused():
    with pytest.raises(CommandError, match="Invalid duration"):
        purge("--older-than", "2 days")


def test_without_a_timestamp_the_streams_idle_time_tells_its_age(alice):
    sse_manager.update_progress(alice.pk, {"status": "processing", "timestamp": None})
    purge("--older-than", "1h")
    assert sse_manager.get_progress(alice.pk) is not None
    time.sleep(2.5)
    output = purge("--older-than", "1s")
    assert f"user {alice.pk}: 1 event removed" in output
