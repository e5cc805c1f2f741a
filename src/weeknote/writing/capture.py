"""Capturing bullets into the day's draft: the fast path, so it imports little."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from weeknote.errors import ConflictError, NoteError, UsageError
from weeknote.folder.bullets import stamp
from weeknote.folder.store import Bullet, Store, clean_bullet, split_section
from weeknote.weeks.week import Week
from weeknote.writing.template import DEFAULT_SECTION, Template


@dataclass(frozen=True)
class Captured:
    path: Path
    day: date
    week: Week
    sections: tuple[str, ...]
    added: int
    week_total: int | None  # None when a draft of the week cannot be read (see problem)
    problem: str | None = None
    filed: tuple[tuple[str, str], ...] = ()  # (section, text) of each bullet added


def capture(
    store: Store,
    template: Template,
    day: date,
    texts: Sequence[str],
    section: str | None = None,
    today: date | None = None,
) -> Captured:
    """Append each text as one bullet to ``day``'s draft and count the week's bullets.
    Everything that can be refused is checked before the write."""
    if today is not None and day > today:
        from weeknote.weeks.parse import future_hint

        raise UsageError(future_hint(day, today))
    week = Week.of(day, store.week_start)
    sections = template.sections()
    if section is not None:
        section = section.lstrip("#").lower()
        if section not in sections:
            raise UsageError(
                f"no section {section!r} in template {template.name!r}: "
                f"use one of {', '.join(sections)}"
            )
    filed: list[tuple[str, str]] = []
    for text in texts:
        cleaned = clean_bullet(text)
        if section is None:
            filed.append(split_section(cleaned, sections))
        else:
            filed.append((section, cleaned))
    from datetime import datetime

    path = store.add_bullets_filed(day, filed, stamp(datetime.now()))
    used = tuple(dict.fromkeys(name for name, _ in filed)) or (DEFAULT_SECTION,)
    try:
        total: int | None = store.week_bullet_count(week)
        problem = None
    except NoteError as exc:  # the bullet is saved; the count can wait
        total, problem = None, exc.message
    return Captured(path, day, week, used, len(filed), total, problem, tuple(filed))


def take_back(store: Store, template: Template, day: date | None) -> tuple[Path, Bullet]:
    """Remove the newest drafted bullet (of ``day``, if given) and return it; refused when a
    written note already holds it, since taking it from the draft would not take it back."""
    sections = template.sections()
    path, bullet = store.newest_bullet(day, sections)
    entry = store.find(Week.of(bullet.day, store.week_start))
    if entry is not None and bullet.text in store.load_note(store.path_of(entry)).body:
        raise ConflictError(
            f"the newest bullet ({bullet.text!r}) is already in {entry.name}: edit the note "
            f"instead (weeknote edit {entry.week})"
        )
    store.take_back(path, bullet, sections)
    return path, bullet
