"""The only place that prints: plain lines and JSON for programs, Rich for people.

Rich is imported inside the functions that draw tables, so the capture path never pays
for it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from weeknote.capture import Captured
    from weeknote.compose import Composed
    from weeknote.store import NoteEntry, Store


def say(message: str) -> None:
    """A message for the person: stderr, so stdout stays data."""
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def error(message: str) -> None:
    say(f"Error: {message}")


def data(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def as_json(document: Any) -> None:
    import json

    data(json.dumps(document, indent=2, ensure_ascii=False, default=str))


def span(first: date, last: date) -> str:
    """'16-22 Nov 2026', '26 Oct-8 Nov 2026', '28 Dec 2026-3 Jan 2027'."""
    if first.year != last.year:
        return f"{first:%-d %b %Y}-{last:%-d %b %Y}"
    if first.month != last.month:
        return f"{first:%-d %b}-{last:%-d %b %Y}"
    return f"{first.day}-{last:%-d %b %Y}"


def captured(result: Captured, store: Store) -> None:
    where = store.relative(result.path)
    sections = ", ".join(result.sections)
    noun = "bullet" if result.added == 1 else "bullets"
    total = "1 bullet" if result.week_total == 1 else f"{result.week_total} bullets"
    say(f"Added {result.added} {noun} to {where} ({sections}); {result.week.id} holds {total} now.")


def composed(result: Composed, store: Store) -> None:
    where = store.relative(result.path)
    if result.created:
        weeks = " and ".join(week.id for week in result.weeks)
        say(f"Writing up {weeks}: {result.reason}.")
        say(f"Created {where} with {result.bullets} drafted bullets.")
        if result.unplaced:
            say(
                f"{result.unplaced} bullets were in sections the template has no place for: "
                "they are at the end of the note."
            )
    else:
        say(f"{where} already exists; it is left as it is.")
        if result.not_in_note:
            say(
                f"{result.not_in_note} drafted bullets are not in it yet "
                f"(see drafts/ for {' and '.join(w.id for w in result.weeks)})."
            )
    data(str(result.path))


def note_record(entry: NoteEntry, store: Store) -> dict[str, Any]:
    return {
        "week": entry.week,
        "weeks": list(entry.weeks),
        "start": entry.start.isoformat(),
        "end": entry.end.isoformat(),
        "title": entry.title,
        "path": entry.name,
        "words": entry.words,
    }


def notes(entries: Sequence[NoteEntry], store: Store, as_json_doc: bool) -> None:
    if as_json_doc:
        as_json({"version": 1, "notes": [note_record(e, store) for e in entries]})
        return
    if not entries:
        say(f"No notes yet in {store.root}. Start with: weeknote new")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    table.add_column("Week", no_wrap=True)
    table.add_column("Dates", no_wrap=True)
    table.add_column("Title", overflow="fold")
    table.add_column("Words", justify="right")
    for entry in entries:
        week = entry.week if len(entry.weeks) == 1 else f"{entry.weeks[0]}+{len(entry.weeks) - 1}"
        table.add_row(week, span(entry.start, entry.end), entry.title, str(entry.words))
    Console().print(table)


def path_line(path: Path) -> None:
    data(str(path))


if TYPE_CHECKING:
    from weeknote.importer import ImportPlan


def imported(result: ImportPlan, store: Store) -> None:
    """The notes an import found (stdout), then how each archive was dated, any
    conflicts and the counts (stderr)."""
    from rich.console import Console
    from rich.table import Table

    several = len({archive.source for archive in result.archives}) > 1
    table = Table(box=None, pad_edge=False)
    table.add_column("Weeks", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Title", overflow="fold")
    table.add_column("Words", justify="right")
    table.add_column("Status", no_wrap=True)
    table.add_column("From" if several else "Line", no_wrap=True)
    for planned in result.planned:
        item, note = planned.item, planned.item.note()
        weeks = item.ids[0]
        if len(item.ids) > 1:
            last = item.ids[-1]
            weeks += f"..{last[5:] if last[:4] == weeks[:4] else last}"
        line = str(item.raw.line)
        table.add_row(
            weeks,
            note.date.isoformat(),
            note.title,
            str(note.words),
            planned.status,
            f"{Path(item.source).name}:{line}" if several else line,
        )
    Console().print(table)
    for archive in result.archives:
        noun = "note" if archive.notes == 1 else "notes"
        say(f"{archive.source}: {archive.notes} {noun}; year: {archive.reason}.")
    for conflict in result.conflicts:
        say(f"Conflict: {conflict}")
    counts = f"{result.count('new')} new, {result.count('unchanged')} unchanged"
    if result.count("repeat"):
        counts += f", {result.count('repeat')} repeated in the input (kept once)"
    if result.dry_run:
        say(f"Dry run: {counts}; nothing was written.")
    elif result.conflicts:
        return
    elif result.written:
        say(f"Imported {len(result.written)} notes into {store.root} ({counts}).")
    else:
        say(f"Nothing to import: every note is already in {store.root} ({counts}).")
