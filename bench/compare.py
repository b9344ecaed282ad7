"""Side-by-side SSE comparison: ours, django-eventstream's view (peer 1), sse-starlette + XREAD (peer 2).

    .venv/bin/python bench/compare.py                      # everything, ~12 minutes on 2 cores
    .venv/bin/python bench/compare.py --only ours --targets 1,4
    .venv/bin/python bench/compare.py --only ours --targets 5 --profile t5
    .venv/bin/python bench/compare.py --only ours --targets 1 --clients browser --streams 2000

For each kind of client (`--clients`: "browser" sends a browser's headers, Accept-Encoding included;
"bare" sends none) and each system in turn: a private redis-server, one uvicorn process of that system,
all on 127.0.0.1; the same load client (bench/loadclient.py, in this process) and the same publisher
(bench/publisher.py, in subprocesses). Then one table with every target: ours, peer 1, peer 2 and how
many times better ours is, for each kind of client.
Every phase is bounded in count and time; everything started here is stopped on exit (errors and Ctrl-C
included). See README.md for what each target measures.
"""

import argparse
import asyncio
import contextlib
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import redis  # noqa: E402

from bench import loadclient  # noqa: E402
from bench.streams import (  # noqa: E402
    create_users_and_sessions,
    percentile,
    raise_nofile_limit,
    run_checked,
    start_profiler,
    summarise_profile,
)
from resumescreener.redis_server import find_binary, free_port  # noqa: E402

HOST = loadclient.HOST
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLK_TCK = os.sysconf("SC_CLK_TCK")

SYSTEMS = {
    "ours": {
        "label": "ours",
        "app": "resumescreener.asgi:application",
        "settings": "bench.settings",
        "path": "/api/v1/sse/progress/stream/{}",
        "cookie": True,
    },
    # Variants of ours, run only when named in --only: evidence for proposed changes (README.md).
    "ours_lean": {
        "label": "ours without WhiteNoise",
        "app": "resumescreener.asgi:application",
        "settings": "bench.ours_lean_settings",
        "path": "/api/v1/sse/progress/stream/{}",
        "cookie": True,
    },
    "peer1": {
        "label": "peer 1 (django-eventstream)",
        "app": "resumescreener.asgi:application",
        "settings": "bench.peer1_settings",
        "path": "/events/user-{}",
        "cookie": True,
    },
    "peer2": {
        "label": "peer 2 (sse-starlette)",
        "app": "bench.peer2_app:app",
        "settings": None,
        "path": "/events/user-{}",
        "cookie": False,
    },
}


# --------------------------------------------------------------------------------------------------
# Processes


class Redis:
    """A private redis-server on 127.0.0.1 that keeps nothing on disk, with room for many clients."""

    def __init__(self, directory):
        self.directory = Path(directory)
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://{HOST}:{self.port}/0"

    def start(self, timeout=10):
        binary = find_binary()
        if not binary:
            raise RuntimeError("no redis-server found (apt-get install redis-server)")
        self.directory.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", HOST, "--save", "", "--appendonly", "no",
             "--maxclients", "19000", "--dir", str(self.directory),
             "--logfile", str(self.directory / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while True:
            try:
                if redis.Redis.from_url(self.url, socket_connect_timeout=0.5).ping():
                    return self
            except (redis.RedisError, OSError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)

    def clients(self):
        client = redis.Redis.from_url(self.url, socket_timeout=10)
        try:
            return client.info("clients")["connected_clients"] - 1  # not this one
        finally:
            client.close()


class Server:
    """One uvicorn process of a system."""

    def __init__(self, system, env, log_path):
        self.system = system
        self.spec = SYSTEMS[system]
        self.env = env
        self.port = free_port()
        self.log_path = log_path
        self.process = None

    def start(self, timeout=60):
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "uvicorn", self.spec["app"], "--host", HOST,
                 "--port", str(self.port), "--no-access-log", "--timeout-graceful-shutdown", "2",
                 "--backlog", "4096"],
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        deadline = time.monotonic() + timeout
        import socket  # noqa: PLC0415

        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.system}: uvicorn exited:\n{self.log_tail()}")
            try:
                with socket.create_connection((HOST, self.port), timeout=1) as sock:
                    sock.sendall(f"GET / HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode())
                    if sock.recv(16).startswith(b"HTTP/1.1"):
                        return self
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.system}: uvicorn did not answer:\n{self.log_tail()}")
            time.sleep(0.1)

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def log_tail(self, size=3000):
        try:
            return self.log_path.read_text(errors="replace")[-size:]
        except OSError:
            return ""

    def snapshot(self):
        pid = self.process.pid
        try:
            rss = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            return {
                "rss": rss,
                "threads": len(os.listdir(f"/proc/{pid}/task")),
                "fds": len(os.listdir(f"/proc/{pid}/fd")),
                "cpu": (int(fields[11]) + int(fields[12])) / CLK_TCK,
            }
        except (OSError, ValueError):
            return {"rss": 0, "threads": 0, "fds": 0, "cpu": 0.0}

    def cpu(self):
        return self.snapshot()["cpu"]


def server_env(system, base_env, redis_url):
    env = dict(base_env)
    env.update(REDIS_URL=redis_url, PYTHONPATH=str(ROOT), LOG_LEVEL="WARNING")
    env.pop("SSE_KEEPALIVE_SECONDS", None)
    if SYSTEMS[system]["settings"]:
        env["DJANGO_SETTINGS_MODULE"] = SYSTEMS[system]["settings"]
    else:
        env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


# --------------------------------------------------------------------------------------------------
# Publishing and analysis


async def run_publishers(ctx, phase, user_groups, per_user, rate, timeout, mode="events", calls=0):
    """Run one publisher process per group of users, at the same time; return their JSON results."""
    procs, outs = [], []
    profile = ctx["args"].profile == phase
    try:
        for n, users in enumerate(user_groups):
            users_file = ctx["tmp"] / f"{phase}-users-{n}.json"
            users_file.write_text(json.dumps(users))
            out = ctx["tmp"] / f"{phase}-out-{n}.json"
            outs.append(out)
            system = "ours" if ctx["system"].startswith("ours") else ctx["system"]
            cmd = [sys.executable, str(ROOT / "bench" / "publisher.py"), "--system", system,
                   "--mode", mode, "--users-file", str(users_file), "--per-user", str(per_user),
                   "--rate", str(rate), "--phase", phase, "--calls", str(calls),
                   "--timeout", str(timeout), "--out", str(out)]  # fmt: skip
            if profile and n == 0 and mode == "cpu":
                cmd = [py_spy(), "record", "--rate", "500", "--format", "raw", "--nonblocking",
                       "--output", str(ctx["tmp"] / "profile.txt"), "--", *cmd]  # fmt: skip
            procs.append(
                await asyncio.create_subprocess_exec(
                    *cmd,
                    cwd=ROOT,
                    env=ctx["pub_env"],
                    stdout=asyncio.subprocess.DEVNULL,
                    stderr=asyncio.subprocess.PIPE,
                )  # fmt: skip
            )
        results = []
        for proc in procs:
            _, stderr = await asyncio.wait_for(proc.communicate(), timeout + 60)
            if proc.returncode != 0:
                raise RuntimeError(f"publisher failed ({proc.returncode}):\n{stderr.decode()[-3000:]}")
        for out in outs:
            results.append(json.loads(out.read_text()))
        if profile and mode == "cpu":
            ctx["profile"] = summarise_profile(ctx["tmp"] / "profile.txt")
        return results
    finally:
        for proc in procs:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()


def py_spy():
    return shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")


async def drain(streams, marks, want_per_stream, seconds):
    """Wait (at most `seconds`) until every stream has `want_per_stream` events past its mark."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if all(s.count - marks[s.index] >= want_per_stream for s in streams if s.error is None):
            return True
        await asyncio.sleep(0.05)
    return False


def analyse(streams, marks, phase, per_user):
    """Lost / duplicated / out of order / latency of the `phase` events each stream received."""
    expected = delivered = duplicated = out_of_order = resets = 0
    latencies, last_receipt = [], 0.0
    for stream in streams:
        if stream.error is not None:
            continue
        expected += per_user
        seen, last = set(), 0
        for received_at, block in stream.events[marks.get(stream.index, 0) :]:
            _, event_type, data = loadclient.decode(block)
            if event_type == "stream-reset":
                resets += 1
                continue
            if data.get("p") != phase:
                continue
            seq = data["seq"]
            if seq in seen:
                duplicated += 1
                continue
            seen.add(seq)
            out_of_order += seq < last
            last = max(last, seq)
            delivered += 1
            latencies.append(received_at - data["sent_at"])
            last_receipt = max(last_receipt, received_at)
    latencies.sort()
    return {
        "streams": sum(1 for s in streams if s.error is None),
        "expected": expected,
        "delivered": delivered,
        "lost": expected - delivered,
        "duplicated": duplicated,
        "out_of_order": out_of_order,
        "resets": resets,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p99_ms": percentile(latencies, 99) * 1000,
        "max_ms": (latencies[-1] * 1000) if latencies else float("nan"),
        "last_receipt": last_receipt,
    }


def make_streams(ctx, users, per_user, start_index=0):
    spec = SYSTEMS[ctx["system"]]
    cookie_of = ctx["cookie_of"]
    streams = []
    for n, user_id in enumerate(users):
        for k in range(per_user):
            cookie = cookie_of[user_id] if spec["cookie"] else None
            index = start_index + n * per_user + k
            path = spec["path"].format(user_id)
            streams.append(loadclient.Stream(index, user_id, path, cookie, ctx["client"]))
    return streams


def profiler_for(ctx, phase, seconds):
    if ctx["args"].profile != phase:
        return None
    return start_profiler(ctx["server"].process.pid, seconds, ctx["tmp"] / "profile.txt")


async def stop_profiler(ctx, profiler):
    if profiler is None:
        return
    profiler.send_signal(signal.SIGINT)
    loop = asyncio.get_running_loop()
    try:
        await loop.run_in_executor(None, lambda: profiler.communicate(timeout=60))
    except subprocess.TimeoutExpired:
        profiler.kill()
        profiler.wait()
    path = ctx["tmp"] / "profile.txt"
    ctx["profile"] = summarise_profile(path) if path.exists() else "py-spy produced nothing"
    if ctx["args"].profile_out and path.exists():
        shutil.copy(path, ctx["args"].profile_out)


# --------------------------------------------------------------------------------------------------
# The phases


async def phase_cpu(ctx):
    """Target 4: CPU per publish call, back to back, in the publishing process."""
    (result,) = await run_publishers(ctx, "t4", [[0]], 0, 0, 300, mode="cpu", calls=ctx["args"].calls)
    return {"us_per_call": 1e6 * result["cpu_seconds"] / result["calls"], **result}


async def phase_hold(ctx, users, per_user):
    """Target 1: open len(users) * per_user streams and measure what holding them costs."""
    args, server = ctx["args"], ctx["server"]
    streams = make_streams(ctx, users, per_user)
    before = server.snapshot()
    redis_before = ctx["redis"].clients()
    profiler = profiler_for(ctx, "open", args.open_deadline)
    mid = {}

    async def sample_half_way():
        # Redis connections with half the streams open, to compare with all of them open.
        while sum(1 for s in streams if s.ready_at) < len(streams) // 2:
            await asyncio.sleep(0.2)
        mid["redis"] = ctx["redis"].clients()
        mid["held"] = sum(1 for s in streams if s.ready_at)

    sampler = asyncio.ensure_future(sample_half_way())
    t0 = time.monotonic()
    await loadclient.open_many(streams, server.port, args.concurrency, 30, t0 + args.open_deadline)
    sampler.cancel()
    seconds = time.monotonic() - t0
    cpu_open = server.cpu() - before["cpu"]
    await stop_profiler(ctx, profiler)
    await asyncio.sleep(args.settle)
    after = server.snapshot()
    held = sum(1 for s in streams if s.error is None and not s.conn.closed)
    errors = {}
    for s in streams:
        if s.error is not None:
            errors[s.error] = errors.get(s.error, 0) + 1
    return streams, {
        "wanted": len(streams),
        "held": held,
        "open_seconds": seconds,
        "open_rate": held / seconds if seconds else 0,
        "cpu_ms_per_open": 1000 * cpu_open / max(1, held),
        "rss_before": before["rss"],
        "rss_after": after["rss"],
        "rss_kb_per_stream": (after["rss"] - before["rss"]) / 1024 / max(1, held),
        "threads_before": before["threads"],
        "threads_after": after["threads"],
        "threads_per_stream": (after["threads"] - before["threads"]) / max(1, held),
        "fds_after": after["fds"],
        "redis_before": redis_before,
        "redis_half": mid.get("redis"),
        "redis_half_held": mid.get("held"),
        "redis_after": ctx["redis"].clients(),
        "server_alive": server.alive(),
        "errors": dict(sorted(errors.items(), key=lambda item: -item[1])[:5]),
    }


async def phase_deliver(ctx, streams, users, phase, per_user, rate, publishers, drain_seconds):
    """Targets 2 and 3: publish to `users`, wait for every stream to have its events, analyse."""
    live = [s for s in streams if s.error is None and not s.conn.closed]
    marks = {s.index: len(s.events) for s in live}
    marks_count = {s.index: s.count for s in live}
    groups = [users[i::publishers] for i in range(publishers)]
    server = ctx["server"]
    cpu0, wall0, client0 = server.cpu(), time.monotonic(), time.process_time()
    profiler = profiler_for(ctx, phase, 120)
    timeout = ctx["args"].publish_timeout
    results = await run_publishers(ctx, phase, groups, per_user, rate / publishers, timeout)
    complete = await drain(live, marks_count, per_user, drain_seconds)
    await stop_profiler(ctx, profiler)
    wall = time.monotonic() - wall0
    stats = analyse(live, marks, phase, per_user)
    start = min(r["start_wall"] for r in results)
    publish_end = max(r["start_wall"] + r["wall_seconds"] for r in results)
    calls = sum(r["calls"] for r in results)
    window = (stats["last_receipt"] or publish_end) - start
    stats.update(
        drained=complete,
        publish_calls=calls,
        publish_rate=calls / max(1e-9, publish_end - start),
        publisher_us_per_call=1e6 * sum(r["cpu_seconds"] for r in results) / max(1, calls),
        late_calls=sum(r["late_calls"] for r in results),
        delivered_per_s=stats["delivered"] / max(1e-9, window),
        window_s=window,
        server_cpu_percent=100 * (server.cpu() - cpu0) / wall,
        client_cpu_percent=100 * (time.process_time() - client0) / wall,
        closed_by_server=sum(1 for s in live if s.conn.closed and not s.conn.stopped),
    )
    return stats


async def phase_storm(ctx, users, per_user, drop_after, rate):
    """Target 5: streams dropped after `drop_after` events, resumed at once with Last-Event-ID."""
    args, server = ctx["args"], ctx["server"]
    streams = make_streams(ctx, users, 1)
    await loadclient.open_many(streams, server.port, args.concurrency, 30, time.monotonic() + 120)
    live = [s for s in streams if s.error is None]
    for s in live:
        s.drop_after = drop_after
    tasks = set()

    async def resume(stream):
        error = await loadclient.connect(stream, server.port, 30, last_event_id=stream.last_id)
        if error is None:
            stream.resumed_at = time.time()
        else:
            stream.resume_error = error

    def on_drop(stream):
        task = asyncio.ensure_future(resume(stream))
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    for s in live:
        s.conn.on_drop = on_drop
    await asyncio.sleep(1)
    profiler = profiler_for(ctx, "t5", 120)
    cpu0, wall0 = server.cpu(), time.monotonic()
    results = await run_publishers(ctx, "t5", [users], per_user, rate, args.publish_timeout)
    deadline = time.monotonic() + 60
    while tasks and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    await drain(live, {s.index: 0 for s in live}, per_user, 20)
    await stop_profiler(ctx, profiler)
    wall = time.monotonic() - wall0
    stats = analyse(live, {}, "t5", per_user)
    resumes = sorted(s.resumed_at - s.drop_at for s in live if s.resumed_at and s.drop_at)
    drops = [s.drop_at for s in live if s.drop_at]
    stats.update(
        opened=len(live),
        dropped=len(drops),
        resumed=len(resumes),
        resume_errors=sum(1 for s in live if s.resume_error),
        drop_spread_s=(max(drops) - min(drops)) if drops else float("nan"),
        resume_p50_s=percentile(resumes, 50),
        resume_p99_s=percentile(resumes, 99),
        resume_max_s=resumes[-1] if resumes else float("nan"),
        publish_calls=sum(r["calls"] for r in results),
        server_cpu_percent=100 * (server.cpu() - cpu0) / wall,
    )
    loadclient.close_all(streams)
    return stats


async def run_system(ctx):
    """Every selected phase against one running server; returns {target: figures}."""
    args, targets, accounts = ctx["args"], ctx["targets"], ctx["accounts"]
    spu = args.streams_per_user
    hold_users = accounts[: math.ceil(args.streams / spu)]
    load_users = accounts[: math.ceil(args.load_streams / spu)]
    storm_users = accounts[len(hold_users) : len(hold_users) + args.storm_streams]
    warm_user = accounts[-1]
    out = {}

    warm = make_streams(ctx, [warm_user], 1)
    await loadclient.open_many(warm, ctx["server"].port, 1, 30, time.monotonic() + 30)
    if warm[0].error:
        raise RuntimeError(f"{ctx['system']}: warm-up stream failed: {warm[0].error}")
    loadclient.close_all(warm)
    await asyncio.sleep(1)

    if 4 in targets:
        log(ctx, "target 4: publish CPU per call")
        out[4] = await phase_cpu(ctx)
    streams = []
    if 1 in targets:
        log(ctx, f"target 1: opening {args.streams} streams")
        streams, out[1] = await phase_hold(ctx, hold_users, spu)
        log(ctx, f"  held {out[1]['held']} in {out[1]['open_seconds']:.0f} s")
    if 2 in targets or 3 in targets:
        keep_ids = set(load_users)
        keep = [s for s in streams if s.user_id in keep_ids and s.error is None and not s.conn.closed]
        kept = set(keep)
        dropped = [s for s in streams if s not in kept and s.error is None and not s.conn.closed]
        if dropped:
            log(ctx, f"closing {len(dropped)} streams, waiting for the server to be idle again")
            profiler = profiler_for(ctx, "close", args.idle_timeout)
            loadclient.close_all(dropped)
            out.setdefault(1, {})["close_count"] = len(dropped)
            out[1]["close_busy_s"] = await wait_idle(ctx["server"], args.idle_timeout)
            await stop_profiler(ctx, profiler)
            log(ctx, f"  busy for {out[1]['close_busy_s']:.1f} s")
        if not ctx["server"].alive():
            raise RuntimeError(f"{ctx['system']}: the server died:\n{ctx['server'].log_tail()}")
        if len(keep) < 0.95 * args.load_streams:
            loadclient.close_all(keep)
            await asyncio.sleep(2)
            log(ctx, f"opening {args.load_streams} streams for targets 2-3")
            keep = make_streams(ctx, load_users, spu)
            await loadclient.open_many(
                keep, ctx["server"].port, args.concurrency, 30, time.monotonic() + args.open_deadline
            )
        await asyncio.sleep(args.settle)
        if 2 in targets:
            rate = args.load_rate / spu  # publishes per second, each reaching `spu` streams
            per_user = max(1, round(args.load_seconds * rate / len(load_users)))
            log(ctx, f"target 2: {args.load_rate} events/s over {len(keep)} streams")
            out[2] = await phase_deliver(ctx, keep, load_users, "t2", per_user, rate, 1, 20)
        if 3 in targets:
            log(ctx, f"target 3: saturation, {args.saturate_per_user} events per user, flat out")
            out[3] = await phase_deliver(
                ctx, keep, load_users, "t3", args.saturate_per_user, 0, args.publishers, 60
            )
        loadclient.close_all(keep)
    loadclient.close_all(streams)
    if 5 in targets:
        await asyncio.sleep(1)
        await wait_idle(ctx["server"], args.idle_timeout)
        log(ctx, f"target 5: reconnect storm, {args.storm_streams} streams")
        out[5] = await phase_storm(ctx, storm_users, args.storm_events, 5, args.storm_rate)
    return out


async def wait_idle(server, timeout, threshold=0.15, window=1.0):
    """Seconds until the server uses less than `threshold` of a core over `window` s (at most `timeout`)."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        cpu0 = server.cpu()
        await asyncio.sleep(window)
        if server.cpu() - cpu0 < threshold * window:
            return time.monotonic() - t0 - window
    return float(timeout)


def log(ctx, message):
    print(f"[{time.strftime('%H:%M:%S')}] {ctx['system']} ({ctx['client']}): {message}", flush=True)


# --------------------------------------------------------------------------------------------------
# The table


def fmt(value, spec):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return format(value, spec)


ROWS = [
    # (target, label, getter, format, better: "low"/"high"/None, goal check for ours or None)
    (1, "streams held (of wanted)", lambda r: r[1]["held"], ",d", "high", None),
    (1, "open rate, streams/s", lambda r: r[1]["open_rate"], ",.0f", "high", None),
    (
        1,
        "server CPU per open, ms (≤ 1.5)",
        lambda r: r[1]["cpu_ms_per_open"],
        ".1f",
        "low",
        lambda v: v <= 1.5,
    ),
    (1, "RSS per stream, KB (≤ 30)", lambda r: r[1]["rss_kb_per_stream"], ".1f", "low", lambda v: v <= 30),
    (1, "OS threads per stream (0)", lambda r: r[1]["threads_per_stream"], ".3f", None, lambda v: v < 0.01),
    (
        1,
        "Redis conns, half → all open (const)",
        lambda r: f"{r[1]['redis_half']} → {r[1]['redis_after']}",
        "s",
        None,
        lambda v: int(v.split(" → ")[1]) <= int(v.split(" → ")[0]) + 2,
    ),
    (1, "server fds with streams open", lambda r: r[1]["fds_after"], ",d", "low", None),
    (
        1,
        "closing half of them: server busy, s (≤ 2)",
        lambda r: r[1]["close_busy_s"],
        ".1f",
        "low",
        lambda v: v <= 2,
    ),
    (2, "p50 publish→receipt, ms", lambda r: r[2]["p50_ms"], ".1f", "low", None),
    (2, "p99 publish→receipt, ms (≤ 5)", lambda r: r[2]["p99_ms"], ".1f", "low", lambda v: v <= 5),
    (2, "max, ms", lambda r: r[2]["max_ms"], ".0f", "low", None),
    (2, "lost / duplicated", lambda r: f"{r[2]['lost']} / {r[2]['duplicated']}", "s", None, None),
    (2, "server CPU, % of a core", lambda r: r[2]["server_cpu_percent"], ".0f", "low", None),
    (
        3,
        "delivered events/s (≥ 25,000)",
        lambda r: r[3]["delivered_per_s"],
        ",.0f",
        "high",
        lambda v: v >= 25000,
    ),
    (
        3,
        "lost / duplicated (0)",
        lambda r: f"{r[3]['lost']} / {r[3]['duplicated']}",
        "s",
        None,
        lambda v: v == "0 / 0",
    ),
    (3, "publish calls/s achieved", lambda r: r[3]["publish_rate"], ",.0f", "high", None),
    (3, "p99 publish→receipt, ms", lambda r: r[3]["p99_ms"], ",.0f", "low", None),
    (
        3,
        "server / load client CPU, % of a core",
        lambda r: f"{r[3]['server_cpu_percent']:.0f} / {r[3]['client_cpu_percent']:.0f}",
        "s",
        None,
        None,
    ),
    (4, "publish CPU per call, µs (≤ 100)", lambda r: r[4]["us_per_call"], ".0f", "low", lambda v: v <= 100),
    (
        5,
        "lost / duplicated (0 / 0)",
        lambda r: f"{r[5]['lost']} / {r[5]['duplicated']}",
        "s",
        None,
        lambda v: v == "0 / 0",
    ),
    (5, "resumed (of dropped)", lambda r: f"{r[5]['resumed']} / {r[5]['dropped']}", "s", None, None),
    (5, "resume p50, s (≤ 0.3)", lambda r: r[5]["resume_p50_s"], ".2f", "low", lambda v: v <= 0.3),
    (5, "resume p99, s (≤ 1)", lambda r: r[5]["resume_p99_s"], ".2f", "low", lambda v: v <= 1),
]


def table(results, systems, clients):
    """One row per figure; for each kind of client, a column per system, ours against each peer, goal."""
    short = {s: SYSTEMS[s]["label"].split(" (")[0] for s in systems}
    peers = [s for s in systems if s != "ours"] if "ours" in systems else []
    header = ["target", "figure"]
    for client in clients:
        tag = f" [{client}]" if len(clients) > 1 else ""
        header += [short[s] + tag for s in systems]
        header += [f"ours vs {short[p]}{tag}" for p in peers]
        if "ours" in systems:
            header.append(f"ours: goal{tag}")
    rows = []
    for target, label, get, spec, better, goal in ROWS:
        if not any(target in results.get(c, {}).get(s, {}) for c in clients for s in systems):
            continue
        cells = [str(target), label]
        for client in clients:
            values = {}
            for s in systems:
                try:
                    values[s] = get(results[client][s])
                except (KeyError, TypeError, ZeroDivisionError):
                    values[s] = None
                cells.append(fmt(values[s], spec))
            for p in peers:
                cells.append(ratio(values.get("ours"), values.get(p), better))
            if "ours" in systems:
                if goal is None or values.get("ours") is None:
                    cells.append("")
                else:
                    cells.append("met" if goal(values["ours"]) else "MISSED")
        rows.append(cells)
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        lines.append("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
    return "\n".join(lines)


def ratio(ours, peer, better):
    """How many times better ours is (> 1: ours better)."""
    if better is None or not isinstance(ours, int | float) or not isinstance(peer, int | float):
        return ""
    if any(math.isnan(v) for v in (ours, peer)):
        return ""
    if better == "low":
        return f"{peer / ours:.1f}×" if ours > 0 else "∞"
    return f"{ours / peer:.1f}×" if peer > 0 else "∞"


# --------------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="ours,peer1,peer2", help="systems, comma-separated")
    parser.add_argument("--clients", default="browser,bare",
                        help="kinds of client: browser (a browser's headers), bare (none)")  # fmt: skip
    parser.add_argument("--targets", default="1,2,3,4,5", help="targets, comma-separated")
    parser.add_argument("--streams", type=int, default=10_000, help="target 1: streams to hold")
    parser.add_argument("--streams-per-user", type=int, default=5, help="streams per user (1-3)")
    parser.add_argument("--load-streams", type=int, default=5_000, help="targets 2-3: streams")
    parser.add_argument("--load-rate", type=float, default=3_000, help="target 2: events/s delivered")
    parser.add_argument("--load-seconds", type=float, default=10, help="target 2: seconds of load")
    parser.add_argument("--saturate-per-user", type=int, default=30, help="target 3: events per user")
    parser.add_argument("--publishers", type=int, default=2, help="target 3: publisher processes")
    parser.add_argument("--calls", type=int, default=20_000, help="target 4: back-to-back calls")
    parser.add_argument("--storm-streams", type=int, default=1_000, help="target 5: streams (1/user)")
    parser.add_argument("--storm-events", type=int, default=10, help="target 5: events per user")
    parser.add_argument("--storm-rate", type=float, default=1_000, help="target 5: publishes/s")
    parser.add_argument("--concurrency", type=int, default=200, help="streams being opened at once")
    parser.add_argument("--open-deadline", type=float, default=150, help="seconds to open target 1")
    parser.add_argument("--publish-timeout", type=float, default=120, help="seconds per publish run")
    parser.add_argument("--settle", type=float, default=3, help="seconds before measuring memory")
    parser.add_argument("--idle-timeout", type=float, default=90, help="seconds to wait for idle")
    parser.add_argument("--profile", choices=["open", "close", "t2", "t3", "t4", "t5"],
                        help="py-spy the server in that phase (t4: the publisher)")  # fmt: skip
    parser.add_argument("--profile-out", help="keep py-spy's collapsed stacks in this file")
    parser.add_argument("--json", help="also write every figure as JSON to this file")
    args = parser.parse_args()
    systems = [s.strip() for s in args.only.split(",") if s.strip()]
    targets = {int(t) for t in args.targets.split(",") if t.strip()}
    clients = [c.strip() for c in args.clients.split(",") if c.strip()]
    if not set(systems) <= set(SYSTEMS) or not targets <= {1, 2, 3, 4, 5}:
        parser.error("--only takes ours,peer1,peer2; --targets takes 1-5")
    if not clients or not set(clients) <= set(loadclient.HEADERS):
        parser.error(f"--clients takes {','.join(loadclient.HEADERS)}")

    limits = raise_nofile_limit()
    tmp = Path(tempfile.mkdtemp(prefix="bench-compare-"))
    started = time.monotonic()
    print(f"temp dir {tmp}; RLIMIT_NOFILE {limits[0]}; systems {systems}; targets {sorted(targets)};"
          f" clients {clients}; load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")  # fmt: skip
    results, profiles = {}, {}
    with contextlib.ExitStack() as stack:
        stack.callback(shutil.rmtree, tmp, ignore_errors=True)
        base_env = dict(os.environ)
        base_env.update(
            DJANGO_SETTINGS_MODULE="bench.settings",
            DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
            REDIS_URL="redis://127.0.0.1:1/0",  # replaced per system
            PYTHONPATH=str(ROOT),
            SSE_MAX_STREAMS_PER_USER=str(args.streams_per_user * 2 + 2),
            LOG_LEVEL="WARNING",
        )
        run_checked([sys.executable, "manage.py", "migrate", "--noinput"], base_env, 300, "migrate")
        users = math.ceil(max(args.streams, args.load_streams) / args.streams_per_user)
        accounts = create_users_and_sessions(base_env, users + args.storm_streams + 1)
        cookie_of = dict(accounts)
        print(f"created {len(accounts)} users and sessions ({time.monotonic() - started:.0f} s)")
        try:
            runner = __import__("uvloop").run
        except ImportError:
            runner = asyncio.run
        for client in clients:
            results[client] = {}
            for system in systems:
                with contextlib.ExitStack() as inner:
                    redis_server = Redis(tmp / f"{system}-{client}" / "redis")
                    inner.callback(redis_server.stop)
                    redis_server.start()
                    env = server_env(system, base_env, redis_server.url)
                    server = Server(system, env, tmp / f"{system}-{client}.log")
                    inner.callback(server.stop)
                    server.start()
                    ctx = {
                        "args": args, "targets": targets, "system": system, "tmp": tmp, "server": server,
                        "redis": redis_server, "pub_env": env, "accounts": [a[0] for a in accounts],
                        "cookie_of": cookie_of, "client": client,
                    }  # fmt: skip
                    log(ctx, f"pid {server.process.pid}, port {server.port}")
                    try:
                        results[client][system] = runner(run_system(ctx))
                    except Exception as exc:  # a peer that falls over must not hide the others' figures
                        log(ctx, f"FAILED: {type(exc).__name__}: {exc}")
                        results[client][system] = {}
                    if "profile" in ctx:
                        profiles[(system, client)] = ctx["profile"]
                    tail = server.log_tail(800).strip()
                    if tail:
                        log(ctx, f"server log tail:\n{tail}")
        took = time.monotonic() - started
        print(f"\n{time.strftime('%Y-%m-%d')}, {os.cpu_count()} CPUs, {took:.0f} s in all;"
              " ratios: how many times better ours is (> 1 = ours better)\n")  # fmt: skip
        print(f"load average after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}\n")
        print(table(results, systems, clients))
        for (system, client), text in profiles.items():
            print(f"\nprofile ({system}, {client} client, {args.profile}):\n{text}")
        if args.json:
            Path(args.json).parent.mkdir(parents=True, exist_ok=True)
            Path(args.json).write_text(json.dumps({"args": vars(args), "results": results}, indent=1))


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up on SIGTERM as on Ctrl-C
    try:
        main()
    except KeyboardInterrupt:
        print("interrupted: everything started here was stopped", file=sys.stderr)
        sys.exit(130)
