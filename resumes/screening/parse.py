"""Pull the facts a recruiter screens on out of a resume's text.

Name, email, phone, links, skills (see ``skills.py``) and total years of experience. Years come from date
ranges ("Jan 2018 - Mar 2021", "2015–2019", "03/2019 - Present") with overlapping jobs counted once and
ranges under an Education heading left out.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from resumes.screening.skills import find_skills

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

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# One end of a range: "March 2019", "Mar. 2019", "03/2019", "3.2019", "2019".
DATE_POINT = (
    rf"(?:(?P<{{p}}month>{MONTH_NAME})\.?,?\s*|(?P<{{p}}num>0?[1-9]|1[0-2])\s*[/.]\s*)?"
    r"(?P<{p}year>(?:19|20)\d\d)"
)
ONGOING = r"present|current|now|today|to\s+date|date|ongoing"
DATE_RANGE = re.compile(
    r"(?<![\w/.])"
    + DATE_POINT.format(p="start_")
    + r"\s*(?:-|–|—|‒|―|to|until|till|through|thru)\s*(?:"
    + DATE_POINT.format(p="end_")
    + rf"|(?P<ongoing>{ONGOING}))(?![\w/])",
    re.IGNORECASE,
)

# Headings whose date ranges are not work experience.
NON_WORK_HEADINGS = re.compile(
    r"^(?:education|academic(?:\s+background|\s+history)?|qualifications|certifications?|courses|training"
    r"|publications|awards|education\s*(?:&|and)\s*training)\s*:?$",
    re.IGNORECASE,
)
WORK_HEADINGS = re.compile(
    r"^(?:(?:professional|work|relevant|employment)?\s*(?:experience|history)|employment|career(?:\s+history)?"
    r"|projects|volunteering|volunteer\s+experience|skills|technical\s+skills|summary|profile|contact"
    r"|languages|interests|references)\s*:?$",
    re.IGNORECASE,
)

# Words that make a line a heading or a job title rather than a person's name.
NOT_NAME_WORDS = frozenset(
    """resume résumé cv curriculum vitae contact profile summary experience education skills objective
    references projects engineer developer manager senior junior lead software analyst designer scientist
    consultant specialist director architect administrator intern officer coordinator assistant
    professional work history page phone email address technical data product sales marketing
    languages interests certifications employment career about me personal details information""".split()
)
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
# Amelia, Müller, O'Brien, McDonald, Anne-Marie, an initial (J.), or a word in capitals (DOE).
_NAME_PART = rf"[{_UPPER}](?:[{_LOWER}]*['’][{_UPPER}])?[{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)?"
NAME_WORD = re.compile(rf"^(?:{_NAME_PART}(?:-{_NAME_PART})?|[{_UPPER}]\.|[{_UPPER}'’-]{{2,}})$")
NAME_PARTICLES = frozenset(
    {"de", "da", "van", "von", "der", "den", "del", "della", "di", "la", "le", "bin", "al"}
)
LETTER_RUN = re.compile(r"[^\W\d_]+")  # the parts of O'BRIEN-SMITH to capitalise
NAME_LABEL = re.compile(r"^\s*(?:full\s+)?name\s*:\s*", re.IGNORECASE)
LINE_SEPARATORS = re.compile(r"\s*(?:[|•·●▪◦]|\t|\s{3,}| — | – )\s*")

# Lines from the top of the resume considered for the name.
NAME_SEARCH_LINES = 25


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


def parse_resume(text: str, today: date | None = None) -> Parsed:
    """Parse resume ``text``; ``today`` is the date "Present" means (default: today's date)."""
    today = today or date.today()
    return Parsed(
        name=find_name(text),
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


def find_name(text: str) -> str | None:
    """The first line near the top that reads as a person's name: 2 to 4 capitalised words."""
    lines = [line for line in text.splitlines() if line.strip()][:NAME_SEARCH_LINES]
    for line in lines:
        for segment in LINE_SEPARATORS.split(NAME_LABEL.sub("", line.strip())):
            name = _as_name(segment)
            if name:
                return name
    return None


def _as_name(segment: str) -> str | None:
    if "@" in segment or any(char.isdigit() for char in segment) or ":" in segment or "/" in segment:
        return None
    words = segment.replace(",", " ").split()
    if not 2 <= len(words) <= 4:
        return None
    capitalised = [word for word in words if word.lower() not in NAME_PARTICLES]
    if len(capitalised) < 2 or not all(NAME_WORD.match(word) for word in capitalised):
        return None
    if any(word.lower().strip(".") in NOT_NAME_WORDS for word in words):
        return None
    if all(word.isupper() for word in capitalised):
        # "JANE DOE" in a banner: show it as a name.
        words = [
            word.lower()
            if word.lower() in NAME_PARTICLES
            else LETTER_RUN.sub(lambda run: run.group().capitalize(), word)
            for word in words
        ]
    return " ".join(words)


def years_of_experience(text: str, today: date) -> float:
    """Total years covered by the work date ranges in ``text``, overlaps counted once, to one decimal."""
    spans = []
    for line in _work_lines(text):
        for match in DATE_RANGE.finditer(line):
            span = _span_in_months(match, today)
            if span:
                spans.append(span)
    months = 0
    current_start, current_end = None, None
    for start, end in sorted(spans):
        if current_end is None or start > current_end:
            if current_end is not None:
                months += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None:
        months += current_end - current_start
    return round(months / 12, 1)


def _work_lines(text: str):
    in_non_work_section = False
    for line in text.splitlines():
        heading = line.strip()
        if len(heading) <= 40:
            if NON_WORK_HEADINGS.match(heading):
                in_non_work_section = True
                continue
            if WORK_HEADINGS.match(heading):
                in_non_work_section = False
                continue
        if not in_non_work_section:
            yield line


def _span_in_months(match: re.Match, today: date) -> tuple[int, int] | None:
    """``[start, end)`` as month numbers (year * 12 + month - 1).

    A range given in months counts both its first and last month ("Jan 2020 - Dec 2020" is a year); one
    given in years alone runs from January to January ("2015–2019" is four years, "2019–2019" one).
    """
    start_year = int(match.group("start_year"))
    start_month = _month(match, "start_")
    now = today.year * 12 + today.month  # the current month counts as worked
    start = start_year * 12 + (start_month or 1) - 1
    if match.group("ongoing"):
        end = now
    else:
        end_year = int(match.group("end_year"))
        end_month = _month(match, "end_")
        if end_month:
            end = end_year * 12 + end_month
        elif start_month:
            end = end_year * 12 + 12
        else:
            end = max(end_year * 12, start + 12)
    end = min(end, now)
    if start_year < 1950 or end <= start:
        return None
    return start, end


def _month(match: re.Match, prefix: str) -> int | None:
    name = match.group(f"{prefix}month")
    if name:
        return MONTHS[name[:3].lower()]
    number = match.group(f"{prefix}num")
    return int(number) if number else None
