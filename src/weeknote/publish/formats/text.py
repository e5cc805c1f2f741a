"""``text``: the plain-text archive form (title line, blank line, body), newest first.

It is ``archive.join``, the form ``weeknote import`` reads, so export and import are inverses.
"""

from __future__ import annotations

from collections.abc import Sequence

from weeknote.publish.formats.model import Document, Item, Options
from weeknote.text import archive


def export(items: Sequence[Item], options: Options) -> Document:
    return archive.pieces((item.note.title, item.note.body) for item in items)
