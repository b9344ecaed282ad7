"""Write the hostile upload corpus: files built to break a resume pipeline.

    .venv/bin/python tests/data/make_hostile.py tests/data/hostile

Generated rather than committed (some inflate to gigabytes). `write_corpus(folder)` returns, per name
to upload the file under, its file in `folder` and whether it must fail ("fail") or may be screened
("any"); the two differ for a name too long for a file system. The PDFs of pdfminer.six in
tests/data/pdfminer-samples add truncated, corrupt and encrypted real-world files.
"""

import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.fixtures_ocr import (  # noqa: E402
    jpeg_with_orientation,
    many_page_scan,
    noise_image,
    png_bomb,
    printed_page,
)
from tests.fixtures_pipeline import assemble_pdf, inflating_pdf, make_zip  # noqa: E402

GIB = 1024**3


def docx_bomb(path, inflated_bytes):
    """A DOCX whose document.xml inflates to `inflated_bytes` (written in chunks, never held in memory)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(b"<?xml version='1.0'?><w:document><w:body>")
            chunk = b"<w:p/>" * (16 * 1024 * 1024 // 6)
            for _ in range(inflated_bytes // len(chunk)):
                member.write(chunk)
            member.write(b"</w:body></w:document>")
    return path


def write_corpus(folder):
    """Write every hostile file into `folder`; return {upload name: (file name, "fail" or "any")}."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    expect = {}

    def add(name, data, outcome="fail", upload_as=None):
        (folder / name).write_bytes(data)
        expect[upload_as or name] = (name, outcome)

    good_pdf = assemble_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ])  # fmt: skip
    add("truncated.pdf", good_pdf[: len(good_pdf) // 2])
    add("garbage-after-header.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40)
    inflating_pdf(folder / "inflates-to-2-gib.pdf", 2 * GIB)
    expect["inflates-to-2-gib.pdf"] = ("inflates-to-2-gib.pdf", "fail")
    docx_bomb(folder / "xml-inflates-to-1-gib.docx", GIB)
    expect["xml-inflates-to-1-gib.docx"] = ("xml-inflates-to-1-gib.docx", "fail")
    make_zip(folder / "ratio-bomb.zip", {"cv.txt": b"0" * (300 * 1024 * 1024)})
    expect["ratio-bomb.zip"] = ("ratio-bomb.zip", "fail")
    make_zip(folder / "entry-bomb.zip", {f"cv-{n}.txt": b"Jane Doe" for n in range(5000)})
    expect["entry-bomb.zip"] = ("entry-bomb.zip", "fail")
    inner = folder / "inner.zip"
    make_zip(inner, {"cv.txt": b"Jane Doe, Python"})
    make_zip(folder / "nested.zip", {"inner.zip": inner.read_bytes(), "cv.pdf": inner.read_bytes()})
    expect["nested.zip"] = ("nested.zip", "fail")
    inner.unlink()
    make_zip(folder / "escaping-paths.zip", {"../../etc/cron.d/x.txt": b"x", "/etc/passwd.txt": b"x"})
    expect["escaping-paths.zip"] = ("escaping-paths.zip", "fail")
    add("empty.pdf", b"")
    add("page.pdf", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>")
    add("program.pdf", b"\x7fELF\x02\x01\x01" + b"\0" * 200)
    add("windows-program.pdf", b"MZ\x90\x00" + b"\0" * 200)
    add("nul-bytes.txt", b"Jane Doe\0\0\0Python\0" * 100)
    add("long-name.txt", b"Jane Doe\njane@example.com\nPython\n", "any", upload_as="x" * 4000 + ".txt")
    add("utf-16.txt", "Jane Doe\nPython, Django\n".encode("utf-16"), "any")
    add("shift-jis.txt", "山田太郎\nPython エンジニア\n".encode("shift_jis"), "any")
    add("latin-1.txt", "José Müller\nPython, Docker\n".encode("latin-1"), "any")
    _add_images(folder, expect)
    return expect


def _add_images(folder, expect):
    """Scans and photos (read by OCR) built to break it: bombs, damage, no text, a thousand pages."""

    def written(name, outcome):
        expect[name] = (name, outcome)

    png_bomb(folder / "bomb-20000x20000.png", 20000, 20000)  # 50 KB; 400 million pixels
    written("bomb-20000x20000.png", "fail")
    png_bomb(folder / "claims-65535x65535.png", 65535, 65535, rows=1)  # a bomb's header, one row
    written("claims-65535x65535.png", "fail")
    page = printed_page(dpi=150)
    page.save(folder / "truncated.png")
    page.save(folder / "truncated.jpg", quality=80)
    for name in ("truncated.png", "truncated.jpg"):
        data = (folder / name).read_bytes()
        (folder / name).write_bytes(data[: len(data) // 3])
        written(name, "fail")
    jpeg_with_orientation(folder / "wrong-exif-orientation.jpg", page, orientation=8)
    written("wrong-exif-orientation.jpg", "any")
    jpeg_with_orientation(folder / "exif-orientation-99.jpg", page, orientation=99)
    written("exif-orientation-99.jpg", "any")
    printed_page(dpi=150).crop((0, 0, 1, 1)).save(folder / "one-pixel.png")
    written("one-pixel.png", "any")
    noise_image(1240, 1754, sigma=30).save(folder / "speckles.png")
    written("speckles.png", "any")
    noise_image(1240, 1754, sigma=80).save(folder / "noise.jpg", quality=90)
    written("noise.jpg", "any")
    many_page_scan(folder / "thousand-page-scan.pdf", 1000)
    written("thousand-page-scan.pdf", "any")


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent / "hostile")
    for file_name, outcome in write_corpus(target).values():
        print(f"{outcome:4}  {file_name}")
