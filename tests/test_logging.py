"""LOG_FORMAT=json: one JSON object per line, with stream open and close and their details."""

import json
import time

from progress.sse_manager import sse_manager
from tests.sse_client import SSEStream


def json_lines(path):
    out = []
    for line in path.read_text().splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            pass  # uvicorn's own start-up lines are not ours
    return out


def test_stream_open_and_close_are_logged_as_json(start_server, alice, cookies_for):
    server = start_server(LOG_FORMAT="json")
    stream = SSEStream(server.url, f"/api/v1/sse/progress/stream/{alice.pk}", cookies=cookies_for(alice))
    sse_manager.update_progress(alice.pk, {"completed": 1})
    stream.next_event()
    stream.close()
    deadline = time.monotonic() + 5
    while not any(e.get("event") == "stream_closed" for e in json_lines(server.log_path)):
        assert time.monotonic() < deadline, server.log_path.read_text()[-2000:]
        time.sleep(0.1)
    entries = {e["event"]: e for e in json_lines(server.log_path) if "event" in e}
    assert entries["stream_opened"]["user_id"] == str(alice.pk)
    closed = entries["stream_closed"]
    assert closed["events_sent"] == 1 and closed["reason"] == "ended" and closed["duration_s"] >= 0
    assert closed["level"] == "INFO" and closed["logger"] == "progress.delivery"
