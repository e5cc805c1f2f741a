"""``text``: the plain-text archive form (title line, blank line, body), newest first.

It is ``archive.join``, the form ``weeknote import`` reads, so export and import are inverses.
"""

from __future__ import annotations

from collections.abc import Sequence

from weeknote import archive
from weeknote.export.model import Item, Options


def export(items: Sequence[Item], options: Options) -> str:
    return archive.join((item.note.title, item.note.body) for item in items)
