"""Week arithmetic: a Week value, week ids, and how weeks and days are said.

Pure: nothing here reads the clock or the disk. "Today" is always a parameter.

A week's id is its ISO 8601 id, ``YYYY-Www``. Weeks start on Monday unless the
config says Sunday; a Sunday-start week keeps the id of the ISO week whose Monday
follows its Sunday, so 2026-W47 is Mon 16 - Sun 22 Nov 2026 for Monday weeks and
Sun 15 - Sat 21 Nov 2026 for Sunday weeks.

The one parser for every DATE, WEEK and span argument is ``weeks.parse``; its functions
are importable from here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from weeknote.errors import UsageError
from weeknote.weeks.days import (
    MAX_YEAR,
    MIN_YEAR,
    MONTH_ABBR,
    MONTHS,
    OUT_OF_RANGE,
    WEEK_STARTS,
    WEEKDAYS,
    describe_day,
    iso_week,
)

MAX_SPAN = 4  # weeks one note may cover
# The supported dates; the supported weeks are those holding them, 1000-W01 to 9998-W53
# (whose days run from 30 December 999 to 3 January 9999).
FIRST_DAY, LAST_DAY = date(MIN_YEAR, 1, 1), date(MAX_YEAR, 12, 31)


_ID = re.compile(r"(\d{4})-?[Ww](\d{1,2})")


@dataclass(frozen=True, order=True)
class Week:
    """One week, identified by its ISO year and week number."""

    year: int
    number: int
    sunday_start: bool = False

    @classmethod
    def of(cls, day: date, week_start: str = "monday") -> Week:
        """The week that contains ``day``."""
        year, number = iso_week(day, week_start)
        return cls(year, number, week_start == "sunday")

    @classmethod
    def from_id(cls, text: str, week_start: str = "monday") -> Week:
        """Parse ``2026-W47``; a week that does not exist is a UsageError."""
        match = _ID.fullmatch(text.strip())
        if not match:
            raise UsageError(f"not a week id: {text!r} (expected the form 2026-W47)")
        return _iso_week(int(match.group(1)), int(match.group(2)), text, week_start)

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def start(self) -> date:
        """The first day of the week (a Monday, or the Sunday before it)."""
        return self.monday - timedelta(days=1) if self.sunday_start else self.monday

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def id(self) -> str:
        return f"{self.year:04d}-W{self.number:02d}"

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(7)]

    def step(self, weeks: int) -> Week | None:
        """The week ``weeks`` after this one (before it, if negative), or None when that is
        past the first or the last supported week: for a neighbour that may not exist."""
        try:
            iso = (self.monday + timedelta(weeks=weeks)).isocalendar()
        except OverflowError:
            return None
        if not MIN_YEAR <= iso.year <= MAX_YEAR:
            return None
        return Week(iso.year, iso.week, self.sunday_start)

    def __add__(self, weeks: int) -> Week:
        moved = self.step(weeks)
        if moved is None:
            raise UsageError(f"that week is {OUT_OF_RANGE}")
        return moved

    def __sub__(self, weeks: int) -> Week:
        return self + (-weeks)

    def since(self, other: Week) -> int:
        """How many weeks after ``other`` this week is (negative if before)."""
        return (self.monday - other.monday).days // 7

    def __str__(self) -> str:
        return self.id


def weeks_in_year(year: int) -> int:
    """52 or 53: the number of ISO weeks in ``year``."""
    return date(year, 12, 28).isocalendar().week


def week_range(first: Week, last: Week) -> Iterator[Week]:
    """Every week from ``first`` to ``last``, both included."""
    week: Week | None = first
    while week is not None and week <= last:
        yield week
        week = week.step(1)


def format_day(day: date, with_year: bool = False) -> str:
    """'16 November' (or '16 November 2026'), as weeknote writers put it."""
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def describe_week(week: Week) -> str:
    """'2026-W48 (23-29 Nov 2026)', naming only what differs between its first and last day."""
    start, end = week.start, week.end
    if start.year != end.year:
        first = f"{_day_month(start)} {start.year}"
    elif start.month != end.month:
        first = _day_month(start)
    else:
        first = str(start.day)
    return f"{week.id} ({first}-{_day_month(end)} {end.year})"


def span_id(first: Week, last: Week) -> str:
    """The printed notation: '2026-W44', '2026-W44..W45' or '2026-W53..2027-W01'."""
    if first == last:
        return first.id
    if first.year == last.year:
        return f"{first.id}..W{last.number:02d}"
    return f"{first.id}..{last.id}"


def _day_month(day: date) -> str:
    return f"{day.day} {MONTH_ABBR[day.month - 1]}"


def _iso_week(year: int, number: int, text: str, week_start: str) -> Week:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UsageError(f"{text.strip()!r} is {OUT_OF_RANGE}")
    if not 1 <= number <= weeks_in_year(year):
        raise UsageError(f"{text!r} is not a week: {year} has {weeks_in_year(year)} ISO weeks")
    return Week(year, number, week_start == "sunday")


def day_in_week(as_of: date, weekday: str, week_start: str = "monday") -> date:
    """The day named ``weekday`` ("friday") in the week of ``as_of``."""
    start = Week.of(as_of, week_start).start
    first_day = 6 if week_start == "sunday" else 0
    return start + timedelta(days=(WEEKDAYS.index(weekday) - first_day) % 7)


def cutoff_date(as_of: date, cutoff_day: str, week_start: str = "monday") -> date:
    """The cut-off day in the week of ``as_of``: until then, last week may still be written."""
    return day_in_week(as_of, cutoff_day, week_start)


__all__ = [
    "cutoff_date",
    "day_in_week",
    "FIRST_DAY",
    "LAST_DAY",
    "MAX_SPAN",
    "MAX_YEAR",
    "MIN_YEAR",
    "MONTHS",
    "OUT_OF_RANGE",
    "WEEKDAYS",
    "WEEK_STARTS",
    "Week",
    "describe_day",
    "describe_week",
    "format_day",
    "span_id",
    "week_range",
    "weeks_in_year",
]
