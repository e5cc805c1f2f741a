"""A day's draft: the bullets captured that day, one ``- `` line each.

Pure: text in, values out. ``- #learning Book a clear day`` files a bullet under a template
section; a draft holding git's conflict markers is never read as bullets.

Each captured bullet ends with the moment it was added (see draftline.py). Drafts from two
machines are merged line by line (linemerge.py), so the moment is what puts a day's bullets
back in the order they were added. A line typed by hand needs none: it keeps its place after
the line above it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from weeknote.draftline import (
    MAX_BULLET,
    clean_bullet,
    conflict_line,
    draft_line,
    refuse_conflict,
    split_added,
    split_section,
    stamp,
)

__all__ = [
    "MAX_BULLET",
    "Bullet",
    "clean_bullet",
    "conflict_line",
    "draft_line",
    "in_order",
    "parse_draft",
    "split_added",
    "split_section",
    "stamp",
]


@dataclass(frozen=True)
class Bullet:
    day: date
    section: str
    text: str
    added: str = ""  # when it was captured ("2026-11-20T10:31:05Z"), "" for a line typed by hand


def in_order(text: str) -> str:
    """A draft's text with its bullets in the order they were added (two machines' bullets
    of one day, merged, interleave). A draft holding anything but bullet lines is left as
    it is."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines or any(line.lstrip()[:2] not in ("- ", "* ") for line in lines):
        return text
    keyed = []
    moment = ""
    for line in lines:
        moment = split_added(line)[1] or moment
        keyed.append((moment, line))
    keyed.sort(key=lambda pair: pair[0])  # stable: lines of one moment keep their order
    return "".join(line + "\n" for _, line in keyed)


def parse_draft(
    text: str, day: date, sections: Sequence[str], source: str = "draft", ordered: bool = True
) -> list[Bullet]:
    """The bullets of a day's draft, in the order they were added (``ordered``) or as the
    file has them; one holding git conflict markers is a NoteError."""
    refuse_conflict(text, source)
    bullets = []
    moments = []
    moment = ""
    for raw in text.splitlines():
        line, added = split_added(raw.strip())
        if not line:
            continue
        if line[:2] in ("- ", "* "):
            line = line[2:].strip()
        section, rest = split_section(line, sections)
        if rest:
            bullets.append(Bullet(day, section, rest, added))
            moment = added or moment
            moments.append(moment)
    if ordered and moments != sorted(moments):
        order = sorted(range(len(bullets)), key=moments.__getitem__)
        bullets = [bullets[i] for i in order]
    return bullets
