"""Streams are gzip-compressed for clients that accept it, flushed per event (nothing held back).

Small events go out as stored deflate blocks, large ones compressed alone (progress/compression.py).
"""

import json
import struct
import zlib

import httpx

from progress.compression import gzip_encoder
from progress.sse_manager import sse_manager

RESULTS = [
    {"resume_id": n, "filename": f"cv-{n}.pdf", "status": "done", "score": 90 - n % 40, "name": "Jane Doe",
     "email": f"jane{n}@example.com", "matched_skills": ["Python", "Django"], "missing_skills": ["Go"]}
    for n in range(200)
]  # fmt: skip


def read_raw_until(response, marker, decoder=None, chunks=None):
    """Raw bytes off the wire (after chunked decoding) until the decoded text contains `marker`."""
    raw, text = 0, b""
    for chunk in chunks or response.iter_raw():
        raw += len(chunk)
        text += decoder.decompress(chunk) if decoder else chunk
        if marker in text:
            return raw, text
    raise AssertionError("stream ended")


def open_raw(server, user, cookies, accept_encoding):
    client = httpx.Client(base_url=server.url, cookies=cookies, timeout=10)
    headers = {"Accept-Encoding": accept_encoding}
    return client, client.stream("GET", f"/api/v1/sse/progress/stream/{user.pk}", headers=headers)


def test_a_large_final_event_is_compressed_on_the_wire(app_server, alice, cookies_for):
    client, request = open_raw(app_server, alice, cookies_for(alice), "gzip, deflate, br")
    with client, request as response:
        assert response.headers["content-encoding"] == "gzip"
        sse_manager.update_progress(alice.pk, {"status": "completed", "results": RESULTS})
        raw, text = read_raw_until(response, b'"status":"completed"', zlib.decompressobj(16 + zlib.MAX_WBITS))
        data = json.loads(text.split(b"data: ", 1)[1].split(b"\n", 1)[0])
    assert data["results"] == RESULTS
    assert raw * 10 < len(text)


def test_each_event_can_be_read_as_soon_as_it_is_sent(app_server, alice, cookies_for):
    client, request = open_raw(app_server, alice, cookies_for(alice), "gzip")
    with client, request as response:
        decoder, chunks = zlib.decompressobj(16 + zlib.MAX_WBITS), response.iter_raw()
        for n in range(3):
            sse_manager.update_progress(alice.pk, {"completed": n})
            read_raw_until(response, f'"completed":{n}'.encode(), decoder, chunks)


def test_clients_that_do_not_accept_gzip_get_plain_text(app_server, alice, cookies_for):
    client, request = open_raw(app_server, alice, cookies_for(alice), "identity")
    with client, request as response:
        assert "content-encoding" not in response.headers
        sse_manager.update_progress(alice.pk, {"completed": 1})
        read_raw_until(response, b'"completed":1')


def test_small_and_large_writes_read_as_one_gzip_stream_each_on_arrival():
    encode, decoder = gzip_encoder(compress_from=100_000), zlib.decompressobj(16 + zlib.MAX_WBITS)
    results = json.dumps(RESULTS * 5).encode()  # compressed
    writes = [b"retry: 3000\n\n", b"x" * 200, results, b": keep-alive\n\n", b"y" * 70_000, b"z" * 9]
    for write in writes:
        assert decoder.decompress(encode(write)) == write


def test_writes_below_the_threshold_go_out_as_they_are():
    encode = gzip_encoder(compress_from=1024)
    encode(b"retry: 3000\n\n")
    event = b'event: progress\nid: 7\ndata: {"completed":3}\n\n'
    assert encode(event) == b"\x00" + struct.pack("<HH", len(event), len(event) ^ 0xFFFF) + event
