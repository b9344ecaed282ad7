"""The candidate's own phone number in a resume, through Google's libphonenumber (``phonenumbers``).

libphonenumber knows every country's numbering plan, so it reads every bracket, separator and extension
style and tells a real number from a date range or an ID. Resumes add what it cannot know: template
numbers that are not valid anywhere (moderncv's ``+1 (234) 567 890``), labels and icons that say which
number is the mobile, and other people's numbers (a job board's footer, a fax, a toll-free line) that
must lose to the candidate's.

A number is returned in E.164 (``+442079460958``) when its country is known: written with a country
code, or valid for the region hint that ``region_from_text`` reads from the resume's address.
Otherwise it is returned as written, digits with a leading + kept, so that a number never silently gets
a wrong country.
"""

import dataclasses
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import phonenumbers

from resumes.screening.layout import Line

# libphonenumber compiles each region's patterns on first use and leaves them to the re module's small
# cache; keeping them means a worker reading resumes from many countries does not recompile them.
phonenumbers.enable_pattern_cache()

# Dashes and spaces that PDFs and word processors print inside numbers, each replaced by one ASCII
# character (offsets stay put): hyphen U+2010, non-breaking hyphen U+2011, figure dash U+2012, en and em
# dash, minus, soft hyphen U+00AD; NBSP, thin, figure and narrow spaces, zero-width space, word joiner.
# Regular expressions, not str.translate: translating non-Latin-1 text takes 75 ns a character.
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad\ufe63\uff0d"
SPACES = "\t\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u3000\u200b\u2060\ufeff"
DASH = re.compile(f"[{DASHES}]")
SPACE = re.compile(f"[{SPACES}]")

# Digits in emails, web addresses, DOIs and arXiv ids are never phone numbers.
NOT_NUMBERS = re.compile(
    r"\S+@\S+|\S*(?:https?://|www\.)\S*|\S+\.[a-z]{2,}/\S*|\b10\.\d{4,9}/\S+|\barxiv:\S+", re.IGNORECASE
)

# A line worth handing to libphonenumber: seven digits with at most three other characters between
# each (ASCII classes only would miss U+2010; a class of them all is four times slower than this).
DIGIT_RUN = re.compile(r"\d(?:[^\w\n]{0,3}\d){6}")

# "00" as an international prefix (0044 20 ...): read as "+" whatever the region dials abroad with
# (see _international).
DOUBLE_ZERO = re.compile(r"(?<![\w+])00(?=[1-9]\d)")

# Numbers libphonenumber does not accept as valid: template numbers, national numbers without a region.
FALLBACK = re.compile(r"(?<![\w/.+])(?:\(\s?)?(?:\+\s?)?\(?\d[\d ().\-]{5,}\d(?![\w/])")
YEAR = re.compile(r"(?:19|20)\d\d")
ZIP_PLUS_FOUR = re.compile(r"\d{5}-\d{4}")
# The North American Numbering Plan's country code: its numbers are written without a trunk prefix.
NANP = 1
# North American toll-free codes, for numbers libphonenumber could not type (not valid).
NANP_TOLL_FREE = re.compile(r"(?:\+1|1)?8(?:00|33|44|55|66|77|88)\d{7}$")

# The label before a number, read back to the previous separator ("Mobile: ... | Office: ...").
LABEL_BOUNDARY = re.compile(r"[|•·;,–—]|\s{3,}")
CID_GLYPH = re.compile(r"\(cid:\d+\)")

# Measured on tests/test_phones.py: POSSIBLE fails 4 of its cases (it reads "(415) 555-0132" as German
# with region DE, version numbers and figures as phones); the grouping levels pass the same as VALID.
LENIENCY = phonenumbers.Leniency.VALID

MOBILE = 3
PHONE = 2
UNLABELLED = 1
NOT_A_PHONE = 0

MOBILE_WORDS = re.compile(
    r"\b(?:mobile|mob|cell|cellphone|cellular|handy|m[oó]vil|celular|portable|gsm|whatsapp)\b|^[mc]\W*$",
    re.IGNORECASE,
)
PHONE_WORDS = re.compile(
    r"\b(?:phone|telephone|tel|t[ée]l[ée]phone|t[ée]l|telefon|tel[ée]fono|telefone|ph|call|contact|"
    r"office|work|home|landline|b[üu]ro|festnetz|privat)\b|^[ptwho]\W*$",
    re.IGNORECASE,
)
FAX_WORDS = re.compile(r"\b(?:fax|telefax)\b|^f\W*$", re.IGNORECASE)
ID_WORDS = re.compile(
    r"\b(?:isbn|issn|doi|orcid|id|ref|reference|order|invoice|account|acct|passport|ssn|licen[cs]e|"
    r"patent|reg|registration|roll|zip|postcode|postal|pin|gpa|pmid|iban|vat|tax|serial)\b",
    re.IGNORECASE,
)
MOBILE_ICONS = frozenset("\U0001f4f1\U0001f4f2\uf10b\uf3cd\uf3ce")
PHONE_ICONS = frozenset("\u260e\u260f\u2706\U0001f4de\U0001f57b\U0001f57f\uf095\uf098\uf879\uf2a0\ufffd")
FAX_ICONS = frozenset("\U0001f4e0\uf1ac")

# A line that prints someone else's number: a job board's or a service's.
SERVICE_LINE = re.compile(
    r"\b(?:indeed|monster|glassdoor|ziprecruiter|careerbuilder|dice\.com|customer (?:service|care|support)|"
    r"call us|contact us|help ?desk|helpline|hotline|support line|toll[ -]free|reservations)\b",
    re.IGNORECASE,
)
NOT_OWN_TYPES = frozenset(
    {
        phonenumbers.PhoneNumberType.TOLL_FREE,
        phonenumbers.PhoneNumberType.PREMIUM_RATE,
        phonenumbers.PhoneNumberType.SHARED_COST,
        phonenumbers.PhoneNumberType.UAN,
    }
)

# Fewer digits than this, not valid and with no label, is not taken for a phone number (1 234 567).
UNLABELLED_MIN_DIGITS = 9

# Without positions, the contact block is the first few non-empty lines of the text.
CONTACT_BLOCK_LINES = 12
# With positions: the top of the first page, or level with the name (the largest text there).
CONTACT_BLOCK_TOP_SHARE = 0.35
CONTACT_BLOCK_NAME_DISTANCE = 120.0
PAGE_NUMBER = re.compile(r"\bpage \d+(?: of \d+)?\b|\b\d+ ?/ ?\d+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Found:
    number: str
    label: int
    valid: bool
    own_type: bool
    start: int


def find_phone(text: str, lines: list[Line] | None = None, region: str | None = None) -> str | None:
    """The candidate's own phone number: E.164 when its country is known, else as written (digits, +).

    When ``lines`` are given they are read instead of ``text``: with positions (where the format has
    them) a number in the contact block, at the top of the first page or level with the name, wins over
    one in a header or footer repeated on every page. Without positions the contact block is the first
    lines, and form feeds in ``text`` separate pages. ``region`` (ISO 3166 alpha-2) is the country that
    national numbers belong to, when the resume says (``region_from_text``).
    Fax numbers, a job board's or a service's numbers and anything labelled as an ID are never returned;
    a toll-free number only when there is no other.
    """
    page_of, line_texts = _lines_and_pages(text, lines)
    joined = "\n".join(line_texts)
    if joined.count("\n") != len(line_texts) - 1:  # a Line holding a line break
        line_texts = [line.replace("\n", " ") for line in line_texts]
        joined = "\n".join(line_texts)
    # One scan of the whole text finds the few lines worth handing to libphonenumber.
    candidates: list[int] = []
    index, position = 0, 0
    for match in DIGIT_RUN.finditer(joined):
        index += joined.count("\n", position, match.start())
        position = match.start()
        if not candidates or candidates[-1] != index:
            candidates.append(index)
    if not candidates:
        return None
    context = _Context(line_texts, page_of, lines, candidates)
    best: tuple | None = None
    best_number = None
    numbers_by_line: dict[str, list[_Found]] = {}  # a header or footer on every page is read once
    for index in candidates:
        line = line_texts[index]
        if line not in numbers_by_line:
            numbers_by_line[line] = _numbers_in(line, region)
        for found in numbers_by_line[line]:
            if found.label == UNLABELLED and index > 0:
                found = _labelled_by_line_above(found, line_texts[index - 1])
            if found.label == NOT_A_PHONE:
                continue
            # A bare run of a few digits, without + or a label to say it is a phone, is a figure or an ID.
            bare = found.label == UNLABELLED and not found.valid and not found.number.startswith("+")
            if bare and len(found.number) < UNLABELLED_MIN_DIGITS:
                continue
            rank = (found.own_type, context.position(index), found.label, found.valid, -index, -found.start)
            if best is None or rank > best:
                best, best_number = rank, found.number
    return best_number


def _lines_and_pages(text: str, lines: list[Line] | None) -> tuple[list[int], list[str]]:
    if lines:
        return [line.page for line in lines], [line.text for line in lines]
    pages: list[int] = []
    texts: list[str] = []
    # pdfminer's text output separates pages with a form feed.
    for page, page_text in enumerate(text.split("\f")):
        page_lines = page_text.split("\n")
        texts += page_lines
        pages += [page] * len(page_lines)
    return pages, texts


class _Context:
    """Where a line sits: in the contact block, repeated on every page, or elsewhere."""

    def __init__(self, texts: list[str], pages: list[int], lines: list[Line] | None, candidates: list[int]):
        self.pages = pages
        self.first_page = min(pages)
        # A header or footer repeated on every page holds the same number, so it is among the candidates.
        pages_by_key: dict[str, list[int]] = {}
        for index in candidates:
            pages_by_key.setdefault(_repeat_key(texts[index]), []).append(pages[index])
        one_page = len(set(pages)) == 1
        self.repeated = {
            key
            for key, on in pages_by_key.items()
            if key and (len(set(on)) > 1 or (one_page and len(on) > 1))
        }
        self.texts = texts
        self.lines = lines if lines and any(line.bottom > 0 for line in lines) else None
        if self.lines:
            self.page_height = max(line.bottom for line in self.lines)
            first = [line for line in self.lines if line.page == self.first_page and line.text.strip()]
            name = max(first, key=lambda line: line.size, default=None)
            self.name_top = name.top if name and name.size > 0 else None
        else:
            self.contact_end = len(texts)
            seen = 0
            for index, line in enumerate(texts):
                seen += bool(line.strip())
                if seen == CONTACT_BLOCK_LINES:
                    self.contact_end = index + 1
                    break

    def position(self, index: int) -> int:
        """3 in the contact block, 2 in a repeated header or footer or elsewhere on page 1, 1 later."""
        if _repeat_key(self.texts[index]) in self.repeated:
            return 2
        if self.pages[index] != self.first_page:
            return 1
        if self.lines:
            line = self.lines[index]
            near_top = line.top <= CONTACT_BLOCK_TOP_SHARE * self.page_height
            beside_name = (
                self.name_top is not None and abs(line.top - self.name_top) <= CONTACT_BLOCK_NAME_DISTANCE
            )
            return 3 if near_top or beside_name else 2
        return 3 if index < self.contact_end else 2


def _repeat_key(text: str) -> str:
    return PAGE_NUMBER.sub("", " ".join(text.split()).lower()).strip()


def _numbers_in(line: str, region: str | None) -> list[_Found]:
    """Every phone number written in one line, in order, each with the label before it."""
    line = SPACE.sub(" ", DASH.sub("-", line))
    clean = DOUBLE_ZERO.sub(_international, NOT_NUMBERS.sub(lambda match: " " * len(match.group()), line))
    if not DIGIT_RUN.search(clean):
        return []
    spans: list[tuple[int, int, str, bool, bool]] = []
    for match in phonenumbers.PhoneNumberMatcher(clean, region, leniency=LENIENCY):
        # "03/2019 - 05/2021" is a valid German number; libphonenumber only knows dates with a day.
        if _is_date(match.raw_string):
            continue
        own_type = phonenumbers.number_type(match.number) not in NOT_OWN_TYPES
        e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        spans.append((match.start, match.end, e164, True, own_type))
    for match in FALLBACK.finditer(clean):
        if any(start < match.end() and match.start() < end for start, end, *_ in spans):
            continue
        number = _fallback_number(match.group().strip(), region)
        if number is not None:
            spans.append((match.start(), match.end(), number, False, not NANP_TOLL_FREE.match(number)))
    spans.sort()
    # The service check covers the whole line: "Indeed ... Call 1-800-..." has the name before the label.
    service = bool(SERVICE_LINE.search(clean))
    found = []
    previous_end = 0
    for start, end, number, valid, own_type in spans:
        label = NOT_A_PHONE if service else _label(clean[previous_end:start])
        found.append(_Found(number, label, valid, own_type, start))
        previous_end = end
    return found


def _international(match: re.Match) -> str:
    """Read "0044 20 ..." as "+44 20 ...", but not the "0013" inside "+86 138 0013 8000"."""
    before = match.string[: match.start()].rstrip(" .-/()")
    return match.group() if before[-1:].isdigit() or before.endswith("+") else " +"


def _fallback_number(raw: str, region: str | None) -> str | None:
    """A number libphonenumber does not call valid, as written: ``+`` and digits, or digits."""
    if raw.count("(") != raw.count(")"):
        raw = raw.strip("()").strip()
        if raw.count("(") != raw.count(")"):
            return None
    if _is_date(raw):
        return None
    groups = re.findall(r"\d+", raw)
    if ZIP_PLUS_FOUR.fullmatch(raw):
        return None
    # Version numbers and decimals: phone numbers written with dots group two digits or more.
    if "." in raw and any(len(group) == 1 for group in groups):
        return None
    international = "+" in raw[:3]
    if international:
        try:
            number = phonenumbers.parse(raw, None)
        except phonenumbers.NumberParseException:
            digits = re.sub(r"\D", "", raw.replace("(0)", ""))
        else:
            digits = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)[1:]
        return f"+{digits}" if 7 <= len(digits) <= 15 else None
    digits = "".join(groups)
    if not 7 <= len(digits) <= 15:
        return None
    return _in_region(raw, digits, region) if region else digits


def _in_region(raw: str, digits: str, region: str) -> str:
    """A national number that is not valid, in E.164 when it is written as the region writes numbers.

    "(555) 123-4567" in a US resume is +15551234567, but "(415) 555-0132" in a German one stays as
    written: German national numbers start with the trunk prefix 0, so it is not a German number.
    """
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return digits
    trunk = phonenumbers.ndd_prefix_for_region(region, strip_non_digits=True)
    national = number.country_code == NANP or not trunk or digits.startswith(trunk)
    possible = (
        phonenumbers.is_possible_number_with_reason(number) == phonenumbers.ValidationResult.IS_POSSIBLE
    )
    if national and possible:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return digits


def _is_date(raw: str) -> bool:
    """Dates, year ranges and year lists: a year, and nothing but years, days and months beside it."""
    if "+" in raw:
        return False
    groups = re.findall(r"\d+", raw)
    return any(YEAR.fullmatch(group) for group in groups) and all(
        YEAR.fullmatch(group) or len(group) <= 2 for group in groups
    )


def _label(before: str) -> int:
    """What the text just before a number says it is: MOBILE, PHONE, UNLABELLED or NOT_A_PHONE."""
    segment = LABEL_BOUNDARY.split(before)[-1].strip()
    return _label_kind(segment)


def _label_kind(segment: str) -> int:
    if not segment:
        return UNLABELLED
    if FAX_WORDS.search(segment) or any(char in FAX_ICONS for char in segment):
        return NOT_A_PHONE
    if MOBILE_WORDS.search(segment) or any(char in MOBILE_ICONS for char in segment):
        return MOBILE
    if PHONE_WORDS.search(segment) or any(char in PHONE_ICONS for char in segment):
        return PHONE
    if ID_WORDS.search(segment):
        return NOT_A_PHONE
    # An icon the PDF does not map (a private-use glyph, U+FFFD, "(cid:72)") is a contact-line label.
    if CID_GLYPH.search(segment) or any(_is_icon(char) for char in segment[-3:]):
        return PHONE
    return UNLABELLED


def _is_icon(char: str) -> bool:
    code = ord(char)
    return 0xE000 <= code <= 0xF8FF or 0x1F300 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF


def _labelled_by_line_above(found: _Found, above: str) -> _Found:
    """A label alone on the line above ("Phone" / "+1 415 ..."), as two-column layouts print it."""
    above = above.strip().rstrip(":").strip()
    if not above or len(above) > 20 or any(char.isdigit() for char in above):
        return found
    return dataclasses.replace(found, label=_label_kind(above))


REGIONS_FILE = Path(__file__).parent / "data" / "regions.json"

# The address is in the contact block; further down, country and city names are where someone worked.
REGION_HEAD_LINES = 15

# How sure each kind of evidence is: a postal address, then a country or a state, then a city alone.
ADDRESS, COUNTRY, CITY = 3, 2, 1

# Patterns below start with a character class and check what comes before with a lookbehind after it
# ("(?<!\w.)": the character before the first is not a letter or digit). A leading \b or lookbehind
# stops the re module from skipping ahead to candidate characters: 5 to 15 times slower on a resume.
UK_POSTCODE = re.compile(r"[A-Z](?<!\w.)[A-Z]?\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}\b")
CA_POSTAL_CODE = re.compile(r"[ABCEGHJ-NPRSTVXY](?<!\w.)\d[ABCEGHJ-NPRSTV-Z][ -]\d[ABCEGHJ-NPRSTV-Z]\d\b")
INDIAN_PIN = re.compile(r"[1-8](?<!\w.)\d{2} ?\d{3}\b")
# "Austin, TX 78701", "Toronto, ON M5V 2T6": a state or province code before its postal code.
STATE_AND_POSTAL_CODE = re.compile(r"([A-Z](?<!\w.)[A-Z])\.? +(?:\d{5}(?:-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d)\b")
# "Atlanta, GA", "Toronto, ON": a capitalised place, a comma and the code, nothing glued after.
CITY_AND_STATE = re.compile(r"[A-Z](?<!\w.)[a-z]+(?: [A-Z][a-z]+)*, ([A-Z]{2})\b(?![\w-])")
# "D-10115 Berlin": the country letters before a European postcode.
POSTCODE_PREFIX = re.compile(r"(?:^|[^\w])([A-Z]{1,2})-$")


def region_from_text(text: str) -> str | None:
    """The country (ISO 3166 alpha-2) of the resume's address, or None when the text does not say or
    says several things.

    A postal address counts anywhere in the text (a US "City, ST 12345", a UK postcode, a Canadian
    postal code, an Indian PIN beside an Indian city, "10115 Berlin"); country names, "City, ST" and
    big cities only in the first lines, where the candidate's own address is.
    """
    rules = _region_rules()
    lines = text.splitlines()
    head_end, seen = len(lines), 0
    for index, line in enumerate(lines):
        seen += bool(line.strip())
        if seen == REGION_HEAD_LINES:
            head_end = index + 1
            break
    head = SPACE.sub(" ", "\n".join(lines[:head_end]))
    evidence = _addresses(head, rules) + _names(head, rules)
    if not evidence:
        evidence = _addresses(SPACE.sub(" ", "\n".join(lines[head_end:])), rules)
    if not evidence:
        return None
    strongest = max(weight for _, weight in evidence)
    regions = {region for region, weight in evidence if weight == strongest}
    return regions.pop() if len(regions) == 1 else None


def _addresses(text: str, rules: "_RegionRules") -> list[tuple[str, int]]:
    found = [
        (rules.state_region[match.group(1)], ADDRESS)
        for match in STATE_AND_POSTAL_CODE.finditer(text)
        if match.group(1) in rules.state_region
    ]
    found += [("GB", ADDRESS) for _ in UK_POSTCODE.finditer(text)]
    found += [("CA", ADDRESS) for _ in CA_POSTAL_CODE.finditer(text)]
    for match in rules.postcode_and_city.finditer(text):
        prefix = POSTCODE_PREFIX.search(text, max(0, match.start() - 4), match.start())
        region = rules.postcode_prefixes.get(prefix.group(1)) if prefix else None
        found.append((region or rules.city_region[match.group("city").lower()], ADDRESS))
    for match in INDIAN_PIN.finditer(text):
        line_end = text.find("\n", match.end())
        line = text[text.rfind("\n", 0, match.start()) + 1 : line_end if line_end >= 0 else len(text)]
        if any(region == "IN" for region in _words(rules.city, rules.city_region, line)):
            found.append(("IN", ADDRESS))
    return found


def _names(head: str, rules: "_RegionRules") -> list[tuple[str, int]]:
    found = [(region, COUNTRY) for region in _words(rules.country, rules.country_region, head)]
    found += [(region, COUNTRY) for region in _words(rules.abbreviation, rules.abbreviation_region, head)]
    found += [
        (rules.state_region[match.group(1)], COUNTRY)
        for match in CITY_AND_STATE.finditer(head)
        if match.group(1) in rules.state_region
    ]
    found += [(region, CITY) for region in _words(rules.city, rules.city_region, head)]
    return found


def _words(pattern: re.Pattern, regions: dict[str, str], text: str) -> list[str]:
    """The regions of the names ``pattern`` finds in ``text`` as whole words."""
    return [
        regions[match.group().lower()]
        for match in pattern.finditer(text)
        if match.start() == 0 or not (text[match.start() - 1].isalnum() or text[match.start() - 1] == ".")
    ]


@dataclass(frozen=True)
class _RegionRules:
    country: re.Pattern
    country_region: dict[str, str]
    abbreviation: re.Pattern
    abbreviation_region: dict[str, str]
    city: re.Pattern
    city_region: dict[str, str]
    state_region: dict[str, str]
    postcode_and_city: re.Pattern
    postcode_prefixes: dict[str, str]


@lru_cache(maxsize=1)
def _region_rules() -> _RegionRules:
    data = json.loads(REGIONS_FILE.read_text())
    countries = [
        (name, region) for table in (data["countries"], data["places"]) for region, names in table.items()
        for name in names
    ]  # fmt: skip
    cities = [(name, region) for region, names in data["cities"].items() for name in names]
    abbreviations = {name: region for region, names in data["abbreviations"].items() for name in names}
    city_names = _alternatives(name for name, _ in cities)
    return _RegionRules(
        # No leading \b (see above): _words checks the start of each match.
        country=re.compile(rf"(?:{_alternatives(name for name, _ in countries)})\b"),
        country_region={name.lower(): region for name, region in countries},
        abbreviation=re.compile(rf"(?:{_alternatives(abbreviations)})(?![\w.]\w)"),
        abbreviation_region={name.lower(): region for name, region in abbreviations.items()},
        city=re.compile(rf"(?:{city_names})\b"),
        city_region={name.lower(): region for name, region in cities},
        state_region={**dict.fromkeys(data["us_states"], "US"), **dict.fromkeys(data["ca_provinces"], "CA")},
        # "10115 Berlin", "D-10115 Berlin", "1012 AB Amsterdam".
        postcode_and_city=re.compile(rf"\d(?<!\w.)\d{{3,4}}(?: [A-Z]{{2}})? (?P<city>{city_names})\b"),
        postcode_prefixes=data["postcode_prefixes"],
    )


def _alternatives(names: Iterable[str]) -> str:
    """Each name as written or in capitals ("Berlin", "BERLIN", never "berlin": that is a word)."""
    spellings = {spelling for name in names for spelling in (name, name.upper())}
    # Longest first, so that "New Mexico" is read before "Mexico" could be.
    return "|".join(re.escape(name) for name in sorted(spellings, key=len, reverse=True))
