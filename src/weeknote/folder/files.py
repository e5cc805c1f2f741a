"""Safe reads and writes of the files a person keeps.

- Whole-file writes go to a hidden temp file in the same folder and are moved into place
  with ``os.replace`` (or ``os.link`` where the file must not exist yet), so a reader sees
  the old file or the new one, never a torn one.
- Appends are all or nothing: one write under an exclusive lock, and on a short or failed
  write (a full disk, a file-size limit) the file is cut back to its old length.
- A path inside the notes folder that leads outside it through a symbolic link is refused
  (git stores links, so a synced folder can carry one that points at ``~/.ssh``).

Portable: the lock is ``flock`` on POSIX and ``msvcrt.locking`` on Windows; where neither
exists, a lock file made with ``O_EXCL`` beside the file. Folders are fsynced only where
the platform can open them.
"""

from __future__ import annotations

import errno
import io  # loaded with the interpreter: the capture path imports no typing
import itertools
import os
import stat
import time

from weeknote.errors import LinkError, NoteError, WriteError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
if os.name == "nt":  # pragma: no cover - Windows
    import msvcrt
else:  # not searched for elsewhere: a failed import looks in every folder on sys.path
    msvcrt = None  # type: ignore[assignment]

_BINARY = getattr(os, "O_BINARY", 0)  # Windows would otherwise translate line ends
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a pipe named like a note must not hang a read
_serial = itertools.count()
LOCK_WAIT_SECONDS = 10.0  # the fallback lock file: how long to wait before giving up

# A test hook, and nothing else: with WEEKNOTE_TEST_PAUSE set to "N<pathsep>READY<pathsep>GO"
# (os.pathsep between), the process stops at its Nth whole-file write, once the text is in
# the temp file and before that is moved into place: it writes N to the file or pipe READY,
# then waits until the pipe GO can be read. Tests use it to interrupt a writer at a known
# point; unset, it costs one test of this constant per write.
_PAUSE = os.environ.get("WEEKNOTE_TEST_PAUSE")
_pauses = itertools.count(1)  # the whole-file writes so far, for the hook
# A file whose mtime and ctime are this much older than now has settled: no edit of it is
# racing the clock's granularity, so its stat can stand for its text.
SETTLED_NS = 2_000_000_000
TEMP_AGE_SECONDS = 60.0  # a temp file this old, that no writer locks, was left by a killed one


# -- links --------------------------------------------------------------------------------


def real_root(root: Path | str) -> str:
    return os.path.realpath(root)


def check_inside(path: Path | str, root: str) -> None:
    """Refuse ``path`` when, through a symbolic link, it leads outside ``root`` (a folder's
    real path, from ``real_root``). A link that stays inside the folder is fine."""
    try:
        real = os.path.realpath(path)
    except OSError as exc:  # a loop of links
        raise LinkError(
            f"{path} cannot be followed ({exc.strerror}): fix or remove the link"
        ) from None
    if real != root and not real.startswith(root.rstrip(os.sep) + os.sep):
        raise LinkError(
            f"{path} is a link to {real}, outside the notes folder: weeknote does not follow "
            "it; put the file itself there instead of the link"
        )


# -- locks ----------------------------------------------------------------------------------
# Written as classes rather than with contextlib: `weeknote bullet` takes a lock many times a
# day, and importing contextlib would cost it more than the lock does.


class _LockFile:
    """The fallback lock: a file beside ``path`` that only one process can create. A lock
    file is never broken by guesswork (that lets two holders in): after a wait the command
    stops and names it, for a person to remove if no weeknote is running."""

    __slots__ = ("path", "lock")

    def __init__(self, path: Path | str) -> None:
        folder, name = os.path.split(path)
        self.path, self.lock = path, os.path.join(folder, f".{name}.lock")

    def __enter__(self) -> None:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fd = os.open(self.lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                break
            except FileExistsError:
                if time.monotonic() > deadline:
                    raise WriteError(
                        f"{self.path} is locked by {self.lock}: if no weeknote is running, "
                        "remove that file"
                    ) from None
                time.sleep(0.005)
        os.close(fd)

    def __exit__(self, *exc: object) -> None:
        try:
            os.unlink(self.lock)
        except FileNotFoundError:
            pass


class _Locked:
    __slots__ = ("fd", "path", "fallback")

    def __init__(self, fd: int, path: Path | str) -> None:
        self.fd, self.path = fd, path
        self.fallback: _LockFile | None = None

    def __enter__(self) -> None:
        if fcntl is not None:
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        elif msvcrt is not None:  # pragma: no cover - Windows
            os.lseek(self.fd, 0, os.SEEK_SET)
            while True:
                try:
                    msvcrt.locking(self.fd, msvcrt.LK_LOCK, 1)  # retries for ten seconds itself
                    break
                except OSError:
                    continue
        else:
            self.fallback = _LockFile(self.path)
            self.fallback.__enter__()

    def __exit__(self, *exc: object) -> None:
        if self.fallback is not None:
            self.fallback.__exit__()
        elif fcntl is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        elif msvcrt is not None:  # pragma: no cover - Windows
            os.lseek(self.fd, 0, os.SEEK_SET)
            msvcrt.locking(self.fd, msvcrt.LK_UNLCK, 1)


def locked(fd: int, path: Path | str) -> _Locked:
    """Hold an exclusive lock on the open file ``fd`` (at ``path``), for a ``with``."""
    return _Locked(fd, path)


class _FolderLock:
    __slots__ = ("path", "exclusive", "wait", "fd", "fallback")

    def __init__(self, path: Path, exclusive: bool, wait: float | None) -> None:
        self.path, self.exclusive, self.wait = path, exclusive, wait
        self.fd = -1
        self.fallback: _LockFile | None = None

    def __enter__(self) -> None:
        if fcntl is None:  # pragma: no cover - Windows
            if self.exclusive:
                self.fallback = _LockFile(self.path)
                self.fallback.__enter__()
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            mode = fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH
            deadline = None if self.wait is None else time.monotonic() + self.wait
            while True:
                try:
                    fcntl.flock(self.fd, mode | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if deadline is not None and time.monotonic() > deadline:
                        raise WriteError(
                            "the notes are being written (a weeknote command, or an editor it "
                            "opened, is still running): try again when it is done"
                        ) from None
                    time.sleep(0.05)
        except BaseException:
            os.close(self.fd)
            raise

    def __exit__(self, *exc: object) -> None:
        if self.fallback is not None:  # pragma: no cover - Windows
            self.fallback.__exit__()
        elif self.fd >= 0:
            os.close(self.fd)


def folder_lock(path: Path, exclusive: bool, wait: float | None = None) -> _FolderLock:
    """The lock between a sync and weeknote's writers: every command that writes in a
    synced folder holds it shared (for as long as its editor is open, too); a sync holds it
    whole while it changes the folder. ``wait`` seconds at most, else a WriteError. Where
    there is no flock (Windows), only a sync takes it."""
    return _FolderLock(path, exclusive, wait)


def _same_file(fd: int, path: Path | str) -> bool:
    """Whether ``path`` still names the file open as ``fd`` (it may have been replaced
    while this process waited for the lock)."""
    try:
        current = os.stat(path)
    except FileNotFoundError:
        return False
    opened = os.fstat(fd)
    return (current.st_ino, current.st_dev) == (opened.st_ino, opened.st_dev)


class _OpenLocked:
    __slots__ = ("path", "fd", "lock")

    def __init__(self, path: Path | str) -> None:
        self.path, self.fd = path, -1
        self.lock: _Locked | None = None

    def __enter__(self) -> int:
        path = self.path
        os.makedirs(_parent(path), exist_ok=True)
        while True:
            fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | _BINARY | _NONBLOCK, 0o666)
            try:
                if not stat.S_ISREG(os.fstat(fd).st_mode):
                    raise NoteError(
                        f"{path} is not a regular file: move it out of the notes folder"
                    )
                lock = _Locked(fd, path)
                lock.__enter__()
                try:
                    same = _same_file(fd, path)
                except BaseException:
                    lock.__exit__()
                    raise
                if not same:  # replaced while this waited: lock the file the name holds now
                    lock.__exit__()
            except BaseException:
                os.close(fd)
                raise
            if same:
                self.fd, self.lock = fd, lock
                return fd
            os.close(fd)

    def __exit__(self, *exc: object) -> None:
        try:
            if self.lock is not None:
                self.lock.__exit__()
        finally:
            os.close(self.fd)


def open_locked(path: Path | str) -> _OpenLocked:
    """``path`` opened for reading and appending (created if missing), under an exclusive
    lock, and still the file that ``path`` names once the lock is held: ``with
    open_locked(path) as fd``."""
    return _OpenLocked(path)


# -- writes ---------------------------------------------------------------------------------


def _parent(path: Path | str) -> str:
    """The folder a file is in, as Path.parent names it ('.' for a bare name)."""
    return os.path.dirname(path) or "."


def _failed(path: Path | str, exc: OSError, what: str) -> WriteError:
    reason = exc.strerror or str(exc)
    return WriteError(f"could not {what} {path}: {reason}; it is as it was")


def append_to(fd: int, path: Path | str, data: bytes) -> None:
    """Append ``data`` (whole lines) to the locked ``fd`` on a fresh line, all or nothing."""
    size = os.fstat(fd).st_size
    if size:
        os.lseek(fd, size - 1, os.SEEK_SET)
        if os.read(fd, 1) != b"\n":
            data = b"\n" + data
    written = 0
    try:
        while written < len(data):
            count = os.write(fd, data[written:])
            if count <= 0:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            written += count
    except BaseException as exc:
        # A short write (a full disk, a file-size limit) or an interruption: leave no
        # fragment that the next append would turn into a bullet.
        try:
            os.ftruncate(fd, size)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise _failed(path, exc, "add to") from None
        raise


def ensure_folder(root: str) -> bool:
    """Make the notes folder ``root`` if it is not there; whether it was made. A file in
    its place is refused."""
    if os.path.isdir(root):
        return False
    if os.path.exists(root):
        raise NoteError(f"notes folder {root} is a file: set --dir or WEEKNOTE_DIR")
    os.makedirs(root, exist_ok=True)
    return True


def append_file(path: Path | str, text: str) -> None:
    """Append ``text`` (whole lines) in one write, under an exclusive lock, starting on a
    fresh line even if the file was left without a final newline."""
    data = text.encode("utf-8")
    folder = _parent(path)
    folder_existed = os.path.isdir(folder)
    existed = os.path.exists(path)
    try:
        with open_locked(path) as fd:
            try:
                append_to(fd, path, data)
            except WriteError:
                if not existed and os.fstat(fd).st_size == 0:
                    _remove_new(path, None if folder_existed else folder)
                raise
    except OSError as exc:
        raise _failed(path, exc, "add to") from None


def _remove_new(path: Path | str, folder: str | None) -> None:
    """Undo the creation of an empty file (and of its folder, if that was new too)."""
    try:
        os.unlink(path)
    except OSError:
        pass
    if folder is not None:
        try:
            os.rmdir(folder)
        except OSError:
            pass


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # pragma: no cover - a folder cannot be opened on Windows
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; give a new one the umask's default."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _temp_beside(path: Path) -> tuple[int, Path]:
    """A new hidden temp file in the same folder (so os.replace is atomic); hidden names
    are never taken for notes, so one left by a killed process trips nothing. It is locked
    while it is open, so that ``remove_left_temps`` can tell its writer is still at work."""
    mode = _mode_for(path)
    while True:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{next(_serial)}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, mode)
        except FileExistsError:
            continue
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:  # a file system without locks: the temp file's age alone tells
                pass
        return fd, tmp


def _temp_target(name: str) -> str | None:
    """The name of the file a temp file named by ``_temp_beside`` was for, if it is one:
    ``.2026-W47.md.4242.0.tmp`` is for ``2026-W47.md``."""
    if not (name.startswith(".") and name.endswith(".tmp")):
        return None
    parts = name[1:-4].rsplit(".", 2)
    if len(parts) != 3 or not all(p.isascii() and p.isdigit() for p in parts[1:]):
        return None
    return parts[0] or None


def remove_left_temps(
    folder: Path | str, wanted: Callable[[str], bool], age: float = TEMP_AGE_SECONDS
) -> int:
    """Remove the temp files in ``folder`` that writers stopped part-way (killed, or the
    machine went down) left behind: those for a file ``wanted`` names, older than ``age``
    seconds and locked by no process (a writer locks its temp file for as long as it has it
    open). How many were removed; one that cannot be removed is left be."""
    try:
        entries = os.scandir(folder)
    except OSError:
        return 0
    cutoff = time.time() - age
    removed = 0
    with entries:
        for entry in entries:
            target = _temp_target(entry.name)
            if target is None or not wanted(target):
                continue
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                if entry.stat(follow_symlinks=False).st_mtime > cutoff:
                    continue  # perhaps just made, by a writer that is not done with it
                removed += _remove_unlocked(entry.path)
            except OSError:
                continue
    return removed


def _remove_unlocked(path: str) -> int:
    fd = os.open(path, os.O_RDONLY | _BINARY | _NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return 0  # its writer is still at work
        os.unlink(path)  # where a file open elsewhere cannot be removed (Windows), this fails
    finally:
        os.close(fd)
    return 1


def _pause_for_test() -> None:
    """The test hook described at WEEKNOTE_TEST_PAUSE."""
    assert _PAUSE is not None
    count, ready, go = _PAUSE.split(os.pathsep, 2)
    if next(_pauses) != int(count):
        return
    with open(ready, "w", encoding="utf-8") as said:
        said.write(f"{count}\n")
    with open(go, encoding="utf-8") as waited:
        waited.read()


def write_atomic(path: Path, text: str | bytes, *, overwrite: bool, sync: bool = True) -> bool:
    """Write ``text`` to ``path`` all at once. Without ``overwrite`` an existing file is
    left alone and False is returned; readers never see a partial file either way.
    ``sync=False`` skips the fsyncs, for a caller that writes many files and then makes
    them durable with one ``os.sync()``. A failure names ``path``, never the temp file."""
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        done = _write_atomic(path, data, overwrite, sync)
    except OSError as exc:
        raise _failed(path, exc, "write") from None
    return done


def _write_atomic(path: Path, data: bytes, overwrite: bool, sync: bool) -> bool:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if _PAUSE:
                _pause_for_test()
            if sync:
                os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                return False
            except OSError:
                # No hard links here (some network and FAT filesystems): exclusive create.
                try:
                    with open(path, "xb") as handle:
                        try:
                            handle.write(data)
                            handle.flush()
                        except OSError:
                            os.unlink(path)  # made by this call: leave nothing half written
                            raise
                except FileExistsError:
                    return False
        if sync:
            _fsync_dir(path.parent)
        return True
    finally:
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass


SPOOL_LIMIT = 1 << 18  # bytes a Spool holds in memory before it goes on in a temp file


class Spool:
    """A whole file made in pieces and put in place at once, as ``write_atomic`` puts one:
    the bytes stay in memory up to ``limit``, then go on into a hidden temp file beside
    ``path`` (so a file of any size is never held whole). ``commit()`` replaces ``path``
    with them; leaving the ``with`` block without it leaves ``path`` as it was."""

    def __init__(self, path: Path, limit: int | None = None) -> None:
        self.path = path
        self.limit = SPOOL_LIMIT if limit is None else limit
        self._held: list[bytes | memoryview] = []
        self._size = 0
        self._handle: io.BufferedWriter | None = None
        self._tmp: Path | None = None

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()

    def write(self, data: bytes | memoryview) -> None:
        try:
            if self._handle is None:
                self._held.append(data)
                self._size += len(data)
                if self._size <= self.limit:
                    return
                self.path.parent.mkdir(parents=True, exist_ok=True)
                fd, self._tmp = _temp_beside(self.path)
                self._handle = os.fdopen(fd, "wb")
                for held in self._held:
                    self._handle.write(held)
                self._held = []
                return
            self._handle.write(data)
        except OSError as exc:
            raise _failed(self.path, exc, "write") from None

    def commit(self, *, sync: bool = True) -> None:
        try:
            if self._handle is None:
                _write_atomic(self.path, b"".join(self._held), True, sync)
                self._held = []
            else:
                assert self._tmp is not None
                self._handle.flush()
                if _PAUSE:
                    _pause_for_test()
                if sync:
                    os.fsync(self._handle.fileno())
                self._handle.close()
                self._handle = None
                os.replace(self._tmp, self.path)
                self._tmp = None
                if sync:
                    _fsync_dir(self.path.parent)
        except OSError as exc:
            raise _failed(self.path, exc, "write") from None

    def discard(self) -> None:
        self._held = []
        if self._handle is not None:
            try:
                self._handle.close()
            except OSError:
                pass
            self._handle = None
        if self._tmp is not None:
            try:
                self._tmp.unlink()
            except OSError:
                pass
            self._tmp = None


# -- reads ----------------------------------------------------------------------------------


def decode(data: bytes, path: Path | str) -> str:
    """A file's bytes as text: UTF-8, with a leading byte-order mark dropped."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NoteError(
            f"{path} is not UTF-8 text (byte {exc.start}): re-save it as UTF-8"
        ) from None
    return text.removeprefix("\ufeff")


def read_text(path: Path | str, what: str = "file") -> str:
    """A file's UTF-8 text, with errors a person can act on (FileNotFoundError passes)."""
    try:
        fd = os.open(path, os.O_RDONLY | _BINARY | _NONBLOCK)
    except IsADirectoryError:
        raise NoteError(
            f"{path} is a folder, not a {what}: move it out of the notes folder"
        ) from None
    except PermissionError:
        raise NoteError(f"{path} cannot be read (permission denied): check its owner") from None
    except FileNotFoundError:
        raise
    except OSError as exc:  # a loop of links, a name too long
        raise NoteError(f"{path} cannot be read ({exc.strerror}): check the file") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise NoteError(f"{path} is a folder, not a {what}: move it out of the notes folder")
        if not stat.S_ISREG(mode):
            raise NoteError(f"{path} is not a regular file: move it out of the notes folder")
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    finally:
        os.close(fd)
    return decode(b"".join(chunks), path)


def read_small(path: str, limit: int | None = None) -> bytes:
    """A small file's bytes (OSError past ``limit``, if given). os.read in 64 KiB blocks:
    an export reads thousands of notes and pages, and a buffered open(), or a larger block
    (allocated whole on each call), costs more than the read."""
    fd = os.open(path, os.O_RDONLY | _BINARY)
    try:
        data = os.read(fd, 1 << 16)
        while (limit is None or len(data) <= limit) and (more := os.read(fd, 1 << 16)):
            data += more
    finally:
        os.close(fd)
    if limit is not None and len(data) > limit:
        raise OSError(errno.EFBIG, os.strerror(errno.EFBIG))
    return data
