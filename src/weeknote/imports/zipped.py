"""A folder of posts that comes as a zip: read in place, never unpacked.

Its Markdown and HTML files are read as the folder's would be (``folder.post_of``), each
within a size bound, by their path in the zip; Jekyll's ``_posts`` (and ``_drafts``) are
where the posts are when there is one, and what ``folder`` never reads (hidden files,
built sites, dependencies, other ``_`` folders) is skipped here too.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path, PurePosixPath

from weeknote.errors import ImportFailure
from weeknote.imports.folder import SKIPPED, SUFFIXES, post_of, read_folder, runs_past_twelve
from weeknote.imports.model import Post, Progress, Reading
from weeknote.imports.source import decode_import, read_archive_bytes, zip_reader

_MAGIC = b"PK\x03\x04"


def is_zip(path: Path) -> bool:
    """Whether ``path`` starts as a zip does."""
    with path.open("rb") as file:
        return file.read(len(_MAGIC)) == _MAGIC


def _kept(name: PurePosixPath, jekyll: bool) -> bool:
    folders = name.parts[:-1]
    if name.name.startswith(".") or not name.name.lower().endswith(SUFFIXES):
        return False
    if jekyll and not ({"_posts", "_drafts"} & set(folders)):
        return False
    return not any(
        part.startswith(".")
        or part in SKIPPED
        or (part.startswith("_") and part not in ("_posts", "_drafts"))
        for part in folders
    )


def post_names(archive: zipfile.ZipFile) -> list[PurePosixPath]:
    """The members of ``archive`` that may be posts, in order."""
    names = [PurePosixPath(info.filename) for info in archive.infolist() if not info.is_dir()]
    jekyll = any("_posts" in name.parts[:-1] for name in names)
    return sorted(name for name in names if _kept(name, jekyll))


def read_zipped_folder(path: Path) -> Reading:
    """Every post in a zip of a folder, by its path in the zip (as a folder's are)."""
    data = read_archive_bytes(path)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ImportFailure(f"{path} is not a zip file that can be read: unpack it") from None
    posts: list[Post] = []
    left_out: list[tuple[str, str]] = []
    with archive:
        read = zip_reader(path, archive)
        names = post_names(archive)
        weeks_beside = runs_past_twelve(list(names))
        for name in names:
            where = str(name)
            if name.name in ("_index.md", "_index.html"):
                left_out.append((where, "section page"))
                continue
            raw = read(str(name))
            if raw is None:  # pragma: no cover - listed by the zip itself
                continue
            found = post_of(
                decode_import(raw, where),
                name,
                where,
                in_drafts="_drafts" in name.parts,
                beside=name.parent in weeks_beside,
            )
            if isinstance(found, str):
                left_out.append((where, found))
            else:
                posts.append(found)
    return Reading(kind="folder", source=str(path), posts=posts, left_out=left_out)


def read_posts(path: Path, progress: Progress | None = None) -> Reading:
    """The folder source's reader: a zip of a folder, else a folder or one post's file
    (``folder.read_folder``)."""
    if path.is_file() and is_zip(path):
        return read_zipped_folder(path)
    return read_folder(path, progress)


def has_posts(data: bytes) -> bool:
    """Whether a zip's bytes hold a file that may be a post."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return bool(post_names(archive))
    except zipfile.BadZipFile:
        return False
