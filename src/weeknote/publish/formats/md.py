"""``md``: one Markdown document, newest note first, each note's title as a heading."""

from __future__ import annotations

from collections.abc import Sequence

from weeknote.publish.formats.model import Document, Item, Options


def export(items: Sequence[Item], options: Options) -> Document:
    for index, item in enumerate(items):
        body = item.body.rstrip("\n")
        part = f"# {item.title}\n\n{body}\n" if body else f"# {item.title}\n"
        yield "\n" + part if index else part
