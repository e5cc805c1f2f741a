"""The folder at a glance, kept beside the index for `weeknote bullet`: which weeks have a
note (and when each note last took in its week's drafts), which weeks are breaks, and how
many weeks use each tag.

A bullet says when it lands in a written week or a break, and when its tag looks like a typo
of a tag used often; reading the index, let alone the notes, would cost each capture more
than all its work. This record answers all three in one small read. It is derived data in the
platform's cache folder (safe to delete), one line each::

    weeknote-summary 1 <the folder's mtime> <breaks.txt's mtime, or ->
    n<TAB>2026-W49.md<TAB>2026-W48,2026-W49<TAB>2026-12-04T16:02:11Z   a note, its weeks, taken in
    b<TAB>2026-W51<TAB>holiday                                         a break and its reason
    t<TAB>budget<TAB>2026-W44,2026-W47                                 a tag and the weeks using it
    +<TAB>budget<TAB>2026-W50                                          a tag a bullet used since
    m<TAB>2026-W49.md<TAB>2026-12-07T09:12:40Z                         a note took in its drafts
    s<TAB>1796624457829111854 -                                        the folder's stamp since

The first line says which folder it was made from: a note added, removed or renamed changes
the folder's mtime, a break declared changes breaks.txt's, and then the record is stale and
the full command makes it again from the index. ``+``, ``m`` and ``s`` lines are appended
(one locked write each) by `bullet` and by `new`; a later line wins. An ``s`` line is
written when a capture itself made the notes folder or its drafts folder: that changed the
folder's mtime, and nothing the record holds.

A bullet drafted after its note last took in the drafts (`new`, `new --update`) is late:
the note does not hold it. Moments are compared, not note bodies read, so a note written
elsewhere counts as taken in when this machine first saw it (its file's mtime then).
"""

from __future__ import annotations

import os

HEADER = "weeknote-summary 1"


class Summary:
    """What the record holds: {note name: (weeks, taken-in moment)}, {break week: reason},
    {tag: weeks using it}. Read from the record, its notes are parsed only when asked for
    whole: a capture asks only whether its own week has one."""

    __slots__ = (
        "_notes", "breaks", "tags", "tag_weeks", "stamp", "fresh", "kept", "_moments", "_text",
    )  # fmt: skip

    def __init__(
        self,
        notes: dict[str, tuple[tuple[str, ...], str]] | None,
        breaks: dict[str, str],
        tag_weeks: dict[str, str],
        stamp: str,
        fresh: bool = True,
        kept: bool = False,
        text: str = "",
    ) -> None:
        self._notes, self.breaks = notes, breaks
        self.tag_weeks = tag_weeks  # each tag's weeks, "2026-W44,2026-W47"
        # How many weeks use each tag: what a typo hint asks.
        self.tags = {tag: weeks.count(",") + 1 for tag, weeks in tag_weeks.items()}
        self.stamp = stamp  # the folder's when it was made (stamp_of), taken before reading it
        self.fresh = fresh  # made from the folder as it is now
        self.kept = kept  # read from the record (not made by this command)
        self._moments: dict[str, str] | None = None
        self._text = text  # the record's lines after the first, when read from it

    @property
    def notes(self) -> dict[str, tuple[tuple[str, ...], str]]:
        if self._notes is None:
            self._parse_notes()
        assert self._notes is not None
        return self._notes

    @property
    def moments(self) -> dict[str, str]:
        """Each note's taken-in moment, from every line: a note written since the record was
        made has one before it has an ``n`` line."""
        if self._moments is None:
            self._parse_notes()
        assert self._moments is not None
        return self._moments

    def _parse_notes(self) -> None:
        notes: dict[str, tuple[tuple[str, ...], str]] = {}
        moments: dict[str, str] = {}
        for kind, first, second in _lines_of("\n" + self._text, "nm"):
            if kind == "n":
                weeks, _, moment = second.partition("\t")
                notes[first] = (tuple(weeks.split(",")), moment)
                moments[first] = moment
            else:
                moments[first] = second
                if first in notes:
                    notes[first] = (notes[first][0], second)
        if self._notes is None:
            self._notes = notes
        else:
            moments.update({name: moment for name, (_, moment) in self._notes.items()})
        self._moments = moments

    def note_of(self, week_id: str) -> tuple[str, tuple[str, ...]] | None:
        """The note covering ``week_id`` and its weeks, if one does (found in the record's
        text when its notes have not been parsed: only the lines naming the week are read)."""
        if self._notes is not None:
            for name, (weeks, _) in self._notes.items():
                if week_id in weeks:
                    return name, weeks
            return None
        text, start = self._text, 0
        while (at := text.find(week_id, start)) >= 0:
            start = at + len(week_id)
            begin = text.rfind("\n", 0, at) + 1
            if text.startswith("n\t", begin):
                end = text.find("\n", at)
                _, name, listed, _ = text[begin : end if end >= 0 else None].split("\t", 3)
                if week_id in listed.split(","):
                    return name, tuple(listed.split(","))
        return None


def _lines_of(text: str, kinds: str) -> list[tuple[str, str, str]]:
    """(kind, first field, the rest) of each line of one of ``kinds`` in ``text`` (which
    starts with a line break), in order: found by searching, so a capture that asks for the
    few break and tag lines never splits the thousands of note lines."""
    found = []
    for kind in kinds:
        marker, start = f"\n{kind}\t", 0
        while (at := text.find(marker, start)) >= 0:
            end = text.find("\n", at + 1)
            line = text[at + 3 : end if end >= 0 else None]
            first, _, second = line.partition("\t")
            found.append((at, kind, first, second))
            start = at + 1
    return [(kind, first, second) for _, kind, first, second in sorted(found)]


def stamp_of(root: str) -> str:
    """What the header says of the folder: its mtime and breaks.txt's ("-" if none)."""
    try:
        folder = str(os.stat(root).st_mtime_ns)
    except OSError:
        folder = "-"
    try:
        breaks = str(os.stat(os.path.join(root, "breaks.txt")).st_mtime_ns)
    except OSError:
        breaks = "-"
    return f"{folder} {breaks}"


def read(path: str, root: str) -> Summary | None:
    """The record at ``path``, if it can be read (None: none, or damaged); ``fresh`` when it
    was made from ``root`` as it is now."""
    try:
        with open(path, encoding="utf-8", newline="\n") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return None
    head, _, rest = text.partition("\n")
    if not head.startswith(HEADER + " "):
        return None
    breaks: dict[str, str] = {}
    tag_weeks: dict[str, str] = {}
    used: dict[str, set[str]] = {}
    restamped = ""
    for kind, first, second in _lines_of("\n" + rest, "bt+s"):
        if kind == "b":
            breaks[first] = second
        elif kind == "t" and second:
            tag_weeks[first] = second
        elif kind == "+":
            used.setdefault(first, set()).add(second)
        elif kind == "s":
            restamped = first
    for tag, since in used.items():  # weeks a bullet used it in since, each once
        known = tag_weeks.get(tag, "")
        added = [week for week in sorted(since) if week not in known]
        if added:
            tag_weeks[tag] = ",".join(filter(None, (known, *added)))
    stamp = restamped or head[len(HEADER) + 1 :]
    return Summary(None, breaks, tag_weeks, stamp, stamp == stamp_of(root), True, rest)


def text_of(summary: Summary) -> str | None:
    """The record's text; None when a name or a tag cannot be kept on a line."""
    lines = [f"{HEADER} {summary.stamp}\n"]
    for name, (weeks, moment) in summary.notes.items():
        lines.append(f"n\t{name}\t{','.join(weeks)}\t{moment}\n")
    for week, reason in summary.breaks.items():
        lines.append(f"b\t{week}\t{' '.join(reason.split())}\n")
    for tag, used in summary.tag_weeks.items():
        lines.append(f"t\t{tag}\t{used}\n")
    if any(("\t" in name or "\n" in name) for name in summary.notes) or any(
        ("\t" in tag or "\n" in tag) for tag in summary.tag_weeks
    ):
        return None
    return "".join(lines)


def append(path: str, lines: list[str]) -> None:
    """Add ``+`` or ``m`` lines to the record; where there is none yet, they start one that
    is stale (its first line names no folder), so it is made whole before it is used, with
    them. Derived data: a failure only means it is made again."""
    if not lines:
        return
    from weeknote.errors import WeeknoteError
    from weeknote.folder.files import append_file

    head = "" if os.path.exists(path) else f"{HEADER} unstamped\n"
    try:  # not contextlib.suppress: importing contextlib costs a capture more than this
        if head:
            os.makedirs(os.path.dirname(path), exist_ok=True)
        append_file(path, head + "".join(lines))
    except (OSError, WeeknoteError):
        return


def restamp(path: str, root: str, summary: Summary) -> None:
    """A capture made the notes folder or its drafts folder, changing the folder's mtime and
    nothing the summary holds: say the summary is of the folder as it is now."""
    summary.stamp = stamp_of(root)
    if summary.kept:  # else made by this command, and written with the new stamp
        append(path, [f"s\t{summary.stamp}\n"])
