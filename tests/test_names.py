"""Reading the candidate's name: the most prominent text near the top that reads as a name."""

from resumes.screening.layout import Line
from resumes.screening.names import find_name


def line(text, top, size=10.0, x0=72.0, page=0):
    return Line(text, page, x0, top, x0 + 6 * len(text), top + size * 1.2, size)


def body(top=300.0):
    return [line(f"Built and ran services, line {n}", top + 14 * n) for n in range(10)]


def test_it_skips_headings_job_titles_and_labels():
    assert find_name("Resume\nSoftware Engineer\nAmelia Thompson\n") == "Amelia Thompson"
    assert find_name("Name: María José García\n") == "María José García"
    assert find_name("Ludwig van Beethoven | Composer\n") == "Ludwig van Beethoven"
    assert find_name("jane@example.com\n+1 415 555 2671\n") is None


def test_it_takes_the_largest_type_near_the_top_not_the_first_line():
    lines = [line("Senior Software Engineer", 40), line("Priya Raman", 60, size=28), *body()]
    assert find_name("\n".join(x.text for x in lines), lines) == "Priya Raman"


def test_a_name_set_over_two_lines_is_joined():
    lines = [line("MARÍA", 40, size=30), line("GONZÁLEZ RODRÍGUEZ", 76, size=30), *body()]
    assert find_name("\n".join(x.text for x in lines), lines) == "María González Rodríguez"


def test_a_name_glued_to_the_next_words_by_a_job_board_is_cut_off():
    lines = [line("Jane B. DoeFeatured Resume", 40, size=20), *body()]
    assert find_name("\n".join(x.text for x in lines), lines) == "Jane B. Doe"


def test_a_letter_spaced_name_is_put_back_together():
    assert find_name("J A N E   D O E\njane.doe@example.com\n") == "Jane Doe"
    assert find_name("K I M L E E\nkim.lee@example.com\n") == "Kim Lee"


def test_diacritics_and_particles_are_kept():
    assert find_name("Nguyễn Văn An\n") == "Nguyễn Văn An"
    assert find_name("JEAN-LUC VAN DER BERG\n") == "Jean-Luc van der Berg"
    assert find_name("Zoë O'Neill\n") == "Zoë O'Neill"


def test_a_company_or_a_heading_in_large_type_is_not_a_name():
    lines = [line("Acme Technologies", 30, size=30), line("Curriculum Vitae", 70, size=24)]
    lines += [line("Tomás Herrera", 100, size=16), *body()]
    assert find_name("\n".join(x.text for x in lines), lines) == "Tomás Herrera"


def test_a_glued_name_keeps_its_inner_capitals():
    lines = [line("Sean McDonaldFeatured Candidate", 40, size=20), *body()]
    assert find_name("\n".join(x.text for x in lines), lines) == "Sean McDonald"
