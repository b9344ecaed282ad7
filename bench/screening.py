"""Screening benchmark: resumes per second per worker, the share of job time spent publishing progress,
and per-field parse accuracy on the generated samples.

    .venv/bin/python bench/screening.py --corpus tests/data/real --count 200 --no-accuracy
    .venv/bin/python bench/screening.py --count 120 --seeds 0 1 2 3

Starts a private redis-server and uses a throwaway SQLite database and MEDIA_ROOT in a temp dir. For each
worker kind (RQ's `SimpleWorker` for comparison, then the production `ScreeningWorker`, which runs jobs
in its own process and keeps one reading child for many files) it uploads one batch of `--count` resumes
through `create_batch`, queues it with `enqueue_batch` and runs one real worker in burst mode in this
process. The resumes are the text-layer PDFs of a real corpus (`--corpus`, cycled; `--min-pages` to
take only the longer ones), or generated samples (every layout, or `--layout` only). Throughput is
files / wall time from the first file job's start to the finaliser's end; CPU counts this process and
its reaped children. Publishing time is measured inside `sse_manager.update_progress` and set against
the sum of the jobs' own times (RQ's started_at to ended_at).

Accuracy is read back like tests/test_samples.py does (extract, parse; "Present" is the answer key's
date), over `--accuracy-count` samples for each of `--seeds`.
"""

import argparse
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from resumescreener.redis_server import RedisServer  # noqa: E402

FIELDS = ("name", "email", "phone", "skills", "years")


def configure(workdir, redis_url):
    """Point Django at a throwaway database, media folder and the private Redis; set it up."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
        REDIS_URL=redis_url,
        MEDIA_ROOT=str(workdir / "media"),
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


class PublishTimer:
    """Wraps sse_manager.update_progress; totals go to Redis so that forked work horses report too."""

    KEY = "bench:publish"

    def __init__(self, connection):
        from progress.sse_manager import sse_manager

        self.connection = connection
        self.manager = sse_manager
        self.original = sse_manager.update_progress

    def __enter__(self):
        original, connection, key = self.original, self.connection, self.KEY

        def timed_update_progress(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                connection.hincrbyfloat(key, "seconds", time.perf_counter() - started)
                connection.hincrby(key, "calls", 1)

        self.manager.update_progress = timed_update_progress
        self.connection.delete(self.KEY)
        return self

    def __exit__(self, *exc):
        self.manager.update_progress = self.original

    def totals(self):
        values = self.connection.hgetall(self.KEY)
        return float(values.get(b"seconds", 0)), int(values.get(b"calls", 0))


def sample_files(folder, count, layout):
    """Paths of `count` sample resumes (only `layout` ones when given), generated into `folder`."""
    from resumes.screening.samples import FORMATS, write_samples

    per_layout = count if layout is None else count * len(FORMATS)
    answers = write_samples(folder, count=per_layout, seed=0)
    paths = [folder / a["filename"] for a in answers if layout is None or a["layout"] == layout]
    return paths[:count]


def corpus_files(folder, count, min_pages=1):
    """`count` paths cycling over the text-layer PDFs of a real-resume corpus (its key.json says which)
    that have at least `min_pages` pages."""
    import pypdfium2

    key = json.loads((folder / "key.json").read_text())
    pdfs = sorted(folder / name for name, entry in key.items() if entry.get("kind", "pdf") == "pdf")
    pdfs = [path for path in pdfs if len(pypdfium2.PdfDocument(str(path))) >= min_pages]
    pages = [len(pypdfium2.PdfDocument(str(path))) for path in pdfs]
    print(f"{len(pdfs)} text PDFs in {folder}, {statistics.mean(pages):.1f} pages on average")
    return [pdfs[i % len(pdfs)] for i in range(count)]


def run_batch(paths, worker_class, connection):
    """Upload, queue and screen one batch with one burst worker; return its figures."""
    import django_rq
    from django.contrib.auth import get_user_model
    from django.core.files import File
    from rq.registry import FinishedJobRegistry

    from resumes.intake import create_batch
    from resumes.jobs import QUEUE, enqueue_batch
    from resumes.models import Batch, Opening

    user, _ = get_user_model().objects.get_or_create(username="bench")
    opening = Opening.objects.create(
        owner=user, title="Backend", required_skills=["Python", "PostgreSQL", "Docker"],
        preferred_skills=["Kubernetes", "Redis"], min_years=3,
    )  # fmt: skip
    handles = [path.open("rb") for path in paths]
    batch, _ = create_batch(
        user, opening, [File(h, name=p.name) for h, p in zip(handles, paths, strict=True)]
    )
    for handle in handles:
        handle.close()
    queue = django_rq.get_queue(QUEUE)
    with PublishTimer(connection) as timer:
        enqueue_batch(batch)
        worker = django_rq.get_worker(QUEUE, worker_class=worker_class)
        cpu_before = cpu_seconds()
        queued_at = time.perf_counter()
        worker.work(burst=True, logging_level="WARNING")
        wall = time.perf_counter() - queued_at
        cpu = cpu_seconds() - cpu_before
        publish_seconds, publish_calls = timer.totals()
    batch.refresh_from_db()
    assert batch.status == Batch.Status.COMPLETED, batch.status
    jobs = [queue.fetch_job(job_id) for job_id in FinishedJobRegistry(queue=queue).get_job_ids()]
    job_seconds = sum((job.ended_at - job.started_at).total_seconds() for job in jobs if job and job.ended_at)
    screen_ms = [resume.duration_ms for resume in batch.resumes.all() if resume.duration_ms is not None]
    for job in jobs:
        job.delete()
    return {
        "files": batch.total,
        "failed": batch.failed,
        "wall": wall,
        "per_second": batch.total / wall,
        "cpu_ms": cpu * 1000 / batch.total,
        "job_seconds": job_seconds,
        "publish_seconds": publish_seconds,
        "publish_calls": publish_calls,
        "screen_ms": statistics.mean(screen_ms),
    }


def cpu_seconds():
    """CPU time of this process and of its reaped descendants (work horses, extraction children)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def accuracy(workdir, seeds, count):
    """Per-field accuracy and ms per resume (extract + parse, in this process) over samples of `seeds`."""
    from resumes.filetypes import detect_type
    from resumes.screening.extract import extract_text
    from resumes.screening.parse import parse_resume
    from resumes.screening.samples import write_samples

    correct = dict.fromkeys(FIELDS, 0)
    total = 0
    elapsed = 0.0
    misses = []
    by_layout = {}
    for seed in seeds:
        folder = workdir / f"accuracy-{seed}"
        for answer in write_samples(folder, count=count, seed=seed):
            path = folder / answer["filename"]
            started = time.perf_counter()
            extraction = extract_text(path, detect_type(path)[0])
            parsed = parse_resume(
                extraction.text, today=date.fromisoformat(answer["today"]), lines=extraction.lines
            )
            elapsed += time.perf_counter() - started
            found = {"name": parsed.name, "email": parsed.email, "phone": parsed.phone,
                     "skills": sorted(parsed.skills), "years": parsed.years}  # fmt: skip
            total += 1
            layout_correct = by_layout.setdefault(answer["layout"], [0, 0])
            layout_correct[1] += 1
            all_right = True
            for field in FIELDS:
                right = (
                    abs(found[field] - answer[field]) <= 0.1
                    if field == "years"
                    else found[field] == answer[field]
                )
                correct[field] += right
                all_right &= right
                if not right:
                    misses.append(
                        f"seed {seed} {answer['filename']} {field}: {answer[field]!r} read {found[field]!r}"
                    )
            layout_correct[0] += all_right
    return (
        {field: correct[field] / total for field in FIELDS},
        total,
        elapsed * 1000 / total,
        misses,
        by_layout,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100, help="files in each throughput batch (100)")
    parser.add_argument("--layout", default="pdf_two_column", help="only this sample layout ('' for all)")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3], help="accuracy seeds (0 1 2 3)")
    parser.add_argument("--accuracy-count", type=int, default=15, help="samples per accuracy seed (15)")
    parser.add_argument("--corpus", type=Path, help="throughput on this real-resume corpus's PDFs instead")
    parser.add_argument("--min-pages", type=int, default=1, help="with --corpus: only PDFs this long")
    parser.add_argument("--no-simple", action="store_true", help="only the production ScreeningWorker")
    parser.add_argument("--no-accuracy", action="store_true", help="skip the samples' accuracy")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench-screening-"))
    redis_server = RedisServer(workdir / "redis").start()
    try:
        configure(workdir, redis_server.url)
        import redis
        from rq import SimpleWorker

        from resumes.workers import ScreeningWorker

        connection = redis.Redis.from_url(redis_server.url)
        if args.corpus:
            paths = corpus_files(args.corpus.resolve(), args.count, args.min_pages)
            print(f"{len(paths)} resumes from the corpus, one worker, burst mode")
        else:
            paths = sample_files(workdir / "samples", args.count, args.layout or None)
            print(f"{len(paths)} sample resumes ({args.layout or 'every layout'}), one worker, burst mode")
        for worker_class in (ScreeningWorker,) if args.no_simple else (SimpleWorker, ScreeningWorker):
            figures = run_batch(paths, worker_class, connection)
            share = figures["publish_seconds"] / figures["job_seconds"]
            print(
                f"  {worker_class.__name__}: {figures['per_second']:.1f} resumes/s "
                f"({figures['files']} in {figures['wall']:.2f} s wall, {figures['failed']} failed)\n"
                f"    {figures['cpu_ms']:.1f} ms CPU per resume, work horses and extraction included "
                f"({1000 / figures['cpu_ms']:.1f} resumes per CPU-second)\n"
                f"    screening (extract, parse, score) {figures['screen_ms']:.1f} ms per resume\n"
                f"    publishing {figures['publish_seconds'] * 1000 / figures['publish_calls']:.2f} ms x "
                f"{figures['publish_calls']} = {share:.1%} of job time"
            )
        if not args.no_accuracy:
            scores, total, ms, misses, by_layout = accuracy(workdir, args.seeds, args.accuracy_count)
            print(
                f"accuracy on {total} samples (seeds {' '.join(map(str, args.seeds))}), {ms:.1f} ms/resume:"
            )
            print("  " + ", ".join(f"{field} {value:.1%}" for field, value in scores.items()))
            print(
                "  every field right, by layout: "
                + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in by_layout.items())
            )
            for miss in misses:
                print("  miss: " + miss)
    finally:
        redis_server.stop()
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
