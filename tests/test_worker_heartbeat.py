"""The screening worker heartbeats a long job, so other workers never take it for abandoned."""

import time

import django_rq
from rq.registry import StartedJobRegistry

from resumes.workers import JobHeartbeat, ScreeningWorker


def slow_job_seen_by_the_registry(queue, worker):
    job = queue.enqueue("time.sleep", 1)
    worker.prepare_execution(job)
    worker.prepare_job_execution(job)
    return job


def test_a_running_job_keeps_being_heartbeaten_until_it_ends(settings):
    queue = django_rq.get_queue("default")
    worker = ScreeningWorker([queue], connection=queue.connection, job_monitoring_interval=0.2)
    job = slow_job_seen_by_the_registry(queue, worker)
    registry = StartedJobRegistry(queue.name, connection=queue.connection)
    first_expiry = expiry(registry)
    heartbeat = JobHeartbeat(worker, job)
    heartbeat.start()
    time.sleep(1.5)
    heartbeat.stop()
    assert expiry(registry) >= first_expiry + 1
    assert not heartbeat.thread.is_alive()


def expiry(registry):
    """When the registry will take the one running job for abandoned (a Unix time)."""
    [(_, score)] = registry.connection.zrange(registry.key, 0, -1, withscores=True)
    return score
