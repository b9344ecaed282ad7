"""manage.py purge_batches: delete batches older than a retention period, with their candidates' data."""

from django.core.management.base import BaseCommand, CommandError

from progress.durations import parse_duration
from resumes.deletion import purge_batches


class Command(BaseCommand):
    help = (
        "Delete batches uploaded longer ago than --older-than (e.g. 90d, 12w), with their resumes, stored "
        "files, parsed fields and progress events. --dry-run says what would go and deletes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            required=True,
            metavar="DURATION",
            help="batches uploaded longer ago than this: 90d, 12w, 36h, 1w2d",
        )
        parser.add_argument("--dry-run", action="store_true", help="delete nothing, say what would go")

    def handle(self, *args, older_than, dry_run=False, **options):
        try:
            age = parse_duration(older_than)
        except ValueError as exc:
            raise CommandError(str(exc))
        results = purge_batches(age, dry_run=dry_run)
        verb = "would be deleted" if dry_run else "deleted"
        for deleted in results:
            self.stdout.write(f"batch {deleted.batch_id}: {_files(deleted.files)} {verb}")
        files = sum(deleted.files for deleted in results)
        self.stdout.write(
            f"total: {len(results)} batch{'' if len(results) == 1 else 'es'} {verb}, {_files(files)}"
            + (" (dry run)" if dry_run else "")
        )


def _files(count):
    return f"{count} file{'' if count == 1 else 's'}"
