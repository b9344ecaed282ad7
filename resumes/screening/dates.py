"""Years of experience from the date ranges of a resume's work history.

Ranges are written in many ways: "Jan 2018 - Mar 2021", "2015–2019", "03/2019 – Present", "2019-03 to
2021-11", "Summer 2022 – Fall 2023", with any dash (hyphen, U+2010, en and em dashes, a minus sign) or a
word ("to", "until"). A range may be broken over lines ("June 2020 –", the job title, then "Present").
Overlapping jobs count once; ranges under headings such as Education, Awards or Projects are left out.
"""

import re
import unicodedata
from datetime import date

from rapidfuzz.distance import Levenshtein

# Month names and their abbreviations in the languages resumes here come in, by month number.
MONTH_WORDS = {
    1: "jan january janv janvier janeiro enero ene januar gen gennaio januari stycznia styczeń",
    2: "feb february fev fevereiro febrero februar fév févr février febbraio februari lutego luty",
    3: "mar march mars marzo março märz mär mrz maart mrt marca marzec",
    4: "apr april abr abril avr avril aprile kwietnia kwiecień",
    5: "may mayo mai maio mei maggio mag maja maj",
    6: "jun june junio juni juin junho giu giugno czerwca czerwiec",
    7: "jul july julio juli juil juillet julho lug luglio lipca lipiec",
    8: "aug august ago agosto août aoû augustus sierpnia sierpień",
    9: "sep sept september septiembre set setembro septembre settembre sett września wrzesień",
    10: "oct october octubre okt oktober octobre out outubro ott ottobre października październik",
    11: "nov november noviembre novembre novembro listopada listopad",
    12: "dec december dic diciembre dez dezember déc décembre dezembro dicembre grudnia grudzień",
}
# Terms as universities and internships name them.
SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 1}
MONTHS = {word: month for month, words in MONTH_WORDS.items() for word in words.split()} | SEASONS
MONTH_NAME = "(?:" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + ")"
# One end of a range: "March 2019", "Mar. 2019", "03/2019", "3.2019", "2019-03", "2019".
DATE_POINT = (
    rf"(?:tháng\s+)?(?:(?P<{{p}}month>{MONTH_NAME})\.?,?\s*(?:de\s+)?|(?P<{{p}}num>0?[1-9]|1[0-2])\s*[/.]\s*)?"
    r"(?P<{p}year>(?:19|20)\d\d)(?:[-/.](?P<{p}iso>0[1-9]|1[0-2])(?![\d]))?"
)
ONGOING = (
    r"present|current(?:ly)?|now|today|to\s+date|till\s+date|date|ongoing"
    r"|actual(?:idad|mente)?|presente|hoy|heute|aktuell|jetzt|présent|aujourd'hui|en\s+cours"
    r"|atual|oggi|attuale|heden|nu|nå|na|dzisiaj|obecnie|současnost|nay|hiện\s+tại"
)
# "Since 2018", "seit 08/2019", "od 2018" where dates stand (a line's start, a column): to the present.
# ("Building web apps since 2015" in a summary is not a job.)
SINCE = re.compile(
    r"(?:^|   )\s*(?:since|seit|od|depuis|desde|dal|sinds|siden|fra|från|sedan)\s+"
    + DATE_POINT.format(p="start_")
    + r"(?![\w/])",
    re.IGNORECASE,
)
DASH = r"(?:[-‐‑‒–—―−~]|to|until|till|through|thru)"
DATE_RANGE = re.compile(
    r"(?<![\w/.])"
    + DATE_POINT.format(p="start_")
    + rf"\s*{DASH}\s*(?:"
    + DATE_POINT.format(p="end_")
    + rf"|(?P<ongoing>{ONGOING}))(?![\w/])",
    re.IGNORECASE,
)
# A range's first half at the end of a line ("June 2020 –", or a date alone) or before the entry it
# dates ("03/2019 – Data Analyst, ...", a date column beside the entry), and its second half at the start
# of a later line or of a column in it ("– Present", "Dec 2021", "11/2021 Built ...", "Acme\tPresent").
DANGLING_START = re.compile(
    r"(?<![\w/.])"
    + DATE_POINT.format(p="start_")
    + rf"\s*(?:(?:{DASH}\s*)?$|(?:[-‐‑‒–—―−~])\s+(?!\d|{ONGOING}))",
    re.IGNORECASE,
)
LATER_END = re.compile(
    rf"(?:^|   )\s*(?:{DASH}\s*)?(?:" + DATE_POINT.format(p="end_") + rf"|(?P<ongoing>{ONGOING}))(?![\w/])",
    re.IGNORECASE,
)
# How many lines later a broken range may end (the job title and employer come in between).
LINES_TO_RANGE_END = 3

_HEADING_TEXT = re.compile(r"[^\w&]+")
# Headings whose date ranges are not work experience, in the languages resumes here come in (matched
# without accents or case).
NON_WORK_HEADINGS = re.compile(
    r"^(?:education|academic(?: background| history| projects| experience)?|qualifications"
    r"|certifications?|courses|coursework|training|publications|awards|honou?rs|scholarships"
    r"|(?:personal |side |academic |selected |open source |key )?projects|education (?:&|and) training"
    r"|honou?rs (?:&|and) awards|awards (?:&|and) (?:honou?rs|achievements)|achievements"
    r"|conferences|talks|presentations|extracurricular(?: activities)?|activities"
    # Spanish, Portuguese, French, Italian, German, Dutch, Polish, Czech, Nordic, Vietnamese
    r"|educacion|formacion(?: academica)?|estudios|proyectos|premios|certificaciones|publicaciones"
    r"|educacao|formacao(?: academica)?|projetos|premios e distincoes"
    r"|formation|etudes|projets|prix|distinctions|certificats"
    r"|istruzione|formazione|progetti|premi"
    r"|ausbildung|bildung|schulbildung|schul und berufsbildung|studium|projekte|auszeichnungen"
    r"|zertifikate|weiterbildung"
    r"|opleiding(?:en)?|projecten|onderscheidingen|wyksztalcenie|projekty|nagrody|vzdelani|ocenění"
    r"|utdanning|utbildning|uddannelse|koulutus|prosjekter|projekt|hoc van|du an)"
    r"(?: (?:&|and|y|e|et|und|en) \w+)?$",
    re.IGNORECASE,
)
WORK_HEADINGS = re.compile(
    r"^(?:(?:professional|work|relevant|employment|industry|career)?\s*(?:experience|history)"
    r"|employment|career(?: history)?|work|positions(?: held)?|volunteering|volunteer experience"
    r"|(?:professional )?summary|profile|contact|(?:technical )?skills|languages|interests|hobbies"
    r"|references"
    r"|experiencia(?: profesional| laboral)?|experiencia|trayectoria(?: profesional)?"
    r"|experiencia profissional|experience professionnelle|parcours professionnel"
    r"|esperienz[ae](?: professional[ei]| lavorativ[ae])?|berufserfahrung|berufliche erfahrung"
    r"|praxiserfahrung|werkervaring|(?:professionele )?ervaring|doswiadczenie(?: zawodowe)?"
    r"|pracovni zkusenosti|praxe|arbeidserfaring|erfarenhet|arbetslivserfarenhet|erhvervserfaring"
    r"|kinh nghiem(?: lam viec)?|habilidades|competencias|kenntnisse|competences|idiomas|sprachen)$",
    re.IGNORECASE,
)
# One-word headings, for telling those that OCR misread.
NON_WORK_WORDS = (
    "education educacion formacion ausbildung formation istruzione formazione opleiding utdanning "
    "utbildning uddannelse wyksztalcenie vzdelani projects proyectos projekte projets awards "
    "certifications publications"
).split()
WORK_WORDS = "experience experiencia berufserfahrung erfaring ervaring erfarenhet employment".split()
# The same headings with their spaces squeezed out, for headings set letter-spaced.
SQUEEZED_NON_WORK = re.compile(NON_WORK_HEADINGS.pattern.replace(" ", ""), re.IGNORECASE)
SQUEEZED_WORK = re.compile(WORK_HEADINGS.pattern.replace(" ", ""), re.IGNORECASE)
# Letters that carry no combining mark to take off: "Wykształcenie" is "Wyksztalcenie" unaccented.
UNDECOMPOSABLE = str.maketrans("łŁøØđĐ", "lLoOdD")
# An icon before a heading, as OCR reads it: a short run of letters, then a wide gap ("wes   Education").
ICON = re.compile(r"^\s*[^\W\d_]{1,3}   (?=\S)")
# What the layout puts between things side by side on one row (see layout.WIDE_GAP_EMS).
WIDE_GAP = "   "
# A page footer's years ("© 2002 – 2026") are not a job's.
FOOTER = re.compile(r"©|\(c\)|copyright", re.IGNORECASE)
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
        line = line.replace("\t", WIDE_GAP)  # a tab stop sets things apart as a wide gap does
        # A heading stands alone, or in a margin column beside the first entry (a wide gap after it).
        first, _, rest = ICON.sub("", line).partition(WIDE_GAP)
        heading = _unaccented(_HEADING_TEXT.sub(" ", first).strip())
        if 0 < len(heading) <= HEADING_CHARACTERS:
            kind = _heading_kind(heading)
            if kind is not None:
                in_non_work_section = kind == "other"
                line = rest
        if in_non_work_section or not line.strip() or FOOTER.search(line):
            continue
        matched = False
        for match in DATE_RANGE.finditer(line):
            matched = True
            yield _span_in_months(match, match, today)
        for match in SINCE.finditer(line):
            matched = True
            yield _span_to_today(match, today)
        if not matched:
            start = DANGLING_START.search(line)
            if start:
                yield _broken_range(start, lines[index + 1 : index + 1 + LINES_TO_RANGE_END], today)


def _heading_kind(heading: str) -> str | None:
    """ "work" or "other" for a section heading (letter-spaced ones too: "E D U CATI O N"), else None."""
    squeezed = heading.replace(" ", "")
    if NON_WORK_HEADINGS.match(heading) or SQUEEZED_NON_WORK.match(squeezed):
        return "other"
    if WORK_HEADINGS.match(heading) or SQUEEZED_WORK.match(squeezed):
        return "work"
    return _misread_heading_kind(heading)


def _misread_heading_kind(heading: str) -> str | None:
    """A one-word heading that OCR misread by a letter or two ("Educacién", "wes Edlication")."""
    words = heading.split()
    long_words = [word.lower() for word in words if len(word) >= 6]
    if len(words) > 3 or len(long_words) != 1:
        return None
    word = long_words[0]
    allowed = 1 if len(word) < 9 else 2
    for kind, headings in (("other", NON_WORK_WORDS), ("work", WORK_WORDS)):
        if any(Levenshtein.distance(word, heading, score_cutoff=allowed) <= allowed for heading in headings):
            return kind
    return None


def _unaccented(text: str) -> str:
    if text.isascii():
        return text
    text = text.translate(UNDECOMPOSABLE)
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _broken_range(start: re.Match, following: list[str], today: date):
    for line in following:
        end = LATER_END.search(line.replace("\t", WIDE_GAP))
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


def _span_to_today(match: re.Match, today: date) -> tuple[int, int] | None:
    start = int(match.group("start_year")) * 12 + (_month(match, "start_") or 1) - 1
    now = today.year * 12 + today.month
    return (start, now) if start < now else None


def _month(match: re.Match, prefix: str) -> int | None:
    name = match.group(f"{prefix}month")
    if name:
        return MONTHS[name.lower()]
    number = match.group(f"{prefix}num") or match.group(f"{prefix}iso")
    return int(number) if number else None
