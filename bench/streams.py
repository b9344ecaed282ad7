"""Load benchmark for live progress: N open SSE streams, events published from another process.

    .venv/bin/python bench/streams.py --streams 1000 --users 1000 --events 20 --rate 5

Starts a private redis-server and one uvicorn process of the project (settings `bench.settings`, a
throwaway SQLite database in a temp dir), creates the users and their sessions directly in the database,
opens the streams from this process with a small asyncio HTTP/1.1 client (loopback only), then runs
`bench/publish.py` in a subprocess, which calls `sse_manager.update_progress` `--events` times in total at
`--rate` per second, round-robin over the users. Stream `i` belongs to user `i % users`, so
`--streams 5000 --users 500` gives every user 10 streams.

Prints connections held, delivery latency (receive time - `sent_at`), events expected / delivered / lost /
duplicated, server RSS and threads, Redis clients and the publisher's CPU per call. Every wait is bounded
and everything started here is stopped on exit, Ctrl-C included. See README.md.
"""

import argparse
import asyncio
import contextlib
import json
import math
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import redis  # noqa: E402

from resumescreener.redis_server import RedisServer, free_port  # noqa: E402

HOST = "127.0.0.1"
STREAM_PATH = "/api/v1/sse/progress/stream/{}"
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


# --------------------------------------------------------------------------------------------------
# Processes


def raise_nofile_limit():
    """Raise this process's open-file soft limit to the hard limit (children inherit it)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)


def bench_env(redis_url, db_url, max_streams_per_user, keepalive=None):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        REDIS_URL=redis_url,
        DATABASE_URL=db_url,
        PYTHONPATH=str(ROOT),
        SSE_MAX_STREAMS_PER_USER=str(max_streams_per_user),
        LOG_LEVEL=os.environ.get("LOG_LEVEL", "WARNING"),
    )
    if keepalive is None:
        env.pop("SSE_KEEPALIVE_SECONDS", None)  # the project's default (30 s)
    else:
        env["SSE_KEEPALIVE_SECONDS"] = str(keepalive)
    return env


class Server:
    """One uvicorn process serving resumescreener.asgi on 127.0.0.1."""

    def __init__(self, env, log_path):
        self.env = env
        self.port = free_port()
        self.log_path = log_path
        self.process = None

    @property
    def url(self):
        return f"http://{HOST}:{self.port}"

    def start(self, timeout=60):
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "resumescreener.asgi:application",
                 "--host", HOST, "--port", str(self.port), "--no-access-log",
                 "--timeout-graceful-shutdown", "2"],
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"uvicorn exited:\n{self.log_tail()}")
            try:
                httpx.get(f"{self.url}/api/v1/sse/connections/status", timeout=1)  # 401: up
                return self
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)

    def log_tail(self, size=3000):
        try:
            return self.log_path.read_text(errors="replace")[-size:]
        except OSError:
            return ""

    def rss_bytes(self):
        return int(Path(f"/proc/{self.process.pid}/statm").read_text().split()[1]) * PAGE_SIZE

    def threads(self):
        return len(os.listdir(f"/proc/{self.process.pid}/task"))

    def open_fds(self):
        return len(os.listdir(f"/proc/{self.process.pid}/fd"))

    def cpu_seconds(self):
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def nofile_limit(self):
        for line in Path(f"/proc/{self.process.pid}/limits").read_text().splitlines():
            if line.startswith("Max open files"):
                return int(line.split()[3])
        return None


def run_checked(cmd, env, timeout, what):
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")


# --------------------------------------------------------------------------------------------------
# Users and sessions


def create_users_and_sessions(env, count):
    """Create `count` users and one logged-in session each, in bulk; return [(user id, session key)]."""
    os.environ.update({key: env[key] for key in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL")})
    import django  # noqa: PLC0415

    django.setup()
    from datetime import timedelta  # noqa: PLC0415

    from django.conf import settings  # noqa: PLC0415
    from django.contrib.auth import get_user_model  # noqa: PLC0415
    from django.contrib.auth.hashers import make_password  # noqa: PLC0415
    from django.contrib.sessions.backends.db import SessionStore  # noqa: PLC0415
    from django.contrib.sessions.models import Session  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415
    from django.utils.crypto import get_random_string  # noqa: PLC0415

    User = get_user_model()
    password = make_password("bench-password")  # one hash for everyone: creating users stays fast
    User.objects.bulk_create(
        [User(username=f"bench{i:06d}", password=password) for i in range(count)], batch_size=500
    )
    users = list(User.objects.filter(username__startswith="bench").order_by("pk"))
    store = SessionStore()
    expire = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    backend = "django.contrib.auth.backends.ModelBackend"
    sessions = []
    for user in users:
        data = {
            "_auth_user_id": str(user.pk),
            "_auth_user_backend": backend,
            "_auth_user_hash": user.get_session_auth_hash(),
        }
        key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
        sessions.append(Session(session_key=key, session_data=store.encode(data), expire_date=expire))
    Session.objects.bulk_create(sessions, batch_size=500)
    from django.db import connections  # noqa: PLC0415

    connections.close_all()
    return [(user.pk, session.session_key) for user, session in zip(users, sessions, strict=True)]


# --------------------------------------------------------------------------------------------------
# The load client: one asyncio Protocol per stream, HTTP/1.1 with a chunked body, SSE parsed here.


class Stream(asyncio.Protocol):
    """One open SSE stream. Records (receive time, event type, id, data) for every event."""

    def __init__(self, index, user_id, request, loop):
        self.index = index
        self.user_id = user_id
        self.request = request
        self.transport = None
        self.ready = loop.create_future()  # True once the `retry:` line arrived (the stream is live)
        self.status = None
        self.error = None
        self.closed = False
        self.chunked = False
        self.in_body = False
        self.chunk_left = -1
        self.buf = bytearray()
        self.sse = bytearray()
        self.events = []
        self.progress = 0
        self.keepalives = 0

    def connection_made(self, transport):
        self.transport = transport
        transport.write(self.request)

    def connection_lost(self, exc):
        self.closed = True
        if not self.ready.done():
            self.error = self.error or f"closed before ready ({exc or 'EOF'})"
            self.ready.set_result(False)

    def fail(self, error):
        self.error = error
        if not self.ready.done():
            self.ready.set_result(False)
        if self.transport is not None:
            self.transport.close()

    def data_received(self, data):
        now = time.time()
        buf = self.buf
        buf += data
        if not self.in_body:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                if len(buf) > 65536:
                    self.fail("response head too large")
                return
            head = bytes(buf[:end]).lower()
            del buf[: end + 4]
            try:
                self.status = int(head.split(b" ", 2)[1])
            except (IndexError, ValueError):
                self.fail("bad status line")
                return
            if self.status != 200:
                self.fail(f"HTTP {self.status}")
                return
            self.chunked = b"\r\ntransfer-encoding: chunked" in head
            self.in_body = True
        if self.chunked:
            while True:
                if self.chunk_left < 0:
                    line_end = buf.find(b"\r\n")
                    if line_end < 0:
                        break
                    size = int(bytes(buf[:line_end]).split(b";", 1)[0], 16)
                    del buf[: line_end + 2]
                    if size == 0:
                        self.transport.close()
                        break
                    self.chunk_left = size
                if len(buf) < self.chunk_left + 2:
                    break
                self.sse += buf[: self.chunk_left]
                del buf[: self.chunk_left + 2]
                self.chunk_left = -1
        else:
            self.sse += buf
            buf.clear()
        self.parse_sse(now)

    def parse_sse(self, now):
        sse = self.sse
        while True:
            end = sse.find(b"\n\n")
            if end < 0:
                return
            block = bytes(sse[:end])
            del sse[: end + 2]
            if block.startswith(b"retry:"):
                if not self.ready.done():
                    self.ready.set_result(True)
                continue
            if block.startswith(b":"):
                self.keepalives += 1
                continue
            event_type, event_id, data = b"message", None, None
            for line in block.split(b"\n"):
                if line.startswith(b"data: "):
                    data = line[6:] if data is None else data + b"\n" + line[6:]
                elif line.startswith(b"id: "):
                    event_id = int(line[4:])
                elif line.startswith(b"event: "):
                    event_type = line[7:]
            self.events.append((now, event_type, event_id, data))
            self.progress += event_type == b"progress"


async def open_streams(port, plan, cookie_of, concurrency, timeout, deadline):
    """Open one Stream per (index, user id) in `plan`, at most `concurrency` opening at a time."""
    loop = asyncio.get_running_loop()
    semaphore = asyncio.Semaphore(concurrency)
    streams = []

    async def open_one(stream):
        async with semaphore:
            try:
                await asyncio.wait_for(loop.create_connection(lambda: stream, HOST, port), timeout)
                await asyncio.wait_for(asyncio.shield(stream.ready), timeout)
            except TimeoutError:
                stream.fail(stream.error or "timeout while opening")
            except OSError as exc:
                stream.fail(f"{type(exc).__name__}: {exc.strerror or exc}")

    for index, user_id in plan:
        request = (
            f"GET {STREAM_PATH.format(user_id)} HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
            f"Accept: text/event-stream\r\nCookie: sessionid={cookie_of[user_id]}\r\n\r\n"
        ).encode()
        streams.append(Stream(index, user_id, request, loop))
    tasks = [asyncio.ensure_future(open_one(stream)) for stream in streams]
    done, pending = await asyncio.wait(tasks, timeout=max(1.0, deadline - time.monotonic()))
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    for stream in streams:
        if not stream.ready.done() or not stream.ready.result():
            stream.fail(stream.error or "not opened before the deadline")
    return streams


# --------------------------------------------------------------------------------------------------
# Measurements


def percentile(sorted_values, q):
    if not sorted_values:
        return float("nan")
    rank = max(0, math.ceil(q / 100 * len(sorted_values)) - 1)
    return sorted_values[rank]


def redis_clients(url):
    client = redis.Redis.from_url(url)
    try:
        return client.info("clients")["connected_clients"] - 1  # not counting this connection
    finally:
        client.close()


def reset_redis_stats(url):
    client = redis.Redis.from_url(url)
    try:
        client.config_resetstat()
    finally:
        client.close()


def redis_commands(url):
    """Calls per command since the last reset (INFO commandstats), busiest first."""
    client = redis.Redis.from_url(url)
    try:
        stats = client.info("commandstats")
    finally:
        client.close()
    calls = {name.removeprefix("cmdstat_"): value["calls"] for name, value in stats.items()}
    calls.pop("info", None)
    calls.pop("config|resetstat", None)
    return dict(sorted(calls.items(), key=lambda item: -item[1]))


def delivery_stats(streams, published):
    """Compare what every live stream received with what was published to its user."""
    expected_by_user = {}
    sent_at = {}
    for user_id, event_id in published:
        expected_by_user.setdefault(user_id, set()).add(event_id)
    expected = delivered = duplicated = unexpected = out_of_order = resets = 0
    latencies = []
    for stream in streams:
        if stream.error is not None:
            continue
        want = expected_by_user.get(stream.user_id, set())
        expected += len(want)
        seen = set()
        last = 0
        for received_at, event_type, event_id, data in stream.events:
            if event_type != b"progress":
                resets += event_type == b"stream-reset"
                continue
            if event_id in seen:
                duplicated += 1
                continue
            seen.add(event_id)
            if event_id <= last:
                out_of_order += 1
            last = max(last, event_id)
            if event_id not in want:
                unexpected += 1
                continue
            delivered += 1
            key = (stream.user_id, event_id)
            if key not in sent_at:
                sent_at[key] = json.loads(data)["sent_at"]
            latencies.append(received_at - sent_at[key])
    latencies.sort()
    return {
        "expected": expected,
        "delivered": delivered,
        "lost": expected - delivered,
        "duplicated": duplicated,
        "unexpected": unexpected,
        "out_of_order": out_of_order,
        "stream_resets": resets,
        "latency_ms": {
            "p50": percentile(latencies, 50) * 1000,
            "p99": percentile(latencies, 99) * 1000,
            "max": (latencies[-1] * 1000) if latencies else float("nan"),
        },
    }


def delivered_count(streams, expected_by_stream):
    total = 0
    for stream, want in expected_by_stream:
        total += min(want, stream.progress)
    return total


async def run_publisher(env, tmp, users, args):
    users_file = tmp / "users.json"
    users_file.write_text(json.dumps(users))
    out = tmp / "published.json"
    process = await asyncio.create_subprocess_exec(
        sys.executable, str(ROOT / "bench" / "publish.py"),
        "--users-file", str(users_file), "--events", str(args.events), "--rate", str(args.rate),
        "--out", str(out),
        cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        stdout, stderr = await asyncio.wait_for(process.communicate(), args.events / args.rate + 120)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    if process.returncode != 0:
        raise RuntimeError(f"publisher failed ({process.returncode}):\n{stderr.decode()[-3000:]}")
    return json.loads(out.read_text())


def start_profiler(pid, duration, path):
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(py_spy).exists():
        print("py-spy not found: no profile (pip install py-spy)", file=sys.stderr)
        return None
    return subprocess.Popen(
        [py_spy, "record", "--pid", str(pid), "--duration", str(max(1, int(duration))),
         "--rate", "200", "--format", "raw", "--nonblocking", "--gil", "--output", str(path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip


def summarise_profile(path, top=15):
    """Top frames by own (self) samples and by inclusive samples, from py-spy's collapsed stacks."""
    own, inclusive, total = {}, {}, 0
    for line in Path(path).read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        count = int(count)
        total += count
        frames = stack.split(";")
        own[frames[-1]] = own.get(frames[-1], 0) + count
        for frame in set(frames):
            inclusive[frame] = inclusive.get(frame, 0) + count
    lines = [f"py-spy: {total} samples"]
    for title, table in (("own", own), ("inclusive", inclusive)):
        lines.append(f"  top by {title} samples:")
        for frame, count in sorted(table.items(), key=lambda item: -item[1])[:top]:
            lines.append(f"    {100 * count / max(total, 1):5.1f}%  {frame}")
    return "\n".join(lines)


async def finish_profile(profiler, tmp, args, result):
    loop = asyncio.get_running_loop()
    try:
        _, stderr = await loop.run_in_executor(None, lambda: profiler.communicate(timeout=60))
    except subprocess.TimeoutExpired:
        profiler.kill()
        profiler.wait()
        stderr = b"py-spy timed out"
    profile_path = tmp / "profile.txt"
    if profile_path.exists():
        result["profile"] = summarise_profile(profile_path)
        if args.profile_out:
            shutil.copy(profile_path, args.profile_out)
    else:
        result["profile"] = f"py-spy produced nothing: {stderr.decode(errors='replace')[-500:]}"


async def load(server, redis_url, env, tmp, accounts, args):
    """Open the streams, publish, wait for delivery; return the results."""
    result = {}
    cookie_of = dict(accounts)
    user_ids = [user_id for user_id, _ in accounts]
    warm_user, bench_users = user_ids[-1], user_ids[:-1]

    # Warm-up: one stream of a user that is not part of the measurement, opened and closed, so that
    # imports, the Redis pools and the live subscriber are not counted per connection.
    warm = await open_streams(server.port, [(-1, warm_user)], cookie_of, 1, 30, time.monotonic() + 30)
    if warm[0].error:
        raise RuntimeError(f"warm-up stream failed: {warm[0].error}\n{server.log_tail()}")
    warm[0].transport.close()
    await asyncio.sleep(1.0)

    result["server_rss_before"] = server.rss_bytes()
    result["server_threads_before"] = server.threads()
    result["redis_clients_before"] = redis_clients(redis_url)

    plan = [(i, bench_users[i % len(bench_users)]) for i in range(args.streams)]
    profiler = None
    if args.profile == "open":
        profiler = start_profiler(server.process.pid, args.open_deadline, tmp / "profile.txt")
    started = time.monotonic()
    server_cpu0 = server.cpu_seconds()
    streams = await open_streams(
        server.port, plan, cookie_of, args.concurrency, args.open_timeout, started + args.open_deadline
    )
    result["open_seconds"] = time.monotonic() - started
    result["server_cpu_percent_open"] = 100 * (server.cpu_seconds() - server_cpu0) / result["open_seconds"]
    if profiler is not None:
        profiler.send_signal(signal.SIGINT)  # py-spy writes what it has so far
        await finish_profile(profiler, tmp, args, result)
    live = [stream for stream in streams if stream.error is None]
    errors = {}
    for stream in streams:
        if stream.error is not None:
            errors[stream.error] = errors.get(stream.error, 0) + 1
    result["held"] = len(live)
    result["failed"] = len(streams) - len(live)
    result["open_errors"] = errors

    await asyncio.sleep(args.settle)
    result["server_rss_after"] = server.rss_bytes()
    result["server_threads"] = server.threads()
    result["server_fds"] = server.open_fds()
    result["redis_clients"] = redis_clients(redis_url)
    result["rss_per_connection"] = (result["server_rss_after"] - result["server_rss_before"]) / max(
        1, len(live)
    )

    if server.process.poll() is not None:
        raise RuntimeError(f"the server died while streams were opening:\n{server.log_tail()}")

    # Publish from another process, round-robin over the users that have streams.
    publish_users = sorted({stream.user_id for stream in live}) or bench_users
    reset_redis_stats(redis_url)
    server_cpu0, client_cpu0, wall0 = server.cpu_seconds(), time.process_time(), time.monotonic()
    profiler = None
    if args.profile == "publish":
        profiler = start_profiler(server.process.pid, args.events / args.rate + 1, tmp / "profile.txt")
    published = await run_publisher(env, tmp, publish_users, args)

    # Drain: wait (bounded) until every stream has as many progress events as its user was sent.
    per_user = {}
    for user_id, _ in published["published"]:
        per_user[user_id] = per_user.get(user_id, 0) + 1
    expected_by_stream = [(stream, per_user.get(stream.user_id, 0)) for stream in live]
    want = sum(count for _, count in expected_by_stream)
    drain_deadline = time.monotonic() + args.drain
    while time.monotonic() < drain_deadline and delivered_count(live, expected_by_stream) < want:
        await asyncio.sleep(0.05)
    wall = time.monotonic() - wall0
    result["server_cpu_percent"] = 100 * (server.cpu_seconds() - server_cpu0) / wall
    result["client_cpu_percent"] = 100 * (time.process_time() - client_cpu0) / wall
    result["redis_commands"] = redis_commands(redis_url)
    if profiler is not None:
        await finish_profile(profiler, tmp, args, result)

    result["published"] = published["calls"]
    result["publish_seconds"] = published["wall_seconds"]
    result["publisher_late_calls"] = published["late_calls"]
    result["publisher_cpu_us_per_call"] = 1e6 * published["cpu_seconds"] / max(1, published["calls"])
    result.update(delivery_stats(live, published["published"]))
    result["closed_by_server"] = sum(1 for stream in live if stream.closed)
    result["keepalives"] = sum(stream.keepalives for stream in live)

    for stream in streams:
        if stream.transport is not None:
            stream.transport.close()
    await asyncio.sleep(0.2)
    return result


def report(args, result, limits):
    mb = 1024 * 1024
    r = result
    lat = {key: r.get("latency_ms", {}).get(key, float("nan")) for key in ("p50", "p99", "max")}
    rate = r["held"] / r["open_seconds"]
    rows = [
        ("streams / users / events / rate",
         f"{args.streams} / {args.users} / {args.events} / {args.rate:g}/s"),
        ("RLIMIT_NOFILE (bench, server)", f"{limits[0]}, {r.get('server_nofile')}"),
        ("connections held (failed)", f"{r['held']} ({r['failed']})"),
        ("time to open (server CPU)",
         f"{r['open_seconds']:.1f} s ({rate:.0f}/s, {r['server_cpu_percent_open']:.0f}% of one core)"),
        ("server RSS before / after",
         f"{r['server_rss_before'] / mb:.1f} MB / {r['server_rss_after'] / mb:.1f} MB"),
        ("server RSS per connection", f"{r['rss_per_connection'] / 1024:.1f} KB"),
        ("server OS threads (before / streams open)",
         f"{r['server_threads_before']} / {r['server_threads']}"),
        ("server open fds (streams open)", str(r["server_fds"])),
        ("Redis connected_clients (before / open)", f"{r['redis_clients_before']} / {r['redis_clients']}"),
        ("events published (seconds)",
         f"{r['published']} ({r['publish_seconds']:.1f} s, {r['publisher_late_calls']} late >100 ms)"),
        ("events expected / delivered", f"{r['expected']} / {r['delivered']}"),
        ("events lost / duplicated", f"{r['lost']} / {r['duplicated']}"),
        ("out of order / unexpected / stream-reset",
         f"{r['out_of_order']} / {r['unexpected']} / {r['stream_resets']}"),
        ("streams closed by the server", str(r["closed_by_server"])),
        ("latency p50 / p99 / max", f"{lat['p50']:.1f} / {lat['p99']:.1f} / {lat['max']:.1f} ms"),
        ("publisher CPU per update_progress", f"{r['publisher_cpu_us_per_call']:.0f} µs"),
        ("server / client CPU while publishing",
         f"{r['server_cpu_percent']:.1f}% / {r['client_cpu_percent']:.1f}% of one core"),
        ("Redis calls while publishing",
         ", ".join(f"{name} {calls}" for name, calls in list(r["redis_commands"].items())[:14])),
    ]  # fmt: skip
    width = max(len(name) for name, _ in rows)
    print()
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    if result.get("open_errors"):
        print("open errors:")
        for error, count in sorted(result["open_errors"].items(), key=lambda item: -item[1]):
            print(f"  {count:6d}  {error}")
    if result.get("profile"):
        print(result["profile"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streams", type=int, default=1000, help="SSE streams to open")
    parser.add_argument("--users", type=int, default=1000, help="users; stream i belongs to user i %% users")
    parser.add_argument("--events", type=int, default=20, help="events to publish, in total")
    parser.add_argument("--rate", type=float, default=5, help="events per second, in total")
    parser.add_argument("--concurrency", type=int, default=200, help="streams being opened at once")
    parser.add_argument("--open-timeout", type=float, default=30, help="seconds for one stream to open")
    parser.add_argument("--open-deadline", type=float, default=300, help="seconds for all streams to open")
    parser.add_argument("--settle", type=float, default=2, help="seconds to wait before measuring")
    parser.add_argument("--drain", type=float, default=15, help="seconds to wait for late events")
    parser.add_argument("--keepalive", type=int, default=None, help="SSE_KEEPALIVE_SECONDS (default: 30)")
    parser.add_argument(
        "--profile", choices=["open", "publish"], help="py-spy the server while opening or while publishing"
    )
    parser.add_argument("--profile-out", help="keep py-spy's collapsed stacks in this file")
    parser.add_argument("--json", help="also write the results as JSON to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (logs) for inspection")
    args = parser.parse_args()
    if args.streams < 1 or args.users < 1 or args.events < 0 or args.rate <= 0:
        parser.error("--streams and --users must be >= 1, --events >= 0, --rate > 0")
    args.users = min(args.users, args.streams)

    limits = raise_nofile_limit()
    tmp = Path(tempfile.mkdtemp(prefix="bench-streams-"))
    print(f"temp dir {tmp}; RLIMIT_NOFILE {limits[0]}", flush=True)
    per_user = math.ceil(args.streams / args.users) + 2
    with contextlib.ExitStack() as stack:
        if not args.keep:
            stack.callback(shutil.rmtree, tmp, ignore_errors=True)
        redis_server = RedisServer(tmp / "redis")
        stack.callback(redis_server.stop)
        redis_server.start()
        env = bench_env(redis_server.url, f"sqlite:///{tmp / 'db.sqlite3'}", per_user, args.keepalive)
        print("migrating the temp database...", flush=True)
        run_checked([sys.executable, "manage.py", "migrate", "--noinput"], env, 300, "migrate")
        t0 = time.monotonic()
        accounts = create_users_and_sessions(env, args.users + 1)  # the last one is for the warm-up
        print(f"created {len(accounts)} users and sessions in {time.monotonic() - t0:.1f} s", flush=True)
        server = Server(env, tmp / "uvicorn.log")
        stack.callback(server.stop)
        server.start()
        print(f"server pid {server.process.pid} on port {server.port}; opening {args.streams} streams...",
              flush=True)  # fmt: skip
        try:
            uvloop = __import__("uvloop")
            runner = uvloop.run
        except ImportError:
            runner = asyncio.run
        server_nofile = server.nofile_limit()
        result = runner(load(server, redis_server.url, env, tmp, accounts, args))
        result["server_nofile"] = server_nofile
        if server.process.poll() is not None:
            print(f"the server exited during the run:\n{server.log_tail()}", file=sys.stderr)
        report(args, result, limits)
        log = server.log_tail(1500).strip()
        if log:
            print(f"server log (tail):\n{log}")
        if args.json:
            Path(args.json).parent.mkdir(parents=True, exist_ok=True)
            Path(args.json).write_text(json.dumps({"args": vars(args), "result": result}, indent=1))


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up on SIGTERM as on Ctrl-C
    try:
        main()
    except KeyboardInterrupt:
        print("interrupted: everything started here was stopped", file=sys.stderr)
        sys.exit(130)
