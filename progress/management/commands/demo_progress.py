"""manage.py demo_progress: publish a fake batch's progress to a user's stream, to watch it live."""

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from progress.demo import demo_events
from progress.sse_manager import sse_manager


class Command(BaseCommand):
    help = (
        "Publish a fake screening batch's progress (queued, one event per file, completed with results) "
        "to a user's stream, e.g. to watch it with "
        "curl -N -b sessionid=... http://HOST/api/v1/sse/progress/stream/ID"
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", dest="user_id", type=int, required=True, metavar="ID")
        parser.add_argument("--steps", type=int, default=10, metavar="N", help="files in the batch (10)")
        parser.add_argument(
            "--delay", type=float, default=1.0, metavar="S", help="seconds between events (1.0)"
        )
        parser.add_argument("--batch-id", help="the batch id to use (default: a random demo-… id)")

    def handle(self, *args, user_id, steps, delay, batch_id=None, **options):
        if steps < 1:
            raise CommandError("--steps must be at least 1.")
        if delay < 0:
            raise CommandError("--delay must not be negative.")
        if not get_user_model().objects.filter(pk=user_id).exists():
            raise CommandError(f"No user with id {user_id}.")

        for number, data in enumerate(demo_events(steps, batch_id=batch_id)):
            if number and delay:
                time.sleep(delay)
            event_id = sse_manager.update_progress(user_id, data)
            self.stdout.write(
                f"event {event_id}: {data['status']} {data['completed']}/{data['total']} {data['message']}"
            )
