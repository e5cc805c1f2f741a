"""What `weeknote gather` offered, kept in the notes folder: ``.weeknote/gather.json``.

For each week gathered (the last few): every candidate offered, by its id (the one a
gathered bullet keeps in its trailing comment, folder/bullets.py ``source_of``), with its
day, text and what it stands for (commits, an event), and the ids passed over. A gather
reads it to offer only what is new; `new` and `status` read it to say how many things
gathered are not drafted, without reading a source. Written whole, atomically.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from weeknote.errors import WeeknoteError
from weeknote.folder.bullets import draft_items, source_of
from weeknote.folder.files import read_text, write_atomic
from weeknote.weeks.week import Week

RECORD = os.path.join(".weeknote", "gather.json")
VERSION = 1
KEPT_WEEKS = 8  # the weeks the record remembers


def record_path(root: Path) -> Path:
    return root / RECORD


def read_record(root: Path) -> dict[str, Any]:
    """The record's weeks ({} when there is none, or it cannot be read: it is remade)."""
    try:
        record = json.loads(read_text(record_path(root), "gather record"))
    except (FileNotFoundError, ValueError, WeeknoteError):  # remade by the next gather
        return {}
    if not isinstance(record, dict) or record.get("version") != VERSION:
        return {}
    weeks = record.get("weeks")
    return weeks if isinstance(weeks, dict) else {}


def write_record(root: Path, weeks: dict[str, Any]) -> Path:
    kept = dict(sorted(weeks.items())[-KEPT_WEEKS:])
    path = record_path(root)
    text = json.dumps({"version": VERSION, "weeks": kept}, indent=1, ensure_ascii=False)
    write_atomic(path, text + "\n", overwrite=True)
    return path


def drafted_sources(root: Path, days: Iterable[Any]) -> set[str]:
    """The source ids the drafts of ``days`` hold: the bullets gathered into them."""
    found = set()
    for day in days:
        path = root / "drafts" / f"{day.isoformat()}.md"
        try:
            text = read_text(path, "draft")
        except FileNotFoundError:
            continue
        if "<!--" not in text:
            continue
        for _, line, _ in draft_items(text):
            source = source_of(line)
            if source:
                found.add(source)
    return found


def not_drafted(root: Path, week: Week) -> int:
    """How many things the last gather of ``week`` offered are neither drafted nor passed
    over (0 when it was never gathered)."""
    kept = read_record(root).get(week.id)
    if not isinstance(kept, dict):
        return 0
    offered = kept.get("offered") or {}
    passed = set(kept.get("passed") or ())
    waiting = [name for name in offered if name not in passed]
    if not waiting:
        return 0
    drafted = drafted_sources(root, week.days())
    return sum(1 for name in waiting if name not in drafted)
