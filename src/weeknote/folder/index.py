"""The note index: what listing, streaks and exports need of each note, without its body.

It is derived data, cached per notes folder in the platform's cache folder and keyed on
each file's size and modification time, so reports read one small file and stat each note
instead of reading them. The cache is only an optimisation: it carries a checksum, and a
file that fails it (damaged, cut short, from another version) is ignored whole and rebuilt;
a record that does not fit its note's stamp is read again. It is written only once a
command has succeeded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import re
import zlib
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path
from stat import S_ISDIR, S_ISLNK, S_ISREG
from typing import TYPE_CHECKING, Any

from weeknote.errors import NoteError, WeeknoteError
from weeknote.folder.collector import CollectorPaused

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from weeknote.folder.note import Note

VERSION = 3  # 3: records as lists, under a checksummed header line

NOTE_NAME = re.compile(r"(\d{4}-W\d{2})(?:[ ._-][^/]*)?\.md")
_CONFLICT = re.compile(r"\.conflict(?:-\d+)?\.md$")  # left by a sync: see sync.py

Stamp = tuple[int, int]  # a note file's modification time (ns) and size


@dataclass(slots=True, unsafe_hash=True)
class NoteEntry:
    """What listing and streaks need of a note, without its body (never changed once made:
    not frozen only because frozen instances cost three times as much to make)."""

    name: str
    week: str
    weeks: tuple[str, ...]
    title: str
    date: dt.date
    words: int
    tags: tuple[str, ...]

    @property
    def start(self) -> dt.date:
        return monday_of(self.weeks[0]) if self.weeks else self.date

    @property
    def end(self) -> dt.date:
        if not self.weeks:
            return self.date
        return dt.date.fromordinal(monday_ordinal(self.weeks[-1]) + 6)


@functools.cache
def _week_one(year: str) -> int:
    """The day number of the Monday of ``year``'s ISO week 1 ("2026")."""
    return dt.date.fromisocalendar(int(year), 1, 1).toordinal()


def monday_ordinal(week_id: str) -> int:
    """The day number (date.toordinal) of the Monday of an id the index holds."""
    return _week_one(week_id[:4]) + 7 * (int(week_id[6:]) - 1)


def monday_of(week_id: str) -> dt.date:
    """The Monday of an id the index holds (already checked when the note was read), by
    day number from its year's first Monday: listing thousands of notes asks this of each."""
    return dt.date.fromordinal(monday_ordinal(week_id))


def entry_dict(entry: NoteEntry) -> dict[str, object]:
    return asdict(entry)


def entry_from(name: str, note: Note) -> NoteEntry:
    """The entry of a note just read."""
    weeks, tags = tuple(note.weeks), tuple(note.all_tags())
    return NoteEntry(name, note.week, weeks, note.title, note.date, note.words, tags)


def record_of(entry: NoteEntry, stamp: Stamp) -> list[Any]:
    """An entry's cache record: its note's stamp, then what the entry holds (scan reads
    it back)."""
    weeks, tags, day = list(entry.weeks), list(entry.tags), entry.date.isoformat()
    return [*stamp, entry.week, weeks, entry.title, day, entry.words, tags]


def _header(body: bytes | memoryview) -> bytes:
    return b"weeknote index %d %08x\n" % (VERSION, zlib.crc32(body))


def read_cache(path: Path) -> dict[str, Any]:
    """The cached records by file name ({} when the cache is missing, unreadable or fails
    its checksum)."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    end = data.find(b"\n") + 1
    body = memoryview(data)[end:]  # not copied: at thousands of notes, every page counts
    if not end or data[:end] != _header(body):
        return {}
    import json

    try:
        notes = json.loads(str(body, "utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError too
        return {}
    return notes if isinstance(notes, dict) else {}


def cache_bytes(records: dict[str, Any]) -> bytes:
    import json

    try:
        body = json.dumps(records, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not UTF-8: escaped, it reads back as it was
        body = json.dumps(records, separators=(",", ":")).encode("ascii")
    return _header(body) + body


class Scan:
    """What a scan of a notes folder found: every readable note's entry, oldest first, the
    stamp of each note file, and why each note that could not be read was left out."""

    __slots__ = ("entries", "stamps", "inodes", "unreadable")

    def __init__(self) -> None:
        self.entries: list[NoteEntry] = []
        self.stamps: dict[str, Stamp] = {}
        # each file's inode number and when the inode last changed (st_ctime_ns: its
        # permissions too), for caches that must notice a file replaced or made unreadable
        self.inodes: dict[str, tuple[int, int]] = {}
        self.unreadable: dict[str, str] = {}


# Caches to save once the command has succeeded (a failed command writes nothing), each
# with the function that gives its bytes, or for a large one its pieces, written one by one.
# The command keeps them (Store.caches) and saves them at its end.
if TYPE_CHECKING:
    Caches = dict[Path, Callable[[], bytes | Iterable[bytes | memoryview]]]


def scan(
    root: Path,
    cache_path: Path,
    guard: Callable[[Path], Path],
    load: Callable[[Path], Note],
    caches: Caches,
) -> Scan:
    """The notes of ``root``, from the cache where a note's stamp is unchanged and read with
    ``load`` where it is not; links are checked with ``guard``. The refreshed cache is left
    in ``caches``, to be written once the command has succeeded.

    Reports pay for this on every run, once per note, so it is written for that: the names
    come from os.listdir with one lstat each; the records are taken from the end of the
    cache, which is written in the order notes are listed in, so the sort finds them in
    (reverse) order; and no record outlives its entry, since a cache that needs writing is
    made again from the entries. Fresh memory costs as much as the work, page by page."""
    with CollectorPaused():
        return _scan(root, cache_path, guard, load, caches)


def _scan(
    root: Path,
    cache_path: Path,
    guard: Callable[[Path], Path],
    load: Callable[[Path], Note],
    caches: Caches,
) -> Scan:
    cached = read_cache(cache_path)
    listed = len(cached)
    found = Scan()
    stamps, entries, unreadable = found.stamps, found.entries, found.unreadable
    _stat_notes(root, guard, found)
    day_of, take = dt.date.fromisoformat, cached.popitem
    while cached:  # each record let go once its entry is made: the memory is used again
        name, record = take()
        stamp = stamps.get(name)
        if stamp is None or type(record) is not list or len(record) != 8:
            continue  # gone (or damaged: read again below)
        mtime, size, week, weeks, title, day, words, tags = record
        if mtime != stamp[0] or size != stamp[1]:
            continue
        try:
            weeks, tags, date = tuple(weeks), tuple(tags), day_of(day)
        except (TypeError, ValueError):
            continue
        entries.append(NoteEntry(name, week, weeks, title, date, words, tags))
    changed = False
    if len(entries) < len(stamps):  # new, changed or damaged: read those notes
        taken = {entry.name for entry in entries}
        for name in list(stamps):
            if name in taken:
                continue
            try:
                note = load(root / name)
            except NoteError as exc:
                unreadable[name] = exc.message
                continue
            except FileNotFoundError:  # gone since the folder was listed (a sync, say)
                del stamps[name], found.inodes[name]
                continue
            entries.append(entry_from(name, note))
            changed = True
    entries.sort(key=lambda e: (e.weeks[0], e.week, e.name))
    if changed or len(entries) != listed:
        caches[cache_path] = lambda: cache_bytes(
            {entry.name: record_of(entry, stamps[entry.name]) for entry in entries}
        )
    return found


def _stat_notes(root: Path, guard: Callable[[Path], Path], found: Scan) -> None:
    """Fill in the stamp and inode of each file named like a note; a folder, an outside
    link or a file that cannot be seen goes into ``found.unreadable``."""
    if not root.is_dir():
        return
    stamps, inodes, unreadable = found.stamps, found.inodes, found.unreadable
    named, conflict = NOTE_NAME.fullmatch, _CONFLICT.search
    prefix = os.path.join(root, "")
    with _Folder(root) as folder:
        lstat = folder.lstat
        for name in folder.names():
            if not named(name) or (".conflict" in name and conflict(name)):
                continue  # a conflict file is the other machine's text, not a note
            try:
                stat = lstat(name)  # one lstat: most entries are files
                if not S_ISREG(stat.st_mode):
                    stat = _odd_file(prefix + name, stat.st_mode, guard)
            except NoteError as exc:
                unreadable[name] = exc.message
                continue
            except OSError as exc:
                unreadable[name] = f"{prefix + name} cannot be read ({exc.strerror})"
                continue
            stamps[name] = (stat.st_mtime_ns, stat.st_size)
            inodes[name] = (stat.st_ino, stat.st_ctime_ns)


_AT_FOLDER = (
    os.stat in os.supports_dir_fd
    and os.stat in os.supports_follow_symlinks
    and os.listdir in os.supports_fd
)


class _Folder:
    """The notes folder, open while it is scanned where the system allows: each note is
    then looked up by its name alone, not by the whole path again, which is a measurable
    part of the lstat a report makes of every note."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.fd: int | None = None

    def __enter__(self) -> _Folder:
        if _AT_FOLDER:
            try:
                self.fd = os.open(self.root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            except OSError:
                self.fd = None  # looked up by path, which says what is wrong
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            os.close(self.fd)

    def names(self) -> list[str]:
        return os.listdir(self.root if self.fd is None else self.fd)

    @property
    def lstat(self) -> Callable[[str], os.stat_result]:
        if self.fd is None:
            prefix = os.path.join(self.root, "")
            return lambda name: os.lstat(prefix + name)
        return partial(os.stat, dir_fd=self.fd, follow_symlinks=False)


def _odd_file(path: str, mode: int, guard: Callable[[Path], Path]) -> os.stat_result:
    """The status of the file a link or special file named like a note leads to; NoteError
    unless that is a regular file inside the folder."""
    if S_ISLNK(mode):
        guard(Path(path))
    try:
        stat = os.stat(path)
    except FileNotFoundError:  # a link to nothing
        stat = None
    if stat is not None and S_ISDIR(stat.st_mode):
        raise NoteError(
            f"{path} is a folder, not a note: rename it or move it out of the notes folder"
        )
    if stat is None or not S_ISREG(stat.st_mode):
        raise NoteError(f"{path} is not a regular file: move it out of the notes folder")
    return stat


def save_caches(caches: Caches) -> None:
    """Write the caches that scans refreshed; a failure to write one is ignored."""
    from weeknote.folder.files import Spool, write_atomic

    while caches:
        path, content = caches.popitem()
        with contextlib.suppress(OSError, WeeknoteError):
            # Derived data: a crash that loses it costs a rebuild, so no fsync.
            made = content()
            if isinstance(made, bytes):
                write_atomic(path, made, overwrite=True, sync=False)
                continue
            with Spool(path, limit=0) as spool:
                for piece in made:
                    spool.write(piece)
                spool.commit(sync=False)
