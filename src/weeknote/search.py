"""Finding words in notes and drafted bullets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from weeknote.errors import NoteError, UsageError
from weeknote.store import Store
from weeknote.weeks import Week


@dataclass(frozen=True)
class Hit:
    kind: str  # "note" or "draft"
    week: str
    title: str
    path: str
    day: date | None
    lines: tuple[tuple[int, str], ...]  # (line number, text) of the lines that matched


def _matching_lines(
    text: str, words: list[str], first_line: int = 1, also: str = ""
) -> list[tuple[int, str]] | None:
    """The lines holding any of the words, numbered from ``first_line``, if the text (with
    ``also``, the title) holds every word; else None."""
    folded = (also + "\n" + text).casefold()
    if not all(word in folded for word in words):
        return None
    return [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=first_line)
        if any(word in line.casefold() for word in words)
    ]


def search(
    store: Store, query: str, first: Week | None = None, last: Week | None = None
) -> list[Hit]:
    """Notes and draft days that hold every word of ``query`` (case-insensitive), oldest
    first, each with the lines where the words are."""
    from weeknote.note import split_front_matter

    words = [word.casefold() for word in query.split()]
    if not words:
        raise UsageError("nothing to search for: give one or more words")

    def wanted(week_id: str) -> bool:
        return (first is None or week_id >= first.id) and (last is None or week_id <= last.id)

    hits = []
    for entry in store.scan():
        if not any(wanted(week) for week in entry.weeks):
            continue
        path = store.path_of(entry)
        try:
            note, text = store.read_note(path)
        except NoteError as exc:  # changed since the scan: leave it out, and say so
            store.unreadable[entry.name] = exc.message
            continue
        _, body_line, _ = split_front_matter(text, str(path))
        lines = _matching_lines(note.body, words, body_line, also=note.title)
        if lines is not None:
            hits.append(Hit("note", entry.week, entry.title, entry.name, None, tuple(lines)))
    for day in store.draft_days():
        week = Week.of(day, store.week_start)
        if not wanted(week.id):
            continue
        path = store.draft_path(day)
        try:
            text = store.read(path, "draft")
        except (NoteError, FileNotFoundError) as exc:
            if isinstance(exc, NoteError):
                store.unreadable[store.relative(path)] = exc.message
            continue
        lines = _matching_lines(text, words)
        if lines is not None:
            hits.append(Hit("draft", week.id, "", store.relative(path), day, tuple(lines)))
    hits.sort(key=lambda hit: (hit.week, hit.kind != "note", hit.day or date.min))
    return hits
