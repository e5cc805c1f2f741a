import subprocess
import sys
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from weeknote.errors import UsageError
from weeknote.weeks.parse import DATE_FORMS, future_hint, parse_date, parse_span, parse_week
from weeknote.weeks.week import (
    FIRST_DAY,
    LAST_DAY,
    MONTHS,
    WEEKDAYS,
    Week,
    describe_day,
    describe_week,
    format_day,
    span_id,
    week_range,
    weeks_in_year,
)

TODAY = date(2026, 11, 22)  # a Sunday in 2026-W47
TUESDAY = date(2026, 11, 24)  # in 2026-W48
MONDAY = date(2027, 1, 4)  # the first day of 2027-W01, the week after a week 53
days = st.dates(min_value=date(1900, 1, 8), max_value=date(2100, 12, 24))
todays = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


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
        ("-3", "2026-W44"),
        ("2026-W47", "2026-W47"),
        ("2026-w05", "2026-W05"),
        ("2026-11-18", "2026-W47"),
        ("16 Nov 2026", "2026-W47"),
        ("w/c 16 November 2026", "2026-W47"),
        ("w/c 9 November", "2026-W46"),
    ],
)
def test_week_forms(text: str, expected: str) -> None:
    assert parse_week(text, TODAY).id == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("next", "2026-W48"), ("+1", "2026-W48"), ("2027-01-01", "2026-W53"), ("W53", "2026-W53")],
)
def test_weeks_ahead_need_future(text: str, expected: str) -> None:
    assert parse_week(text, TODAY, future=True).id == expected
    with pytest.raises(UsageError, match="has not started yet"):
        parse_week(text, TODAY)


@pytest.mark.parametrize("text", ["banana", "", "+", "-x", "--all", "last month", "w/c"])
def test_bad_weeks_list_the_forms(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_week(text, TODAY)
    assert repr(text) in caught.value.message
    assert "this, last, next, -N" in caught.value.message


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2026-13-01", "there is no month 13"),
        ("2026-02-30", "February 2026 has 28 days"),
        ("2026-W54", "2026 has 53 ISO weeks"),
        ("54", "weeks are numbered 1 to 53"),
        ("W0", "weeks are numbered 1 to 53"),
        ("Nov", "names no day"),
        ("November 2026", "names no day"),
        ("11/12", "could be 11 December or 12 November"),
        ("2026-W44..W45", "names more than one week"),
        ("W53", "2026-W53 has not started yet and 2025 has no week 53"),
    ],
)
def test_week_shaped_mistakes_say_what_is_wrong(text: str, reason: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_week(text, TUESDAY)
    assert repr(text) in caught.value.message and reason in caught.value.message
    assert "\n" not in caught.value.message


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


# DATE forms. Tuesday 24 November 2026 unless the table says otherwise.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", "2026-11-24"),
        ("yesterday", "2026-11-23"),
        ("tomorrow", "2026-11-25"),
        ("tuesday", "2026-11-24"),
        ("Tue", "2026-11-24"),
        ("TUES", "2026-11-24"),
        ("monday", "2026-11-23"),
        ("mon", "2026-11-23"),
        ("Wednesday", "2026-11-18"),
        ("wed", "2026-11-18"),
        ("thu", "2026-11-19"),
        ("thur", "2026-11-19"),
        ("Thurs", "2026-11-19"),
        ("fri", "2026-11-20"),
        ("sat", "2026-11-21"),
        ("Sun", "2026-11-22"),
        ("last friday", "2026-11-20"),
        ("last tuesday", "2026-11-17"),
        ("Last Mon", "2026-11-23"),
        ("this friday", "2026-11-27"),
        ("this monday", "2026-11-23"),
        ("next friday", "2026-11-27"),
        ("next tuesday", "2026-12-01"),
        ("3 days ago", "2026-11-21"),
        ("1 day ago", "2026-11-23"),
        ("a day ago", "2026-11-23"),
        ("0 days ago", "2026-11-24"),
        ("2 weeks ago", "2026-11-10"),
        ("a week ago", "2026-11-17"),
        ("24 Nov", "2026-11-24"),
        ("Nov 24", "2026-11-24"),
        ("24 November", "2026-11-24"),
        ("November 24", "2026-11-24"),
        ("24th Nov", "2026-11-24"),
        ("the 24th of November", "2026-11-24"),
        ("Tuesday 24 November", "2026-11-24"),
        ("Tue, 24 Nov", "2026-11-24"),
        ("25 Nov", "2025-11-25"),
        ("1st Dec", "2025-12-01"),
        ("3 Sept", "2026-09-03"),
        ("Sep 3rd", "2026-09-03"),
        ("2 jan", "2026-01-02"),
        ("29 Feb", "2024-02-29"),
        ("24/11", "2026-11-24"),
        ("11/24", "2026-11-24"),
        ("5/5", "2026-05-05"),
        ("30/11", "2025-11-30"),
        ("24/11/2026", "2026-11-24"),
        ("24.11.2026", "2026-11-24"),
        ("11/24/2027", "2027-11-24"),
        ("2026-11-24", "2026-11-24"),
        ("2027-03-01", "2027-03-01"),
        ("2026/11/24", "2026-11-24"),
        ("24 Nov 2026", "2026-11-24"),
        ("Nov 24, 2026", "2026-11-24"),
        ("1 Dec 2026", "2026-12-01"),
        ("  24   Nov  ", "2026-11-24"),
        # other text with a day in it goes to python-dateutil
        ("24-Nov-2026", "2026-11-24"),
        ("Tue, 24 Nov 2026 10:00:00 +0000", "2026-11-24"),
        ("2026-11-24T09:30", "2026-11-24"),
        ("on 24 nov", "2026-11-24"),
    ],
)
def test_date_forms(text: str, expected: str) -> None:
    assert parse_date(text, TUESDAY).isoformat() == expected


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (TODAY, "sunday", "2026-11-22"),
        (TODAY, "sat", "2026-11-21"),
        (TODAY, "mon", "2026-11-16"),
        (TODAY, "last sunday", "2026-11-15"),
        (TODAY, "this friday", "2026-11-20"),
        (TODAY, "this sunday", "2026-11-22"),
        (TODAY, "next monday", "2026-11-23"),
        (TODAY, "24 Nov", "2025-11-24"),
        (TODAY, "22 Nov", "2026-11-22"),
        (MONDAY, "monday", "2027-01-04"),
        (MONDAY, "sun", "2027-01-03"),
        (MONDAY, "last monday", "2026-12-28"),
        (MONDAY, "this sunday", "2027-01-10"),
        (MONDAY, "next monday", "2027-01-11"),
        (MONDAY, "yesterday", "2027-01-03"),
        (MONDAY, "28 Dec", "2026-12-28"),
        (MONDAY, "5 Jan", "2026-01-05"),
        (MONDAY, "13/1", "2026-01-13"),
        (MONDAY, "1/1", "2027-01-01"),
        (MONDAY, "1 week ago", "2026-12-28"),
    ],
)
def test_date_forms_on_a_sunday_and_a_monday(today: date, text: str, expected: str) -> None:
    assert parse_date(text, today).isoformat() == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Nov", "'Nov' names no day: write one, such as 1 Nov or 2026-11-01"),
        ("November 2026", "names no day: write one, such as 1 Nov 2026 or 2026-11-01"),
        ("24", "'24' names no month: write one, such as 24 Nov or 2026-11-24"),
        ("24th", "names no month"),
        ("10:30", "names no day"),
        ("2026", "names no day"),
        ("4/1", "could be 4 January or 1 April"),
        ("Tuesday 10:00", "names no day"),
        ("11/12", "'11/12' could be 11 December or 12 November: write 11 Dec or 12 Nov"),
        ("11/12/2026", "write 11 Dec 2026 or 12 Nov 2026 (or 2026-12-11)"),
        ("11-12-2026 10:00", "could be 11 December or 12 November"),
        ("24/11/26", "two-digit year: write it in full, such as 24/11/2026"),
        ("24 Nov 26", "two-digit year"),
        ("31/11", "November has 30 days"),
        ("30 Feb", "February has at most 29 days"),
        ("29 Feb 2026", "February 2026 has 28 days"),
        ("2026-02-30", "February 2026 has 28 days"),
        ("2026-13-01", "there is no month 13"),
        ("13/13", "write the day, then the month"),
        ("Monday 24 November", "24 Nov 2026 is a Tuesday; write 24 Nov or Tue 24 Nov"),
        ("0999-12-31", "out of the supported range"),
        ("9999-12-31", "out of the supported range"),
        ("10000-01-01", "out of the supported range"),
        ("4000000 days ago", "out of the supported range"),
        ("99999999999 weeks ago", "out of the supported range"),
    ],
)
def test_date_shaped_mistakes_say_what_is_wrong(text: str, reason: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_date(text, TUESDAY)
    assert repr(text) in caught.value.message and reason in caught.value.message
    assert "\n" not in caught.value.message


@pytest.mark.parametrize(
    "text", ["banana", "", "-3", "-24/11", "+1", "last week", "w/c 16 Nov", "fortnight"]
)
def test_bad_dates_list_the_forms(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_date(text, TUESDAY)
    assert caught.value.message == f"not a date: {text!r}. Use {DATE_FORMS}."


def test_iso_dates_and_keywords_do_not_load_dateutil() -> None:
    """`weeknote bullet --date` stays fast: only unusual text pays for importing dateutil."""
    code = (
        "import sys; from datetime import date\n"
        "from weeknote.weeks.parse import parse_date, parse_week\n"
        "for text in ('2026-11-24', 'yesterday', 'fri', 'last fri', '3 days ago', '24 Nov',\n"
        "             '24/11', 'Tuesday 24 November'):\n"
        "    parse_date(text, date(2026, 11, 24))\n"
        "parse_week('2026-W47', date(2026, 11, 24)); parse_week('w/c 16 Nov', date(2026, 11, 24))\n"
        "assert 'dateutil' not in sys.modules, 'dateutil was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _cased(data: st.DataObject, word: str) -> str:
    flips = data.draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
    return "".join(c.upper() if flip else c for c, flip in zip(word, flips, strict=True))


DAY_NAMES = [
    (name, n)
    for n, day in enumerate(WEEKDAYS)
    for name in {day, day[:3], *{"tuesday": ["tues"], "thursday": ["thur", "thurs"]}.get(day, [])}
]


@given(todays, st.sampled_from(DAY_NAMES), st.data())
def test_a_day_name_is_within_the_last_week(
    today: date, name: tuple[str, int], data: st.DataObject
) -> None:
    day = parse_date(_cased(data, name[0]), today)
    assert 0 <= (today - day).days <= 6 and day.weekday() == name[1]


@given(todays, st.sampled_from(DAY_NAMES), st.data())
def test_last_day_name_is_one_to_seven_days_back(
    today: date, name: tuple[str, int], data: st.DataObject
) -> None:
    day = parse_date(_cased(data, f"last {name[0]}"), today)
    assert 1 <= (today - day).days <= 7 and day.weekday() == name[1]


@given(todays, st.integers(min_value=0, max_value=400))
def test_days_ago_is_exact(today: date, n: int) -> None:
    assert parse_date(f"{n} days ago", today) == today - timedelta(days=n)


@given(todays, st.integers(min_value=0, max_value=200))
def test_weeks_ago_is_exact(today: date, n: int) -> None:
    assert parse_date(f"{n} weeks ago", today) == today - timedelta(weeks=n)
    assert parse_week(f"{n} weeks ago", today) == Week.of(today) - n


@given(todays, st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 12, 31)), st.data())
def test_a_yearless_date_is_the_most_recent_past_one(
    today: date, day_month: date, data: st.DataObject
) -> None:
    assume((day_month.month, day_month.day) != (2, 29))
    d, month = day_month.day, MONTHS[day_month.month - 1]
    form = data.draw(
        st.sampled_from(["{d} {m}", "{m} {d}", "{d} {mon}", "{mon} {d}", "{d}th {mon}"])
    )
    text = form.format(d=d, m=month, mon=month[:3])
    day = parse_date(_cased(data, text), today)
    assert (day.month, day.day) == (day_month.month, day_month.day)
    assert 0 <= (today - day).days < 366


@given(todays, st.integers(min_value=1, max_value=52))
def test_a_week_number_is_the_latest_one_begun_or_the_nearest(today: date, number: int) -> None:
    current = Week.of(today)
    past = parse_week(f"W{number}", today)
    assert past.number == number and 0 <= current.since(past) < 53
    nearest = parse_week(str(number), today, future=True)
    assert nearest.number == number and abs(nearest.since(current)) <= 26


weeks = days.map(Week.of)
# the last weeks of years, so spans cross year ends and 53-week years
year_ends = st.builds(
    lambda year, back: Week.from_id(f"{year}-W{weeks_in_year(year):02d}") - back,
    st.integers(min_value=1990, max_value=2100),
    st.integers(min_value=0, max_value=3),
)


@given(weeks | year_ends, todays)
def test_week_ids_round_trip(week: Week, today: date) -> None:
    assert parse_week(week.id, today, future=True) == week
    assert parse_week(f"{week.year}.{week.number:02d}", today, future=True) == week
    assert parse_week(week.id, today, "sunday", future=True) == Week(week.year, week.number, True)
    assert parse_week(week.id, week.start + timedelta(days=6)) == week


@given(weeks | year_ends, st.integers(min_value=0, max_value=3), todays, st.booleans())
def test_spans_round_trip(first: Week, extra: int, today: date, sunday: bool) -> None:
    first = Week(first.year, first.number, sunday)
    last = first + extra
    start = "sunday" if sunday else "monday"
    assert parse_span(span_id(first, last), today, start, future=True) == (first, last)
    assert parse_span(f"{first.id}+{extra}", today, start, future=True) == (first, last)
    assert parse_span(span_id(first, last), last.end, start) == (first, last)


# WEEK forms


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (TUESDAY, "this", "2026-W48"),
        (TUESDAY, "This Week", "2026-W48"),
        (TUESDAY, "current", "2026-W48"),
        (TUESDAY, "now", "2026-W48"),
        (TUESDAY, "last", "2026-W47"),
        (TUESDAY, "last week", "2026-W47"),
        (TUESDAY, "previous", "2026-W47"),
        (TUESDAY, "prev", "2026-W47"),
        (TUESDAY, "-1", "2026-W47"),
        (TUESDAY, "-3", "2026-W45"),
        (TUESDAY, "+0", "2026-W48"),
        (TUESDAY, "2 weeks ago", "2026-W46"),
        (TUESDAY, "a week ago", "2026-W47"),
        (TUESDAY, "W47", "2026-W47"),
        (TUESDAY, "w47", "2026-W47"),
        (TUESDAY, "47", "2026-W47"),
        (TUESDAY, "48", "2026-W48"),
        (TUESDAY, "W49", "2025-W49"),
        (TUESDAY, "2026-W47", "2026-W47"),
        (TUESDAY, "2026W47", "2026-W47"),
        (TUESDAY, "2026-w47", "2026-W47"),
        (TUESDAY, "2026.47", "2026-W47"),
        (TUESDAY, "2019.30", "2019-W30"),
        (TUESDAY, "w/c 16 Nov", "2026-W47"),
        (TUESDAY, "W/C 16 November 2026", "2026-W47"),
        (TUESDAY, "wc 16 Nov", "2026-W47"),
        (TUESDAY, "week commencing 16 Nov", "2026-W47"),
        (TUESDAY, "week of 18 Nov", "2026-W47"),
        (TUESDAY, "w/c 28 Dec", "2025-W52"),
        (TUESDAY, "16 Nov", "2026-W47"),
        (TUESDAY, "24/11", "2026-W48"),
        (TUESDAY, "last friday", "2026-W47"),
        (TUESDAY, "this friday", "2026-W48"),
        (TUESDAY, "3 days ago", "2026-W47"),
        (MONDAY, "this", "2027-W01"),
        (MONDAY, "last", "2026-W53"),
        (MONDAY, "W53", "2026-W53"),
        (MONDAY, "W1", "2027-W01"),
        (MONDAY, "W2", "2026-W02"),
        (MONDAY, "yesterday", "2026-W53"),
        (MONDAY, "w/c 28 Dec", "2026-W53"),
        (TODAY, "W48", "2025-W48"),
        (TODAY, "today", "2026-W47"),
    ],
)
def test_week_forms_by_day(today: date, text: str, expected: str) -> None:
    assert parse_week(text, today).id == expected


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (TUESDAY, "next", "2026-W49"),
        (TUESDAY, "next week", "2026-W49"),
        (TUESDAY, "+2", "2026-W50"),
        (TUESDAY, "2026-W49", "2026-W49"),
        (TUESDAY, "W49", "2026-W49"),
        (TUESDAY, "W53", "2026-W53"),
        (TUESDAY, "W1", "2027-W01"),
        (TUESDAY, "W20", "2027-W20"),  # 25 weeks ahead, not 28 back
        (TUESDAY, "W22", "2026-W22"),  # 26 weeks back, not 27 ahead
        (date(2025, 7, 23), "W4", "2026-W04"),  # 26 weeks back or ahead: ties go forward
        (date(2025, 7, 23), "W5", "2025-W05"),
        (TUESDAY, "w/c 28 Dec", "2026-W53"),
        (TUESDAY, "w/c 4 Jan", "2027-W01"),
        (TUESDAY, "next friday", "2026-W48"),
        (TUESDAY, "tomorrow", "2026-W48"),
        (TUESDAY, "w/c 16 Nov", "2026-W47"),
        (TODAY, "tomorrow", "2026-W48"),
        (MONDAY, "W52", "2026-W52"),
    ],
)
def test_future_weeks(today: date, text: str, expected: str) -> None:
    assert parse_week(text, today, future=True).id == expected


@pytest.mark.parametrize(
    ("today", "text", "message"),
    [
        (TUESDAY, "2026-W49", "2026-W49 has not started yet: name this week, 2026-W48"),
        (TUESDAY, "next", "'next' is 2026-W49, which has not started yet"),
        (TUESDAY, "+1", "'+1' is 2026-W49, which has not started yet"),
        (TUESDAY, "w/c 30 Nov 2026", "is 2026-W49, which has not started yet"),
        (TODAY, "tomorrow", "'tomorrow' is 2026-W48, which has not started yet"),
    ],
)
def test_weeks_that_have_not_started_are_refused(today: date, text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message.replace("+", r"\+")):
        parse_week(text, today)


def test_sunday_weeks() -> None:
    this = parse_week("this", TUESDAY, "sunday")
    assert (this.id, this.start) == ("2026-W48", date(2026, 11, 22))
    assert parse_week("2026-11-22", TUESDAY, "sunday") == this
    assert parse_week("w/c 22 Nov", TUESDAY, "sunday") == this
    assert parse_week("W47", TUESDAY, "sunday") == this - 1
    assert parse_week("-1", TUESDAY, "sunday").start == date(2026, 11, 15)
    # Saturday 28 November ends the Sunday week, so it is not next week
    assert parse_week("28 Nov 2026", TUESDAY, "sunday") == this


# spans


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (TUESDAY, "2026-W44..W45", "2026-W44..W45"),
        (TUESDAY, "2026-W44..2026-W45", "2026-W44..W45"),
        (TUESDAY, "2026-w44 .. w45", "2026-W44..W45"),
        (TUESDAY, "W44..W45", "2026-W44..W45"),
        (TUESDAY, "2026-W44+1", "2026-W44..W45"),
        (TUESDAY, "W44 to W45", "2026-W44..W45"),
        (TUESDAY, "2026-W44 to 2026-W45", "2026-W44..W45"),
        (TUESDAY, "2026-W45..W48", "2026-W45..W48"),
        (TUESDAY, "last..this", "2026-W47..W48"),
        (TUESDAY, "-3 to this", "2026-W45..W48"),
        (TUESDAY, "w/c 9 Nov to w/c 16 Nov", "2026-W46..W47"),
        (TUESDAY, "2026-W47", "2026-W47"),
        (TUESDAY, "this", "2026-W48"),
        (TUESDAY, "2026-W47+0", "2026-W47"),
        (MONDAY, "2026-W53..2027-W01", "2026-W53..2027-W01"),
        (MONDAY, "2026-W52..W01", "2026-W52..2027-W01"),
        (MONDAY, "last..this", "2026-W53..2027-W01"),
        (MONDAY, "2026-W53+1", "2026-W53..2027-W01"),
    ],
)
def test_span_forms(today: date, text: str, expected: str) -> None:
    assert span_id(*parse_span(text, today)) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-W45..2026-W44", "runs backwards: 2026-W45 is after 2026-W44"),
        ("W45..W44", "runs backwards: 2026-W45 is after 2026-W44"),
        ("2026-W40..W44", "is 5 weeks: a span is at most 4 weeks, such as 2026-W40..W43"),
        ("W40 to W44", "(2026-W40..W44) is 5 weeks"),
        ("2026-W44+4", "is 5 weeks: a span is at most 4 weeks"),
        ("2026-W44+999999", "is 1000000 weeks"),
        ("2026-W47..W49", "ends in 2026-W49, which has not started yet"),
        ("2026-W48+1", "'2026-W48+1' ends in 2026-W49, which has not started yet"),
        ("2026-W49..W50", "2026-W49 has not started yet"),
        ("2025-W52..W53", "2025 has 52 ISO weeks"),
        ("W44..W45..W46", "not a span"),
        ("2026-W44..", "not a span"),
        ("banana..W45", "not a week: 'banana'"),
    ],
)
def test_bad_spans(text: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_span(text, TUESDAY)
    assert message in caught.value.message
    assert "\n" not in caught.value.message


def test_a_span_ahead_needs_future() -> None:
    assert span_id(*parse_span("2026-W52..W01", TUESDAY, future=True)) == "2026-W52..2027-W01"
    assert span_id(*parse_span("w/c 28 Dec+1", TUESDAY, future=True)) == "2026-W53..2027-W01"


# how commands say dates and weeks


def test_span_ids() -> None:
    w44 = Week.from_id("2026-W44")
    assert span_id(w44, w44) == "2026-W44"
    assert span_id(w44, w44 + 1) == "2026-W44..W45"
    assert span_id(Week.from_id("2026-W53"), Week.from_id("2027-W01")) == "2026-W53..2027-W01"


def test_the_supported_weeks_are_those_holding_the_supported_days() -> None:
    first, last = Week.of(FIRST_DAY), Week.of(LAST_DAY)
    assert (first.id, last.id) == ("1000-W01", "9998-W53")
    assert Week.of(LAST_DAY, "sunday").id == "9998-W53"
    assert first.step(-1) is None and last.step(1) is None
    assert last.step(-1) == Week.from_id("9998-W52") and first.step(1) == Week.from_id("1000-W02")
    assert list(week_range(last.step(-1) or last, last)) == [last.step(-1), last]
    with pytest.raises(UsageError, match="out of the supported range"):
        last + 1


def test_describe() -> None:
    assert describe_day(date(2026, 11, 23)) == "Mon 23 Nov 2026"
    assert describe_day(date(2027, 1, 3)) == "Sun 3 Jan 2027"
    assert describe_week(Week.from_id("2026-W48")) == "2026-W48 (23-29 Nov 2026)"
    assert describe_week(Week.from_id("2026-W53")) == "2026-W53 (28 Dec 2026-3 Jan 2027)"
    assert describe_week(Week.from_id("2026-W40")) == "2026-W40 (28 Sep-4 Oct 2026)"
    assert describe_week(Week.from_id("2026-W48", "sunday")) == "2026-W48 (22-28 Nov 2026)"
    assert describe_week(Week.from_id("2027-W01", "sunday")) == "2027-W01 (3-9 Jan 2027)"
    assert describe_week(Week.from_id("2026-W01", "sunday")) == "2026-W01 (28 Dec 2025-3 Jan 2026)"


@pytest.mark.parametrize(
    ("day", "today", "hint"),
    [
        (
            date(2026, 11, 27),
            TUESDAY,
            "Fri 27 Nov 2026 is in 3 days; a bullet records what happened: "
            "use `last friday` for 20 Nov",
        ),
        (
            date(2026, 11, 25),
            TUESDAY,
            "Wed 25 Nov 2026 is tomorrow; a bullet records what happened: "
            "use `last wednesday` for 18 Nov",
        ),
        (
            date(2026, 12, 1),
            TUESDAY,
            "Tue 1 Dec 2026 is in 7 days; a bullet records what happened: "
            "use `last tuesday` for 17 Nov",
        ),
        (
            date(2027, 1, 9),
            MONDAY,
            "Sat 9 Jan 2027 is in 5 days; a bullet records what happened: "
            "use `last saturday` for 2 Jan",
        ),
        (
            date(2027, 1, 8),
            date(2027, 1, 1),
            "Fri 8 Jan 2027 is in 7 days; a bullet records what happened: "
            "use `last friday` for 25 Dec 2026",
        ),
    ],
)
def test_future_hint(day: date, today: date, hint: str) -> None:
    assert future_hint(day, today) == hint
    suggested = hint.split("`")[1]
    assert parse_date(suggested, today) < today
    assert parse_date(suggested, today).weekday() == day.weekday()
