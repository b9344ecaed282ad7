"""The candidate's own phone number, and the region hint read from the resume's address."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resumes.screening.layout import Line
from resumes.screening.phones import find_phone, region_from_text


def phone_in_contact_line(written, region=None):
    return find_phone(f"Jane Doe\njane@example.com | {written} | Springfield\n", region=region)


@pytest.mark.parametrize(
    ("written", "e164"),
    [
        ("(+82) 10-9030-1843", "+821090301843"),
        ("(+91) 8814848477", "+918814848477"),
        ("(+44) 207 946 095", "+44207946095"),  # not a valid UK number: as written
        ("+91-8814848477", "+918814848477"),
        ("+1 (234) 567 890", "+1234567890"),  # moderncv's example, valid nowhere
        ("+1-123-456-7890", "+11234567890"),  # sb2nov's example
        ("+44 (0)20 7946 0958", "+442079460958"),
        ("0044 20 7946 0958", "+442079460958"),
        ("+1 (415) 555-2671", "+14155552671"),
        ("0049 30 901820", "+4930901820"),
        ("+86 138 0013 8000", "+8613800138000"),  # "00" inside a number is not an international prefix
        ("+61 412 345 678", "+61412345678"),
        ("+1 415 555 0132", "+14155550132"),
        ("+1-415-555-0132", "+14155550132"),
        ("+ 1  415  555  0132", "+14155550132"),
    ],
)
def test_numbers_written_with_a_country_code_in_any_style(written, e164):
    assert phone_in_contact_line(written) == e164


@pytest.mark.parametrize("written", ["(415) 555-0132", "415.555.0132", "415-555-0132", "415 555 0132"])
def test_a_national_number_gets_the_country_of_the_address(written):
    assert phone_in_contact_line(written, region="US") == "+14155550132"


def test_a_template_number_gets_the_country_of_the_address_too():
    assert phone_in_contact_line("(555) 123-4567", region="US") == "+15551234567"
    assert phone_in_contact_line("020 7946 095", region="GB") == "+44207946095"


def test_a_short_local_number_does_not_get_a_country():
    assert phone_in_contact_line("Phone: 555-0132", region="US") == "5550132"


def test_a_national_number_without_a_region_keeps_its_digits():
    assert phone_in_contact_line("(415) 555-0132") == "4155550132"


def test_a_national_number_never_gets_a_wrong_country():
    assert phone_in_contact_line("(415) 555-0132", region="DE") == "4155550132"
    assert phone_in_contact_line("(415) 555-0132", region="GB") == "4155550132"


@pytest.mark.parametrize(
    ("written", "region", "e164"),
    [
        ("020 7946 0958", "GB", "+442079460958"),
        ("030 901820", "DE", "+4930901820"),
        ("030/901820", "DE", "+4930901820"),
        ("06 12 34 56 78", "FR", "+33612345678"),
        ("8814848477", "IN", "+918814848477"),
    ],
)
def test_national_numbers_of_other_countries(written, region, e164):
    assert phone_in_contact_line(written, region=region) == e164


@pytest.mark.parametrize(
    "separator",
    ["\u2010", "\u2011", "\u2012", "\u2013", "\u00ad", "", "\u00a0", "\u2009", "\u202f"],
    ids=[
        "hyphen",
        "non-breaking-hyphen",
        "figure-dash",
        "en-dash",
        "soft-hyphen",
        "none",
        "nbsp",
        "thin",
        "narrow",
    ],
)
def test_non_ascii_separators(separator):
    assert phone_in_contact_line(f"+1{separator}415{separator}555{separator}0132") == "+14155550132"


@pytest.mark.parametrize("extension", ["ext. 12", "ext 12", "x12", "x 12", "#12", "extension 12"])
def test_an_extension_is_left_off(extension):
    assert phone_in_contact_line(f"+1 415 555 0132 {extension}") == "+14155550132"


def test_the_mobile_wins_on_a_line_of_several_numbers():
    assert phone_in_contact_line("Office: +1 415 555 0199 | Mobile: +1 415 555 0132") == "+14155550132"
    assert phone_in_contact_line("Mobile: +1 415 555 0132 | Office: +1 415 555 0199") == "+14155550132"


def test_the_first_of_several_labelled_numbers_wins():
    assert phone_in_contact_line("Home: +1 415 555 0132 • Work: +1 415 555 0199") == "+14155550132"


@pytest.mark.parametrize(
    "label",
    [
        "Phone:", "Tel.", "Mobile:", "Cell", "Ph:", "Tél. :", "Telefon:", "Móvil:", "Handy", "M:",
        "\u260e", "\u2706", "\U0001f4de", "\U0001f4f1", "\uf095", "\uf10b", "(cid:72)",
    ],
)  # fmt: skip
def test_a_labelled_number_wins_over_a_bare_one(label):
    text = f"Jane Doe\nAcme Corp +1 415 555 0199\n{label} +49 30 901820\n"
    assert find_phone(text) == "+4930901820"


def test_a_label_on_the_line_above_counts():
    assert find_phone("Jane Doe\nAcme Corp +1 415 555 0199\nPhone\n+49 30 901820\n") == "+4930901820"


def test_moderncv_contact_lines_give_the_first_number():
    icons = "\ufffd +1 (234) 567 890 \u2022 \uf095 +2 (345) 678 901 \u2022 \uf02f +3 (456) 789 012"
    assert find_phone(f"John Doe\n{icons}\n") == "+1234567890"
    assert (
        find_phone("John Doe\nM +1 (234) 567 890\nT +2 (345) 678 901\nF +3 (456) 789 012\n") == "+1234567890"
    )
    assert find_phone("(cid:72) +1 (234) 567 890\n(cid:84) +2 (345) 678 901\n") == "+1234567890"


def test_a_fax_number_is_never_the_phone():
    assert find_phone("Jane Doe\nFax: +1 415 555 0199\n") is None
    assert find_phone("Jane Doe\nFax: +1 415 555 0199 | Tel: +1 415 555 0132\n") == "+14155550132"
    assert find_phone("Jane Doe\n\U0001f4e0 +1 415 555 0199\n") is None


def test_a_job_boards_footer_number_is_not_the_candidates():
    text = "Jane Doe\n(415) 555-0132\n" + "Did X.\n" * 30 + "Indeed Resume · Questions? Call 1-800-555-0199\n"
    assert find_phone(text, region="US") == "+14155550132"
    assert (
        find_phone("Customer service: call us on +1 415 555 0199\nJane Doe\n+1 415 555 0132\n")
        == "+14155550132"
    )
    assert find_phone("Jane Doe\nCustomer service: +44 20 7946 0000\n") is None


def test_a_toll_free_number_only_when_there_is_no_other():
    assert find_phone("Jane Doe\nMobile: 1-800-555-0199\n(415) 555-0132\n", region="US") == "+14155550132"
    assert find_phone("Jane Doe\nPhone: 1-800-555-0199\n", region="US") == "+18005550199"


@pytest.mark.parametrize(
    "text",
    [
        "Initech 2015-2019\nAcme 2019 - 2021\n",
        "Acme 03/2019 - 05/2021\n",
        "Awards 2015, 2016, 2017, 2018\n",
        "Awards 2015 2016 2017 2018\n",
        "Born 12.03.1990\n",
        "ZIP 94105-1234\n",
        "10115 Berlin\n",
        "ISBN 978-3-16-148410-0\n",
        "ORCID 0000-0002-1825-0097\n",
        "doi:10.1145/3290605.3300233\n",
        "arXiv:1706.03762\n",
        "GPA: 3.85/4.0\n",
        "Student ID: 123456789\n",
        "https://example.com/u/14155550132\n",
        "linkedin.com/in/jane-4155550132\n",
        "jane.4155550132@example.com\n",
        "Version 1.2.3456789\n",
        "Raised 1 234 567 in seed funding\n",
    ],
)
def test_things_that_are_not_phone_numbers(text):
    assert find_phone(f"Jane Doe\n{text}", region="DE") is None
    assert find_phone(f"Jane Doe\n{text}", region="US") is None


def test_a_labelled_number_wins_over_an_order_reference():
    assert find_phone("Order ref 123456789\nMobile: +49 151 2345 6789") == "+4915123456789"


def test_the_contact_block_wins_over_a_number_further_down():
    text = (
        "Jane Doe\n+44 20 7946 0958\n" + "Did X.\n" * 30 + "References\nJohn Smith, Tel: +44 20 7946 0000\n"
    )
    assert find_phone(text) == "+442079460958"


def test_a_number_on_a_later_page_loses_to_the_first_pages():
    text = "Jane Doe\n" + "Did X.\n" * 30 + "Phone +44 20 7946 0958\n\fReferences\nMobile: +44 20 7946 0000\n"
    assert find_phone(text) == "+442079460958"


def page_lines(page, *texts_at):
    return [Line(text, page, 50, top, 500, top + 10, size) for text, top, size in texts_at]


def test_a_header_repeated_on_every_page_loses_to_the_number_beside_the_name():
    header = ("Talent Agency Ltd · +44 20 7946 0000", 20, 8)
    lines = [
        *page_lines(0, header, ("Jane Doe", 60, 24), ("jane@example.com | +44 20 7946 0958", 95, 10)),
        *page_lines(0, ("Experience", 200, 14), ("Did X.", 220, 10)),
        *page_lines(1, header, ("Did Y.", 60, 10)),
    ]
    assert find_phone("", lines=lines) == "+442079460958"


def test_a_repeated_footer_loses_to_the_contact_block():
    footer = ("Jane Doe CV · +44 20 7946 0000 · page 1", 820, 8)
    lines = [
        *page_lines(0, footer, ("Jane Doe", 60, 24), ("+44 20 7946 0958", 95, 10)),
        *page_lines(1, ("Did Y.", 60, 10), (footer[0].replace("page 1", "page 2"), 820, 8)),
    ]
    assert find_phone("", lines=lines) == "+442079460958"


def test_the_only_number_wins_even_in_a_repeated_footer():
    footer = ("Jane Doe · +44 20 7946 0958", 820, 8)
    lines = [*page_lines(0, ("Jane Doe", 60, 24), footer), *page_lines(1, ("Did Y.", 60, 10), footer)]
    assert find_phone("", lines=lines) == "+442079460958"


def test_lines_without_positions_read_like_text():
    lines = [
        Line("Jane Doe"),
        Line("+44 20 7946 0958"),
        *[Line("Did X.")] * 30,
        Line("Tel: +44 20 7946 0000"),
    ]
    assert find_phone("", lines=lines) == "+442079460958"


def test_no_number_at_all():
    assert find_phone("") is None
    assert find_phone("Jane Doe\nPython, Django\n") is None


@pytest.mark.parametrize(
    ("address", "region"),
    [
        ("123 Main St, Austin, TX 78701", "US"),
        ("Atlanta, GA", "US"),
        ("Dublin, CA 94568", "US"),
        ("Santa Fe, New Mexico", "US"),
        ("Washington D.C., USA", "US"),
        ("221B Baker Street, London NW1 6XE", "GB"),
        ("London, UK", "GB"),
        ("Toronto, ON M5V 2T6", "CA"),
        ("Vancouver, BC", "CA"),
        ("Koramangala, Bangalore - 560034", "IN"),
        ("New Delhi 110001, India", "IN"),
        ("Musterstraße 1, 10115 Berlin", "DE"),
        ("D-80331 München", "DE"),
        ("Hauptstraße 5, 12345 Musterstadt, Deutschland", "DE"),
        ("1012 AB Amsterdam", "NL"),
        ("8001 Zürich, Schweiz", "CH"),
        ("Madrid, España", "ES"),
        ("Mapo-gu, Seoul, Republic of Korea", "KR"),
        ("Sydney, New South Wales", "AU"),
        ("Lagos", "NG"),
    ],
)
def test_the_region_of_the_address(address, region):
    assert region_from_text(f"Jane Doe\nSoftware Engineer\n{address}\njane@example.com\n") == region


def test_an_address_further_down_counts_when_the_top_has_none():
    assert (
        region_from_text("Jane Doe\n" + "Did X.\n" * 30 + "Acme Inc., 500 Oak St, Austin, TX 78701\n") == "US"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Jane Doe\nSoftware Engineer\n",
        "Jane Doe\nLondon, UK | Citizen of India\n",
        "Jane Doe\nIndian Institute of Technology\n",
        "Jane Doe\nSkills: Python, GO, MBA\n",
        "Jane Doe\n" + "Did X.\n" * 30 + "Led a team in Germany\n",
        "Jane Doe\n" + "Did X.\n" * 30 + "Acme, Austin, TX 78701\nInitech, Toronto, ON M5V 2T6\n",
    ],
)
def test_no_region_when_unsure(text):
    assert region_from_text(text) is None


def test_the_region_hint_and_the_phone_together():
    text = "Jane Doe\n500 Oak St, Austin, TX 78701\n(415) 555-0132\n"
    assert find_phone(text, region=region_from_text(text)) == "+14155550132"


PHONE_CHARACTERS = st.sampled_from(
    list("0123456789 +()-./#x\n\f|:•") + ["\u2010", "\u00ad", "\u00a0", "Tel", "Fax"]
)


@settings(max_examples=300, database=None, deadline=None)
@given(
    st.one_of(st.text(), st.lists(PHONE_CHARACTERS, max_size=60).map("".join)),
    st.sampled_from([None, "US", "DE", "IN"]),
)
def test_any_text_gives_a_phone_shaped_answer_or_none(text, region):
    phone = find_phone(text, region=region)
    assert phone is None or re.fullmatch(r"\+?\d{7,15}", phone)
    region_from_text(text)
