"""The plain-text archive: weeknotes copied out of a blog into one file, split and dated.

Pure: text and values in, values out, no clock and no disk.

Splitting. A *title line* is a line in any form ``titles.read_title`` reads::

    Weeknote w/c 15 July: subtitle            w/c 4 and 11 March: subtitle
    2019.30 Subtitle                          2019.52-2020.01: over New Year
    Week 19, 2024: subtitle                   ## 2024.19
    Weeknote #42: subtitle                    Busy days (w/c 3 June)

that stands at the start of the file or after a blank line, and is followed by a blank
line or the end of the file. Everything after that blank line, up to the blank line
before the next title, is the note's body, kept verbatim: ``archive.join`` of the notes
gives the archive back. A sentence such as "w/c 4 March was busy" is not a title (it does
not end or carry on with a colon), nor is a title-shaped line inside a paragraph, nor a
line whose week comes late and that ends as a sentence does ("We met (w/c 3 June).").

A line that stands alone and starts like a title ("Weeknote…", "Week 3: …", "2019.5 …",
a Markdown heading naming a week) but names no week that can be read, or names one that
does not exist ("2019.53"), is never folded silently into the note above: the archive is
refused, naming the line, unless ``lenient``, when the line stays in that note's body and
is reported as a warning.

Dating. Titles with days or weeks are dated by ``archive_dating.date_archive``. A numbered
series ("Weeknote #42") is dated by the week a note's body states near its top
(``dating.body_date``), else by ``--anchor 50=2024-W01`` (number 50 is that week and the
numbers count weeks from there), else refused. A dated title line straight after a
numbered title ("Weeknote #42", then "Week commencing Monday, 1 January 2024") is the first
line of that note's body, not a note of its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from types import MappingProxyType

from weeknote.errors import ImportFailure, UsageError
from weeknote.imports.archive_dating import (
    FIRST_YEAR,
    DatedNote,
    Dating,
    RawNote,
    check_year,
    date_archive,
)
from weeknote.imports.dating import body_date
from weeknote.imports.model import BY_ANCHOR, BY_BODY, DatedPost, Post
from weeknote.imports.titles import TitleWeeks, WrittenDate, read_title
from weeknote.weeks.week import Week

_SENTENCE_END = re.compile(r"[.!?]['\"\u2019\u201d)]*\s*$")
# what starts a title: a line that stands alone, starts so and names no week is refused
_TITLE_START = re.compile(
    r"\s*(?:week\s?-?notes?\b"
    r"|(?:19|20)\d\d\.\d"
    r"|#{1,6}\s+(?=.*\d)(?:.*\b(?:week|w/[ceb]|kw)\b|[\d\s.\-\u2013/w]+$)"
    r"|(?:weeks?|w/[ceb]|kw)\b.*(?::|\s[-\u2013\u2014]\s))",
    re.IGNORECASE,
)
LOOKS_LONGEST = 100  # a longer line is a paragraph, however it starts
NO_ANCHORS: Mapping[int, Week] = MappingProxyType({})
_YEARLESS_WEEKS = "names week numbers without a year, which an archive cannot place"


@dataclass(frozen=True)
class ArchiveDating:
    """An archive's notes, dated, in its order; how their years were found; and the lines
    that looked like titles but were kept as text (with ``lenient``)."""

    notes: list[DatedPost]
    reason: str
    warnings: list[str]


# -- title lines ------------------------------------------------------------------------------


def _read_line(line: str, week_start: str) -> TitleWeeks | None:
    found = read_title(line, week_start=week_start)
    if found is not None and not found.at_start and _SENTENCE_END.search(line):
        return None  # "We met (w/c 3 June)." is prose that mentions a week
    if found is not None and found.numbers is not None:
        # a post's published date places "Weeks 24-27"; an archive's text has none
        return replace(found, numbers=None, problem=_YEARLESS_WEEKS)
    return found


def _raw(line: str, found: TitleWeeks) -> RawNote:
    ends = (found.weeks[0], found.weeks[-1]) if found.weeks else ()
    return RawNote(
        re.sub(r"^\s*#{1,6}\s+", "", line),
        "",
        dates=found.days,
        year_weeks=tuple((week.year, week.number) for week in ends),
        kind=found.kind,
        number=found.number,
        weeks_span=found.weeks_span,
    )


def parse_title(line: str, week_start: str = "monday") -> RawNote | None:
    """What a title line says (with an empty body), or None if the line is not a title
    or names a week that does not exist."""
    line = line.rstrip("\r\n")
    found = _read_line(line, week_start)
    if found is None or found.problem:
        return None
    return _raw(line, found)


def looks_like_title(line: str) -> bool:
    """Whether a line that stands alone starts as titles do: a line that does, yet is not
    a title, is reported rather than kept quietly in the note above."""
    text = line.strip()
    return (
        0 < len(text) <= LOOKS_LONGEST
        and not _SENTENCE_END.search(text)
        and _TITLE_START.match(text) is not None
    )


# -- splitting --------------------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    """The lines of ``text`` with their "\\n" (only "\\n" ends a line, unlike splitlines)."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _blank(line: str) -> bool:
    return not line.strip()


def _doubtful(source: str, index: int, line: str, problem: str | None) -> str:
    title = line.strip()
    if problem:
        return f'{source}, line {index + 1}: "{title}" {problem}'
    return (
        f'{source}, line {index + 1}: "{title}" looks like a title but names no week '
        "weeknote can read"
    )


def _states_week_of(titles: Sequence[tuple[int, RawNote]], index: int, found: TitleWeeks) -> bool:
    """Whether a dated title line is the first line of a numbered note's body."""
    if not titles or found.number is not None:
        return False
    previous, raw = titles[-1]
    return raw.number is not None and previous == index - 2


def split_archive(
    text: str, source: str = "archive", *, lenient: bool = False, week_start: str = "monday"
) -> tuple[list[RawNote], list[str]]:
    """The notes of an archive, in its order, each with its title line and verbatim body,
    and a warning for each line kept as text although it looks like a title.

    Raises ImportFailure when there is no title, when text comes before the first one (it
    would belong to no note), or, unless ``lenient``, when a line looks like a title but
    is not one that can be read."""
    lines = _lines(text)
    titles: list[tuple[int, RawNote]] = []
    doubtful: list[str] = []
    shaped = None
    for index, line in enumerate(lines):
        before = index == 0 or _blank(lines[index - 1])
        after = index + 1 == len(lines) or _blank(lines[index + 1])
        found = _read_line(line.rstrip("\r\n"), week_start)
        if found is not None and not found.problem:
            if before and after and _states_week_of(titles, index, found):
                continue  # "Weeknote #42", then "Week commencing 1 January 2024": its date
            if before and after:
                titles.append((index, _raw(line.rstrip("\r\n"), found)))
            elif shaped is None:
                shaped = index
        elif before and after and (found is not None or looks_like_title(line)):
            doubtful.append(_doubtful(source, index, line, found.problem if found else None))
    if doubtful and not lenient:
        more = len(doubtful) - 1
        also = f" ({more} more line{'s' if more > 1 else ''} like it)" if more else ""
        raise ImportFailure(
            f"{doubtful[0]}{also}: correct it to a title such as 'Weeknote w/c 15 July: "
            "subtitle' or '2019.30 Subtitle', or pass --lenient to keep it as text of the "
            "note above"
        )
    if not titles:
        hint = (
            f" (line {shaped + 1} looks like one but needs a blank line before and after it)"
            if shaped is not None
            else ""
        )
        raise ImportFailure(
            f"{source} holds no weeknote title{hint}: titles are lines such as "
            "'Weeknote w/c 15 July: subtitle' or '2019.30 Subtitle', each with a blank line "
            "before and after it"
        )
    first = titles[0][0]
    stray = next((i for i in range(first) if not _blank(lines[i])), None)
    if stray is not None:
        raise ImportFailure(
            f"{source}, line {stray + 1}: text before the first title would belong to no note: "
            "delete it or give it a title line"
        )
    notes = []
    for position, (index, parsed) in enumerate(titles):
        end = titles[position + 1][0] - 1 if position + 1 < len(titles) else len(lines)
        body = "".join(lines[index + 2 : end])
        if body and not body.endswith("\n"):
            body += "\n"
        notes.append(replace(parsed, body=body, line=index + 1))
    warnings = [f"{line}, so it is kept as text of the note above" for line in doubtful]
    return notes, warnings


def split(text: str, source: str = "archive") -> list[RawNote]:
    """The notes of an archive (``split_archive`` without ``lenient``)."""
    return split_archive(text, source)[0]


# -- numbered series --------------------------------------------------------------------------


def parse_anchor(text: str, week_start: str = "monday") -> tuple[int, Week]:
    """``--anchor 50=2024-W01``: note number 50 is week 2024-W01."""
    match = re.fullmatch(r"\s*#?(\d{1,6})\s*=\s*(\S+)\s*", text)
    if not match:
        raise UsageError(
            f"--anchor {text!r} is not NUMBER=WEEK: give a note's number and its week, "
            "e.g. --anchor 50=2024-W01"
        )
    try:
        week = Week.from_id(match[2], week_start)
    except UsageError as error:
        raise UsageError(f"--anchor {text}: {error.message}") from None
    return int(match[1]), week


def _numbered(raw: RawNote, source: str, anchors: Mapping[int, Week], week_start: str) -> DatedNote:
    number = raw.number if raw.number is not None else 0
    day = body_date(raw.body)
    if day is not None:
        return DatedNote(raw, (Week.of(day, week_start),), source, BY_BODY)
    if not anchors:
        raise ImportFailure(
            f'{source}, line {raw.line}: "{raw.title}" is numbered, not dated: add '
            f"--anchor {number}=YYYY-Www (the week of note {number}; the others count from "
            "it) or a line near the top of its body such as 'Week commencing Monday, "
            "1 January 2024'"
        )
    # the nearest anchor, so a series that skipped a week is set right by a second one
    known = min(anchors, key=lambda n: (abs(n - number), n))
    week = Week(anchors[known].year, anchors[known].number, week_start == "sunday")
    try:
        return DatedNote(raw, (week + (number - known),), source, BY_ANCHOR)
    except UsageError:
        raise ImportFailure(
            f'{source}, line {raw.line}: --anchor {known}={week.id} puts "{raw.title}" '
            "outside the calendar: check the anchor"
        ) from None


def _anchor_reason(anchors: Mapping[int, Week]) -> str:
    return ", ".join(f"--anchor {n}={week.id}" for n, week in sorted(anchors.items()))


# -- the archive, dated -----------------------------------------------------------------------


def date_notes(
    text: str,
    source: str,
    *,
    today: date,
    year: int | None,
    week_start: str,
    anchors: Mapping[int, Week] = NO_ANCHORS,
    lenient: bool = False,
) -> tuple[Dating, list[str]]:
    """Split ``text`` and date every note (see the module docstring), in the archive's
    order, with the warnings ``split_archive`` gives."""
    check_year(year)
    notes, warnings = split_archive(text, source, lenient=lenient, week_start=week_start)
    calendar = [raw for raw in notes if raw.number is None]
    series = [raw for raw in notes if raw.number is not None]
    reasons = []
    newest_first = True
    found: dict[int, DatedNote] = {}
    if calendar:
        dating = date_archive(
            calendar, text=text, source=source, today=today, year=year, week_start=week_start
        )
        found.update((item.raw.line, item) for item in dating.notes)
        newest_first, reason = dating.newest_first, dating.reason
        reasons.append(reason)
    if series:
        numbered = [_numbered(raw, source, anchors, week_start) for raw in series]
        found.update((item.raw.line, item) for item in numbered)
        hows = {item.how for item in numbered}
        if BY_BODY in hows:
            reasons.append("the weeks numbered notes state in their bodies")
        if BY_ANCHOR in hows:
            reasons.append(_anchor_reason(anchors))
        if not calendar:
            newest_first = (series[0].number or 0) >= (series[-1].number or 0)
    dated = [found[raw.line] for raw in notes]
    return Dating(dated, newest_first, "; ".join(reasons)), warnings


def read_archive_text(
    text: str,
    source: str,
    *,
    today: date,
    year: int | None,
    week_start: str,
    anchors: Mapping[int, Week] = NO_ANCHORS,
    lenient: bool = False,
) -> ArchiveDating:
    """Every note of a plain-text archive as a dated post: ``post.origin`` is
    "<source>, line N", ``post.title`` the title line, ``post.body`` the body verbatim."""
    dating, warnings = date_notes(
        text,
        source,
        today=today,
        year=year,
        week_start=week_start,
        anchors=anchors,
        lenient=lenient,
    )
    notes = [
        DatedPost(
            Post(item.raw.title, item.raw.body, item.where), item.weeks, item.how, item.raw.number
        )
        for item in dating.notes
    ]
    return ArchiveDating(notes, dating.reason, warnings)


__all__ = [
    "FIRST_YEAR",
    "ArchiveDating",
    "DatedNote",
    "Dating",
    "RawNote",
    "WrittenDate",
    "check_year",
    "date_archive",
    "date_notes",
    "looks_like_title",
    "parse_anchor",
    "parse_title",
    "read_archive_text",
    "split",
    "split_archive",
]
