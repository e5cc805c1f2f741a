"""Lists for people and programs: notes, settings, search hits, tags."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from weeknote.find.tags import TagUse
    from weeknote.folder.store import Break, NoteEntry, Store


from weeknote.render.lines import as_json, data, say, table
from weeknote.text.wording import note_record, plural, span, toml_value, weeks_id


def notes(
    entries: Sequence[NoteEntry],
    store: Store,
    as_json_doc: bool,
    tag: str | None = None,
    breaks: Sequence[Break] = (),
) -> None:
    """The notes (in scan order: oldest first), with the breaks between them named (unless
    filtered by tag)."""
    if tag:
        breaks = ()
    if as_json_doc:
        as_json(
            {
                "version": 1,
                "notes": [note_record(e, store) for e in entries],
                "breaks": [{"week": b.week, "reason": b.reason} for b in breaks],
            }
        )
        return
    if not entries and not breaks:
        if tag:
            say(f"No notes tagged #{tag.lstrip('#')}.")
        else:
            say(f"No notes yet in {store.root}. Start with: weeknote new")
        return
    from weeknote.text.layout import is_terminal, shown

    if not breaks and not is_terminal():
        # What table() writes to a pipe, made straight from each note, as a list of
        # thousands of notes is worth (a week and its dates hold no spaces to strip, and a
        # count is never blank).
        lines = (
            f"{week}\t{dates}\t{shown(entry.title).strip()}\t{entry.words}"
            for week, dates, entry in _dated(entries)
        )
        data("\n".join(lines))
        return
    rows = [(week, dates, entry.title, str(entry.words)) for week, dates, entry in _dated(entries)]
    if breaks:  # in among the notes, by week (the notes are in order already)
        from weeknote.folder.index import monday_of

        keyed = [(entry.weeks[0], row) for entry, row in zip(entries, rows, strict=True)]
        for found in breaks:
            monday = monday_of(found.week)
            label = f"break: {found.reason}" if found.reason else "break"
            keyed.append((found.week, (found.week, span(monday, monday + timedelta(6)), label, "")))
        keyed.sort(key=lambda row: row[0])
        rows = [row for _, row in keyed]
    table(
        ("Week", "Dates", "Title", "Words"),
        rows,
        right=(3,),
        fold=2,
        narrow=(0, 2),  # week and title, under 60 columns
    )


def _dated(entries: Iterable[NoteEntry]) -> Iterator[tuple[str, str, NoteEntry]]:
    """Each note with its week (or weeks) and its dates, worked out by day number: a list
    has thousands of them."""
    from weeknote.folder.index import monday_ordinal

    day = date.fromordinal
    for entry in entries:
        weeks = entry.weeks
        first = monday_ordinal(weeks[0])
        last = monday_ordinal(weeks[-1]) if len(weeks) > 1 else first
        yield weeks_id(weeks), span(day(first), day(last + 6)), entry


def settings(
    items: Sequence[tuple[str, Any, str]], config_file: Path, as_json_doc: bool, only_value: bool
) -> None:
    """The effective configuration: key, value, and where the value came from."""
    if as_json_doc:
        as_json(
            {
                "version": 1,
                "config_file": str(config_file),
                "settings": {
                    key: {"value": str(value) if isinstance(value, Path) else value, "source": src}
                    for key, value, src in items
                },
            }
        )
        return
    if only_value and items:
        value = items[0][1]
        data(toml_value(value) if isinstance(value, bool | list) else str(value))
        return
    from weeknote.text.layout import NARROW, columns, is_terminal, pair_lines

    rows = [
        (key, toml_value(value) if isinstance(value, bool | list) else str(value), source)
        for key, value, source in items
    ]
    if is_terminal() and columns() < NARROW + 20:  # stacked: key = value, then its source
        pairs = [pair for key, value, source in rows for pair in ((key, value), ("", source))]
        data("\n".join(pair_lines(pairs, max(len(key) for key, _, _ in rows) + 2)))
    else:
        table(("Key", "Value", "From"), rows, fold=(1, 2))
    say(f"Config file: {config_file}")


def search_hits(query: str, hits: Iterable[Any], as_json_doc: bool) -> int:
    """Matches grouped by note or draft day, the words highlighted for people, printed as
    they are found; the number of hits."""
    if as_json_doc:
        return _json_hits(query, hits)
    from weeknote.text.layout import columns, is_terminal, shown, wrap

    terminal = is_terminal()
    width = columns()
    count = notes = matched = 0
    console = None
    for hit in hits:
        count += 1
        notes += hit.kind == "note"
        matched += len(hit.lines)
        if not terminal:  # as grep -n does: one line a match, its file and line number
            path = shown(hit.path)
            data("\n".join(f"{path}:{n}:{shown(line)}" for n, line in hit.lines))
            continue
        from rich.text import Text

        from weeknote.text.layout import console as layout_console

        console = console or layout_console()
        heading = hit.title if hit.kind == "note" else f"drafted bullets, {hit.day:%a %-d %b %Y}"
        # Each line wraps under its own text: the heading under the title, a match under
        # the line's text, not under its number.
        head = shown(f"{hit.week}  {heading}  ({hit.path})")
        for part in wrap(head, width, " " * (len(hit.week) + 2)):
            console.print(Text(part, style="bold"), soft_wrap=True)
        for (number, line), spans in zip(hit.lines, hit.spans, strict=True):
            text = Text()
            done = 0
            for start, end in spans:  # each piece escaped on its own: the spans stay true
                text.append(shown(line[done:start]))
                text.append(shown(line[start:end]), style="reverse")
                done = end
            text.append(shown(line[done:]))
            lead = f"  {number:>4}  "
            for row in text.wrap(console, max(width - len(lead), 10)):
                row.rstrip()
                console.print(Text(lead) + row, soft_wrap=True)
                lead = " " * len(lead)
    if count:  # else the command says so, and exits 1
        where = [plural(notes, "note")] if notes else []
        where += [plural(count - notes, "draft")] if count > notes else []
        say(f"{plural(matched, 'matching line')}, in {' and '.join(where)}.")
    return count


def _json_hits(query: str, hits: Iterable[Any]) -> int:
    """The hits as one JSON document, written a hit at a time: the same text as dumping
    the whole document at once, without holding it."""
    import json

    from weeknote.text.layout import shown_json

    head = shown_json(json.dumps({"version": 1, "query": query}, indent=2, ensure_ascii=False))
    sys.stdout.write(head[: -len("\n}")] + ',\n  "results": [')
    count = 0
    for hit in hits:
        result = {
            "kind": hit.kind,
            "week": hit.week,
            "title": hit.title,
            "date": hit.day.isoformat() if hit.day else None,
            "path": hit.path,
            "lines": [{"line": n, "text": text} for n, text in hit.lines],
        }
        text = shown_json(json.dumps(result, indent=2, ensure_ascii=False))
        sys.stdout.write(("," if count else "") + "\n" + textwrap.indent(text, "    "))
        count += 1
    sys.stdout.write("\n  ]\n}\n" if count else "]\n}\n")
    return count


def tags_used(uses: Sequence[TagUse], as_json_doc: bool, ranged: bool = False) -> None:
    """Each tag with the number of weeks that use it and the last of them."""
    if as_json_doc:
        as_json(
            {
                "version": 1,
                "tags": [
                    {"tag": use.tag, "count": use.count, "last_week": use.last_week} for use in uses
                ],
            }
        )
        return
    if not uses:
        where = "in those weeks" if ranged else "yet"
        say(
            f"No #tags in the notes or drafted bullets {where}. Tag a bullet like this: "
            'weeknote bullet "Bins with the #waste-team"'
        )
        return
    rows = [("#" + use.tag, str(use.count), use.last_week) for use in uses]
    table(("Tag", "Weeks", "Last week"), rows, right=(1,), fold=0, narrow=(0, 1, 2))
