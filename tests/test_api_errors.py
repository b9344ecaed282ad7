"""Errors under /api/ are JSON, never an HTML page."""

from unittest.mock import ANY

import pytest
from django.conf import settings
from django.test import Client

from resumes.models import Opening


def test_an_unknown_api_path_gets_a_json_404(client, alice):
    client.force_login(alice)
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404 and response.json()["error"] == "not_found"


def test_a_missing_csrf_token_gets_a_json_403(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post("/api/v1/openings", {"title": "x"}, content_type="application/json")
    assert response.status_code == 403 and response.json()["error"] == "csrf_failed"


def test_pages_keep_html_errors(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


@pytest.fixture
def upload_url(alice):
    opening = Opening.objects.create(owner=alice, title="Backend")
    return f"/api/v1/openings/{opening.pk}/batches"


@pytest.fixture
def csrf_client(alice):
    """A logged-in client with a CSRF token, checked as for browsers (the middleware parses form bodies)."""
    token = "k" * 32
    client = Client(enforce_csrf_checks=True, headers={"X-CSRFToken": token})
    client.cookies[settings.CSRF_COOKIE_NAME] = token
    client.force_login(alice)
    return client


def json_400(response, code):
    return response.status_code == 400 and response.json() == {"error": code, "detail": ANY}


def test_a_thousand_and_one_form_fields_get_a_json_400(csrf_client, upload_url):
    fields = "&".join(f"f{n}=1" for n in range(1001))
    for url in (upload_url, "/api/v1/openings"):
        response = csrf_client.post(url, fields, content_type="application/x-www-form-urlencoded")
        assert json_400(response, "too_many_fields")


def test_an_empty_multipart_boundary_gets_a_json_400(csrf_client, upload_url):
    response = csrf_client.post(upload_url, b"--\r\n", content_type="multipart/form-data; boundary=")
    assert json_400(response, "invalid_multipart")


def test_a_4000_character_file_name_gets_a_json_400(csrf_client, upload_url):
    body = (
        b'--XX\r\nContent-Disposition: form-data; name="files"; filename="' + b"a" * 4000 + b'.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\nhello\r\n--XX--\r\n"
    )
    response = csrf_client.post(upload_url, body, content_type="multipart/form-data; boundary=XX")
    assert json_400(response, "invalid_multipart")


def test_a_method_an_endpoint_does_not_take_gets_a_json_405_with_allow(client, alice):
    client.force_login(alice)
    for method, url in (("put", "/api/v1/openings"), ("post", f"/api/v1/sse/progress/status/{alice.pk}")):
        response = getattr(client, method)(url)
        assert response.status_code == 405 and response.json()["error"] == "method_not_allowed"
        assert response["Allow"]


def test_a_json_body_over_djangos_memory_limit_gets_a_json_400(csrf_client, settings):
    body = '{"title": "' + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1) + '"}'
    response = csrf_client.post("/api/v1/openings", body, content_type="application/json")
    assert json_400(response, "too_large")
