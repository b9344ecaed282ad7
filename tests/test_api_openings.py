"""POST /api/v1/openings: what the body may hold, and what is refused at the door (nothing stored)."""

import json

import pytest

from resumes.models import Opening


@pytest.fixture
def post(client, alice):
    client.force_login(alice)

    def post_(body):
        data = body if isinstance(body, str) else json.dumps(body)
        return client.post("/api/v1/openings", data, content_type="application/json")

    return post_


def refused(response):
    return response.status_code == 400 and set(response.json()) == {"error", "detail"}


def test_it_creates_an_opening(post, alice):
    response = post({"title": "Backend", "required_skills": ["Python"], "min_years": 2})
    assert response.status_code == 201
    assert Opening.objects.get(owner=alice).required_skills == ["Python"]


@pytest.mark.parametrize(
    "body",
    [
        '{"title": "Backend", "required_skills": ["\\udfff"]}',
        '{"title": "Backend", "preferred_skills": ["ok", "\\ud800x"]}',
        '{"title": "Back\\udfffend"}',
        '{"title": "Backend", "description": "\\udfff"}',
        '{"title": "Backend", "\\udfff": 1}',
        '{"title": "Backend", "required_skills": ["Py\\u0000thon"]}',
    ],
)
def test_text_that_cannot_be_shown_again_is_refused_and_not_stored(post, body):
    assert refused(post(body))
    assert not Opening.objects.exists()


def test_deeply_nested_json_is_refused(post):
    assert refused(post("[" * 100_000))
    assert refused(post('{"title": ' + "[" * 50 + "]" * 50 + "}"))


@pytest.mark.parametrize("min_years", ["1" + "0" * 400, "1e400", "NaN", "Infinity", "true", '{"a": 1}'])
def test_a_min_years_that_is_no_usable_number_is_refused(post, min_years):
    assert refused(post(f'{{"title": "Backend", "min_years": {min_years}}}'))
    assert not Opening.objects.exists()


@pytest.mark.parametrize("title", [["a", "b"], {"a": 1}, 5, True])
def test_a_title_that_is_not_text_is_refused(post, title):
    assert refused(post({"title": title}))
    assert not Opening.objects.exists()


def test_a_number_of_thousands_of_digits_is_refused(post):
    assert refused(post('{"title": "Backend", "min_years": ' + "9" * 5000 + "}"))


def test_the_owners_pages_still_render_after_refused_bodies(post, client, alice):
    post('{"title": "Backend", "required_skills": ["\\udfff"]}')
    opening = Opening.objects.create(owner=alice, title="Fine")
    for path in ("/", f"/openings/{opening.pk}/edit/", f"/openings/{opening.pk}/upload/"):
        assert client.get(path).status_code == 200


@pytest.mark.parametrize(
    "field, value", [("min_years", "3"), ("min_years", ""), ("required_skills", None), ("description", None)]
)
def test_a_field_of_another_json_type_than_documented_is_refused(post, field, value):
    assert refused(post({"title": "Backend", field: value}))
    assert not Opening.objects.exists()


def test_min_years_may_be_null_or_left_out(post):
    assert post({"title": "Backend", "min_years": None}).json()["min_years"] == 0
    assert post({"title": "Backend"}).json()["min_years"] == 0


def test_more_than_100_skills_are_refused_even_when_blank(post):
    assert refused(post({"title": "Backend", "required_skills": [""] * 101}))
    assert refused(post({"title": "Backend", "required_skills": [f"s{n}" for n in range(101)]}))
