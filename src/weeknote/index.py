"""The note index: what listing, streaks and exports need of each note, without its body.

It is derived data, cached per notes folder in the platform's cache folder and keyed on
each file's size and modification time. The cache is only an optimisation: a damaged or
foreign cache file is ignored record by record and rebuilt, and it is written only once
a command has succeeded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from weeknote.errors import WeeknoteError

if TYPE_CHECKING:
    from weeknote.note import Note

VERSION = 1


@dataclass(frozen=True)
class NoteEntry:
    """What listing and streaks need of a note, without its body."""

    name: str
    week: str
    weeks: tuple[str, ...]
    title: str
    date: dt.date
    words: int
    tags: tuple[str, ...]

    @property
    def start(self) -> dt.date:
        return monday_of(self.weeks[0]) if self.weeks else self.date

    @property
    def end(self) -> dt.date:
        return monday_of(self.weeks[-1]) + dt.timedelta(days=6) if self.weeks else self.date


def monday_of(week_id: str) -> dt.date:
    """The Monday of an id the index holds (already checked when the note was read)."""
    return dt.date.fromisocalendar(int(week_id[:4]), int(week_id[6:]), 1)


def entry_dict(entry: NoteEntry) -> dict[str, object]:
    return asdict(entry)


def record_of(note: Note, stamp: list[int]) -> dict[str, Any]:
    return {
        "stamp": stamp,
        "week": note.week,
        "weeks": list(note.weeks),
        "title": note.title,
        "date": note.date.isoformat(),
        "words": note.words,
        "tags": note.all_tags(),
    }


def _is_week_id(value: object) -> bool:
    return (
        isinstance(value, str)
        and len(value) == 8
        and value[4:6] == "-W"
        and (value[:4] + value[6:]).isdigit()
    )


def entry_of(name: str, record: object, stamp: list[int]) -> NoteEntry | None:
    """The entry a cached record holds, if it is for this stamp and well formed (a damaged
    cache gives None, and the note is read again)."""
    if not isinstance(record, dict) or record.get("stamp") != stamp:
        return None
    try:
        weeks, tags = record["weeks"], record.get("tags", [])
        if not (isinstance(weeks, list) and weeks and all(map(_is_week_id, weeks))):
            return None
        if not (isinstance(tags, list) and all(isinstance(tag, str) for tag in tags)):
            return None
        entry = NoteEntry(
            name=name,
            week=record["week"],
            weeks=tuple(weeks),
            title=record["title"],
            date=dt.date.fromisoformat(record["date"]),
            words=record["words"],
            tags=tuple(tags),
        )
        monday_of(entry.week), monday_of(weeks[0]), monday_of(weeks[-1])
    except (KeyError, TypeError, ValueError):
        return None
    if not (_is_week_id(entry.week) and isinstance(entry.title, str)):
        return None
    if not isinstance(entry.words, int) or isinstance(entry.words, bool):
        return None
    return entry


def read_cache(path: Path) -> dict[str, Any]:
    """The cached records by file name ({} when the cache is missing or unreadable)."""
    import json

    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return {}
    notes = data.get("notes")
    return notes if isinstance(notes, dict) else {}


# Index caches to save once the command has succeeded: a failed command writes nothing.
PENDING: dict[Path, dict[str, Any]] = {}


def save_caches() -> None:
    """Write the index caches that scans refreshed; a failure to write one is ignored."""
    import json

    from weeknote.files import write_atomic

    while PENDING:
        path, records = PENDING.popitem()
        text = json.dumps({"version": VERSION, "notes": records}, ensure_ascii=False)
        with contextlib.suppress(OSError, WeeknoteError):
            write_atomic(path, text, overwrite=True, track=False)
