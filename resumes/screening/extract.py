"""Turn a resume file (PDF, DOCX or plain text) into normalised text plus warning flags.

``extract_text`` does the work in the calling process. ``extract_text_limited`` runs it in a forked child
under a memory and time limit, because a one-megabyte PDF can inflate to gigabytes and the parsers have no
limits of their own (DESIGN section 9).
"""

import math
import os
import pickle
import select
import signal
import time
import unicodedata
import zipfile
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

import docx2txt
from pdfminer.converter import TextConverter
from pdfminer.layout import LAParams, LTChar
from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.utils import apply_matrix_pt

# A resume is a few pages; reading more only costs time on documents that are not resumes.
MAX_PDF_PAGES = 30

# Parts of a DOCX are XML; refuse documents whose XML inflates past this before parsing any of it.
MAX_DOCX_XML_BYTES = 50 * 1024 * 1024

# Characters drawn smaller than this (in points) cannot be read on the page.
TINY_FONT_POINTS = 2.0

# Hidden characters tolerated before flagging: a stray white space-like glyph is not keyword stuffing.
HIDDEN_CHARS_BEFORE_FLAG = 10

# Painted areas remembered per page as possible backgrounds for white text; beyond this, stop judging.
MAX_BACKGROUNDS = 500

# The text render mode that paints nothing (PDF reference, "Tr" operator).
INVISIBLE_RENDER_MODE = 3

# Two-column resumes: pdfminer's layout analysis keeps each column's lines together when text boxes
# are ordered by position (boxes_flow) rather than read straight across the page.
PDF_LAYOUT = LAParams(line_margin=0.5, char_margin=2.0, word_margin=0.1, boxes_flow=0.5)


@dataclass
class Extraction:
    """Text of a resume, NFKC-normalised, and flags such as ``no_text`` or ``hidden_text``."""

    text: str
    flags: list[str] = field(default_factory=list)


class ExtractionError(Exception):
    """The file could not be read; ``reason`` is a sentence for the user, ``flags`` say why in short."""

    def __init__(self, reason: str, flags: list[str] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.flags = list(flags or [])


class _OutOfMemory(ExtractionError):
    pass


def extract_text(path: str | Path, kind: str) -> Extraction:
    """Extract the text of the file at ``path`` whose content type is ``kind`` ("pdf", "docx", "txt").

    Raises ``ExtractionError`` with a human reason for any file that cannot be read, whatever the
    underlying library raised.
    """
    readers = {"pdf": _read_pdf, "docx": _read_docx, "txt": _read_txt}
    if kind not in readers:
        raise ExtractionError(f"files of type {kind!r} cannot be read as a resume")
    try:
        text, flags = readers[kind](Path(path))
    except ExtractionError:
        raise
    except MemoryError:
        raise _OutOfMemory("extraction ran out of memory")
    except RecursionError:
        raise ExtractionError(f"the {kind.upper()} file is nested too deeply to read")
    except Exception as error:  # parsers raise anything on malformed input; the user needs one reason
        raise ExtractionError(
            f"the {kind.upper()} file is damaged or not valid ({type(error).__name__}: {error})"
        )
    text = normalise_text(text)
    if not text.strip():
        flags.append("no_text")
    return Extraction(text=text, flags=sorted(set(flags)))


def normalise_text(text: str) -> str:
    """NFKC-normalise ``text`` (ligatures such as "ﬁ" break matching) and tidy line breaks."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\x00", "")
    return text.replace("\u00ad", "")


def _read_pdf(path: Path) -> tuple[str, list[str]]:
    flags: list[str] = []
    with path.open("rb") as handle:
        try:
            document = PDFDocument(PDFParser(handle), password="")
        except PDFPasswordIncorrect:
            raise ExtractionError(
                "encrypted PDF: it needs a password to open; upload a copy without a password",
                flags=["encrypted"],
            )
        if document.encryption is not None:
            # Opened with the empty user password (permissions only): readable, but worth telling.
            flags.append("encrypted")
        output = StringIO()
        resources = PDFResourceManager(caching=True)
        converter = _HiddenTextAwareConverter(resources, output, laparams=PDF_LAYOUT)
        interpreter = PDFPageInterpreter(resources, converter)
        pages = 0
        for page in PDFPage.create_pages(document):
            pages += 1
            if pages > MAX_PDF_PAGES:
                flags.append("truncated")
                break
            interpreter.process_page(page)
        if pages == 0:
            raise ExtractionError("the PDF file has no pages")
    if converter.hidden_chars >= HIDDEN_CHARS_BEFORE_FLAG:
        flags.append("hidden_text")
    return output.getvalue(), flags


class _HiddenTextAwareConverter(TextConverter):
    """pdfminer's text converter that leaves out, and counts, characters a reader cannot see.

    Hidden means: render mode 3 (invisible), smaller than ``TINY_FONT_POINTS``, or filled white where
    nothing has been painted underneath (white text on a dark banner or a photo is visible, so dark
    fills and images drawn earlier on the page are remembered as possible backgrounds). Checked per
    character in the same pass that builds the layout, so it costs no second analysis.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.hidden_chars = 0
        self._render_mode = 0
        self._backgrounds: list[tuple[float, float, float, float]] = []

    def begin_page(self, page, ctm) -> None:
        self._backgrounds = []
        super().begin_page(page, ctm)

    def paint_path(self, gstate, stroke, fill, evenodd, path) -> None:
        if not fill or _is_white(gstate.ncolor, gstate.ncs) or len(self._backgrounds) >= MAX_BACKGROUNDS:
            return
        points = [
            apply_matrix_pt(self.ctm, (segment[i], segment[i + 1]))
            for segment in path
            for i in range(1, len(segment) - 1, 2)
        ]
        if points:
            xs, ys = [x for x, _ in points], [y for _, y in points]
            self._backgrounds.append((min(xs), min(ys), max(xs), max(ys)))

    def render_image(self, name, stream) -> None:
        if len(self._backgrounds) < MAX_BACKGROUNDS:
            figure = self.cur_item
            self._backgrounds.append((figure.x0, figure.y0, figure.x1, figure.y1))

    def render_string(self, textstate, seq, ncs, graphicstate) -> None:
        self._render_mode = textstate.render
        super().render_string(textstate, seq, ncs, graphicstate)

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:
        # Same as PDFLayoutAnalyzer.render_char, except that hidden characters are not added to the page.
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = self.handle_undefined_char(font, cid)
        char = LTChar(
            matrix,
            font,
            fontsize,
            scaling,
            rise,
            text,
            font.char_width(cid),
            font.char_disp(cid),
            ncs,
            graphicstate,
        )
        if text.strip() and self._is_hidden(char, graphicstate):
            self.hidden_chars += 1
        else:
            self.cur_item.add(char)
        return char.adv

    def _is_hidden(self, char: LTChar, graphicstate) -> bool:
        if self._render_mode == INVISIBLE_RENDER_MODE:
            return True
        if 0 < char.size < TINY_FONT_POINTS:
            return True
        if not _is_white(graphicstate.ncolor, graphicstate.ncs):
            return False
        if len(self._backgrounds) >= MAX_BACKGROUNDS:
            return False  # too busy a page to tell; give the text the benefit of the doubt
        x, y = (char.x0 + char.x1) / 2, (char.y0 + char.y1) / 2
        return not any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in self._backgrounds)


def _is_white(color, colorspace) -> bool:
    # Only device colour spaces say what colour a value is; in a Separation space 1.0 is full ink.
    name = getattr(colorspace, "name", "")
    if name not in ("DeviceGray", "DeviceRGB", "DeviceCMYK", "CalGray", "CalRGB", "ICCBased"):
        return False
    values = color if isinstance(color, (list, tuple)) else (color,)
    try:
        numbers = [float(value) for value in values]
    except (TypeError, ValueError):  # pattern colours and the like
        return False
    if len(numbers) in (1, 3):
        return all(value >= 0.98 for value in numbers)
    if len(numbers) == 4:  # CMYK: no ink is white
        return all(value <= 0.02 for value in numbers)
    return False


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
    return docx2txt.process(str(path)), []


def _read_txt(path: Path) -> tuple[str, list[str]]:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        # Not UTF-8: in practice such files come from Windows, whose "Latin-1" is cp1252.
        return data.decode("cp1252", errors="replace"), []


def extract_text_limited(
    path: str | Path, kind: str, *, timeout_seconds: float, memory_bytes: int
) -> Extraction:
    """Run ``extract_text`` in a forked child limited to ``memory_bytes`` more memory and ``timeout_seconds``.

    Running out of either becomes an ``ExtractionError`` saying which limit was hit. Safe to call from an
    RQ work horse: the child never returns into the caller's code (it leaves with ``os._exit``) and is
    killed and reaped on every path out of this function.
    """
    megabytes = memory_bytes // (1024 * 1024)
    memory_error = f"extraction exceeded the {megabytes} MB memory limit"
    try:
        read_end, write_end = os.pipe()
        pid = os.fork()
    except OSError as error:
        raise ExtractionError(f"could not start the extraction process ({error})")
    if pid == 0:  # child
        os.close(read_end)
        _run_child(write_end, path, kind, timeout_seconds, memory_bytes, memory_error)
    os.close(write_end)
    payload = b""
    finished = False
    try:
        payload = _read_until(read_end, time.monotonic() + timeout_seconds)
        finished = payload is not None
    finally:
        os.close(read_end)
        if not finished:
            _kill(pid)
        _, status = os.waitpid(pid, 0)
    if payload is None:
        raise ExtractionError(f"extraction took longer than {timeout_seconds:g} s")
    if not payload:
        # Killed by the kernel or the allocator: under an address-space cap, that is running out of memory.
        raise ExtractionError(memory_error)
    outcome = pickle.loads(payload)
    if outcome[0] == "ok":
        return Extraction(text=outcome[1], flags=outcome[2])
    raise ExtractionError(outcome[1], flags=outcome[2])


def _run_child(write_end: int, path, kind: str, timeout_seconds: float, memory_bytes: int, memory_error: str):
    import resource

    exit_code = 1
    try:
        # Handlers inherited from an RQ worker must not run here; the alarm is a backstop in case the
        # parent dies before it can kill this process.
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGALRM):
            signal.signal(signum, signal.SIG_DFL)
        signal.alarm(math.ceil(timeout_seconds) + 2)
        # The limit is on top of what the forked process already maps (the whole worker's address space),
        # so that the cap means "this much more for extraction" whatever the parent had loaded.
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = _address_space_bytes() + memory_bytes
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        try:
            extraction = extract_text(path, kind)
            outcome = ("ok", extraction.text, extraction.flags)
        except _OutOfMemory as error:
            outcome = ("error", memory_error, error.flags)
        except ExtractionError as error:
            outcome = ("error", error.reason, error.flags)
        except MemoryError:
            outcome = ("error", memory_error, [])
        payload = pickle.dumps(outcome)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
        exit_code = 0
    except MemoryError:
        exit_code = 3
    finally:
        os._exit(exit_code)


def _address_space_bytes() -> int:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _read_until(fd: int, deadline: float) -> bytes | None:
    """Everything the child writes up to end of file, or None when the deadline passes first."""
    chunks = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            return None
        chunk = os.read(fd, 1024 * 1024)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
