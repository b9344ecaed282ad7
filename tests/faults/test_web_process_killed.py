"""A web process SIGKILLed mid-batch: clients resume with their last id and get every event once, in order."""

import threading
import time

import pytest

from progress.sse_manager import sse_manager
from tests.sse_client import SSEStream

TOTAL = 150


@pytest.fixture
def publisher(alice):
    """Publishes TOTAL events at about 100 a second in the background; `.ids` are the ids it got back."""

    class Publisher(threading.Thread):
        ids = []

        def run(self):
            for n in range(1, TOTAL + 1):
                self.ids.append(sse_manager.update_progress(alice.pk, {"completed": n, "total": TOTAL}))
                time.sleep(0.01)

    thread = Publisher()
    yield thread
    thread.join()


def read_through(stream, until_id, timeout=20):
    ids = []
    deadline = time.monotonic() + timeout
    while not ids or ids[-1] < until_id:
        assert time.monotonic() < deadline
        ids.append(int(stream.next_event(timeout=10).id))
    return ids


def path(user):
    return f"/api/v1/sse/progress/stream/{user.pk}"


def test_a_client_resumes_on_the_restarted_process_without_loss_or_repeats(
    start_server, alice, cookies_for, publisher
):
    server = start_server()
    stream = SSEStream(server.url, path(alice), cookies=cookies_for(alice))
    publisher.start()
    seen = [int(stream.next_event().id) for _ in range(20)]
    server.kill()
    stream.close()
    restarted = start_server(port=server.port)
    resumed = SSEStream(
        restarted.url, path(alice), cookies=cookies_for(alice), headers={"Last-Event-ID": str(seen[-1])}
    )
    publisher.join()
    seen += read_through(resumed, publisher.ids[-1])
    resumed.close()
    assert seen == list(range(seen[0], publisher.ids[-1] + 1))


def test_with_two_processes_only_the_clients_of_the_dead_one_reconnect(
    start_server, alice, cookies_for, publisher
):
    doomed, survivor = start_server(), start_server()
    cookies = cookies_for(alice)
    on_doomed = SSEStream(doomed.url, path(alice), cookies=cookies)
    on_survivor = SSEStream(survivor.url, path(alice), cookies=cookies)
    publisher.start()
    seen = [int(on_doomed.next_event().id) for _ in range(20)]
    doomed.kill()
    on_doomed.close()
    moved = SSEStream(survivor.url, path(alice), cookies=cookies, headers={"Last-Event-ID": str(seen[-1])})
    publisher.join()
    seen += read_through(moved, publisher.ids[-1])
    steady = read_through(on_survivor, publisher.ids[-1])
    assert seen == list(range(seen[0], publisher.ids[-1] + 1))
    assert steady == list(range(steady[0], publisher.ids[-1] + 1))
    moved.close()
    on_survivor.close()
