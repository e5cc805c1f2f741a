"""Substack's export (Settings → Exports), as the .zip it downloads as or unpacked.

``posts.csv`` lists every post (post_id, post_date, is_published, …, title, subtitle) and
``posts/<post_id>.html`` holds each one's text. The zip is read in place, never unpacked:
only those two names are looked up, and every member is read within a size bound.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from weeknote.errors import ImportFailure
from weeknote.imports.html import escape_text, plain_line, to_markdown
from weeknote.imports.model import Post, Reading
from weeknote.imports.source import decode_import, read_archive_bytes, zip_reader
from weeknote.imports.stamps import day_of

_NEEDED = ("post_id", "is_published", "title")


def zip_posts_csv(archive: zipfile.ZipFile) -> str | None:
    """The name of a Substack zip's posts.csv (at its top, or in one folder), or None."""
    names = [name for name in archive.namelist() if name.rsplit("/", 1)[-1] == "posts.csv"]
    return min(names, key=lambda name: name.count("/")) if names else None


def _folder_reader(folder: Path) -> Callable[[str], bytes | None]:
    def read(name: str) -> bytes | None:
        file = folder / name
        if not file.is_file():
            return None
        return read_archive_bytes(file)

    return read


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in ("true", "t", "1", "yes")


def _posts(path: Path, where: str, prefix: str, read: Callable[[str], bytes | None]) -> Reading:
    data = read(prefix + "posts.csv")
    if data is None:
        raise ImportFailure(f"{path} has no posts.csv: name Substack's export folder or .zip")
    rows = csv.DictReader(io.StringIO(decode_import(data, f"{where}posts.csv")))
    missing = [name for name in _NEEDED if name not in (rows.fieldnames or [])]
    if missing:
        raise ImportFailure(
            f"{where}posts.csv has no {', '.join(missing)} column: is it Substack's export?"
        )
    posts: list[Post] = []
    left_out: list[tuple[str, str]] = []
    try:
        for number, row in enumerate(rows, start=2):
            post_id = (row.get("post_id") or "").strip()
            title = plain_line(row.get("title") or "")
            origin = f"{where}posts.csv, line {number}"
            what = f'{origin} "{title}"' if title else origin
            if not _truthy(row.get("is_published")):
                left_out.append((what, "not published"))
                continue
            if not post_id or "/" in post_id or "\\" in post_id or post_id.startswith("."):
                left_out.append((what, f"its post_id {post_id!r} names no file"))
                continue
            html = read(f"{prefix}posts/{post_id}.html")
            if html is None:
                left_out.append((what, f"no posts/{post_id}.html in the export"))
                continue
            body = to_markdown(decode_import(html, f"{where}posts/{post_id}.html"))
            subtitle = plain_line(row.get("subtitle") or "")
            if subtitle:
                body = f"*{escape_text(subtitle)}*\n\n{body}"
            posts.append(
                Post(
                    title=title,
                    body=body,
                    origin=f"{where}posts/{post_id}.html",
                    published=day_of(row.get("post_date")),
                    key=post_id,
                )
            )
    except csv.Error as exc:
        raise ImportFailure(
            f"{where}posts.csv, line {rows.line_num}: not valid CSV ({exc}): export it again"
        ) from None
    return Reading(kind="substack", source=str(path), posts=posts, left_out=left_out)


def read_substack(path: Path) -> Reading:
    """The published posts of a Substack export (a folder or its .zip)."""
    if path.is_dir():
        return _posts(path, "", "", _folder_reader(path))
    data = read_archive_bytes(path, folder_hint="name the export's folder or .zip")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ImportFailure(
            f"{path} is not a zip file: name Substack's export .zip or its unpacked folder"
        ) from None
    with archive:
        name = zip_posts_csv(archive)
        if name is None:
            raise ImportFailure(f"{path} has no posts.csv: is it Substack's export?")
        prefix = name[: -len("posts.csv")]
        return _posts(path, f"{path.name}: {prefix}", prefix, zip_reader(path, archive))
