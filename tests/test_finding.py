"""resumes.finding.find: sorting a batch's files and keeping those that match, as the page and CSV do."""

import pytest

from resumes.finding import Criteria, find, neighbours
from resumes.models import Resume


def resume(pk, name=None, score=None, years=None, email=None, flags=(), matched=(), missing=()):
    return Resume(
        pk=pk, original_name=f"{pk}.pdf", score=score, flags=list(flags), matched_skills=list(matched),
        missing_skills=list(missing), parsed={"name": name, "email": email, "years": years},
    )  # fmt: skip


@pytest.fixture
def ranked():
    return [
        resume(1, "Zed Alpha", 90, 2, "zed@corp.example", matched=["Python", "Docker"]),
        resume(2, "amy Bloggs", 70, 9, "amy@mail.example", ["ocr"], ["Python"], ["Docker"]),
        resume(3, None, 40, None, None, flags=["ocr", "below_min_years"], missing=["Python"]),
        resume(4, "Bo Cee", None, 4, "bo@corp.example"),
    ]  # fmt: skip


def ids(rows):
    return [r.pk for _, r in rows]


def test_by_default_it_keeps_every_file_in_rank_order(ranked):
    assert find(ranked, Criteria()) == list(enumerate(ranked, start=1))


def test_it_sorts_by_years_most_first_unknown_last(ranked):
    assert ids(find(ranked, Criteria(sort="years"))) == [2, 4, 1, 3]


def test_it_sorts_by_name_ignoring_case_unknown_last(ranked):
    assert ids(find(ranked, Criteria(sort="name"))) == [2, 4, 1, 3]


def test_the_rank_stays_the_place_by_score(ranked):
    assert find(ranked, Criteria(sort="name"))[0] == (2, ranked[1])


def test_it_filters_by_flag(ranked):
    assert ids(find(ranked, Criteria(flag="ocr"))) == [2, 3]


def test_it_filters_by_a_matched_skill_in_any_case(ranked):
    assert ids(find(ranked, Criteria(skill="python"))) == [1, 2]


def test_it_filters_by_a_missing_skill(ranked):
    assert ids(find(ranked, Criteria(missing="Docker"))) == [2]


def test_it_finds_text_in_the_name_or_the_email(ranked):
    assert ids(find(ranked, Criteria(text="CORP"))) == [1, 4]
    assert ids(find(ranked, Criteria(text="bloggs"))) == [2]


def test_criteria_combine(ranked):
    assert ids(find(ranked, Criteria(flag="ocr", skill="Python", sort="years"))) == [2]


def test_an_unknown_sort_falls_back_to_rank(ranked):
    assert ids(find(ranked, Criteria(sort="nonsense"))) == [1, 2, 3, 4]


def test_neighbours_are_the_files_before_and_after(ranked):
    rows = find(ranked, Criteria(flag="ocr"))
    assert neighbours(rows, ranked[1]) == (None, ranked[2])
    assert neighbours(rows, ranked[2]) == (ranked[1], None)
    assert neighbours(rows, ranked[0]) == (None, None)
