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
    """The document of the items' notes. `weeknote export` itself goes through
    export/records.py, which keeps each record made here and passes them to ``document``."""
    return document([record_text(item.entry, item.note.body) for item in items])


def document(records: Sequence[str]) -> Document:
    """One line, a batch of records at a time: the same text as json.dumps of the whole
    document (a list's items are joined by ", " there too), written as it is made. Programs
    are its readers (pipe it through `python -m json.tool` to read)."""
    yield '{"version": 1, "notes": ['
    for start in range(0, len(records), BATCH):
        text = ", ".join(records[start : start + BATCH])
        yield ", " + text if start else text
    yield "]}\n"
