"""progress.durations.parse_duration: the durations operators type for --older-than."""

from datetime import timedelta

import pytest

from progress.durations import parse_duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30s", timedelta(seconds=30)),
        ("90m", timedelta(minutes=90)),
        ("12h", timedelta(hours=12)),
        ("2d", timedelta(days=2)),
        ("1w", timedelta(weeks=1)),
        ("1h30m", timedelta(hours=1, minutes=30)),
        (" 2D ", timedelta(days=2)),
        ("0s", timedelta()),
    ],
)
def test_it_reads_a_number_and_a_unit(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "90", "m", "-5m", "1.5h", "5 m", "5y", "two days", "1h30"])
def test_anything_else_is_refused_with_the_accepted_forms(text):
    with pytest.raises(ValueError, match=r"Invalid duration .*90m, 12h, 2d"):
        parse_duration(text)


def test_an_absurdly_long_duration_is_refused():
    with pytest.raises(ValueError, match="too long"):
        parse_duration("99999999999d")


@pytest.mark.parametrize("text", ["999999999999d", "9" * 5000 + "s"])
def test_a_duration_too_long_to_hold_is_refused(text):
    with pytest.raises(ValueError, match="too long"):
        parse_duration(text)
