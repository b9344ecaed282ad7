"""progress.sse_manager: the Python API that jobs publish through."""

import asyncio
import json

import pytest

from progress import streams
from progress.connections import get_redis
from progress.sse_manager import sse_manager


def test_update_progress_returns_increasing_ids():
    first = sse_manager.update_progress(1, {"completed": 1})
    second = sse_manager.update_progress(1, {"completed": 2})
    assert second == first + 1


def test_it_keeps_every_key_unchanged_and_adds_a_timestamp():
    data = {"completed": 3, "total": 10, "message": "Processed 3 of 10: cv.pdf", "extra": [1, {"a": None}]}
    sse_manager.update_progress(1, data)
    latest = sse_manager.get_progress(1)
    assert {k: v for k, v in latest.items() if k != "timestamp"} == data
    assert "timestamp" in latest and "timestamp" not in data


def test_a_given_timestamp_is_kept():
    sse_manager.update_progress(1, {"completed": 1, "timestamp": "2026-01-01T00:00:00Z"})
    assert sse_manager.get_progress(1)["timestamp"] == "2026-01-01T00:00:00Z"


def test_users_do_not_share_progress():
    sse_manager.update_progress(1, {"completed": 1})
    assert sse_manager.get_progress(2) is None


def test_cleanup_says_how_many_events_it_removed():
    for n in range(4):
        sse_manager.update_progress(1, {"completed": n})
    assert sse_manager.cleanup(1) == 4
    assert sse_manager.get_progress(1) is None


def test_remove_events_removes_only_the_matching_ones_and_keeps_the_others_ids():
    ids = [sse_manager.update_progress(1, {"batch_id": b, "completed": n}) for n, b in enumerate("abab")]
    assert sse_manager.remove_events(1, batch_id="a") == 2
    assert [e.id for e in sse_manager.get_events(1)] == [ids[1], ids[3]]
    assert sse_manager.update_progress(1, {"batch_id": "c"}) == ids[3] + 1


def test_remove_events_pages_through_a_long_stream(settings):
    settings.PROGRESS_STREAM_MAXLEN = 5000
    for n in range(1203):
        sse_manager.update_progress(1, {"batch_id": "a" if n % 3 else "b", "completed": n})
    assert sse_manager.remove_events(1, batch_id="a") == 802
    assert {json.loads(e.data)["batch_id"] for e in sse_manager.get_events(1)} == {"b"}


def test_remove_events_wants_a_criterion():
    with pytest.raises(ValueError):
        sse_manager.remove_events(1)


def test_ids_keep_increasing_after_a_cleanup():
    before = sse_manager.update_progress(1, {"completed": 1})
    sse_manager.cleanup(1)
    assert sse_manager.update_progress(1, {"completed": 2}) > before


def test_the_stream_expires_after_the_ttl(settings):
    settings.PROGRESS_TTL_SECONDS = 120
    sse_manager.update_progress(1, {"completed": 1})
    assert 0 < get_redis().ttl(streams.stream_key(streams.channel_for_user(1))) <= 120


def test_the_stream_keeps_at_least_maxlen_events(settings):
    settings.PROGRESS_STREAM_MAXLEN = 10
    ids = [sse_manager.update_progress(1, {"completed": n}) for n in range(500)]
    kept = [event.id for event in sse_manager.get_events(1)]
    assert 10 <= len(kept) < 500 and kept[-10:] == ids[-10:]


def test_aupdate_progress_publishes_from_async_code():
    event_id = asyncio.run(sse_manager.aupdate_progress(1, {"completed": 9}))
    assert sse_manager.get_events(1)[-1].id == event_id


def test_it_refuses_data_that_is_not_a_dict():
    with pytest.raises(TypeError, match="dict"):
        sse_manager.update_progress(1, ["not", "a", "dict"])
