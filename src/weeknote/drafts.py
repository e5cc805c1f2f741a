"""A day's draft: the bullets captured that day, one ``- `` line each.

Pure: text in, values out. ``- #learning Book a clear day`` files a bullet under a template
section; a draft holding git's conflict markers is never read as bullets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from weeknote.errors import NoteError, UsageError
from weeknote.template import DEFAULT_SECTION

MAX_BULLET = 64 * 1024


@dataclass(frozen=True)
class Bullet:
    day: date
    section: str
    text: str


# The lines git leaves around a conflict: "<<<<<<< ours" ... ">>>>>>> theirs". Both ends are
# needed, so a Markdown heading underlined with "=======" is not taken for one.
_CONFLICT_START = re.compile(r"^<{7}(?: |$)", re.MULTILINE)
_CONFLICT_END = re.compile(r"^>{7}(?: |$)", re.MULTILINE)


def conflict_line(text: str) -> int | None:
    """The line where a git conflict starts in ``text``, if it holds one."""
    if "<<<<<<<" not in text:
        return None
    start = _CONFLICT_START.search(text)
    if start is None or _CONFLICT_END.search(text, start.end()) is None:
        return None
    return text.count("\n", 0, start.start()) + 1


def clean_bullet(text: str) -> str:
    """One line of bullet text; refuses what cannot be a bullet."""
    cleaned = " ".join(text.split())
    if cleaned.startswith(("- ", "* ")):
        cleaned = cleaned[2:].lstrip()
    if not cleaned:
        raise UsageError(
            'the bullet is empty: write some text, e.g. weeknote bullet "Met the team"'
        )
    if len(cleaned) > MAX_BULLET:
        raise UsageError(
            f"the bullet is {len(cleaned):,} characters long; the limit is {MAX_BULLET:,}: "
            "put long text in the note itself"
        )
    return cleaned


def draft_line(section: str, text: str) -> str:
    return f"- {text}\n" if section == DEFAULT_SECTION else f"- #{section} {text}\n"


def parse_draft(
    text: str, day: date, sections: Sequence[str], source: str = "draft"
) -> list[Bullet]:
    """The bullets of a day's draft; one holding git conflict markers is a NoteError."""
    marker = conflict_line(text)
    if marker is not None:
        raise NoteError(
            f"{source}, line {marker}: git conflict markers: keep the lines you want, delete "
            "the marker lines, then run this again"
        )
    bullets = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line[:2] in ("- ", "* "):
            line = line[2:].strip()
        section, rest = split_section(line, sections)
        if rest:
            bullets.append(Bullet(day, section, rest))
    return bullets


def split_section(text: str, sections: Sequence[str]) -> tuple[str, str]:
    """A leading ``#name`` word that names a section files the bullet there."""
    if text.startswith("#"):
        word, _, rest = text.partition(" ")
        name = word[1:].lower()
        if name in sections and rest.strip():
            return name, rest.strip()
    return DEFAULT_SECTION, text
