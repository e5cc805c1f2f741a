"""Which kind of source a file or folder is, from what is in it, and reading it.

A file is looked at once (``Probe``): its shape (a folder, a zip, markup, JSON or other
text) and, when a source asks, its XML root or its JSON document. Then the sources of that
shape in ``weeknote.imports.SOURCES`` are asked in order whether it is one of theirs; the
first that says so is it. A file none of them recognises is the source of its shape that
recognises nothing (a plain-text archive); a zip or JSON, which can be nothing else, is
refused, naming what it could have been.

The recognisers of the built-in sources are here, beside what they share, because their
readers' modules load BeautifulSoup and markdownify, and every file imported without
--from is recognised.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from functools import cached_property
from pathlib import Path
from typing import Any

from weeknote import imports
from weeknote.errors import ImportFailure
from weeknote.imports import FOLDER, JSON, MARKUP, POSTS, TEXT, ZIP, Source
from weeknote.imports.model import Reading
from weeknote.imports.source import read_archive_bytes

KINDS = tuple(source.kind for source in imports.SOURCES)

_HEAD = 1 << 16  # bytes looked at for an XML root and its namespaces
_PROLOGUE = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)", re.DOTALL)
_ROOT = re.compile(rb"\s*<([A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?)")
_WP_EXPORT = re.compile(rb"""xmlns:\w+\s*=\s*["']https?://wordpress\.org/export/\d""")
_JRNL_ENTRY = re.compile(r"^\[?\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])?\]? ")
_FRONT_MATTER = (".md", ".markdown", ".html", ".htm")

# How a file of a shape that no source recognises is refused: {what} is what it is not.
_REFUSED = {
    ZIP: "{path} is a zip but {what}: unpack it and name what is inside",
    JSON: "{path} is JSON, but {what}: name one of those, or use --from",
}


class Probe:
    """What detection knows of a file: its shape, its bytes and the start of its text, and
    what sources ask of it, made once."""

    def __init__(self, path: Path, shape: str, data: bytes = b"", head: bytes = b"") -> None:
        self.path = path
        self.shape = shape  # one of imports.FOLDER, ZIP, MARKUP, JSON, TEXT
        self.data = data  # the whole file (a folder: nothing)
        self.head = head  # its first 64 KiB, without a byte-order mark
        self.text = head.decode("utf-8", errors="replace")

    @cached_property
    def root(self) -> str | None:
        """The local name of the markup's root element, in lower case ("rss", "feed")."""
        rest = self.head
        while match := _PROLOGUE.match(rest):
            rest = rest[match.end() :]
        root = _ROOT.match(rest)
        if root is None:
            return None
        return root.group(1).decode("ascii").lower().rsplit(":", 1)[-1]

    @cached_property
    def document(self) -> Any:
        """The JSON document, or an ImportFailure saying where it is not JSON."""
        from weeknote.imports.source import decode_import

        try:
            return json.loads(decode_import(self.data, self.path))
        except json.JSONDecodeError as exc:
            raise ImportFailure(
                f"{self.path}, line {exc.lineno}: not valid JSON ({exc.msg}): check the export"
            ) from None

    def first_line(self) -> str:
        """The first line that is not blank, as it is ("" if there is none)."""
        return next((line for line in self.text.split("\n") if line.strip()), "")


def probe(path: Path) -> Probe:
    """``path`` looked at: a folder, or a file read (a regular file, bounded in size)."""
    if path.is_dir():
        return Probe(path, FOLDER)
    data = read_archive_bytes(path)
    if data.startswith(b"PK\x03\x04"):
        return Probe(path, ZIP, data)
    head = data[:_HEAD].removeprefix(b"\xef\xbb\xbf")
    stripped = head.lstrip()
    found = Probe(path, TEXT, data, head)
    if stripped.startswith(b"<"):
        found.shape = MARKUP
    elif stripped.startswith(b"{") or (
        stripped.startswith(b"[") and not _JRNL_ENTRY.match(found.text.lstrip().split("\n", 1)[0])
    ):
        found.shape = JSON
    return found


def recognised(found: Probe) -> Source:
    """The source the probed file is: the first of its shape that recognises it, else the
    one of its shape that recognises nothing, else an ImportFailure."""
    sources = [source for source in imports.SOURCES if found.shape in source.shapes]
    for source in sources:
        if source.recognise and source.recogniser()(found):
            return source
    for source in sources:
        if not source.recognise:
            return source
    refused = _REFUSED.get(found.shape, "{path} is {what}: name what it is with --from")
    raise ImportFailure(refused.format(path=found.path, what=_none_of(sources)))


def _none_of(sources: list[Source]) -> str:
    """'not a Substack export (no posts.csv in it)', 'neither a Ghost export nor …'."""
    what = [f"{s.called} ({s.missing})" if s.missing else s.called for s in sources]
    if not what:
        return "no kind of source weeknote reads"
    if len(what) == 1:
        return f"not {what[0]}"
    return f"neither {', '.join(what[:-1])} nor {what[-1]}"


def detect(path: Path) -> str:
    """The kind of source ``path`` is (one of KINDS), from its content, not its name."""
    return recognised(probe(path)).kind


def source_of(path: Path, name: str | None) -> Source:
    """The source ``path`` is read as: the one --from ``name`` names (of two that answer to
    it, such as jrnl's text and JSON, the one ``path`` is recognised as, else the first),
    or without --from the one it is recognised as."""
    if name is None:
        return recognised(probe(path))
    sources = imports.named(name)
    if len(sources) == 1:
        return sources[0]
    kind = detect(path)
    return next((source for source in sources if source.kind == kind), sources[0])


def read(path: Path, kind: str) -> Reading:
    """Read ``path`` as a source of ``kind``. Sources that give no posts (a plain-text
    archive gives dated notes, a journal its entries) are read elsewhere: ValueError for
    those."""
    source = imports.by_kind(kind)
    if source is None or source.gives != POSTS:
        having = ", ".join(s.kind for s in imports.SOURCES if s.gives == POSTS)
        raise ValueError(f"no post reader for {kind!r}: {having} have one")
    reading: Reading = source.reader()(path)
    return reading


# -- the recognisers ---------------------------------------------------------------------------


def is_feed(found: Probe) -> bool:
    root = found.root
    return root in ("feed", "rdf") or (root == "rss" and not is_wordpress(found))


def is_wordpress(found: Probe) -> bool:
    return found.root == "rss" and _WP_EXPORT.search(found.head) is not None


def _has_posts_csv(folder: Path) -> bool:
    return (folder / "posts.csv").is_file()


def is_folder(found: Probe) -> bool:
    """A folder (not a Substack export's), a zip of one, an HTML page, or a Markdown file
    with front matter or a name that states its week."""
    if found.shape == FOLDER:
        return not _has_posts_csv(found.path)
    if found.shape == ZIP:
        from weeknote.imports.zipped import has_posts

        return not is_substack(found) and has_posts(found.data)
    if found.shape == MARKUP:
        return found.root == "html"
    if found.path.suffix.lower() not in _FRONT_MATTER:
        return False
    first = found.text.lstrip("\n").split("\n", 1)[0].rstrip("\r")
    return first.rstrip() in ("---", "+++") or _names_week(found.path)


def _names_week(path: Path) -> bool:
    """A post's file whose name states its week (2024-W19.md), front matter or not."""
    from weeknote.imports.names import read_name

    return read_name(path.stem) is not None


def is_ghost(found: Probe) -> bool:
    from weeknote.imports.ghost import ghost_data

    return ghost_data(found.document) is not None


def is_substack(found: Probe) -> bool:
    """A folder with posts.csv at its top, or a zip with one (at its top or in a folder)."""
    if found.shape == FOLDER:
        return _has_posts_csv(found.path)
    from weeknote.imports.substack import zip_posts_csv

    try:
        with zipfile.ZipFile(io.BytesIO(found.data)) as archive:
            return zip_posts_csv(archive) is not None
    except zipfile.BadZipFile:
        return False


def is_jrnl(found: Probe) -> bool:
    return _JRNL_ENTRY.match(found.first_line()) is not None


def is_jrnl_json(found: Probe) -> bool:
    document = found.document
    return isinstance(document, dict) and "entries" in document and "tags" in document
