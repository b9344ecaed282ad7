"""GET /metrics: Prometheus text for staff or a scraper with the token."""

import httpx
from django.core.files.uploadedfile import SimpleUploadedFile

from progress.sse_manager import sse_manager
from tests.sse_client import SSEStream


def metric(text, name):
    """The sum of every sample of `name` in a Prometheus text exposition."""
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith(name) and line[len(name)] in " {"
    )


def test_it_counts_streams_and_delivered_events(app_server, alice, staff, cookies_for):
    before = httpx.get(f"{app_server.url}/metrics", cookies=cookies_for(staff)).text
    stream = SSEStream(app_server.url, f"/api/v1/sse/progress/stream/{alice.pk}", cookies=cookies_for(alice))
    sse_manager.update_progress(alice.pk, {"completed": 1})
    stream.next_event()
    during = httpx.get(f"{app_server.url}/metrics", cookies=cookies_for(staff)).text
    stream.close()
    assert metric(during, "sse_streams_open") == metric(before, "sse_streams_open") + 1
    assert metric(during, "sse_streams_opened_total") == metric(before, "sse_streams_opened_total") + 1
    assert metric(during, "sse_events_delivered_total") >= metric(before, "sse_events_delivered_total") + 1
    assert metric(during, "sse_delivery_lag_seconds_count") >= 1


def test_it_is_refused_to_normal_users(client, alice):
    client.force_login(alice)
    assert client.get("/metrics").status_code == 403


def test_a_scraper_with_the_token_gets_in(client, settings):
    settings.METRICS_TOKEN = "s3cret-token"
    response = client.get("/metrics", headers={"Authorization": "Bearer s3cret-token"})
    assert response.status_code == 200 and b"progress_events_published_total" in response.content


def test_a_wrong_token_is_refused(client, settings):
    settings.METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics", headers={"Authorization": "Bearer guess"}).status_code == 401


def test_a_token_with_non_ascii_characters_is_refused_not_an_error(app_server, start_server):
    server = start_server(METRICS_TOKEN="s3cret-token")
    response = httpx.get(f"{server.url}/metrics", headers={"Authorization": b"Bearer s3cr\xe9t"})
    assert response.status_code == 401


def test_it_counts_screened_files_and_their_time(client, staff, alice, samples, run_jobs):
    from resumes.models import Opening

    folder, answers = samples
    opening = Opening.objects.create(owner=alice, title="Backend", required_skills=["Python"])
    client.force_login(staff)
    before = client.get("/metrics").content.decode()
    client.force_login(alice)
    paths = [folder / answer["filename"] for answer in answers[:2]]
    files = [SimpleUploadedFile(path.name, path.read_bytes()) for path in paths]
    client.post(
        f"/api/v1/openings/{opening.pk}/batches", {"files": files + [SimpleUploadedFile("e.pdf", b"")]}
    )
    run_jobs()
    client.force_login(staff)
    after = client.get("/metrics").content.decode()
    done = 'screening_files_total{outcome="done"}'
    assert metric(after, done) == metric(before, done) + 2
    assert metric(after, "screening_file_seconds_count") == metric(before, "screening_file_seconds_count") + 2
    assert (
        metric(after, "screening_batch_seconds_count") == metric(before, "screening_batch_seconds_count") + 1
    )
