"""Dating the notes of a plain-text archive whose titles may leave out the year.

Pure: notes in, weeks out, no clock and no disk. A title's own year wins. Otherwise the
year of the newest note comes from ``--year``, or from the calendar: the years
(``FIRST_YEAR`` to today's) in which every "w/c" date is the first day of a week, read in
the archive's order with the year stepping back where the dates wrap round New Year.
Years written in the archive's text choose among those; failing that, the one within the
last ten years. Anything less certain stops with the years that fit, so no note is ever
dated by a guess. Only "w/c" dates (days that start weeks) pin a year: an archive of
"w/e" or "3-9 June" titles without years needs ``--year``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from weeknote.errors import ImportFailure, UsageError
from weeknote.folder.note import Note
from weeknote.imports.model import BY_ARCHIVE, BY_TITLE
from weeknote.imports.titles import (
    STARTS,
    WrittenDate,
    stated_years,
    weeks_of,
    with_years,
    year_offsets,
)
from weeknote.weeks.week import MAX_SPAN, MONTHS, WEEKDAYS, Week

FIRST_YEAR = 1990  # weeknotes were not a habit before blogs; bounds the calendar search
RECENT_YEARS = 10
MAX_WEEKS = 5  # "w/c 1, 8, 15, 22 and 29 March" is the longest a title plausibly covers
MAX_SAID = 53  # "2025 weeks 30-36": a span said outright covers up to a year

_TEXT_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass(frozen=True)
class RawNote:
    """One note as found in an archive: its title line, its body and what the title says."""

    title: str
    body: str
    line: int = 1
    dates: tuple[WrittenDate, ...] = ()  # titles that write days ("w/c 15 July")
    year_weeks: tuple[tuple[int, int], ...] = ()  # "2019.30" titles: (year, week) first, last
    kind: str = STARTS  # how ``dates`` name weeks (titles.STARTS, ENDS or SPANS)
    number: int | None = None  # "Weeknote #42" titles: dated by their body or --anchor
    weeks_span: bool = False  # "2025 weeks 30-36": a span said outright, of any length

    @property
    def floating(self) -> bool:
        """True when the title gives no year, so the archive has to date it."""
        return (
            not self.year_weeks and self.number is None and all(d.year is None for d in self.dates)
        )


@dataclass(frozen=True)
class DatedNote:
    raw: RawNote
    weeks: tuple[Week, ...]
    source: str
    how: str = BY_ARCHIVE  # one of model's BY_* names

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(week.id for week in self.weeks)

    @property
    def where(self) -> str:
        return f"{self.source}, line {self.raw.line}"

    def note(self) -> Note:
        return Note(self.weeks[-1].id, self.ids, self.raw.title, self.weeks[0].start, self.raw.body)


@dataclass(frozen=True)
class Dating:
    notes: list[DatedNote]  # in the archive's order
    newest_first: bool
    reason: str


# -- dating -----------------------------------------------------------------------------------

Ymd = tuple[int, int, int]  # a date that may not exist (29 February in a common year)


def _floating(raw: RawNote, first_year: int) -> list[Ymd]:
    return with_years(raw.dates, first_year)


def _anchored(raw: RawNote) -> list[Ymd]:
    """The dates of a note whose title states a year (its other dates follow from it)."""
    if raw.year_weeks:
        mondays = [Week.from_id(f"{y:04d}-W{w:02d}").monday for y, w in raw.year_weeks]
        return [(day.year, day.month, day.day) for day in mondays]
    return stated_years(raw.dates)


def _assign(notes: Sequence[RawNote], newest_year: int | None) -> list[list[Ymd]]:
    """Every note's dates, newest note first. A note without a year steps back from the
    note above it, wrapping round New Year; above the first title that states a year
    (when there is no ``newest_year``) notes step forward from the note below."""
    found: list[list[Ymd]] = [[] for _ in notes]
    top = 0
    if newest_year is None:
        top = next(i for i, raw in enumerate(notes) if not raw.floating)
        found[top] = _anchored(notes[top])
        for index in range(top - 1, -1, -1):
            below, first = found[index + 1][-1], notes[index].dates[0]
            year = below[0] + ((first.month, first.day) < below[1:])
            found[index] = _floating(notes[index], year)
    for index in range(top, len(notes)):
        raw = notes[index]
        if not raw.floating:
            found[index] = _anchored(raw)
        elif index == 0 and newest_year is not None:
            found[index] = _floating(raw, newest_year)
        else:
            above, last = found[index - 1][0], raw.dates[-1]
            year = above[0] - ((last.month, last.day) > above[1:])
            found[index] = _floating(raw, year - year_offsets(raw.dates)[-1])
    return found


def _as_date(ymd: Ymd) -> date | None:
    try:
        return date(*ymd)
    except ValueError:
        return None


def _misfit(
    notes: Sequence[RawNote], found: Sequence[Sequence[Ymd]], week_start: str
) -> tuple[RawNote, int, date | None] | None:
    """The first (note, date index, date) of a note without a year whose date is not the
    first day of a week, or does not exist."""
    for raw, dates in zip(notes, found, strict=True):
        if not raw.floating or raw.kind != STARTS:
            continue
        for position, ymd in enumerate(dates):
            day = _as_date(ymd)
            if day is None or Week.of(day, week_start).start != day:
                return raw, position, day
    return None


def _newest_first(notes: Sequence[RawNote]) -> bool:
    """Whether the archive runs newest first: the order in which its notes follow each
    other most closely (so "w/c 30 December" then "w/c 6 January" is oldest first).
    Titles that state years decide it when there are two different ones."""
    known = [_anchored(raw)[0] for raw in notes if not raw.floating]
    if len(known) >= 2 and known[0] != known[-1]:
        return known[0] > known[-1]
    marks = [
        date(2000, *(_anchored(raw)[0][1:] if raw.year_weeks else _month_day(raw))).toordinal()
        for raw in notes
    ]
    backward = sum((a - b) % 366 for a, b in zip(marks, marks[1:], strict=False))
    forward = sum((b - a) % 366 for a, b in zip(marks, marks[1:], strict=False))
    return backward <= forward


def _month_day(raw: RawNote) -> tuple[int, int]:
    return raw.dates[0].month, raw.dates[0].day


def _describe(raw: RawNote, position: int) -> str:
    written = raw.dates[position] if raw.dates else None
    return f"w/c {written.day} {MONTHS[written.month - 1]}" if written else raw.title


def _years(found: Sequence[int]) -> str:
    names = [str(year) for year in found]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def check_year(year: int | None) -> None:
    if year is not None and not 1000 <= year <= 9998:
        raise UsageError(f"--year {year} is not a year: give four digits, e.g. --year 2019")


def date_archive(
    notes: Sequence[RawNote],
    *,
    text: str,
    source: str,
    today: date,
    year: int | None = None,
    week_start: str = "monday",
) -> Dating:
    """Give every note of one archive its weeks, by the rules in the module docstring.
    ``text`` is the whole archive (the years it mentions help choose); ``year`` is the
    year of the newest note (``--year``), if given."""
    check_year(year)
    newest_first = _newest_first(notes)
    ordered = list(notes) if newest_first else list(reversed(notes))
    first_day = WEEKDAYS[6 if week_start == "sunday" else 0].capitalize()

    def candidates() -> list[int]:
        """Years for the newest note that put every date without a year on a week's
        first day, with the newest note begun by ``today``."""
        fitting = []
        for candidate in range(FIRST_YEAR, today.year + 1):
            found = _assign(ordered, candidate)
            newest = _as_date(found[0][0])
            if newest and newest <= today and not _misfit(ordered, found, week_start):
                fitting.append(candidate)
        return fitting

    if year is not None and ordered[0].floating:
        found = _assign(ordered, year)
        wrong = _misfit(ordered, found, week_start)
        if wrong is not None:
            raw, position, day = wrong
            what = f"on a {WEEKDAYS[day.weekday()].capitalize()}" if day else "on no day at all"
            fit = candidates()
            fitting = f"years that fit: {_years(fit)}" if fit else "no year fits"
            raise ImportFailure(
                f"{source}, line {raw.line}: --year {year} puts {_describe(raw, position)} of "
                f'"{raw.title}" {what}, not a {first_day}, so {year} cannot be the year of the '
                f"newest note ({fitting})"
            )
        reason = f"--year {year} for the newest note"
    elif any(not raw.floating for raw in ordered):
        found = _assign(ordered, None)
        wrong = _misfit(ordered, found, week_start)
        if wrong is not None:
            raw, position, _ = wrong
            raise ImportFailure(
                f"{source}, line {raw.line}: the years other titles state put "
                f'{_describe(raw, position)} of "{raw.title}" on a day that does not start '
                "a week: check the dates in the titles"
            )
        reason = "the years its titles state"
    elif not any(raw.kind == STARTS for raw in ordered):
        raise ImportFailure(
            f"{source}: its titles state no year and no w/c date to tell one by: pass --year "
            "with the year of the newest note"
        )
    else:
        chosen, reason = _choose(candidates(), ordered, text, today, first_day, source)
        found = _assign(ordered, chosen)
    dated = []
    for raw, dates in zip(ordered, found, strict=True):
        days = [_as_date(ymd) for ymd in dates]
        if None in days:
            raise ImportFailure(
                f'{source}, line {raw.line}: "{raw.title}" names a day that does not exist'
            )
        weeks = weeks_of([d for d in days if d], raw.kind, week_start)
        longest = MAX_SAID if raw.weeks_span else MAX_WEEKS
        if not 1 <= len(weeks) <= longest:
            raise ImportFailure(
                f'{source}, line {raw.line}: "{raw.title}" would cover {len(weeks)} weeks; '
                f"a note covers 1 to {longest}: check the dates in the title"
            )
        how = BY_ARCHIVE if raw.floating else BY_TITLE
        if len(weeks) > MAX_SPAN:
            how = f"{how}, {len(weeks)} weeks"
        dated.append(DatedNote(raw, weeks, source, how))
    return Dating(dated if newest_first else dated[::-1], newest_first, reason)


def _choose(
    candidates: list[int],
    ordered: Sequence[RawNote],
    text: str,
    today: date,
    first_day: str,
    source: str,
) -> tuple[int, str]:
    """The newest note's year among the calendar's candidates, or an ImportFailure."""
    every = f"every w/c date is a {first_day}"
    if not candidates:
        raise ImportFailure(
            f"{source}: there is no year from {FIRST_YEAR} to {today.year} in which {every}: "
            "check the titles' dates (or the config's week_start)"
        )
    mentioned = {int(found) for found in _TEXT_YEAR.findall(text)}

    def span(candidate: int) -> set[int]:
        years = [ymd[0] for dates in _assign(ordered, candidate) for ymd in dates]
        return set(range(min(years), max(years) + 1))

    in_text = [c for c in candidates if span(c) & mentioned]
    if len(in_text) == 1:
        return in_text[0], (
            f"{in_text[0]} for the newest note: of the years in which {every} "
            f"({_years(candidates)}), only {in_text[0]} fits the years the text mentions"
        )
    if not in_text:
        recent = [c for c in candidates if c > today.year - RECENT_YEARS]
        if len(recent) == 1:
            return recent[0], (
                f"{recent[0]} for the newest note: of the years in which {every} "
                f"({_years(candidates)}), only {recent[0]} is within the last {RECENT_YEARS} years"
            )
        why = (
            f"of those, {_years(recent)} are within the last {RECENT_YEARS} years"
            if recent
            else f"its text names none of those and none is within the last {RECENT_YEARS} years"
        )
    else:
        why = f"of those, its text mentions {_years(in_text)}"
    raise ImportFailure(
        f"{source}: cannot tell the year: {every} in {_years(candidates)}; {why}. "
        "Pass --year with the year of the newest note"
    )
