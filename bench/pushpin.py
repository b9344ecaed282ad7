"""Streams held by one Pushpin in front of our app (GRIP), with the web process holding none.

    .venv/bin/python bench/pushpin.py --streams 2000 --users 2000

Starts a private redis-server, one uvicorn process of the project with GRIP_URL set, and a private
Pushpin (tests/pushpin_proxy.py: Debian's package, its own ports, key and zurl) routing to it. Opens
`--streams` streams through Pushpin with bench/loadclient.py, publishes one event per user with
bench/publish.py (which publishes to Pushpin as well as to Redis, as a job does), and prints streams held,
events delivered, latency, Pushpin's memory per stream, and what the web process holds meanwhile. Every
wait is bounded; everything started here is stopped on exit. Loopback only.
"""

import argparse
import asyncio
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import loadclient  # noqa: E402
from bench.streams import (  # noqa: E402
    PAGE_SIZE,
    Server,
    bench_env,
    create_users_and_sessions,
    percentile,
    raise_nofile_limit,
    run_checked,
)
from resumescreener.redis_server import RedisServer  # noqa: E402
from tests.pushpin_proxy import Pushpin  # noqa: E402


def tree_rss(pid):
    """RSS in bytes of process `pid` and all its descendants (Pushpin runs several processes)."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * PAGE_SIZE
        except OSError:
            continue
        todo += children.get(current, [])
    return total


async def wait_until_pushpin_holds(port, stream, timeout=15):
    """Open one stream until Pushpin answers 200 (it answers 500 while its halves connect at start)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        probe = loadclient.Stream(-1, stream.user_id, stream.path, stream.cookie)
        if await loadclient.connect(probe, port, 5) is None:
            probe.conn.close()
            return
        await asyncio.sleep(0.2)
    raise RuntimeError("Pushpin never held a stream")


async def run(args, env, server, pushpin, accounts, tmp):
    streams = [
        loadclient.Stream(i, uid, f"/api/v1/sse/progress/stream/{uid}", key)
        for i, (uid, key) in enumerate(accounts[i % len(accounts)] for i in range(args.streams))
    ]
    await wait_until_pushpin_holds(pushpin.port, streams[0])
    rss_server, rss_pushpin = server.rss_bytes(), tree_rss(pushpin.process.pid)
    started = time.monotonic()
    await loadclient.open_many(streams, pushpin.port, 200, 30, time.monotonic() + args.open_timeout)
    opened_in = time.monotonic() - started
    held = [s for s in streams if s.error is None]
    errors = {}
    for s in streams:
        if s.error is not None:
            errors[s.error] = errors.get(s.error, 0) + 1
    await asyncio.sleep(2)  # let memory settle
    figures = {
        "streams held (failed)": f"{len(held):,} ({len(streams) - len(held):,})",
        "open errors": ", ".join(f"{n} {e}" for e, n in sorted(errors.items(), key=lambda i: -i[1]))
        or "none",
        "open time (rate)": f"{opened_in:.1f} s ({len(held) / opened_in:.0f}/s)",
        "Pushpin RSS before -> after, per stream": (
            f"{rss_pushpin / 2**20:.0f} -> {tree_rss(pushpin.process.pid) / 2**20:.0f} MB, "
            f"{(tree_rss(pushpin.process.pid) - rss_pushpin) / max(1, len(held)) / 1024:.1f} KB"
        ),
        "web process RSS before -> after": f"{rss_server / 2**20:.0f} -> {server.rss_bytes() / 2**20:.0f} MB",
        "web process open fds / threads": f"{server.open_fds():,} / {server.threads()}",
    }
    from progress.presence import connection_stats  # noqa: PLC0415 (Django is set up by now)

    figures["streams the web process holds (connections endpoint)"] = connection_stats()["active_connections"]
    users = sorted({s.user_id for s in held})
    (tmp / "users.json").write_text(json.dumps(users))
    out = tmp / "published.json"
    publisher = await asyncio.create_subprocess_exec(
        sys.executable, str(ROOT / "bench" / "publish.py"), "--users-file", str(tmp / "users.json"),
        "--events", str(len(users)), "--rate", str(args.rate), "--out", str(out), cwd=ROOT, env=env,
    )  # fmt: skip
    await asyncio.wait_for(publisher.wait(), len(users) / args.rate + 120)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(not s.events for s in held):
        await asyncio.sleep(0.2)
    latencies = sorted(
        (t - loadclient.decode(block)[2].get("sent_at", t)) * 1000 for s in held for t, block in s.events
    )
    figures["events expected / delivered"] = f"{len(held):,} / {sum(len(s.events) for s in held):,}"
    if latencies:
        figures["latency p50 / p99 / max"] = (
            f"{percentile(latencies, 50):.1f} / {percentile(latencies, 99):.1f} / {latencies[-1]:.1f} ms"
        )
    loadclient.close_all(streams)
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streams", type=int, default=2000)
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=500, help="events per second while publishing")
    parser.add_argument("--open-timeout", type=float, default=180)
    args = parser.parse_args()

    print(f"RLIMIT_NOFILE {raise_nofile_limit()}")
    tmp = Path(tempfile.mkdtemp(prefix="bench-pushpin-"))
    redis_server = RedisServer(tmp / "redis").start()
    server = pushpin = None
    try:
        env = bench_env(redis_server.url, f"sqlite:///{tmp / 'db.sqlite3'}", args.streams)
        run_checked([sys.executable, "manage.py", "migrate", "-v", "0"], env, 300, "migrate")
        accounts = create_users_and_sessions(env, args.users)
        server = Server(env, tmp / "uvicorn.log")
        (tmp / "pushpin").mkdir()
        pushpin = Pushpin(tmp / "pushpin", server.port)
        env["GRIP_URL"] = pushpin.grip_url
        server.start()
        pushpin.start()
        figures = asyncio.run(run(args, env, server, pushpin, accounts, tmp))
        print(f"\n{time.strftime('%Y-%m-%d')}, {os.cpu_count()} CPUs, one Pushpin in front of one uvicorn\n")
        width = max(map(len, figures))
        for name, value in figures.items():
            print(f"{name:<{width}}  {value}")
    finally:
        if pushpin and pushpin.process:
            pushpin.stop()
        if server and server.process:
            server.stop()
        redis_server.stop()
        if not os.environ.get("BENCH_KEEP"):
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"kept {tmp}")


if __name__ == "__main__":
    main()
