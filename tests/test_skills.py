"""Finding skills in resume text: aliases, symbols, word boundaries and typos."""

import json

import pytest

from resumes.screening.skills import SKILLS_FILE, all_skills, canonical_skill, find_skills


def test_the_curated_list_has_at_least_300_skills_with_unambiguous_aliases():
    entries = json.loads(SKILLS_FILE.read_text())
    assert len(all_skills()) >= 300
    surfaces = [
        s.lower() for e in entries for s in [e["name"], *e["aliases"], *e.get("case_sensitive_aliases", [])]
    ]
    assert len(surfaces) == len(set(surfaces))


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("JS", "JavaScript"),
        ("Postgres", "PostgreSQL"),
        ("psql", "PostgreSQL"),
        ("k8s", "Kubernetes"),
        ("ReactJS", "React"),
        ("React.js", "React"),
        ("Golang", "Go"),
        ("AWS", "Amazon Web Services"),
    ],
)
def test_aliases_are_reported_under_the_canonical_name(written, canonical):
    assert list(find_skills(f"Skills: {written}, teamwork")) == [canonical, "Teamwork"]


def test_skills_written_with_symbols_are_found_whole():
    found = find_skills("Languages: C, C++, C#, F#. Platforms: .NET, Node.js and ASP.NET.")
    assert {"C", "C++", "C#", "F#", ".NET", "Node.js", "ASP.NET"} <= found.keys()


def test_go_is_not_found_inside_google_or_as_the_verb_go():
    assert find_skills("Worked at Google. Ready to go the extra mile.") == {}
    assert "Go" in find_skills("Wrote microservices in Go and Python.")


def test_single_letter_languages_need_a_list_around_them():
    assert "R" in find_skills("Statistics with Python, R, SQL")
    assert find_skills("Led the R&D team. Grade C. Vitamin C.") == {}


def test_the_longest_skill_wins():
    assert list(find_skills("Spring Boot and Objective-C")) == ["Objective-C", "Spring Boot"]


def test_a_typo_of_one_letter_in_a_long_word_still_counts():
    found = find_skills("Ran Kubernetis clusters backed by Postgress.")
    assert {"Kubernetes", "PostgreSQL"} <= found.keys()


def test_ordinary_words_close_to_a_skill_are_not_corrected_into_it():
    assert find_skills("Planned each sprint; assembled the strings; tested everything.") == {}


def test_each_skill_comes_with_about_60_characters_of_evidence():
    text = "Over ten years of building data platforms. Deployed everything on Kubernetes in three regions."
    snippet = find_skills(text)["Kubernetes"]
    assert "Kubernetes" in snippet and 45 <= len(snippet) <= 65


def test_matching_ignores_case_for_ordinary_skills():
    assert "PostgreSQL" in find_skills("POSTGRESQL tuning") and "Docker" in find_skills("docker images")


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [("k8s", "Kubernetes"), ("postgress", "PostgreSQL"), ("go", "Go"), ("react.js", "React"), ("c++", "C++")],
)
def test_an_openings_skills_are_canonicalised(typed, canonical):
    assert canonical_skill(typed) == canonical


def test_a_skill_outside_the_list_is_kept_as_typed():
    assert canonical_skill("  Underwater   Basket Weaving ") == "Underwater Basket Weaving"
