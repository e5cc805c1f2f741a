"""``hugo``: Hugo content files, ``content/weeknotes/2026-W47.md``, one per note.

Each keeps the note's TOML front matter (``title``, ``week``, ``weeks``, ``date``) with
``tags`` holding every tag of the note, front matter and ``#tags`` alike, so Hugo's
tags taxonomy lists them. The body is the note's Markdown, for the site's own theme to
render. Only content files are written: ``--output`` is the Hugo site's folder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from weeknote.export.model import Item, Options
from weeknote.note import serialise

SECTION = "content/weeknotes"


def export(items: Sequence[Item], options: Options) -> dict[str, str]:
    files = {}
    for item in items:
        note = replace(item.note, body=item.body, tags=item.entry.tags, extra={})
        files[f"{SECTION}/{item.slug}.md"] = serialise(note)
    return dict(sorted(files.items()))
