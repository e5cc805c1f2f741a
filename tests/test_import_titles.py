"""What titles say about their weeks, as real weeknote writers put them."""

from __future__ import annotations

from datetime import date

import pytest

from weeknote.imports.titles import ENDS, SPANS, STARTS, WrittenDate, read_title

# Titles that name their weeks outright: title -> week ids.
FULL_WEEKS = [
    ("Weeknotes 2024 W19: AI slop", ["2024-W19"]),
    ("2024-W19", ["2024-W19"]),
    ("2024W07 quiet one", ["2024-W07"]),
    ("2019.30 Making my hand as famous", ["2019-W30"]),
    ("2019.29-30: a fortnight", ["2019-W29", "2019-W30"]),
    ("2019.29\u201330: an en dash", ["2019-W29", "2019-W30"]),
    ("## 2024.19", ["2024-W19"]),
    ("# 2024.19 #", ["2024-W19"]),
    ("Week 19, 2024", ["2024-W19"]),
    ("week 19 of 2024: lower case", ["2024-W19"]),
    ("Weeknotes for week 7, 2023", ["2023-W07"]),
    ("Weeknotes: Dizzy \u2014 Week 19, 2024", ["2024-W19"]),
    ("Dizzy \u2013 2024-W19", ["2024-W19"]),
    ("KW 51 / 2024", ["2024-W51"]),
    ("kw51/2024: Kalenderwoche", ["2024-W51"]),
    ("weeknotes 42-43/2023", ["2023-W42", "2023-W43"]),
    ("Weeknotes 7/2023", ["2023-W07"]),
    ("2019.52-2020.01: over New Year", ["2019-W52", "2020-W01"]),
    ("2024-W52\u20132025-W01", ["2024-W52", "2025-W01"]),
    ("2020.53 a year with 53 weeks", ["2020-W53"]),
    ("Weeknotes 2026 weeks 16-17", ["2026-W16", "2026-W17"]),
    ("Weeknotes May 2026 weeks 18-19", ["2026-W18", "2026-W19"]),
    ("2026 week 24-25", ["2026-W24", "2026-W25"]),
]


@pytest.mark.parametrize(
    ("title", "numbers"),
    [
        ("Weeknotes for weeks 4-5", (4, 5)),
        ("Weeknotes weeks 7-8", (7, 8)),
        ("Weeks 24-27", (24, 27)),
        ("weeks 52\u20131: over New Year", (52, 1)),
        ("Busy \u2014 weeks 3 and 4", (3, 4)),
    ],
)
def test_week_numbers_without_a_year_are_placed_by_the_caller(
    title: str, numbers: tuple[int, int]
) -> None:
    found = read_title(title)
    assert found is not None and found.floating and found.weeks_span
    assert found.numbers == numbers
    first, last = numbers
    placed = found.place(2026)
    assert (placed[0].id, placed[-1].id) == (
        f"2026-W{first:02d}",
        f"{2026 + (last < first)}-W{last:02d}",
    )


@pytest.mark.parametrize(("title", "ids"), FULL_WEEKS)
def test_titles_that_name_their_weeks(title: str, ids: list[str]) -> None:
    found = read_title(title)
    assert found is not None and found.problem is None and found.number is None
    assert [week.id for week in found.weeks] == ids


# Titles that write days: title -> (kind, days as (day, month, year)).
DAYS = [
    ("Weeknote w/c 15 July: mobiles, robots and focus", STARTS, [(15, 7, None)]),
    ("w/c 4 and 11 March", STARTS, [(4, 3, None), (11, 3, None)]),
    ("Weeknote w/c 6 & 13 January: two weeks", STARTS, [(6, 1, None), (13, 1, None)]),
    ("w/c 26 October and 2 November: across months", STARTS, [(26, 10, None), (2, 11, None)]),
    ("Weeknote w/c 15 July 2019: with a year", STARTS, [(15, 7, 2019)]),
    ("w/c 30 December and 6 January", STARTS, [(30, 12, None), (6, 1, None)]),
    ("Week of 3 June", STARTS, [(3, 6, None)]),
    ("Week commencing 3 June: the launch", STARTS, [(3, 6, None)]),
    ("WEEK BEGINNING MONDAY 3RD JUNE", STARTS, [(3, 6, None)]),
    ("w/c Mon 23rd Sept \u2013 hats", STARTS, [(23, 9, None)]),
    ("Week of 3 Jun.: abbreviated", STARTS, [(3, 6, None)]),
    ("A busy one (w/c 3 June)", STARTS, [(3, 6, None)]),
    ("Weeknote: a busy one [w/c 3 June 2024]", STARTS, [(3, 6, 2024)]),
    ("w/e 7 June", ENDS, [(7, 6, None)]),
    ("Week ending Friday 7 June 2024: done", ENDS, [(7, 6, 2024)]),
    ("Weeknotes: 3\u20139 June 2024", SPANS, [(3, 6, None), (9, 6, 2024)]),
    ("27 May \u2013 2 June: half and half", SPANS, [(27, 5, None), (2, 6, None)]),
    ("Weeknote 31st December 2023", SPANS, [(31, 12, 2023)]),
    ("Weeknotes: 12 May", SPANS, [(12, 5, None)]),
    ("Week of June 3, 2024", STARTS, [(3, 6, 2024)]),
    ("w/c Monday June 3rd: month first", STARTS, [(3, 6, None)]),
    ("Weeknotes for the week ending Dec. 11, 2021", ENDS, [(11, 12, 2021)]),
    ("w/e 11/12", ENDS, [(11, 12, None)]),  # day first
    ("w/e 11/12/2021: numbers", ENDS, [(11, 12, 2021)]),
    ("Weeknotes: Anniversarial \u2014 31st July 2022", SPANS, [(31, 7, 2022)]),
    ("Weeknotes: the move \u2013 June 3, 2024", SPANS, [(3, 6, 2024)]),
]


@pytest.mark.parametrize(("title", "kind", "days"), DAYS)
def test_titles_that_write_days(
    title: str, kind: str, days: list[tuple[int, int, int | None]]
) -> None:
    found = read_title(title)
    assert found is not None and not found.weeks and found.problem is None
    assert (found.kind, found.days) == (kind, tuple(WrittenDate(*d) for d in days))


@pytest.mark.parametrize(
    ("title", "first_year", "ids"),
    [
        ("w/c 30 December and 6 January", 2019, ["2020-W01", "2020-W02"]),
        ("w/c 21 and 28 December", 2020, ["2020-W52", "2020-W53"]),
        ("w/e 7 June", 2024, ["2024-W23"]),  # Friday 7 June 2024: the week that holds it
        ("w/e Sunday 9 June", 2024, ["2024-W23"]),
        ("Weeknotes: 3\u20139 June", 2024, ["2024-W23"]),
        ("27 May \u2013 7 June", 2024, ["2024-W22", "2024-W23"]),
        ("Weeknote 31st December", 2023, ["2023-W52"]),
        ("Weeknote 30 December", 2024, ["2025-W01"]),  # a Monday in ISO week 1 of 2025
    ],
)
def test_days_are_placed_in_the_weeks_they_name(
    title: str, first_year: int, ids: list[str]
) -> None:
    found = read_title(title)
    assert found is not None and found.floating
    assert [week.id for week in found.place(first_year)] == ids


def test_a_title_with_its_year_places_itself() -> None:
    found = read_title("Weeknotes: 30 December 2024 \u2013 5 January 2025")
    assert found is not None and not found.floating
    assert [week.id for week in found.place(None)] == ["2025-W01"]
    over = read_title("w/c 30 December and 6 January 2020")
    assert over is not None and [w.id for w in over.place(None)] == ["2020-W01", "2020-W02"]


def test_sunday_weeks() -> None:
    # Sunday 2 to Saturday 8 June 2024 is 2024-W23 for Sunday weeks
    range_ = read_title("Weeknotes: 3\u20139 June 2024")
    assert range_ is not None
    assert [w.id for w in range_.place(None, "sunday")] == ["2024-W23"]  # touches W24 by a day
    sunday = read_title("w/c 2 June 2024")
    assert sunday is not None
    assert [w.start for w in sunday.place(None, "sunday")] == [date(2024, 6, 2)]
    # a week "ending" on Sunday 9 June, with Sunday weeks, is the one that began on the 2nd
    ending = read_title("w/e 9 June 2024")
    assert ending is not None
    assert [w.start for w in ending.place(None, "sunday")] == [date(2024, 6, 2)]
    numbered = read_title("2024-W23", week_start="sunday")
    assert numbered is not None and numbered.weeks[0].start == date(2024, 6, 2)


@pytest.mark.parametrize(
    ("title", "number"),
    [
        ("Weeknote #42", 42),
        ("Weeknote # 7: a slow week", 7),
        ("Week 158: still going", 158),
        ("Weeknotes 42", 42),
        ("weeknote no. 3 \u2013 hello", 3),
        ("Holidays \u2014 Weeknote #43", 43),
        ("Weekly Wrap 571: bins and bots", 571),
        ("Weekly Notes #12", 12),
        ("WEEKLY WRAP 9", 9),
    ],
)
def test_series_numbers(title: str, number: int) -> None:
    found = read_title(title)
    assert found is not None
    assert (found.number, found.weeks, found.days) == (number, (), ())


@pytest.mark.parametrize(
    ("title", "problem"),
    [
        ("2019.53", "names week 53 of 2019, which has only 52 weeks"),
        ("2019.53 Christmas", "names week 53 of 2019, which has only 52 weeks"),
        ("2024-W54", "names week 54 of 2024, which has only 52 weeks"),
        ("Week 60, 2024", "names week 60 of 2024, which has only 52 weeks"),
        ("KW 0 / 2024", "names week 0 of 2024: weeks are numbered from 1"),
        ("2019.30-28: backwards", "names weeks 2019-W30 to 2019-W28, which run backwards"),
    ],
)
def test_impossible_weeks_say_what_is_wrong(title: str, problem: str) -> None:
    found = read_title(title)
    assert found is not None and found.problem == problem and not found.weeks


@pytest.mark.parametrize(
    "title",
    [
        "w/c 4 March was busy",  # prose: no colon or dash after the date
        "I wrote it w/c 4 March: then stopped",
        "w/c 4 and 11: no month",
        "w/c 31 February: no such day",
        "Weeknote: a title without a date",
        "Week 12 was hard",
        "2020.5 million people",
        "2019.30x",
        "1500.20 pounds",
        "12/2023",  # a month, not a week
        "31 December 2023",  # a bare day is a date, not a weeknote's title
        "(I'm taking a break this week, so my next weeknote will arrive in w/c 2 March)",
        "Thoughts on the week",
        "Weekly thoughts on soup",  # not every title that starts with "weekly"
        "Weekly roundup: 12 links",
        "Weekly shop for 3",  # a series' name is a name
        "Meeting: June 3, 2024",  # a day closes only a weeknote's title
        "",
    ],
)
def test_not_titles(title: str) -> None:
    assert read_title(title) is None


def test_where_the_week_stands() -> None:
    opening = read_title("Week 19, 2024: a title")
    closing = read_title("A title: Week 19, 2024")
    assert opening is not None and opening.at_start
    assert closing is not None and not closing.at_start


def test_long_prose_fails_fast() -> None:
    assert read_title("w/c " + "1, " * 5000 + "x") is None
    assert read_title("Busy: " + "w/c 1, " * 5000) is None
