"""What kind of file an upload is, judged by its content rather than its name."""

import zipfile

from PIL import Image

from resumes.filetypes import detect_type
from tests import fixtures_pipeline
from tests.fixtures_pipeline import make_zip, sample_of_layout, text_pdf

samples = fixtures_pipeline.samples  # session fixture shared with the other pipeline tests


def test_a_pdf_is_recognised_by_its_content_even_when_named_txt(tmp_path):
    pdf = text_pdf(tmp_path / "resume.txt", ["Jane Doe"])
    assert detect_type(pdf) == ("pdf", "")


def test_a_docx_is_told_apart_from_a_plain_zip(samples, tmp_path):
    docx, _ = sample_of_layout(samples, "docx")
    assert detect_type(docx) == ("docx", "")
    assert detect_type(make_zip(tmp_path / "resumes.zip", {"a.txt": b"Jane"})) == ("zip", "")


def test_utf8_text_with_a_byte_order_mark_is_text(tmp_path):
    path = tmp_path / "cv"
    path.write_bytes("\ufeffJosé Núñez\nPython developer\n".encode())
    assert detect_type(path) == ("txt", "")


def test_latin1_text_is_text(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_bytes("Zoë Müller – “Senior” engineer\n".encode("cp1252"))
    assert detect_type(path) == ("txt", "")


def test_an_empty_file_is_refused_with_a_reason(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert detect_type(path) == (None, "the file is empty")


def test_an_html_page_named_pdf_is_refused_as_html(tmp_path):
    path = tmp_path / "resume.pdf"
    path.write_text("<!DOCTYPE html>\n<html><body>Jane Doe</body></html>")
    kind, reason = detect_type(path)
    assert kind is None
    assert "HTML is not a resume format we read" in reason


def test_executables_are_refused(tmp_path):
    for header in (b"\x7fELF\x02\x01\x01", b"MZ\x90\x00\x03"):
        path = tmp_path / "resume.pdf"
        path.write_bytes(header + b"\x00" * 200)
        kind, reason = detect_type(path)
        assert kind is None and "executable" in reason


def test_binary_noise_is_refused(tmp_path):
    path = tmp_path / "resume.docx"
    path.write_bytes(bytes(range(1, 32)) * 50)
    kind, reason = detect_type(path)
    assert kind is None and "binary" in reason


def test_a_damaged_zip_is_refused(tmp_path):
    path = make_zip(tmp_path / "a.zip", {"a.txt": b"Jane"})
    path.write_bytes(path.read_bytes()[:30])
    kind, reason = detect_type(path)
    assert kind is None and "damaged" in reason


def test_a_zip_holding_word_document_xml_is_docx_whatever_it_is_called(tmp_path):
    path = tmp_path / "resume.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert detect_type(path)[0] == "docx"


def test_png_and_jpeg_images_are_read_as_scans_or_photos(tmp_path):
    png, jpeg = tmp_path / "cv.pdf", tmp_path / "cv.txt"
    Image.new("L", (40, 30), 255).save(png, "PNG")
    Image.new("RGB", (40, 30), "white").save(jpeg, "JPEG")
    assert detect_type(png) == ("png", "")
    assert detect_type(jpeg) == ("jpeg", "")


def test_a_gif_is_refused_with_the_formats_that_are_read(tmp_path):
    path = tmp_path / "cv.png"
    Image.new("L", (40, 30), 255).save(path, "GIF")
    assert detect_type(path) == (
        None,
        "the file is an image (GIF); upload the resume as PDF, DOCX, text, PNG or JPEG",
    )
