"""manage.py demo_progress: a fake batch's progress, published to a user's stream."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from progress.demo import demo_events
from progress.sse_manager import sse_manager


def demo(*args):
    out = StringIO()
    call_command("demo_progress", *args, stdout=out)
    return out.getvalue()


def test_it_publishes_queued_each_file_then_completed_with_results(alice):
    output = demo("--user", str(alice.pk), "--steps", "4", "--delay", "0")
    events = [json.loads(event.data) for event in sse_manager.get_events(alice.pk)]
    assert [e["status"] for e in events] == ["queued"] + ["processing"] * 4 + ["completed"]
    assert events[2]["message"] == "Processed 2 of 4: resume-2.pdf"
    assert events[2]["current_file"] == "resume-2.pdf"
    assert events[-1]["completed"] == events[-1]["total"] == 4
    assert [r["rank"] for r in events[-1]["results"]] == [1, 2, 3, 4]
    assert "results" not in events[-2]
    last_id = sse_manager.get_events(alice.pk)[-1].id
    assert output.splitlines()[-1].startswith(f"event {last_id}: completed 4/4")


def test_it_prints_each_event_id(alice):
    output = demo("--user", str(alice.pk), "--steps", "2", "--delay", "0")
    ids = [event.id for event in sse_manager.get_events(alice.pk)]
    assert [line.split(":")[0] for line in output.splitlines()] == [f"event {i}" for i in ids]


def test_it_refuses_an_unknown_user(transactional_db):
    with pytest.raises(CommandError, match="No user with id 999"):
        demo("--user", "999", "--steps", "2", "--delay", "0")
    assert sse_manager.get_progress(999) is None


def test_every_event_has_the_seed_fields_and_counts_add_up():
    fields = {"batch_id", "completed", "total", "status", "message", "successful_files", "failed_files"}
    events = list(demo_events(10, batch_id="b1"))
    assert all(fields <= event.keys() and "current_file" in event for event in events)
    assert {event["batch_id"] for event in events} == {"b1"}
    final = events[-1]
    assert final["successful_files"] + final["failed_files"] == 10
    scores = [result["score"] for result in final["results"]]
    assert scores == sorted(scores, reverse=True) and len(scores) <= 5
