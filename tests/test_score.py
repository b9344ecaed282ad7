"""Scoring a parsed resume against an opening, and explaining the score."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from resumes.screening.parse import parse_resume
from resumes.screening.score import score_resume

TODAY = date(2024, 6, 15)

STRONG = """Jane Doe
Experience
Backend Engineer, Initech   Jan 2017 - Present
Built services in Python and Django on PostgreSQL, deployed to Kubernetes with Docker.
"""
WEAK = """John Roe
Experience
Shop Assistant, Acme   2022 - 2023
Served customers and kept the stockroom tidy.
"""
OPENING = {
    "required_skills": ["Python", "Postgres", "k8s"],
    "preferred_skills": ["Docker", "Redis"],
    "min_years": 5,
}


def score(text, flags=(), **opening):
    return score_resume(parse_resume(text, today=TODAY), **{**OPENING, **opening}, flags=list(flags))


def test_a_resume_with_every_required_skill_outranks_one_with_none():
    strong, weak = score(STRONG), score(WEAK)
    assert strong.score > weak.score
    assert strong.missing_skills == [] and weak.missing_skills == ["Kubernetes", "PostgreSQL", "Python"]


def test_points_are_60_for_required_25_for_preferred_and_15_for_years():
    result = score(STRONG)
    assert result.score == round(60 + 25 / 2 + 15)
    assert result.matched_skills == ["Docker", "Kubernetes", "PostgreSQL", "Python"]


def test_the_same_resume_and_opening_always_give_the_same_score_and_text():
    first = score(STRONG)
    shuffled = score(
        STRONG, required_skills=["k8s", "postgresql", "python"], preferred_skills=["redis", "docker"]
    )
    assert first == score(STRONG) == shuffled


def test_missing_skills_and_too_few_years_are_flagged():
    assert score(WEAK).flags == ["below_min_years", "missing_required_skill"]


def test_years_below_the_minimum_earn_points_in_proportion():
    one_year = score(WEAK, required_skills=[], preferred_skills=[], min_years=4)
    assert one_year.score == round(60 + 25 + 15 * 1.0 / 4)


def test_no_minimum_years_gives_the_full_years_points():
    assert score(WEAK, required_skills=[], preferred_skills=[], min_years=0).score == 100


def test_extraction_flags_are_passed_through():
    flags = score(STRONG, flags=["hidden_text", "encrypted", "no_text"]).flags
    assert flags == ["encrypted", "hidden_text", "no_text"]


def test_the_explanation_shows_evidence_missing_skills_years_and_flags():
    explanation = score(STRONG, required_skills=["Python", "Rust"]).explanation
    assert 'Python: "…- Present Built services in Python and Django on PostgreSQL,…"' in explanation
    assert "Missing required skills: Rust" in explanation
    assert "Missing preferred skills: Redis" in explanation
    assert "Experience: 7.5 years (minimum 5)." in explanation
    assert "Flags: missing_required_skill" in explanation


def test_a_skill_outside_the_curated_list_is_found_by_word_search():
    result = score(
        WEAK + "Forklift licence holder.", required_skills=["forklift licence"], preferred_skills=[]
    )
    assert result.matched_skills == ["forklift licence"] and result.missing_skills == []


def test_a_resume_without_text_scores_low_and_says_why():
    result = score("", flags=["no_text"])
    assert result.score == 0 and "no_text" in result.flags


@settings(max_examples=100, database=None, deadline=None)
@given(
    text=st.text(max_size=300),
    required=st.lists(st.sampled_from(["Python", "k8s", "Go", "forklift", "C++"]), max_size=4),
    min_years=st.floats(min_value=0, max_value=30),
)
def test_any_resume_scores_between_0_and_100(text, required, min_years):
    result = score(text, required_skills=required, preferred_skills=[], min_years=min_years)
    assert 0 <= result.score <= 100 and result == score(
        text, required_skills=required, preferred_skills=[], min_years=min_years
    )
