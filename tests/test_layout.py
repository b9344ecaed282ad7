"""Reading order from positions: rows, a column of dates beside its entries, two real columns."""

from resumes.screening.layout import Line, reading_order


def at(text, x0, top, size=10.0, width=None):
    return Line(text, 0, x0, top, x0 + (width or 5.5 * len(text)), top + size * 1.2, size)


def texts(lines):
    return [line.text for line in lines]


def test_fragments_on_one_row_are_read_left_to_right_whatever_order_the_file_draws_them():
    row = [at("Python.", 200, 100), at("Built services in", 100, 100), at("Jan 2020 – Present", 450, 100)]
    assert texts(reading_order(row)) == ["Built services in Python.   Jan 2020 – Present"]


def test_a_column_of_dates_joins_the_entries_beside_it():
    lines = []
    for n, year in enumerate(range(2010, 2022, 2)):
        lines += [
            at(f"{year} – {year + 2}", 60, 100 + 40 * n),
            at(f"Engineer at Company {n}, City", 160, 100 + 40 * n),
        ]
        lines.append(at("Built and ran the services of the platform, every day.", 160, 114 + 40 * n))
    ordered = texts(reading_order(lines))
    assert ordered[0] == "2010 – 2012   Engineer at Company 0, City"
    assert ordered[2] == "2012 – 2014   Engineer at Company 1, City"


def test_two_columns_are_read_one_after_the_other_under_a_full_width_name():
    name = at("Jane Doe", 60, 40, size=24, width=480)
    sidebar = [at(f"Sidebar line {n} with skills", 60, 100 + 14 * n, width=150) for n in range(12)]
    main = [
        at(f"Main column line {n}, about the work done there", 240, 100 + 14 * n, width=300)
        for n in range(12)
    ]
    ordered = texts(reading_order([name, *main, *sidebar]))
    assert ordered == ["Jane Doe", *(line.text for line in sidebar), *(line.text for line in main)]
