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
import zlib
from collections.abc import Callable, Iterator, Sequence
from typing import overload

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


def _check_utf8(data: memoryview) -> None:
    """A UnicodeDecodeError unless ``data`` is UTF-8, a megabyte at a time (never the whole
    as text at once)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    for start in range(0, len(data), 1 << 20):
        decoder.decode(data[start : start + (1 << 20)])
    decoder.decode(b"", final=True)


class RecordCache:
    """The cached records of a folder's notes, by file name. The file's bytes are kept whole
    and each record read out of them when it is written: a folder of 10,000 notes holds
    megabytes of records, and a copy of each would double what the export holds."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data = b""
        self.spans: dict[str, tuple[Key, int, int]] = {}
        self.fresh: dict[str, tuple[Key, bytes]] = {}
        self.changed = False
        try:
            data = path.read_bytes()
        except OSError:
            return
        end = data.find(b"\n") + 1
        if not end or data[:end] != _header(zlib.crc32(memoryview(data)[end:])):
            return
        middle = data.find(b"\n", end)
        if middle == -1:
            return
        try:
            found = json.loads(data[end:middle])
            _check_utf8(memoryview(data)[middle + 1 :])
        except (ValueError, RecursionError):  # UnicodeDecodeError too
            return
        if isinstance(found, dict) and self._take(found, middle + 1, len(data)):
            self.data = data

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
        """Where the note's record lies in the cache's bytes, if it is cached for ``key``."""
        found = self.spans.get(name)
        if found is None or found[0] != key or name in self.fresh:
            return None
        return found[1], found[2]

    def text(self, start: int, stop: int) -> str:
        return str(memoryview(self.data)[start:stop], "utf-8")

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

    def pieces(self) -> list[bytes | memoryview]:
        """The cache file in pieces, written one after the other: a record kept is a view
        of the old file's bytes, never copied, and the file is never held whole."""
        where: dict[str, list[int]] = {}
        pieces: list[bytes | memoryview] = []
        at = 0
        view = memoryview(self.data)
        for name, (key, start, stop) in self.spans.items():
            if name not in self.fresh:
                pieces += [view[start:stop], b"\n"]
                where[name] = [*key, at, at + stop - start]
                at += stop - start + 1
        for name, (key, record) in self.fresh.items():
            pieces += [record, b"\n"]
            where[name] = [*key, at, at + len(record)]
            at += len(record) + 1
        middle = json.dumps(where, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        crc = zlib.crc32(b"\n", zlib.crc32(middle))
        for piece in pieces:
            crc = zlib.crc32(piece, crc)
        return [_header(crc), middle, b"\n", *pieces]


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
