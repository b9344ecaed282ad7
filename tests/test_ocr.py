"""OCR (resumes/screening/ocr.py): scans and photos of printed pages read into lines, and hostile images."""

import os
import pickle
import resource
import time

import pypdfium2
import pytest
from PIL import Image

from resumes.screening import ocr
from resumes.screening.extract import ExtractionError
from tests.fixtures_ocr import (
    in_poor_light,
    jpeg_with_orientation,
    many_page_scan,
    noise_image,
    png_bomb,
    printed_page,
    scanned_pdf,
)


def texts(lines):
    return [line.text for line in lines]


def test_a_png_of_a_printed_resume_gives_back_its_name_email_and_phone(tmp_path):
    path = tmp_path / "cv.png"
    printed_page().save(path)
    lines = texts(ocr.read_image_file(path))
    assert lines[0] == "Maria Kowalska"
    assert "maria.kowalska@example.com" in lines[1] and "+44 20 7946 0958" in lines[1]


def test_lines_come_in_points_with_the_name_set_largest(tmp_path):
    path = tmp_path / "cv.png"
    printed_page(dpi=200, points=11).save(path, dpi=(200, 200))
    name, email, *rest = ocr.read_image_file(path)
    assert 70 <= name.x0 <= 75 and 70 <= name.top <= 80  # drawn one inch (72 points) from the corner
    assert name.size > 1.5 * email.size and 9 <= email.size <= 13
    assert name.bottom <= email.top and all(0 < line.x1 <= 595 for line in rest)


def test_a_scanned_pdf_page_is_read(tmp_path):
    path = scanned_pdf(tmp_path / "scan.pdf", [printed_page(["Page one"]), printed_page()])
    document = pypdfium2.PdfDocument(path)
    assert document[1].get_textpage().count_chars() == 0  # no text layer
    lines = ocr.ocr_pdf_page(document[1], 1)
    assert texts(lines)[0] == "Maria Kowalska" and all(line.page == 1 for line in lines)
    assert any("+44 20 7946 0958" in text for text in texts(lines))


def test_a_jpeg_photo_turned_by_its_exif_orientation_is_read_upright(tmp_path):
    sideways = printed_page().rotate(90, expand=True)  # as the camera stored it, turned left
    path = jpeg_with_orientation(tmp_path / "photo.jpg", sideways, orientation=6)  # "turn it right"
    assert texts(ocr.read_image_file(path))[0] == "Maria Kowalska"


def test_a_photo_whose_exif_orientation_is_wrong_is_still_read(tmp_path):
    path = jpeg_with_orientation(tmp_path / "photo.jpg", printed_page(), orientation=8)  # "turn it left"
    assert "Maria Kowalska" in texts(ocr.read_image_file(path))


def test_an_upside_down_scan_is_turned_and_read(tmp_path):
    path = tmp_path / "scan.png"
    printed_page().rotate(180).save(path)
    assert "maria.kowalska@example.com" in " ".join(texts(ocr.read_image_file(path)))


def test_a_transparent_png_is_read_on_white(tmp_path):
    page = printed_page()
    transparent = Image.new("RGBA", page.size, (0, 0, 0, 0))
    transparent.putalpha(page.point(lambda value: 255 - value))  # black ink where the page is dark
    path = tmp_path / "cv.png"
    transparent.save(path)
    assert texts(ocr.read_image_file(path))[0] == "Maria Kowalska"


def test_a_decompression_bomb_png_is_refused_before_it_is_decoded(tmp_path):
    path = png_bomb(tmp_path / "bomb.png", 20000, 20000)
    assert path.stat().st_size < 100 * 1024
    with pytest.raises(ExtractionError) as error:
        ocr.read_image_file(path)
    assert error.value.reason == (
        "the image is 20000 × 20000 pixels, more than the 60 megapixels read for a resume"
    )


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_a_truncated_image_fails_as_damaged(tmp_path, kind):
    path = tmp_path / "cv"
    printed_page().save(path, kind)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(ExtractionError, match="the image is damaged"):
        ocr.read_image_file(path)


def test_an_image_with_a_damaged_header_fails_as_damaged(tmp_path):
    path = tmp_path / "cv.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDR" + os.urandom(40))
    with pytest.raises(ExtractionError, match="the image is damaged"):
        ocr.read_image_file(path)


def test_a_one_pixel_image_has_no_text(tmp_path):
    path = tmp_path / "dot.png"
    Image.new("L", (1, 1), 0).save(path)
    assert ocr.read_image_file(path) == []


def test_an_image_of_noise_has_no_text(tmp_path):
    path = tmp_path / "noise.jpg"
    noise_image().save(path)
    assert ocr.read_image_file(path) == []


def test_a_grainy_photo_taken_in_poor_light_is_read(tmp_path):
    path = tmp_path / "photo.jpg"
    in_poor_light(printed_page(dpi=250)).save(path, quality=90)
    assert texts(ocr.read_image_file(path))[0] == "Maria Kowalska"


def test_a_picture_of_speckles_has_no_text_and_is_given_up_quickly(tmp_path):
    path = tmp_path / "speckles.png"
    noise_image(2067, 2923, sigma=30).save(path)  # took Tesseract two minutes to analyse
    started = time.process_time()
    assert ocr.read_image_file(path) == []
    assert time.process_time() - started < 10


def test_a_huge_pdf_page_is_rendered_at_a_lower_resolution_within_the_pixel_limit(tmp_path):
    document = pypdfium2.PdfDocument.new()
    document.new_page(14400, 14400)  # 200 inches square: 2.5 billion pixels at 250 dpi
    dpi = ocr.render_dpi(*document[0].get_size())
    assert (14400 * dpi / 72) ** 2 <= ocr.MAX_RENDER_PIXELS * 1.001
    started = time.process_time()
    assert ocr.ocr_pdf_page(document[0], 0) == []
    assert time.process_time() - started < 10


def test_a_thousand_page_scan_opens_without_reading_every_page(tmp_path):
    document = pypdfium2.PdfDocument(many_page_scan(tmp_path / "scan.pdf", 1000))
    assert len(document) == 1000 and ocr.MAX_OCR_PAGES <= 10
    assert "Maria Kowalska" in texts(ocr.ocr_pdf_page(document[999], 999))


def test_ocr_works_in_a_child_forked_after_tesseract_was_loaded_and_under_a_memory_cap(tmp_path):
    path = tmp_path / "cv.png"
    printed_page().save(path)
    expected = texts(ocr.read_image_file(path))  # loads Tesseract in this process
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: the way extraction runs, with 256 MB more address space at most
        try:
            with open("/proc/self/statm") as statm:
                mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
            resource.setrlimit(resource.RLIMIT_AS, (mapped + 256 * 1024 * 1024, resource.RLIM_INFINITY))
            os.write(write_end, pickle.dumps(texts(ocr.read_image_file(path))))
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    os.waitpid(pid, 0)
    assert pickle.loads(payload) == expected


def test_without_tesseract_data_an_image_fails_saying_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    monkeypatch.setattr(ocr, "_api", None)
    path = tmp_path / "cv.png"
    printed_page().save(path)
    with pytest.raises(ExtractionError, match="Debian package tesseract-ocr-eng"):
        ocr.read_image_file(path)
