"""``python manage.py demo_screening [--run]``: a demo user, an opening and a batch of sample resumes."""

import django_rq
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from rq import SimpleWorker

from resumes.demo import create_demo
from resumes.jobs import QUEUE, enqueue_batch


class Command(BaseCommand):
    help = (
        "Create a demo user (printing its new random password), an opening and a batch of generated "
        "sample resumes, and queue the batch for the workers (or screen it here with --run)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="demo", help="the demo user's name (default: demo)")
        parser.add_argument("--count", type=int, default=12, help="number of sample resumes (default 12)")
        parser.add_argument("--seed", type=int, default=0, help="random seed of the samples (default 0)")
        parser.add_argument(
            "--run",
            action="store_true",
            help="screen the batch in this process (a burst worker, which also runs any other queued job) "
            "instead of leaving it to running workers",
        )

    def handle(self, *args, username, count, seed, run, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.")
        demo = create_demo(username=username, count=count, seed=seed)
        batch = demo.batch
        self.stdout.write(f"Username: {demo.user.username}")
        self.stdout.write(f"Password: {demo.password}")
        self.stdout.write(f"Opening {demo.opening.pk}: {demo.opening.title}")
        self.stdout.write(f"Batch {batch.pk}: {batch.total} sample resumes")
        self.stdout.write(f"  page: {reverse('resumes:batch-page', args=[batch.pk])}")
        self.stdout.write(f"  API:  {reverse('resumes:batch', args=[batch.pk])}")
        enqueue_batch(batch)
        if not run:
            self.stdout.write(
                "Queued. A worker must be running to screen it: "
                "python manage.py rqworker default --worker-class resumes.workers.ScreeningWorker"
            )
            return
        django_rq.get_worker(QUEUE, worker_class=SimpleWorker).work(burst=True)
        batch.refresh_from_db()
        self.stdout.write(
            self.style.SUCCESS(
                f"Batch {batch.status}: {batch.successful} screened, {batch.failed} failed. Best first:"
            )
        )
        for resume in batch.ranked_resumes():
            # A file another worker still holds shows its status.
            score = resume.status if resume.score is None else f"{resume.score:3d}"
            self.stdout.write(f"  {score}  {resume.original_name}  {resume.error}".rstrip())
