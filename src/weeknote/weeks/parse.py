"""The one parser for every DATE, WEEK and span argument a command takes.

Pure: "today" is always a parameter. Dates are read past-biased: a date without a year
is the most recent one that is not after today, because notes record what happened. Only
``skip`` plans ahead, so only it passes ``future=True``, which allows weeks that have not
started and reads a yearless date as its nearest occurrence.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import cache

from weeknote.errors import UsageError
from weeknote.weeks.days import MONTH_ABBR as _MONTH_ABBR
from weeknote.weeks.week import (
    MAX_SPAN,
    MAX_YEAR,
    MIN_YEAR,
    MONTHS,
    OUT_OF_RANGE,
    WEEKDAYS,
    Week,
    _day_month,
    _iso_week,
    describe_day,
    describe_week,
    span_id,
    weeks_in_year,
)

DATE_FORMS = (
    "today, yesterday, a day (fri, last fri, this fri, next fri), 3 days ago, 2 weeks ago, "
    "24 Nov, 24/11 (day first) or 2026-11-24"
)


WEEK_FORMS = (
    "this, last, next, -N (N weeks ago), a week number (W47), a week id (2026-W47, 2026.47), "
    "w/c 16 Nov, or a date (2026-11-18, 16 Nov, last fri)"
)


_DAY_NAMES = {name: n for n, day in enumerate(WEEKDAYS) for name in (day, day[:3])}


_DAY_NAMES.update(tues=1, weds=2, thur=3, thurs=3)


_MONTH_NAMES = {name.lower(): n for n, month in enumerate(MONTHS, 1) for name in (month, month[:3])}


_MONTH_NAMES["sept"] = 9


_KEYWORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}


_WEEK_WORDS = {
    **dict.fromkeys(("this", "this week", "current", "current week", "now"), 0),
    **dict.fromkeys(("last", "last week", "previous", "previous week", "prev"), -1),
    **dict.fromkeys(("next", "next week"), 1),
}


_SPAN_SEPARATOR = re.compile(r"\s*\.\.\s*|\s+to\s+", re.IGNORECASE)


_PLUS = re.compile(r"(.*\S)\s*\+\s*(\d+)")


# These read text already lower-cased, with commas and runs of spaces made one space.
_AGO = re.compile(r"(?P<count>\d+|a|one) (?P<unit>day|week)s? ago")


_YMD = re.compile(r"(\d{4,})([-/.])(\d{1,2})\2(\d{1,2})")


_DMY = re.compile(r"(\d{1,2})([-/.])(\d{1,2})(?:\2(\d+))?")


_NUMBER = re.compile(r"\d+")


_WEEK_ID = re.compile(r"(\d{4,}) ?(?:-?w|\.)(\d{1,2})")  # 2026-w47, 2026w47, 2026.47


_WEEK_NUMBER = re.compile(r"w?(\d+)")


_RELATIVE = re.compile(r"([-+]) ?(\d+)")


_WC_PREFIX = re.compile(r"^(?:w/c|wc|week commencing|week of) ")


# Two defaults that differ in every field show which fields python-dateutil really read.
# Both are leap years, and a weekday named without a day moves them into weeks that never meet.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2004, 12, 11))


def future_hint(day: date, today: date) -> str:
    """Why a bullet may not be dated ``day``, a day after ``today``, and what to write instead."""
    ahead = (day - today).days
    when = "tomorrow" if ahead == 1 else f"in {ahead} days"
    past = _last_weekday(today, day.weekday())
    said = _day_month(past) if past.year == today.year else f"{_day_month(past)} {past.year}"
    return (
        f"{describe_day(day)} is {when}; a bullet records what happened: "
        f"use `last {WEEKDAYS[day.weekday()]}` for {said}"
    )


def parse_date(text: str, today: date) -> date:
    """Read a DATE; one without a year is the most recent such day that is not after today."""
    day = _read_date(_words(text), text, today, nearest=False)
    if day is None:
        raise UsageError(f"not a date: {text!r}. Use {DATE_FORMS}.")
    return day


def parse_week(text: str, today: date, week_start: str = "monday", *, future: bool = False) -> Week:
    """Read a WEEK. Unless ``future``, a week after today's is refused: notes are written
    about weeks that have begun, and only a planned break names one ahead."""
    current = Week.of(today, week_start)
    week = _read_week(text, today, current, future)
    if not future and week > current:
        said = week.id if _words(text) == week.id.lower() else f"{text!r} is {week.id}, which"
        raise _not_started(said, current)
    return week


def parse_span(
    text: str, today: date, week_start: str = "monday", *, future: bool = False
) -> tuple[Week, Week]:
    """Read a WEEK or a span of up to MAX_SPAN consecutive weeks as (first, last):
    ``2026-W44..W45``, ``2026-W53..2027-W01``, ``W44 to W45`` or ``2026-W44+1``."""
    cleaned = text.strip()
    parts = _SPAN_SEPARATOR.split(cleaned)
    if len(parts) > 2 or not all(parts):
        raise UsageError(
            f"not a span: {text!r}. Use a WEEK, or two joined by .. or 'to', "
            "such as 2026-W44..W45 or 2026-W44+1"
        )
    current = Week.of(today, week_start)
    plus = _PLUS.fullmatch(cleaned)
    if len(parts) == 2:
        first = parse_week(parts[0], today, week_start, future=future)
        last = _span_end(parts[1], first, today, week_start, future)
    elif plus and not _RELATIVE.fullmatch(_words(cleaned)):
        first = parse_week(plus.group(1), today, week_start, future=future)
        after = int(plus.group(2))
        if after >= MAX_SPAN:
            raise _too_long(repr(text), after + 1, first)
        moved = first.step(after)
        if moved is None:
            raise UsageError(f"{text!r} ends {OUT_OF_RANGE}")
        last = moved
    else:
        week = parse_week(text, today, week_start, future=future)
        return week, week
    if first > last:
        raise UsageError(
            f"{text!r} runs backwards: {first.id} is after {last.id}; put the earlier week first"
        )
    if last.since(first) >= MAX_SPAN:
        said = repr(text)
        if _words(text) != span_id(first, last).lower():
            said += f" ({span_id(first, last)})"
        raise _too_long(said, last.since(first) + 1, first)
    if not future and last > current:
        raise _not_started(f"{text!r} ends in {last.id}, which", current)
    return first, last


def _words(text: str) -> str:
    """Lower case, commas dropped, one space between words: the text the patterns read."""
    return " ".join(text.replace(",", " ").lower().split())


def _days_in(year: int, month: int) -> int:
    return (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day


def _last_weekday(today: date, weekday: int) -> date:
    """The most recent ``weekday`` strictly before today (1 to 7 days back)."""
    return today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)


def _shift(day: date, days: int, text: str) -> date:
    try:
        moved = day + timedelta(days=days)
    except OverflowError:
        raise UsageError(f"{text!r} is {OUT_OF_RANGE}") from None
    if not MIN_YEAR <= moved.year <= MAX_YEAR:
        raise UsageError(f"{text!r} is {OUT_OF_RANGE}")
    return moved


def _exact(year: int, month: int, day: int, text: str) -> date:
    """The date a text gave in full: it may be in the future, but it must exist."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UsageError(f"{text!r} is {OUT_OF_RANGE}")
    if not 1 <= month <= 12:
        raise UsageError(f"{text!r} is not a date: there is no month {month}")
    if not 1 <= day <= _days_in(year, month):
        days = _days_in(year, month)
        raise UsageError(f"{text!r} is not a date: {MONTHS[month - 1]} {year} has {days} days")
    return date(year, month, day)


def _yearless(day: int, month: int, text: str, today: date, nearest: bool) -> date:
    """``day`` ``month`` in the year that makes it the most recent not after today, or with
    ``nearest`` the closest to today (ties go forward)."""
    if not 1 <= day <= _days_in(2000, month):
        most = "at most 29" if month == 2 else str(_days_in(2000, month))
        raise UsageError(f"{text!r} is not a date: {MONTHS[month - 1]} has {most} days")
    # 29 February may be eight years from the nearest other one (2096, 2104)
    years = range(max(MIN_YEAR, today.year - 8), min(MAX_YEAR, today.year + 8) + 1)
    days = [date(year, month, day) for year in years if day <= _days_in(year, month)]
    if not nearest:
        days = [candidate for candidate in days if candidate <= today]
    if not days:
        raise UsageError(f"{text!r} is {OUT_OF_RANGE}")
    if nearest:
        return min(days, key=lambda candidate: (abs((candidate - today).days), candidate < today))
    return max(days)


def _either(names: dict[str, int]) -> str:
    return "|".join(sorted(names, key=len, reverse=True))


@cache
def _named_forms() -> tuple[re.Pattern[str], ...]:
    """The patterns that name days and months: last fri, 24 Nov, Nov 24th, Nov. Compiled on
    first use, as their many alternatives take a millisecond a command may not need to pay."""
    day, month, ordinal = _either(_DAY_NAMES), _either(_MONTH_NAMES), r"(?:st|nd|rd|th)?"
    year = r"(?: (?P<year>\d{4}))?"
    return (
        re.compile(rf"(?P<which>last|this|next) (?P<weekday>{day})"),
        re.compile(
            rf"(?:(?P<weekday>{day}) )?(?:the )?(?P<day>\d{{1,2}}){ordinal} (?:of )?"
            rf"(?P<month>{month})\.?{year}"
        ),
        re.compile(
            rf"(?:(?P<weekday>{day}) )?(?P<month>{month})\.? (?:the )?(?P<day>\d{{1,2}}){ordinal}"
            + year
        ),
        re.compile(rf"(?P<month>{month})\.?{year}"),
    )


def _read_date(words: str, text: str, today: date, nearest: bool) -> date | None:
    """The DATE ``words`` names, or None if they are no DATE form at all. A text shaped like
    a date but wrong (31 Nov, 11/12, Nov) is a UsageError that says what is wrong."""
    if words[:1] in ("-", "+"):
        return None
    if words in _KEYWORDS:
        return _shift(today, _KEYWORDS[words], text)
    if words in _DAY_NAMES:
        return _shift(today, -((today.weekday() - _DAY_NAMES[words]) % 7), text)
    if match := _AGO.fullmatch(words):
        count = int(match.group("count")) if match.group("count").isdigit() else 1
        return _shift(today, -count * (7 if match.group("unit") == "week" else 1), text)
    if match := _YMD.fullmatch(words):
        return _exact(int(match.group(1)), int(match.group(3)), int(match.group(4)), text)
    if match := _DMY.fullmatch(words):
        return _numeric(match, text, today, nearest)
    relative_day, day_month, month_day, month_only = _named_forms()
    if match := relative_day.fullmatch(words):
        weekday = _DAY_NAMES[match.group("weekday")]
        if match.group("which") == "last":
            return _shift(_last_weekday(today, weekday), 0, text)
        if match.group("which") == "this":  # in today's ISO (Monday to Sunday) week
            return _shift(today, weekday - today.weekday(), text)
        return _shift(today, (weekday - today.weekday() - 1) % 7 + 1, text)
    if match := day_month.fullmatch(words) or month_day.fullmatch(words):
        return _named(match, text, today, nearest)
    if match := month_only.fullmatch(words):
        year = match.group("year")
        raise _no_day(text, _MONTH_NAMES[match.group("month")], int(year) if year else None, today)
    if _NUMBER.fullmatch(words) and 1 <= int(words) <= 31:
        raise _no_month(text, int(words), today)
    if re.search(r"\d", words):
        return _dateutil(words, text, today, nearest)
    return None


def _numeric(match: re.Match[str], text: str, today: date, nearest: bool) -> date:
    """24/11, 24/11/2026, 24.11.2026: day first, as UK weeknoters write, unless only the
    other order makes a date (11/24); both orders possible (11/12) is refused."""
    first, second, year_text = int(match.group(1)), int(match.group(3)), match.group(4)
    if year_text is not None and len(year_text) <= 2:
        sep = match.group(2)
        raise UsageError(
            f"{text!r} has a two-digit year: write it in full, "
            f"such as {first}{sep}{second}{sep}{today.year}"
        )
    year = int(year_text) if year_text is not None else None
    pairs = ((first, second), (second, first))
    readings = {(d, m) for d, m in pairs if 1 <= d <= 31 and 1 <= m <= 12}
    if not readings:
        raise UsageError(f"{text!r} is not a date: write the day, then the month, as in 24/11")
    if len(readings) == 2:
        raise _ambiguous(text, (first, second), (second, first), year, today, nearest)
    ((day, month),) = readings
    return _resolve(year, month, day, text, today, nearest)


def _resolve(year: int | None, month: int, day: int, text: str, today: date, nearest: bool) -> date:
    if year is None:
        return _yearless(day, month, text, today, nearest)
    return _exact(year, month, day, text)


def _named(match: re.Match[str], text: str, today: date, nearest: bool) -> date:
    """24 Nov, November 24, 24th Nov 2026, Tuesday 24 November: a named day must match."""
    year = int(match.group("year")) if match.group("year") else None
    month = _MONTH_NAMES[match.group("month")]
    day = _resolve(year, month, int(match.group("day")), text, today, nearest)
    weekday = match.group("weekday")
    if weekday and _DAY_NAMES[weekday] != day.weekday():
        plain = _day_month(day) if year is None else f"{_day_month(day)} {year}"
        named = WEEKDAYS[day.weekday()].title()
        raise UsageError(
            f"{text!r} does not add up: {_day_month(day)} {day.year} is a {named}; "
            f"write {plain} or {named[:3]} {plain}"
        )
    return day


def _no_month(text: str, day: int, today: date) -> UsageError:
    """'24' is a day of some month, but which?"""
    try:
        example = _yearless(day, today.month, text, today, nearest=False)
    except UsageError:
        example = today
    return UsageError(
        f"{text!r} names no month: write one, such as {_day_month(example)} "
        f"or {example.isoformat()}"
    )


def _no_day(text: str, month: int | None, year: int | None, today: date) -> UsageError:
    """'Nov' or 'November 2026' is a month, not a day; nor is a bare time."""
    if month is None:
        example = today
    else:
        try:
            example = _resolve(year, month, 1, text, today, nearest=False)
        except UsageError:
            example = today
    said = _day_month(example) if year is None else f"{_day_month(example)} {example.year}"
    return UsageError(f"{text!r} names no day: write one, such as {said} or {example.isoformat()}")


def _ambiguous(
    text: str,
    one: tuple[int, int],
    other: tuple[int, int],
    year: int | None,
    today: date,
    nearest: bool,
) -> UsageError:
    """Both day-month readings of a date are real days: name both, and say how to write each."""
    year_part = f" {year}" if year is not None else ""
    read = [f"{d} {MONTHS[m - 1]}" for d, m in (one, other)]
    write = [f"{d} {_MONTH_ABBR[m - 1]}{year_part}" for d, m in (one, other)]
    iso = _resolve(year, one[1], one[0], text, today, nearest).isoformat()
    return UsageError(
        f"{text!r} could be {read[0]} or {read[1]}: write {write[0]} or {write[1]} (or {iso})"
    )


def _dateutil(words: str, text: str, today: date, nearest: bool) -> date | None:
    """Any other text with a number in it, as python-dateutil reads it, day first: e.g.
    '24-Nov-2026' or 'Tue, 24 Nov 2026 10:00'. Only fields the text gave are used."""
    from dateutil import parser as dateparser  # only unusual date text pays for dateutil

    class Info(dateparser.parserinfo):
        def convertyear(self, year: int, century_specified: bool = False) -> int:
            # dateutil would pick the century by reading the clock
            if year < 100 and not century_specified:
                raise UsageError(
                    f"{text!r} has a two-digit year: write it in full, such as {today.year}"
                )
            return year

    info = Info()
    year_first = re.match(r"\d{4}", words) is not None

    def read(default: datetime, dayfirst: bool) -> datetime:
        return dateparser.parse(
            words, parserinfo=info, default=default, dayfirst=dayfirst, yearfirst=year_first
        )

    try:
        one, two = (read(default, not year_first) for default in _DEFAULTS)
        swapped = one if year_first else read(_DEFAULTS[0], False)
    except (ValueError, OverflowError):
        return None
    if one.month != two.month:
        if one.day != two.day:
            raise _no_day(text, None, None, today)
        raise _no_month(text, one.day, today)
    year = one.year if one.year == two.year else None
    if one.day != two.day:
        raise _no_day(text, one.month, year, today)
    if swapped.date() != one.date():
        raise _ambiguous(
            text, (one.day, one.month), (swapped.day, swapped.month), year, today, nearest
        )
    return _resolve(year, one.month, one.day, text, today, nearest)


def _read_week(text: str, today: date, current: Week, future: bool) -> Week:
    words = _words(text)
    if words in _WEEK_WORDS:
        moved = current.step(_WEEK_WORDS[words])
    elif match := _RELATIVE.fullmatch(words):
        count = int(match.group(2))
        moved = current.step(count if match.group(1) == "+" else -count)
    else:
        return _named_week(text, words, today, current, future)
    if moved is None:
        raise UsageError(f"{text!r} is {OUT_OF_RANGE}")
    return moved


def _named_week(text: str, words: str, today: date, current: Week, future: bool) -> Week:
    week_start = "sunday" if current.sunday_start else "monday"
    if match := _WEEK_ID.fullmatch(words):
        return _iso_week(int(match.group(1)), int(match.group(2)), text, week_start)
    if match := _WEEK_NUMBER.fullmatch(words):
        return _numbered(int(match.group(1)), current, future, text)
    if ".." in words:
        raise UsageError(f"{text!r} names more than one week: give one, such as {current.id}")
    day = _read_date(_WC_PREFIX.sub("", words, count=1), text, today, nearest=future)
    if day is None:
        raise UsageError(f"not a week: {text!r}. Use {WEEK_FORMS}.")
    return Week.of(day, week_start)


def _numbered(number: int, current: Week, future: bool, text: str) -> Week:
    """Week ``number`` of this ISO year if it has begun, else of last year; with ``future``
    whichever of last, this and next year's is nearest (ties go forward)."""
    if not 1 <= number <= 53:
        raise UsageError(
            f"{text!r} is not a week number: weeks are numbered 1 to 53 "
            f"(a week id looks like {current.id})"
        )
    years = (current.year - 1, current.year, current.year + 1)
    weeks = [
        Week(year, number, current.sunday_start)
        for year in years
        if MIN_YEAR <= year <= MAX_YEAR and number <= weeks_in_year(year)
    ]
    if future and weeks:
        return min(weeks, key=lambda week: (abs(week.since(current)), week < current))
    begun = [week for week in weeks if week <= current]
    if not future and begun:
        return max(begun)
    # Only week 53 gets here: rather than reach back years for one, ask for the year.
    last, this, after = years
    if future:
        said = f"none of {last}, {this} and {after} has a week 53"
    elif weeks_in_year(this) == 53:
        said = f"{this}-W53 has not started yet and {last} has no week 53"
    else:
        said = f"neither {this} nor {last} has a week 53"
    nearby = [
        Week(year, 53, current.sunday_start)
        for year in range(max(MIN_YEAR, this - 8), min(MAX_YEAR, this + 8) + 1)
        if weeks_in_year(year) == 53
    ]
    if not future:
        nearby = [week for week in nearby if week <= current]
    example = min(nearby, key=lambda week: abs(week.since(current)), default=None)
    such = f", such as {example.id}" if example else ""
    raise UsageError(f"{text!r}: {said}; name the year{such}")


def _span_end(part: str, first: Week, today: date, week_start: str, future: bool) -> Week:
    """The last week of a span. A bare week number (``..W45``) is in the first week's year,
    or the next year's when that is what keeps the span short and in order (``2026-W52..W01``)."""
    match = _WEEK_NUMBER.fullmatch(_words(part))
    if not match:
        return parse_week(part, today, week_start, future=future)
    number = int(match.group(1))
    for year in (first.year, first.year + 1):
        if year <= MAX_YEAR and 1 <= number <= weeks_in_year(year):
            week = Week(year, number, first.sunday_start)
            if 0 <= week.since(first) < MAX_SPAN:
                return week
    return _iso_week(first.year, number, part, week_start)


def _not_started(said: str, current: Week) -> UsageError:
    return UsageError(
        f"{said} has not started yet: name this week, {describe_week(current)}, or an earlier one"
    )


def _too_long(said: str, count: int, first: Week) -> UsageError:
    return UsageError(
        f"{said} is {count} weeks: a span is at most {MAX_SPAN} weeks, "
        f"such as {span_id(first, first.step(MAX_SPAN - 1) or first)}"
    )
