"""Bringing existing weeknote archives in: the shell that compares an archive's dated
notes with a notes folder (through ``Store``) and writes the new ones.

Splitting and dating a plain-text archive are pure and live in ``weeknote.imports``
(``plaintext``, ``archive_dating``, ``titles``); their names are importable from here too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from weeknote.errors import ConflictError
from weeknote.files import read_archive
from weeknote.imports.plaintext import (
    FIRST_YEAR,
    DatedNote,
    Dating,
    RawNote,
    WrittenDate,
    check_year,
    date_archive,
    date_notes,
    parse_title,
    split,
)
from weeknote.note import Note, serialise
from weeknote.store import NoteEntry, Store

__all__ = [
    "FIRST_YEAR",
    "DatedNote",
    "Dating",
    "ImportPlan",
    "RawNote",
    "WrittenDate",
    "check_year",
    "date_archive",
    "import_archives",
    "parse_title",
    "split",
]

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
        dating, _ = date_notes(text, str(path), today=today, year=year, week_start=store.week_start)
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
