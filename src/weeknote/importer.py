"""Bringing existing weeknote archives in: splitting them into notes and dating them.

``split`` and ``date_archive`` are pure: text and values in, values out, no clock and no
disk. ``import_archives`` is the thin shell that compares the result with a notes
folder (through ``Store``) and writes the new notes.

Splitting. A *title line* is a whole line in one of the forms writers use::

    Weeknote w/c 15 July: subtitle            w/c 14 January: subtitle
    Weeknote w/c 4 and 11 March: subtitle     Weeknote w/c 6 & 13 January: subtitle
    w/c 26 October and 2 November: subtitle   w/c 15 July 2019: subtitle
    2019.30 Subtitle                          2019.29-30: subtitle

that stands at the start of the file or after a blank line, and is followed by a blank
line or the end of the file. Everything after that blank line, up to the blank line
before the next title, is the note's body, kept verbatim: ``archive.join`` of the notes
gives the archive back. A sentence such as "w/c 4 March was busy" is not a title (it does
not end or carry on with a colon), and a title-shaped line inside a paragraph is not
one either.

Dating. A title's own year wins. Otherwise the year of the newest note comes from
``--year``, or from the calendar: the years (``FIRST_YEAR`` to today's) in which every
"w/c" date is the first day of a week, read in the archive's order with the year
stepping back where the dates wrap round New Year. Years written in the archive's text
choose among those; failing that, the one within the last ten years. Anything less
certain stops with the years that fit, so no note is ever dated by a guess.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from weeknote.errors import ConflictError, ImportFailure, UsageError
from weeknote.files import read_archive
from weeknote.note import Note, serialise
from weeknote.store import NoteEntry, Store
from weeknote.weeks import MONTHS, WEEKDAYS, Week, week_range

FIRST_YEAR = 1990  # weeknotes were not a habit before blogs; bounds the calendar search
RECENT_YEARS = 10
MAX_WEEKS = 5  # "w/c 1, 8, 15, 22 and 29 March" is the longest a title plausibly covers

_MONTH_NUMBERS = {name.lower(): index + 1 for index, name in enumerate(MONTHS)}
_MONTH_NUMBERS.update({name[:3].lower(): index + 1 for index, name in enumerate(MONTHS)})
_MONTH_NUMBERS["sept"] = 9
_MONTH = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_DAY = rf"\d{{1,2}}(?:st|nd|rd|th)?(?:\s+(?:{_MONTH})\.?(?:\s+\d{{4}})?)?"
# atomic, so a long run of "1, 1, 1, …" in prose fails fast instead of backtracking
_JOINER = r"(?>\s*(?:,\s*(?:and\b|&)?|&|\+|\band\b)\s*)"
# what may follow the dates: nothing, a colon, or a spaced dash, then the subtitle
_REST = r"(?:\s*:.*|\s+[-\u2013\u2014]\s.*|\s*)"
_WC_TITLE = re.compile(
    rf"(?:weeknotes?,?\s+)?w/c\s+(?P<dates>{_DAY}(?:{_JOINER}{_DAY})*){_REST}",
    re.IGNORECASE,
)
_WC_DAY = re.compile(
    rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(?P<month>{_MONTH})\.?(?:\s+(?P<year>\d{{4}}))?)?",
    re.IGNORECASE,
)
_YEAR_WEEK_TITLE = re.compile(
    r"(?P<year>(?:19|20)\d\d)\.(?P<week>\d\d)"
    r"(?:\s*[-\u2013]\s*(?:(?P<year2>(?:19|20)\d\d)\.)?(?P<week2>\d\d))?"
    r"(?:\s*:.*|\s+\S.*|\s*)"
)
_TEXT_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass(frozen=True)
class WrittenDate:
    """A "w/c" date as the title writes it; ``year`` is None when the title leaves it out."""

    day: int
    month: int
    year: int | None = None


@dataclass(frozen=True)
class RawNote:
    """One note as found in an archive: its title line, its body and what the title says."""

    title: str
    body: str
    line: int = 1
    dates: tuple[WrittenDate, ...] = ()  # "w/c" titles
    year_weeks: tuple[tuple[int, int], ...] = ()  # "2019.30" titles: (year, week) first, last

    @property
    def floating(self) -> bool:
        """True when the title gives no year, so the archive has to date it."""
        return not self.year_weeks and all(d.year is None for d in self.dates)


@dataclass(frozen=True)
class DatedNote:
    raw: RawNote
    weeks: tuple[Week, ...]
    source: str

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


# -- splitting --------------------------------------------------------------------------------


def parse_title(line: str) -> RawNote | None:
    """What a title line says (with an empty body), or None if the line is not a title."""
    line = line.rstrip("\r\n")
    wc = _WC_TITLE.fullmatch(line)
    if wc:
        found = [
            (int(m["day"]), m["month"], int(m["year"]) if m["year"] else None)
            for m in _WC_DAY.finditer(wc["dates"])
        ]
        if found[-1][1] is None:
            return None  # "w/c 4 and 11": no month at all
        dates: list[WrittenDate] = []
        month = 0
        for day, name, year in reversed(found):  # "4 and 11 March": 4 takes 11's month
            month = _MONTH_NUMBERS[name.lower()] if name else month
            if not 1 <= day <= (29 if month == 2 else calendar.monthrange(2001, month)[1]):
                return None
            dates.insert(0, WrittenDate(day, month, year))
        return RawNote(line, "", dates=tuple(dates))
    yw = _YEAR_WEEK_TITLE.fullmatch(line)
    if yw:
        first = (int(yw["year"]), int(yw["week"]))
        last = (int(yw["year2"] or yw["year"]), int(yw["week2"] or yw["week"]))
        try:
            ends = [Week.from_id(f"{year:04d}-W{week:02d}") for year, week in (first, last)]
        except UsageError:
            return None
        if not ends[0] <= ends[1]:
            return None
        return RawNote(line, "", year_weeks=(first, last))
    return None


def _lines(text: str) -> list[str]:
    """The lines of ``text`` with their "\\n" (only "\\n" ends a line, unlike splitlines)."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _blank(line: str) -> bool:
    return not line.strip()


def split(text: str, source: str = "archive") -> list[RawNote]:
    """The notes of an archive, in its order, each with its title line and verbatim body.

    Raises ImportFailure when there is no title, or when text comes before the first one
    (it would belong to no note)."""
    lines = _lines(text)
    titles: list[tuple[int, RawNote]] = []
    shaped = None
    for index, line in enumerate(lines):
        parsed = parse_title(line)
        if parsed is None:
            continue
        before = index == 0 or _blank(lines[index - 1])
        after = index + 1 == len(lines) or _blank(lines[index + 1])
        if before and after:
            titles.append((index, parsed))
        elif shaped is None:
            shaped = index
    if not titles:
        hint = (
            f" (line {shaped + 1} looks like one but needs a blank line before and after it)"
            if shaped is not None
            else ""
        )
        raise ImportFailure(
            f"{source} holds no weeknote title{hint}: titles are lines such as "
            "'Weeknote w/c 15 July: subtitle' or '2019.30 Subtitle', each with a blank line "
            "before and after it"
        )
    first = titles[0][0]
    stray = next((i for i in range(first) if not _blank(lines[i])), None)
    if stray is not None:
        raise ImportFailure(
            f"{source}, line {stray + 1}: text before the first title would belong to no note: "
            "delete it or give it a title line"
        )
    notes = []
    for position, (index, parsed) in enumerate(titles):
        end = titles[position + 1][0] - 1 if position + 1 < len(titles) else len(lines)
        body = "".join(lines[index + 2 : end])
        if body and not body.endswith("\n"):
            body += "\n"
        notes.append(
            RawNote(parsed.title, body, index + 1, dates=parsed.dates, year_weeks=parsed.year_weeks)
        )
    return notes


# -- dating -----------------------------------------------------------------------------------

Ymd = tuple[int, int, int]  # a date that may not exist (29 February in a common year)


def _offsets(dates: Sequence[WrittenDate]) -> list[int]:
    """Years after the first date: "28 December and 4 January" is 0, 1."""
    offsets = [0]
    for previous, current in zip(dates, dates[1:], strict=False):
        wrapped = (current.month, current.day) < (previous.month, previous.day)
        offsets.append(offsets[-1] + wrapped)
    return offsets


def _floating(raw: RawNote, first_year: int) -> list[Ymd]:
    return [
        (first_year + offset, d.month, d.day)
        for d, offset in zip(raw.dates, _offsets(raw.dates), strict=True)
    ]


def _anchored(raw: RawNote) -> list[Ymd]:
    """The dates of a note whose title states a year (its other dates follow from it)."""
    if raw.year_weeks:
        mondays = [Week.from_id(f"{y:04d}-W{w:02d}").monday for y, w in raw.year_weeks]
        return [(day.year, day.month, day.day) for day in mondays]
    offsets = _offsets(raw.dates)
    known = next(i for i, d in enumerate(raw.dates) if d.year is not None)
    base = (raw.dates[known].year or 0) - offsets[known]
    return [
        (d.year if d.year is not None else base + offset, d.month, d.day)
        for d, offset in zip(raw.dates, offsets, strict=True)
    ]


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
            found[index] = _floating(raw, year - _offsets(raw.dates)[-1])
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
        if not raw.floating:
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
        weeks = tuple(week_range(*(Week.of(d, week_start) for d in (days[0], days[-1]) if d)))
        if not 1 <= len(weeks) <= MAX_WEEKS:
            raise ImportFailure(
                f'{source}, line {raw.line}: "{raw.title}" would cover {len(weeks)} weeks; '
                f"a note covers 1 to {MAX_WEEKS}: check the dates in the title"
            )
        dated.append(DatedNote(raw, weeks, source))
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


# -- the shell: compare with the notes folder, then write --------------------------------------

NEW, UNCHANGED, REPEAT, CONFLICT = "new", "unchanged", "repeat", "conflict"


@dataclass(frozen=True)
class Planned:
    item: DatedNote
    status: str  # NEW, UNCHANGED, REPEAT (the same note earlier in the input) or CONFLICT


@dataclass(frozen=True)
class ArchiveReport:
    source: str
    notes: int
    reason: str


@dataclass(frozen=True)
class ImportPlan:
    archives: list[ArchiveReport]
    planned: list[Planned]
    conflicts: list[str]
    dry_run: bool
    written: tuple[Path, ...] = ()

    def count(self, status: str) -> int:
        return sum(1 for planned in self.planned if planned.status == status)

    def check(self) -> None:
        """Raise the ConflictError that stopped a real import, once it has been shown."""
        if self.conflicts and not self.dry_run:
            count = len(self.conflicts)
            raise ConflictError(
                f"{count} conflict{'s' if count > 1 else ''} with notes already there or with "
                "each other, so nothing was imported: move or edit those notes, then import again"
            )


def _same(a: Note, b: Note) -> bool:
    return (a.weeks, a.title, a.body) == (b.weeks, b.title, b.body)


def _plan(store: Store, paths: Sequence[Path], today: date, year: int | None) -> ImportPlan:
    """Read, split and date every archive, and check each note against the folder and
    the other archives. Reads only."""
    reports = []
    items: list[DatedNote] = []
    for path in paths:
        text = read_archive(path)
        dating = date_archive(
            split(text, str(path)),
            text=text,
            source=str(path),
            today=today,
            year=year,
            week_start=store.week_start,
        )
        reports.append(ArchiveReport(str(path), len(dating.notes), dating.reason))
        items.extend(dating.notes)
    existing = store.scan()
    claimed: dict[str, DatedNote] = {}
    planned: list[Planned] = []
    conflicts: list[str] = []
    for item in items:
        note = item.note()
        first = next((claimed[w] for w in item.ids if w in claimed), None)
        if first is not None:
            # claimed weeks never overlap, so a note with the same weeks is the only claimant
            if _same(note, first.note()):
                planned.append(Planned(item, REPEAT))
                continue
            conflicts.append(
                f'{item.where}: "{item.raw.title}" and {first.where}: "{first.raw.title}" '
                f"both cover {', '.join(sorted(set(item.ids) & set(first.ids)))}"
            )
            planned.append(Planned(item, CONFLICT))
            continue
        claimed.update(dict.fromkeys(item.ids, item))
        status = _against_folder(store, existing, item, note, conflicts)
        planned.append(Planned(item, status))
    return ImportPlan(reports, planned, conflicts, dry_run=False)


def _against_folder(
    store: Store, existing: Sequence[NoteEntry], item: DatedNote, note: Note, conflicts: list[str]
) -> str:
    covering = [entry for entry in existing if set(entry.weeks) & set(item.ids)]
    path = store.note_path(note.week)
    if not covering and not path.exists():
        return NEW
    same_file = len(covering) == 1 and store.path_of(covering[0]) == path
    if same_file and _same(store.load_note(path), note):
        return UNCHANGED
    names = ", ".join(store.relative(store.path_of(entry)) for entry in covering) or str(path)
    conflicts.append(
        f'{item.where}: "{item.raw.title}" ({", ".join(item.ids)}) differs from {names}, '
        "which is left as it is"
    )
    return CONFLICT


def import_archives(
    store: Store,
    paths: Sequence[Path],
    today: date,
    year: int | None = None,
    dry_run: bool = False,
) -> ImportPlan:
    """Plan the import and, unless it is a dry run or something conflicts, write every new
    note. Everything is checked before the first note is written."""
    check_year(year)
    result = _plan(store, paths, today, year)
    if dry_run:
        return replace(result, dry_run=True)
    if result.conflicts:
        return result
    written = []
    for planned in result.planned:
        if planned.status == NEW:
            note = planned.item.note()
            written.append(store.create_note(note.week, serialise(note)))
    return replace(result, written=tuple(written))
