"""Week arithmetic: a Week value, week ids and the WEEK forms commands accept.

Pure: nothing here reads the clock or the disk. "Today" is always a parameter.

A week's id is its ISO 8601 id, ``YYYY-Www``. Weeks start on Monday unless the
config says Sunday; a Sunday-start week keeps the id of the ISO week whose Monday
follows its Sunday, so 2026-W47 is Mon 16 - Sun 22 Nov 2026 for Monday weeks and
Sun 15 - Sat 21 Nov 2026 for Sunday weeks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from weeknote.errors import UsageError

WEEK_STARTS = ("monday", "sunday")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

WEEK_FORMS = (
    "this, last, next, -N (N weeks ago), a week id such as 2026-W47, "
    "an ISO date such as 2026-11-18, or a date such as '16 Nov 2026' or 'w/c 16 November 2026'"
)

# Years a week may fall in: every week of them, its days and the weeks either side can be
# represented (Python's dates end on 31 December 9999).
MIN_YEAR, MAX_YEAR = 1000, 9998
OUT_OF_RANGE = f"out of the supported range of dates (years {MIN_YEAR} to {MAX_YEAR})"

_ID = re.compile(r"(\d{4})-?[Ww](\d{1,2})")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_RELATIVE = re.compile(r"([-+])\s*(\d+)")
_WC_PREFIX = re.compile(r"^(?:w/c|wc|week\s+commencing|week\s+of)\s+", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Week:
    """One week, identified by its ISO year and week number."""

    year: int
    number: int
    sunday_start: bool = False

    @classmethod
    def of(cls, day: date, week_start: str = "monday") -> Week:
        """The week that contains ``day``."""
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise UsageError(f"{day.isoformat()} is {OUT_OF_RANGE}")
        sunday = week_start == "sunday"
        monday = day + timedelta(days=1) if sunday and day.weekday() == 6 else day
        iso = monday.isocalendar()
        return cls(iso.year, iso.week, sunday)

    @classmethod
    def from_id(cls, text: str, week_start: str = "monday") -> Week:
        """Parse ``2026-W47``; a week that does not exist is a UsageError."""
        match = _ID.fullmatch(text.strip())
        if not match:
            raise UsageError(f"not a week id: {text!r} (expected the form 2026-W47)")
        year, number = int(match.group(1)), int(match.group(2))
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise UsageError(f"{text.strip()!r} is {OUT_OF_RANGE}")
        try:
            date.fromisocalendar(year, number, 1)
        except ValueError:
            raise UsageError(
                f"{text!r} is not a week: {year} has {weeks_in_year(year)} ISO weeks"
                if 1 <= year <= 9999
                else f"{text!r} is not a week: the year is out of range"
            ) from None
        return cls(year, number, week_start == "sunday")

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

    def __add__(self, weeks: int) -> Week:
        try:
            iso = (self.monday + timedelta(weeks=weeks)).isocalendar()
        except OverflowError:
            raise UsageError(f"that week is {OUT_OF_RANGE}") from None
        if not MIN_YEAR <= iso.year <= MAX_YEAR:
            raise UsageError(f"that week is {OUT_OF_RANGE}")
        return Week(iso.year, iso.week, self.sunday_start)

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
    week = first
    while week <= last:
        yield week
        week = week + 1


def format_day(day: date, with_year: bool = False) -> str:
    """'16 November' (or '16 November 2026'), as weeknote writers put it."""
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def parse_date(text: str, today: date) -> date:
    """An ISO date, or a date python-dateutil reads; a bad one is a UsageError."""
    cleaned = text.strip()
    if _ISO_DATE.fullmatch(cleaned):
        try:
            return date.fromisoformat(cleaned)
        except ValueError:
            raise UsageError(f"not a date: {text!r} (that day does not exist)") from None
    if cleaned.lower() in ("today", "yesterday", "tomorrow"):
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[cleaned.lower()]
        return today + timedelta(days=offset)
    natural = _WC_PREFIX.sub("", cleaned)
    if not natural or natural.lstrip("+-").isdigit():
        raise UsageError(f"not a date: {text!r} (use 2026-11-18 or '18 Nov 2026')")
    from dateutil import parser as dateparser  # only natural dates pay for dateutil

    try:
        return dateparser.parse(
            natural, default=datetime(today.year, today.month, today.day), dayfirst=True
        ).date()
    except (ValueError, OverflowError):
        raise UsageError(f"not a date: {text!r} (use 2026-11-18 or '18 Nov 2026')") from None


def parse_week(text: str, today: date, week_start: str = "monday") -> Week:
    """Read any WEEK form a command accepts; a bad one is a UsageError listing the forms."""
    cleaned = text.strip().lower()
    current = Week.of(today, week_start)
    words = cleaned.removesuffix(" week")
    if words in ("this", "current", "now"):
        return current
    if words in ("last", "previous", "prev"):
        return current - 1
    if words == "next":
        return current + 1
    relative = _RELATIVE.fullmatch(cleaned)
    if relative:
        count = int(relative.group(2))
        return current + (count if relative.group(1) == "+" else -count)
    if _ID.fullmatch(cleaned):
        return Week.from_id(text.strip().upper(), week_start)
    try:
        day = parse_date(text, today)
    except UsageError:
        raise UsageError(f"not a week: {text!r}. Use {WEEK_FORMS}.") from None
    return Week.of(day, week_start)
