"""The plain-text archive form: how weeknote blogs read when copied out as text.

Each note is its title line, a blank line, then its body; notes follow each other
separated by one blank line, newest first. ``weeknote export --format text`` writes
this form and ``weeknote import`` reads it, so the two are inverses.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator


def join(notes: Iterable[tuple[str, str]]) -> str:
    """The archive text of (title, body) pairs, in the order given (newest first)."""
    return "".join(pieces(notes))


def pieces(notes: Iterable[tuple[str, str]]) -> Iterator[str]:
    """``join``'s text a note at a time, for an archive too long to hold at once."""
    for index, (title, body) in enumerate(notes):
        text = body if body.endswith("\n") or not body else body + "\n"
        yield f"\n{title}\n\n{text}" if index else f"{title}\n\n{text}"
