"""`weeknote import`: past weeknotes brought in from wherever they are published.

One module a job: ``detect`` tells what a source is; the readers (``plaintext``, ``feeds``,
``wxr``, ``folder`` and ``zipped``, ``ghost``, ``substack``, ``jrnl``) turn it into posts
(``model``); ``clean`` makes a site's posts clean of its machinery (``templating``,
``html``, ``siteaddress``, over ``blocks``); ``titles``, ``names`` (a file's name) and
``dating`` give each post its weeks; ``choose`` keeps the weeknotes; ``apply`` sets them
against the notes folder (``samepost`` tells one post read from two sources); ``run``
does it all in order.

The sources are SOURCES below, one line each, and everything that lists them reads it:
``--from``'s values, help and completion, detection, reading, and how an import's report
names a source. A new source is its module and one line here. Each line names the
functions it needs by dotted path ("module:function"), so this module is plain data that the
CLI reads at start-up, and a source's module (with BeautifulSoup, feedparser, PyYAML or
defusedxml behind it) is imported only when a file is recognised or read as that source.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Callable

    from weeknote.imports.detect import Probe

# The shapes of file detection tells apart before asking any source (see detect.Probe).
FOLDER, ZIP, MARKUP, JSON, TEXT = "folder", "zip", "markup", "json", "text"

# What a source's reader gives, and so what becomes of it:
# POSTS: read(path) -> model.Reading; each post is chosen (import.match), dated, and a note.
# NOTES: read(text, source, today=, year=, week_start=, anchors=, lenient=) -> notes dated
#   as they are split from the text (plaintext.ArchiveDating).
# BULLETS: read(path) -> jrnl.JrnlEntry list; each entry a drafted bullet of its day.
POSTS, NOTES, BULLETS = "posts", "notes", "bullets"


class Source(NamedTuple):
    """One kind of source: its names, how it is recognised, how it is read, and how help
    and the import's report speak of it."""

    kind: str  # what detection calls it, and the import's report
    names: tuple[str, ...]  # its --from values; two sources may answer to one (see detect)
    called: str  # how the report names a file of it, "a feed" ("": it goes unnamed)
    summary: str  # its line in `weeknote import --help` ("": none, another says it)
    shapes: tuple[str, ...]  # the shapes of file it comes as
    # "module:function", called with a detect.Probe of one of its shapes: True if the file
    # is one of these. Cheap: it runs on every file imported without --from. "": the
    # source is what a file of its shapes is when no other source recognises it.
    recognise: str
    read: str  # "module:function": its reader, as ``gives`` says
    gives: str = POSTS
    holds: str = "posts"  # what it holds, as "holds no …" says when it holds none
    missing: str = ""  # what a file of its shape that is not one lacks, for the refusal
    progress: bool = False  # its reader takes progress= (model.Progress) for its posts

    def reader(self) -> Callable[..., Any]:
        found: Callable[..., Any] = _load(self.read)
        return found

    def recogniser(self) -> Callable[[Probe], bool]:
        found: Callable[[Probe], bool] = _load(self.recognise)
        return found


_DETECT = "weeknote.imports.detect"

SOURCES: tuple[Source, ...] = (
    Source(
        "feed",
        names=("feed",),
        called="a feed",
        summary="an Atom or RSS feed (any version), saved from the blog",
        shapes=(MARKUP,),
        recognise=f"{_DETECT}:is_feed",
        read="weeknote.imports.feeds:read_feed",
        progress=True,
    ),
    Source(
        "wordpress",
        names=("wordpress",),
        called="a WordPress export",
        summary="a WordPress export file (WXR XML: Tools → Export)",
        shapes=(MARKUP,),
        recognise=f"{_DETECT}:is_wordpress",
        read="weeknote.imports.wxr:read_wordpress",
    ),
    Source(
        "folder",
        names=("folder",),
        called="a folder of posts",
        summary="a site's folder (or a zip of it), or one post: Markdown or HTML",
        shapes=(FOLDER, ZIP, MARKUP, TEXT),
        recognise=f"{_DETECT}:is_folder",
        read="weeknote.imports.zipped:read_posts",
        holds="Markdown or HTML posts",
        missing="no Markdown or HTML file in it",
        progress=True,
    ),
    Source(
        "ghost",
        names=("ghost",),
        called="a Ghost export",
        summary="a Ghost export (JSON: Settings → Labs → Export)",
        shapes=(JSON,),
        recognise=f"{_DETECT}:is_ghost",
        read="weeknote.imports.ghost:read_ghost",
    ),
    Source(
        "substack",
        names=("substack",),
        called="a Substack export",
        summary="a Substack export: the .zip, or unpacked (posts.csv, posts/)",
        shapes=(FOLDER, ZIP),
        recognise=f"{_DETECT}:is_substack",
        read="weeknote.imports.substack:read_substack",
        missing="no posts.csv in it",
    ),
    Source(
        "jrnl",
        names=("jrnl",),
        called="a jrnl journal",
        summary="a jrnl journal or its JSON export: entries become drafted bullets",
        shapes=(TEXT,),
        recognise=f"{_DETECT}:is_jrnl",
        read="weeknote.imports.jrnl:read_journal",
        gives=BULLETS,
    ),
    Source(
        "jrnl-json",
        names=("jrnl",),
        called="`jrnl --export json` output",
        summary="",
        shapes=(JSON,),
        recognise=f"{_DETECT}:is_jrnl_json",
        read="weeknote.imports.jrnl:read_journal",
        gives=BULLETS,
    ),
    Source(
        "text",
        names=("text",),
        called="",
        summary="plain text: each note a title line, a blank line and its body",
        shapes=(MARKUP, TEXT),
        recognise="",
        read="weeknote.imports.plaintext:read_archive_text",
        gives=NOTES,
    ),
)


def _load(dotted: str) -> Any:
    module, _, name = dotted.partition(":")
    return getattr(importlib.import_module(module), name)


def by_kind(kind: str) -> Source | None:
    return next((source for source in SOURCES if source.kind == kind), None)


def named(name: str) -> list[Source]:
    """The sources --from ``name`` may mean, in order."""
    return [source for source in SOURCES if name in source.names]


def from_names() -> tuple[str, ...]:
    """--from's values, in order."""
    return tuple(dict.fromkeys(name for source in SOURCES for name in source.names))


def from_help() -> str:
    return f"What the sources are, when weeknote cannot tell: {', '.join(from_names())}."


def sources_epilog() -> str:
    """The sources, one a line, for the command's help (\b keeps Click from rewrapping)."""
    lines = [(", ".join(source.names), source.summary) for source in SOURCES if source.summary]
    width = max(len(names) for names, _ in lines)
    shown = [f"  {names:<{width}}  {summary}" for names, summary in lines]
    return "Sources (--from KIND):\n\n\b\n" + "\n".join(shown)
