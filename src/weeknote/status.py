"""`weeknote status`: where the week the next note is for stands."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from weeknote.compose import choose_week, not_in_note
from weeknote.config import Config
from weeknote.store import Store
from weeknote.streak import Risk, StreakReport, compute_streak, risk
from weeknote.weeks import Week


@dataclass(frozen=True)
class Status:
    today: date
    week: Week
    why: str
    weeks: tuple[Week, ...]  # the weeks its note covers (or would cover)
    note: Path | None
    title: str | None
    by_day: tuple[tuple[date, int], ...]
    by_section: tuple[tuple[str, int], ...]
    not_in_note: int | None  # None while there is no note
    streak: StreakReport
    risk: Risk | None

    @property
    def bullets(self) -> int:
        return sum(count for _, count in self.by_day)


def streak_report(store: Store, as_of: date) -> StreakReport:
    """The folder's streak as of a day, from the index cache: no note body is read."""
    return compute_streak(
        [entry.weeks for entry in store.scan()],
        [declared.week for declared in store.breaks()],
        as_of,
        store.week_start,
    )


def week_status(store: Store, config: Config, today: date) -> Status:
    """The week `new` would write now: its note, its drafted bullets, and the streak."""
    week, why = choose_week(store, today, config.cutoff_day)
    entry = store.find(week)
    weeks = tuple(Week.from_id(w, store.week_start) for w in entry.weeks) if entry else (week,)
    sections = store.template(config.template).sections()
    bullets = store.bullets(weeks, sections)
    per_day = Counter(bullet.day for bullet in bullets)
    per_section = Counter(bullet.section for bullet in bullets)
    note = store.load_note(store.path_of(entry)) if entry else None
    report = streak_report(store, today)
    return Status(
        today=today,
        week=week,
        why=why,
        weeks=weeks,
        note=store.path_of(entry) if entry else None,
        title=note.title if note else None,
        by_day=tuple((day, per_day[day]) for w in weeks for day in w.days()),
        by_section=tuple((name, per_section[name]) for name in sections),
        not_in_note=not_in_note(bullets, note.body) if note else None,
        streak=report,
        risk=risk(report, today, config.cutoff_day, store.week_start),
    )
