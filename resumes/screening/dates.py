"""Years of experience from the date ranges of a resume's work history.

Ranges are written in many ways: "Jan 2018 - Mar 2021", "2015–2019", "03/2019 – Present", "2019-03 to
2021-11", "Summer 2022 – Fall 2023", with any dash (hyphen, U+2010, en and em dashes, a minus sign) or a
word ("to", "until"). A range may be broken over lines ("June 2020 –", the job title, then "Present").
Overlapping jobs count once; ranges under headings such as Education, Awards or Projects are left out.
"""

import re
from datetime import date

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    # Terms as universities and internships name them.
    "spr": 3, "sum": 6, "fal": 9, "aut": 9, "win": 1,
}  # fmt: skip
MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|spring|summer|fall|autumn|winter)"
)
# One end of a range: "March 2019", "Mar. 2019", "03/2019", "3.2019", "2019-03", "2019".
DATE_POINT = (
    rf"(?:(?P<{{p}}month>{MONTH_NAME})\.?,?\s*|(?P<{{p}}num>0?[1-9]|1[0-2])\s*[/.]\s*)?"
    r"(?P<{p}year>(?:19|20)\d\d)(?:[-/.](?P<{p}iso>0[1-9]|1[0-2])(?![\d]))?"
)
ONGOING = r"present|current(?:ly)?|now|today|to\s+date|till\s+date|date|ongoing"
DASH = r"(?:[-‐‑‒–—―−~]|to|until|till|through|thru)"
DATE_RANGE = re.compile(
    r"(?<![\w/.])"
    + DATE_POINT.format(p="start_")
    + rf"\s*{DASH}\s*(?:"
    + DATE_POINT.format(p="end_")
    + rf"|(?P<ongoing>{ONGOING}))(?![\w/])",
    re.IGNORECASE,
)
# A range's first half at the end of a line ("June 2020 –", or a date alone), and its second half at the
# start of a later one ("– Present", "Dec 2021").
DANGLING_START = re.compile(
    r"(?<![\w/.])" + DATE_POINT.format(p="start_") + rf"\s*(?:{DASH}\s*)?$", re.IGNORECASE
)
LATER_END = re.compile(
    rf"^\s*(?:{DASH}\s*)?(?:" + DATE_POINT.format(p="end_") + rf"|(?P<ongoing>{ONGOING}))(?![\w/])",
    re.IGNORECASE,
)
# How many lines later a broken range may end (the job title and employer come in between).
LINES_TO_RANGE_END = 3

_HEADING_TEXT = re.compile(r"[^\w&]+")
# Headings whose date ranges are not work experience.
NON_WORK_HEADINGS = re.compile(
    r"^(?:education|academic(?: background| history| projects| experience)?|qualifications"
    r"|certifications?|courses|coursework|training|publications|awards|honou?rs|scholarships"
    r"|(?:personal |side |academic |selected |open source )?projects|education (?:&|and) training"
    r"|honou?rs (?:&|and) awards|awards (?:&|and) (?:honou?rs|achievements)|achievements"
    r"|conferences|talks|presentations|extracurricular(?: activities)?|activities)$",
    re.IGNORECASE,
)
WORK_HEADINGS = re.compile(
    r"^(?:(?:professional|work|relevant|employment|industry|career)?\s*(?:experience|history)"
    r"|employment|career(?: history)?|work|positions(?: held)?|volunteering|volunteer experience"
    r"|(?:professional )?summary|profile|contact|(?:technical )?skills|languages|interests|hobbies"
    r"|references)$",
    re.IGNORECASE,
)
# A heading is a short line; longer lines are entries even when they start with such a word.
HEADING_CHARACTERS = 40


def years_of_experience(text: str, today: date) -> float:
    """Total years covered by the work date ranges in ``text``, overlaps counted once, to one decimal.

    "Present" means ``today``; the current month counts as worked.
    """
    spans = [span for span in _work_spans(text.splitlines(), today) if span]
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


def _work_spans(lines: list[str], today: date):
    in_non_work_section = False
    for index, line in enumerate(lines):
        heading = _HEADING_TEXT.sub(" ", line).strip()
        if 0 < len(heading) <= HEADING_CHARACTERS:
            if NON_WORK_HEADINGS.match(heading):
                in_non_work_section = True
                continue
            if WORK_HEADINGS.match(heading):
                in_non_work_section = False
                continue
        if in_non_work_section:
            continue
        matched = False
        for match in DATE_RANGE.finditer(line):
            matched = True
            yield _span_in_months(match, match, today)
        if not matched:
            start = DANGLING_START.search(line)
            if start:
                yield _broken_range(start, lines[index + 1 : index + 1 + LINES_TO_RANGE_END], today)


def _broken_range(start: re.Match, following: list[str], today: date):
    for line in following:
        end = LATER_END.match(line)
        if end:
            return _span_in_months(start, end, today)
        if DANGLING_START.search(line) or DATE_RANGE.search(line):
            return None  # another entry's dates: this one had no end
    return None


def _span_in_months(start_match: re.Match, end_match: re.Match, today: date) -> tuple[int, int] | None:
    """``[start, end)`` as month numbers (year * 12 + month - 1).

    A range given in months counts both its first and last month ("Jan 2020 - Dec 2020" is a year); one
    given in years alone runs from January to January ("2015–2019" is four years, "2019–2019" one).
    """
    start_year = int(start_match.group("start_year"))
    start_month = _month(start_match, "start_")
    now = today.year * 12 + today.month  # the current month counts as worked
    start = start_year * 12 + (start_month or 1) - 1
    if end_match.group("ongoing"):
        end = now
    else:
        end_year = int(end_match.group("end_year"))
        end_month = _month(end_match, "end_")
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
    number = match.group(f"{prefix}num") or match.group(f"{prefix}iso")
    return int(number) if number else None
