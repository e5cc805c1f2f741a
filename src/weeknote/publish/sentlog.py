"""Who a note was sent to, kept in its front matter:

    sent = [{to = "ann@example.org", date = 2026-11-20T09:00:00Z}]

(in a note with YAML front matter, ``sent: [{to: "ann@example.org", date: …}]``).

Recording a send changes that one line and nothing else: the line is replaced where it is
(or added at the end of the front matter, or at its top when tables end it), so every other
byte of the file, the body above all, stays as it was. The new text is read back and must
be the same note with the new sends, or nothing is written. Pure: text in, text out.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from weeknote.errors import NoteError
from weeknote.folder.note import FENCE, Note, kind_of, parse, split_front_matter, with_key

KEY = "sent"
_SENT_LINE = re.compile(rf"[ \t]*{KEY}[ \t]*=")
SHAPE = '[{to = "ann@example.org", date = 2026-11-20T09:00:00Z}]'


@dataclass(frozen=True)
class Send:
    to: str
    at: datetime  # aware

    @property
    def day(self) -> date:
        return self.at.astimezone(UTC).date()


def sends(note: Note, source: str) -> list[Send]:
    """The sends recorded in ``note``, oldest first."""
    value = note.extra.get(KEY)
    if value is None:
        return []
    problem = NoteError(
        f"{source}: front matter {KEY!r} must be a list such as {SHAPE}: fix that line of the note"
    )
    if not isinstance(value, list):
        raise problem
    found = []
    for each in value:
        if not isinstance(each, dict) or not isinstance(each.get("to"), str):
            raise problem
        at = each.get("date")
        if isinstance(at, datetime):
            at = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
        elif isinstance(at, date):
            at = datetime(at.year, at.month, at.day, tzinfo=UTC)
        else:
            raise problem
        found.append(Send(each["to"], at))
    return found


def _toml_string(text: str) -> str:
    import tomli_w

    return tomli_w.dumps({"v": text})[len("v = ") :].rstrip("\n")


def sent_line(all_sends: Sequence[Send]) -> str:
    stamps = (each.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") for each in all_sends)
    items = (
        f"{{to = {_toml_string(each.to)}, date = {stamp}}}"
        for each, stamp in zip(all_sends, stamps, strict=True)
    )
    return f"{KEY} = [{', '.join(items)}]"


def with_sends(text: str, source: str, fallback_week: str | None, added: Sequence[Send]) -> str:
    """The note's file text with ``added`` recorded after its earlier sends."""
    note = parse(text, source, fallback_week)
    wanted = [*sends(note, source), *added]
    line = sent_line(wanted)
    if note.front_matter == "yaml" and kind_of(text) == "yaml":  # kept in its own kind
        value = [{"to": each.to, "date": each.at.astimezone(UTC)} for each in wanted]
        recorded = with_key(text, source, KEY, value, fallback_week)
        if recorded is not None:
            return recorded
        raise NoteError(
            f"{source}: cannot add {KEY}: … to its front matter and keep the rest as it is: "
            "add the sends to the front matter by hand"
        )
    front, _, _ = split_front_matter(text, source)
    if front is None:  # written by hand: front matter that keeps its week and title
        head = [f"title = {_toml_string(note.title)}", f'week = "{note.week}"', line]
        candidates = [f"{FENCE}\n" + "".join(f"{each}\n" for each in head) + f"{FENCE}\n\n" + text]
    else:
        start = text.index("\n") + 1
        end = start + len(front)
        candidates = [text[:start] + edited + text[end:] for edited in _edits(front, line)]
    for candidate in candidates:
        if _same_note(candidate, source, fallback_week, note, wanted):
            return candidate
    raise NoteError(
        f"{source}: cannot add {KEY} = … to its front matter and keep the rest as it is: "
        f"add the line {line} to the front matter by hand"
    )


def _edits(front: str, line: str) -> list[str]:
    """Ways to put ``line`` in the front matter, best first: in place of the ``sent`` key
    already there, else at its end, else at its top (before any table)."""
    lines = front.splitlines(keepends=True)
    eol = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    for index, current in enumerate(lines):
        if _SENT_LINE.match(current):
            for last in range(index, len(lines)):
                try:
                    tomllib.loads("".join(lines[index : last + 1]))
                except tomllib.TOMLDecodeError:
                    continue
                return ["".join([*lines[:index], line + eol, *lines[last + 1 :]])]
    ending = "" if not front or front.endswith("\n") else eol
    return [front + ending + line + eol, line + eol + front]


def _same_note(
    text: str, source: str, fallback_week: str | None, note: Note, wanted: list[Send]
) -> bool:
    try:
        again = parse(text, source, fallback_week)
        recorded = sends(again, source)
    except NoteError:
        return False
    rest = {key: value for key, value in again.extra.items() if key != KEY}
    before = {key: value for key, value in note.extra.items() if key != KEY}
    same = (again.week, again.weeks, again.title, again.date, again.body, again.tags) == (
        note.week,
        note.weeks,
        note.title,
        note.date,
        note.body,
        note.tags,
    )
    return same and rest == before and recorded == wanted
