"""The home page's list of openings, and creating and editing one (skills typed comma-separated)."""

from resumes.models import Opening
from tests.fixtures_pages import *  # noqa: F403 (the fixtures opening, finished_batch, running_batch)


def test_it_lists_only_the_users_own_openings(client, alice, bob, opening):
    Opening.objects.create(owner=bob, title="Bob's secret opening")
    client.force_login(alice)
    body = client.get("/").content.decode()
    assert "Backend engineer" in body and "Bob&#x27;s secret opening" not in body
    assert f'href="/openings/{opening.pk}/upload/"' in body


def test_it_creates_an_opening_from_comma_separated_skills(client, alice):
    client.force_login(alice)
    response = client.post(
        "/openings/new/",
        {"title": "Data engineer", "description": "", "required_skills": "Python, SQL,  Spark ,",
         "preferred_skills": "", "min_years": "3"},
    )  # fmt: skip
    created = Opening.objects.get(title="Data engineer")
    assert created.owner == alice and created.required_skills == ["Python", "SQL", "Spark"]
    assert created.min_years == 3 and response["Location"] == f"/openings/{created.pk}/upload/"


def test_it_shows_a_missing_title_as_an_error(client, alice):
    client.force_login(alice)
    response = client.post("/openings/new/", {"title": "", "required_skills": "Python"})
    assert response.status_code == 200 and "This field is required." in response.content.decode()


def test_it_shows_the_skills_comma_separated_when_editing(client, alice, opening):
    client.force_login(alice)
    body = client.get(f"/openings/{opening.pk}/edit/").content.decode()
    assert 'value="Python, PostgreSQL"' in body and 'value="Docker"' in body


def test_it_saves_an_edited_opening(client, alice, opening):
    client.force_login(alice)
    client.post(
        f"/openings/{opening.pk}/edit/",
        {"title": "Senior backend engineer", "required_skills": "Go", "min_years": "5"},
    )
    opening.refresh_from_db()
    assert opening.title == "Senior backend engineer" and opening.required_skills == ["Go"]


def test_it_answers_404_for_someone_elses_opening(client, bob, opening):
    client.force_login(bob)
    assert client.get(f"/openings/{opening.pk}/edit/").status_code == 404
    assert client.post(f"/openings/{opening.pk}/edit/", {"title": "Mine now"}).status_code == 404


def test_it_refuses_a_skill_with_a_nul_character(client, alice, opening):
    client.force_login(alice)
    response = client.post(f"/openings/{opening.pk}/edit/", {"title": "T", "required_skills": "Py\x00thon"})
    assert response.status_code == 200 and "NUL character" in response.content.decode()
    opening.refresh_from_db()
    assert opening.required_skills == ["Python", "PostgreSQL"]
