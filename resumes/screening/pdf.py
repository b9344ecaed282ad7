"""Read a PDF's text layer with PDFium (pypdfium2): words with their boxes, sizes and visibility.

PDFium is Chrome's PDF engine; its text layer costs a few milliseconds a file where pdfminer.six took
tens. We ask it for the page's text once, then for the box, font size and paint of the first and last
character of each word only: calls into the library cost about a microsecond each, and a resume has
thousands of characters but a few hundred words.

Hidden text (keyword stuffing) is left out and counted: text painted invisibly (render mode 3, unless it
lies on a scanned image, where it is the scan's OCR layer), set smaller than ``TINY_FONT_POINTS``, or
painted white where nothing darker was painted underneath.
"""

import ctypes
import re
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from .layout import SAME_SIZE, Line, reading_order

# A resume is a few pages; reading more only costs time on documents that are not resumes.
MAX_PDF_PAGES = 30

# Characters drawn smaller than this (in points) cannot be read on the page.
TINY_FONT_POINTS = 2.0

# Painted areas remembered per page as possible backgrounds for white text; beyond this, stop judging.
MAX_BACKGROUNDS = 500

# A word further from the previous one than this many font sizes starts a new fragment (a column, a
# tab stop): ordinary word spaces are a quarter to half of one.
FRAGMENT_GAP_EMS = 1.2

_INVISIBLE = raw.FPDF_TEXTRENDERMODE_INVISIBLE
_PAINTS_FILL = (raw.FPDF_TEXTRENDERMODE_FILL, raw.FPDF_TEXTRENDERMODE_FILL_STROKE)


class PasswordRequired(Exception):
    """The PDF cannot be opened without a password."""


class NoPages(Exception):
    """The PDF has no pages."""


@dataclass
class PdfText:
    """What a PDF's text layer holds: lines per page in reading order, and what was found on the way."""

    lines: list[Line]
    pages: int
    pages_without_text: list[int]  # numbers of the pages that show an image but have no text: scans
    hidden_chars: int
    encrypted: bool
    truncated: bool


def read_pdf(path, max_pages: int = MAX_PDF_PAGES) -> PdfText:
    """Read the text layer of the PDF at ``path`` (at most ``max_pages`` pages).

    Raises ``PasswordRequired`` or ``NoPages``; anything else PDFium raises means a damaged file.
    """
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == raw.FPDF_ERR_PASSWORD:
            raise PasswordRequired() from error
        raise
    try:
        count = len(document)
        if count == 0:
            raise NoPages()
        result = PdfText(
            lines=[],
            pages=min(count, max_pages),
            pages_without_text=[],
            hidden_chars=0,
            encrypted=raw.FPDF_GetSecurityHandlerRevision(document.raw) != -1,
            truncated=count > max_pages,
        )
        for number in range(result.pages):
            page = document[number]
            try:
                reader = _PageReader(page)
                fragments = reader.fragments(number)
                result.hidden_chars += reader.hidden_chars
                if not fragments and reader.has_images():
                    result.pages_without_text.append(number)
            finally:
                page.close()
            result.lines.extend(reading_order(fragments))
        return result
    finally:
        document.close()


class _PageReader:
    def __init__(self, page: pdfium.PdfPage) -> None:
        self.page = page
        self.to_page = _PageSpace(page)
        self.hidden_chars = 0
        self._paint: dict[int, tuple[int, bool]] = {}
        self._backgrounds: list[tuple[float, float, float, float]] | None = None
        self._images: list[tuple[float, float, float, float]] | None = None

    def fragments(self, number: int) -> list[Line]:
        """The page's words grouped into fragments: runs of words on one line with no wide gap."""
        textpage = self.page.get_textpage()
        try:
            text = textpage.get_text_range()
            return self._fragments(textpage, text, number)
        finally:
            textpage.close()

    def _fragments(self, textpage, text: str, number: int) -> list[Line]:
        handle = textpage.raw
        box = raw.FS_RECTF()
        fragments: list[Line] = []
        words: list[tuple[str, float, float, float, float, float]] = []

        def flush():
            if words:
                fragments.append(
                    Line(
                        text=" ".join(word[0] for word in words),
                        page=number,
                        x0=words[0][1],
                        top=min(word[2] for word in words),
                        x1=words[-1][3],
                        bottom=max(word[4] for word in words),
                        size=max(word[5] for word in words),
                    )
                )
                words.clear()

        for start, end in _word_spans(text):
            if text[start] == "\n":
                flush()
                continue
            size = raw.FPDFText_GetFontSize(handle, start)
            if self._is_hidden(handle, start, size):
                self.hidden_chars += end - start
                continue
            raw.FPDFText_GetLooseCharBox(handle, start, box)
            first = (box.left, box.top, box.right, box.bottom)
            raw.FPDFText_GetLooseCharBox(handle, end - 1, box)
            x0, top, x1, bottom = self.to_page(*first, box.left, box.top, box.right, box.bottom)
            if words:
                previous = words[-1]
                gap = x0 - previous[3]
                same_line = top < previous[4] and bottom > previous[2]
                smaller, larger = sorted((size, previous[5]))
                resized = smaller > 0 and larger > SAME_SIZE * smaller
                if not same_line or resized or gap > FRAGMENT_GAP_EMS * larger or gap < -size:
                    flush()
            words.append((text[start:end], x0, top, x1, bottom, size))
        flush()
        return fragments

    def _is_hidden(self, handle, index: int, size: float) -> bool:
        if 0 < size < TINY_FONT_POINTS:
            return True
        text_object = raw.FPDFText_GetTextObject(handle, index)
        if not text_object:
            return False
        key = ctypes.addressof(text_object.contents)
        if key not in self._paint:
            self._paint[key] = (raw.FPDFTextObj_GetTextRenderMode(text_object), _is_white(text_object))
        mode, white = self._paint[key]
        if mode == _INVISIBLE:
            return not self._on_image(text_object)
        return mode in _PAINTS_FILL and white and not self._on_background(text_object)

    def has_images(self) -> bool:
        """Whether anything is painted from an image here (a page without text may be a scan)."""
        if self._images is None:
            self._collect_paint()
        return bool(self._images)

    def _on_image(self, text_object) -> bool:
        if self._images is None:
            self._collect_paint()
        return _centre_within(text_object, self._images)

    def _on_background(self, text_object) -> bool:
        if self._backgrounds is None:
            self._collect_paint()
        if len(self._backgrounds) >= MAX_BACKGROUNDS:
            return True  # too busy a page to tell; give the text the benefit of the doubt
        return _centre_within(text_object, self._backgrounds)

    def _collect_paint(self) -> None:
        # Only pages with white or invisible text pay for walking the page's objects.
        self._backgrounds, self._images = [], []
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        for item in self.page.get_objects(max_depth=4):
            kind = item.type
            if kind == raw.FPDF_PAGEOBJ_IMAGE:
                self._images.append(item.get_bounds())
                self._backgrounds.append(item.get_bounds())
            elif kind == raw.FPDF_PAGEOBJ_PATH:
                raw.FPDFPath_GetDrawMode(item.raw, fill, stroke)
                if fill.value and not _is_white(item.raw):
                    self._backgrounds.append(item.get_bounds())
            elif kind == raw.FPDF_PAGEOBJ_SHADING:
                self._backgrounds.append(item.get_bounds())
            if len(self._backgrounds) >= MAX_BACKGROUNDS:
                break


_WORD_OR_BREAK = re.compile(r"[^\s]+|\n")


class _PageSpace:
    """Turns PDF user-space boxes into the page as shown: origin top left, the page's rotation applied."""

    def __init__(self, page: pdfium.PdfPage) -> None:
        self.left, self.bottom, self.right, self.top = page.get_cropbox()
        self.rotation = page.get_rotation()

    def __call__(self, *corners: float) -> tuple[float, float, float, float]:
        """The shown ``(x0, top, x1, bottom)`` around boxes given as ``left, top, right, bottom`` each."""
        if self.rotation == 0:  # most pages: two corners, no lists
            left, top, _, bottom, _, last_top, right, last_bottom = corners
            return (
                left - self.left,
                self.top - max(top, last_top),
                right - self.left,
                self.top - min(bottom, last_bottom),
            )
        xs, ys = corners[0::2], corners[1::2]
        if self.rotation == 90:
            shown_x, shown_y = [y - self.bottom for y in ys], [x - self.left for x in xs]
        elif self.rotation == 180:
            shown_x, shown_y = [self.right - x for x in xs], [y - self.bottom for y in ys]
        elif self.rotation == 270:
            shown_x, shown_y = [self.top - y for y in ys], [self.right - x for x in xs]
        else:
            raise ValueError(f"a page rotated by {self.rotation} degrees")
        return min(shown_x), min(shown_y), max(shown_x), max(shown_y)


def _word_spans(text: str):
    """``(start, end)`` of each run of non-space characters, and of each line break, in ``text``."""
    return (match.span() for match in _WORD_OR_BREAK.finditer(text))


def _is_white(page_object) -> bool:
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not raw.FPDFPageObj_GetFillColor(page_object, r, g, b, a):
        return False
    return min(r.value, g.value, b.value) >= 250 and a.value > 0


def _centre_within(page_object, areas) -> bool:
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if not raw.FPDFPageObj_GetBounds(page_object, left, bottom, right, top):
        return False
    x, y = (left.value + right.value) / 2, (bottom.value + top.value) / 2
    return any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in areas)
