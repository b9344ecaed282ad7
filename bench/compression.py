"""What each way of compressing a stream costs: memory per open stream, bytes on the wire, CPU per event.

    .venv/bin/python bench/compression.py [--streams 10000] [--files 50]

For each encoder: `--streams` streams are started in this process and each is sent one batch, as a job
sends it (queued, one event per file, the final event with the ranked results), so that whatever state
an encoder keeps has been written to (a zlib window that saw a few events only is not resident yet);
the RSS they add is divided by their number (each encoder in a fresh process, so that memory freed by
one is not reused by the next). The bytes that would go on the wire are added up over one stream, with
the CPU per progress event. Prints a Markdown table. No server, no Redis: the encoders only.
"""

import argparse
import gc
import json
import os
import subprocess
import sys
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from progress import sse  # noqa: E402
from progress.compression import gzip_encoder  # noqa: E402

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def rss():
    return int(Path("/proc/self/statm").read_text().split()[1]) * PAGE_SIZE


def shared_window(wbits, mem_level):
    """One zlib stream per SSE response, flushed per write (the encoder before this measurement)."""

    def make():
        compressor = zlib.compressobj(6, zlib.DEFLATED, 16 + wbits, mem_level)

        def compress(data):
            return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)

        return compress

    return make


def identity():
    return lambda data: data


ENCODERS = {
    "none (identity)": identity,
    "gzip, one zlib stream per response, wbits 12, memLevel 3 (before)": shared_window(12, 3),
    "gzip, one zlib stream per response, wbits 10, memLevel 2": shared_window(10, 2),
    "gzip, one zlib stream per response, wbits 9, memLevel 1": shared_window(9, 1),
    "gzip, events < 1 KB stored, larger ones compressed alone (after)": gzip_encoder,
}


def batch_events(files):
    """The events of one batch of `files` files, as resumes/jobs.py publishes them."""
    base = {"batch_id": "0b8f5a8e-6c1e-4d5b-9a53-3f0c3b1e2a77", "total": files, "successful_files": 0,
            "failed_files": 0}  # fmt: skip
    events = [{**base, "completed": 0, "status": "queued", "message": "Queued", "current_file": None}]
    for n in range(1, files + 1):
        events.append({**base, "completed": n, "status": "processing", "successful_files": n,
                       "message": f"Screened cv-{n:03d}.pdf", "current_file": f"cv-{n:03d}.pdf"})  # fmt: skip
    results = [
        {"resume_id": n, "filename": f"cv-{n:03d}.pdf", "status": "done", "score": 95 - n % 60,
         "name": f"Candidate {n}", "email": f"candidate{n}@example.com", "phone": "+44 20 7946 0000",
         "links": [f"https://github.com/candidate{n}"], "matched_skills": ["Python", "Django", "SQL"],
         "missing_skills": ["Kubernetes"], "years": 3 + n % 9}
        for n in range(1, files + 1)
    ]  # fmt: skip
    message = f"All files processed: {files} screened, 0 failed"
    events.append({**base, "completed": files, "status": "completed", "successful_files": files,
                   "message": message, "results": results})  # fmt: skip
    return [
        sse.encode_event("progress", json.dumps(e, separators=(",", ":")).encode(), 1_700_000_000_000_000 + i)
        for i, e in enumerate(events)
    ]


def memory_per_stream(make, streams, frames):
    gc.collect()
    before = rss()
    opened = []
    for _ in range(streams):
        encode = make()
        encode(sse.encode_retry(3000))
        for frame in frames:
            encode(frame)
        opened.append(encode)
    gc.collect()
    return (rss() - before) / streams


def measure(name, make, streams, frames, files):
    memory = subprocess.run(
        [sys.executable, __file__, "--memory-of", name, "--streams", str(streams), "--files", str(files)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    per_stream = float(memory)
    encode = make()
    wire = len(encode(sse.encode_retry(3000)))
    progress_bytes, started = 0, time.process_time()
    for frame in frames[:-1]:
        progress_bytes += len(encode(frame))
    progress_cpu = (time.process_time() - started) / (len(frames) - 1)
    final = len(encode(frames[-1]))
    return {
        "kb_per_stream": per_stream / 1024,
        "progress_bytes": progress_bytes / (len(frames) - 1),
        "plain_progress_bytes": sum(map(len, frames[:-1])) / (len(frames) - 1),
        "final_bytes": final,
        "plain_final_bytes": len(frames[-1]),
        "us_per_event": 1e6 * progress_cpu,
        "wire": wire + progress_bytes + final,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streams", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=50)
    parser.add_argument("--memory-of", help=argparse.SUPPRESS)  # one encoder's memory, in a child
    args = parser.parse_args()
    frames = batch_events(args.files)
    if args.memory_of:
        print(memory_per_stream(ENCODERS[args.memory_of], args.streams, frames))
        return
    print(f"{args.streams:,} streams; one batch of {args.files} files ({len(frames)} events)\n")
    print("| encoder | memory per open stream, KB | progress event, bytes on the wire (plain) "
          "| final event, bytes (plain) | whole batch, bytes | CPU per progress event, µs |")  # fmt: skip
    print("|---|---|---|---|---|---|")
    for name, make in ENCODERS.items():
        r = measure(name, make, args.streams, frames, args.files)
        cells = [name, f"{r['kb_per_stream']:.1f}",
                 f"{r['progress_bytes']:.0f} ({r['plain_progress_bytes']:.0f})",
                 f"{r['final_bytes']:,} ({r['plain_final_bytes']:,})", f"{r['wire']:,}",
                 f"{r['us_per_event']:.1f}"]  # fmt: skip
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
