"""Lines of text with their place on the page, the shape every reader (PDF, OCR, DOCX, text) returns.

Real resumes put the name in the largest type, dates in a column of their own and two columns side by
side; plain text loses all of that. A ``Line`` keeps it: where it sits and how large it is set.
"""

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
