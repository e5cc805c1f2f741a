"""A day's draft: the bullets captured that day, one ``- `` line each.

Pure: text in, values out. ``- #learning Book a clear day`` files a bullet under a template
section; a draft holding git's conflict markers is never read as bullets. A line that is not
a bullet (bullets.py ``is_bullet``: a heading, a note typed by hand) is no bullet here either,
so what `weeknote bullet` counts and what `new` and `show` read are the same bullets.

Each captured bullet ends with the moment it was added (see draftline.py). Drafts from two
machines are merged line by line (linemerge.py), so the moment is what puts a day's bullets
back in the order they were added. A line typed by hand needs none: it keeps its place after
the line above it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from weeknote.folder.bullets import (
    MAX_BULLET,
    clean_bullet,
    conflict_line,
    draft_items,
    draft_line,
    is_bullet,
    refuse_conflict,
    split_added,
    split_section,
    stamp,
)

__all__ = [
    "MAX_BULLET",
    "Bullet",
    "captured_last",
    "clean_bullet",
    "conflict_line",
    "draft_items",
    "draft_line",
    "in_order",
    "is_bullet",
    "parse_draft",
    "split_added",
    "split_section",
    "stamp",
    "take_out",
]


@dataclass(frozen=True)
class Bullet:
    day: date
    section: str
    text: str  # its first line, then the draft's lines that belong to it (indented)
    added: str = ""  # when it was captured ("2026-11-20T10:31:05Z"), "" for a line typed by hand


def in_order(text: str) -> str:
    """A draft's text with its bullets in the order they were added (two machines' bullets
    of one day, merged, interleave); the lines that belong to a bullet move with it. A draft
    holding anything but bullets is left as it is."""
    items = draft_items(text)
    if not items or not all(is_bullet(line) for _, line, _ in items):
        return text
    keyed = []
    moment = ""
    for _, line, below in items:
        moment = split_added(line)[1] or moment
        keyed.append((moment, "".join(f"{part}\n" for part in (line, *below))))
    keyed.sort(key=lambda pair: pair[0])  # stable: lines of one moment keep their order
    return "".join(block for _, block in keyed)


def parse_draft(
    text: str, day: date, sections: Sequence[str], source: str = "draft", ordered: bool = True
) -> list[Bullet]:
    """The bullets of a day's draft, in the order they were added (``ordered``) or as the
    file has them; one holding git conflict markers is a NoteError."""
    refuse_conflict(text, source)
    bullets = []
    moments = []
    moment = ""
    for _, raw, below in draft_items(text):
        if not is_bullet(raw):
            continue  # a heading or a note of the person's own: not a bullet
        bullet = _bullet(raw, below, day, sections)
        bullets.append(bullet)
        moment = bullet.added or moment
        moments.append(moment)
    if ordered and moments != sorted(moments):
        order = sorted(range(len(bullets)), key=moments.__getitem__)
        bullets = [bullets[i] for i in order]
    return bullets


def _bullet(first: str, below: list[str], day: date, sections: Sequence[str]) -> Bullet:
    """The bullet whose first line is ``first`` (a line is_bullet accepts)."""
    line, added = split_added(first.strip())
    section, rest = split_section(line[2:].strip(), sections)
    text_of = "\n".join([rest, *below])  # its own lines, indented as the draft has them
    return Bullet(day, section, text_of, added)


def captured_last(drafts: Iterable[tuple[int, Sequence[Bullet]]]) -> Bullet | None:
    """The bullet captured last of several days' drafts, each given as the time its file was
    last written (in ns) and its bullets in file order: the one with the latest moment; of
    bullets of one moment (to the second), the one in the draft written last, then the later
    in its file. A bullet with no moment (typed by hand) counts as older than every bullet
    with one, of its own day too; of those, the later day's, then the later in its file."""
    best: tuple[tuple[str, int, int], Bullet] | None = None
    for written, bullets in drafts:
        for place, bullet in enumerate(bullets):
            after = written if bullet.added else bullet.day.toordinal()
            key = (bullet.added, after, place)
            if best is None or key > best[0]:
                best = (key, bullet)
    return None if best is None else best[1]


def take_out(
    text: str, bullet: Bullet, sections: Sequence[str], source: str = "draft"
) -> str | None:
    """A draft's text without ``bullet`` (the last one equal to it, in file order, as
    captured_last chooses) and the lines that belong to it, every other line as it was;
    None if the draft does not hold it."""
    refuse_conflict(text, source)
    found = None
    for number, raw, below in draft_items(text):
        if is_bullet(raw) and _bullet(raw, below, bullet.day, sections) == bullet:
            found = (number - 1, number + len(below))
    if found is None:
        return None
    lines = text.splitlines(keepends=True)
    return "".join(lines[: found[0]] + lines[found[1] :])
