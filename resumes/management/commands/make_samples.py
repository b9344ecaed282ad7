"""``python manage.py make_samples DIR [--count N] [--seed S]``: write sample resumes and their answer key."""

from pathlib import Path

from django.core.management.base import BaseCommand

from resumes.screening.samples import write_samples


class Command(BaseCommand):
    help = "Write realistic sample resumes (PDF, two-column PDF, DOCX, TXT) and answer_key.json into DIR."

    def add_arguments(self, parser):
        parser.add_argument(
            "directory", type=Path, help="folder to write the samples into (created if missing)"
        )
        parser.add_argument("--count", type=int, default=12, help="number of resumes (default 12)")
        parser.add_argument(
            "--seed", type=int, default=0, help="random seed; the same seed writes the same files"
        )

    def handle(self, *args, directory: Path, count: int, seed: int, **options):
        answers = write_samples(directory, count=count, seed=seed)
        for answer in answers:
            self.stdout.write(f"{answer['filename']}: {answer['name']}, {answer['years']} years")
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {len(answers)} resumes and answer_key.json to {directory}")
        )
