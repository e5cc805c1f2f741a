"""Reading a file to import: a regular file only (a pipe or a device would hang or never
end), bounded in size, decoded as UTF-8 with Windows line ends read as "\\n"."""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

from weeknote.errors import ImportFailure, NotFoundError

_BINARY = getattr(os, "O_BINARY", 0)  # Windows would otherwise translate line ends

MAX_IMPORT = 50 * 1024 * 1024  # bytes: years of weekly notes are a few megabytes
ZIP_TOTAL = 4 * MAX_IMPORT  # all of a zip's members together, unpacked


def read_archive_bytes(
    path: Path, limit: int = MAX_IMPORT, folder_hint: str = "name the file to import"
) -> bytes:
    """A file to import, as bytes: a regular file only (a pipe or a device would hang or
    never end), at most ``limit`` bytes. For exports parsed as bytes (XML, JSON, CSV)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _BINARY)
    except FileNotFoundError:
        raise NotFoundError(f"{path}: no such file: check the name") from None
    except IsADirectoryError:
        raise ImportFailure(f"{path} is a folder: {folder_hint}") from None
    except PermissionError:
        raise ImportFailure(f"{path} cannot be read (permission denied): check its owner") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ImportFailure(f"{path} is a folder: {folder_hint}")
        if not stat.S_ISREG(info.st_mode):
            raise ImportFailure(
                f"{path} is not a regular file (a pipe or a device): save it to a file "
                "and import that"
            )
        if info.st_size > limit:
            raise ImportFailure(
                f"{path} is {info.st_size / 2**20:.0f} MB; imports are limited to "
                f"{limit // 2**20} MB: split it into smaller files"
            )
        chunks, size = [], 0
        while size <= limit and (chunk := os.read(fd, 1 << 20)):
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) > limit:
        raise ImportFailure(
            f"{path} is over {limit // 2**20} MB; imports are limited to that: split it"
        )
    return raw


def decode_import(raw: bytes, path: Path | str) -> str:
    """An import's bytes as text: UTF-8, Windows line ends read as "\\n", a leading
    byte-order mark dropped."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportFailure(
            f"{path} is not UTF-8 text (byte {exc.start}): save it as UTF-8 and import again"
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def read_archive(path: Path, limit: int = MAX_IMPORT) -> str:
    """A file to import, as text: a regular file only, at most ``limit`` bytes, UTF-8, with
    Windows line ends read as "\\n" and a leading byte-order mark dropped."""
    raw = read_archive_bytes(path, limit, "name the archive's text file")
    return decode_import(raw, path)


def zip_reader(path: Path, archive: zipfile.ZipFile) -> Callable[[str], bytes | None]:
    """A reader of ``archive``'s members by name (None for a name it lacks), each within
    MAX_IMPORT and all together within ZIP_TOTAL, unpacked."""
    read_so_far = 0

    def read(name: str) -> bytes | None:
        nonlocal read_so_far
        try:
            info = archive.getinfo(name)
        except KeyError:
            return None
        if info.file_size > MAX_IMPORT or read_so_far + info.file_size > ZIP_TOTAL:
            raise ImportFailure(
                f"{path}: {name} is too large to import ({info.file_size // 2**20} MB): "
                "unpack the zip and remove what is not a post"
            )
        try:
            with archive.open(info) as member:
                data = member.read(MAX_IMPORT + 1)  # the size in the header may lie
        except (zipfile.BadZipFile, RuntimeError, OSError, EOFError) as exc:
            raise ImportFailure(
                f"{path}: {name} cannot be read from the zip ({exc}): download the export again"
            ) from None
        if len(data) > MAX_IMPORT:
            raise ImportFailure(f"{path}: {name} is too large to import: unpack the zip")
        read_so_far += len(data)
        return data

    return read
