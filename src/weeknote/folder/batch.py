"""Many whole files put in place together, with one flush to disk for them all.

A note written on its own costs two fsyncs (its text, then its folder), and an import of a
whole blog writes thousands: the fsyncs cost more than reading and converting the posts.
A batch keeps each file's promise (a reader, or the disk after a crash, sees the old file
or the new one, never a torn one) and pays for durability once:

1. each file's text goes to a hidden temp file beside it (``files._temp_beside``);
2. one flush of the filesystem (Linux's syncfs, else ``os.sync()``) makes every temp file
   durable (an fsync each where there is neither);
3. each temp file is moved into place (``os.link`` for a file that must not exist yet,
   ``os.replace`` for one to replace), then each folder touched is fsynced once.

Stopped before step 3, nothing is in place and only temp files are left (the next import
removes them, as ``files.remove_left_temps`` says); stopped in step 3, the files placed
are whole and running the import again places the rest.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from weeknote.folder import files


class Batch:
    """Files to put in place together: ``add`` each, then ``commit``. Leaving the ``with``
    block without committing removes the temp files and leaves every path as it was."""

    def __init__(self) -> None:
        self._held: list[tuple[Path, Path, bool]] = []  # (path, its temp file, overwrite)
        self._folders: set[Path] = set()  # made already, if they were missing

    def __enter__(self) -> Batch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()

    def add(self, path: Path, text: str, *, overwrite: bool) -> None:
        """Write ``text`` to a temp file beside ``path`` (not yet in place)."""
        data = text.encode("utf-8")
        try:
            if path.parent not in self._folders:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._folders.add(path.parent)
            fd, tmp = files._temp_beside(path)
            self._held.append((path, tmp, overwrite))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                if files._PAUSE:
                    files._pause_for_test()
        except OSError as exc:
            raise files._failed(path, exc, "write") from None

    def commit(self) -> list[Path]:
        """Every file flushed, then put in place; the paths of those that were not, because
        a file came to be there since (only where ``overwrite`` was not asked)."""
        if not self._held:
            return []
        if not _sync_filesystem(self._held[0][1].parent):
            for path, tmp, _ in self._held:
                _fsync_file(path, tmp)
        refused: list[Path] = []
        folders: dict[Path, None] = {}
        held, self._held = self._held, []
        try:
            for path, tmp, overwrite in held:
                try:
                    if not _place(tmp, path, overwrite):
                        refused.append(path)
                except OSError as exc:
                    raise files._failed(path, exc, "write") from None
                folders[path.parent] = None
        finally:
            for _, tmp, _ in held:
                _unlink(tmp)
        for folder in folders:
            files._fsync_dir(folder)
        return refused

    def discard(self) -> None:
        for _, tmp, _ in self._held:
            _unlink(tmp)
        self._held = []


def _place(tmp: Path, path: Path, overwrite: bool) -> bool:
    if overwrite:
        os.replace(tmp, path)
        return True
    try:
        os.link(tmp, path)
    except FileExistsError:
        return False
    except OSError:
        # No hard links here (some network and FAT filesystems): exclusive create.
        data = tmp.read_bytes()
        try:
            with open(path, "xb") as handle:
                try:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
                except OSError:
                    os.unlink(path)  # made by this call: leave nothing half written
                    raise
        except FileExistsError:
            return False
    return True


def _sync_filesystem(folder: Path) -> bool:
    """One flush of what was written on the filesystem holding ``folder``: Linux's
    syncfs(2), which leaves other filesystems' writes alone, else POSIX sync(2), which
    flushes them all. False where neither is (each file is fsynced then)."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            syncfs = ctypes.CDLL(None, use_errno=True).syncfs
        except (OSError, AttributeError):
            syncfs = None
        if syncfs is not None:
            fd = os.open(folder, os.O_RDONLY)
            try:
                if syncfs(fd) == 0:
                    return True
            finally:
                os.close(fd)
    if hasattr(os, "sync"):
        os.sync()
        return True
    return False  # pragma: no cover - Windows


def _fsync_file(path: Path, tmp: Path) -> None:  # pragma: no cover - Windows
    try:
        fd = os.open(tmp, os.O_RDWR | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise files._failed(path, exc, "write") from None
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _unlink(tmp: Path) -> None:
    try:
        tmp.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        pass
