"""What every exporter takes: the notes to publish, as Items, and the Options."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from weeknote.note import Note
from weeknote.store import NoteEntry

_FIRST_HEADING = re.compile(r"\s*#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*(?:\n|$)")


@dataclass(frozen=True)
class Item:
    """One note to publish: its index entry (file name, dates), its full text, and the
    stable id its permalink is made from (the week id, made unique if two files share it)."""

    entry: NoteEntry
    note: Note
    slug: str

    @property
    def year(self) -> str:
        return self.note.week[:4]

    @property
    def body(self) -> str:
        """The body to show under the title: a first heading that only repeats the title
        (as notes written by hand begin) is left out."""
        body = self.note.body
        first = _FIRST_HEADING.match(body)
        if first and first.group(1) == self.note.title:
            return body[first.end() :].lstrip("\n")
        return body


@dataclass(frozen=True)
class Options:
    title: str = "Weeknotes"
    base_url: str = ""


Output = str | Mapping[str, str]
Exporter = Callable[[Sequence[Item], Options], Output]
