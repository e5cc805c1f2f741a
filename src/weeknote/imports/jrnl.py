"""jrnl journals in: each entry becomes a drafted bullet of its day.

jrnl (https://jrnl.sh) keeps a journal as plain text, an entry starting on a line such as
``[2024-05-13 09:15:00 AM] Title. *`` (its ``timeformat``; jrnl 4's default is "%F %r", older
ones "%Y-%m-%d %H:%M"), a star at the end of that line for a starred entry, the body on the
lines below until the next entry. ``jrnl --export json`` gives ``{"tags": {...}, "entries":
[{"title", "body", "date", "time", "tags", "starred"}]}``. Both are read here.

An entry's title is the bullet and its body the bullet's indented lines below it (see
draftline.py); jrnl's ``@tags`` are written ``#tags``, so that weeknote's tags see them. The
entry's own time is the bullet's moment, so a day's entries keep their order among the
bullets captured that day. An entry the day's draft already holds is not added again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from weeknote.errors import ImportFailure
from weeknote.folder.note import without_controls
from weeknote.folder.store import Store
from weeknote.weeks.week import Week

_AGAIN = "export it again with: jrnl --export json > journal.json"

# An entry's first line: "[2024-05-13 09:15:00 AM] Title", "[2024-05-13 09:15] Title".
_HEADER = re.compile(
    r"\[(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AaPp][Mm]))?\](?: (.*)|$)"
)
# A line that starts the way an entry does but whose time cannot be read.
_DATED = re.compile(r"\[\d{4}-\d{2}-\d{2}[^\]]*\] ")
# jrnl's own tag pattern (Entry.tag_regex with its default tag symbols "#@").
_TAG = re.compile(r"(?<!\S)[@#][-+*#/\w]+")
_AT_TAG = re.compile(r"(?<!\S)@(?=[^\W_])")
# Raw HTML (a <script>, a comment that would read as a bullet's moment) is kept as text.
_HTML = re.compile(r"<(?=[A-Za-z/!?])")
_UNSAFE_LINK = re.compile(
    r"\]\(\s*(?:javascript|vbscript|data|file):[^()\s]*(?:\([^()]*\)[^()\s]*)*\)", re.IGNORECASE
)


@dataclass(frozen=True)
class JrnlEntry:
    """One entry of a journal, as jrnl reads it."""

    day: date
    time: str  # "HH:MM", 24-hour
    title: str  # its first line (jrnl's title: the first sentence, when the entry was made)
    body: str  # the lines after it, without blank lines at either end
    tags: tuple[str, ...]  # as jrnl gives them: "@work", lower case
    starred: bool
    origin: str  # "journal.txt, line 12", "journal.json, entry 3"

    def __post_init__(self) -> None:
        # As a post's text is (see model.Post): no control characters from outside.
        set_text = object.__setattr__  # frozen
        set_text(self, "title", without_controls(self.title, line=True))
        set_text(self, "body", without_controls(self.body))
        set_text(self, "tags", tuple(without_controls(tag, line=True) for tag in self.tags))


@dataclass(frozen=True)
class WeekImport:
    """What a journal brings to one week's drafts."""

    week: Week
    added: int  # entries added to its drafts (with a dry run: that would be)
    present: int  # entries its drafts already held
    days: tuple[date, ...]  # the days whose drafts get entries
    note: str | None = None  # the note already covering it: its entries are late bullets


@dataclass(frozen=True)
class JrnlImport:
    weeks: tuple[WeekImport, ...]  # oldest first
    dry_run: bool
    paths: tuple[Path, ...] = ()  # the drafts written (none in a dry run)
    left_out: tuple[tuple[str, str], ...] = ()  # (origin, why)

    @property
    def added(self) -> int:
        return sum(week.added for week in self.weeks)

    @property
    def present(self) -> int:
        return sum(week.present for week in self.weeks)


# -- reading -----------------------------------------------------------------------------------


def read_journal(path: Path) -> list[JrnlEntry]:
    """Every entry of a jrnl journal file or of its JSON export, in the file's order."""
    from weeknote.imports.source import read_archive

    text = read_archive(path)
    if text.lstrip().startswith("{"):
        return _from_json(text, str(path))
    return _from_text(text, str(path))


def _from_text(text: str, name: str) -> list[JrnlEntry]:
    entries: list[JrnlEntry] = []
    start: tuple[int, date, str, str, bool] | None = None
    body: list[str] = []

    def finish() -> None:
        if start is not None:
            number, day, time, title, starred = start
            entries.append(
                _entry(day, time, title, "\n".join(body), starred, f"{name}, line {number}")
            )

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        found = _HEADER.match(line)
        if found is None and start is None and line.strip():
            raise ImportFailure(
                f"{name}, line {number}: not the first line of a jrnl entry, such as "
                "[2024-05-13 09:15] Title: name the journal file itself, or if it uses a "
                f"timeformat of its own, {_AGAIN}"
            )
        if found is None:
            if _DATED.match(line):
                raise ImportFailure(
                    f"{name}, line {number}: the time of this entry cannot be read: {_AGAIN}"
                )
            body.append(line)
            continue
        finish()
        day, time = _when(found, f"{name}, line {number}")
        title = found.group(8) or ""
        starred = title.endswith("*")
        if starred:
            title = title[:-1].rstrip()
        start, body = (number, day, time, title.strip(), starred), []
    finish()
    return entries


def _when(found: re.Match[str], where: str) -> tuple[date, str]:
    year, month, day, hour, minute = (int(found.group(n)) for n in range(1, 6))
    meridian = (found.group(7) or "").lower()
    if meridian:
        if not 1 <= hour <= 12:
            raise ImportFailure(f"{where}: {hour} is no hour of a 12-hour clock: fix the line")
        hour = hour % 12 + (12 if meridian == "pm" else 0)
    try:
        moment = datetime(year, month, day, hour, minute)
    except ValueError as exc:
        written = found.group(0)
        written = written[: written.find("]") + 1] if "]" in written else written.strip()
        raise ImportFailure(f"{where}: {written} is no real time ({exc}): fix the line") from None
    return moment.date(), f"{moment:%H:%M}"


def _entry(day: date, time: str, title: str, body: str, starred: bool, origin: str) -> JrnlEntry:
    body = body.strip("\n")
    tags = dict.fromkeys(tag.lower() for tag in _TAG.findall(f"{title}\n{body}"))
    return JrnlEntry(day, time, title, body, tuple(tags), starred, origin)


def _from_json(text: str, name: str) -> list[JrnlEntry]:
    import json

    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailure(
            f"{name}, line {exc.lineno}: not valid JSON ({exc.msg}): {_AGAIN}"
        ) from None
    except RecursionError:
        raise ImportFailure(f"{name}: nested too deeply to be a jrnl export: {_AGAIN}") from None
    items = doc.get("entries") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        raise ImportFailure(f'{name}: no "entries" list, so not a jrnl export: {_AGAIN}')
    return [_json_entry(item, f"{name}, entry {n}") for n, item in enumerate(items, start=1)]


def _json_entry(item: Any, where: str) -> JrnlEntry:
    if not isinstance(item, dict):
        raise ImportFailure(f"{where}: not an object with a date and a title: {_AGAIN}")
    title, body = item.get("title", ""), item.get("body", "")
    stamp, time = item.get("date"), item.get("time", "00:00")
    tags, starred = item.get("tags", []), item.get("starred", False)
    if not isinstance(stamp, str) or not isinstance(time, str):
        raise ImportFailure(f'{where}: "date" and "time" should be text: {_AGAIN}')
    try:
        moment = datetime.strptime(f"{stamp} {time}", "%Y-%m-%d %H:%M")
    except ValueError:
        raise ImportFailure(
            f'{where}: date {stamp!r} and time {time!r} are not "YYYY-MM-DD" and "HH:MM": {_AGAIN}'
        ) from None
    if not isinstance(title, str) or not isinstance(body, str):
        raise ImportFailure(f'{where}: "title" and "body" should be text: {_AGAIN}')
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise ImportFailure(f'{where}: "tags" should be a list of words: {_AGAIN}')
    title = " ".join(title.split())
    body = "\n".join(line.rstrip() for line in body.splitlines()).strip("\n")
    return JrnlEntry(
        moment.date(), f"{moment:%H:%M}", title, body, tuple(tags), starred is True, where
    )


# -- drafting ----------------------------------------------------------------------------------


def bullet_text(entry: JrnlEntry) -> str:
    """The entry as a drafted bullet: its title, then its body's lines indented under it
    ("" for an entry with neither)."""
    lines = [_safe(line.rstrip()) for line in entry.body.splitlines()]
    title = _safe(" ".join(entry.title.split()))
    if not title:
        while lines and not lines[0].strip():
            lines.pop(0)
        title = " ".join(lines.pop(0).split()) if lines else ""
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    below = [f"  {line}" if line.strip() else "" for line in lines]
    return "\n".join([title, *below]) if title else ""


def _safe(text: str) -> str:
    """A journal's line as a note may hold it: @tags as #tags, raw HTML and script links as
    plain text."""
    text = _UNSAFE_LINK.sub("]", _HTML.sub("&lt;", text))
    return _AT_TAG.sub("#", text)


def import_entries(store: Store, entries: Sequence[JrnlEntry], *, dry_run: bool) -> JrnlImport:
    """Draft each entry on its day, unless that day's draft holds it already. A week that
    has a note gets its entries drafted too: they are that note's late bullets, which
    `show` counts and `new WEEK --update` adds."""
    from weeknote.folder.bullets import stamp

    by_day: dict[date, list[tuple[str, str]]] = {}
    left_out = []
    for entry in entries:
        text = bullet_text(entry)
        if not text:
            left_out.append((entry.origin, "an empty entry"))
            continue
        hour, _, minute = entry.time.partition(":")
        moment = datetime(entry.day.year, entry.day.month, entry.day.day, int(hour), int(minute))
        by_day.setdefault(entry.day, []).append((text, stamp(moment)))
    weeks: dict[Week, list[tuple[date, int, int]]] = {}
    paths = []
    for day in sorted(by_day):
        filed = by_day[day]
        added = store.add_missing_bullets(day, filed, dry_run=dry_run)
        if added and not dry_run:
            paths.append(store.draft_path(day))
        weeks.setdefault(Week.of(day, store.week_start), []).append(
            (day, added, len(filed) - added)
        )
    found = []
    for week, days in weeks.items():
        note = store.find(week)
        found.append(
            WeekImport(
                week,
                sum(added for _, added, _ in days),
                sum(present for _, _, present in days),
                tuple(day for day, added, _ in days if added),
                note.name if note is not None else None,
            )
        )
    return JrnlImport(tuple(found), dry_run, tuple(paths), tuple(left_out))
