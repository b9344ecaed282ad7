"""Years of experience from the work history's date ranges, however they are written."""

from datetime import date

import pytest

from resumes.screening.dates import years_of_experience

TODAY = date(2024, 6, 15)


@pytest.mark.parametrize(
    ("ranges", "years"),
    [
        ("Jan 2018 - Mar 2021", 3.2),
        ("January 2018 – March 2021", 3.2),
        ("03/2019 - 05/2020", 1.2),
        ("2015–2019", 4.0),
        ("2019 — 2019", 1.0),
        ("Mar. 2010 ­ Aug. 2017".replace("\u00ad", "-"), 7.5),
        ("2020 to current", 4.5),
        ("September 2022 – now", 1.8),
        ("Jan 2020 - Dec 2020\nJun 2020 - Feb 2021", 1.2),
        ("2010 - 2012\n2016 - 2018", 4.0),
        ("2019-03 to 2021-02", 2.0),
        ("Summer 2022 – Fall 2023", 1.3),
        ("Jan 2020 ‐ Dec 2020", 1.0),  # U+2010 hyphen
        ("Jan 2020 − Dec 2020", 1.0),  # minus sign
    ],
)
def test_years_of_experience_from_date_ranges(ranges, years):
    assert years_of_experience(ranges, TODAY) == years


def test_overlapping_jobs_are_counted_once():
    assert years_of_experience("Acme Jan 2019 - Dec 2020\nSide job Mar 2019 - Jun 2019", TODAY) == 2.0


def test_a_range_broken_over_lines_is_read_whole():
    text = "Experience\nJune 2020 –\nStaff Engineer, Initech\nPresent\nJan 2016 - Dec 2019"
    assert years_of_experience(text, TODAY) == 8.1  # June 2020 to June 2024 inclusive, and four years


def test_a_date_alone_then_its_end_on_a_later_line_is_a_range():
    assert years_of_experience("Experience\nMarch 2021\nAcme Corp\n– Present", TODAY) == 3.3


def test_ranges_under_education_awards_and_projects_are_not_experience():
    text = (
        "Education\nUniversity 2008 - 2012\nExperience\nInitech 2015 - 2019\n"
        "Awards & Honors\nHackathon winner 2019 - 2020\nPersonal Projects\nA game engine 2020 - 2023"
    )
    assert years_of_experience(text, TODAY) == 4.0


def test_present_means_the_reference_date():
    assert years_of_experience("Jan 2024 - Present", date(2025, 1, 31)) == 1.1
    assert years_of_experience("Jan 2024 - Present", date(2024, 12, 1)) == 1.0


def test_headings_in_other_languages_keep_education_out():
    text = "Experiencia profesional\n03/2019 – presente Analista\nFormación\n2012 – 2016 Grado en Matemáticas"
    assert years_of_experience(text, TODAY) == 5.3
    text = "Berufserfahrung\n01/2015–heute Ingenieurin\nSchul- und Berufsbildung\n10/2005–03/2011 Diplom"
    assert years_of_experience(text, TODAY) == 9.5


def test_letter_spaced_and_misread_headings_are_headings():
    assert years_of_experience("WO RK\nMar 2020 — Present\nE D U CATI O N\n2011 — 2014", TODAY) == 4.3
    assert (
        years_of_experience("Experience\n2019 - 2021 Engineer\nwes   Edlication\n2010 - 2015 BSc", TODAY)
        == 2.0
    )


def test_a_heading_in_a_margin_column_beside_its_first_entry_counts():
    text = "Work   Engineer, Acme   Aug 2019 – ongoing\nEducation   BSc, Chalmers   2011 – 2014"
    assert years_of_experience(text, TODAY) == 4.9


def test_since_a_date_runs_to_the_present_where_dates_stand_but_not_in_a_sentence():
    assert years_of_experience("seit 08/2019   Senior UX Designer", TODAY) == 4.9
    assert years_of_experience("Developer building web apps since 2015.", TODAY) == 0.0


def test_a_date_column_entry_whose_end_is_on_the_next_line_is_read_whole():
    text = "03/2019 – Data Analyst, Banco Meridional\n11/2021 Built dashboards in Tableau"
    assert years_of_experience(text, TODAY) == 2.8


def test_a_copyright_footer_is_not_a_job():
    assert years_of_experience("© Europäische Union, 2002 – 2026 | europass", TODAY) == 0.0
