"""Turn a resume file (PDF, DOCX, plain text or an image) into normalised lines of text plus flags.

``extract_text`` does the work in the calling process. ``extract_text_limited`` runs it in a forked child
under a memory and time limit (``reader.py``), because a one-megabyte PDF can inflate to gigabytes and
the readers have no limits of their own.
"""

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx2txt
import pypdfium2 as pdfium

from . import ocr
from .errors import ExtractionError
from .layout import Line, reading_order
from .pdf import NoPages, PasswordRequired, read_pdf
from .reader import OutOfMemory, Reader

# Parts of a DOCX are XML; refuse documents whose XML inflates past this before parsing any of it.
MAX_DOCX_XML_BYTES = 50 * 1024 * 1024

# Hidden characters tolerated before flagging: a stray white space-like glyph is not keyword stuffing.
HIDDEN_CHARS_BEFORE_FLAG = 10


@dataclass
class Extraction:
    """A resume's lines (NFKC-normalised, in reading order), their text, and flags such as ``no_text``."""

    text: str
    flags: list[str] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)


def extract_text(path: str | Path, kind: str) -> Extraction:
    """Extract the lines of the file at ``path`` of content type ``kind`` (pdf, docx, txt, png, jpeg).

    Pages without a text layer and images are read with OCR, flagged ``ocr``.

    Raises ``ExtractionError`` with a human reason for any file that cannot be read, whatever the
    underlying library raised.
    """
    readers = {
        "pdf": _read_pdf,
        "docx": _read_docx,
        "txt": _read_txt,
        "png": _read_image,
        "jpeg": _read_image,
    }
    if kind not in readers:
        raise ExtractionError(f"files of type {kind!r} cannot be read as a resume")
    try:
        lines, flags = readers[kind](Path(path))
    except ExtractionError:
        raise
    except MemoryError:
        raise OutOfMemory("extraction ran out of memory")
    except RecursionError:
        raise ExtractionError(f"the {kind.upper()} file is nested too deeply to read")
    except Exception as error:  # parsers raise anything on malformed input; the user needs one reason
        raise ExtractionError(
            f"the {kind.upper()} file is damaged or not valid ({type(error).__name__}: {error})"
        )
    lines = [line for line in _normalised(lines) if line.text.strip()]
    text = "\n".join(line.text for line in lines)
    if not text.strip():
        flags.append("no_text")
    return Extraction(text=text, flags=sorted(set(flags)), lines=lines)


def normalise_text(text: str) -> str:
    """NFKC-normalise ``text`` (ligatures such as "ﬁ" break matching) and tidy what readers leave in it.

    A soft hyphen between spaces stands for a dash (LaTeX classes print date ranges so); elsewhere it
    only marks where a word may break. PDFium marks a word broken at the end of a line with U+FFFE.
    The result can always be encoded, so that every page can show it.
    """
    # A lone surrogate (a PDF's broken ToUnicode map) cannot be stored or shown: it becomes "?".
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = unicodedata.normalize("NFKC", SPACING_ACCENT.sub(_accented, text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\x00", "")
    text = text.replace(" \u00ad ", " - ")
    return text.replace("\u00ad", "").replace("\ufffe", "")


# TeX's older font encodings draw an accent as a glyph of its own before the letter: "Zo¨e", "Mar´ıa".
SPACING_ACCENT = re.compile(
    "([\u00a8\u00b4\u02c6\u02dc\u00b8\u02c7\u02d8\u02d9\u02da\u02dd\u00af])\\s?([A-Za-z\u0131])"
)
COMBINING = {
    "\u00a8": "\u0308", "\u00b4": "\u0301", "\u02c6": "\u0302", "\u02dc": "\u0303",
    "\u00b8": "\u0327", "\u02c7": "\u030c", "\u02d8": "\u0306", "\u02d9": "\u0307",
    "\u02da": "\u030a", "\u02dd": "\u030b", "\u00af": "\u0304",
}  # fmt: skip


def _accented(match: re.Match) -> str:
    letter = "i" if match.group(2) == "\u0131" else match.group(2)
    return unicodedata.normalize("NFC", letter + COMBINING[match.group(1)])


def _normalised(lines: list[Line]):
    for line in lines:
        text = normalise_text(line.text)
        if "\n" in text:
            for part in text.split("\n"):
                yield _with_text(line, part)
        else:
            yield _with_text(line, text)


def _with_text(line: Line, text: str) -> Line:
    return Line(text, line.page, line.x0, line.top, line.x1, line.bottom, line.size)


def _read_pdf(path: Path) -> tuple[list[Line], list[str]]:
    try:
        pdf = read_pdf(path)
    except PasswordRequired:
        raise ExtractionError(
            "encrypted PDF: it needs a password to open; upload a copy without a password",
            flags=["encrypted"],
        )
    except NoPages:
        raise ExtractionError("the PDF file has no pages")
    lines, flags = pdf.lines, []
    if pdf.pages_without_text:
        scanned = _ocr_pages(path, pdf.pages_without_text[: ocr.MAX_OCR_PAGES])
        if scanned:
            flags.append("ocr")
            # Each page's lines stay in reading order; a scanned page takes its place among the others.
            lines = sorted(lines + scanned, key=lambda line: line.page)
        if len(pdf.pages_without_text) > ocr.MAX_OCR_PAGES:
            flags.append("truncated")
    if pdf.encrypted:
        # Opened with the empty user password (permissions only): readable, but worth telling.
        flags.append("encrypted")
    if pdf.truncated:
        flags.append("truncated")
    if pdf.hidden_chars >= HIDDEN_CHARS_BEFORE_FLAG:
        flags.append("hidden_text")
    return lines, flags


def _ocr_pages(path: Path, numbers: list[int]) -> list[Line]:
    document = pdfium.PdfDocument(str(path))
    try:
        lines = []
        for number in numbers:
            page = document[number]
            try:
                lines += reading_order(ocr.ocr_pdf_page(page, number))
            finally:
                page.close()
        return lines
    finally:
        document.close()


def _read_image(path: Path) -> tuple[list[Line], list[str]]:
    """A photo or scan of a printed page, read with OCR."""
    return reading_order(ocr.read_image_file(path)), ["ocr"]


def _read_docx(path: Path) -> tuple[str, list[str]]:
    try:
        with zipfile.ZipFile(path) as archive:
            xml_bytes = sum(info.file_size for info in archive.infolist() if info.filename.endswith(".xml"))
    except zipfile.BadZipFile:
        raise ExtractionError("the DOCX file is damaged (not a valid ZIP package)")
    if xml_bytes > MAX_DOCX_XML_BYTES:
        raise ExtractionError(
            f"the DOCX file's content would inflate to {xml_bytes // (1024 * 1024)} MB, "
            f"more than the {MAX_DOCX_XML_BYTES // (1024 * 1024)} MB read for a resume"
        )
    # docx2txt reads the page headers and footers too (contact details often live there), and tables,
    # which python-docx's paragraphs miss.
    return _text_lines(docx2txt.process(str(path))), []


def _read_txt(path: Path) -> tuple[list[Line], list[str]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Not UTF-8: in practice such files come from Windows, whose "Latin-1" is cp1252.
        text = data.decode("cp1252", errors="replace")
    return _text_lines(text), []


def _text_lines(text: str) -> list[Line]:
    """Lines of a format that has no positions (DOCX as read, plain text)."""
    return [Line(line) for line in text.splitlines()]


def extract_text_limited(
    path: str | Path, kind: str, *, timeout_seconds: float, memory_bytes: int
) -> Extraction:
    """Run ``extract_text`` in a child process of its own, limited to ``memory_bytes`` more memory and
    ``timeout_seconds`` (see ``reader.Reader``, which a worker keeps for many files).

    Running out of either becomes an ``ExtractionError`` saying which limit was hit.
    """
    with Reader(memory_bytes, extract_text) as reader:
        return reader.read(path, kind, timeout_seconds)
