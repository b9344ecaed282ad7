"""GET /api/v1/batches/<id>/files/<resume_id>/original: the uploaded file, harmless in our origin."""

import pytest

from resumes.models import Resume
from tests.fixtures_pages import *  # noqa: F403 (the fixtures opening, stored_batch; PDF)
from tests.fixtures_pages import PDF, TEXT


def original_url(batch, resume):
    return f"/api/v1/batches/{batch.pk}/files/{resume.pk}/original"


@pytest.fixture
def text_resume(stored_batch):
    return stored_batch.resumes.get(detected_type="txt")


@pytest.fixture
def pdf_resume(stored_batch):
    return stored_batch.resumes.get(detected_type="pdf")


def test_the_owner_downloads_the_pdf_as_it_was_uploaded(client, alice, stored_batch, pdf_resume):
    client.force_login(alice)
    response = client.get(original_url(stored_batch, pdf_resume))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF.read_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="scan.pdf"'


def test_it_is_served_so_that_nothing_in_it_can_run(client, alice, stored_batch, text_resume):
    client.force_login(alice)
    response = client.get(original_url(stored_batch, text_resume))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert b"".join(response.streaming_content) == TEXT.encode()


def test_the_file_name_is_cleaned_and_ends_in_the_real_types_extension(
    client, alice, stored_batch, text_resume
):
    client.force_login(alice)
    response = client.get(original_url(stored_batch, text_resume))
    assert response["Content-Disposition"] == 'attachment; filename="Jane _CV.txt"'


def test_a_file_claiming_another_type_gets_the_detected_one(client, alice, stored_batch, text_resume):
    Resume.objects.filter(pk=text_resume.pk).update(original_name="evil.html")
    client.force_login(alice)
    response = client.get(original_url(stored_batch, text_resume))
    assert response["Content-Type"].startswith("text/plain")
    assert response["Content-Disposition"] == 'attachment; filename="evil.txt"'


def test_a_name_in_another_script_is_kept_encoded(client, alice, stored_batch, pdf_resume):
    Resume.objects.filter(pk=pdf_resume.pk).update(original_name="Zoë Müller\r\n/../x.pdf")
    client.force_login(alice)
    response = client.get(original_url(stored_batch, pdf_resume))
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''Zo%C3%AB%20M%C3%BCller___.._x.pdf"


def test_staff_may_download_it(client, staff, stored_batch, pdf_resume):
    client.force_login(staff)
    assert client.get(original_url(stored_batch, pdf_resume)).status_code == 200


def test_another_user_gets_the_same_404_as_for_the_batch(client, bob, stored_batch, pdf_resume):
    client.force_login(bob)
    response = client.get(original_url(stored_batch, pdf_resume))
    assert response.status_code == 404 and response.json()["error"] == "not_found"
    assert client.get(f"/api/v1/batches/{stored_batch.pk}").status_code == 404


def test_a_file_of_another_batch_is_not_found(client, alice, stored_batch, finished_batch):
    client.force_login(alice)
    other = finished_batch.resumes.first()
    assert client.get(original_url(stored_batch, other)).status_code == 404


def test_a_file_rejected_at_intake_has_no_original(client, alice, finished_batch):
    client.force_login(alice)
    rejected = finished_batch.resumes.get(original_name="broken.pdf")
    assert client.get(original_url(finished_batch, rejected)).status_code == 404


def test_the_batch_json_gives_each_stored_files_url(client, alice, stored_batch, text_resume):
    client.force_login(alice)
    results = client.get(f"/api/v1/batches/{stored_batch.pk}").json()["results"]
    assert results[0]["original_url"] == original_url(stored_batch, text_resume)
    assert client.get(results[1]["original_url"]).status_code == 200


def test_the_batch_page_links_each_original(client, alice, stored_batch, text_resume):
    client.force_login(alice)
    body = client.get(f"/batches/{stored_batch.pk}/").content.decode()
    assert f'href="{original_url(stored_batch, text_resume)}"' in body


def test_an_id_too_large_for_the_database_is_not_found(client, alice, stored_batch):
    client.force_login(alice)
    huge = "9" * 30
    assert client.get(f"/api/v1/batches/{stored_batch.pk}/files/{huge}/original").status_code == 404
    assert client.get(f"/batches/{stored_batch.pk}/files/{huge}/").status_code == 404
