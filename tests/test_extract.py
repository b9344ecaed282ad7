"""Text extraction from PDF, DOCX and text files, and the limits that keep hostile files in check."""

import shutil
import time

import pytest

from resumes.screening import extract
from resumes.screening.extract import ExtractionError, extract_text, extract_text_limited, normalise_text
from tests import fixtures_pipeline
from tests.fixtures_pipeline import (
    PDFMINER_SAMPLES,
    image_only_pdf,
    inflating_pdf,
    minimal_docx,
    sample_of_layout,
    text_pdf,
)

samples = fixtures_pipeline.samples  # session fixture shared with the other pipeline tests

MB = 1024 * 1024


def test_it_reads_the_text_of_a_pdf(samples):
    path, answer = sample_of_layout(samples, "pdf_one_column")
    extraction = extract_text(path, "pdf")
    assert answer["name"] in extraction.text and answer["email"] in extraction.text
    assert extraction.flags == []


def test_it_keeps_the_sidebar_and_the_main_column_of_a_two_column_pdf_apart(samples):
    path, answer = sample_of_layout(samples, "pdf_two_column")
    lines = extract_text(path, "pdf").text.splitlines()
    assert answer["email"] in lines  # the sidebar's lines are not glued to the main column's
    assert any(line.startswith("- ") and line.endswith(("a", "e", "s", ".")) for line in lines)
    assert lines.index("Skills") < lines.index("Experience")


def test_white_text_on_a_dark_banner_is_visible_not_hidden(samples):
    path, answer = sample_of_layout(samples, "pdf_two_column")
    extraction = extract_text(path, "pdf")
    assert extraction.text.startswith(answer["name"])
    assert "hidden_text" not in extraction.flags


def test_it_reads_contact_details_from_the_docx_header(samples):
    path, answer = sample_of_layout(samples, "docx")
    text = extract_text(path, "docx").text
    assert text.lstrip().startswith(answer["name"])
    assert answer["email"] in text


def test_it_reads_skills_from_a_docx_table(samples):
    path, _ = sample_of_layout(samples, "docx")
    text = extract_text(path, "docx").text
    assert "Skills" in text
    skills_part = text[text.index("Skills") :]
    assert len([line for line in skills_part.splitlines() if line.strip()]) >= 6


def test_utf8_with_a_byte_order_mark_and_latin1_text_both_read(tmp_path):
    utf8 = tmp_path / "utf8.txt"
    utf8.write_bytes("\ufeffJosé Núñez\n".encode())
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Zoë Müller – “Python”\n".encode("cp1252"))
    assert extract_text(utf8, "txt").text == "José Núñez"
    assert extract_text(latin1, "txt").text == "Zoë Müller – “Python”"


def test_ligatures_and_full_width_letters_are_normalised(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_text("Certiﬁed in Ｐｙｔｈｏｎ\r\n")
    assert extract_text(path, "txt").text == "Certified in Python"


def test_a_scanned_pdf_without_text_is_flagged_no_text(tmp_path):
    extraction = extract_text(image_only_pdf(tmp_path / "scan.pdf"), "pdf")
    assert extraction.flags == ["no_text"]


@pytest.mark.parametrize("hide_by", ["white", "invisible", "tiny"])
def test_hidden_keywords_are_flagged_and_left_out(tmp_path, hide_by):
    path = text_pdf(
        tmp_path / "cv.pdf", ["Jane Doe", "Accountant"], hidden=["Kubernetes Terraform"], hide_by=hide_by
    )
    extraction = extract_text(path, "pdf")
    assert "hidden_text" in extraction.flags
    assert "Jane Doe" in extraction.text and "Kubernetes" not in extraction.text


def test_an_encrypted_pdf_gives_a_clear_error(tmp_path):
    for name in ("encryption_rc4-128.pdf", "encryption_aes-256.pdf"):
        with pytest.raises(ExtractionError, match="^encrypted PDF: it needs a password") as caught:
            extract_text(PDFMINER_SAMPLES / name, "pdf")
        assert caught.value.flags == ["encrypted"]


def test_the_unencrypted_original_reads_normally():
    assert extract_text(PDFMINER_SAMPLES / "encryption_base.pdf", "pdf").text.startswith("Secret!")


def test_a_damaged_stream_still_yields_the_readable_text():
    extraction = extract_text(PDFMINER_SAMPLES / "zen_of_python_corrupted.pdf", "pdf")
    assert "Beautiful is better than ugly" in extraction.text


def test_a_corrupt_pdf_gives_a_clear_error(tmp_path, samples):
    source, _ = sample_of_layout(samples, "pdf_one_column")
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(source.read_bytes()[:300])
    with pytest.raises(ExtractionError, match="the PDF file is damaged or not valid"):
        extract_text(truncated, "pdf")


def test_a_corrupt_docx_gives_a_clear_error(tmp_path):
    with pytest.raises(ExtractionError, match="the DOCX file is damaged"):
        extract_text(minimal_docx(tmp_path / "cv.docx", b"<w:document><unclosed>"), "docx")


def test_a_docx_whose_xml_inflates_past_the_limit_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(extract, "MAX_DOCX_XML_BYTES", 1 * MB)
    path = minimal_docx(tmp_path / "cv.docx", b"<w:document>" + b" " * (2 * MB) + b"</w:document>")
    with pytest.raises(ExtractionError, match="would inflate to 2 MB"):
        extract_text(path, "docx")


def test_an_unknown_kind_is_an_extraction_error(tmp_path):
    with pytest.raises(ExtractionError, match="cannot be read"):
        extract_text(tmp_path / "x", "zip")


def test_limited_extraction_gives_the_same_result_as_in_process(samples):
    path, _ = sample_of_layout(samples, "pdf_two_column")
    limited = extract_text_limited(path, "pdf", timeout_seconds=30, memory_bytes=512 * MB)
    assert limited == extract_text(path, "pdf")


def test_limited_extraction_passes_errors_through(tmp_path):
    shutil.copy(PDFMINER_SAMPLES / "encryption_rc4-128.pdf", tmp_path / "locked.pdf")
    with pytest.raises(ExtractionError, match="^encrypted PDF") as caught:
        extract_text_limited(tmp_path / "locked.pdf", "pdf", timeout_seconds=30, memory_bytes=512 * MB)
    assert caught.value.flags == ["encrypted"]


def test_self_referencing_xobjects_end_in_bounded_time():
    started = time.monotonic()
    path = PDFMINER_SAMPLES / "contrib_issue-1113-evil-xobjects.pdf"
    try:
        extract_text_limited(path, "pdf", timeout_seconds=10, memory_bytes=256 * MB)
    except ExtractionError:
        pass  # a clean refusal is as good as text here; what matters is that it ends
    assert time.monotonic() - started < 12


def test_a_pdf_that_inflates_to_hundreds_of_megabytes_fails_cleanly_within_the_limits(tmp_path):
    path = inflating_pdf(tmp_path / "bomb.pdf", 200 * MB)
    assert path.stat().st_size < MB
    started = time.monotonic()
    with pytest.raises(ExtractionError) as caught:
        extract_text_limited(path, "pdf", timeout_seconds=10, memory_bytes=256 * MB)
    assert caught.value.reason in (
        "extraction exceeded the 256 MB memory limit",
        "extraction took longer than 10 s",
    )
    assert time.monotonic() - started < 15


def test_running_past_the_time_limit_is_reported_and_the_child_is_gone(tmp_path, monkeypatch):
    monkeypatch.setattr(extract, "_read_txt", lambda path: time.sleep(30))
    (tmp_path / "cv.txt").write_text("Jane")
    started = time.monotonic()
    with pytest.raises(ExtractionError, match=r"^extraction took longer than 0.5 s$"):
        extract_text_limited(tmp_path / "cv.txt", "txt", timeout_seconds=0.5, memory_bytes=64 * MB)
    assert time.monotonic() - started < 5


def test_running_out_of_memory_is_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(extract, "_read_txt", lambda path: (bytearray(1024 * MB), [])[1])
    (tmp_path / "cv.txt").write_text("Jane")
    with pytest.raises(ExtractionError, match=r"^extraction exceeded the 64 MB memory limit$"):
        extract_text_limited(tmp_path / "cv.txt", "txt", timeout_seconds=10, memory_bytes=64 * MB)


def test_text_that_cannot_be_encoded_is_made_showable(tmp_path):
    assert normalise_text("Jane \udfff Doe") == "Jane ? Doe"
