"""Scans and photos in chromium: read by OCR, ranked with the others, the ocr flag beside their fields."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from resumes.models import Opening

pytestmark = pytest.mark.browser

REAL = Path(__file__).parent.parent / "data" / "real"
FILES = [
    "scan_lo_robert.pdf",  # a scanned PDF: no text layer
    "photo_html_amelia.jpg",  # a phone photo of a printed page
    "tex_jakegut_tyrone_mitchell.pdf",
    "lo_docx_tab_dates_emily.docx",
]


@pytest.fixture
def opening(alice):
    return Opening.objects.create(
        owner=alice, title="Engineer", required_skills=["AutoCAD", "SQL"], preferred_skills=["Excel"]
    )


def test_a_scan_and_a_photo_are_read_and_flagged_ocr_on_the_batch_page(
    open_page, alice, opening, workers, screenshot
):
    page = open_page(alice)
    page.goto(f"/openings/{opening.pk}/upload/")
    workers.start()
    page.set_input_files("#files", [str(REAL / name) for name in FILES])
    page.get_by_role("button", name="Upload and screen").click()
    expect(page.locator("#percent")).to_have_text("100%", timeout=60_000)

    page.get_by_role("link", name="See the ranked results").click()
    scan = page.locator("tr.result", has_text="scan_lo_robert.pdf")
    expect(scan.locator(".candidate-link")).to_have_text("Robert Kwame Mensah")
    expect(scan).to_contain_text("+233241234567")
    expect(scan.locator(".flag", has_text="ocr")).to_be_visible()
    photo = page.locator("tr.result", has_text="photo_html_amelia.jpg")
    expect(photo.locator(".candidate-link")).to_have_text("Amelia Brooks")
    expect(photo.locator(".flag", has_text="ocr")).to_be_visible()
    expect(page.locator("tr.result", has_text="tex_jakegut").locator(".flag", has_text="ocr")).to_have_count(
        0
    )
    screenshot(page, "batch-page-ocr")

    photo.locator(".candidate-link").click()
    expect(page.get_by_text("Read by OCR from a scan or photo")).to_be_visible()
