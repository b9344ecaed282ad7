"""axe-core finds no serious or critical violation on the pages a recruiter uses.

The upload page mid-upload and mid-screening is checked in test_upload_progress.py.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.fixtures_pages import *  # noqa: F403 (the fixtures opening, stored_batch, finished_batch)

pytestmark = pytest.mark.browser


def test_the_login_and_sign_up_pages(open_page):
    page = open_page()
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.goto("/accounts/signup/")
    assert_accessible(page)


def test_the_openings_pages(open_page, alice, opening):
    page = open_page(alice)
    page.goto("/")
    expect(page.get_by_role("heading", name="Your openings")).to_be_visible()
    assert_accessible(page)
    page.goto("/openings/new/")
    assert_accessible(page)


def test_the_upload_page_idle(open_page, alice, opening):
    page = open_page(alice)
    page.goto(f"/openings/{opening.pk}/upload/")
    assert_accessible(page)


def test_the_batch_page_with_and_without_filters(open_page, alice, finished_batch):
    page = open_page(alice)
    page.goto(f"/batches/{finished_batch.pk}/")
    assert_accessible(page)
    page.goto(f"/batches/{finished_batch.pk}/?flag=missing_required_skill&sort=name")
    assert_accessible(page)


def test_the_candidate_and_delete_pages(open_page, alice, stored_batch):
    resume = stored_batch.resumes.get(detected_type="txt")
    page = open_page(alice)
    page.goto(f"/batches/{stored_batch.pk}/files/{resume.pk}/")
    assert_accessible(page)
    page.goto(f"/batches/{stored_batch.pk}/delete/")
    assert_accessible(page)
