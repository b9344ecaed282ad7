"""Finding people in a batch: sort its files and keep those matching a flag, a skill or some text.

The batch page, the candidate page's previous/next links and the CSV export all go through `find`, so
they always agree on who is shown and in which order.
"""

from dataclasses import dataclass

SORTS = {"score": "Score, best first", "years": "Years, most first", "name": "Name, A to Z"}


@dataclass(frozen=True)
class Criteria:
    """What to show: empty strings mean "any"; `sort` is one of SORTS."""

    sort: str = "score"
    flag: str = ""
    skill: str = ""
    missing: str = ""
    text: str = ""

    def is_filtering(self):
        return bool(self.flag or self.skill or self.missing or self.text)


def _folded(value):
    return (value or "").casefold()


def _matches(resume, criteria):
    if criteria.flag and criteria.flag not in resume.flags:
        return False
    if criteria.skill and _folded(criteria.skill) not in map(_folded, resume.matched_skills):
        return False
    if criteria.missing and _folded(criteria.missing) not in map(_folded, resume.missing_skills):
        return False
    if criteria.text:
        needle = _folded(criteria.text.strip())
        haystack = (_folded(resume.parsed.get("name")), _folded(resume.parsed.get("email")))
        if not any(needle in field for field in haystack):
            return False
    return True


def _years(resume):
    years = resume.parsed.get("years")
    return years if isinstance(years, int | float) else None


SORT_KEYS = {
    # Unknown values go last in every order; the rank breaks ties so the order is stable.
    "years": lambda rank, r: (_years(r) is None, -(_years(r) or 0), rank),
    "name": lambda rank, r: (not r.parsed.get("name"), _folded(r.parsed.get("name")), rank),
    "score": lambda rank, r: rank,
}


def find(ranked, criteria):
    """The (rank, resume) pairs of `ranked` (files best first) that match `criteria`, in its order.

    The rank is the file's place by score in the whole batch, whatever the sort and filter.
    """
    rows = [(rank, r) for rank, r in enumerate(ranked, start=1) if _matches(r, criteria)]
    key = SORT_KEYS.get(criteria.sort, SORT_KEYS["score"])
    return sorted(rows, key=lambda row: key(*row))


def neighbours(rows, resume):
    """The resumes before and after `resume` in `rows` (None at either end, or when it is not there)."""
    ids = [r.pk for _, r in rows]
    if resume.pk not in ids:
        return None, None
    index = ids.index(resume.pk)
    before = rows[index - 1][1] if index > 0 else None
    after = rows[index + 1][1] if index + 1 < len(rows) else None
    return before, after
