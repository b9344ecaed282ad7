"""POST /api/v1/openings/<id>/batches, the jobs it starts, and GET /api/v1/batches/<id>."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from progress.sse_manager import sse_manager
from resumes.models import Batch, Opening


@pytest.fixture
def opening(alice):
    return Opening.objects.create(
        owner=alice, title="Backend engineer", required_skills=["Python", "PostgreSQL"],
        preferred_skills=["Docker"], min_years=2,
    )  # fmt: skip


def upload(client, opening, files):
    return client.post(f"/api/v1/openings/{opening.pk}/batches", {"files": files})


def as_upload(path):
    return SimpleUploadedFile(path.name, path.read_bytes())


def test_it_screens_every_file_and_ranks_them(client, alice, opening, samples, run_jobs):
    folder, answers = samples
    client.force_login(alice)
    body = upload(client, opening, [as_upload(folder / a["filename"]) for a in answers[:6]]).json()
    assert body["total"] == 6 and len(body["accepted"]) == 6 and body["rejected"] == []
    run_jobs()
    batch = client.get(body["status_url"]).json()
    assert batch["status"] == "completed" and batch["completed"] == 6 and batch["successful_files"] == 6
    scores = [r["score"] for r in batch["results"]]
    assert scores == sorted(scores, reverse=True)
    assert {r["email"] for r in batch["results"]} == {a["email"] for a in answers[:6]}


def test_progress_is_published_after_every_file_with_one_final_event(
    client, alice, opening, samples, run_jobs
):
    folder, answers = samples
    client.force_login(alice)
    upload(client, opening, [as_upload(folder / a["filename"]) for a in answers[:3]])
    run_jobs()
    events = [json.loads(e.data) for e in sse_manager.get_events(alice.pk)]
    assert [e["completed"] for e in events] == [0, 1, 2, 3, 3]
    assert [e["status"] for e in events].count("completed") == 1
    assert events[-1]["message"].startswith("All files processed") and len(events[-1]["results"]) == 3
    assert events[1]["message"].startswith("Processed 1 of 3: ")


def test_a_broken_file_fails_alone_with_its_reason(client, alice, opening, samples, run_jobs):
    folder, answers = samples
    client.force_login(alice)
    files = [
        as_upload(folder / answers[0]["filename"]),
        SimpleUploadedFile("empty.pdf", b""),
        SimpleUploadedFile("page.pdf", b"<!DOCTYPE html><html><body>hi</body></html>"),
        SimpleUploadedFile("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage"),
    ]
    body = upload(client, opening, files).json()
    assert {r["name"] for r in body["rejected"]} == {"empty.pdf", "page.pdf"}
    run_jobs()
    batch = client.get(body["status_url"]).json()
    by_name = {r["filename"]: r for r in batch["results"]}
    assert batch["status"] == "completed" and batch["successful_files"] == 1 and batch["failed_files"] == 3
    assert by_name["broken.pdf"]["status"] == "failed" and by_name["broken.pdf"]["error"]
    assert by_name["empty.pdf"]["error"] == "The file is empty."


def test_a_zip_of_resumes_is_screened_file_by_file(client, alice, opening, samples, run_jobs):
    folder, answers = samples
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for answer in answers[:2]:
            archive.write(folder / answer["filename"], answer["filename"])
        archive.writestr("../escape.txt", "Jane Doe, Python")
    client.force_login(alice)
    body = upload(client, opening, [SimpleUploadedFile("cvs.zip", buffer.getvalue())]).json()
    assert sorted(body["accepted"]) == sorted(a["filename"] for a in answers[:2])
    assert len(body["rejected"]) == 1
    run_jobs()
    assert Batch.objects.get(pk=body["batch_id"]).successful == 2


def test_another_user_can_neither_read_nor_change_the_batch(client, alice, bob, opening, samples, run_jobs):
    folder, answers = samples
    client.force_login(alice)
    body = upload(client, opening, [as_upload(folder / answers[0]["filename"])]).json()
    client.force_login(bob)
    batch_url = body["status_url"]
    assert client.get(batch_url).status_code == 404
    assert client.get(batch_url + "/results.csv").status_code == 404
    assert client.post(batch_url + "/cancel").status_code == 404
    assert client.post(batch_url + "/retry").status_code == 404
    assert upload(client, opening, [as_upload(folder / answers[0]["filename"])]).status_code == 404


def test_an_upload_without_files_gets_a_json_400(client, alice, opening):
    client.force_login(alice)
    response = client.post(f"/api/v1/openings/{opening.pk}/batches", {})
    assert response.status_code == 400 and response.json()["error"] == "no_files"


def test_anonymous_uploads_get_401(client, opening):
    assert upload(client, opening, [SimpleUploadedFile("a.txt", b"x")]).status_code == 401


def test_cancel_stops_queued_files_and_ends_the_batch_cancelled(client, alice, opening, samples, run_jobs):
    folder, answers = samples
    client.force_login(alice)
    body = upload(client, opening, [as_upload(folder / a["filename"]) for a in answers[:3]]).json()
    assert client.post(body["status_url"] + "/cancel").json()["cancelled"] == 3
    run_jobs()
    batch = client.get(body["status_url"]).json()
    assert batch["status"] == "cancelled"
    assert {r["status"] for r in batch["results"]} == {"cancelled"}
    assert sse_manager.get_progress(alice.pk)["status"] == "cancelled"


def test_the_csv_lists_files_in_rank_order_with_formulas_defused(client, alice, opening, run_jobs):
    client.force_login(alice)
    files = [SimpleUploadedFile("=cmd.txt", b"Jane Doe\njane@example.com\nPython PostgreSQL Docker\n")]
    body = upload(client, opening, files).json()
    run_jobs()
    lines = client.get(body["status_url"] + "/results.csv").content.decode().splitlines()
    assert lines[0].startswith("rank,filename") and lines[1].startswith("1,'=cmd.txt")


def test_an_upload_without_the_csrf_token_is_refused(alice, opening):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = upload(client, opening, [SimpleUploadedFile("cv.txt", b"Jane Doe, Python")])
    assert response.status_code == 403 and not Batch.objects.exists()


def test_an_upload_with_the_csrf_token_is_accepted(alice, opening):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    client.get("/accounts/login/")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.post(
        f"/api/v1/openings/{opening.pk}/batches",
        {"files": [SimpleUploadedFile("cv.txt", b"Jane Doe, Python")]},
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 202
