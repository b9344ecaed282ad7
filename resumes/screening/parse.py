"""Pull the facts a recruiter screens on out of a resume's text (and its layout, where it has one).

Each field has its module: the name (``names.py``), the phone (``phones.py``), skills (``skills.py``)
and years of experience (``dates.py``); email and links are read here.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from .dates import years_of_experience
from .layout import Line
from .names import find_name
from .skills import find_skills

EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)

# A run of digits with the separators phone numbers are written with; checked further in _phone().
PHONE_CANDIDATE = re.compile(r"(?<![\w+/.])(?:\+|00)?\(?\d[\d \t().\-]{5,}\d(?![\w/])")
PHONE_LABEL = re.compile(r"\b(?:phone|tel|telephone|mobile|mob|cell|ph)\b\.?\s*:?\s*$", re.IGNORECASE)
YEAR_RANGE_LOOKALIKE = re.compile(r"^\(?(?:19|20)\d\d\)?\s*[-–—]\s*\(?(?:19|20)\d\d\)?$")

URL = re.compile(r"https?://[^\s<>\"'()|]+", re.IGNORECASE)
BARE_PROFILE_URL = re.compile(
    r"(?<![\w./@-])(?:www\.)?(?:linkedin\.com|github\.com|gitlab\.com|bitbucket\.org|stackoverflow\.com)"
    r"/[^\s<>\"'()|,;]+",
    re.IGNORECASE,
)


@dataclass
class Parsed:
    """What was read from one resume. ``skills`` maps canonical skill names to evidence snippets."""

    name: str | None
    email: str | None
    phone: str | None
    links: list[str]
    skills: dict[str, str]
    years: float
    text: str = field(default="", repr=False)


def parse_resume(text: str, today: date | None = None, lines: list[Line] | None = None) -> Parsed:
    """Parse resume ``text``; ``today`` is the date "Present" means (default: today's date).

    ``lines`` are the same text with positions and sizes, where the format has them (PDF, OCR).
    """
    today = today or date.today()
    return Parsed(
        name=find_name(text, lines),
        email=find_email(text),
        phone=find_phone(text),
        links=find_links(text),
        skills=find_skills(text),
        years=years_of_experience(text, today),
        text=text,
    )


def find_email(text: str) -> str | None:
    """The first email address in ``text``, lower-cased."""
    match = EMAIL.search(text)
    return match.group().lower().rstrip(".") if match else None


def find_phone(text: str) -> str | None:
    """The most phone-like number in ``text``: ``+`` and digits when written internationally, else digits.

    A number marked with a label ("Phone:", "Tel") or written with + wins over a bare one. Year ranges
    and dates are not phone numbers.
    """
    best: tuple[int, int, str] | None = None
    for match in PHONE_CANDIDATE.finditer(text):
        raw = match.group().strip()
        if YEAR_RANGE_LOOKALIKE.match(raw) or raw.count("(") != raw.count(")"):
            continue
        international = raw.startswith(("+", "00"))
        # "+44 (0)20 ..." writes the national trunk prefix in brackets; it is not dialled from abroad.
        digits = re.sub(r"\D", "", raw.replace("(0)", "") if international else raw)
        if international and raw.startswith("00"):
            digits = digits[2:]
        if not 7 <= len(digits) <= 15:
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        labelled = bool(PHONE_LABEL.search(text[line_start : match.start()]))
        rank = (2 if labelled else 0) + (1 if international else 0)
        normalised = f"+{digits}" if international else digits
        if best is None or rank > best[0]:
            best = (rank, match.start(), normalised)
    return best[2] if best else None


def find_links(text: str) -> list[str]:
    """Web links in ``text`` in order of appearance, each once; bare profile links get ``https://``."""
    found: list[tuple[int, str]] = []
    for match in URL.finditer(text):
        found.append((match.start(), match.group()))
    covered = [(match.start(), match.end()) for match in URL.finditer(text)]
    for match in BARE_PROFILE_URL.finditer(text):
        if not any(start <= match.start() < end for start, end in covered):
            found.append((match.start(), "https://" + match.group()))
    links: list[str] = []
    for _, link in sorted(found):
        link = link.rstrip(".,;:!?)]}'\"")
        if link not in links:
            links.append(link)
    return links
