"""A screening worker between jobs waits out a Redis outage instead of quitting (RQ would quit)."""

import threading

import redis
from rq import Queue

from resumes.workers import ScreeningWorker

OUTAGE_SECONDS = 12


def worker_on(own_redis):
    connection = redis.Redis.from_url(own_redis.url)
    worker = ScreeningWorker([Queue("default", connection=connection)], connection=connection)
    worker.register_birth()
    return worker


def back_after_the_clients_retries(own_redis):
    """Redis stops, and starts again after longer than redis-py's own retries last (about 10 s)."""
    own_redis.stop()
    threading.Timer(OUTAGE_SECONDS, own_redis.start).start()


def test_the_heartbeat_after_a_job_waits_for_redis(own_redis):
    worker = worker_on(own_redis)
    back_after_the_clients_retries(own_redis)
    worker.heartbeat()
    assert worker.connection.ping()


def test_waiting_for_the_next_job_waits_for_redis(own_redis):
    worker = worker_on(own_redis)
    back_after_the_clients_retries(own_redis)
    assert worker.dequeue_job_and_maintain_ttl(timeout=1, max_idle_time=2) is None  # no job, no crash
    assert worker.connection.ping()
