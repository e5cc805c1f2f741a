"""Export formats: one module per format, and the registry that names them.

An exporter (``export(items, options)`` in the format's module) is pure: it takes the
notes to publish, newest first (``model.Item``), and ``model.Options``, and returns one
text document in pieces (``md``, ``text``, ``json``, ``html``: ``model.Document``) or a
folder's files (``site``, ``hugo``, ``email``: ``model.Files``, a mapping of relative path to text
that makes each file when it is read, and says what each is made from). Nothing is made
before it is written, so an export of thousands of notes is never held whole. Writing it
to disk is ``weeknote.publish.export``'s job.

A new format is its module here and one line in FORMATS. What sets a format apart in
`weeknote export` (a folder, --mbox, --base-url, the breaks, a From, a cache of each note's
piece) is said on its line, and ``weeknote.publish.export`` reads it there.

This module is plain data, because the CLI reads it at start-up for ``--format``'s help;
a format's module, and Markdown rendering with it, is imported only when it is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from weeknote.publish.formats.model import CachedExporter, Exporter


class Format(NamedTuple):
    """What a format writes, for help, and what `weeknote export` does for it."""

    summary: str
    folder: bool = False  # writes a folder, and so needs --output DIR
    mbox: bool = False  # --mbox: its module's ``mbox`` writes one mbox file instead
    links: bool = False  # --base-url (or config site.base_url) makes its links absolute
    breaks: bool = False  # it shows the declared breaks
    sender: bool = False  # it needs a From: config email.from
    # Made of each note's own piece, which is cached: its module's ``export_cached`` takes
    # the store and the chosen entries instead of the notes.
    cached: bool = False
    # It holds an Atom feed: the folder's feed id and the newest notes' published and
    # updated moments (config site.feed_entries of them) are read for it.
    feed: bool = False


FORMATS: dict[str, Format] = {
    "md": Format("one Markdown document, newest note first"),
    "text": Format("plain text in the archive form `weeknote import` reads"),
    "json": Format('one JSON document: {"version": 1, "notes": [...]}', cached=True),
    "html": Format("one standalone HTML page with a contents list by year"),
    "site": Format(
        "a static site: index.html, note, year and tag pages, an Atom feed.xml",
        folder=True,
        links=True,
        breaks=True,
        feed=True,
    ),
    "hugo": Format("Hugo content files, content/weeknotes/2026-W47.md", folder=True),
    "email": Format(
        "a message per note, 2026-W47.eml (--mbox: one mbox file)",
        folder=True,
        mbox=True,
        links=True,
        sender=True,
    ),
}


def having(flag: str) -> list[str]:
    """The names of the formats with ``flag`` (a Format field) set, for messages."""
    return [name for name, entry in FORMATS.items() if getattr(entry, flag)]


def exporter(name: str, mbox: bool = False) -> Exporter:
    """The format's exporter, or with ``mbox`` the one that writes one mbox file."""
    module = importlib.import_module(f"weeknote.publish.formats.{name}")
    found: Exporter = module.mbox if mbox else module.export
    return found


def cached_exporter(name: str) -> CachedExporter:
    found: CachedExporter = importlib.import_module(
        f"weeknote.publish.formats.{name}"
    ).export_cached
    return found


def format_help() -> str:
    """--format's help, from the registry."""
    single = ", ".join(name for name, entry in FORMATS.items() if not entry.folder)
    folders = ", ".join(having("folder"))
    return (
        f"{single} (one document, stdout or --output FILE) or {folders} (a folder: --output DIR)."
    )


def formats_epilog() -> str:
    """The formats, one a line, for the command's help (\b keeps Click from rewrapping)."""
    width = max(map(len, FORMATS))
    lines = [f"  {name:<{width}}  {entry.summary}" for name, entry in FORMATS.items()]
    return "Formats:\n\n\b\n" + "\n".join(lines)
