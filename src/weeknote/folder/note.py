"""The Note value: front matter, then a Markdown body.

The front matter is TOML between ``+++`` lines (as Hugo writes it) or YAML between ``---``
lines (as Obsidian, Jekyll and pandoc read it, see yamlmatter.py); each note keeps its own
kind whenever weeknote writes it again, and every command reads both in one folder.

Parsing and serialising only; no disk access. ``parse(serialise(note)) == note``
for any body, including bodies that hold ``+++`` or ``---`` lines of their own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from weeknote.errors import NoteError, UsageError
from weeknote.text.hashtags import find_tags, tag_key
from weeknote.weeks.week import Week, format_day

FENCE = "+++"
YAML_FENCE = "---"
KINDS = {"toml": FENCE, "yaml": YAML_FENCE}  # config note.front_matter: the kind new notes get
KNOWN_KEYS = ("title", "week", "weeks", "date", "tags")
# The moments a note was written and last changed by weeknote (RFC 3339, with an offset):
# the feed's published and updated, never taken from the clock or the file at export.
PUBLISHED, UPDATED = "published", "updated"
_FENCE_LINE = re.compile(r"^\+\+\+\r?$", re.MULTILINE)
# A note opens with YAML front matter when its first line is --- and the next a key (or a
# comment, or the closing fence): a note written by hand that opens with a rule does not.
_YAML_OPENING = re.compile(r"---\r?\n(?=---|\.\.\.|#|[\"']?[A-Za-z_][\w -]*[\"']?:)")
_YAML_CLOSE_LINE = re.compile(r"^(?:---|\.\.\.)\r?$", re.MULTILINE)
_HEADING = re.compile(r"#\s+(.+?)\s*#*\s*")
# Control characters a note's text has no use for (tab and newline aside), which a
# terminal would act on and a page or a feed should not hold.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]+")


@dataclass(frozen=True)
class Note:
    """One weeknote: which weeks it covers, its title and its body."""

    week: str
    weeks: tuple[str, ...]
    title: str
    date: date
    body: str
    tags: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)
    front_matter: str = "toml"  # "toml" (+++) or "yaml" (---): how its file writes it

    @property
    def words(self) -> int:
        return len(self.body.split())

    def all_tags(self) -> list[str]:
        """Front-matter tags and ``#tags`` written in the body, as tag_key gives them,
        first seen first."""
        seen: dict[str, None] = {}
        for tag in (*map(tag_key, self.tags), *find_tags(self.body)):
            if tag:
                seen.setdefault(tag, None)
        return list(seen)


def without_controls(text: str, line: bool = False) -> str:
    """``text`` without its control characters: the C0 controls but tab and newline (a
    Windows line end is left a newline), DEL and the C1 controls. With ``line`` (a title,
    a tag), a tab or a line break is a space, and the spaces left where controls were are
    one: it stays one line. What every imported note and every published one is made of."""
    if text.isprintable() or text.replace("\n", "").replace("\t", "").isprintable():
        # nearly every text: no control to drop (str methods, far quicker than the search)
        if line and ("\n" in text or "\t" in text):
            return " ".join(text.split())
        return text
    dropped = _CONTROLS.search(text) is not None
    if dropped:
        text = _CONTROLS.sub("", text)
    if line and (dropped or "\n" in text or "\t" in text):
        text = " ".join(text.split())
    return text


def kind_of(text: str) -> str | None:
    """The kind of front matter a note's text opens with ("toml", "yaml"), or None."""
    if text.startswith(FENCE) and _FENCE_LINE.match(text):
        return "toml"
    if text.startswith(YAML_FENCE) and _YAML_OPENING.match(text):
        return "yaml"
    return None


def split_front_matter(text: str, source: str) -> tuple[str | None, int, str]:
    """(front matter or None, the line the body starts on, body).

    The front matter runs from a first line ``+++`` to the next line that is only ``+++``
    (or from ``---`` to the next ``---`` or ``...``); one blank line after it is part of
    the fence, not of the body."""
    opening = _FENCE_LINE.match(text)
    closer = _FENCE_LINE
    if opening is None:
        opening = _YAML_OPENING.match(text) if text.startswith(YAML_FENCE) else None
        if opening is None:
            return None, 1, text
        closer = _YAML_CLOSE_LINE
    start = opening.end() + (closer is _FENCE_LINE)  # the YAML opening holds its line end
    closing = closer.search(text, start) if start <= len(text) else None
    if closing is not None:
        rest = min(closing.end() + 1, len(text))
        for blank in ("\n", "\r\n"):
            if text.startswith(blank, rest):
                rest += len(blank)
                break
        return text[start : closing.start()], text.count("\n", 0, rest) + 1, text[rest:]
    fence = text[:3]
    raise NoteError(
        f"{source}, line 1: the front matter opened with {fence} is never closed: "
        f"add a line holding only {fence} after it"
    )


def _fail(source: str, key: str, problem: str) -> NoteError:
    return NoteError(f"{source}: front matter {key!r} {problem}: fix that line of the note")


def _week_id(value: Any, source: str, key: str) -> str:
    if not isinstance(value, str):
        raise _fail(source, key, 'must be a week id such as "2026-W47"')
    try:
        return Week.from_id(value).id
    except UsageError as exc:
        raise _fail(source, key, f"is not a valid week ({exc.message})") from None


def parse(text: str, source: str, fallback_week: str | None = None) -> Note:
    """Read a note's text. ``source`` names it in errors; ``fallback_week`` comes from its
    file name and is used when the note has no front matter (a note written by hand)."""
    front, _, body = split_front_matter(text, source)
    if front is None:
        if fallback_week is None:
            raise NoteError(f"{source}: no front matter and no week in the file name")
        try:
            named = Week.from_id(fallback_week)
        except UsageError as exc:
            raise NoteError(f"{source}: {exc.message}: rename the file") from None
        first = text.lstrip("\n").split("\n", 1)[0]
        heading = _HEADING.fullmatch(first)
        title = heading.group(1) if heading else default_title([named])
        return Note(named.id, (named.id,), title, named.start, text)
    kind = "toml" if text.startswith(FENCE) else "yaml"
    meta = read_front(front, kind, source)
    week_value = meta.get("week", fallback_week)
    if week_value is None:
        raise _fail(source, "week", "is missing")
    week = _week_id(week_value, source, "week")
    raw_weeks = meta.get("weeks", [week])
    if not isinstance(raw_weeks, list) or not raw_weeks:
        raise _fail(source, "weeks", "must be a list of week ids")
    weeks = tuple(_week_id(item, source, "weeks") for item in raw_weeks)
    title = meta.get("title")
    if title is None:
        title = default_title([Week.from_id(w) for w in weeks])
    if not isinstance(title, str):
        raise _fail(source, "title", "must be a string")
    raw_date = meta.get("date")
    if raw_date is None:
        start = Week.from_id(weeks[0]).start
    elif isinstance(raw_date, datetime):
        start = raw_date.date()
    elif isinstance(raw_date, date):
        start = raw_date
    elif isinstance(raw_date, str):
        try:
            start = date.fromisoformat(raw_date[:10])
        except ValueError:
            raise _fail(source, "date", "must be a date such as 2026-11-16") from None
    else:
        raise _fail(source, "date", "must be a date such as 2026-11-16")
    tags = meta.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise _fail(source, "tags", "must be a list of strings")
    extra = {key: value for key, value in meta.items() if key not in KNOWN_KEYS}
    return Note(
        week=week,
        weeks=weeks,
        title=title,
        date=start,
        body=body,
        tags=tuple(tags),
        extra=extra,
        front_matter=kind,
    )


def read_front(front: str, kind: str, source: str) -> dict[str, Any]:
    """The keys of a front matter of ``kind``; NoteError naming the line if it is bad."""
    if kind == "yaml":
        from weeknote.folder import yamlmatter

        return yamlmatter.loads(front, source)
    import tomllib  # here: exports and reports read notes through the index, not this

    try:
        return tomllib.loads(front)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+)", str(exc))
        where = f"{source}, line {int(found.group(1)) + 1}" if found else source
        msg = re.sub(r" \(at (line|end).*\)$", "", str(exc))
        raise NoteError(
            f"{where}: bad front matter ({msg}): fix the TOML between the +++ lines"
        ) from None


def serialise(note: Note) -> str:
    """The note's file text: front matter of its kind, a blank line, then the body as it
    is."""
    if note.front_matter == "yaml":
        return f"{YAML_FENCE}\n{_yaml_front(note)}{YAML_FENCE}\n\n{note.body}"
    import tomli_w

    meta: dict[str, Any] = {
        "title": note.title,
        "week": note.week,
        "weeks": list(note.weeks),
        "date": note.date,
    }
    if note.tags:
        meta["tags"] = list(note.tags)
    meta.update(note.extra)
    # tomli-w writes every array over several lines; short lists of strings read better
    # inline, as Hugo's own examples write them. Tables must follow plain keys.
    lines = []
    tables = {}
    for key, value in meta.items():
        if isinstance(value, dict):
            tables[key] = value
        elif isinstance(value, list) and all(isinstance(item, str) for item in value):
            items = ", ".join(_toml_value(item) for item in value)
            lines.append(f"{_toml_key(key)} = [{items}]\n")
        elif isinstance(value, datetime):  # RFC 3339's T, as the feed and YAML write it
            lines.append(f"{_toml_key(key)} = {value.isoformat()}\n")
        else:
            lines.append(tomli_w.dumps({key: value}))
    if tables:
        lines.append(tomli_w.dumps(tables))
    return f"{FENCE}\n{''.join(lines)}{FENCE}\n\n{note.body}"


def with_key(
    text: str, source: str, key: str, value: Any, fallback_week: str | None = None
) -> str | None:
    """The note's file text with one front-matter key set to ``value`` in the note's own
    kind, every other byte as it was: the key's line is replaced where it is, or added at
    the end of the front matter (or at its top, when a TOML table ends it). The new text
    is read back and must be the same note with the new value; None when no edit gives
    that, or the note has no front matter (then nothing is written)."""
    kind = kind_of(text)
    front = split_front_matter(text, source)[0] if kind else None
    if kind is None or front is None:
        return None
    note = parse(text, source, fallback_week)
    if kind == "yaml":
        from weeknote.folder import yamlmatter

        line = f"{key}: {yamlmatter.inline(value)}"
    elif isinstance(value, datetime):
        line = f"{_toml_key(key)} = {value.isoformat()}"
    else:
        import tomli_w

        line = tomli_w.dumps({key: value}).rstrip("\n")
    start = text.index("\n") + 1
    end = start + len(front)
    rest = {name: each for name, each in note.extra.items() if name != key}
    for edited in _edits(front, key, line, kind):
        candidate = text[:start] + edited + text[end:]
        try:
            again = parse(candidate, source, fallback_week)
        except NoteError:
            continue
        kept = {name: each for name, each in again.extra.items() if name != key}
        if again.extra.get(key) == value and replace(again, extra=kept) == replace(
            note, extra=rest
        ):
            return candidate
    return None


def _edits(front: str, key: str, line: str, kind: str) -> list[str]:
    """Ways to put ``line`` in the front matter, best first."""
    lines = front.splitlines(keepends=True)
    eol = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    sign = "=" if kind == "toml" else ":"
    found = re.compile(rf"[\"']?{re.escape(key)}[\"']?[ \t]*{sign}")
    for index, current in enumerate(lines):
        if found.match(current):
            last = index + 1
            while last < len(lines) and (
                lines[last][:1] in (" ", "\t", "]", "}") or lines[last].startswith("- ")
            ):
                last += 1  # a value over several lines: a YAML block, a TOML array
            return ["".join([*lines[:index], line + eol, *lines[last:]])]
    ending = "" if not front or front.endswith("\n") else eol
    return [front + ending + line + eol, line + eol + front]


def _yaml_front(note: Note) -> str:
    """The YAML front matter: the keys Obsidian and Jekyll read first (title, date, tags),
    then weeknote's own."""
    from weeknote.folder import yamlmatter

    meta: dict[str, Any] = {"title": note.title, "date": note.date}
    if note.tags:
        meta["tags"] = list(note.tags)
    meta.update({"week": note.week, "weeks": list(note.weeks)})
    meta.update(note.extra)
    return yamlmatter.dumps(meta)


def _toml_value(value: str) -> str:
    import tomli_w

    return tomli_w.dumps({"v": value})[len("v = ") :].rstrip("\n")


def _toml_key(key: str) -> str:
    import tomli_w

    return tomli_w.dumps({key: 0}).rsplit(" = ", 1)[0]


def default_title(weeks: Sequence[Week], style: str = "wc", subtitle: str = "") -> str:
    """'Weeknote w/c 4 and 11 March' or '2026.47', as weeknote writers title them."""
    first, last = weeks[0], weeks[-1]
    if style == "yearweek":
        title = f"{last.year}.{last.number:02d}"
        if len(weeks) > 1:
            title = f"{first.year}.{first.number:02d}-{last.number:02d}"
            if first.year != last.year:
                title = f"{first.year}.{first.number:02d}-{last.year}.{last.number:02d}"
    else:
        starts = [week.start for week in weeks]
        if len(starts) == 1:
            days = format_day(starts[0])
        elif starts[0].month == starts[-1].month:
            days = f"{starts[0].day} and {format_day(starts[-1])}"
        else:
            days = f"{format_day(starts[0])} and {format_day(starts[-1])}"
        title = f"Weeknote w/c {days}"
    return f"{title}: {subtitle}" if subtitle else title
