"""What a weeknote's title says about its weeks.

Pure: a title in, a ``TitleWeeks`` out, no clock. A title names its weeks in one of three
ways, each as people write them (any case, en and em dashes, ordinals, "Sept" and "Jun."):

- by number, with the year: ``2024-W19``, ``Weeknotes 2024 W19``, ``2019.30``,
  ``2019.29-30``, ``2019.52-2020.01``, ``Week 19, 2024``, ``Weeknotes for week 7, 2023``,
  ``KW 51 / 2024``, ``weeknotes 42-43/2023``;
- by days, with or without a year, which the caller places: ``w/c 15 July`` (and "week of",
  "week commencing", "w/b"): each day starts a week; ``w/e 7 June``: the week holding the
  day; ``3-9 June 2024``: the weeks the range fills; ``Weeknote 31st December 2023``: the
  week of that day;
- by week numbers without a year, which the caller places: ``Weeks 24-27``, ``Weeknotes
  for weeks 4-5`` (a span of any length: ``weeks_span``);
- by a number in a series: ``Weeknote #42``, ``Week 158``, ``Weeknotes 42``, and a series
  under its own name, ``Weekly Wrap 571`` (not every title that starts with "weekly").

Days written month first ("Week of June 3, 2024", "week ending Dec. 11, 2021") or as
numbers, day first ("w/e 11/12"), and a day closing a weeknote's title after a dash or a
colon ("Weeknotes: Anniversarial — 31st July 2022") are read by python-dateutil.

The week may open the title (after an optional "Weeknote(s)" and before a subtitle after
":" or a spaced dash), close it after such a separator ("Dizzy — Week 19, 2024"), or stand
in brackets anywhere ("A busy one (w/c 3 June)"). A week number that does not exist
("2019.53") is read, and marked with what is wrong, so the caller can say so.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from weeknote.weeks.week import MONTHS, WEEKDAYS, Week, week_range, weeks_in_year

# How a title's days name its weeks.
STARTS = "starts"  # "w/c 4 and 11 March": each day is the first day of a week
ENDS = "ends"  # "w/e 7 June": the week that holds the day (ending on it)
SPANS = "spans"  # "3-9 June", "31 December 2023": the weeks the days fill

MONTH_NUMBERS = {name.lower(): index + 1 for index, name in enumerate(MONTHS)}
MONTH_NUMBERS.update({name[:3].lower(): index + 1 for index, name in enumerate(MONTHS)})
MONTH_NUMBERS["sept"] = 9
_MONTH = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
_WEEKDAY_NAMES = [*WEEKDAYS, *(day[:3] for day in WEEKDAYS), "tues", "weds", "thur", "thurs"]
_WEEKDAY = "|".join(sorted(_WEEKDAY_NAMES, key=len, reverse=True))
_DASH = r"[-\u2010-\u2015]"  # hyphen, en dash, em dash and their kin
_YEAR = r"(?:19|20)\d\d"
_ORDINAL = r"(?:st|nd|rd|th)?"
_ON = rf"(?:(?:{_WEEKDAY})\.?,?\s+)?(?:the\s+)?"  # "Monday, 3 June", "Mon 3rd June"
_DAY = rf"{_ON}\d{{1,2}}{_ORDINAL}(?:\s+(?:of\s+)?(?:{_MONTH})\b\.?(?:,?\s+\d{{4}}\b)?)?"
_FULL_DAY = rf"{_ON}\d{{1,2}}{_ORDINAL}\s+(?:of\s+)?(?:{_MONTH})\b\.?(?:,?\s+\d{{4}}\b)?"
# atomic, so a long run of "1, 1, 1, …" in prose fails fast instead of backtracking
_JOINER = r"(?>\s*(?:,\s*(?:and\b|&)?|&|\+|\band\b)\s*)"
_TO = rf"(?:\s*{_DASH}+\s*|\s+(?:to|until|till|through)\s+)"
# a day written month first ("June 3, 2024", "Dec. 11") or as numbers ("11/12", day first)
MONTH_FIRST_DAY = rf"{_ON}(?:{_MONTH})\b\.?\s+\d{{1,2}}{_ORDINAL}\b(?:,?\s+\d{{4}}\b)?"
_NUMERIC_DAY = rf"{_ON}\d{{1,2}}/\d{{1,2}}(?:/\d{{4}})?\b"
_LOOSE_DAY = rf"(?:{MONTH_FIRST_DAY}|{_NUMERIC_DAY})"
# Two defaults that differ in every field show which fields python-dateutil really read.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2004, 12, 11))
_WRITTEN_DAY = re.compile(
    rf"(?P<day>\d{{1,2}}){_ORDINAL}(?:\s+(?:of\s+)?(?P<month>{_MONTH})\b\.?"
    rf"(?:,?\s+(?P<year>\d{{4}})\b)?)?",
    re.IGNORECASE,
)

# What may follow the week: nothing, or a subtitle after a colon, a bar or a spaced dash;
# the distinctive forms ("2019.30", "2024-W19", "#42") take a subtitle after a space too.
_REST = rf"(?:\s*[:|].*|\s+{_DASH}+\s.*|\s*)"
_LOOSE_REST = r"(?:\s*[:|].*|\s+\S.*|\s*)"
_PREFIX = (
    rf"(?:(?:my\s+)?week\s?-?notes?(?:\s*[:,|]\s*|\s+{_DASH}+\s+|\s+)"
    r"(?:for\s+(?:the\s+)?)?)"
)
_SEPARATOR = re.compile(rf"\s*[:|,]\s*|\s+{_DASH}+\s+")
_BRACKETED = re.compile(r"[(\[]([^()\[\]]{1,80})[)\]]")
_HEADING = re.compile(r"^\s*#{1,6}\s+|(?<!\s)\s+#+\s*$")  # (?<!\s): once a run of spaces
LONGEST = 200  # past this a line is prose: only the title's start is read


@dataclass(frozen=True)
class WrittenDate:
    """A day as a title writes it; ``year`` is None when the title leaves it out."""

    day: int
    month: int
    year: int | None = None


@dataclass(frozen=True)
class TitleWeeks:
    """What a title says about its weeks: the weeks themselves (``weeks``), days the caller
    places (``days``, read by ``kind``), a series number, or a ``problem`` (an impossible
    week, as the end of a sentence: 'names week 53 of 2019, which has only 52 weeks')."""

    weeks: tuple[Week, ...] = ()
    days: tuple[WrittenDate, ...] = ()
    kind: str = STARTS
    number: int | None = None
    problem: str | None = None
    at_start: bool = True  # the week opens the title, rather than closing it or in brackets
    numbers: tuple[int, int] | None = None  # "Weeks 24-27": first and last, without a year
    weeks_span: bool = False  # "weeks N-M": a span said outright, of any length

    @property
    def floating(self) -> bool:
        """True when the title names days or week numbers without a year, which the caller
        must place."""
        if self.numbers is not None:
            return True
        return bool(self.days) and all(d.year is None for d in self.days)

    def place(self, first_year: int | None, week_start: str = "monday") -> tuple[Week, ...]:
        """The weeks named, with the title's first day (or week) in ``first_year`` when it
        gives no year. Raises ValueError when a day or a week does not exist (29 February in
        a common year, week 53 of a year of 52)."""
        if self.numbers is not None and first_year is not None:
            return _numbers_in(self.numbers, first_year, week_start)
        if self.weeks or not self.days:
            return self.weeks
        found = stated_years(self.days) if first_year is None else with_years(self.days, first_year)
        return weeks_of([date(*ymd) for ymd in found], self.kind, week_start)


Ymd = tuple[int, int, int]  # a date that may not exist (29 February in a common year)


def year_offsets(days: Sequence[WrittenDate]) -> list[int]:
    """Years after the first day: "28 December and 4 January" is 0, 1."""
    offsets = [0]
    for previous, current in zip(days, days[1:], strict=False):
        wrapped = (current.month, current.day) < (previous.month, previous.day)
        offsets.append(offsets[-1] + wrapped)
    return offsets


def with_years(days: Sequence[WrittenDate], first_year: int) -> list[Ymd]:
    """The days without a year, the first in ``first_year``, the rest after it."""
    return [(first_year + o, d.month, d.day) for d, o in zip(days, year_offsets(days), strict=True)]


def stated_years(days: Sequence[WrittenDate]) -> list[Ymd]:
    """The days of a title that states a year somewhere (its other days follow from it)."""
    offsets = year_offsets(days)
    known = next(i for i, d in enumerate(days) if d.year is not None)
    base = (days[known].year or 0) - offsets[known]
    return [
        (d.year if d.year is not None else base + offset, d.month, d.day)
        for d, offset in zip(days, offsets, strict=True)
    ]


def weeks_of(days: Sequence[date], kind: str, week_start: str = "monday") -> tuple[Week, ...]:
    """The weeks that placed days name, read by ``kind``."""
    if kind == ENDS:
        # a week "ending" on a week's first day (w/e Sunday, with Sunday weeks) is the one before
        ends = [Week.of(d, week_start) for d in days]
        ends = [w - 1 if w.start == d else w for w, d in zip(ends, days, strict=True)]
        return tuple(week_range(ends[0], ends[-1]))
    weeks = list(week_range(Week.of(days[0], week_start), Week.of(days[-1], week_start)))
    if kind == SPANS and len(weeks) > 1:
        # "Monday 3 to Sunday 9 June" with Sunday weeks fills one week and touches another
        filled = [w for w in weeks if (min(w.end, days[-1]) - max(w.start, days[0])).days >= 3]
        weeks = filled or weeks[:1]
    return tuple(weeks)


def _numbers_in(numbers: tuple[int, int], year: int, week_start: str) -> tuple[Week, ...]:
    """Weeks ``numbers`` from ``year`` on ("weeks 52-1" runs into the next year)."""
    first, last = numbers
    last_year = year + (last < first)
    for y, w in ((year, first), (last_year, last)):
        if w > weeks_in_year(y):
            raise ValueError(f"{y} has no week {w}")
    sunday = week_start == "sunday"
    return tuple(week_range(Week(year, first, sunday), Week(last_year, last, sunday)))


def loose_day(text: str) -> WrittenDate | None:
    """A day as python-dateutil reads it, day first ("June 3, 2024", "Dec. 11", "11/12",
    "31st July 2022"), or None. A day and a month must be written; the year is kept only
    when it is."""
    from dateutil import parser

    words = re.sub(r"\bthe\s+", "", text, flags=re.IGNORECASE).strip()
    if re.search(r"\d/\d+/\d{1,3}$", words):
        return None  # a short year: dateutil would pick its century by the clock
    try:
        one, two = (parser.parse(words, default=day, dayfirst=True) for day in _DEFAULTS)
    except (ValueError, OverflowError):
        return None
    if one.day != two.day or one.month != two.month:
        return None
    return WrittenDate(one.day, one.month, one.year if one.year == two.year else None)


# -- reading a title --------------------------------------------------------------------------


_Reader = Callable[[re.Match[str], str], "TitleWeeks | None"]


def _numbered(match: re.Match[str], week_start: str) -> TitleWeeks:
    year, week = int(match["y"]), int(match["w"])
    last_year = int(match["y2"]) if match.groupdict().get("y2") else year
    last_week = int(match["w2"]) if match["w2"] else week
    for y, w in ((year, week), (last_year, last_week)):
        if w == 0:
            return TitleWeeks(problem=f"names week 0 of {y}: weeks are numbered from 1")
        if w > weeks_in_year(y):
            return TitleWeeks(
                problem=f"names week {w} of {y}, which has only {weeks_in_year(y)} weeks"
            )
    first = Week(year, week, week_start == "sunday")
    last = Week(last_year, last_week, week_start == "sunday")
    if last < first:
        return TitleWeeks(problem=f"names weeks {first.id} to {last.id}, which run backwards")
    return TitleWeeks(weeks=tuple(week_range(first, last)))


def _days(text: str) -> tuple[WrittenDate, ...] | None:
    """The days written in ``text``; the last must name its month, and earlier days without
    one take the month after them ("4 and 11 March")."""
    found = [
        (int(m["day"]), m["month"], int(m["year"]) if m["year"] else None)
        for m in _WRITTEN_DAY.finditer(text)
    ]
    if not found or found[-1][1] is None:
        return None
    days: list[WrittenDate] = []
    month = 0
    for day, name, year in reversed(found):
        month = MONTH_NUMBERS[name.lower()] if name else month
        if not 1 <= day <= (29 if month == 2 else calendar.monthrange(2001, month)[1]):
            return None
        days.insert(0, WrittenDate(day, month, year))
    return tuple(days)


def _dated(kind: str) -> Callable[[re.Match[str], str], TitleWeeks | None]:
    def read(match: re.Match[str], week_start: str) -> TitleWeeks | None:
        days = _days(match["dates"])
        return None if days is None else TitleWeeks(days=days, kind=kind)

    return read


def _loose(kind: str) -> Callable[[re.Match[str], str], TitleWeeks | None]:
    """A day written any way python-dateutil reads it (see ``loose_day``)."""

    def read(match: re.Match[str], week_start: str) -> TitleWeeks | None:
        days = _days(match["dates"])
        if days is None:
            found = loose_day(match["dates"])
            days = None if found is None else (found,)
        return None if days is None else TitleWeeks(days=days, kind=kind)

    return read


def _unplaced(match: re.Match[str], week_start: str) -> TitleWeeks:
    first, last = int(match["w"]), int(match["w2"])
    for w in (first, last):
        if not 1 <= w <= 53:
            return TitleWeeks(problem=f"names week {w}: weeks are numbered 1 to 53")
    return TitleWeeks(numbers=(first, last), weeks_span=True)


def _span_said(read: _Reader) -> _Reader:
    """``read``, marking a title that says "weeks" ("2026 weeks 16-17") as a span said
    outright."""

    def marked(match: re.Match[str], week_start: str) -> TitleWeeks | None:
        found = read(match, week_start)
        if found is not None and re.search(r"weeks", match[0], re.IGNORECASE):
            return replace(found, weeks_span=True)
        return found

    return marked


def _series(match: re.Match[str], week_start: str) -> TitleWeeks:
    return TitleWeeks(number=int(match["n"]))


@dataclass(frozen=True)
class _Form:
    core: str  # the week, as a pattern with named groups
    read: _Reader
    rest: str = _REST
    prefix: str = "optional"  # "optional", "required" (the form needs "Weeknote(s)"), "none"
    elsewhere: bool = True  # may also close the title or stand in brackets


_FORMS = [
    _Form(
        rf"(?P<y>{_YEAR})\.(?P<w>\d\d)(?:\s*{_DASH}\s*(?:(?P<y2>{_YEAR})\.)?(?P<w2>\d\d))?",
        _numbered,
        rest=_LOOSE_REST,
    ),
    _Form(
        rf"(?:(?:{_MONTH})\.?\s+)?(?P<y>{_YEAR}),?\s*(?:{_DASH}\s*)?(?:w|weeks?\s*)(?P<w>\d{{1,2}})"
        rf"(?:\s*(?:{_DASH}|\.\.|/|&|and)\s*(?:(?P<y2>{_YEAR})\s*{_DASH}?\s*)?w?(?P<w2>\d{{1,2}}))?",
        _span_said(_numbered),
        rest=_LOOSE_REST,
    ),
    _Form(
        rf"weeks?\s*(?P<w>\d{{1,2}})(?:\s*(?:{_DASH}|&|and|/)\s*(?P<w2>\d{{1,2}}))?"
        rf"(?:\s*,\s*|\s+of\s+|\s*/\s*|\s+)(?P<y>{_YEAR})\b",
        _span_said(_numbered),
    ),
    _Form(
        rf"weeks?\s*(?P<w>\d{{1,2}})\s*(?:{_DASH}|&|and|to)\s*(?P<w2>\d{{1,2}})\b",
        _unplaced,
    ),
    _Form(
        rf"kw\s*(?P<w>\d{{1,2}})(?:\s*{_DASH}\s*(?P<w2>\d{{1,2}}))?"
        rf"(?:\s*[/,.]\s*|\s+)(?P<y>{_YEAR})\b",
        _numbered,
    ),
    _Form(
        rf"(?P<w>\d{{1,2}})(?:\s*{_DASH}\s*(?P<w2>\d{{1,2}}))?\s*/\s*(?P<y>{_YEAR})\b",
        _numbered,
        prefix="required",
        elsewhere=False,
    ),
    _Form(
        rf"(?:w/c|w/b|week\s+(?:commencing|beginning|starting|of))\s*:?\s*"
        rf"(?P<dates>{_DAY}(?:{_JOINER}{_DAY})*)",
        _dated(STARTS),
    ),
    _Form(
        rf"(?:w/e|week\s+ending)\s*:?\s*(?P<dates>{_DAY}(?:{_JOINER}{_DAY})*)",
        _dated(ENDS),
    ),
    _Form(
        rf"(?:w/c|w/b|week\s+(?:commencing|beginning|starting|of))\s*:?\s*(?P<dates>{_LOOSE_DAY})",
        _loose(STARTS),
    ),
    _Form(rf"(?:w/e|week\s+ending)\s*:?\s*(?P<dates>{_LOOSE_DAY})", _loose(ENDS)),
    _Form(rf"(?P<dates>{_DAY}{_TO}{_FULL_DAY})", _dated(SPANS)),
    _Form(rf"(?P<dates>{_FULL_DAY})", _dated(SPANS), prefix="required", elsewhere=False),
    _Form(
        r"(?:week\s?-?notes?|week|wk)\s*(?:#\s*|no\.?\s*|number\s+)?(?P<n>\d{1,4})\b",
        _series,
        prefix="none",
        elsewhere=False,
    ),
    _Form(r"week\s?-?notes?\s*#\s*(?P<n>\d{1,4})\b", _series, rest=_LOOSE_REST, prefix="none"),
    _Form(
        # the series' name is a name: "Weekly Wrap 571", not "Weekly shop for 3"
        r"weekly\s+(?:(?-i:[A-Z])[\w'\u2019.-]*\s+){1,3}(?:#\s*|no\.?\s*|number\s+)?"
        r"(?P<n>\d{1,4})\b",
        _series,
        prefix="none",
        elsewhere=False,
    ),
]


def _compile(form: _Form, prefix: str, rest: str) -> re.Pattern[str]:
    return re.compile(f"{prefix}(?:{form.core}){rest}", re.IGNORECASE)


_OPENING = [
    (
        _compile(
            form,
            {"optional": f"{_PREFIX}?", "required": _PREFIX, "none": ""}[form.prefix],
            form.rest,
        ),
        form,
    )
    for form in _FORMS
]
_CLOSING = [
    (_compile(form, "", r"\s*[.!]?"), form) for form in _FORMS if form.elsewhere
]  # after a separator at the end, or alone in brackets
# "Weeknotes: Anniversarial — 31st July 2022": a day closes a weeknote's title
_WEEKNOTE = re.compile(rf"\s*{_PREFIX}", re.IGNORECASE)
_CLOSING_DAY = [
    (
        re.compile(rf"(?P<dates>{_FULL_DAY}|{MONTH_FIRST_DAY})\s*[.!]?", re.IGNORECASE),
        _Form("", _loose(SPANS)),
    )
]


def _first(
    patterns: Sequence[tuple[re.Pattern[str], _Form]], text: str, week_start: str
) -> TitleWeeks | None:
    for pattern, form in patterns:
        match = pattern.fullmatch(text)
        if match:
            found = form.read(match, week_start)
            if found is not None:
                return found
    return None


def read_title(title: str, *, week_start: str = "monday") -> TitleWeeks | None:
    """What ``title`` says about its weeks (see the module docstring), or None when it
    names none. Weeks start on ``week_start``; a day names the week that holds it."""
    text = _HEADING.sub("", title.strip())
    found = _first(_OPENING, text, week_start)
    if found is not None or len(text) > LONGEST:
        return found
    closing = [(text[m.end() :], m) for m in _SEPARATOR.finditer(text)]
    bracketed = [(m[1].strip(), m) for m in _BRACKETED.finditer(text)]
    for part, _ in closing + bracketed:
        found = _first(_CLOSING, part, week_start)
        if found is not None:
            return replace(found, at_start=False)
    if _WEEKNOTE.match(text):
        for part, _ in closing:
            found = _first(_CLOSING_DAY, part, week_start)
            if found is not None:
                return replace(found, at_start=False)
    return None
