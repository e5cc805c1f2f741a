"""Streaks, breaks and gaps: covered weeks in, a StreakReport out.

Pure: nothing here reads the clock or the disk; the as-of day is a parameter.

The rules (see README, "weeknote streak"):

- a week is *written* when a note covers it (a fortnight note covers both its weeks);
- a *break* is a week declared with ``weeknote skip``: it neither counts toward a streak nor
  breaks one, and a streak never starts or ends on one;
- the as-of week is in progress: unwritten, it does not break the streak;
- up to the cut-off day, an unwritten last week is *due*, not missed: the streak is still
  alive and the week is no gap; after the cut-off it is a gap;
- weeks after the as-of week are the future and count for nothing;
- a *drafted* week is a past week with drafted bullets (a journal's imported entries, say)
  and no note: it is not written, so it counts and breaks exactly as a missed week does, but
  the calendar shows it apart, and the report names the weeks still to be written up.

Weeks are handled as Monday-start ISO weeks here (only their ids matter), and inside as
consecutive integers, so that decades of notes cost little.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from weeknote.weeks.week import Week, cutoff_date, day_in_week, weeks_in_year

# What one week of the calendar is, as of the report's day.
WRITTEN = "written"
FORTNIGHT = "fortnight"  # covered by a note of more than one week
BREAK = "break"
MISSED = "missed"
DUE = "due"  # last week, unwritten, while the cut-off day has not passed
FUTURE = "future"  # after the as-of week, or the as-of week itself while unwritten
BEFORE = "before"  # before the first note: not tracked
DRAFTED = "drafted"  # before the as-of week, with drafted bullets and no note: unwritten
KINDS = (WRITTEN, FORTNIGHT, BREAK, DUE, DRAFTED, MISSED, FUTURE, BEFORE)

# A streak is at risk during the last days of an unwritten week (Friday on, for Monday weeks).


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
    state: str  # "written", "in progress" or "none"
    longest: Run
    notes: int  # notes that start on or before the as-of week
    weeks_written: int
    weeks_due: int  # first note's week to the as-of week, less breaks, a due last week and an
    # unwritten as-of week
    breaks: tuple[Week, ...]  # declared and not written, planned future ones included
    gaps: tuple[Gap, ...]
    first_week: Week | None
    # Weeks as consecutive integers (see _index), for the calendar and the walks.
    written: frozenset[int]
    fortnight: frozenset[int]
    declared: frozenset[int]
    due: Week | None = None  # last week, while it may still be written without a gap
    due_by: date | None = None  # the cut-off day it may be written by
    reasons: tuple[tuple[str, str], ...] = ()  # (break week id, reason), for people
    drafted: frozenset[int] = frozenset()  # unwritten weeks before the as-of week with drafts

    @property
    def drafted_weeks(self) -> tuple[Week, ...]:
        """The weeks drafted and not written up, oldest first."""
        return tuple(_week(index) for index in sorted(self.drafted))

    @property
    def percent(self) -> int:
        return round(100 * self.weeks_written / self.weeks_due) if self.weeks_due else 0

    def kind(self, week: Week) -> str:
        """What ``week`` is on the calendar: one of KINDS."""
        return self._kind(_index(week))

    def _kind(self, index: int) -> str:
        if index in self.written:
            return FORTNIGHT if index in self.fortnight else WRITTEN
        if index in self.declared:
            return BREAK
        if self.due is not None and index == self._this - 1:
            return DUE
        if index in self.drafted:
            return DRAFTED
        if index >= self._this:
            return FUTURE
        if self._first is None or index < self._first:
            return BEFORE
        return MISSED

    def calendar(self) -> list[tuple[int, list[str]]]:
        """(year, the kind of each of its weeks) from the first note's year (or an earlier
        drafted week's) to the as-of year (or a later year holding a planned break); empty
        with no notes and no drafted weeks."""
        starts = [week for week in (self.first_week, *self.drafted_weeks[:1]) if week]
        if not starts:
            return []
        last_year = max([self.this_week.year, *(week.year for week in self.breaks)])
        rows = []
        for year in range(min(week.year for week in starts), last_year + 1):
            week_one = _index(Week(year, 1))
            kinds = [self._kind(week_one + n) for n in range(weeks_in_year(year))]
            rows.append((year, kinds))
        return rows

    def run_before(self, week: Week) -> Run:
        """The streak that ends before ``week``, through nothing but breaks."""
        return _walk_back(self.written, self._bridge, _index(week) - 1)

    @cached_property
    def _this(self) -> int:
        return _index(self.this_week)

    @cached_property
    def _first(self) -> int | None:
        return _index(self.first_week) if self.first_week is not None else None

    @cached_property
    def _bridge(self) -> frozenset[int]:
        due = {self._this - 1} if self.due is not None else set()
        return frozenset(index for index in self.declared if index <= self._this) | due

    def reason(self, week: Week) -> str:
        """The reason given for a break ("" if none was)."""
        return dict(self.reasons).get(week.id, "")


def _index(week: Week) -> int:
    """Weeks as consecutive integers: 0 is the week of 1 January 1 (a Monday)."""
    return (week.monday.toordinal() - 1) // 7


@functools.cache
def _year_start(year: str) -> int | None:
    """The index of ``year``'s week 1 ("2026"), None for a year out of range."""
    try:
        monday = date.fromisocalendar(int(year), 1, 1)
    except ValueError:
        return None
    return (monday.toordinal() - 1) // 7


def _index_of(week_id: str) -> int:
    """The index of a week id. The index cache holds ids as note.py wrote them (2026-W47),
    read here without a regex; any other form goes through Week.from_id."""
    year, marker, number = week_id.partition("-W")
    if marker and len(year) == 4 and len(number) == 2 and (year + number).isdigit():
        start = _year_start(year)
        week = int(number)
        if start is not None and (1 <= week <= 52 or week == weeks_in_year(int(year))):
            return start + week - 1
    return _index(Week.from_id(week_id))


def _week(index: int) -> Week:
    iso = date.fromordinal(index * 7 + 1).isocalendar()
    return Week(iso.year, iso.week)


def _maybe_week(index: int | None) -> Week | None:
    return None if index is None else _week(index)


def compute_streak(
    notes: Iterable[Sequence[str]],
    breaks: Iterable[str],
    as_of: date,
    week_start: str = "monday",
    cutoff_day: str | None = None,
    reasons: Sequence[tuple[str, str]] = (),
    drafted: Iterable[str] = (),
) -> StreakReport:
    """The streak report as of ``as_of``: ``notes`` holds each note's covered week ids,
    ``breaks`` the declared break weeks, ``drafted`` the weeks with drafted bullets. With
    ``cutoff_day``, an unwritten last week is due (not missed) up to that day of the as-of
    week."""
    this = _index(Week.of(as_of, week_start))
    written: set[int] = set()
    fortnight: set[int] = set()
    count = 0
    for covered in notes:
        if len(covered) == 1:  # one week, as most notes are: thousands of them
            week = _index_of(covered[0])
            if week <= this:
                count += 1
                written.add(week)
            continue
        weeks = [_index_of(w) for w in covered]
        if not weeks or min(weeks) > this:
            continue
        count += 1
        written.update(week for week in weeks if week <= this)
        if len(weeks) > 1:
            fortnight.update(week for week in weeks if week <= this)
    declared = {_index_of(b) for b in breaks} - written
    bridge = {week for week in declared if week <= this}
    first = min(written) if written else None
    due_by = cutoff_date(as_of, cutoff_day, week_start) if cutoff_day else None
    last = this - 1
    due = (
        due_by is not None
        and as_of <= due_by
        and first is not None
        and first <= last
        and last not in written
        and last not in bridge
    )
    if due:
        bridge = bridge | {last}  # the streak is alive through it; it is no gap (yet)

    current = _walk_back(written, bridge, this if this in written else this - 1)
    state = "none" if not current.length else "written" if this in written else "in progress"

    weeks_due = 0
    if first is not None:
        weeks_due = this - first + 1 - sum(1 for week in bridge if week >= first)
        if this not in written and this not in bridge:
            weeks_due -= 1
    return StreakReport(
        as_of=as_of,
        this_week=_week(this),
        current=current,
        state=state,
        longest=_longest(written, bridge),
        notes=count,
        weeks_written=len(written),
        weeks_due=weeks_due,
        breaks=tuple(_week(week) for week in sorted(declared)),
        gaps=tuple(_gaps(written, bridge, first, this)),
        first_week=_maybe_week(first),
        written=frozenset(written),
        fortnight=frozenset(fortnight),
        declared=frozenset(declared),
        due=_week(last) if due else None,
        due_by=due_by if due else None,
        reasons=tuple((week, reason) for week, reason in reasons if reason),
        drafted=frozenset(
            week
            for week in map(_index_of, drafted)
            if week < this
            and week not in written
            and week not in declared
            and not (due and week == last)
        ),
    )


def _walk_back(written: Set[int], bridge: Set[int], start: int) -> Run:
    """The streak that ends at ``start`` or before it, through nothing but breaks."""
    length, first, last = 0, None, None
    week = start
    while week in written or week in bridge:
        if week in written:
            length, first = length + 1, week
            last = week if last is None else last
        week -= 1
    return Run(length, _maybe_week(first), _maybe_week(last))


def _longest(written: set[int], bridge: set[int]) -> Run:
    """The longest streak; of equal ones, the latest."""
    best: tuple[int, int | None, int | None] = (0, None, None)
    length, first, last, previous = 0, None, None, None
    for week in sorted(written | bridge):
        if previous is not None and week != previous + 1:
            if length and length >= best[0]:
                best = (length, first, last)
            length, first, last = 0, None, None
        if week in written:
            length, last = length + 1, week
            first = week if first is None else first
        previous = week
    if length and length >= best[0]:
        best = (length, first, last)
    return Run(best[0], _maybe_week(best[1]), _maybe_week(best[2]))


def _gaps(written: set[int], bridge: set[int], first: int | None, this: int) -> list[Gap]:
    """Runs of missed weeks from the first note up to last week (this week is in progress)."""
    gaps: list[Gap] = []
    start: int | None = None
    for week in range(first if first is not None else this, this):
        missed = week not in written and week not in bridge
        if missed and start is None:
            start = week
        elif not missed and start is not None:
            gaps.append(Gap(_week(start), _week(week - 1)))
            start = None
    if start is not None:
        gaps.append(Gap(_week(start), _week(this - 1)))
    return gaps


def risk(
    report: StreakReport,
    today: date,
    cutoff_day: str,
    week_start: str = "monday",
    write_day: str = "friday",
) -> Risk | None:
    """Whether a streak ends unless a note is written soon, and which note.

    - Up to the cut-off day, last week is unwritten and no break, and a streak ran up to the
      week before it: writing last week's note (what `new` writes then) keeps it.
    - From this week's write-up day (``write_day``, Friday unless configured), this week is
      unwritten and no break, and the current streak runs up to last week: this week's note
      keeps it.
    """
    this = report.this_week
    until = cutoff_day.capitalize()
    last = this.step(-1)
    due = report.due
    if due is None and last is not None and today <= cutoff_date(today, cutoff_day, week_start):
        due = last if report.kind(last) == MISSED else None  # a report made without cut-off
    if due is not None:
        before = report.run_before(due)
        if before.length:
            return Risk(
                due,
                before.length,
                f"last week ({due.id}) has no note: write it by {until} "
                f"to keep the {before.length}-week streak",
            )
    if (
        today >= day_in_week(today, write_day, week_start)
        and report.state == "in progress"
        and report.kind(this) != BREAK
    ):
        return Risk(
            this,
            report.current.length,
            f"this week ({this.id}) has no note yet: write it by {until} next week "
            f"to keep the {report.current.length}-week streak",
        )
    return None
