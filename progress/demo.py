"""A fake screening batch's progress, for demonstrations and for checking a live stream end to end.

Used by `manage.py demo_progress`; every event has a progress object's fields (docs/api.md) and the
last one carries `results`, a small ranked list, as a real batch's completing event does.
"""

import uuid

RESULTS_SHOWN = 5


def demo_events(steps, batch_id=None):
    """Yield the progress objects of a fake batch of `steps` files: queued, one per file, completed.

    Every fifth file fails, so the counters and the results show a failure too. `timestamp` is left to
    `sse_manager.update_progress`.
    """
    if steps < 1:
        raise ValueError("A demo batch needs at least one file.")
    batch_id = batch_id or f"demo-{uuid.uuid4().hex[:8]}"
    files = [f"resume-{n}.pdf" for n in range(1, steps + 1)]

    def event(status, completed, successful, failed, current_file, message):
        return {
            "batch_id": batch_id,
            "completed": completed,
            "total": steps,
            "status": status,
            "message": message,
            "successful_files": successful,
            "failed_files": failed,
            "current_file": current_file,
        }

    yield event("queued", 0, 0, 0, None, f"Queued {steps} file{'' if steps == 1 else 's'}")
    successful = failed = 0
    for n, name in enumerate(files, start=1):
        if _fails(n):
            failed += 1
        else:
            successful += 1
        yield event("processing", n, successful, failed, name, f"Processed {n} of {steps}: {name}")

    final = event(
        "completed",
        steps,
        successful,
        failed,
        None,
        f"Completed: {successful} screened, {failed} failed",
    )
    final["results"] = _results(files)
    yield final


def _fails(n):
    return n % 5 == 0


def _score(n):
    return (n * 37 + 11) % 61 + 40  # deterministic, 40-100


def _results(files):
    screened = [
        {"filename": name, "status": "done", "score": _score(n)}
        for n, name in enumerate(files, start=1)
        if not _fails(n)
    ]
    screened.sort(key=lambda item: (-item["score"], item["filename"]))
    return [{"rank": rank, **item} for rank, item in enumerate(screened[:RESULTS_SHOWN], start=1)]
