"""Streams are gzip-compressed for clients that accept it, flushed per event (nothing held back)."""

import json
import zlib

import httpx

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
