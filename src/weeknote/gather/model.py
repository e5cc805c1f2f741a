"""What a source gives `weeknote gather`: candidates, each a bullet it could draft."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Candidate:
    """One thing that happened on a day, as a bullet it could become."""

    day: date
    kind: str  # the source's kind: "git", "calendar"
    source: str  # the repository's or calendar's name, as the list shows it
    text: str  # the bullet it would be
    members: tuple[str, ...]  # what it stands for: commit hashes, an event's uid and start
    when: str = ""  # sorts it within its day (a time, "" for a whole day)
    private: bool = False  # a private event: "busy", drafted only when picked by number

    @property
    def id(self) -> str:
        """A stable name for it, kept in the trailing comment of the bullet it becomes."""
        digest = hashlib.sha1("\n".join(sorted(self.members)).encode()).hexdigest()
        return f"{self.kind[:3]}-{digest[:10]}"


@dataclass
class Reading:
    """What the sources gave: candidates, and a warning line for each source that could
    not be read (the others are read all the same)."""

    candidates: list[Candidate] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    read: list[str] = field(default_factory=list)  # the sources read, by name
    covered: set[str] = field(default_factory=set)  # members drafted or passed over already


def plain(text: str) -> str:
    """Text from a source as one line of a bullet: control characters (an escape sequence in
    a commit subject would act on the terminal that shows it) and runs of space made one."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def shortened(text: str, limit: int) -> str:
    """``text`` cut to about ``limit`` characters, at a word's end, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:") + "…"


@dataclass(frozen=True)
class Request:
    """What every source is read for: the days (of one week, up to today), the week's
    first and last day, the person's addresses, and the config's filters."""

    days: tuple[date, ...]
    first: date
    last: date
    emails: tuple[str, ...]
    leave_out: tuple[str, ...] = ()
    hours: tuple[int, int] | None = None
    cache_dir: str = ""
