"""``json``: ``{"version": 1, "notes": [...]}``, newest first. Each record is the one
``weeknote list --json`` prints, plus ``body`` (Markdown, no front matter) and ``tags``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from weeknote.export.model import Document, Item, Options
from weeknote.render import note_record


def record(item: Item) -> dict[str, Any]:
    found = note_record(item.entry)
    found["body"] = item.note.body
    if item.entry.tags:
        found["tags"] = list(item.entry.tags)
    return found


BATCH = 64  # records encoded at once: one encoder call each costs more than the record


def export(items: Sequence[Item], options: Options) -> Document:
    # One line, a batch of records at a time: the same text as json.dumps of the whole
    # document (a list's items are joined by ", " there too), written as it is made.
    # Programs are its readers (pipe it through `python -m json.tool` to read).
    encode = json.JSONEncoder(ensure_ascii=False).encode
    yield '{"version": 1, "notes": ['
    for start in range(0, len(items), BATCH):
        text = encode([record(item) for item in items[start : start + BATCH]])[1:-1]
        yield ", " + text if start else text
    yield "]}\n"
