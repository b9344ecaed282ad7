"""Fixtures and file builders for the screening pipeline's tests (imported explicitly by those modules).

Everything is generated at test time into pytest's temporary folders; nothing binary is committed
except the third-party PDFs in tests/data/pdfminer-samples/.
"""

import json
import zipfile
import zlib
from pathlib import Path

import pytest
from fpdf import FPDF
from fpdf.enums import TextMode, XPos, YPos

from resumes.screening.samples import write_samples

PDFMINER_SAMPLES = Path(__file__).parent / "data" / "pdfminer-samples"

SAMPLE_COUNT = 15


@pytest.fixture(scope="session")
def samples(tmp_path_factory) -> tuple[Path, list[dict]]:
    """Generated sample resumes (every layout, three times) and their answer key."""
    folder = tmp_path_factory.mktemp("samples")
    return folder, write_samples(folder, count=SAMPLE_COUNT, seed=0)


def sample_of_layout(samples, layout: str) -> tuple[Path, dict]:
    folder, answers = samples
    answer = next(answer for answer in answers if answer["layout"] == layout)
    return folder / answer["filename"], answer


def text_pdf(path: Path, lines: list[str], *, hidden: list[str] = (), hide_by: str = "white") -> Path:
    """A one-page PDF with ``lines`` in black and ``hidden`` drawn white, invisible or in a 1 pt font."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        pdf.cell(0, 6, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for line in hidden:
        if hide_by == "white":
            pdf.set_text_color(255, 255, 255)
        elif hide_by == "invisible":
            pdf.text_mode = TextMode.INVISIBLE
        elif hide_by == "tiny":
            pdf.set_font_size(1)
        pdf.cell(0, 6, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.output(str(path))
    return path


def image_only_pdf(path: Path) -> Path:
    """A PDF with drawing but no text, as a scanned resume looks to a text extractor."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(120, 120, 120)
    for row in range(20):
        pdf.rect(20, 20 + row * 12, 170, 6, style="F")
    pdf.output(str(path))
    return path


def inflating_pdf(path: Path, inflated_bytes: int) -> Path:
    """A small PDF whose one page content stream inflates (FlateDecode) to ``inflated_bytes`` of zeros."""
    compressor = zlib.compressobj(9)
    chunk = b"\0" * (1024 * 1024)
    stream = b"".join(compressor.compress(chunk) for _ in range(inflated_bytes // len(chunk)))
    stream += compressor.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    path.write_bytes(assemble_pdf(objects))
    return path


def assemble_pdf(objects: list[bytes]) -> bytes:
    """A PDF file with a correct cross-reference table around ``objects`` (object 1 is the catalogue)."""
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        output += b"%010d 00000 n \n" % offset
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref_at)
    return bytes(output)


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    """A ZIP (deflated) holding ``members``; names are written exactly as given, ``..`` and all."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)
    return path


def minimal_docx(path: Path, document_xml: bytes) -> Path:
    """A DOCX-shaped package whose main part is ``document_xml`` (for damaged-document tests)."""
    return make_zip(path, {"[Content_Types].xml": b"<Types/>", "word/document.xml": document_xml})


def read_answer_key(folder: Path) -> list[dict]:
    return json.loads((folder / "answer_key.json").read_text())


def scanned_pdf(path: Path, pages: int = 5) -> Path:
    """An image-only PDF of ``pages`` pages of printed text, as a scanner makes: read by OCR, slowly."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 28)
    images = []
    for page in range(pages):
        image = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
        draw = ImageDraw.Draw(image)
        for line in range(40):
            draw.text((120, 120 + line * 52), f"Page {page} line {line}: Python and PostgreSQL at Initech",
                      font=font, fill=0)  # fmt: skip
        images.append(image)
    images[0].save(path, save_all=True, append_images=images[1:], resolution=200)
    return path


def many_page_pdf(path: Path, pages: int = 30, lines_per_page: int = 95) -> Path:
    """A dense text PDF of ``pages`` pages (within every limit): a few hundred milliseconds to read."""
    pdf = FPDF()
    pdf.set_font("Helvetica", size=7)
    for page in range(pages):
        pdf.add_page()
        for line in range(lines_per_page):
            pdf.cell(
                0, 2.9,
                f"Page {page} line {line}: Python, PostgreSQL and Docker at Initech, 2019-2023; "
                "designed, built and ran the billing platform's services and their data pipelines",
                new_x=XPos.LMARGIN, new_y=YPos.NEXT,
            )  # fmt: skip
    pdf.output(str(path))
    return path
