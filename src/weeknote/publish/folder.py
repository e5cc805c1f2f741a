"""Writing an export to disk: one file, or a folder of files with a manifest.

The rules, so an export never destroys what a person wrote:

- An existing file is replaced only if it is byte-identical to the new text (then it is
  left untouched), or the folder's manifest says this export wrote it and its content is
  still what was written; anything else needs ``force``.
- A folder export keeps ``.weeknote-export`` in the folder: a header line, then one
  ``<sha256>  <path>`` line per file it wrote. A non-empty folder without one is not an
  earlier export and needs ``force``; even then, files the export does not produce are
  never touched.
- The manifest is kept as the export goes, so that an export stopped part-way (Ctrl-C, a
  kill, the machine going down) is finished by running it again: before the first write
  it is rewritten to vouch for everything the earlier one did and everything found up to
  date, then each file's line is appended just before the file is put in place (a name
  may have two lines then: either text is one this export wrote). Once every file is
  written, it is rewritten to hold exactly this export's files.
- Temp files that a stopped export left in the folders it writes are removed once their
  writer is gone (``files.remove_left_temps``).
- An output that is no regular file or folder (``/dev/null``, ``/dev/stdout``, a named
  pipe) is written to as a stream: never read, compared or replaced.
- A file an earlier export wrote that this one no longer produces (a note deleted, a
  narrower --from/--to) is removed if it is unchanged, and kept if someone edited it.
- Names in the manifest are trusted for nothing: one that is absolute, holds ``..`` or
  leads out through a link is ignored (with a warning), so a removal never leaves the
  folder; likewise nothing is written through a link that leads out of it.
- Every check happens before the first write, so a refused export writes nothing; every
  write is atomic (``files.write_atomic``, or ``files.Spool`` for a file too large to hold
  at once), and the pages are flushed to disk before the manifest is written.

A re-export makes only the files whose sources changed. Each file of a folder export has
a source, a digest of everything its text is made from (``export.model.Files``); after an
export, the source and the sha256 of each file written or found up to date are kept in a
record outside the folder, in this machine's cache (``paths.export_record_path``), under a
digest of the code that made them. A file is left unmade only when that record, for the
same code, names its current source, and the file on disk hashes to the digest the record
pairs with it: then the file is exactly the text the export would make. As git's index
does, the record also keeps each file's stat (inode, size, mtime, ctime) once the file is
two seconds old: a file whose stat is still the one recorded is not read again to be
hashed. A file changed since has another ctime, which no one can set back. Nothing in the
folder, the manifest included, can make a file be skipped; a record that is stale,
damaged or of other code only means files are made again and compared, as without one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import weeknote.folder.files as folder_files
from weeknote.errors import ConflictError, UsageError, WeeknoteError, WriteError
from weeknote.folder.files import (
    SPOOL_LIMIT,
    Spool,
    append_to,
    open_locked,
    read_small,
    remove_left_temps,
)

if TYPE_CHECKING:
    from weeknote.publish.formats.model import Files

MANIFEST = ".weeknote-export"
_HEADER = "weeknote-export 1"
_RECORD = "weeknote-export-record 2"  # then the format and the code digest

Progress = Callable[[Sequence[str], str], Iterable[str]]


@dataclass(frozen=True)
class Written:
    path: Path
    written: int
    unchanged: int
    removed: int = 0
    kept: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()  # manifest names outside the folder: never followed
    stream: bool = False  # written to a device or a pipe, which has no name to print


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_digest(path: Path | str, name: str | None = None) -> str | None:
    """The sha256 of the file at ``path``, read in blocks (None if there is none). A folder
    there, or anything else that cannot be read, is in the way of the export's ``name``."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return None
    except IsADirectoryError:  # Windows cannot open a folder
        raise _in_the_way(path, name) from None
    except OSError as exc:  # a name too long, a loop of links: nothing an export wrote
        raise ConflictError(
            f"{path} is in the way of the export ({exc.strerror}): move it"
        ) from None
    try:
        hashed = hashlib.sha256()
        while block := os.read(fd, 1 << 16):
            hashed.update(block)
    except IsADirectoryError:
        raise _in_the_way(path, name) from None
    except OSError as exc:
        raise ConflictError(
            f"{path} is in the way of the export ({exc.strerror}): move it"
        ) from None
    finally:
        os.close(fd)
    return hashed.hexdigest()


def _in_the_way(path: Path | str, name: str | None) -> ConflictError:
    if name is None:
        return ConflictError(f"{path} is in the way of the export (a folder): move it")
    return ConflictError(f"{path} is in the way of the export's {name}: move it")


def _recorded_file(path: Path) -> str | None:
    """The digest of a file a manifest names, if it is still a file there (anything else
    is left be)."""
    try:
        return _file_digest(path)
    except ConflictError:
        return None


def _made(pieces: Iterable[str], spool: Spool | None = None) -> str:
    """The sha256 of a text made in pieces, each piece passed on to ``spool``."""
    hashed = hashlib.sha256()
    for piece in pieces:
        data = piece.encode("utf-8", "surrogateescape")  # a file name that is not UTF-8
        hashed.update(data)
        if spool is not None:
            spool.write(data)
    return hashed.hexdigest()


def check_file_target(path: Path) -> None:
    if path.is_dir():
        raise UsageError(f"--output {path} is a folder; this format writes one file: name a file")


def check_folder_target(root: Path, format_name: str) -> None:
    if root.exists() and not root.is_dir():
        what = "a file" if root.is_file() else "no folder (a device or a pipe)"
        raise UsageError(
            f"--output {root} is {what}; --format {format_name} writes a folder: name a folder"
        )


def write_file(path: Path, document: Iterable[str], force: bool) -> Written:
    """One document, given in pieces, to ``path``: a new file, the same text again, or
    (with force) a replacement. A document larger than ``Spool``'s limit is spooled to a
    hidden temp file beside ``path`` as it is made, and that is removed if it is refused.
    A device or a pipe is written to as it is (``is_stream``)."""
    check_file_target(path)
    if is_stream(path):
        return _write_stream(path, document)
    current = _file_digest(path)
    with Spool(path) as spool:
        if _made(document, spool) == current:
            _remove_left_temps(path)
            return Written(path, 0, 1)
        if current is not None and not force:
            raise ConflictError(f"{path} already exists: add --force to replace it")
        spool.commit()  # not for git.autocommit: nothing an export writes is a note
    _remove_left_temps(path)
    return Written(path, 1, 0)


def _remove_left_temps(path: Path) -> None:
    """The temp files an earlier export to ``path`` left when it was stopped."""
    remove_left_temps(path.parent, path.name.__eq__)


def is_stream(path: Path) -> bool:
    """Whether ``path`` is to be written to and never read: a device, a named pipe or a
    socket, or a file named through /dev or /proc (/dev/stdout when stdout is a file)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    if not stat.S_ISREG(mode):
        return not stat.S_ISDIR(mode)
    folder = os.path.realpath(os.path.dirname(os.path.abspath(path)))
    return folder == "/dev" or folder.startswith("/proc/")


def _write_stream(path: Path, document: Iterable[str]) -> Written:
    """The document written to a device or pipe as it is made; appended to a file named
    through /dev/stdout, as the shell's ``>>`` or ``>`` left it."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0))
        with open(fd, "wb", buffering=1 << 16) as out:
            for piece in document:
                out.write(piece.encode("utf-8", "surrogateescape"))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise WriteError(f"could not write the export to {path}: {reason}") from None
    return Written(path, 1, 0, stream=True)


def read_manifest(root: Path) -> tuple[str, dict[str, set[str]]] | None:
    """(format, {path: its sha256s}) of the export in ``root``, or None if there is none.
    A path has two digests while an export that was stopped part-way is not yet finished;
    a last line cut short by the stop is left out."""
    try:
        lines = (root / MANIFEST).read_text(encoding="utf-8").split("\n")
    except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError):
        return None
    if not lines[0].startswith(_HEADER + " "):
        return None
    recorded: dict[str, set[str]] = {}
    for line in lines[1:-1]:  # the last is empty, or an unfinished line
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64:
            return None
        recorded.setdefault(name, set()).add(digest)
    return lines[0][len(_HEADER) + 1 :], recorded


def manifest_lines(format_name: str, digests: Mapping[str, str]) -> Iterator[str]:
    """The manifest of files with these sha256 digests, a line at a time."""
    yield f"{_HEADER} {format_name}\n"
    for name in sorted(digests):
        yield f"{digests[name]}  {name}\n"


def _begun_lines(
    format_name: str, recorded: Mapping[str, set[str]], done: Mapping[str, str]
) -> Iterator[str]:
    """The manifest an export starts from: every digest the earlier one vouched for, and
    the files this one found up to date."""
    yield f"{_HEADER} {format_name}\n"
    for name in sorted(recorded.keys() | done.keys()):
        digests = set(recorded.get(name, ()))
        if name in done:
            digests.add(done[name])
        for digest in sorted(digests):
            yield f"{digest}  {name}\n"


class _Vouching:
    """The manifest open for appending, under its lock, while the files are written: each
    file's line is added, in one write, just before the file is put in place."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._opened = open_locked(path)
        self._fd = self._opened.__enter__()

    def add(self, digest: str, name: str) -> None:
        append_to(self._fd, self.path, f"{digest}  {name}\n".encode("utf-8", "surrogateescape"))

    def close(self) -> None:
        self._opened.__exit__()


def code_digest() -> str:
    """A digest of everything besides its sources that an export's text is made by:
    weeknote's own modules, the releases of the Markdown parser and of tomli-w (Hugo's
    front matter), Python's (``html.escape``, ``xml.etree``) and the time locale
    (``strftime``'s month names)."""
    import importlib.util
    import locale
    import sys

    hashed = hashlib.sha256()

    def add(data: bytes) -> None:
        hashed.update(b"%d:" % len(data))
        hashed.update(data)

    add(sys.version.encode())
    add(locale.setlocale(locale.LC_TIME).encode())
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # all of weeknote
    sources = []
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        relative = os.path.relpath(folder, package).replace(os.sep, "/")
        sources += [(f"{relative}/{name}", os.path.join(folder, name)) for name in names]
    sources = sorted(source for source in sources if source[0].endswith(".py"))
    if not sources:  # installed without its source: no digest of it, so nothing is skipped
        return os.urandom(32).hex()
    for relative, path in sources:
        add(relative.removeprefix("./").encode())
        with open(path, "rb") as source:
            add(source.read())
    # each __init__ holds its __version__
    for name in ("markdown_it", "mdurl", "linkify_it", "tomli_w"):
        spec = importlib.util.find_spec(name)
        add(Path(spec.origin).read_bytes() if spec and spec.origin else b"-")
    return hashed.hexdigest()


def _seal(source: str, digest: str) -> str:
    """What the record keeps for a file: its source and the sha256 of its text, in one."""
    return hashlib.sha256(f"{source} {digest}".encode()).hexdigest()


class _Record:
    """The record of an earlier export made by the same code in the same format, read a
    line at a time as the export goes through its files: both are in name order, so it is
    never held whole. A record that is missing, damaged or out of order vouches for
    fewer files (none, at worst), and those are made again."""

    def __init__(self, path: Path | None, format_name: str, code: str) -> None:
        self._lines: Iterator[str] = iter(())
        self._next: tuple[str, tuple[str, str, str]] | None = None
        self.whole = False  # it vouched for every file, and named no other
        self.restamp = False  # a file it vouched for was read again: its stat is now older
        lines = _lines_after(path, f"{_RECORD} {format_name} {code}\n") if path else None
        if lines is not None:
            self._lines, self.whole = lines, True
            self._advance()

    def _advance(self) -> None:
        line = next(self._lines, "")
        kept, sep, name = line.rstrip("\n").partition("  ")
        seal, _, rest = kept.partition(" ")
        digest, _, stamp = rest.partition(" ")
        fits = sep and len(seal) == len(digest) == 64 and stamp and line.endswith("\n")
        self._next = (name, (seal, digest, stamp)) if fits else None

    def seal(self, name: str) -> tuple[str, str, str] | None:
        """What the record keeps for ``name``, if anything (its seal, the digest of its
        text and its stat, or "-"); asked in name order."""
        while self._next is not None and self._next[0] < name:
            self.whole = False  # a file this export no longer makes
            self._advance()
        if self._next is None or self._next[0] != name:
            self.whole = False
            return None
        found = self._next[1]
        self._advance()
        return found

    def close(self) -> None:
        if self._next is not None:
            self.whole = False
        self._next = None
        self._lines = iter(())


def _lines_after(path: Path, header: str) -> Iterator[str] | None:
    """The lines of the file at ``path`` after its first, read as they are asked for, if
    that first line is ``header``; None if it is not, or the file cannot be read."""
    try:
        handle = path.open(encoding="utf-8", newline="\n")
    except OSError:
        return None
    try:
        if handle.readline() == header:
            return _rest(handle)
    except (OSError, UnicodeDecodeError):
        pass
    handle.close()
    return None


def _rest(handle: TextIO) -> Iterator[str]:
    with handle:
        try:
            yield from handle
        except (OSError, UnicodeDecodeError):  # a damaged line ends the record there
            return


def _record_lines(
    format_name: str, code: str, files: Files, done: Mapping[str, str], folder: str
) -> Iterator[str]:
    yield f"{_RECORD} {format_name} {code}\n"
    settled = time.time_ns() - folder_files.SETTLED_NS
    for name in files:
        digest = done[name]
        stamp = "-"
        with contextlib.suppress(OSError):
            found = os.stat(os.path.join(folder, name))
            if found.st_ctime_ns < settled and found.st_mtime_ns < settled:
                stamp = _stamp(found)
        yield f"{_seal(files.source(name), digest)} {digest} {stamp}  {name}\n"


def _stamp(found: os.stat_result) -> str:
    return f"{found.st_ino}.{found.st_size}.{found.st_mtime_ns}.{found.st_ctime_ns}"


def _kept_digest(path: str, vouched: tuple[str, str, str] | None) -> str | None:
    """The digest the record keeps for the file at ``path``, if the file is still the
    regular file it stamped (None: read it)."""
    if vouched is None or vouched[2] == "-":
        return None
    try:
        found = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(found.st_mode) or _stamp(found) != vouched[2]:
        return None
    return vouched[1]


def _write_lines(path: Path, lines: Iterable[str], *, sync: bool) -> None:
    with Spool(path) as spool:
        _made(lines, spool)
        spool.commit(sync=sync)


def _parts(name: str) -> list[str]:
    """A relative name's components as ``PurePosixPath(name).parts`` gives them (no empty
    or ``.`` ones), without building a path: an export checks thousands of names."""
    return [part for part in name.split("/") if part and part != "."]


def _check_name(name: str) -> None:
    parts = _parts(name)
    if not parts or name.startswith("/") or ".." in parts or name == MANIFEST:
        raise ValueError(f"an exporter produced an unsafe path: {name!r}")


class _Fence:
    """Whether names stay inside the output folder: relative, no ``..``, and no folder on
    the way that leads out through a link. Writes replace and removals unlink the last
    component itself (a link there is never followed), so only the folders are resolved,
    each once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.real = os.path.realpath(root)
        self.folders: dict[str, bool] = {}

    def allows(self, name: str) -> bool:
        if not name or "\\" in name or "\x00" in name or name.startswith("/"):
            return False
        parts = _parts(name)
        if not parts or ".." in parts or ":" in parts[0] or name == MANIFEST:
            return False
        folder = "/".join(parts[:-1]) or "."
        if folder not in self.folders:
            real = os.path.realpath(os.path.join(self.root, folder))
            self.folders[folder] = real == self.real or real.startswith(
                self.real.rstrip(os.sep) + os.sep
            )
        return self.folders[folder]


def _describe(names: list[str]) -> str:
    shown = ", ".join(names[:3])
    return shown + (f" and {len(names) - 3} more files" if len(names) > 3 else "")


def write_folder(
    root: Path,
    files: Files,
    format_name: str,
    force: bool,
    progress: Progress | None = None,
    record: Path | None = None,
) -> Written:
    """Write ``files`` (relative path -> text, made on demand) under ``root`` by the rules
    above; ``record`` is where what each file was made from is kept between exports."""
    check_folder_target(root, format_name)
    earlier = read_manifest(root)
    recorded = earlier[1] if earlier else {}
    if earlier is None and not force and root.is_dir() and any(root.iterdir()):
        raise ConflictError(
            f"{root} is not empty and holds no earlier weeknote export: choose a new or "
            "empty folder, or add --force (files the export does not write are left alone)"
        )
    if earlier and earlier[0] != format_name and not force:
        raise ConflictError(
            f"{root} holds a {earlier[0]} export; a {format_name} export would replace it: "
            "choose another folder, or add --force"
        )
    code = code_digest() if record is not None else ""
    known = _Record(record, format_name, code)
    fence = _Fence(root)
    folder = os.fspath(root)
    folders: dict[str, set[str]] = {folder: {MANIFEST}}  # folder -> the names written there
    on_disk: dict[str, str] = {}  # the files there now that may be replaced
    to_make: list[str] = []
    done: dict[str, str] = {}  # file -> sha256 of its text, once it is known to be on disk
    refused: list[str] = []
    unchanged = 0
    folder_is_file: dict[str, bool] = {}

    def made(name: str) -> str | None:
        """A file of this export as it is on disk, if that is known to be what this export
        makes: its digest is the one found or made for it above, read again now."""
        expected = done.get(name)
        if expected is None:
            return None
        try:
            data = read_small(os.path.join(folder, name), SPOOL_LIMIT)
        except OSError:
            return None
        if _digest(data) != expected:
            return None
        return data.decode("utf-8")

    for name in files:
        _check_name(name)
        # Plain strings, not Paths: these checks run for every file of a large export.
        target = os.path.join(folder, name)
        if not fence.allows(name):
            raise ConflictError(
                f"{target} leads outside {root} through a link: remove the link, "
                "or choose another folder"
            )
        parent, base = os.path.split(target)
        if "/" in name:
            if parent not in folder_is_file:
                folder_is_file[parent] = os.path.isfile(parent)
            if folder_is_file[parent]:
                raise ConflictError(f"{parent} is in the way of the export's {name}: move it")
            folders.setdefault(parent, set()).add(base)
        else:
            folders[folder].add(base)
        vouched = known.seal(name)
        current = _kept_digest(target, vouched)
        if current is None:
            current = _file_digest(target, name)
            if vouched is not None and current == vouched[1]:
                known.restamp = True
        seal = vouched[0] if vouched is not None else None
        if current is None:
            known.whole = False
            to_make.append(name)
            continue
        if seal is not None and seal == _seal(files.source(name), current):
            done[name] = current  # the text this export would make: nothing to make
            unchanged += 1
            continue
        known.whole = False
        if current in recorded.get(name, ()) or force:
            on_disk[name] = current
            to_make.append(name)
            continue
        # Not written by an earlier export, or edited since: refused, unless it is already
        # what this export would write.
        if _made(files.pieces(name, made)) == current:
            done[name] = current
            unchanged += 1
        else:
            refused.append(name)
    known.close()
    if refused:
        raise ConflictError(
            f"{_describe(refused)} in {root}: not written by an earlier export, or edited "
            "since. Add --force to replace them"
        )
    stale: list[str] = []
    kept: list[str] = []
    ignored: list[str] = []
    for name, digests in sorted(recorded.items()):
        if name in files:
            continue
        if not fence.allows(name):
            ignored.append(name)
            continue
        current = _recorded_file(root / name)
        if current is not None:
            (stale if current in digests else kept).append(name)
    # What an export stopped part-way left: it left pages to make too, so an export with
    # nothing to make (the common re-export) looks only where its record is written.
    for where, names in folders.items() if to_make or stale else [(folder, folders[folder])]:
        remove_left_temps(where, names.__contains__)
    manifest = root / MANIFEST
    vouching = None
    if to_make or stale:
        root.mkdir(parents=True, exist_ok=True)
        _write_lines(manifest, _begun_lines(format_name, recorded, done), sync=False)
        vouching = _Vouching(manifest)
    written = 0
    try:
        # No progress bar, nor Rich imported for one, when there is nothing to make.
        steps = progress(to_make, f"Writing {format_name}") if progress and to_make else to_make
        for name in steps:
            with Spool(root / name) as spool:
                done[name] = _made(files.pieces(name, made), spool)
                if done[name] == on_disk.get(name):
                    unchanged += 1
                    continue
                assert vouching is not None
                vouching.add(done[name], name)
                # Not tracked for git.autocommit: nothing an export writes is a note.
                spool.commit(sync=False)
                written += 1
    finally:
        if vouching is not None:
            vouching.close()
    for name in stale:
        (root / name).unlink(missing_ok=True)
    if written or stale or _recorded_file(manifest) != _made(manifest_lines(format_name, done)):
        # One flush for all the pages (an fsync each costs more than rendering them),
        # before the manifest that vouches for them is written.
        if (written or stale) and hasattr(os, "sync"):  # POSIX; Windows flushes on close
            os.sync()
        root.mkdir(parents=True, exist_ok=True)
        _write_lines(manifest, manifest_lines(format_name, done), sync=True)
    if record is not None and (not known.whole or known.restamp):
        # Derived data, as the index cache is: failing to keep it only costs time next run.
        with contextlib.suppress(OSError, WeeknoteError):
            lines = _record_lines(format_name, code, files, done, folder)
            _write_lines(record, lines, sync=False)
    return Written(root, written, unchanged, len(stale), tuple(kept), tuple(ignored))
