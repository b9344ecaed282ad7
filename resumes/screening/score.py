"""Score a parsed resume against an opening, with an explanation a recruiter can check.

Points: ``REQUIRED_POINTS`` for the share of required skills found, ``PREFERRED_POINTS`` for preferred
skills, ``YEARS_POINTS`` for years of experience against the minimum (full at or above it, proportional
below). The same resume and opening always give the same score and text: nothing depends on order of
input or time.
"""

import re
from dataclasses import dataclass

from resumes.screening.parse import Parsed
from resumes.screening.skills import canonical_skill, evidence, is_curated

REQUIRED_POINTS = 60
PREFERRED_POINTS = 25
YEARS_POINTS = 15

# Extraction flags that are shown to the recruiter as they are.
PASSED_THROUGH_FLAGS = frozenset({"no_text", "hidden_text", "encrypted", "truncated", "ocr"})


@dataclass
class Score:
    """A resume's score (0-100) for one opening.

    ``matched_skills`` are the opening's skills (required and preferred) found in the resume;
    ``missing_skills`` are the required ones not found. Lists are sorted.
    """

    score: int
    matched_skills: list[str]
    missing_skills: list[str]
    flags: list[str]
    explanation: str


def score_resume(
    parsed: Parsed,
    *,
    required_skills: list[str],
    preferred_skills: list[str],
    min_years: float,
    flags: list[str] | tuple[str, ...] = (),
) -> Score:
    """Score ``parsed`` against an opening's skills and minimum years; ``flags`` come from extraction."""
    required = _canonical_set(required_skills)
    preferred = _canonical_set(preferred_skills) - required
    found_required = {skill: _evidence_for(skill, parsed) for skill in sorted(required)}
    found_preferred = {skill: _evidence_for(skill, parsed) for skill in sorted(preferred)}
    matched_required = {skill: snippet for skill, snippet in found_required.items() if snippet is not None}
    matched_preferred = {skill: snippet for skill, snippet in found_preferred.items() if snippet is not None}
    missing_required = sorted(required - matched_required.keys())
    missing_preferred = sorted(preferred - matched_preferred.keys())

    required_points = REQUIRED_POINTS * (len(matched_required) / len(required) if required else 1)
    preferred_points = PREFERRED_POINTS * (len(matched_preferred) / len(preferred) if preferred else 1)
    years = parsed.years or 0.0
    years_share = 1.0 if min_years <= 0 else min(1.0, years / min_years)
    years_points = YEARS_POINTS * years_share
    total = max(0, min(100, round(required_points + preferred_points + years_points)))

    all_flags = {flag for flag in flags if flag in PASSED_THROUGH_FLAGS}
    if missing_required:
        all_flags.add("missing_required_skill")
    if min_years > 0 and years < min_years:
        all_flags.add("below_min_years")
    sorted_flags = sorted(all_flags)

    lines = [
        f"Score {total}/100: required skills {len(matched_required)}/{len(required)} "
        f"({required_points:.1f} of {REQUIRED_POINTS}), "
        f"preferred skills {len(matched_preferred)}/{len(preferred)} "
        f"({preferred_points:.1f} of {PREFERRED_POINTS}), experience ({years_points:.1f} of {YEARS_POINTS}).",
    ]
    lines += _skill_lines("Matched required skills", matched_required)
    lines += _skill_lines("Matched preferred skills", matched_preferred)
    lines.append(f"Missing required skills: {', '.join(missing_required) or 'none'}")
    lines.append(f"Missing preferred skills: {', '.join(missing_preferred) or 'none'}")
    minimum = f"minimum {min_years:g}" if min_years > 0 else "no minimum"
    lines.append(f"Experience: {years:g} years ({minimum}).")
    lines.append(f"Flags: {', '.join(sorted_flags) or 'none'}")
    if "ocr" in all_flags:
        lines.append("Read by OCR from a scan or photo: check names, numbers and dates against the original.")
    return Score(
        score=total,
        matched_skills=sorted(matched_required.keys() | matched_preferred.keys()),
        missing_skills=missing_required,
        flags=sorted_flags,
        explanation="\n".join(lines),
    )


def _canonical_set(skills: list[str]) -> set[str]:
    return {canonical_skill(skill) for skill in skills if skill and skill.strip()}


def _evidence_for(skill: str, parsed: Parsed) -> str | None:
    if skill in parsed.skills:
        return parsed.skills[skill]
    if is_curated(skill):
        return None
    # Not in the curated list: a plain case-insensitive word search, so an opening can ask for anything.
    words = [re.escape(word) for word in skill.split()]
    pattern = re.compile(r"(?<![\w+#.])" + r"[\s\-/]+".join(words) + r"(?![\w+#])", re.IGNORECASE)
    match = pattern.search(parsed.text)
    return evidence(parsed.text, match.start(), match.end()) if match else None


def _skill_lines(title: str, matched: dict[str, str]) -> list[str]:
    if not matched:
        return [f"{title}: none"]
    return [f"{title}:"] + [f'  - {skill}: "{snippet}"' for skill, snippet in matched.items()]
