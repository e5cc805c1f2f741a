"""A day's draft: the bullets captured that day, one ``- `` line each.

Pure: text in, values out. ``- #learning Book a clear day`` files a bullet under a template
section; a draft holding git's conflict markers is never read as bullets.

Each captured bullet ends with the moment it was added, in UTC, as an HTML comment (which
Markdown does not show): ``- Met the waste team <!-- 2026-11-20T10:31:05Z -->``. Drafts from
two machines are merged line by line by git (``merge=union``), so the moment is what puts
a day's bullets back in the order they were added. A line typed by hand needs none: it
keeps its place after the line above it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from weeknote.errors import NoteError, UsageError
from weeknote.template import DEFAULT_SECTION

MAX_BULLET = 64 * 1024


@dataclass(frozen=True)
class Bullet:
    day: date
    section: str
    text: str
    added: str = ""  # when it was captured ("2026-11-20T10:31:05Z"), "" for a line typed by hand


# The moment a bullet was added, at the end of its line.
_ADDED = re.compile(r"\s*<!-- (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z) -->\s*$")


def stamp(now: datetime) -> str:
    """A moment as a draft line records it: UTC, to the second."""
    return now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def split_added(line: str) -> tuple[str, str]:
    """A draft line without its added-moment comment, and the moment ("" if none)."""
    found = _ADDED.search(line)
    if found is None:
        return line, ""
    return line[: found.start()], found.group(1)


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


def draft_line(section: str, text: str, added: str = "") -> str:
    body = text if section == DEFAULT_SECTION else f"#{section} {text}"
    return f"- {body} <!-- {added} -->\n" if added else f"- {body}\n"


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
    marker = conflict_line(text)
    if marker is not None:
        raise NoteError(
            f"{source}, line {marker}: git conflict markers: keep the lines you want, delete "
            "the marker lines, then run this again"
        )
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


def split_section(text: str, sections: Sequence[str]) -> tuple[str, str]:
    """A leading ``#name`` word that names a section files the bullet there."""
    if text.startswith("#"):
        word, _, rest = text.partition(" ")
        name = word[1:].lower()
        if name in sections and rest.strip():
            return name, rest.strip()
    return DEFAULT_SECTION, text
