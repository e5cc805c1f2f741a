"""breaks.txt: the weeks declared breaks, one ``2026-W41  reason`` line each.

Pure: text in, values out. Blank lines and lines starting with ``#`` are comments.
"""

from __future__ import annotations

from dataclasses import dataclass

from weeknote.errors import NoteError, UsageError
from weeknote.folder.bullets import conflict_line
from weeknote.weeks.week import Week


@dataclass(frozen=True)
class Break:
    """A week declared a break in breaks.txt, with the reason given (maybe empty)."""

    week: str
    reason: str


def parse_break_line(line: str, source: str, number: int) -> Break | None:
    """One line of breaks.txt: ``2026-W41  reason``; blank and ``#`` lines are None."""
    text = line.strip()
    if not text or text.startswith("#"):
        return None
    word, *rest = text.split(None, 1)
    try:
        week = Week.from_id(word)
    except UsageError as exc:
        raise NoteError(
            f"{source}, line {number}: {exc.message}; each line is a week and an optional "
            "reason, e.g. '2026-W41  holiday' (start a comment with #)"
        ) from None
    return Break(week.id, rest[0].strip() if rest else "")


def parse_breaks(text: str, source: str) -> list[Break]:
    marker = conflict_line(text)
    if marker is not None:
        raise NoteError(
            f"{source}, line {marker}: git conflict markers: keep the lines you want, delete "
            "the marker lines, then run this again"
        )
    return [
        found
        for number, line in enumerate(text.splitlines(), start=1)
        if (found := parse_break_line(line, source, number)) is not None
    ]


def tidy_breaks(text: str) -> str:
    """breaks.txt with each week declared once (the first line for it kept): two machines
    that declared the same break both added a line for it. Anything unreadable is left."""
    seen: set[str] = set()
    kept = []
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        try:
            found = parse_break_line(line, "breaks.txt", number)
        except NoteError:
            return text
        if found is not None:
            if found.week in seen:
                continue
            seen.add(found.week)
        kept.append(line)
    return "".join(kept)
