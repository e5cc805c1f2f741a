"""``md``: one Markdown document, newest note first, each note's title as a heading."""

from __future__ import annotations

from collections.abc import Sequence

from weeknote.export.model import Item, Options


def export(items: Sequence[Item], options: Options) -> str:
    parts = []
    for item in items:
        body = item.body.rstrip("\n")
        parts.append(f"# {item.note.title}\n\n{body}\n" if body else f"# {item.note.title}\n")
    return "\n".join(parts)
