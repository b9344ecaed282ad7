"""Errors under /api/ are JSON, never an HTML page."""

from django.test import Client


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
