"""One line of a day's draft: a bullet, its section, the moment it was added.

``- #learning Book a clear day <!-- 2026-11-20T10:31:05Z -->`` is a bullet filed under the
template's ``learning`` section, captured at that moment (UTC; Markdown does not show the
comment). A bullet `weeknote gather` drafted also names where it came from, after the moment:
``<!-- 2026-11-20T10:31:05Z git-3f9a0c1d2e -->`` (``source_of``), so a gather knows it.
Lines indented by two spaces or a tab below a bullet belong to it, as the later
lines of a Markdown list item do (an imported journal entry keeps its body so); a blank line
between such lines stays inside the bullet.

One rule says what is a bullet, for every reader of drafts (``is_bullet``; counting,
``parse_draft``, ``new``, ``show``, tags): a line that starts, after any indent, with ``- ``
or ``* `` and holds text beyond the moment it was added. Any other line (a heading, a note
typed by hand) is not a bullet: it is left in the draft as it is, and the indented lines
below it belong to it, not to the bullet above it.

Pure, and cheap to import: `weeknote bullet` writes such lines and counts them many times a
day, so this needs no dataclasses.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from weeknote.errors import NoteError, UsageError
from weeknote.weeks.days import UTC, datetime
from weeknote.writing.template import DEFAULT_SECTION

MAX_BULLET = 64 * 1024


# The moment a bullet was added, at the end of its line; compiled when first needed (a
# capture counts bullets without it: compiling is most of what this module costs it).
_ADDED = r"\s*<!-- (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)(?: ([A-Za-z0-9_-]{1,64}))? -->\s*$"


def stamp(now: datetime) -> str:
    """A moment as a draft line records it: UTC, to the second."""
    return now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@functools.cache
def _added() -> re.Pattern[str]:
    return re.compile(_ADDED)  # compiled when first needed, once


def split_added(line: str) -> tuple[str, str]:
    """A draft line without its added-moment comment, and the moment ("" if none)."""
    found = _added().search(line)
    if found is None:
        return line, ""
    return line[: found.start()], found.group(1)


def source_of(line: str) -> str:
    """The source a gathered bullet's line names after its moment ("" if none)."""
    found = _added().search(line)
    return (found.group(2) or "") if found is not None else ""


# The lines git leaves around a conflict: "<<<<<<< ours" ... ">>>>>>> theirs". Both ends are
# needed, so a Markdown heading underlined with "=======" is not taken for one.
_CONFLICT_START = r"^<{7}(?: |$)"
_CONFLICT_END = r"^>{7}(?: |$)"


def conflict_line(text: str) -> int | None:
    """The line where a git conflict starts in ``text``, if it holds one."""
    if "<<<<<<<" not in text:
        return None
    start = re.search(_CONFLICT_START, text, re.MULTILINE)
    end = re.compile(_CONFLICT_END, re.MULTILINE)  # compiled once, by re's own cache
    if start is None or end.search(text, start.end()) is None:
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


def draft_line(section: str, text: str, added: str = "", source: str = "") -> str:
    """A bullet as its draft keeps it; the lines of a text after its first (each indented,
    see draft_items) follow the line that carries the moment (and the source it was
    gathered from, if it was)."""
    first, newline, rest = text.partition("\n")
    body = first if section == DEFAULT_SECTION else f"#{section} {first}"
    mark = f"{added} {source}" if source else added
    line = f"- {body} <!-- {mark} -->\n" if added else f"- {body}\n"
    return line + rest + newline if rest else line


def continues(line: str) -> bool:
    """Whether a line below a bullet belongs to it: indented by two spaces or a tab."""
    return line[:2] == "  " or line[:1] == "\t"


def draft_items(text: str) -> list[tuple[int, str, list[str]]]:
    """Each item of a draft: the number of its first line, that line, and the lines below it
    that belong to it (indented, with any blank lines between them; trailing spaces off).
    Every line that belongs to no item above starts one; is_bullet says which are bullets."""
    items: list[tuple[int, str, list[str]]] = []
    blank = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line:
            blank += 1
        elif items and continues(line):
            items[-1][2].extend([""] * blank + [line])
            blank = 0
        else:
            items.append((number, line, []))
            blank = 0
    return items


def split_section(text: str, sections: Sequence[str]) -> tuple[str, str]:
    """A leading ``#name`` word that names a section files the bullet there."""
    if text.startswith("#"):
        word, _, rest = text.partition(" ")
        name = word[1:].lower()
        if name in sections and rest.strip():
            return name, rest.strip()
    return DEFAULT_SECTION, text


def refuse_conflict(text: str, source: str) -> None:
    """A NoteError naming the line where git's conflict markers start, if the text has them."""
    marker = conflict_line(text)
    if marker is not None:
        raise NoteError(
            f"{source}, line {marker}: git conflict markers: keep the lines you want, delete "
            "the marker lines, then run this again"
        )


def is_bullet(line: str) -> bool:
    """Whether a draft's line starts a bullet: ``- `` or ``* `` after any indent, then text
    beyond the moment it was added."""
    line = line.strip()
    if line[:2] not in ("- ", "* "):
        return False
    rest = line[2:].lstrip()
    # the moment's pattern is compiled only for a line that may hold nothing else
    return bool(rest) and (not rest.startswith("<!--") or bool(split_added(rest)[0]))


def count_bullets(text: str, source: str = "draft") -> int:
    """How many bullets a draft's text holds, as parse_draft reads them (is_bullet says
    which lines start one); a draft with conflict markers is a NoteError."""
    refuse_conflict(text, source)
    return sum(1 for _, line, _ in draft_items(text) if is_bullet(line))
