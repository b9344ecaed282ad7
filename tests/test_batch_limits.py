"""Every upload and extraction limit, through POST /api/v1/openings/<id>/batches and the jobs it starts.

Each hit fails that one file with its reason; the other file of the batch is screened and the batch
completes. Limits are lowered with the `settings` fixture where the defaults would need huge files.
"""

import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resumes import archive
from resumes.models import Batch, Opening
from tests.fixtures_pipeline import PDFMINER_SAMPLES, inflating_pdf, sample_of_layout, scanned_pdf

MB = 1024 * 1024


@pytest.fixture
def opening(alice):
    return Opening.objects.create(owner=alice, title="Backend engineer", required_skills=["Python"])


@pytest.fixture
def good_file(samples):
    path, _ = sample_of_layout(samples, "pdf_one_column")
    return SimpleUploadedFile("good.pdf", path.read_bytes())


@pytest.fixture
def screen_batch(client, alice, opening, good_file, run_jobs):
    """Upload `files` with a good resume, run the jobs; return the files' results by name."""

    def upload_and_run(*files):
        client.force_login(alice)
        body = client.post(f"/api/v1/openings/{opening.pk}/batches", {"files": [good_file, *files]}).json()
        run_jobs()
        batch = client.get(body["status_url"]).json()
        assert batch["status"] == "completed" and batch["completed"] == batch["total"]
        results = {result["filename"]: result for result in batch["results"]}
        assert results["good.pdf"]["status"] == "done"
        return results

    return upload_and_run


def zip_upload(name, members, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as zipped:
        for member_name, data in members.items():
            zipped.writestr(zipfile.ZipInfo(member_name), data, compress_type=compression)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_it_fails_a_file_over_10_mb(screen_batch):
    results = screen_batch(SimpleUploadedFile("huge.txt", b"Python " * (10 * MB // 7 + 1)))
    assert results["huge.txt"]["status"] == "failed"
    assert results["huge.txt"]["error"] == "The file is larger than 10 MB."


def test_the_file_size_limit_is_a_setting(screen_batch, settings):
    settings.RESUME_MAX_FILE_BYTES = 50 * 1024
    results = screen_batch(SimpleUploadedFile("long.txt", b"Python " * 10_000))
    assert results["long.txt"]["error"] == "The file is larger than 50 KB."


def test_more_than_500_files_are_refused_with_a_json_400(client, alice, opening):
    client.force_login(alice)
    files = [SimpleUploadedFile(f"cv{n}.txt", b"Jane Doe, Python") for n in range(501)]
    response = client.post(f"/api/v1/openings/{opening.pk}/batches", {"files": files})
    assert response.status_code == 400
    assert response.json() == {"error": "too_many_files", "detail": "At most 500 files per batch."}
    assert not Batch.objects.exists()


def test_500_files_make_one_batch(client, alice, opening):
    client.force_login(alice)
    files = [SimpleUploadedFile(f"cv{n}.txt", b"Jane Doe, Python") for n in range(500)]
    response = client.post(f"/api/v1/openings/{opening.pk}/batches", {"files": files})
    assert response.status_code == 202 and response.json()["total"] == 500


def test_the_number_of_files_is_a_setting(client, alice, opening, settings):
    settings.RESUME_MAX_FILES = 2
    client.force_login(alice)
    files = [SimpleUploadedFile(f"cv{n}.txt", b"Jane Doe, Python") for n in range(3)]
    response = client.post(f"/api/v1/openings/{opening.pk}/batches", {"files": files})
    assert response.status_code == 400 and response.json()["detail"] == "At most 2 files per batch."


def test_it_fails_a_zip_with_too_many_entries(screen_batch, settings):
    settings.RESUME_ZIP_MAX_ENTRIES = 2
    results = screen_batch(zip_upload("three.zip", {f"cv{n}.txt": b"Jane Doe, Python" for n in range(3)}))
    assert results["three.zip"]["error"] == "the ZIP archive has 3 files; at most 2 are allowed"


def test_the_total_uncompressed_size_is_judged_from_the_listing_before_extracting(
    screen_batch, settings, monkeypatch
):
    settings.RESUME_ZIP_MAX_TOTAL_BYTES = 2 * MB

    def must_not_extract(*args):
        raise AssertionError("a member was extracted")

    monkeypatch.setattr(archive, "_extract_member", must_not_extract)
    members = {
        f"cv{n}.txt": os.urandom(MB // 2).hex().encode() for n in range(3)
    }  # 3 MB, barely compressible
    results = screen_batch(zip_upload("big.zip", members))
    assert results["big.zip"]["error"] == "the ZIP archive would unpack to 3.0 MB; at most 2.0 MB is allowed"


def test_it_fails_a_zip_bomb_alone(screen_batch, samples):
    folder, answers = samples
    members = {"bomb.txt": b"\0" * (9 * MB), "cv.pdf": (folder / answers[0]["filename"]).read_bytes()}
    results = screen_batch(zip_upload("cvs.zip", members))
    assert results["bomb.txt"]["status"] == "failed"
    assert "more than the 100 to 1 allowed (a possible ZIP bomb)" in results["bomb.txt"]["error"]
    assert results["cv.pdf"]["status"] == "done"


def test_the_compression_ratio_is_a_setting(screen_batch, settings):
    settings.RESUME_ZIP_MAX_RATIO = 2
    results = screen_batch(zip_upload("cvs.zip", {"cv.txt": b"Jane Doe, Python. " * 1000}))
    assert "more than the 2 to 1 allowed" in results["cv.txt"]["error"]


def test_dot_dot_and_absolute_paths_in_a_zip_fail_alone(screen_batch):
    members = {
        "../../escape.txt": b"Jane Doe",
        "/etc/cron.d/job.txt": b"Jane Doe",
        "ok/cv.txt": b"Jane, Python",
    }
    results = screen_batch(zip_upload("paths.zip", members))
    unsafe = "unsafe path in the archive (absolute or containing '..'); the file was not extracted"
    assert results["escape.txt"]["error"] == unsafe and results["job.txt"]["error"] == unsafe
    assert results["cv.txt"]["status"] == "done"


def test_a_zip_inside_a_zip_fails_alone_whatever_its_name(screen_batch):
    inner = zip_upload("inner.zip", {"cv.txt": b"Jane Doe, Python"}).read()
    results = screen_batch(zip_upload("outer.zip", {"inner.zip": inner, "disguised.pdf": inner}))
    nested = "archives inside archives are not unpacked; upload that archive on its own"
    assert results["inner.zip"]["error"] == nested and results["disguised.pdf"]["error"] == nested


def test_it_fails_a_pdf_that_takes_too_long_to_read(screen_batch, settings, tmp_path):
    settings.RESUME_EXTRACT_TIMEOUT_SECONDS = 0.3
    slow = scanned_pdf(tmp_path / "slow.pdf", pages=3)
    results = screen_batch(SimpleUploadedFile("slow.pdf", slow.read_bytes()))
    assert results["slow.pdf"]["error"] == "extraction took longer than 0.3 s"


def test_it_fails_a_pdf_bomb_within_the_memory_limit(screen_batch, settings, tmp_path):
    settings.RESUME_EXTRACT_MEMORY_BYTES = 64 * MB
    bomb = inflating_pdf(tmp_path / "bomb.pdf", 256 * MB)
    assert bomb.stat().st_size < MB
    results = screen_batch(SimpleUploadedFile("bomb.pdf", bomb.read_bytes()))
    assert results["bomb.pdf"]["status"] == "failed"
    assert results["bomb.pdf"]["error"] in (
        "extraction exceeded the 64 MB memory limit",
        "extraction took longer than 30 s",
    )


def test_it_fails_a_corrupt_pdf(screen_batch, samples):
    path, _ = sample_of_layout(samples, "pdf_two_column")
    results = screen_batch(SimpleUploadedFile("truncated.pdf", path.read_bytes()[:300]))
    assert results["truncated.pdf"]["error"].startswith("the PDF file is damaged or not valid")


def test_it_fails_an_encrypted_pdf(screen_batch):
    locked = (PDFMINER_SAMPLES / "encryption_aes-256.pdf").read_bytes()
    results = screen_batch(SimpleUploadedFile("locked.pdf", locked))
    assert results["locked.pdf"]["error"].startswith("encrypted PDF: it needs a password")
    assert results["locked.pdf"]["flags"] == ["encrypted"]


def test_it_fails_a_zero_byte_file(screen_batch):
    assert screen_batch(SimpleUploadedFile("empty.pdf", b""))["empty.pdf"]["error"] == "The file is empty."


def test_it_fails_an_html_page_named_pdf(screen_batch):
    results = screen_batch(SimpleUploadedFile("cv.pdf", b"<!DOCTYPE html><html><body>Jane</body></html>"))
    assert results["cv.pdf"]["error"] == "the file is a web page (HTML); HTML is not a resume format we read"
