"""Export formats: one module per format, and the registry that names them.

An exporter is pure: it takes the notes to publish (newest first) and the options, and
returns one text document (``md``, ``text``, ``json``, ``html``) or a mapping of relative
path to file text (``site``, ``hugo``). Writing that to disk is ``weeknote.publish``'s job.

This module stays light (the CLI reads the registry at start-up for ``--format``'s
choices); a format's module, and Markdown rendering with it, is imported only when
that format is used.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from weeknote.note import Note
    from weeknote.store import NoteEntry


_FIRST_HEADING = re.compile(r"\s*#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*(?:\n|$)")


@dataclass(frozen=True)
class Item:
    """One note to publish: its index entry (file name, dates), its full text, and the
    stable id its permalink is made from (the week id, made unique if two files share it)."""

    entry: NoteEntry
    note: Note
    slug: str

    @property
    def year(self) -> str:
        return self.note.week[:4]

    @property
    def body(self) -> str:
        """The body to show under the title: a first heading that only repeats the title
        (as notes written by hand begin) is left out."""
        body = self.note.body
        first = _FIRST_HEADING.match(body)
        if first and first.group(1) == self.note.title:
            return body[first.end() :].lstrip("\n")
        return body


@dataclass(frozen=True)
class Options:
    title: str = "Weeknotes"
    base_url: str = ""


Output = str | Mapping[str, str]
Exporter = Callable[[Sequence[Item], Options], Output]


@dataclass(frozen=True)
class Format:
    name: str
    summary: str
    folder: bool  # writes a folder of files, so needs --output

    def exporter(self) -> Exporter:
        module = importlib.import_module(f"weeknote.export.{self.name}")
        found: Exporter = module.export
        return found


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("md", "one Markdown document, newest note first", False),
        Format("text", "plain text in the archive form `weeknote import` reads", False),
        Format("json", 'one JSON document: {"version": 1, "notes": [...]}', False),
        Format("html", "one standalone HTML page with a contents list by year", False),
        Format("site", "a static site: index.html, a page per note, an Atom feed.xml", True),
        Format("hugo", "Hugo content files, content/weeknotes/2026-W47.md", True),
    )
}


def format_help() -> str:
    """--format's help, from the registry."""
    single = ", ".join(f.name for f in FORMATS.values() if not f.folder)
    folders = ", ".join(f.name for f in FORMATS.values() if f.folder)
    return (
        f"{single} (one document, stdout or --output FILE) or {folders} (a folder: --output DIR)."
    )
