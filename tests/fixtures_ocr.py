"""Builders of pictures of printed pages for the OCR tests and the hostile corpus (made at test time).

Text is drawn with Debian's DejaVu Sans (fonts-dejavu-core, which bin/test installs where missing).
"""

import io
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont

from tests.fixtures_pipeline import assemble_pdf

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
BOLD_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

A4_INCHES = (8.27, 11.69)

RESUME_LINES = [
    "Maria Kowalska",
    "maria.kowalska@example.com  |  +44 20 7946 0958",
    "Senior Software Engineer, Acme Ltd, June 2019 - Present",
    "Built data pipelines in Python and PostgreSQL; ran them on Kubernetes.",
    "Skills: Python, Django, Docker, Redis",
]


def printed_page(lines: list[str] = RESUME_LINES, *, dpi: int = 200, points: int = 11) -> Image.Image:
    """A white A4 page in shades of grey at ``dpi``, the first line (the name) set large and bold."""
    width, height = (round(side * dpi) for side in A4_INCHES)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    top = dpi  # a one-inch margin
    for number, text in enumerate(lines):
        size = points * 2 if number == 0 else points
        font = ImageFont.truetype(str(BOLD_FONT if number == 0 else FONT), round(size * dpi / 72))
        draw.text((dpi, top), text, font=font, fill=0)
        top += round(size * dpi / 72 * 1.6)
    return page


def scanned_pdf(path: Path, pages: list[Image.Image], *, dpi: int = 200) -> Path:
    """A PDF of ``pages`` as pictures only, no text layer: what a scanner produces."""
    pages[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return path


def many_page_scan(path: Path, pages: int) -> Path:
    """A scanned PDF of ``pages`` pages that all show one picture of a page (so the file stays small)."""
    picture = io.BytesIO()
    printed_page(dpi=100).save(picture, "JPEG", quality=50)
    width, height = (round(side * 72) for side in A4_INCHES)
    content = b"q %d 0 0 %d 0 0 cm /Scan Do Q" % (width, height)
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + n) for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n"
        % (*Image.open(picture).size, len(picture.getvalue()))
        + picture.getvalue()
        + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R " % (width, height)
    page += b"/Resources << /XObject << /Scan 3 0 R >> >> >>"
    objects += [page] * pages
    path.write_bytes(assemble_pdf(objects))
    return path


def png_bomb(path: Path, width: int, height: int, *, rows: int | None = None) -> Path:
    """A black-and-white PNG of ``width`` × ``height`` blank pixels: a few KB that decode to gigabytes.

    Written by hand, row by row, so that the test never holds the image in memory. With ``rows``, only
    that many rows are written: a header that lies about the size of what follows.
    """

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    compressor = zlib.compressobj(9)
    row = b"\0" * (1 + (width + 7) // 8)  # filter byte, then one bit a pixel
    rows_per_write = max(1, (4 * 1024 * 1024) // len(row))
    compressed = []
    written_rows = height if rows is None else rows
    for start in range(0, written_rows, rows_per_write):
        compressed.append(compressor.compress(row * min(rows_per_write, written_rows - start)))
    compressed.append(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    data = chunk(b"IHDR", header) + chunk(b"IDAT", b"".join(compressed)) + chunk(b"IEND", b"")
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + data)
    return path


def jpeg_with_orientation(path: Path, image: Image.Image, orientation: int) -> Path:
    """``image`` as a JPEG whose EXIF says it must be turned (``orientation`` 1-8) before it is shown."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    image.save(path, "JPEG", quality=85, exif=exif)
    return path


def noise_image(width: int = 1600, height: int = 2200, sigma: int = 80) -> Image.Image:
    """Grey noise, as a photo of nothing in the dark looks."""
    return Image.effect_noise((width, height), sigma)


def in_poor_light(page: Image.Image, grain: int = 20) -> Image.Image:
    """``page`` as a phone photographs it in a dim room: a third as bright, and grainy."""
    dim = page.point(lambda value: int(value * 0.35))
    return ImageChops.add(dim, Image.effect_noise(page.size, grain), 1, -128)
