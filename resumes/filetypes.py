"""Decide what kind of file an upload is from its bytes, never from its name.

A file called ``cv.pdf`` may be HTML saved by a browser, a Windows executable or empty; the screening
pipeline must say so plainly instead of handing it to a parser that fails in a confusing way.
"""

import zipfile
from pathlib import Path

# Enough bytes to recognise every signature and to judge whether a file is text.
SNIFF_BYTES = 64 * 1024

# Share of control characters above which Latin-1 "text" is really binary data.
MAX_CONTROL_CHAR_RATIO = 0.05

SUPPORTED_KINDS = ("pdf", "docx", "txt", "zip", "png", "jpeg")

# Scans and photos of a printed resume, read by OCR.
_IMAGE_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}

_EXECUTABLE_SIGNATURES = {
    b"\x7fELF": "an executable program (ELF), not a resume",
    b"MZ": "a Windows executable, not a resume",
    b"\xca\xfe\xba\xbe": "an executable program (Mach-O), not a resume",
    b"\xcf\xfa\xed\xfe": "an executable program (Mach-O), not a resume",
}

_OTHER_BINARY_SIGNATURES = {
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "an old Microsoft Office file (.doc); save it as DOCX or PDF",
    b"{\\rtf": "an RTF document; save it as DOCX or PDF",
    b"GIF8": "an image (GIF); upload the resume as PDF, DOCX, text, PNG or JPEG",
    b"II*\x00": "a TIFF image; upload the resume as PDF, DOCX, text, PNG or JPEG",
    b"MM\x00*": "a TIFF image; upload the resume as PDF, DOCX, text, PNG or JPEG",
    b"\x1f\x8b": "a gzip file; only ZIP archives are read",
    b"Rar!": "a RAR archive; only ZIP archives are read",
    b"7z\xbc\xaf": "a 7-Zip archive; only ZIP archives are read",
}

_TEXT_CONTROLS = frozenset("\t\n\r\f\x1a")
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")

_HTML_OPENINGS = (b"<!doctype html", b"<html", b"<head", b"<body")


def detect_type(path: str | Path) -> tuple[str | None, str]:
    """Return ``(kind, reason)`` for the file at ``path``, judged by its content.

    ``kind`` is one of ``"pdf"``, ``"docx"``, ``"zip"``, ``"txt"``, ``"png"``, ``"jpeg"``, or ``None``
    when the file is not something we read; ``reason`` is then a sentence for the user (it is ``""``
    when ``kind`` is set).
    """
    path = Path(path)
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if not head:
        return None, "the file is empty"
    # ZIP first: a ZIP of PDFs has "%PDF-" in its first kilobyte too.
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path)
    if b"%PDF-" in head[:1024]:
        return "pdf", ""
    for signature, kind in _IMAGE_SIGNATURES.items():
        if head.startswith(signature):
            return kind, ""
    for signature, reason in {**_EXECUTABLE_SIGNATURES, **_OTHER_BINARY_SIGNATURES}.items():
        if head.startswith(signature):
            return None, f"the file is {reason}"
    return _text_kind(head)


def _zip_kind(path: Path) -> tuple[str | None, str]:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None, "the file looks like a ZIP archive but is damaged"
    if "word/document.xml" in names:
        return "docx", ""
    return "zip", ""


def _text_kind(head: bytes) -> tuple[str | None, str]:
    if b"\x00" in head:
        return None, "the file is binary data, not a PDF, DOCX, ZIP, text or image file"
    text = _decode_for_sniffing(head)
    if text is None:
        return None, "the file is binary data, not a PDF, DOCX, ZIP, text or image file"
    opening = text.lstrip("\ufeff \t\r\n").encode("utf-8", "replace")[:64].lower()
    if opening.startswith(_HTML_OPENINGS):
        return None, "the file is a web page (HTML); HTML is not a resume format we read"
    if not text.strip():
        return None, "the file contains only blank space"
    return "txt", ""


def _decode_for_sniffing(head: bytes) -> str | None:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        # The sniffed prefix may end inside a multi-byte character; that alone is not a reason to refuse.
        if error.start >= len(head) - 3 and error.reason == "unexpected end of data":
            text = head[: error.start].decode("utf-8")
        elif sum(byte in _CP1252_UNDEFINED for byte in head) / len(head) > MAX_CONTROL_CHAR_RATIO:
            return None
        else:
            # Not UTF-8: in practice such "Latin-1" files come from Windows, whose Latin-1 is cp1252.
            text = head.decode("cp1252", errors="replace")
    controls = sum(1 for char in text if ord(char) < 32 and char not in _TEXT_CONTROLS)
    if text and controls / len(text) > MAX_CONTROL_CHAR_RATIO:
        return None
    return text
