from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from weeknote.errors import UsageError
from weeknote.weeks import Week, format_day, parse_week, week_range, weeks_in_year

TODAY = date(2026, 11, 22)  # a Sunday in 2026-W47
days = st.dates(min_value=date(1900, 1, 8), max_value=date(2100, 12, 24))


@given(days)
def test_week_contains_its_day_and_starts_on_monday(day: date) -> None:
    week = Week.of(day)
    assert week.start <= day <= week.end
    assert week.start.weekday() == 0
    assert (week.end - week.start).days == 6
    assert Week.from_id(week.id) == week


@given(days)
def test_sunday_weeks_start_on_sunday(day: date) -> None:
    week = Week.of(day, "sunday")
    assert week.start.weekday() == 6
    assert week.start <= day <= week.end


@given(days, st.integers(min_value=-300, max_value=300))
def test_adding_weeks_moves_seven_days_each(day: date, n: int) -> None:
    week = Week.of(day)
    assert (week + n).start == week.start + timedelta(weeks=n)
    assert (week + n).since(week) == n


@given(st.integers(min_value=1900, max_value=2100))
def test_every_week_of_a_year_is_listed_once(year: int) -> None:
    first = Week.from_id(f"{year}-W01")
    last = Week.from_id(f"{year}-W{weeks_in_year(year):02d}")
    weeks = list(week_range(first, last))
    assert len(weeks) == weeks_in_year(year)
    assert (last + 1).id == f"{year + 1}-W01"


def test_2026_has_a_week_53_across_new_year() -> None:
    week = Week.from_id("2026-W53")
    assert (week.start, week.end) == (date(2026, 12, 28), date(2027, 1, 3))
    assert Week.of(date(2027, 1, 1)).id == "2026-W53"
    assert (week + 1).id == "2027-W01"


def test_week_53_of_a_52_week_year_is_refused() -> None:
    with pytest.raises(UsageError, match="2025 has 52 ISO weeks"):
        Week.from_id("2025-W53")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("this", "2026-W47"),
        ("last", "2026-W46"),
        ("next", "2026-W48"),
        ("-3", "2026-W44"),
        ("2026-W47", "2026-W47"),
        ("2026-w05", "2026-W05"),
        ("2026-11-18", "2026-W47"),
        ("16 Nov 2026", "2026-W47"),
        ("w/c 16 November 2026", "2026-W47"),
        ("w/c 9 November", "2026-W46"),
        ("2027-01-01", "2026-W53"),
    ],
)
def test_week_forms(text: str, expected: str) -> None:
    assert parse_week(text, TODAY).id == expected


@pytest.mark.parametrize("text", ["banana", "2026-13-01", "47", "", "2026-02-30", "+"])
def test_bad_weeks_list_the_forms(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_week(text, TODAY)
    assert repr(text) in caught.value.message
    assert "this, last, next, -N" in caught.value.message


def test_a_week_past_the_years_end_names_the_count() -> None:
    with pytest.raises(UsageError, match="2026 has 53 ISO weeks"):
        parse_week("2026-W60", TODAY)


def test_sunday_start_keeps_the_iso_id_of_the_following_monday() -> None:
    week = parse_week("2026-11-15", TODAY, "sunday")
    assert week.id == "2026-W47"
    assert week.start == date(2026, 11, 15)


def test_format_day() -> None:
    assert format_day(date(2026, 3, 4)) == "4 March"
    assert format_day(date(2026, 3, 4), with_year=True) == "4 March 2026"
