"""Finding words in notes and drafted bullets."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from weeknote.draftline import split_added
from weeknote.errors import NoteError, UsageError
from weeknote.note import split_front_matter
from weeknote.store import NoteEntry, Store
from weeknote.weeks import Week

if TYPE_CHECKING:
    from weeknote.note import Note

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
) -> list[Hit]:
    """Notes and draft days that hold every word of ``query`` (in any case; whole words
    unless ``partial``), oldest first, each with the lines where the words are. A drafted
    bullet that the note of its week holds is searched as part of the note only.

    Only the notes and drafts whose cached words may hold the query are read."""
    from weeknote import paths
    from weeknote.wordindex import WordIndex, needles_of

    words = list(dict.fromkeys(_fold(word) for word in query.split()))
    if not words:
        raise UsageError("nothing to search for: give one or more words")
    needles = needles_of(words)
    known = WordIndex(paths.words_cache_path(store.root))

    def wanted(week_id: str) -> bool:
        return (first is None or week_id >= first.id) and (last is None or week_id <= last.id)

    def may_hold(name: str, stamp: tuple[int, int] | None) -> bool:
        return stamp is None or known.may_hold(name, stamp, needles) is not False

    hits = []
    entries = store.scan()
    bodies: dict[str, str] = {}  # week id: the body of the note covering it, once read

    def read(entry: NoteEntry) -> tuple[Note, str] | None:
        path = store.path_of(entry)
        try:
            note, text = store.read_note(path)
        except NoteError as exc:  # changed since the scan: leave it out, and say so
            store.unreadable[entry.name] = exc.message
            return None
        bodies.update(dict.fromkeys(entry.weeks, note.body))
        stamp = store.stamps.get(entry.name)
        if stamp is not None and known.may_hold(entry.name, stamp, needles) is None:
            known.learn(entry.name, stamp, _fold(note.title + "\n" + note.body))
        return note, text

    for entry in entries:
        if not any(wanted(week) for week in entry.weeks):
            continue
        if not may_hold(entry.name, store.stamps.get(entry.name)):
            continue
        found = read(entry)
        if found is None:
            continue
        note, text = found
        _, body_line, _ = split_front_matter(text, str(store.path_of(entry)))
        numbered = list(enumerate(note.body.splitlines(), start=body_line))
        matched = _matching_lines(numbered, words, partial, also=note.title)
        if matched is not None:
            hits.append(_hit("note", entry.week, entry.title, entry.name, None, matched))
    covering = {week: entry for entry in entries for week in entry.weeks}
    drafts = set()
    for day in store.draft_days():
        path = store.draft_path(day)
        name = store.relative(path)
        drafts.add(name)
        week = Week.of(day, store.week_start)
        if not wanted(week.id):
            continue
        try:
            stat = path.stat()
            stamp: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = None
        if not may_hold(name, stamp):
            continue
        try:
            text = store.read(path, "draft")
        except (NoteError, FileNotFoundError) as exc:
            if isinstance(exc, NoteError):
                store.unreadable[name] = exc.message
            continue
        numbered = [(n, split_added(line)[0]) for n, line in enumerate(text.splitlines(), 1)]
        if stamp is not None and known.may_hold(name, stamp, needles) is None:
            known.learn(name, stamp, _fold("\n".join(line for _, line in numbered)))
        if week.id not in bodies and week.id in covering:
            read(covering[week.id])
        body = bodies.get(week.id)
        if body is not None:
            numbered = [(n, line) for n, line in numbered if not _written_up(line, body)]
        matched = _matching_lines(numbered, words, partial)
        if matched is not None:
            hits.append(_hit("draft", week.id, "", name, day, matched))
    known.keep_only({entry.name for entry in entries} | drafts)  # forget what is gone
    known.save_later()
    hits.sort(key=lambda hit: (hit.week, hit.kind != "note", hit.day or date.min))
    return hits
