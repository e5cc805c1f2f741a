"""``json``: ``{"version": 1, "notes": [...]}``, newest first. Each record is the one
``weeknote list --json`` prints, plus ``body`` (Markdown, no front matter) and ``tags``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from weeknote.export.model import Item, Options
from weeknote.render import note_record


def record(item: Item) -> dict[str, Any]:
    found = note_record(item.entry)
    found["body"] = item.note.body
    if item.entry.tags:
        found["tags"] = list(item.entry.tags)
    return found


def export(items: Sequence[Item], options: Options) -> str:
    document = {"version": 1, "notes": [record(item) for item in items]}
    # One line: the C encoder is several times faster than the indenting one on thousands
    # of notes, and programs are its readers (pipe it through `python -m json.tool` to read).
    return json.dumps(document, ensure_ascii=False) + "\n"
