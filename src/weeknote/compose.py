"""Writing a week's note: which week, which template, which bullets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from weeknote.config import Config
from weeknote.errors import ConflictError, UsageError
from weeknote.note import Note, default_title, serialise
from weeknote.store import Bullet, NoteEntry, Store
from weeknote.template import fill
from weeknote.weeks import WEEKDAYS, Week, format_day

MAX_WEEKS = 4


@dataclass(frozen=True)
class Composed:
    path: Path
    week: Week
    weeks: tuple[Week, ...]
    created: bool
    reason: str
    bullets: int
    not_in_note: int
    unplaced: int


def choose_week(store: Store, today: date, cutoff_day: str) -> tuple[Week, str]:
    """The week `new` writes when none is named, and why."""
    this = Week.of(today, store.week_start)
    last = this - 1
    weekday = WEEKDAYS[today.weekday()].capitalize()
    cutoff = cutoff_day.capitalize()
    first_day = 6 if store.week_start == "sunday" else 0
    if (today - this.start).days <= (WEEKDAYS.index(cutoff_day) - first_day) % 7:
        if store.find(last) is None:
            return last, (
                f"it is {weekday}, on or before the {cutoff} cut-off, and last week has no note yet"
            )
        return this, f"last week ({last.id}) already has a note"
    return this, f"it is {weekday}, after the {cutoff} cut-off"


def not_in_note(bullets: Sequence[Bullet], body: str) -> int:
    """Bullets whose text the note does not hold (added after it was written)."""
    return sum(1 for bullet in bullets if bullet.text not in body)


def _existing(found: list[NoteEntry], weeks: Sequence[Week], store: Store) -> NoteEntry:
    wanted = {week.id for week in weeks}
    if len(found) == 1 and (wanted <= set(found[0].weeks) or len(weeks) == 1):
        return found[0]
    names = ", ".join(store.relative(store.path_of(entry)) for entry in found)
    covered = sorted(wanted.intersection(w for entry in found for w in entry.weeks))
    raise ConflictError(
        f"{', '.join(covered)} already covered by {names}: a week belongs to one note; "
        "edit that note or choose other weeks"
    )


def compose(
    store: Store,
    config: Config,
    today: date,
    week: Week | None,
    span: int = 1,
    subtitle: str = "",
    template_name: str | None = None,
) -> Composed:
    """Create the note for ``week`` (and the weeks before it, for ``span`` > 1), or find the
    note that already covers it. Never overwrites a file."""
    if not 1 <= span <= MAX_WEEKS:
        raise UsageError(f"--weeks must be between 1 and {MAX_WEEKS}, not {span}")
    if week is None:
        week, reason = choose_week(store, today, config.cutoff_day)
    else:
        reason = "you named it"
    weeks = tuple(week - (span - 1 - i) for i in range(span))
    template = store.template(template_name or config.template)
    sections = template.sections()
    bullets = store.bullets(weeks, sections)
    found = store.covering(weeks)
    if found:
        entry = _existing(found, weeks, store)
        path = store.path_of(entry)
        note = store.load_note(path)
        covered = tuple(Week.from_id(w, store.week_start) for w in entry.weeks)
        all_bullets = store.bullets(covered, sections)
        return Composed(
            path, covered[-1], covered, False, reason, len(all_bullets),
            not_in_note(all_bullets, note.body), 0,
        )  # fmt: skip
    title = default_title(weeks, config.title_style, subtitle.strip())
    by_section: dict[str, list[str]] = {}
    for bullet in bullets:
        by_section.setdefault(bullet.section, []).append(bullet.text)
    first, last = weeks[0].start, weeks[-1].end
    values = {
        "title": title,
        "week": week.id,
        "week_number": str(week.number),
        "next_week_number": str((week + 1).number),
        "year": str(week.year),
        "first_day": format_day(first, with_year=True),
        "last_day": format_day(last, with_year=True),
        "first_date": first.isoformat(),
        "last_date": last.isoformat(),
    }
    body, unplaced = fill(template, values, by_section)
    note = Note(week.id, tuple(w.id for w in weeks), title, first, body)
    path = store.create_note(week.id, serialise(note))
    return Composed(path, week, weeks, True, reason, len(bullets), 0, len(unplaced))
