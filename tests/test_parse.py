"""Reading a whole resume's fields, its contact details and links out of its text."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resumes.screening.parse import find_links, parse_resume
from resumes.screening.phones import find_phone

TODAY = date(2024, 6, 15)

RESUME = """CURRICULUM VITAE
JANE  O'BRIEN-SMITH
Senior Software Engineer | jane.obrien@example.co.uk | Tel: +44 (0)20 7946 0958
linkedin.com/in/jane-obrien  https://github.com/janeob.

Experience
Platform Engineer, Initech            Jan 2018 - Mar 2021
Freelance developer                    03/2019 - Present
Education
BSc Computer Science, University of Leeds   2010–2014
Skills
Python, k8s, Postgres
"""


def test_it_reads_every_field_of_a_resume():
    parsed = parse_resume(RESUME, today=TODAY)
    assert parsed.name == "Jane O'Brien-Smith"
    assert parsed.email == "jane.obrien@example.co.uk"
    assert parsed.phone == "+442079460958"
    assert parsed.links == ["https://linkedin.com/in/jane-obrien", "https://github.com/janeob"]
    assert list(parsed.skills) == ["Kubernetes", "PostgreSQL", "Python"]
    assert parsed.years == 6.5  # Jan 2018 to June 2024, the freelance years overlap; education is left out


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("+44 (0)20 7946 0958", "+442079460958"),
        ("+1 (415) 555-2671", "+14155552671"),
        ("+1-415-555-2671", "+14155552671"),
        ("0049 30 901820", "+4930901820"),
        ("+61 412 345 678", "+61412345678"),
        ("(415) 555-2671", "4155552671"),
        ("415.555.2671", "4155552671"),
    ],
)
def test_phone_numbers_in_international_and_local_formats(written, normalised):
    assert find_phone(f"Jane Doe\nPhone: {written}\n") == normalised


def test_year_ranges_and_dates_are_not_phone_numbers():
    assert find_phone("Initech 2015 - 2019\nAcme 03/2019 - 05/2021\n") is None


def test_a_labelled_phone_wins_over_another_number():
    assert find_phone("Order ref 123456789\nMobile: +49 151 2345 6789") == "+4915123456789"


def test_links_with_and_without_scheme_each_once():
    text = "See https://jane.dev/, github.com/jane and https://github.com/jane (code). jane@github.com"
    assert find_links(text) == ["https://jane.dev/", "https://github.com/jane"]


def test_no_dates_means_zero_years():
    assert parse_resume("Jane Doe\nPython", today=TODAY).years == 0.0


@settings(max_examples=200, database=None, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text_parses_without_error(text):
    parsed = parse_resume(text, today=TODAY)
    assert parsed.years >= 0 and isinstance(parsed.skills, dict)


def test_an_email_whose_dot_ocr_read_as_a_space_is_mended_with_the_name():
    parsed = parse_resume("Amelia Brooks\nBoston, MA - amelia brooks@example.com\n", today=TODAY)
    assert parsed.email == "amelia.brooks@example.com"
    assert parse_resume("Jane Doe\nContact: brooks@example.com\n", today=TODAY).email == "brooks@example.com"
