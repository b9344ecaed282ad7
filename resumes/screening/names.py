"""The candidate's name: the most prominent text near the top of the first page that reads as a name.

Where the format keeps type sizes (PDF, OCR), the name is looked for from the largest type down; a name
set over two lines, glued to the next words (``Jane B. DoeFeatured Resume``) or letter-spaced
(``J A N E  D O E``) is put back together. Without sizes (DOCX, plain text), the first line near the top
that reads as a name wins. A job title, a section heading or a company never reads as a name.
"""

import re
import statistics
import unicodedata

from .layout import Line

# Words that make a line a heading, a job title or a company rather than a person's name.
NOT_NAME_WORDS = frozenset(
    """resume résumé cv curriculum vitae contact profile summary experience education skills objective
    references projects engineer developer manager senior junior lead software analyst designer scientist
    consultant specialist director architect administrator intern officer coordinator assistant
    professional work history page phone email address technical data product sales marketing
    languages interests certifications employment career about me personal details information
    featured candidate applicant portfolio biography overview highlights achievements publications
    inc ltd llc gmbh corp corporation company co university institute school college academy
    technologies technology solutions services systems group bank labs consulting agency studio
    department team street road avenue city country teacher nurse accountant student graduate
    executive president chief head representative associate operator technician programmer
    dear sincerely controller auditor
    experiencia educación formación habilidades perfil berufserfahrung ausbildung kenntnisse lebenslauf
    expérience formation compétences ervaring opleiding esperienza istruzione person angaben zur
    persönliche daten datos personales informations personnelles""".split()
)
NAME_PARTICLES = frozenset(
    "de da das do dos du van von der den del della di la le bin binti ibn al el y e ter ten zu af av".split()
)
NAME_LABEL = re.compile(r"^\s*(?:full\s+)?name\s*:\s*", re.IGNORECASE)
# Where a line holds several things: "Jane Doe | Software Engineer", "Jane Doe   jane@example.com".
LINE_SEPARATORS = re.compile(r"\s*(?:[|•·●▪◦]|\t|\s{3,}| — | – | - )\s*")
# A lower-case letter followed by a capitalised word: where a job-board export glued two texts.
GLUED = re.compile(r"(?<=[^\W\d_])(?<![A-Z])(?=[A-Z][^\W\d_]*[a-z])")
LETTER_RUN = re.compile(r"[^\W\d_]+")
LAST_FIRST = re.compile(r"^([^\W\d_][\w'’-]+),\s*([^\W\d_][\w'’.-]+(?:\s+[^\W\d_][\w'’.-]+)?)$")

# Lines from the top considered when the format gives no sizes.
NAME_SEARCH_LINES = 25
# With sizes: lines in this top share of the first page's text, from the largest type down.
TOP_SHARE = 0.45
CANDIDATES = 8
# Type this much larger than the body text is a heading or a name; the same size is body text.
PROMINENT = 1.1


def find_name(text: str, lines: list[Line] | None = None) -> str | None:
    """The candidate's name in a resume, as a recruiter would write it (``Jane Doe``), or None."""
    email = _email_words(text)
    positioned = [line for line in lines or () if line.page == 0 and line.size > 0]
    if positioned:
        name = _most_prominent_name(positioned, email)
        if name:
            return name
    candidates = [line for line in text.splitlines() if line.strip()][:NAME_SEARCH_LINES]
    for line in candidates:
        name = _name_in_line(line, email)
        if name:
            return name
    return None


def _most_prominent_name(lines: list[Line], email: list[str]) -> str | None:
    body = statistics.median(line.size for line in lines)
    bottom = max(line.bottom for line in lines)
    top_lines = [line for line in lines if line.top <= bottom * TOP_SHARE]
    ranked = sorted(top_lines, key=lambda line: (-round(line.size, 1), line.top))[:CANDIDATES]
    for line in ranked:
        if line.size < body * PROMINENT:
            break
        name = _name_in_line(line.text, email, glued=True)
        if name:
            return name
        below = _line_below(line, lines)
        if below is not None:
            for first in _segments(line.text):
                for second in _segments(below.text):
                    name = _as_name(f"{first} {second}", email)
                    if name:
                        return name
    return None


def _line_below(line: Line, lines: list[Line]) -> Line | None:
    """The next line set in the same type right under ``line`` (a name over two lines)."""
    for other in lines:
        if (
            other is not line
            and abs(other.size - line.size) <= 0.15 * line.size
            and 0 < other.top - line.top <= 2 * line.size
            and other.x0 < line.x1
            and line.x0 < other.x1
        ):
            return other
    return None


def _name_in_line(line: str, email: list[str], glued: bool = False) -> str | None:
    line = NAME_LABEL.sub("", line.strip())
    if _is_letter_spaced(line.split()):
        return _as_name(line, email)
    for segment in _segments(line):
        name = _as_name(segment, email)
        if name:
            return name
        if glued:
            name = _glued_name(segment, email)
            if name:
                return name
    return None


def _segments(line: str) -> list[str]:
    return [segment for segment in LINE_SEPARATORS.split(line.strip()) if segment]


def _glued_name(segment: str, email: list[str]) -> str | None:
    """``Jane B. DoeFeatured Resume``: the name before where another text was glued on."""
    pieces = GLUED.split(segment)
    # The longest run of pieces that reads as a name: "Jane McDonaldFeatured" is cut after McDonald.
    for end in range(len(pieces) - 1, 0, -1):
        name = _as_name("".join(pieces[:end]), email)
        if name:
            return name
    return None


def _as_name(segment: str, email: list[str] = ()) -> str | None:
    last_first = LAST_FIRST.match(segment.strip())
    if last_first:  # "Schröder, Anna-Lena", as forms and some countries write it
        segment = f"{last_first.group(2)} {last_first.group(1)}"
    if "@" in segment or any(char.isdigit() for char in segment) or ":" in segment or "/" in segment:
        return None
    words = segment.replace(",", " ").split()
    if _is_letter_spaced(words):
        if "".join(words).lower() in NOT_NAME_WORDS:
            return None
        words = _letter_spaced(segment, email)
    named = [word for word in words if word.lower() not in NAME_PARTICLES]
    if not 2 <= len(named) <= 4 or len(words) > 7 or not all(_is_name_word(word) for word in named):
        return None
    if any(word.lower().strip(".") in NOT_NAME_WORDS for word in words):
        return None
    if not words[0][0].isupper():
        return None
    if all(word.isupper() for word in named if len(word.strip(".")) > 1):
        words = [_capitalised(word) for word in words]
    return " ".join(words).replace("’", "'")


def _is_name_word(word: str) -> bool:
    """Amelia, Müller, Nguyễn, O'Brien, McDonald, Anne-Marie, an initial (J.), or capitals (DOE)."""
    if len(word) == 2 and word[0].isupper() and word[1] == ".":
        return True
    parts = re.split(r"[-'’]", word)
    if not all(part and part.isalpha() for part in parts):
        return False
    if word.isupper():
        return len(word) >= 2
    if not parts[0][0].isupper():
        return False
    for part in parts:
        # Lower case after the first letter, but for one capital after a short prefix (McDonald,
        # DeVito, MacArthur): "KowalskiFeatured" is two words glued together.
        inner = [i for i, char in enumerate(part) if char.isupper() and i > 0]
        if len(inner) > 1 or (inner and inner[0] > 3):
            return False
    return True


def _capitalised(word: str) -> str:
    if word.lower() in NAME_PARTICLES:
        return word.lower()
    return LETTER_RUN.sub(lambda run: run.group().capitalize(), word)


def _is_letter_spaced(words: list[str]) -> bool:
    return bool(words) and sum(len(word) == 1 for word in words) >= max(4, 0.7 * len(words))


def _letter_spaced(segment: str, email: list[str]) -> list[str]:
    """``J A N E  D O E``: words where the gaps are wider, or where the email address splits them."""
    letters = segment.replace(" ", "")
    if email and "".join(email).lower() == _unaccented(letters).lower():
        words, at = [], 0
        for part in email:
            words.append(letters[at : at + len(part)])
            at += len(part)
        return words
    wide = [part.replace(" ", "") for part in re.split(r"\s{2,}", segment.strip())]
    return wide if all(len(word) >= 2 for word in wide) else [letters]


def _unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _email_words(text: str) -> list[str]:
    match = re.search(r"([A-Za-z]+(?:[._-][A-Za-z]+)+)@", text)
    return re.split(r"[._-]", match.group(1)) if match else []
