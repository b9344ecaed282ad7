"""The batch and candidate pages in chromium: the original file, finding people, evidence highlighted."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sample_files
from tests.fixtures_pages import *  # noqa: F403 (the fixtures opening, stored_batch, finished_batch; PDF)
from tests.fixtures_pages import PDF

pytestmark = pytest.mark.browser


def rows(page):
    return page.locator("table.results tbody tr.result .filename")


def test_the_owner_opens_the_original_from_the_batch_page(open_page, alice, stored_batch):
    page = open_page(alice)
    page.goto(f"/batches/{stored_batch.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Original file of scan.pdf").click()
    assert download.value.suggested_filename == "scan.pdf"
    assert open(download.value.path(), "rb").read() == PDF.read_bytes()


def test_another_user_gets_404_for_the_original(open_page, bob, stored_batch):
    resume = stored_batch.resumes.get(detected_type="pdf")
    page = open_page(bob)
    page.goto("/")
    url = f"/api/v1/batches/{stored_batch.pk}/files/{resume.pk}/original"
    assert page.evaluate("async (url) => (await fetch(url)).status", url) == 404


def test_the_candidate_page_marks_the_evidence_and_shows_the_text_as_text(
    open_page, alice, stored_batch, screenshot
):
    page = open_page(alice)  # a dialog (the resume's <script>alert(1)</script>) fails the test
    page.goto(f"/batches/{stored_batch.pk}/")
    page.get_by_role("link", name="Jane Doe").click()
    expect(page.get_by_role("heading", name="Jane Doe")).to_be_visible()
    marks = page.locator("#resume-text mark.evidence")
    expect(marks).to_have_text(["Python", "PostgreSQL", "Docker"])
    expect(page.locator("#resume-text")).to_contain_text("Built <script>alert(1)</script> data pipelines")
    assert page.locator("#resume-text script").count() == 0

    page.get_by_role("link", name="Docker", exact=True).click()
    expect(page).to_have_url(re.compile(r"#evidence-\d+$"))
    expect(page.locator("mark.evidence:target")).to_have_text("Docker")
    screenshot(page, "candidate-page")

    page.get_by_role("link", name=re.compile("^Next")).click()
    expect(page.get_by_role("heading", name="Pat Scan")).to_be_visible()
    expect(page.locator(".flag")).to_have_text(["ocr"])
    expect(page.get_by_role("link", name=re.compile("^Next"))).to_have_count(0)


def test_filters_apply_as_you_type_without_a_reload(open_page, alice, finished_batch):
    page = open_page(alice)
    page.goto(f"/batches/{finished_batch.pk}/")
    page.evaluate("() => { window.sameDocument = true; }")
    expect(rows(page)).to_have_count(3)

    page.get_by_label("Name or email").fill("example.com")
    expect(rows(page)).to_have_count(2)
    page.get_by_label("Sort by").select_option("name")
    expect(rows(page)).to_have_text(["middling.pdf", "<img src=x onerror=alert(1)>.pdf"])
    page.get_by_label("Missing skill").select_option("PostgreSQL")
    expect(rows(page)).to_have_text(["middling.pdf"])
    expect(page.locator("#found-count")).to_have_text("1 of 3 files match.")
    expect(page).to_have_url(re.compile(r"\?q=example\.com&missing=PostgreSQL&sort=name$"))
    expect(page.locator("#csv-link")).to_have_attribute(
        "href", re.compile(r"results\.csv\?q=example\.com&missing=")
    )
    assert page.evaluate("() => window.sameDocument") is True  # no reload

    page.get_by_label("Flag").select_option("missing_required_skill")
    expect(rows(page)).to_have_text(["middling.pdf"])
    page.get_by_label("Missing skill").select_option("")
    page.get_by_label("Name or email").fill("")
    page.get_by_label("Flag").select_option("")
    expect(rows(page)).to_have_count(3)


def test_filters_on_a_screened_batch_keep_only_what_they_say(
    open_page, alice, opening, workers, samples, screenshot
):
    page = open_page(alice)
    page.goto(f"/openings/{opening.pk}/upload/")
    page.set_input_files("#files", sample_files(samples, 10))
    page.get_by_role("button", name="Upload and screen").click()
    expect(page.locator("#accepted li")).to_have_count(10)
    workers.run(max_jobs=11)  # ten files and the finaliser
    page.get_by_role("link", name="See the ranked results").click()
    expect(rows(page)).to_have_count(10)

    page.get_by_label("Has skill").select_option("Python")
    page.get_by_label("Sort by").select_option("years")
    expect(page).to_have_url(re.compile(r"skill=Python&sort=years$"))
    shown = page.locator("table.results tbody tr.result")
    expect(page.locator("#found-count")).to_contain_text("of 10 files match.")
    matched = [t.split(", ") for t in shown.locator("td:nth-child(4)").all_text_contents()]
    years = [float(t) for t in shown.locator("td:nth-child(6)").all_text_contents() if t != "—"]
    assert matched and all("Python" in skills for skills in matched)
    assert years == sorted(years, reverse=True)
    screenshot(page, "batch-page-filters")

    # A screened resume's evidence is found in its text, and previous/next keep to the filter.
    page.locator("a.candidate-link").first.click()
    expect(page.locator("#resume-text mark.evidence[data-skill=Python]")).to_have_count(1)
    expect(page.get_by_role("link", name=re.compile("^Next"))).to_have_attribute(
        "href", re.compile(r"\?skill=Python&sort=years$")
    )
    screenshot(page, "candidate-page-screened")


def test_filters_work_without_javascript(browser, web, cookies_for, alice, finished_batch):
    context = browser.new_context(base_url=web.url, java_script_enabled=False)
    context.add_cookies([{"name": n, "value": v, "url": web.url} for n, v in cookies_for(alice).items()])
    page = context.new_page()
    page.goto(f"/batches/{finished_batch.pk}/")
    page.get_by_label("Has skill").select_option("PostgreSQL")
    page.get_by_role("button", name="Find").click()
    expect(page).to_have_url(re.compile(r"skill=PostgreSQL"))
    expect(rows(page)).to_have_text(["<img src=x onerror=alert(1)>.pdf"])
    context.close()


def test_the_owner_deletes_a_batch_from_its_page(open_page, alice, stored_batch):
    resume = stored_batch.resumes.get(detected_type="pdf")
    page = open_page(alice)
    page.goto(f"/batches/{stored_batch.pk}/")
    page.get_by_role("link", name="Delete batch…").click()
    page.get_by_role("button", name="Delete the batch and its 2 files").click()
    expect(page.get_by_role("status")).to_contain_text("Deleted the batch and its 2 files.")
    url = f"/api/v1/batches/{stored_batch.pk}/files/{resume.pk}/original"
    assert page.evaluate("async (url) => (await fetch(url)).status", url) == 404
