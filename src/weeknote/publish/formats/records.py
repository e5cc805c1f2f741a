"""Each note's record in the ``json`` export, cached: exporting the folder again reads no
note that has not changed since.

The cache sits beside the note index (derived data, safe to delete, written only once a
command has succeeded). A note's record is kept for its file's modification time, size,
inode and inode change time (which a change of permissions moves too), so a note changed,
replaced or made unreadable is read again. A record is the note's JSON text as the export
writes it: unlike the words cache it is the answer, not a filter, so the file carries a
checksum of all it holds, and a cache that fails it, or was written for another version of
the index or of the records, is not used at all.

The file is a header line, one line of JSON naming each note's key and where its record
lies, then the records: reading it parses only the small middle line, and a record is
decoded only when the document is written.
"""

from __future__ import annotations

import codecs
import json
import os
import zlib
from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO, overload

from weeknote.errors import NoteError
from weeknote.folder import index
from weeknote.folder.index import NoteEntry

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from weeknote.folder.store import Store

VERSION = 2  # of the records' shape and key: change it with export/json.py's record

Key = tuple[int, int, int, int]  # modification time (ns), size, inode, inode change time (ns)


def _header(crc: int) -> bytes:
    return b"weeknote json records %d index %d %08x\n" % (VERSION, index.VERSION, crc)


_CHUNK = 1 << 20  # bytes of the cache file read at once to check it


class RecordCache:
    """The cached records of a folder's notes, by file name. The file is checked whole, a
    megabyte at a time, then kept open and each record read from it when it is written: a
    folder of 10,000 notes holds megabytes of records, which are never in memory at once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd = -1
        self.spans: dict[str, tuple[Key, int, int]] = {}
        self.fresh: dict[str, tuple[Key, bytes]] = {}
        self.changed = False
        try:
            handle = open(path, "rb")  # noqa: SIM115 - kept open for the records, see close
        except OSError:
            return
        try:
            if self._check(handle):
                self.fd = os.dup(handle.fileno())
        except (OSError, ValueError, RecursionError):  # UnicodeDecodeError too
            self.spans.clear()
        finally:
            handle.close()

    def _check(self, handle: BinaryIO) -> bool:
        """Whether the file is a whole cache of this version: its header's checksum is that
        of all that follows, its middle line names each record's span, and its records are
        UTF-8. Reads it a megabyte at a time."""
        header = handle.readline()
        middle = handle.readline()
        if not header.endswith(b"\n") or not middle.endswith(b"\n"):
            return False
        crc = zlib.crc32(middle)
        base = len(header) + len(middle)
        decoder = codecs.getincrementaldecoder("utf-8")()
        size = base
        while chunk := handle.read(_CHUNK):
            crc = zlib.crc32(chunk, crc)
            decoder.decode(chunk)
            size += len(chunk)
        decoder.decode(b"", final=True)
        if header != _header(crc):
            return False
        found = json.loads(middle)
        return isinstance(found, dict) and self._take(found, base, size)

    def _take(self, found: dict[str, object], base: int, size: int) -> bool:
        """Each note's key and span from the cache's middle line, if all are well formed."""
        for name, value in found.items():
            if not (
                isinstance(value, list)
                and len(value) == 6
                and all(type(number) is int for number in value)
                and base <= base + value[4] <= base + value[5] <= size
            ):
                self.spans.clear()
                return False
            key: Key = (value[0], value[1], value[2], value[3])
            self.spans[name] = (key, base + value[4], base + value[5])
        return True

    def span(self, name: str, key: Key) -> tuple[int, int] | None:
        """Where the note's record lies in the cache file, if it is cached for ``key``."""
        found = self.spans.get(name)
        if found is None or found[0] != key or name in self.fresh or self.fd < 0:
            return None
        return found[1], found[2]

    def _read(self, start: int, stop: int) -> bytes:
        data = os.pread(self.fd, stop - start, start)
        if len(data) != stop - start:  # the file was cut short under us
            raise OSError(f"{self.path} changed while it was read")
        return data

    def text(self, start: int, stop: int) -> str:
        return self._read(start, stop).decode("utf-8")

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def __del__(self) -> None:
        self.close()

    def learn(self, name: str, key: Key, record: bytes) -> None:
        """Keep a note's record (a name that is not text, from a file name that is not
        UTF-8, is simply read each time)."""
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:
            return
        self.fresh[name] = (key, record)
        self.changed = True

    def keep_only(self, names: dict[str, Key]) -> None:
        """Forget notes that are gone."""
        for name in [name for name in self.spans if name not in names]:
            del self.spans[name]
            self.changed = True

    def save_later(self, caches: index.Caches) -> None:
        """Have the cache written once the command has succeeded, if it changed."""
        if self.changed:
            caches[self.path] = self.pieces

    def pieces(self) -> Iterator[bytes]:
        """The cache file in pieces, written one after the other: a record kept is read
        again from the old file (twice: once for the checksum the header leads with), so
        the file is never held whole."""
        kept = [] if self.fd < 0 else [(n, s) for n, s in self.spans.items() if n not in self.fresh]
        where: dict[str, list[int]] = {}
        at = 0
        for name, (key, start, stop) in kept:
            where[name] = [*key, at, at + stop - start]
            at += stop - start + 1
        for name, (key, record) in self.fresh.items():
            where[name] = [*key, at, at + len(record)]
            at += len(record) + 1
        middle = json.dumps(where, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        crc = zlib.crc32(b"\n", zlib.crc32(middle))
        for _, (_, start, stop) in kept:
            crc = zlib.crc32(b"\n", zlib.crc32(self._read(start, stop), crc))
        for _, record in self.fresh.values():
            crc = zlib.crc32(b"\n", zlib.crc32(record, crc))
        yield _header(crc)
        yield middle
        yield b"\n"
        for _, (_, start, stop) in kept:
            yield self._read(start, stop)
            yield b"\n"
        for _, record in self.fresh.values():
            yield record
            yield b"\n"
        self.close()


class Records(Sequence[str]):
    """The chosen notes' records, in order: each is kept as UTF-8 (where in the cache's
    bytes, or the bytes of one just read from its note) and made text only when it is asked
    for, as the document is written (one that cannot be UTF-8 is kept as text)."""

    def __init__(self, cache: RecordCache) -> None:
        self.cache = cache
        self.items: list[bytes | str | tuple[int, int]] = []

    def __len__(self) -> int:
        return len(self.items)

    @overload
    def __getitem__(self, at: int) -> str: ...

    @overload
    def __getitem__(self, at: slice) -> list[str]: ...

    def __getitem__(self, at: int | slice) -> str | list[str]:
        if isinstance(at, slice):
            return [self._text(item) for item in self.items[at]]
        return self._text(self.items[at])

    def __iter__(self) -> Iterator[str]:
        return (self._text(item) for item in self.items)

    def _text(self, item: bytes | str | tuple[int, int]) -> str:
        if isinstance(item, tuple):
            return self.cache.text(*item)
        return item.decode("utf-8") if isinstance(item, bytes) else item


def json_records(
    store: Store, entries: Sequence[NoteEntry], record_text: Callable[[NoteEntry, str], str]
) -> Records:
    """The record of each entry's note, in order: from the cache where the note's file is
    unchanged, else read. A note that cannot be read is left out and kept in the store's
    ``unreadable``, as every export does."""
    from weeknote.folder import paths

    cache = RecordCache(paths.json_records_path(store.root))
    stamps, inodes = store.stamps, store.inodes
    keys: dict[str, Key] = {
        name: (*stamp, *inodes.get(name, (-1, -1))) for name, stamp in stamps.items()
    }
    cache.keep_only(keys)
    records = Records(cache)
    for entry in entries:
        name = entry.name
        key = keys.get(name)
        span = None if key is None else cache.span(name, key)
        if span is not None:
            records.items.append(span)
            continue
        try:
            note = store.indexed_note(entry)
        except NoteError as exc:  # unreadable since it was indexed: left out, and said
            store.unreadable[name] = exc.message
            continue
        text = record_text(entry, note.body)
        try:
            record = text.encode("utf-8")
        except UnicodeEncodeError:  # a file name that is not UTF-8: kept as text, not cached
            records.items.append(text)
            continue
        if key is not None:
            cache.learn(name, key, record)
        records.items.append(record)
    cache.save_later(store.caches)
    return records
