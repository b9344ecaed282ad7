"""Publisher half of bench/compare.py: publishes progress events the way each system's users would.

    python bench/publisher.py --system ours --users-file u.json --per-user 6 --rate 600 --out o.json

- ours:  `sse_manager.update_progress(user_id, data)` (settings `bench.settings`);
- peer1: `django_eventstream.send_event("user-<id>", "message", data)` (settings `bench.peer1_settings`:
  RedisStorage + EVENTSTREAM_REDIS);
- peer2: `XADD user-<id> MAXLEN ~ 1000 * d <json>` with redis-py (what an sse-starlette app's job would do).

Events go round-robin over the users, `--per-user` rounds; round k carries `"seq": k`, the phase tag `"p"`
and `"sent_at"` (time.time() just before the call), so the client identifies every event by
(user, phase, seq) whatever the server's ids look like. `--rate 0` publishes as fast as it can.
`--mode cpu` instead makes `--calls` back-to-back calls to users nobody watches and reports the CPU time
(time.process_time) per call. Writes JSON to `--out`.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAXLEN = 1000  # ours keeps PROGRESS_STREAM_MAXLEN = 1000 per user; peer 2 trims the same way


def make_publish(system):
    """A function publish(user_id, data) for `system`."""
    sys.path.insert(0, str(ROOT))
    if system == "peer2":
        import redis  # noqa: PLC0415

        client = redis.Redis.from_url(os.environ["REDIS_URL"])

        def publish(user_id, data):
            return client.xadd(f"user-{user_id}", {"d": json.dumps(data)}, maxlen=MAXLEN, approximate=True)

        return publish
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django  # noqa: PLC0415

    django.setup()
    if system == "ours":
        from progress.sse_manager import sse_manager  # noqa: PLC0415

        return sse_manager.update_progress
    from django_eventstream import send_event  # noqa: PLC0415

    def publish(user_id, data):
        return send_event(f"user-{user_id}", "message", data)

    return publish


def event(phase, seq, total):
    return {
        "batch_id": "bench",
        "completed": seq,
        "total": total,
        "status": "processing",
        "message": f"file {seq} of {total}",
        "p": phase,
        "seq": seq,
        "sent_at": time.time(),
    }


def run_cpu(publish, calls):
    base = 10_000_000  # user ids that no stream watches
    for i in range(200):  # warm-up: connections, scripts, imports
        publish(base + i, event("cpu", i, calls))
    c0, t0 = time.process_time(), time.perf_counter()
    for i in range(calls):
        publish(base + (i % 1000), event("cpu", i, calls))
    return {
        "calls": calls,
        "cpu_seconds": time.process_time() - c0,
        "wall_seconds": time.perf_counter() - t0,
    }


def run_events(publish, users, per_user, rate, phase, deadline):
    total = per_user * len(users)
    publish(10_000_000, event("warmup", 0, 0))  # connects and loads scripts before the clock starts
    calls = behind = 0
    cpu = 0.0
    start_wall, start = time.time(), time.monotonic()
    for seq in range(1, per_user + 1):
        for user_id in users:
            if rate > 0:
                delay = start + calls / rate - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                elif delay < -0.1:
                    behind += 1
            if time.monotonic() > deadline:
                raise SystemExit(f"publisher: deadline reached after {calls} of {total} calls")
            c0 = time.process_time()
            publish(user_id, event(phase, seq, per_user))
            cpu += time.process_time() - c0
            calls += 1
    return {
        "calls": calls,
        "per_user": per_user,
        "cpu_seconds": cpu,
        "start_wall": start_wall,
        "wall_seconds": time.monotonic() - start,
        "late_calls": behind,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--system", choices=["ours", "peer1", "peer2"], required=True)
    parser.add_argument("--mode", choices=["events", "cpu"], default="events")
    parser.add_argument("--users-file")
    parser.add_argument("--per-user", type=int, default=1, help="events per user (rounds)")
    parser.add_argument("--rate", type=float, default=0, help="calls per second in total; 0: flat out")
    parser.add_argument("--phase", default="x")
    parser.add_argument("--calls", type=int, default=20000, help="--mode cpu: back-to-back calls")
    parser.add_argument("--timeout", type=float, default=300, help="give up after this many seconds")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    publish = make_publish(args.system)
    if args.mode == "cpu":
        result = run_cpu(publish, args.calls)
    else:
        users = json.loads(Path(args.users_file).read_text())
        deadline = time.monotonic() + args.timeout
        result = run_events(publish, users, args.per_user, args.rate, args.phase, deadline)
    Path(args.out).write_text(json.dumps(result))


if __name__ == "__main__":
    main()
