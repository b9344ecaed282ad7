"""The pages' CSS and scripts are served by the app itself, with DEBUG off (WhiteNoise)."""

import httpx


def test_it_serves_the_stylesheet_and_the_modules_with_debug_off(app_server):
    for path, kind in [
        ("/static/resumes/site.css", "text/css"),
        ("/static/progress/sse_service.js", "javascript"),
        ("/static/resumes/upload.js", "javascript"),
        ("/static/resumes/batch.js", "javascript"),
    ]:
        response = httpx.get(app_server.url + path)
        assert response.status_code == 200 and kind in response.headers["content-type"], path


def test_every_page_names_the_favicon_and_favicon_ico_leads_to_it(app_server):
    login = httpx.get(app_server.url + "/accounts/login/")
    assert '<link rel="icon" href="/static/resumes/favicon.svg" type="image/svg+xml">' in login.text
    response = httpx.get(app_server.url + "/favicon.ico", follow_redirects=True)
    assert response.status_code == 200 and response.headers["content-type"].startswith("image/svg+xml")
