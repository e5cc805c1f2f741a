"""``json``: ``{"version": 1, "notes": [...]}``, newest first. Each record is the one
``weeknote list --json`` prints, plus ``body`` (Markdown, no front matter) and ``tags``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from weeknote.publish.formats.model import Document, Item, Options
from weeknote.text.wording import note_record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from weeknote.folder.index import NoteEntry
    from weeknote.folder.store import Store


def record(item: Item) -> dict[str, Any]:
    return _record(item.entry, item.note.body)


def _record(entry: NoteEntry, body: str) -> dict[str, Any]:
    found = note_record(entry)
    found["body"] = body
    if entry.tags:
        found["tags"] = list(entry.tags)
    return found


def record_text(entry: NoteEntry, body: str) -> str:
    """One note's record as the document holds it (export/records.py caches these)."""
    return _ENCODE(_record(entry, body))


BATCH = 64  # records joined and written at once
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def export(items: Sequence[Item], options: Options) -> Document:
    """The document of the items' notes. `weeknote export` itself calls ``export_cached``."""
    return document([record_text(item.entry, item.note.body) for item in items])


def export_cached(store: Store, entries: Sequence[NoteEntry]) -> tuple[int, Document]:
    """The number of notes and the document of the entries' notes, each record from the
    cache in records.py where its note is unchanged (a note that cannot be read is left
    out, and kept in the store's ``unreadable``)."""
    from weeknote.publish.formats.records import json_records

    records = json_records(store, entries, record_text)
    return len(records), document(records)


def document(records: Sequence[str]) -> Document:
    """One line, a batch of records at a time: the same text as json.dumps of the whole
    document (a list's items are joined by ", " there too), written as it is made. Programs
    are its readers (pipe it through `python -m json.tool` to read)."""
    yield '{"version": 1, "notes": ['
    for start in range(0, len(records), BATCH):
        text = ", ".join(records[start : start + BATCH])
        yield ", " + text if start else text
    yield "]}\n"
