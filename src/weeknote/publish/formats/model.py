"""What every exporter takes, the notes to publish as Items and the Options, and what it
gives back: a Document (one text, in pieces) or Files (a folder, each file made on demand)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from operator import attrgetter
from typing import Any

from weeknote.folder.note import Note, without_controls
from weeknote.folder.store import NoteEntry, Store

_FIRST_HEADING = re.compile(r"\s*#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*(?:\n|$)")


def _printable_entry(entry: NoteEntry) -> NoteEntry:
    printable = str.isprintable
    if printable(entry.title) and all(map(printable, entry.tags)):
        return entry
    title = without_controls(entry.title, line=True)
    tags = tuple(without_controls(tag, line=True) for tag in entry.tags)
    return replace(entry, title=title, tags=tags)


def _printable_note(note: Note) -> Note:
    printable = str.isprintable
    if (
        printable(note.title)
        and all(map(printable, note.tags))
        and (printable(note.body) or printable(note.body.replace("\n", "")))
    ):
        return note  # nearly every note: nothing to take out (a tab in a body takes the long way)
    title, body = without_controls(note.title, line=True), without_controls(note.body)
    tags = tuple(without_controls(tag, line=True) for tag in note.tags)
    if (title, body, tags) == (note.title, note.body, note.tags):
        return note
    return replace(note, title=title, body=body, tags=tags)


class Item:
    """One note to publish: its index entry (file name, dates, title, tags), its note, and
    the stable id its permalink is made from (the week id, made unique if two files share it).

    The note is given, or read when a page needs it through ``load`` and not kept, so an
    export of 10,000 notes never holds them all; ``stamp`` (the note file's inode, size,
    mtime and ctime, given only when the file has settled) stands for its text, so an
    unchanged re-export reads no note at all (see item_digest).

    Every export and every message is made from Items: control characters a note holds
    (one written by hand may) go no further, so no page, feed or message carries them, and
    a title or a tag is one line.
    """

    __slots__ = ("entry", "slug", "stamp", "_note", "_load", "_digest")

    def __init__(
        self,
        entry: NoteEntry,
        note: Note | None,
        slug: str,
        *,
        load: Callable[[NoteEntry], Note] | None = None,
        stamp: tuple[int, int, int, int] | None = None,
    ) -> None:
        if note is None and load is None:
            raise TypeError("an Item needs its note or a way to load it")
        self.entry = _printable_entry(entry)
        self.slug = slug
        self.stamp = stamp
        self._note = None if note is None else _printable_note(note)
        self._load = load
        self._digest: str | None = None

    @property
    def note(self) -> Note:
        if self._note is not None:
            return self._note
        assert self._load is not None
        return _printable_note(self._load(self.entry))

    @property
    def title(self) -> str:
        """The note's title, from its entry: a list of notes reads no note."""
        return self.entry.title

    @property
    def year(self) -> str:
        return self.entry.week[:4]

    @property
    def body(self) -> str:
        """The body to show under the title: a first heading that only repeats the title
        (as notes written by hand begin) is left out."""
        note = self.note
        body = note.body
        first = _FIRST_HEADING.match(body)
        if first and first.group(1) == note.title:
            return body[first.end() :].lstrip("\n")
        return body


# A feed's note: its permalink id, and when it was published and last updated (a moment or
# a day, None where its front matter keeps none).
FeedStamp = tuple[str, date | None, date | None]


@dataclass(frozen=True)
class Options:
    title: str = "Weeknotes"
    base_url: str = ""
    sender: str = ""  # email: the From of each message, config email.from
    author: str = ""  # named by the site's pages and the feed (the feed falls back to title)
    description: str = ""
    # The declared breaks, (week id, reason): the site's year pages show them. Only the
    # pages of their years are made from them (see options_digest).
    breaks: tuple[tuple[str, str], ...] = ()
    feed_id: str = ""  # the folder's own (.weeknote/feed-id): the feed's id without base_url
    feed_entries: int = 20  # the feed holds the newest notes, this many (site.feed_entries)
    # When each of the feed's notes was published and last updated, as its front matter
    # keeps them: only the feed is made from them (see options_digest).
    feed_stamps: tuple[FeedStamp, ...] = ()


def digest(*parts: object) -> str:
    """The sha256 of the repr of ``parts``: values whose repr shows all they hold (strings,
    numbers, dates, tuples of them, frozen dataclasses of them), so that no two different
    lists of parts give the same text."""
    import hashlib  # here: a JSON export to stdout needs none

    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


_ENTRY_FIELDS = attrgetter(*(each.name for each in fields(NoteEntry)))
_NOTE_FIELDS = attrgetter(*(each.name for each in fields(Note) if each.name != "body"))


def item_digest(item: Item) -> str:
    """A digest of everything an Item holds, every field of its entry and of its note:
    what a file made from the item can depend on. A settled note file's stamp stands for
    its text (the index vouches for the rest from the same stat), so no note is read;
    otherwise the body is hashed as it is, after the repr of the rest (a repr of thousands
    of bodies costs more than all the rest). Worked out once per item."""
    if item._digest is not None:
        return item._digest
    import hashlib

    if item.stamp is not None:
        found = digest("stamped", item.slug, _ENTRY_FIELDS(item.entry), item.stamp)
    else:
        note = item.note
        rest = repr((item.slug, _ENTRY_FIELDS(item.entry), _NOTE_FIELDS(note)))
        hashed = hashlib.sha256(rest.encode("utf-8"))
        hashed.update(b"\0")  # no repr holds a NUL, so nothing of the body reads as the rest
        hashed.update(note.body.encode("utf-8", "surrogatepass"))
        found = hashed.hexdigest()
    item._digest = found
    return found


def options_digest(options: Options) -> str:
    """What every file is made from, of the options: all but the breaks, which only the
    year pages show (each adds its own year's), and the feed's stamps, which only the feed
    shows."""
    from dataclasses import replace

    return digest(replace(options, breaks=(), feed_stamps=()))


# One text document, in the order its pieces are to be written: an export of 10,000 notes
# is written as it is made, never held whole.
Document = Iterator[str]

# The text of another file of the same folder export as it already is on disk, or None if
# the writer cannot vouch that it is what this export makes (see Files).
Made = Callable[[str], str | None]


def _none_made(name: str) -> None:
    return None


class Files(Mapping[str, str]):
    """A folder export: relative path -> text, each file made only when it is read, so the
    pages of a large archive never sit in memory at once.

    Each file also has a source: a digest of everything its text is made from (the items
    and options it was given). The same source, with the same exporter code, makes the same
    text; ``weeknote.publish.folder`` uses that to leave a file unmade when the one on disk is
    known to be it.

    A file can be made from others of the export: its maker is given a ``Made``, through
    which the writer hands over a file it has already put on disk and checked, so the feed
    takes each note's HTML from the note's page instead of rendering it again. Where that
    gives None, the maker makes what it needs itself.
    """

    def __init__(self) -> None:
        self._files: dict[str, tuple[str, Callable[[Any, Made], Iterable[str]], Any]] = {}
        self._names: list[str] | None = None

    def add(
        self, name: str, source: str, make: Callable[[Any, Made], Iterable[str]], given: Any
    ) -> None:
        """A file made by ``make(given, made)``: one maker serves many files (a page per
        note), so 10,000 pages cost a tuple each, not a closure."""
        self._files[name] = (source, make, given)
        self._names = None

    def source(self, name: str) -> str:
        return self._files[name][0]

    def pieces(self, name: str, made: Made = _none_made) -> Iterable[str]:
        """The file's text, made now, in pieces (a large file is written as it is made)."""
        _, make, given = self._files[name]
        return make(given, made)

    def __getitem__(self, name: str) -> str:
        return "".join(self.pieces(name))

    def __iter__(self) -> Iterator[str]:
        if self._names is None:
            self._names = sorted(self._files)
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._files)

    def __contains__(self, name: object) -> bool:
        return name in self._files


Output = Document | Files
Exporter = Callable[[Sequence[Item], Options], Output]
# A format made of each note's own piece, cached (json): from the store and the chosen
# entries, newest first, to the number of notes it holds and its document.
CachedExporter = Callable[[Store, Sequence[NoteEntry]], tuple[int, Document]]
