"""Export formats: one module per format, and the registry that names them.

An exporter (``export(items, options)`` in the format's module) is pure: it takes the
notes to publish, newest first (``model.Item``), and ``model.Options``, and returns one
text document in pieces (``md``, ``text``, ``json``, ``html``: ``model.Document``) or a
folder's files (``site``, ``hugo``, ``email``: ``model.Files``, a mapping of relative path to text
that makes each file when it is read, and says what each is made from). Nothing is made
before it is written, so an export of thousands of notes is never held whole. Writing it
to disk is ``weeknote.publish.export``'s job.

This module is plain data, because the CLI reads it at start-up for ``--format``'s help;
a format's module, and Markdown rendering with it, is imported only when it is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from weeknote.publish.formats.model import Exporter

# name -> (what it writes, whether it writes a folder and so needs --output)
FORMATS: dict[str, tuple[str, bool]] = {
    "md": ("one Markdown document, newest note first", False),
    "text": ("plain text in the archive form `weeknote import` reads", False),
    "json": ('one JSON document: {"version": 1, "notes": [...]}', False),
    "html": ("one standalone HTML page with a contents list by year", False),
    "site": ("a static site: index.html, note, year and tag pages, an Atom feed.xml", True),
    "hugo": ("Hugo content files, content/weeknotes/2026-W47.md", True),
    "email": ("a message per note, 2026-W47.eml (--mbox: one mbox file)", True),
}


def writes_folder(name: str) -> bool:
    return FORMATS[name][1]


def exporter(name: str) -> Exporter:
    found: Exporter = importlib.import_module(f"weeknote.publish.formats.{name}").export
    return found


def format_help() -> str:
    """--format's help, from the registry."""
    single = ", ".join(name for name, (_, folder) in FORMATS.items() if not folder)
    folders = ", ".join(name for name, (_, folder) in FORMATS.items() if folder)
    return (
        f"{single} (one document, stdout or --output FILE) or {folders} (a folder: --output DIR)."
    )


def formats_epilog() -> str:
    """The formats, one a line, for the command's help (\b keeps Click from rewrapping)."""
    width = max(map(len, FORMATS))
    lines = [f"  {name:<{width}}  {summary}" for name, (summary, _) in FORMATS.items()]
    return "Formats:\n\n\b\n" + "\n".join(lines)
