"""Redis restarted empty (it keeps nothing on disk): a client whose Last-Event-ID is now ahead of the
stream gets stream-reset and the current state, never silence."""

import json

from progress.sse_manager import sse_manager
from tests.sse_client import SSEStream


def test_a_client_ahead_of_an_emptied_redis_gets_reset_and_the_current_state(
    own_redis, start_server, alice, cookies_for
):
    server = start_server(redis_url=own_redis.url)
    before = sse_manager.update_progress(alice.pk, {"completed": 5, "total": 10})
    own_redis.stop()
    own_redis.start()
    current = sse_manager.update_progress(alice.pk, {"completed": 6, "total": 10})
    stream = SSEStream(server.url, f"/api/v1/sse/progress/stream/{alice.pk}", cookies=cookies_for(alice),
                       headers={"Last-Event-ID": str(before)})  # fmt: skip
    reset, state = stream.events(2)
    assert reset.type == "stream-reset"
    assert state.id == str(current) and json.loads(state.data)["completed"] == 6
    stream.close()


def test_a_client_ahead_with_nothing_published_since_gets_a_reset_it_can_resume_from(
    own_redis, start_server, alice, cookies_for
):
    server = start_server(redis_url=own_redis.url)
    before = sse_manager.update_progress(alice.pk, {"completed": 5})
    own_redis.stop()
    own_redis.start()
    stream = SSEStream(server.url, f"/api/v1/sse/progress/stream/{alice.pk}", cookies=cookies_for(alice),
                       headers={"Last-Event-ID": str(before)})  # fmt: skip
    reset = stream.next_event()
    assert reset.type == "stream-reset" and json.loads(reset.data)["reason"] == "ahead"
    stream.close()
