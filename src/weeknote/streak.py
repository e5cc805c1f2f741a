"""Streaks, breaks and gaps: covered weeks in, a StreakReport out.

Pure: nothing here reads the clock or the disk; the as-of day is a parameter.

The rules (see README, "weeknote streak"):

- a week is *written* when a note covers it (a fortnight note covers both its weeks);
- a *break* is a week declared with ``weeknote skip``: it neither counts toward a streak nor
  breaks one, and a streak never starts or ends on one;
- the as-of week is in progress: unwritten, it does not break the streak;
- weeks after the as-of week are the future and count for nothing.

Weeks are handled as Monday-start ISO weeks here: only their ids matter.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from weeknote.weeks import WEEKDAYS, Week, weeks_in_year

# What one week of the calendar is, as of the report's day.
WRITTEN = "written"
FORTNIGHT = "fortnight"  # covered by a note of more than one week
BREAK = "break"
MISSED = "missed"
FUTURE = "future"  # after the as-of week, or the as-of week itself while unwritten
BEFORE = "before"  # before the first note: not tracked
KINDS = (WRITTEN, FORTNIGHT, BREAK, MISSED, FUTURE, BEFORE)

STATES = ("written", "in progress", "none")

# A streak is at risk during the last days of an unwritten week (Friday on, for Monday weeks).
LATE_IN_WEEK = 4


@dataclass(frozen=True)
class Run:
    """A streak: how many written weeks, from its first to its last (breaks in between)."""

    length: int = 0
    first: Week | None = None
    last: Week | None = None


@dataclass(frozen=True)
class Gap:
    """A run of missed weeks."""

    first: Week
    last: Week

    @property
    def weeks(self) -> int:
        return self.last.since(self.first) + 1


@dataclass(frozen=True)
class Risk:
    """A streak that ends unless ``week`` gets its note soon."""

    week: Week
    streak: int
    reason: str


@dataclass(frozen=True)
class StreakReport:
    as_of: date
    this_week: Week
    current: Run
    state: str  # one of STATES
    longest: Run
    notes: int  # notes that start on or before the as-of week
    weeks_written: int
    weeks_due: int  # first note's week to the as-of week, less breaks and an unwritten as-of week
    breaks: tuple[Week, ...]  # declared and not written, planned future ones included
    gaps: tuple[Gap, ...]
    written: frozenset[Week]
    fortnight: frozenset[Week]
    first_week: Week | None

    @property
    def percent(self) -> int:
        return round(100 * self.weeks_written / self.weeks_due) if self.weeks_due else 0

    def kind(self, week: Week) -> str:
        """What ``week`` is on the calendar: one of KINDS."""
        if week in self.written:
            return FORTNIGHT if week in self.fortnight else WRITTEN
        if week in self._break_set:
            return BREAK
        if week >= self.this_week:
            return FUTURE
        if self.first_week is None or week < self.first_week:
            return BEFORE
        return MISSED

    def calendar(self) -> list[tuple[int, list[str]]]:
        """(year, the kind of each of its weeks) from the first note's year to the as-of
        year (or a later year holding a planned break); empty with no notes."""
        if self.first_week is None:
            return []
        last_year = max([self.this_week.year, *(week.year for week in self.breaks)])
        return [
            (year, [self.kind(Week(year, n)) for n in range(1, weeks_in_year(year) + 1)])
            for year in range(self.first_week.year, last_year + 1)
        ]

    @cached_property
    def _break_set(self) -> frozenset[Week]:
        return frozenset(self.breaks)


def _plain(week: Week) -> Week:
    return Week(week.year, week.number)


def compute_streak(
    notes: Iterable[Sequence[str]],
    breaks: Iterable[str],
    as_of: date,
    week_start: str = "monday",
) -> StreakReport:
    """The streak report as of ``as_of``: ``notes`` holds each note's covered week ids,
    ``breaks`` the declared break weeks."""
    this = _plain(Week.of(as_of, week_start))
    written: set[Week] = set()
    fortnight: set[Week] = set()
    count = 0
    parsed: dict[str, Week] = {}
    for covered in notes:
        weeks = [parsed.get(w) or parsed.setdefault(w, Week.from_id(w)) for w in covered]
        if not weeks or min(weeks) > this:
            continue
        count += 1
        for week in weeks:
            if week <= this:
                written.add(week)
                if len(weeks) > 1:
                    fortnight.add(week)
    declared = {Week.from_id(b) for b in breaks}
    listed = tuple(sorted(declared - written))
    bridge = {week for week in listed if week <= this}
    first = min(written) if written else None

    current = walk_back(written, bridge, this if this in written else this - 1)
    state = "none" if not current.length else "written" if this in written else "in progress"

    due = 0
    if first is not None:
        due = this.since(first) + 1 - sum(1 for week in bridge if week >= first)
        if this not in written and this not in bridge:
            due -= 1
    return StreakReport(
        as_of=as_of,
        this_week=this,
        current=current,
        state=state,
        longest=_longest(written, bridge),
        notes=count,
        weeks_written=len(written),
        weeks_due=due,
        breaks=listed,
        gaps=tuple(_gaps(written, bridge, first, this)),
        written=frozenset(written),
        fortnight=frozenset(fortnight),
        first_week=first,
    )


def walk_back(written: set[Week] | frozenset[Week], breaks: Iterable[Week], start: Week) -> Run:
    """The streak that ends at ``start`` or before it, through nothing but breaks."""
    bridge = set(breaks)
    length, first, last = 0, None, None
    week = start
    while week in written or week in bridge:
        if week in written:
            length, first = length + 1, week
            last = last or week
        week = week - 1
    return Run(length, first, last)


def _longest(written: set[Week], bridge: set[Week]) -> Run:
    """The longest streak; of equal ones, the latest."""
    best = Run()
    length, first, last, previous = 0, None, None, None
    for week in sorted(written | bridge):
        if previous is not None and week.since(previous) != 1:
            if length and length >= best.length:
                best = Run(length, first, last)
            length, first, last = 0, None, None
        if week in written:
            length, last = length + 1, week
            first = first or week
        previous = week
    if length and length >= best.length:
        best = Run(length, first, last)
    return best


def _gaps(written: set[Week], bridge: set[Week], first: Week | None, this: Week) -> list[Gap]:
    """Runs of missed weeks from the first note up to last week (this week is in progress)."""
    gaps: list[Gap] = []
    if first is None:
        return gaps
    start: Week | None = None
    week = first
    while week < this:
        missed = week not in written and week not in bridge
        if missed and start is None:
            start = week
        elif not missed and start is not None:
            gaps.append(Gap(start, week - 1))
            start = None
        week = week + 1
    if start is not None:
        gaps.append(Gap(start, this - 1))
    return gaps


def risk(
    report: StreakReport, today: date, cutoff_day: str, week_start: str = "monday"
) -> Risk | None:
    """Whether a streak ends unless a note is written soon, and which note.

    - Up to the cut-off day, last week is unwritten and no break, and a streak ran up to the
      week before it: writing last week's note (what `new` writes then) keeps it.
    - From Friday (the week's fifth day), this week is unwritten and no break, and the
      current streak runs up to last week: this week's note keeps it.
    """
    this = report.this_week
    day_in_week = (today - Week.of(today, week_start).start).days
    first_day = 6 if week_start == "sunday" else 0
    cutoff = WEEKDAYS.index(cutoff_day)
    until = cutoff_day.capitalize()
    last = this - 1
    bridge = set(report.breaks)
    if day_in_week <= (cutoff - first_day) % 7 and report.kind(last) == MISSED:
        before = walk_back(report.written, bridge, last - 1)
        if before.length:
            return Risk(
                last,
                before.length,
                f"last week ({last.id}) has no note: write it by {until} "
                f"to keep the {before.length}-week streak",
            )
    if day_in_week >= LATE_IN_WEEK and report.state == "in progress" and this not in bridge:
        return Risk(
            this,
            report.current.length,
            f"this week ({this.id}) has no note yet: write it by {until} next week "
            f"to keep the {report.current.length}-week streak",
        )
    return None
