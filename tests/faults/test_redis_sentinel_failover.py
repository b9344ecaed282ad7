"""Redis behind Sentinel: when the master dies, streams follow the promoted replica by themselves."""

import subprocess
import time

import pytest
import redis

from progress.connections import reset_clients
from progress.sse_manager import sse_manager
from resumescreener.redis_server import RedisServer, find_binary, free_port
from tests.sse_client import SSEStream

MASTER_NAME = "progress-master"


def wait_until(predicate, timeout, message):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, message
        time.sleep(0.1)


@pytest.fixture
def sentinel_setup(tmp_path, settings):
    """A master, its replica and one Sentinel watching them, all private to this test."""
    master = RedisServer(tmp_path / "master").start()
    replica = RedisServer(
        tmp_path / "replica", extra_args=["--replicaof", "127.0.0.1", str(master.port)]
    ).start()
    port = free_port()
    config = tmp_path / "sentinel.conf"
    config.write_text(
        f"port {port}\nbind 127.0.0.1\ndir {tmp_path}\n"
        f"sentinel monitor {MASTER_NAME} 127.0.0.1 {master.port} 1\n"
        f"sentinel down-after-milliseconds {MASTER_NAME} 1000\n"
        f"sentinel failover-timeout {MASTER_NAME} 5000\n"
    )
    sentinel = subprocess.Popen([find_binary(), str(config), "--sentinel"], stdout=subprocess.DEVNULL)
    link_up = lambda: redis.Redis(port=replica.port).info("replication")["master_link_status"] == "up"  # noqa: E731
    wait_until(link_up, 10, "the replica never synced")
    settings.REDIS_SENTINELS = [("127.0.0.1", port)]
    settings.REDIS_SENTINEL_MASTER = MASTER_NAME
    reset_clients()
    yield master, replica, port
    sentinel.terminate()
    sentinel.wait()
    replica.stop()
    master.stop()
    reset_clients()


def test_streams_follow_a_failover_without_a_web_restart(sentinel_setup, start_server, alice, cookies_for):
    master, replica, sentinel_port = sentinel_setup
    server = start_server(REDIS_SENTINELS=f"127.0.0.1:{sentinel_port}", REDIS_SENTINEL_MASTER=MASTER_NAME)
    stream = SSEStream(server.url, f"/api/v1/sse/progress/stream/{alice.pk}", cookies=cookies_for(alice))
    before = sse_manager.update_progress(alice.pk, {"completed": 1})
    assert stream.next_event().id == str(before)
    wait_until(
        lambda: redis.Redis(port=replica.port).exists(f"progress:user-{alice.pk}:events"), 5, "not replicated"
    )
    master.process.kill()
    after = None
    deadline = time.monotonic() + 30
    while after is None:
        try:
            after = sse_manager.update_progress(alice.pk, {"completed": 2})
        except redis.RedisError:
            assert time.monotonic() < deadline, "no master after 30 s"
            time.sleep(0.5)
    assert stream.next_event(timeout=20).id == str(after)
    assert redis.Redis(port=replica.port).info("replication")["role"] == "master"
    stream.close()
