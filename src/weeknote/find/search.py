"""Finding words in notes and drafted bullets."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from weeknote.errors import NoteError, UsageError
from weeknote.folder.bullets import split_added
from weeknote.folder.index import Stamp
from weeknote.folder.note import split_front_matter
from weeknote.folder.store import NoteEntry, Store
from weeknote.weeks.week import Week

if TYPE_CHECKING:
    from weeknote.folder.note import Note

Span = tuple[int, int]


@dataclass(frozen=True)
class Hit:
    kind: str  # "note" or "draft"
    week: str
    title: str
    path: str
    day: date | None
    lines: tuple[tuple[int, str], ...]  # (line number, text) of the lines that matched
    spans: tuple[tuple[Span, ...], ...]  # for each line, where the words are in it


# Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese):
# there a word's edge cannot be seen, so a match in them needs no word boundary.
_SPACELESS = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003ffff]"
)


def _in_word(char: str) -> bool:
    return char.isalnum() or char == "_" or unicodedata.category(char).startswith("M")


def _joined(left: str, right: str) -> bool:
    """Whether two neighbouring characters belong to one word."""
    return (
        _in_word(left)
        and _in_word(right)
        and not (_SPACELESS.match(left) or _SPACELESS.match(right))
    )


def _fold(text: str) -> str:
    """The text case folded, one character for each of the text's, so positions carry over
    (the rare character that folds to several, such as ß, is only lower-cased)."""
    folded = text.casefold()
    if len(folded) == len(text):
        return folded
    return "".join(f if len(f := char.casefold()) == 1 else char.lower() for char in text)


def _spans(line: str, folded: str, word: str, partial: bool) -> list[Span]:
    """Where ``word`` (folded) is in ``line`` (``folded`` is the line folded): as a whole
    word, or anywhere with ``partial``."""
    spans = []
    start = folded.find(word)
    while start >= 0:
        end = start + len(word)
        if partial or not (
            (start > 0 and _joined(line[start - 1], line[start]))
            or (end < len(line) and _joined(line[end - 1], line[end]))
        ):
            spans.append((start, end))
        start = folded.find(word, start + 1)
    return spans


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


@dataclass(frozen=True)
class _Line:
    number: int
    text: str
    spans: tuple[Span, ...]


def _matching_lines(
    lines: Sequence[tuple[int, str]], words: Sequence[str], partial: bool, also: str = ""
) -> list[_Line] | None:
    """The numbered lines holding any of the words, if the lines (with ``also``, the title)
    hold every word; else None."""
    everything = _fold(also + "\n" + "\n".join(text for _, text in lines))
    if not all(word in everything for word in words):  # quick: a whole word is a substring
        return None
    folded_title = _fold(also)
    found = {word for word in words if _spans(also, folded_title, word, partial)}
    matched = []
    for number, text in lines:
        folded = _fold(text)
        spans: list[Span] = []
        for word in words:
            here = _spans(text, folded, word, partial) if word in folded else []
            if here:
                found.add(word)
                spans.extend(here)
        if spans:
            matched.append(_Line(number, text, _merged(spans)))
    return matched if found == set(words) else None


def _hit(kind: str, week: str, title: str, path: str, day: date | None, lines: list[_Line]) -> Hit:
    numbered = tuple((line.number, line.text) for line in lines)
    return Hit(kind, week, title, path, day, numbered, tuple(line.spans for line in lines))


def _written_up(line: str, body: str) -> bool:
    """Whether a drafted line's bullet is in the note's body: its text, or its text after a
    leading #section word (which `new` leaves out), as `new` and `status` compare them."""
    text = line.strip()
    if text[:2] in ("- ", "* "):
        text = text[2:].strip()
    if not text:
        return False
    if text in body:
        return True
    word, _, rest = text.partition(" ")
    return word.startswith("#") and bool(rest.strip()) and rest.strip() in body


def search(
    store: Store,
    query: str,
    first: Week | None = None,
    last: Week | None = None,
    partial: bool = False,
) -> Iterator[Hit]:
    """Notes and draft days that hold every word of ``query`` (in any case; whole words
    unless ``partial``), oldest first, each with the lines where the words are. A drafted
    bullet that the note of its week holds is searched as part of the note only.

    The hits come one at a time, so that a search matching most of a long archive holds
    one note at a time; only the notes and drafts whose cached words may hold the query are
    read."""
    words = list(dict.fromkeys(_fold(word) for word in query.split()))
    if not words:
        raise UsageError("nothing to search for: give one or more words")
    return _Search(store, words, first, last, partial).hits()


class _Search:
    """One search: which notes and drafts to read, and what they hold."""

    def __init__(
        self, store: Store, words: list[str], first: Week | None, last: Week | None, partial: bool
    ) -> None:
        from weeknote.folder import paths
        from weeknote.folder.wordindex import WordIndex, needles_of

        self.store, self.words, self.partial = store, words, partial
        # the bounds as week ids, made once: thousands of notes are looked through
        self.low, self.high = first.id if first else "", last.id if last else "9999-W99"
        self.bounded = first is not None or last is not None
        self.needles = needles_of(words)
        self.known = WordIndex(paths.words_cache_path(store.root))
        # Notes of drafted weeks, read early to tell which drafted bullets they hold.
        self.early: dict[str, tuple[Note, str] | None] = {}
        self.days: list[date] = []

    def wanted(self, week_id: str) -> bool:
        return self.low <= week_id <= self.high

    def may_hold(self, name: str, stamp: Stamp | None) -> bool:
        return stamp is None or self.known.may_hold(name, stamp, self.needles) is not False

    def learn(self, name: str, stamp: Stamp | None, text: str) -> None:
        if stamp is not None and self.known.may_hold(name, stamp, self.needles) is None:
            self.known.learn(name, stamp, _fold(text))

    def read(self, entry: NoteEntry) -> tuple[Note, str] | None:
        if entry.name in self.early:
            return self.early.pop(entry.name)
        try:
            note, text = self.store.read_note(self.store.path_of(entry))
        except NoteError as exc:  # changed since the scan: leave it out, and say so
            self.store.unreadable[entry.name] = exc.message
            return None
        self.learn(entry.name, self.store.stamps.get(entry.name), note.title + "\n" + note.body)
        return note, text

    def hits(self) -> Iterator[Hit]:
        import heapq

        entries = self.store.scan()
        drafts = self.draft_hits(entries)
        # Note hits in the order of their weeks, as the drafts' are: the two merge as they go.
        notes = self.note_hits(sorted(entries, key=lambda entry: entry.week))
        yield from heapq.merge(notes, drafts, key=lambda hit: (hit.week, hit.kind != "note"))
        names = {entry.name for entry in entries}
        names.update(self.store.relative(self.store.draft_path(day)) for day in self.days)
        self.known.keep_only(names)  # forget what is gone
        self.known.save_later(self.store.caches)

    def note_hits(self, entries: Sequence[NoteEntry]) -> Iterator[Hit]:
        low, high, stamps, early = self.low, self.high, self.store.stamps, self.early
        for entry in entries:
            if self.bounded and not any(low <= week <= high for week in entry.weeks):
                continue
            name = entry.name
            if name not in early and not self.may_hold(name, stamps.get(name)):
                continue
            found = self.read(entry)
            if found is None:
                continue
            note, text = found
            _, body_line, _ = split_front_matter(text, str(self.store.path_of(entry)))
            numbered = list(enumerate(note.body.splitlines(), start=body_line))
            matched = _matching_lines(numbered, self.words, self.partial, also=note.title)
            if matched is not None:
                yield _hit("note", entry.week, entry.title, entry.name, None, matched)

    def draft_hits(self, entries: Sequence[NoteEntry]) -> list[Hit]:
        """The draft days that hold the words, oldest first (drafts are few beside notes)."""
        store = self.store
        self.days = store.draft_days()
        if not self.days:
            return []
        covering = {week: entry for entry in entries for week in entry.weeks}
        hits = []
        for day in self.days:
            week = Week.of(day, store.week_start)
            if not self.wanted(week.id):
                continue
            path = store.draft_path(day)
            name = store.relative(path)
            try:
                stat = path.stat()
                stamp: Stamp | None = (stat.st_mtime_ns, stat.st_size)
            except OSError:
                stamp = None
            if not self.may_hold(name, stamp):
                continue
            try:
                text = store.read(path, "draft")
            except (NoteError, FileNotFoundError) as exc:
                if isinstance(exc, NoteError):
                    store.unreadable[name] = exc.message
                continue
            lines = enumerate(text.splitlines(), 1)
            numbered = [(n, split_added(line)[0]) for n, line in lines]
            self.learn(name, stamp, "\n".join(line for _, line in numbered))
            entry = covering.get(week.id)
            if entry is not None and entry.name not in self.early:
                self.early[entry.name] = self.read(entry)
            found = self.early.get(entry.name) if entry is not None else None
            if found is not None:
                body = found[0].body
                numbered = [(n, line) for n, line in numbered if not _written_up(line, body)]
            matched = _matching_lines(numbered, self.words, self.partial)
            if matched is not None:
                hits.append(_hit("draft", week.id, "", name, day, matched))
        return hits
