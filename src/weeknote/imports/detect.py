"""Which kind of source a file or folder is, from what is in it, and reading it."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

from weeknote.errors import ImportFailure
from weeknote.imports.model import Reading
from weeknote.imports.source import read_archive_bytes

KINDS = ("feed", "wordpress", "folder", "ghost", "substack", "jrnl", "jrnl-json", "text")

_HEAD = 1 << 16  # bytes looked at for an XML root and its namespaces
_PROLOGUE = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)", re.DOTALL)
_ROOT = re.compile(rb"\s*<([A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?)")
_WP_EXPORT = re.compile(rb"""xmlns:\w+\s*=\s*["']https?://wordpress\.org/export/\d""")
_JRNL_ENTRY = re.compile(r"^\[?\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])?\]? ")
_FRONT_MATTER = (".md", ".markdown", ".html", ".htm")


def _xml_kind(head: bytes) -> str | None:
    rest = head
    while match := _PROLOGUE.match(rest):
        rest = rest[match.end() :]
    root = _ROOT.match(rest)
    if root is None:
        return None
    name = root.group(1).decode("ascii").lower()
    local = name.rsplit(":", 1)[-1]
    if local == "rss":
        return "wordpress" if _WP_EXPORT.search(head) else "feed"
    if local in ("feed", "rdf"):
        return "feed"
    if local == "html":
        return "folder"
    return None


def _json_kind(path: Path, text: str) -> str:
    from weeknote.imports.ghost import ghost_data

    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailure(
            f"{path}, line {exc.lineno}: not valid JSON ({exc.msg}): check the export"
        ) from None
    if ghost_data(document) is not None:
        return "ghost"
    if isinstance(document, dict) and "entries" in document and "tags" in document:
        return "jrnl-json"
    raise ImportFailure(
        f"{path} is JSON, but neither a Ghost export nor `jrnl --export json` output: "
        "name one of those, or use --from"
    )


def detect(path: Path) -> str:
    """The kind of source ``path`` is (one of KINDS), from its content, not its name."""
    if path.is_dir():
        return "substack" if (path / "posts.csv").is_file() else "folder"
    data = read_archive_bytes(path)
    if data.startswith(b"PK\x03\x04"):
        from weeknote.imports.substack import zip_posts_csv

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if zip_posts_csv(archive) is not None:
                    return "substack"
        except zipfile.BadZipFile:
            pass
        raise ImportFailure(
            f"{path} is a zip but not a Substack export (no posts.csv in it): unpack it and "
            "name what is inside"
        )
    head = data[:_HEAD].removeprefix(b"\xef\xbb\xbf")
    stripped = head.lstrip()
    if stripped.startswith(b"<"):
        kind = _xml_kind(head)
        if kind is not None:
            return kind
    text = head.decode("utf-8", errors="replace")
    first_line = text.lstrip().split("\n", 1)[0]
    if stripped.startswith(b"{") or (
        stripped.startswith(b"[") and not _JRNL_ENTRY.match(first_line)
    ):
        from weeknote.imports.source import decode_import

        return _json_kind(path, decode_import(data, path))
    first = text.lstrip("\n").split("\n", 1)[0].rstrip("\r")
    if first.rstrip() in ("---", "+++") and path.suffix.lower() in _FRONT_MATTER:
        return "folder"
    for line in text.split("\n"):
        if line.strip():
            return "jrnl" if _JRNL_ENTRY.match(line) else "text"
    return "text"


def read(path: Path, kind: str) -> Reading:
    """Read ``path`` as a source of ``kind``. jrnl and plain-text archives are read
    elsewhere (they become drafts and split notes, not posts): ValueError for those."""
    if kind == "feed":
        from weeknote.imports.feeds import read_feed

        return read_feed(path)
    if kind == "wordpress":
        from weeknote.imports.wxr import read_wordpress

        return read_wordpress(path)
    if kind == "folder":
        from weeknote.imports.folder import read_folder

        return read_folder(path)
    if kind == "ghost":
        from weeknote.imports.ghost import read_ghost

        return read_ghost(path)
    if kind == "substack":
        from weeknote.imports.substack import read_substack

        return read_substack(path)
    raise ValueError(f"no post reader for {kind!r}: {', '.join(KINDS[:5])} have one")
