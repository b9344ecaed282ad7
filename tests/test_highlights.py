"""resumes.highlights: finding each matched skill's evidence again in the text."""

from resumes.highlights import highlight

TEXT = "Jane\nSkills: Python,   PostgreSQL\nand k8s clusters.\n"


def marked(parts):
    return [(part, skill) for part, skill in parts if skill]


def test_the_parts_join_back_to_the_text():
    parts = highlight(TEXT, {"Python": "Skills: Python, PostgreSQL and…"})
    assert "".join(part for part, _ in parts) == TEXT


def test_it_marks_the_skill_inside_its_snippet_across_line_breaks():
    parts = highlight(TEXT, {"PostgreSQL": "…Python, PostgreSQL and k8s clusters."})
    assert marked(parts) == [("PostgreSQL", "PostgreSQL")]


def test_a_skill_spelled_otherwise_marks_the_whole_snippet():
    parts = highlight(TEXT, {"Kubernetes": "and k8s clusters."})
    assert marked(parts) == [("and k8s clusters.", "Kubernetes")]


def test_a_snippet_not_in_the_text_marks_nothing():
    assert marked(highlight(TEXT, {"Go": "Go developer"})) == []


def test_overlapping_evidence_is_marked_once():
    parts = highlight(TEXT, {"Python": "Skills: Python,", "Python 3": "Skills: Python,"})
    assert marked(parts) == [("Skills: Python,", "Python 3")]
