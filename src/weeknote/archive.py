"""The plain-text archive form: how weeknote blogs read when copied out as text.

Each note is its title line, a blank line, then its body; notes follow each other
separated by one blank line, newest first. ``weeknote export --format text`` writes
this form and ``weeknote import`` reads it, so the two are inverses.
"""

from __future__ import annotations

from collections.abc import Iterable


def join(notes: Iterable[tuple[str, str]]) -> str:
    """The archive text of (title, body) pairs, in the order given (newest first)."""
    parts = []
    for title, body in notes:
        text = body if body.endswith("\n") or not body else body + "\n"
        parts.append(f"{title}\n\n{text}")
    return "\n".join(parts)
