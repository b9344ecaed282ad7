"""Publisher half of bench/streams.py: calls `sse_manager.update_progress` at a fixed total rate.

Run by streams.py as a separate process (as an RQ job would be), with the same environment as the server:

    python bench/publish.py --users-file users.json --events 20 --rate 5 --out published.json

Events go round-robin over the users in the file. Each event's data carries `sent_at` (time.time(), taken
just before the call). Writes JSON: the (user id, event id) of every call, the CPU time spent in the calls
(time.process_time) and the achieved rate.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users-file", required=True)
    parser.add_argument("--events", type=int, required=True, help="total events to publish")
    parser.add_argument("--rate", type=float, required=True, help="events per second, in total")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django  # noqa: PLC0415

    django.setup()
    from progress.sse_manager import sse_manager  # noqa: PLC0415

    users = json.loads(Path(args.users_file).read_text())
    # Warm-up on a channel no stream reads (user id 0 does not exist): connects, loads the Lua script.
    sse_manager.update_progress(0, {"warmup": True, "sent_at": time.time()})

    published = []
    cpu = 0.0
    behind = 0
    start = time.monotonic()
    for i in range(args.events):
        delay = start + i / args.rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        elif delay < -0.1:
            behind += 1
        user_id = users[i % len(users)]
        c0 = time.process_time()
        data = {
            "batch_id": "bench",
            "completed": i + 1,
            "total": args.events,
            "status": "processing",
            "message": f"event {i + 1}",
            "sent_at": time.time(),
        }
        event_id = sse_manager.update_progress(user_id, data)
        cpu += time.process_time() - c0
        published.append((user_id, event_id))
    wall = time.monotonic() - start

    Path(args.out).write_text(
        json.dumps(
            {
                "published": published,
                "calls": len(published),
                "cpu_seconds": cpu,
                "wall_seconds": wall,
                "late_calls": behind,
            }
        )
    )


if __name__ == "__main__":
    main()
