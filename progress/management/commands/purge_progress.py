"""manage.py purge_progress: remove retained progress events from Redis."""

from django.core.management.base import BaseCommand, CommandError

from progress.durations import parse_duration
from progress.purge import purge


def duration(text):
    try:
        return parse_duration(text)
    except ValueError as exc:
        raise CommandError(str(exc))


class Command(BaseCommand):
    help = (
        "Remove users' retained progress events from Redis. Say which: --user ID (repeatable), "
        "--older-than DURATION (streams whose last event is older, e.g. 90m, 12h, 2d, 1w), or --all. "
        "Event ids keep counting up afterwards, so open streams keep working."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--user",
            dest="user_ids",
            action="append",
            type=int,
            metavar="ID",
            help="a user id whose progress to remove; repeat for several users",
        )
        parser.add_argument(
            "--older-than",
            metavar="DURATION",
            help="only streams whose last event is older than this: 30s, 90m, 12h, 2d, 1w, 1h30m",
        )
        parser.add_argument("--all", dest="everything", action="store_true", help="every user's progress")
        parser.add_argument("--dry-run", action="store_true", help="remove nothing, say what would go")

    def handle(self, *args, user_ids=None, older_than=None, everything=False, dry_run=False, **options):
        if not (user_ids or older_than is not None or everything):
            raise CommandError("Say what to purge: --user ID, --older-than DURATION, or --all.")
        if everything and (user_ids or older_than is not None):
            raise CommandError("--all cannot be combined with --user or --older-than.")
        age = duration(older_than) if older_than is not None else None

        results = purge(user_ids=user_ids, older_than=age, everything=everything, dry_run=dry_run)

        verb = "would be removed" if dry_run else "removed"
        for user_id, count in results:
            self.stdout.write(f"user {user_id}: {_events(count)} {verb}")
        total = sum(count for _, count in results)
        users = sum(1 for _, count in results if count)
        self.stdout.write(
            f"total: {_events(total)} {verb}, from {users} user{'' if users == 1 else 's'}"
            + (" (dry run)" if dry_run else "")
        )


def _events(count):
    return f"{count} event{'' if count == 1 else 's'}"
