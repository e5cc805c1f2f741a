"""A look back over a span of weeks (a year, usually): index entries and a streak report
in, a Review out.

Pure but for ``review_of``, which reads the folder: nothing else reads the clock or the
disk. The rules (see README, "weeknote review"):

- a week belongs to the ISO year of its id: 2026 has 53 weeks, 2026-W53 ends on 3 Jan 2027;
- a week is due, written, a break, a gap as `weeknote streak` says (the report given);
- a note is listed in every span it covers a week of (a fortnight 2026-W53 + 2027-W01 is in
  both years), but its words, tags and month are counted once, in the span of its last week;
- a week's month and quarter are those of its Thursday, the day that gives the ISO year.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from weeknote.folder.index import NoteEntry
from weeknote.habit.streak import (
    BREAK,
    DRAFTED,
    DUE,
    FORTNIGHT,
    MISSED,
    WRITTEN,
    Gap,
    Run,
    StreakReport,
)
from weeknote.weeks.week import Week, week_range, weeks_in_year

if TYPE_CHECKING:
    from pathlib import Path

    from weeknote.folder.store import Store

TOP_TAGS = 10


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    weeks_written: int
    words: int

    @property
    def id(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class Review:
    first: Week
    last: Week
    year: int | None  # when the span is one whole ISO year
    as_of: date
    kinds: tuple[str, ...]  # what each week of the span is (streak.KINDS), first to last
    notes: tuple[NoteEntry, ...]  # every note covering a week of the span, oldest first
    counted: tuple[NoteEntry, ...]  # those whose last week is in the span: words, tags
    fortnights: int  # notes of the span covering more than one week
    longest: Run  # the longest streak inside the span
    current: Run  # the streak as of the span's end (or today, if sooner)
    state: str  # the current streak's state, as the streak report says
    gaps: tuple[Gap, ...]  # runs of missed weeks, cut to the span
    tags: tuple[tuple[str, int], ...]  # the most used, with how many notes hold each
    busiest: Month | None
    quarters: tuple[tuple[str, NoteEntry], ...]  # ("2026-Q1", the quarter's first note)
    reasons: tuple[tuple[str, str], ...] = ()  # (break week id, reason)
    over: bool = False  # counted as of the span's end, not today: its figures are final

    @property
    def weeks(self) -> tuple[Week, ...]:
        return tuple(week_range(self.first, self.last))

    def count(self, *kinds: str) -> int:
        return sum(1 for kind in self.kinds if kind in kinds)

    @property
    def weeks_due(self) -> int:
        """Weeks that should have a note by now: written or missed (breaks, a last week
        still due, the week in progress and weeks before the first note are not)."""
        return self.count(WRITTEN, FORTNIGHT, MISSED, DRAFTED)

    @property
    def weeks_written(self) -> int:
        return self.count(WRITTEN, FORTNIGHT)

    @property
    def breaks(self) -> tuple[Week, ...]:
        pairs = zip(self.weeks, self.kinds, strict=True)
        return tuple(week for week, kind in pairs if kind == BREAK)

    @property
    def words(self) -> int:
        return sum(entry.words for entry in self.counted)

    @property
    def median_words(self) -> float:
        from statistics import median  # costs ~10 ms of imports; only reviews need it

        return float(median(entry.words for entry in self.counted)) if self.counted else 0.0

    @property
    def longest_note(self) -> NoteEntry | None:
        """The note of the most words; of equal ones, the first."""
        best = None
        for entry in self.counted:
            if best is None or entry.words > best.words:
                best = entry
        return best

    @property
    def label(self) -> str:
        return str(self.year) if self.year is not None else f"{self.first.id} to {self.last.id}"


def year_span(year: int, sunday_start: bool = False) -> tuple[Week, Week]:
    """An ISO year's first and last weeks (W52 or W53)."""
    return Week(year, 1, sunday_start), Week(year, weeks_in_year(year), sunday_start)


def thursday(week: Week) -> date:
    return week.monday + timedelta(days=3)


def as_of_for(first: Week, last: Week, today: date) -> tuple[date, bool]:
    """The day to count as of, and whether the cut-off applies: today while the span has
    not ended a week ago (its last week may still be due, as `streak` says); else the first
    day of the week after the span, when every week of it is past."""
    after = last.start + timedelta(weeks=1)  # a date even after the last supported week
    if today <= after + timedelta(days=6):
        return today, True
    return after, False


def compute_review(
    entries: Sequence[NoteEntry],
    report: StreakReport,
    first: Week,
    last: Week,
    over: bool = False,
) -> Review:
    """The review of ``first`` to ``last`` from every note's entry and the streak report
    (made as of ``as_of_for``'s day, from the same notes); ``over`` when that day is after
    the span, not today."""
    span = list(week_range(first, last))
    kinds = tuple(report.kind(week) for week in span)
    low, high = first.id, last.id
    notes = tuple(e for e in entries if any(low <= week <= high for week in e.weeks))
    counted = tuple(e for e in notes if low <= e.weeks[-1] <= high)
    year = first.year if (first, last) == year_span(first.year, first.sunday_start) else None
    # Once the span is over, its streak is the one that ran up to its last week (a note
    # after it, even one covering that week too, is another span's).
    current = report.run_before(last + 1) if over else report.current
    state = ("written" if current.length else "none") if over else report.state
    return Review(
        first=first,
        last=last,
        year=year,
        as_of=report.as_of,
        kinds=kinds,
        notes=notes,
        counted=counted,
        fortnights=sum(1 for e in notes if len(e.weeks) > 1),
        longest=_longest(span, kinds),
        current=current,
        state=state,
        gaps=_gaps(report.gaps, first, last),
        tags=_tags(counted),
        busiest=_busiest(span, kinds, counted),
        quarters=_quarters(notes, low),
        reasons=tuple((week, reason) for week, reason in report.reasons if low <= week <= high),
        over=over,
    )


def _longest(span: Sequence[Week], kinds: Sequence[str]) -> Run:
    """The longest run of written weeks in the span, through breaks and a week still due;
    of equal ones, the latest (as `streak` says)."""
    best = Run()
    length, start, end = 0, None, None
    for week, kind in zip(span, kinds, strict=True):
        if kind in (WRITTEN, FORTNIGHT):
            length, start, end = length + 1, start or week, week
        elif kind not in (BREAK, DUE):
            length, start, end = 0, None, None
        if length and length >= best.length:
            best = Run(length, start, end)
    return best


def _gaps(gaps: Sequence[Gap], first: Week, last: Week) -> tuple[Gap, ...]:
    return tuple(
        Gap(max(gap.first, first), min(gap.last, last))
        for gap in gaps
        if gap.last >= first and gap.first <= last
    )


def _tags(counted: Sequence[NoteEntry]) -> tuple[tuple[str, int], ...]:
    """The most used tags, by how many notes hold each; of equal ones, by name."""
    counts = Counter(tag for entry in counted for tag in set(entry.tags))
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return tuple(ranked[:TOP_TAGS])


def _busiest(
    span: Sequence[Week], kinds: Sequence[str], counted: Sequence[NoteEntry]
) -> Month | None:
    """The month of the most weeks written (then of the most words; then the first)."""
    weeks: Counter[tuple[int, int]] = Counter()
    for week, kind in zip(span, kinds, strict=True):
        if kind in (WRITTEN, FORTNIGHT):
            day = thursday(week)
            weeks[day.year, day.month] += 1
    words: Counter[tuple[int, int]] = Counter()
    for entry in counted:
        day = thursday(Week.from_id(entry.weeks[-1]))
        words[day.year, day.month] += entry.words
    if not weeks:
        return None
    key = min(weeks, key=lambda month: (-weeks[month], -words[month], month))
    return Month(key[0], key[1], weeks[key], words[key])


def quarter_of(week: Week) -> str:
    day = thursday(week)
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _quarters(notes: Sequence[NoteEntry], low: str) -> tuple[tuple[str, NoteEntry], ...]:
    """Each quarter's first note: the first to cover a week of it inside the span."""
    found: dict[str, NoteEntry] = {}
    for entry in notes:
        start = next(week for week in entry.weeks if week >= low)
        found.setdefault(quarter_of(Week.from_id(start)), entry)
    return tuple(sorted(found.items()))


def review_of(store: Store, first: Week, last: Week, today: date, cutoff_day: str) -> Review:
    """The review of a notes folder: the one function here that reads it (through the
    index and the streak report `streak` makes)."""
    from weeknote.habit.status import streak_report

    as_of, cutoff = as_of_for(first, last, today)
    report = streak_report(store, as_of, cutoff_day if cutoff else None)
    return compute_review(store.scan(), report, first, last, over=not cutoff)


def review_path(root: Path, review: Review) -> Path:
    """Where `review --format md` writes by default: review-2026.md in the notes folder, a
    name the folder scan never takes for a note (notes are named by week id)."""
    name = review.year if review.year is not None else f"{review.first.id}-{review.last.id}"
    return root / f"review-{name}.md"


def write_review(path: Path, text: str) -> Path:
    """Write the draft, never over a file that is there."""
    from weeknote.errors import ConflictError, UsageError
    from weeknote.folder.files import write_atomic

    if path.is_dir():
        raise UsageError(f"--output {path} is a folder: name a file")
    if path.exists() or not write_atomic(path, text, overwrite=False):
        raise ConflictError(
            f"{path} is already there and is left as it is: edit it, or write another "
            "with --output FILE"
        )
    return path
