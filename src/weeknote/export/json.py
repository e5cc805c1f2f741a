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


def export(items: Sequence[Item], options: Options) -> Document:
    # One line, a record at a time: the same text as json.dumps of the whole document
    # (its separators are ", " and ": "), written as it is made. Programs are its readers
    # (pipe it through `python -m json.tool` to read).
    encode = json.JSONEncoder(ensure_ascii=False).encode
    yield '{"version": 1, "notes": ['
    for index, item in enumerate(items):
        text = encode(record(item))
        yield ", " + text if index else text
    yield "]}\n"
