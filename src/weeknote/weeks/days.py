"""Days and the weeks they fall in, without the Week value: what a captured bullet needs.

Pure, and cheap to import (no dataclasses, no regular expressions): `weeknote bullet` runs
many times a day, and every module it imports is paid for each time. The Week value and
the parser of DATE and WEEK arguments (weeks/) build on this.
"""

from __future__ import annotations

from weeknote.errors import UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import UTC as UTC
    from datetime import date as date
    from datetime import datetime as datetime
    from datetime import timedelta as timedelta
else:
    try:  # the C module alone: datetime.py only wraps it, and a capture need not load it
        from _datetime import UTC, date, datetime, timedelta
    except ImportError:  # a Python without it
        from datetime import UTC, date, datetime, timedelta  # noqa: F401 (for quick.py)

WEEK_STARTS: tuple[str, ...] = ("monday", "sunday")
WEEKDAYS: tuple[str, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)  # fmt: skip
MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
DAY_ABBR = tuple(day[:3].title() for day in WEEKDAYS)
MONTH_ABBR = tuple(month[:3] for month in MONTHS)

# Years a week may fall in: every week of them, its days and the weeks either side can be
# represented (Python's dates end on 31 December 9999).
MIN_YEAR, MAX_YEAR = 1000, 9998
OUT_OF_RANGE = f"out of the supported range of dates (years {MIN_YEAR} to {MAX_YEAR})"


def moment_now() -> datetime:
    """Now, on WEEKNOTE_TODAY's day when that is set, as every command takes it for today:
    the moment a bullet is captured, or a note takes in its week's drafts."""
    import os

    now = datetime.now()
    fixed = os.environ.get("WEEKNOTE_TODAY")
    if fixed:
        try:
            return datetime.combine(date.fromisoformat(fixed), now.time())
        except ValueError:  # the command says so, as it reads today
            pass
    return now


def offset_moment() -> datetime:
    """``moment_now`` with the local offset, to the second: when a note was written or
    last changed, as its front matter keeps it (RFC 3339, 2026-11-20T09:12:03+00:00)."""
    return moment_now().astimezone().replace(microsecond=0)


def iso_week(day: date, week_start: str = "monday") -> tuple[int, int]:
    """(ISO year, week number) of the week holding ``day``. A Sunday-start week takes the
    number of the ISO week whose Monday follows its Sunday."""
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise UsageError(f"{day.isoformat()} is {OUT_OF_RANGE}")
    monday = day + timedelta(days=1) if week_start == "sunday" and day.weekday() == 6 else day
    iso = monday.isocalendar()
    return iso.year, iso.week


def week_id(year: int, number: int) -> str:
    """'2026-W47'."""
    return f"{year:04d}-W{number:02d}"


def first_day(year: int, number: int, week_start: str = "monday") -> date:
    """The first day of a week: its Monday, or the Sunday before it."""
    monday = date.fromisocalendar(year, number, 1)
    return monday - timedelta(days=1) if week_start == "sunday" else monday


def week_days(day: date, week_start: str = "monday") -> list[date]:
    """The seven days of the week holding ``day``, in order."""
    start = first_day(*iso_week(day, week_start), week_start)
    return [start + timedelta(days=offset) for offset in range(7)]


def describe_day(day: date) -> str:
    """'Mon 23 Nov 2026': how commands say a date they resolved."""
    return f"{DAY_ABBR[day.weekday()]} {day.day} {MONTH_ABBR[day.month - 1]} {day.year}"
