"""The admin: batches with a progress bar and links to their resumes, read-only resumes, the RQ link."""

import pytest
from django.contrib.auth import get_user_model

from tests.fixtures_pages import *  # noqa: F403 (the fixtures opening, finished_batch, running_batch)


@pytest.fixture
def admin_client(client, transactional_db):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.com", "pw"))
    return client


def test_it_lists_batches_with_a_progress_bar_and_a_link_to_their_resumes(admin_client, finished_batch):
    body = admin_client.get("/admin/resumes/batch/").content.decode()
    assert '<progress max="3" value="3"' in body
    assert f'href="/admin/resumes/resume/?batch__id__exact={finished_batch.pk}"' in body


def test_it_filters_batches_by_status(admin_client, finished_batch):
    assert "?status__exact=completed" in admin_client.get("/admin/resumes/batch/").content.decode()
    body = admin_client.get("/admin/resumes/batch/?status__exact=queued").content.decode()
    assert str(finished_batch.pk) not in body


def test_it_lists_a_batchs_resumes_from_the_link(admin_client, finished_batch):
    response = admin_client.get(f"/admin/resumes/resume/?batch__id__exact={finished_batch.pk}")
    assert response.status_code == 200 and "3 resumes" in response.content.decode()


def test_it_shows_a_resume_read_only_with_parsed_data_and_its_error(admin_client, finished_batch):
    failed = finished_batch.resumes.get(original_name="broken.pdf")
    done = finished_batch.resumes.get(original_name="middling.pdf")
    body = admin_client.get(f"/admin/resumes/resume/{failed.pk}/change/").content.decode()
    assert "The PDF could not be read." in body and 'name="_save"' not in body
    body = admin_client.get(f"/admin/resumes/resume/{done.pk}/change/").content.decode()
    assert "&quot;email&quot;: &quot;mid@example.com&quot;" in body


def test_it_escapes_file_names_in_the_admin(admin_client, finished_batch):
    body = admin_client.get("/admin/resumes/resume/").content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;.pdf" in body and "<img src=x" not in body


def test_it_links_the_rq_dashboard_from_the_admin_index(admin_client):
    body = admin_client.get("/admin/").content.decode()
    assert 'href="/django-rq/"' in body
    assert admin_client.get("/django-rq/").status_code == 200


def test_staff_edit_an_openings_skills_as_comma_separated_text(admin_client, opening):
    url = f"/admin/resumes/opening/{opening.pk}/change/"
    assert 'value="Python, PostgreSQL"' in admin_client.get(url).content.decode()
    form = {"owner": opening.owner_id, "title": "Backend", "description": "", "min_years": "1",
            "required_skills": "Go, Rust", "preferred_skills": ""}  # fmt: skip
    assert admin_client.post(url, form).status_code == 302
    opening.refresh_from_db()
    assert opening.required_skills == ["Go", "Rust"]


def test_staff_cannot_store_a_skill_with_a_nul_character_through_the_admin(admin_client, opening):
    url = f"/admin/resumes/opening/{opening.pk}/change/"
    form = {"owner": opening.owner_id, "title": "Backend", "description": "", "min_years": "1",
            "required_skills": "Py\x00thon", "preferred_skills": ""}  # fmt: skip
    assert admin_client.post(url, form).status_code == 200
    opening.refresh_from_db()
    assert opening.required_skills == ["Python", "PostgreSQL"]
