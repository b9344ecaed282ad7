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
from .phones import find_phone, region_from_text
from .skills import find_skills

EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)

# A word right before an email address, as OCR leaves "amelia brooks@..." and "ingrid. haugen@...".
WORD_BEFORE_EMAIL = re.compile(r"(?<![\w.])([^\W\d_]{2,})\.? $")

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
    name = find_name(text, lines)
    return Parsed(
        name=name,
        email=find_email(text, name),
        phone=find_phone(text, lines, region_from_text(text)),
        links=find_links(text),
        skills=find_skills(text),
        years=years_of_experience(text, today),
        text=text,
    )


def find_email(text: str, name: str | None = None) -> str | None:
    """The first email address in ``text``, lower-cased.

    OCR reads the dot in ``amelia.brooks@`` as a space now and then; where the word before the address
    is one of the candidate's ``name``, it is put back.
    """
    match = EMAIL.search(text)
    if not match:
        return None
    email = match.group().lower().rstrip(".")
    before = WORD_BEFORE_EMAIL.search(text, 0, match.start())
    if name and before and before.group(1).lower() in name.lower().split():
        email = f"{before.group(1).lower()}.{email}"
    return email


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
