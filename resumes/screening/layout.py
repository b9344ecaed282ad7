"""Lines of text with their place on the page, the shape every reader (PDF, OCR, DOCX, text) returns.

Real resumes put the name in the largest type, dates in a column of their own and two columns side by
side; plain text loses all of that. A ``Line`` keeps it: where it sits and how large it is set.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text as printed.

    Coordinates are in points with the origin at the top left of the page (``top`` < ``bottom``).
    ``size`` is the font size in points; formats without positions (DOCX, plain text) give 0 for all
    four coordinates and the size where they know it (else 0).
    """

    text: str
    page: int = 0
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    size: float = 0.0

    @property
    def height(self) -> float:
        return self.bottom - self.top


# A side whose fragments are this often short and dated is a column of dates.
DATE_COLUMN_SHARE = 0.5
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")

# Each column holds at least this share of the page's text (measured: real sidebars 9 % and more, a
# template's column of "City" placeholders 6 %).
MIN_COLUMN_TEXT = 0.07

# At least this share of a column's fragments start at one left edge (the rest are indented).
LEFT_ALIGNED_SHARE = 0.4

# A gutter between two columns lies at least this share of the text's width from either edge: a narrow
# column of dates beside its entries is not a column of its own (its dates belong to the entry beside
# them, on the same row).
MIN_COLUMN_SHARE = 0.2

# At most this share of a page's fragments may cross a gutter (a full-width heading, the name).
MAX_CROSSING_SHARE = 0.25

# Fragments at least this far apart on one row are joined with a wide gap, which reads as a separator.
WIDE_GAP_EMS = 1.2
# Type up to this much larger is the same text (bold, a symbol font); beyond it, another thing.
SAME_SIZE = 1.2


def reading_order(fragments: list[Line]) -> list[Line]:
    """One page's fragments as lines in the order a person reads them.

    Fragments on one row are joined left to right (a date printed in a column of its own joins its
    entry); when the page has two columns, the left one is read to its end before the right one, with
    anything that spans both (the name, a full-width heading) read where it stands.
    """
    if not fragments:
        return []
    fragments = merged(fragments)
    gutter = find_gutter(fragments)
    if gutter is None:
        return rows(fragments)
    left = [f for f in fragments if f.x1 <= gutter]
    right = [f for f in fragments if f.x0 >= gutter]
    spanning = sorted((f for f in fragments if f.x0 < gutter < f.x1), key=lambda f: f.top)
    ordered: list[Line] = []
    upper = float("-inf")
    for boundary in [*spanning, None]:
        lower = boundary.top if boundary is not None else float("inf")
        ordered += rows([f for f in left if upper <= f.top < lower])
        ordered += rows([f for f in right if upper <= f.top < lower])
        if boundary is not None:
            ordered += rows([boundary])
            upper = boundary.top
    return ordered


def find_gutter(fragments: list[Line]) -> float | None:
    """The x of the gap between two side-by-side columns of ``fragments``, or None for one column."""
    if len(fragments) < 10:
        return None
    left_edge = min(f.x0 for f in fragments)
    right_edge = max(f.x1 for f in fragments)
    margin = (right_edge - left_edge) * MIN_COLUMN_SHARE
    characters = _chars(fragments)
    best = None
    for candidate in sorted({f.x1 for f in fragments}):
        gutter = candidate + 0.5
        if not left_edge + margin <= gutter <= right_edge - margin:
            continue
        left = [f for f in fragments if f.x1 <= gutter]
        right = [f for f in fragments if f.x0 >= gutter]
        crossing = len(fragments) - len(left) - len(right)
        if len(left) < 4 or len(right) < 4 or crossing > MAX_CROSSING_SHARE * len(fragments):
            continue
        # A column is text set across a good part of the page from a common left edge, not a stack of
        # right-aligned dates and places beside the entries they belong to.
        if min(_extent(left), _extent(right)) < margin or not (_left_aligned(left) and _left_aligned(right)):
            continue
        # A column of dates is the dates of the entries beside it, not a column to read on its own; nor
        # is a side holding hardly any of the page's text (places, placeholders, icons).
        if _mostly_dates(left) or _mostly_dates(right):
            continue
        if min(_chars(left), _chars(right)) < MIN_COLUMN_TEXT * characters:
            continue
        # Side by side means the columns share most of their height.
        top = max(min(f.top for f in left), min(f.top for f in right))
        bottom = min(max(f.bottom for f in left), max(f.bottom for f in right))
        shorter = min(max(f.bottom for f in side) - min(f.top for f in side) for side in (left, right))
        if shorter <= 0 or (bottom - top) < 0.5 * shorter:
            continue
        # What crosses above or below the columns is a header or a footer; what crosses between their
        # tops and bottoms says the gutter is not there.
        inside = sum(1 for f in fragments if f.x0 < gutter < f.x1 and top <= f.top <= bottom)
        if best is None or (inside, crossing) < best[0]:
            best = ((inside, crossing), gutter)
    return best[1] if best else None


def merged(fragments: list[Line]) -> list[Line]:
    """``fragments`` with the neighbours on one row that no wide gap separates joined into one.

    Readers hand fragments over in the order the file draws them, which may be any order at all.
    """
    result = []
    for row in _grouped_rows(fragments):
        current = [row[0]]
        for fragment in row[1:]:
            if _apart(current[-1], fragment):
                result.append(_joined(current))
                current = []
            current.append(fragment)
        result.append(_joined(current))
    return result


def _apart(left: Line, right: Line) -> bool:
    """Whether two fragments on a row are separate things: a wide gap, or type of another size."""
    smaller, larger = sorted((left.size, right.size))
    if smaller and larger > SAME_SIZE * smaller:
        return True
    return right.x0 - left.x1 > WIDE_GAP_EMS * max(larger, 1)


def _chars(fragments: list[Line]) -> int:
    return sum(len(f.text) for f in fragments)


def _mostly_dates(fragments: list[Line]) -> bool:
    dated = sum(1 for f in fragments if len(f.text) <= 40 and YEAR.search(f.text))
    return dated >= DATE_COLUMN_SHARE * len(fragments)


def _left_aligned(fragments: list[Line]) -> bool:
    edges: dict[int, int] = {}
    for fragment in fragments:
        edge = round(fragment.x0 / 3)
        edges[edge] = edges.get(edge, 0) + 1
    return max(edges.values()) >= LEFT_ALIGNED_SHARE * len(fragments)


def _extent(fragments: list[Line]) -> float:
    return max(f.x1 for f in fragments) - min(f.x0 for f in fragments)


def rows(fragments: list[Line]) -> list[Line]:
    """``fragments`` grouped into rows (top to bottom), each row's parts joined left to right."""
    return [_joined(row) for row in _grouped_rows(fragments)]


def _grouped_rows(fragments: list[Line]) -> list[list[Line]]:
    """Fragments whose middles lie at one height, each row left to right.

    By the middle, not the top: an icon font's boxes stand higher or lower than the text beside them.
    """
    grouped: list[list[Line]] = []
    middle = 0.0
    for fragment in sorted(fragments, key=lambda f: (f.top + f.bottom, f.x0)):
        centre = (fragment.top + fragment.bottom) / 2
        if grouped:
            row = grouped[-1]
            if abs(centre - middle) <= 0.35 * min(fragment.height, min(f.height for f in row)):
                row.append(fragment)
                middle += (centre - middle) / len(row)
                continue
        grouped.append([fragment])
        middle = centre
    return [sorted(row, key=lambda f: f.x0) for row in grouped]


def _joined(row: list[Line]) -> Line:
    if len(row) == 1:
        return row[0]
    parts = [row[0].text]
    for previous, fragment in zip(row, row[1:], strict=False):
        parts.append("   " if _apart(previous, fragment) else " ")
        parts.append(fragment.text)
    return Line(
        text="".join(parts),
        page=row[0].page,
        x0=row[0].x0,
        top=min(f.top for f in row),
        x1=max(f.x1 for f in row),
        bottom=max(f.bottom for f in row),
        size=max(f.size for f in row),
    )
