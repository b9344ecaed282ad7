"""The RQ worker to run for screening: RQ's forking worker, made to notice a dead worker's job in seconds.

Run it with ``python manage.py rqworker default --worker-class resumes.workers.ScreeningWorker``.

With RQ's defaults, the job of a worker that was SIGKILLed stays "started" until its heartbeat expires
(the job monitoring interval, 30 s, plus a fixed 60 s) *and* something cleans the started-job registry,
which a worker does only when it starts and every 10 minutes (DESIGN 9). A batch's finaliser waits for
every file job, so all that time the batch looks stuck. This worker:

- heartbeats a running job every ``JOB_MONITORING_INTERVAL`` seconds and lets it expire
  ``HEARTBEAT_GRACE`` seconds after a missed heartbeat, instead of 60;
- sweeps the started-job registries every ``SWEEP_INTERVAL`` seconds, idle or watching a job, in its main
  thread: RQ arms a SIGALRM timeout around ``on_failure`` callbacks, which only works there;
- runs ``on_failure`` when only its work horse is killed (RQ fails the job but skips the callback).

A job of a dead worker is thus failed, and its file with it, at most about
``JOB_MONITORING_INTERVAL + HEARTBEAT_GRACE + SWEEP_INTERVAL`` seconds after the death, by any other
worker of the queue (or the next one to start).
"""

import logging
import os
import time
import traceback

import redis
from django.db import connections
from rq import Worker
from rq.registry import StartedJobRegistry

from .screening.pipeline import warm_up

logger = logging.getLogger(__name__)

JOB_MONITORING_INTERVAL = 5
HEARTBEAT_GRACE = 10
SWEEP_INTERVAL = 5


# Redis errors that mean "not reachable right now", as opposed to a bug.
REDIS_UNREACHABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


class WorkHorseKilled(Exception):
    """The process running a job died without finishing it (a signal, or the kernel's OOM killer)."""


class ScreeningWorker(Worker):
    """RQ's forking ``Worker`` that detects abandoned jobs quickly (see the module's docstring)."""

    def __init__(self, *args, job_monitoring_interval=JOB_MONITORING_INTERVAL, **kwargs):
        super().__init__(*args, job_monitoring_interval=job_monitoring_interval, **kwargs)
        self.last_swept_at = None

    def work(self, *args, **kwargs):
        """Warm the screening pipeline up once here, so that every forked work horse starts warm."""
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

    def execute_job(self, job, queue):
        """Run the job in a work horse; if Redis goes away meanwhile, wait for it instead of quitting.

        The file's own outcome is in the database already (or its job is failed later by the sweep, as
        abandoned, which changes nothing for a file that finished); only RQ's bookkeeping was lost.
        """
        try:
            super().execute_job(job, queue)
        except REDIS_UNREACHABLE as error:
            logger.warning("Redis unreachable while running job %s (%s); waiting for it", job.id, error)
            if self._horse_pid:
                try:
                    os.waitpid(self._horse_pid, 0)
                except ChildProcessError:
                    pass
                self._horse_pid = 0
            self.wait_for_redis()

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
        # RQ allows 60 s past the next heartbeat; the parent process beats on time unless it is dead.
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

    def maintain_heartbeats(self, job):
        """Heartbeat the running job (RQ), then sweep if due: this is the main thread, between waits."""
        super().maintain_heartbeats(job)
        if self.sweep_is_due():
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

    def handle_work_horse_killed(self, job, retpid, ret_val, rusage):
        """RQ fails the job of a killed work horse but skips on_failure: run it, so the file fails now."""
        super().handle_work_horse_killed(job, retpid, ret_val, rusage)
        if ret_val is not None and os.WIFSIGNALED(ret_val):
            error = WorkHorseKilled(f"the worker process was killed (signal {os.WTERMSIG(ret_val)})")
        else:
            error = WorkHorseKilled(f"the worker process exited unexpectedly (status {ret_val})")
        try:
            stack = traceback.extract_stack()
            job.execute_failure_callback(self.death_penalty_class, WorkHorseKilled, error, stack)
        except Exception:
            logger.exception("on_failure of job %s failed after its work horse died", job.id)
        finally:
            close_database_connections()


def close_database_connections():
    # Callbacks run in this parent process; the next work horse is forked from it and must not share its
    # database connection (two processes on one connection corrupt it).
    connections.close_all()
