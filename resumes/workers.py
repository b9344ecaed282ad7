"""The RQ worker to run for screening: one process that runs jobs itself and notices a dead worker's job in
seconds.

Run it with ``python manage.py rqworker default --worker-class resumes.workers.ScreeningWorker``.

RQ's default worker forks a work horse per job. Screening forks a child of its own for the part that
needs isolation (reading the file, under a memory and time limit: ``screening.extract``), so a second
fork per file bought nothing but its cost (about 35 ms a file, a third of the whole). This worker runs
the job in its own process, as RQ's ``SimpleWorker`` does, warm, and:

- heartbeats the running job every ``JOB_MONITORING_INTERVAL`` seconds from a thread, and lets it
  expire ``HEARTBEAT_GRACE`` seconds after a missed heartbeat (RQ allows 60), so a worker that dies
  mid-job (SIGKILL, the OOM killer, its machine) leaves a job that others soon see abandoned;
- sweeps the started-job registries every ``SWEEP_INTERVAL`` seconds while idle, in its main thread:
  RQ arms a SIGALRM timeout around ``on_failure`` callbacks, which only works there (with RQ's defaults
  a registry is cleaned only when a worker starts and every 10 minutes);
- waits out a Redis outage instead of quitting.

A job of a dead worker is thus failed, and its file with it, at most about
``JOB_MONITORING_INTERVAL + HEARTBEAT_GRACE + SWEEP_INTERVAL`` seconds after the death, by any other
worker of the queue (or the next one to start).
"""

import logging
import threading
import time

import redis
from django.db import close_old_connections, connections
from rq import SimpleWorker
from rq.registry import StartedJobRegistry

from .screening.pipeline import warm_up

logger = logging.getLogger(__name__)

JOB_MONITORING_INTERVAL = 5
HEARTBEAT_GRACE = 10
SWEEP_INTERVAL = 5


# Redis errors that mean "not reachable right now", as opposed to a bug.
REDIS_UNREACHABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


class ScreeningWorker(SimpleWorker):
    """RQ's in-process ``SimpleWorker`` that detects abandoned jobs quickly (see the module's docstring)."""

    def __init__(self, *args, job_monitoring_interval=JOB_MONITORING_INTERVAL, **kwargs):
        super().__init__(*args, job_monitoring_interval=job_monitoring_interval, **kwargs)
        self.last_swept_at = None

    def work(self, *args, **kwargs):
        """Warm the screening pipeline up once, so that no file pays for a cold start."""
        warm_up()
        return super().work(*args, **kwargs)

    def check_for_suspension(self, burst):
        """RQ's check, waiting out a Redis outage instead of quitting (RQ ends the worker on it)."""
        while True:
            try:
                return super().check_for_suspension(burst)
            except REDIS_UNREACHABLE as error:
                logger.warning("Redis unreachable (%s); waiting for it", error)
                self.wait_for_redis()

    def dequeue_job_and_maintain_ttl(self, timeout, max_idle_time=None):
        """RQ's dequeue, waiting out a Redis outage that starts between jobs instead of quitting.

        RQ retries the dequeue itself, but not the state it records just before it.
        """
        while True:
            try:
                return super().dequeue_job_and_maintain_ttl(timeout, max_idle_time)
            except REDIS_UNREACHABLE as error:
                logger.warning("Redis unreachable while idle (%s); waiting for it", error)
                self.wait_for_redis()

    def heartbeat(self, timeout=None, pipeline=None):
        """RQ's worker heartbeat; the one RQ sends after each job waits out a Redis outage too."""
        while True:
            try:
                return super().heartbeat(timeout, pipeline)
            except REDIS_UNREACHABLE as error:
                if pipeline is not None:
                    raise
                logger.warning("Redis unreachable for the worker's heartbeat (%s); waiting for it", error)
                self.wait_for_redis()

    def execute_job(self, job, queue):
        """Run the job here, heartbeating it meanwhile; if Redis goes away, wait for it instead of quitting.

        The file's own outcome is in the database already (or its job is failed later by the sweep, as
        abandoned, which changes nothing for a file that finished); only RQ's bookkeeping was lost.
        """
        # As Django does before a request: drop a connection that broke (a database restart) or aged out.
        close_old_connections()
        heartbeat = JobHeartbeat(self, job)
        heartbeat.start()
        try:
            super().execute_job(job, queue)
        except REDIS_UNREACHABLE as error:
            logger.warning("Redis unreachable while running job %s (%s); waiting for it", job.id, error)
            self.wait_for_redis()
        finally:
            heartbeat.stop()

    def wait_for_redis(self):
        """Block until Redis answers again (backing off up to 5 s between tries)."""
        delay = 0.5
        while True:
            try:
                self.connection.ping()
                logger.info("Redis is back")
                return
            except REDIS_UNREACHABLE:
                time.sleep(delay)
                delay = min(delay * 2, 5)

    def get_heartbeat_ttl(self, job):
        """Time until a running job counts as abandoned unless its next heartbeat comes."""
        # RQ allows 60 s past the next heartbeat; the heartbeat thread beats on time unless it is dead.
        until_next_beat = self.job_monitoring_interval
        if job.timeout and job.timeout > 0:
            until_next_beat = max(0, min(job.timeout - self.current_job_working_time, until_next_beat))
        return int(until_next_beat) + HEARTBEAT_GRACE

    @property
    def dequeue_timeout(self):
        # Wake up while idle, so that an idle worker sweeps too.
        return min(super().dequeue_timeout, SWEEP_INTERVAL)

    @property
    def should_run_maintenance_tasks(self):
        return super().should_run_maintenance_tasks or self.sweep_is_due()

    def run_maintenance_tasks(self):
        """RQ's maintenance when it is due (it cleans every registry), else only the abandoned-job sweep."""
        if super().should_run_maintenance_tasks:
            try:
                super().run_maintenance_tasks()
            except Exception:
                # RQ lets a failing on_failure callback end the worker; keep working, and retry later.
                logger.exception("RQ maintenance failed")
            finally:
                close_database_connections()
        self.sweep_abandoned_jobs()

    def sweep_is_due(self):
        return self.last_swept_at is None or time.monotonic() - self.last_swept_at >= SWEEP_INTERVAL

    def sweep_abandoned_jobs(self):
        """Fail the started jobs whose heartbeat expired (their worker died); their on_failure runs here."""
        self.last_swept_at = time.monotonic()
        for queue in self.queues:
            registry = StartedJobRegistry(
                queue.name, connection=self.connection, job_class=self.job_class, serializer=self.serializer
            )
            try:
                registry.cleanup(exception_handlers=self._exc_handlers)
            except Exception:
                # A failing callback must not stop the worker; the entry stays and the next sweep retries.
                logger.exception("sweeping abandoned jobs of queue %s failed", queue.name)
            finally:
                close_database_connections()


class JobHeartbeat:
    """A thread that heartbeats ``job`` every ``JOB_MONITORING_INTERVAL`` seconds until stopped.

    RQ's forking worker beats from the parent while the horse works; here the job runs in the worker's
    own main thread, so the beat comes from beside it. It dies with the process, which is the point.
    """

    def __init__(self, worker, job):
        self.worker, self.job = worker, job
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"heartbeat {job.id}", daemon=True)

    def start(self):
        self.thread.start()

    def stop(self):
        self.stopped.set()
        # A beat stuck on a Redis that went away must not hold the worker; the thread is a daemon.
        self.thread.join(timeout=2 * self.worker.job_monitoring_interval)

    def _run(self):
        while not self.stopped.wait(self.worker.job_monitoring_interval):
            try:
                SimpleWorker.maintain_heartbeats(self.worker, self.job)
            except Exception as error:  # Redis away: the next beat tries again; the job goes on
                logger.warning("heartbeat of job %s failed: %s", self.job.id, error)


def close_database_connections():
    # Callbacks of abandoned jobs run here, between jobs: leave no connection open that a database
    # restart would leave broken for the next job.
    connections.close_all()
