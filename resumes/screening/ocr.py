"""Read pictures of pages with Tesseract: PDF pages without a text layer and photos or scans of a resume.

Tesseract runs in this process through tesserocr (its C API), so it stays under the memory cap of the
forked extraction child and dies with it on a timeout. Each function returns ``Line`` objects, in points
from the top left of the page like the PDF reader's; the text is as Tesseract read it, stripped (the
caller normalises it).
"""

import math
import os
from pathlib import Path

import tesserocr
from PIL import Image, ImageChops, ImageFilter, ImageOps, JpegImagePlugin, PngImagePlugin

from .errors import ExtractionError
from .layout import Line

# A scanned resume is a few pages; past this the caller stops and flags the file ``truncated``.
MAX_OCR_PAGES = 5

# Words further apart than this many line heights are separate fragments (a name, an address beside it).
FRAGMENT_GAP_LINES = 1.5
# Words this much taller than their neighbours are set in another size.
SIZE_CHANGE = 1.6

# PDF pages are rendered at this resolution for OCR (less for pages too large for it: render_dpi).
# On a degraded scan, 6-point text read 98.9 % right at 200 dpi, 99.96 % at 250 and 99.8 % at 300,
# and 250 costs about the CPU of 200 (larger text reads as well at any of them).
PDF_OCR_DPI = 250

# Pixels decoded from an uploaded image at most: a 48-megapixel phone photo, with room to spare. The
# check reads the image's header only, so a decompression bomb is refused before it is decoded.
MAX_IMAGE_PIXELS = 60_000_000

# Pixels rendered from one PDF page at most: A4 at 300 dpi is 8.7 million.
MAX_RENDER_PIXELS = 12_000_000

# Images are worked on at this size at most (long side, in pixels): a page at 300 dpi; larger photos
# only cost time. Small ones are read as they are: enlarging a 1000-pixel photo (87 dpi) made
# Tesseract read it worse, not better (98.6 % of the text against 99.4 %).
MAX_LONG_SIDE = 3500

# An image says nothing of its size on paper unless it records a resolution; otherwise assume the page
# fills the picture's long side (A4 is 11.7 inches long, Letter 11), which gives plausible point sizes.
PAGE_LONG_SIDE_INCHES = 11.5

# Lines without a letter or a digit are noise; so are lines without a letter that Tesseract reads with
# less confidence (0-100) than this (a phone number has no letter, but is read with confidence).
MIN_CONFIDENCE = 30

# Where Debian, Fedora and Homebrew install Tesseract's language data; TESSDATA_PREFIX overrides them.
TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tesseract/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)

LANGUAGE = "eng"

# Tesseract's default binarisation (Otsu: one threshold for the whole page) turns the shadowed half of
# a phone photo black; Sauvola's threshold follows the lighting. On a photo of a page darkened to half
# brightness at one corner, Otsu read 15 % of the text and Sauvola 99.8 %, with no loss on even scans.
THRESHOLDING_METHOD = "2"  # Sauvola

# A page read upside down or sideways comes back as garbage of low mean confidence (measured: 26
# against 93 upright). Below this, ask Tesseract's orientation detection (0.3 s a page,
# so only then) and read the page again turned upright.
CHECK_ORIENTATION_BELOW_CONFIDENCE = 60

# Speckle: a photo taken in poor light comes out of thresholding as a field of dots, which Tesseract
# neither reads (a dim page with noise: no line read) nor gets through quickly (a page of noise: two
# minutes of layout analysis). Measured as corners of ink (2 x 2 windows holding one ink pixel) per
# million pixels: printed pages and photos of them had 900 to 45,000, noise 276,000 to 415,000.
# Above the limit the picture is smoothed (a 3 x 3 median, after which those dim pages read right);
# still above it, it is noise and has no text.
MAX_INK_CORNERS_PER_MEGAPIXEL = 100_000

# Pictures smaller than this (pixels, either side) cannot show a line of text.
MIN_IMAGE_SIDE = 8

_api = None
_orientation_api = None


def tesseract() -> tesserocr.PyTessBaseAPI:
    """This process's Tesseract, created on first use (loading the language data takes 50 to 100 ms).

    A process forked after it exists (the extraction child) uses its own copy-on-write copy of it.
    """
    global _api
    if _api is None:
        _api = tesserocr.PyTessBaseAPI(
            path=tessdata_dir(),
            lang=LANGUAGE,
            psm=tesserocr.PSM.AUTO,
            variables={"thresholding_method": THRESHOLDING_METHOD},
        )
    return _api


def tessdata_dir() -> str:
    """The folder holding Tesseract's English data, or an ExtractionError saying how to install it."""
    configured = os.environ.get("TESSDATA_PREFIX")
    for folder in [configured] if configured else TESSDATA_DIRS:
        if (Path(folder) / f"{LANGUAGE}.traineddata").is_file():
            return str(folder)
    raise ExtractionError(
        "this server cannot read scanned pages or images: Tesseract's English data is not installed "
        "(Debian package tesseract-ocr-eng)",
        flags=["ocr"],
    )


def ocr_image(image: Image.Image, page: int = 0, dpi: float = PDF_OCR_DPI) -> list[Line]:
    """The lines of text Tesseract finds in ``image``, a picture of one page at ``dpi`` pixels per inch.

    Each line's box is converted to points; its ``size`` is the line's height from the top of its tallest
    letters to the bottom of its descenders, which is close to the font size. A page that reads as
    garbage is turned upright when Tesseract can tell which way up it is, and read again.
    """
    if min(image.size) < MIN_IMAGE_SIDE:
        return []
    lines, confidence = _recognise(image, page, dpi)
    if lines and confidence < CHECK_ORIENTATION_BELOW_CONFIDENCE:
        turn = _clockwise_turn(image)
        if turn:
            # Rotating counter-clockwise by the page's clockwise turn puts it upright.
            turned_lines, turned_confidence = _recognise(image.rotate(turn, expand=True), page, dpi)
            if turned_confidence > confidence:
                lines = turned_lines
    return lines


def _recognise(image: Image.Image, page: int, dpi: float) -> tuple[list[Line], float]:
    """The lines read in ``image`` and their mean confidence (0-100), weighted by their length."""
    api = tesseract()
    api.SetImage(image)
    api.SetSourceResolution(round(dpi))
    if _speckled(api):
        api.SetImage(image.filter(ImageFilter.MedianFilter(3)))
        api.SetSourceResolution(round(dpi))
        if _speckled(api):
            api.Clear()
            return [], 0.0
    api.Recognize()
    to_points = 72 / dpi
    lines: list[Line] = []
    weighted_confidence = 0.0
    words: list[tuple[str, float, tuple[int, int, int, int]]] = []
    row_height = 0.0

    def end_of_line():
        nonlocal weighted_confidence
        text = " ".join(word for word, _, _ in words)
        confidence = sum(conf * len(word) for word, conf, _ in words) / max(1, len(text))
        if text and not _is_noise(text, confidence):
            lines.extend(_fragments(words, row_height, page, to_points))
            weighted_confidence += confidence * len(text)
        words.clear()

    iterator = api.GetIterator()
    level = tesserocr.RIL.WORD
    for _ in tesserocr.iterate_level(iterator, level) if iterator is not None else ():
        if iterator.IsAtBeginningOf(tesserocr.RIL.TEXTLINE):
            end_of_line()
            row_height = (iterator.RowAttributes() or {}).get("row_height") or 0.0
        if iterator.Empty(level):
            continue
        text = (iterator.GetUTF8Text(level) or "").strip()
        box = iterator.BoundingBox(level)
        if text and box is not None:
            words.append((text, iterator.Confidence(level), box))
    end_of_line()
    api.Clear()
    characters = sum(len(line.text) for line in lines)
    return lines, (weighted_confidence / characters if characters else 0.0)


def _fragments(words, row_height: float, page: int, to_points: float) -> list[Line]:
    """One line's words as fragments: split where a wide gap or type of another size sets them apart.

    Tesseract sometimes reads a name in large type and an address beside it as one line. A fragment's
    ``size`` is the line's height, scaled by how tall its words are against the line's.
    """
    line_height = _median_height(words) or 1
    row_height = row_height or line_height
    groups = [[words[0]]]
    sized = words[0] if _has_letters(words[0][0]) else None  # a dash's box says nothing of its size
    for word in words[1:]:
        gap = word[2][0] - groups[-1][-1][2][2]
        resized = False
        if _has_letters(word[0]):
            if sized is not None:
                taller, shorter = sorted((_height(word), _height(sized)), reverse=True)
                resized = taller > SIZE_CHANGE * max(shorter, 1)
            sized = word
        if gap > FRAGMENT_GAP_LINES * row_height or resized:
            groups.append([])
        groups[-1].append(word)
    fragments = []
    for group in groups:
        scale = (_median_height(group) or line_height) / line_height
        fragments.append(
            Line(
                text=" ".join(word for word, _, _ in group),
                page=page,
                x0=group[0][2][0] * to_points,
                top=min(box[1] for _, _, box in group) * to_points,
                x1=group[-1][2][2] * to_points,
                bottom=max(box[3] for _, _, box in group) * to_points,
                size=round(row_height * scale * to_points, 1),
            )
        )
    return fragments


def _height(word) -> int:
    return word[2][3] - word[2][1]


def _has_letters(text: str) -> bool:
    return sum(char.isalnum() for char in text) >= 2


def _median_height(words) -> int:
    heights = sorted(_height(word) for word in words if _has_letters(word[0]))
    return heights[len(heights) // 2] if heights else 0


def _speckled(api: tesserocr.PyTessBaseAPI) -> bool:
    """Whether the image ``api`` holds thresholds to a field of dots (see MAX_INK_CORNERS_PER_MEGAPIXEL)."""
    thresholded = api.GetThresholdedImage()  # kept by Tesseract: Recognize does not threshold again
    if thresholded is None:
        return False
    return _ink_corners_per_megapixel(thresholded) > MAX_INK_CORNERS_PER_MEGAPIXEL


def _ink_corners_per_megapixel(thresholded: Image.Image) -> float:
    """How many 2 x 2 windows of ``thresholded`` (black ink on white) hold exactly one ink pixel, per
    million pixels: a page of text has a few thousand, a field of dots hundreds of thousands."""
    ink = ImageOps.invert(thresholded.convert("L")).point(lambda value: 1 if value > 127 else 0)
    width, height = ink.size
    if width < 2 or height < 2:
        return 0.0
    corners = [
        ink.crop((dx, dy, width - 1 + dx, height - 1 + dy)) for dx, dy in ((0, 0), (1, 0), (0, 1), (1, 1))
    ]
    counts = ImageChops.add(ImageChops.add(corners[0], corners[1]), ImageChops.add(corners[2], corners[3]))
    return counts.histogram()[1] * 1_000_000 / (width * height)


def _clockwise_turn(image: Image.Image) -> int:
    """How far ``image`` is turned clockwise (0, 90, 180 or 270 degrees), 0 when Tesseract cannot tell."""
    global _orientation_api
    if _orientation_api is None:
        try:
            _orientation_api = tesserocr.PyTessBaseAPI(
                path=tessdata_dir(), lang="osd", psm=tesserocr.PSM.OSD_ONLY
            )
        except RuntimeError:  # no osd.traineddata (Debian package tesseract-ocr-osd): read as it is
            _orientation_api = False
    if not _orientation_api:
        return 0
    _orientation_api.SetImage(image)
    found = _orientation_api.DetectOrientationScript()
    _orientation_api.Clear()
    if not found or found.get("orient_deg") not in (90, 180, 270):
        return 0
    return found["orient_deg"]


def _is_noise(text: str, confidence: float) -> bool:
    if not any(char.isalnum() for char in text):
        return True
    return confidence < MIN_CONFIDENCE and not any(char.isalpha() for char in text)


def read_image_file(path: str | Path) -> list[Line]:
    """The lines of text in an uploaded PNG or JPEG: a scan or a photo of one printed page.

    Raises ExtractionError for an image too large to decode safely or one that is damaged.
    """
    try:
        image = _open_image(Path(path))
    except (OSError, SyntaxError, ValueError) as error:
        raise ExtractionError(f"the image is damaged or not a PNG or JPEG file ({error})")
    with image:
        width, height = image.size
        if width * height > MAX_IMAGE_PIXELS:
            raise ExtractionError(
                f"the image is {width} × {height} pixels, more than the "
                f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels read for a resume"
            )
        try:
            page, dpi = _prepare(image)
        except MemoryError:
            raise
        except Exception as error:  # Pillow raises OSError, SyntaxError, ValueError... on damaged data
            raise ExtractionError(f"the image is damaged ({type(error).__name__}: {error})")
    return ocr_image(page, dpi=dpi)


def _open_image(path: Path) -> Image.Image:
    """The PNG or JPEG at ``path``, its header read and its pixels not yet decoded.

    The format's own reader rather than ``Image.open``: that one refuses large images with a message
    that does not say how large, and the caller gives a clearer reason for a lower limit.
    """
    with path.open("rb") as handle:
        signature = handle.read(8)
    if signature.startswith(b"\x89PNG\r\n\x1a\n"):
        return PngImagePlugin.PngImageFile(path)
    if signature.startswith(b"\xff\xd8\xff"):
        return JpegImagePlugin.JpegImageFile(path)
    raise ValueError("no PNG or JPEG signature")


def _prepare(image: Image.Image) -> tuple[Image.Image, float]:
    """``image`` upright, in shades of grey, at a size Tesseract reads well; and its resolution then."""
    original_long_side = max(image.size)
    recorded_dpi = _recorded_dpi(image)
    # JPEG can decode at 1/2, 1/4 or 1/8 scale directly: a large photo never exists in memory full size.
    image.draft("L", (MAX_LONG_SIDE, MAX_LONG_SIDE))
    image.load()
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        # Transparent pixels are black underneath: put the page on white paper first.
        image = Image.alpha_composite(Image.new("RGBA", image.size, "white"), image.convert("RGBA"))
    page = image.convert("L")
    if max(page.size) > MAX_LONG_SIDE:
        scale = MAX_LONG_SIDE / max(page.size)
        size = (max(1, round(page.width * scale)), max(1, round(page.height * scale)))
        page = page.resize(size, Image.Resampling.LANCZOS)
    dpi = (recorded_dpi or original_long_side / PAGE_LONG_SIDE_INCHES) * max(page.size) / original_long_side
    return page, max(dpi, 1.0)


def _recorded_dpi(image: Image.Image) -> float | None:
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0])
    except (TypeError, ValueError, IndexError):
        return None
    # Many programs write 72 or 96 whatever the picture shows; only a scanner's figure is worth trusting.
    return value if 150 <= value <= 1200 else None


def render_dpi(width_points: float, height_points: float, dpi: float = PDF_OCR_DPI) -> float:
    """``dpi``, or less for a page so large that rendering it at ``dpi`` would pass MAX_RENDER_PIXELS."""
    pixels = (width_points * dpi / 72) * (height_points * dpi / 72)
    if pixels <= MAX_RENDER_PIXELS:
        return dpi
    return dpi * math.sqrt(MAX_RENDER_PIXELS / pixels)


def ocr_pdf_page(page, page_number: int) -> list[Line]:
    """The lines of text on ``page`` (a ``pypdfium2.PdfPage`` without a text layer), read by OCR."""
    width, height = page.get_size()
    dpi = render_dpi(width, height)
    image = page.render(scale=dpi / 72, grayscale=True).to_pil()
    return ocr_image(image, page=page_number, dpi=dpi)
