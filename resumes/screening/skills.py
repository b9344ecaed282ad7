"""Find skills from the curated list (``data/skills.json``) in resume text.

Matching works on tokens rather than raw substrings, so "Go" is never found inside "Google" and
"C++", "C#", ".NET" and "Node.js" stay whole. Each skill has a canonical name and aliases (JS, Postgres,
k8s...). Skills that are also ordinary words (Go, Spring, Express) match only as written, capitalised;
single letters and first names (R, C, Julia, Ruby) only in list-like context ("Python, R, SQL").
Long words get a typo tolerance of one edit ("Kubernetis" is Kubernetes).
"""

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

SKILLS_FILE = Path(__file__).parent / "data" / "skills.json"

# Typo tolerance applies only to words at least this long: short words are one edit away from many others.
FUZZY_MIN_LENGTH = 6

# Characters of context on each side of a match in the evidence snippet, before trimming to whole words.
EVIDENCE_CONTEXT = 30

# A token: letters and digits, dots only between them (Node.js, ASP.NET), an optional leading dot (.NET)
# and trailing + or # (C++, C#, F#). Hyphens and slashes separate tokens, so "Objective-C" is two.
TOKEN = re.compile(r"\.?[^\W_](?:[^\W_]|\.(?=[^\W_]))*[+#]*")

# Between the tokens of one multi-word skill only spaces, hyphens and slashes may appear.
JOINING_GAP = re.compile(r"[ \t\n\-/]{1,3}")

# What may stand before or after a skill that needs list context ("Python, R, SQL"; "C and C++").
LIST_GAP_BEFORE = re.compile(r"(?:^|[,;:|(•·*/\n\t]|\b(?:and|or|in|with|using|of))[ \t]*$")
LIST_GAP_AFTER = re.compile(r"^[ \t]*(?:$|[,;|)•·/\n\t]|\.(?:\s|$)|(?:and|or|programming|language)\b)")

# Real words one edit away from a skill that must not be "corrected" into it.
NOT_TYPOS = frozenset(
    {
        "sprint", "sprints", "string", "strings", "testing", "tested", "tester", "testers", "consult",
        "consults", "consuls", "packet", "packets", "rocket", "rockets", "racked", "groove", "looked",
        "locker", "docket", "dockets", "rocker", "decker", "postmen", "jerkins", "oracles",
    }
)  # fmt: skip


INFLECTION_ENDINGS = ("ed", "ing", "ly")


@dataclass(frozen=True)
class _Term:
    canonical: str
    case_sensitive: bool
    needs_list_context: bool
    original_tokens: tuple[str, ...]


@dataclass(frozen=True)
class _Vocabulary:
    terms: dict[tuple[str, ...], list[_Term]]  # keyed by lowercase tokens
    widest_from: dict[str, int]  # first lowercase token -> most tokens of a term starting with it
    fuzzy_choices: list[str]  # single-token lowercase terms long enough for typo tolerance
    canonical_names: frozenset[str]


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    entries = json.loads(SKILLS_FILE.read_text(encoding="utf-8"))
    terms: dict[tuple[str, ...], list[_Term]] = {}
    for entry in entries:
        name = entry["name"]
        surfaces = [(name, entry.get("case_sensitive", False))]
        surfaces += [(alias, False) for alias in entry.get("aliases", [])]
        surfaces += [(alias, True) for alias in entry.get("case_sensitive_aliases", [])]
        for surface, case_sensitive in surfaces:
            tokens = tuple(TOKEN.findall(surface))
            # One- and two-letter terms (R, Go, JS, AI) are too easily found by accident in any case.
            term = _Term(
                canonical=name,
                case_sensitive=case_sensitive or len(surface) <= 2,
                needs_list_context=entry.get("needs_list_context", False) and surface == name,
                original_tokens=tokens,
            )
            terms.setdefault(tuple(token.lower() for token in tokens), []).append(term)
    fuzzy = sorted(
        key[0] for key in terms if len(key) == 1 and len(key[0]) >= FUZZY_MIN_LENGTH and key[0].isalpha()
    )
    widest_from: dict[str, int] = {}
    for key in terms:
        widest_from[key[0]] = max(widest_from.get(key[0], 0), len(key))
    return _Vocabulary(
        terms=terms,
        widest_from=widest_from,
        fuzzy_choices=fuzzy,
        canonical_names=frozenset(entry["name"] for entry in entries),
    )


def all_skills() -> list[str]:
    """Canonical names of every curated skill, sorted."""
    return sorted(_vocabulary().canonical_names)


def is_curated(name: str) -> bool:
    """Whether ``name`` is the canonical name of a curated skill."""
    return name in _vocabulary().canonical_names


def find_skills(text: str) -> dict[str, str]:
    """Map each curated skill found in ``text`` to about 60 characters of text around its first mention."""
    vocabulary = _vocabulary()
    tokens = list(TOKEN.finditer(text))
    lowered = [token.group().lower() for token in tokens]
    found: dict[str, str] = {}
    index = 0
    while index < len(tokens):
        matched = _match_at(text, tokens, lowered, index, vocabulary)
        if matched is None:
            index += 1
            continue
        canonical, width = matched
        if canonical not in found:
            found[canonical] = evidence(text, tokens[index].start(), tokens[index + width - 1].end())
        index += width
    _add_typo_matches(text, tokens, vocabulary, found)
    return dict(sorted(found.items()))


def _match_at(
    text: str, tokens: list[re.Match], lowered: list[str], index: int, vocabulary: _Vocabulary
) -> tuple[str, int] | None:
    widest = vocabulary.widest_from.get(lowered[index], 0)
    # Longest first, so "Spring Boot" wins over "Spring" and "Objective-C" over "C".
    for width in range(min(widest, len(tokens) - index), 0, -1):
        candidates = vocabulary.terms.get(tuple(lowered[index : index + width]))
        if not candidates:
            continue
        window = tokens[index : index + width]
        if any(
            not JOINING_GAP.fullmatch(text[a.end() : b.start()])
            for a, b in zip(window, window[1:], strict=False)
        ):
            continue
        for term in candidates:
            if term.case_sensitive and tuple(token.group() for token in window) != term.original_tokens:
                continue
            if term.needs_list_context and not _in_list_context(text, window[0].start(), window[-1].end()):
                continue
            return term.canonical, width
    return None


def _in_list_context(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[line_start:start]
    after = text[end : line_end if line_end != -1 else len(text)]
    return bool(LIST_GAP_BEFORE.search(before)) and bool(LIST_GAP_AFTER.match(after))


def _add_typo_matches(
    text: str, tokens: list[re.Match], vocabulary: _Vocabulary, found: dict[str, str]
) -> None:
    seen_words: set[str] = set()
    for token in tokens:
        word = token.group()
        lowered = word.lower()
        if len(lowered) < FUZZY_MIN_LENGTH or not lowered.isalpha() or lowered in seen_words:
            continue
        seen_words.add(lowered)
        if (lowered,) in vocabulary.terms or _is_ordinary_word(lowered):
            continue
        best = process.extractOne(
            lowered, vocabulary.fuzzy_choices, scorer=Levenshtein.distance, score_cutoff=1
        )
        if best is None:
            continue
        term = vocabulary.terms[(best[0],)][0]
        if term.canonical not in found:
            found[term.canonical] = evidence(text, token.start(), token.end())


def _is_ordinary_word(lowered: str) -> bool:
    # Inflected English words ("assembled", "tested") sit one edit from skills ("assembler", "TestNG").
    return lowered in NOT_TYPOS or lowered.endswith(INFLECTION_ENDINGS)


def evidence(text: str, start: int, end: int) -> str:
    """The text around ``text[start:end]`` on one line, cut at whole words, with "…" where it was cut."""
    left = max(0, start - EVIDENCE_CONTEXT)
    right = min(len(text), end + EVIDENCE_CONTEXT)
    # Move the cuts back to the nearest space so that no word is shown half.
    if left > 0 and not text[left - 1].isspace():
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text) and not text[right].isspace():
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    snippet = " ".join(text[left:right].split())
    return ("…" if left > 0 else "") + snippet + ("…" if right < len(text) else "")


def canonical_skill(name: str) -> str:
    """The canonical name for a skill as someone typed it ("k8s" → "Kubernetes", "postgress" → "PostgreSQL").

    Names that are not in the curated list come back tidied (surrounding and repeated spaces removed).
    """
    tidy = " ".join(name.split())
    vocabulary = _vocabulary()
    key = tuple(token.lower() for token in TOKEN.findall(tidy))
    if key in vocabulary.terms:
        return vocabulary.terms[key][0].canonical
    lowered = tidy.lower()
    if (
        len(key) == 1
        and len(lowered) >= FUZZY_MIN_LENGTH
        and lowered.isalpha()
        and not _is_ordinary_word(lowered)
    ):
        best = process.extractOne(
            lowered, vocabulary.fuzzy_choices, scorer=Levenshtein.distance, score_cutoff=1
        )
        if best is not None:
            return vocabulary.terms[(best[0],)][0].canonical
    return tidy
