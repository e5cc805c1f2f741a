"""The only place that prints: plain lines and JSON for programs, Rich for people.

Rich is imported inside the functions that draw tables, so the capture path never pays
for it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from weeknote.capture import Captured
    from weeknote.compose import Composed
    from weeknote.store import NoteEntry, Store


def say(message: str) -> None:
    """A message for the person: stderr, so stdout stays data."""
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def error(message: str) -> None:
    say(f"Error: {message}")


def data(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def as_json(document: Any) -> None:
    import json

    data(json.dumps(document, indent=2, ensure_ascii=False, default=str))


def span(first: date, last: date) -> str:
    """'16-22 Nov 2026', '26 Oct-8 Nov 2026', '28 Dec 2026-3 Jan 2027'."""
    if first.year != last.year:
        return f"{first:%-d %b %Y}-{last:%-d %b %Y}"
    if first.month != last.month:
        return f"{first:%-d %b}-{last:%-d %b %Y}"
    return f"{first.day}-{last:%-d %b %Y}"


def captured(result: Captured, store: Store) -> None:
    where = store.relative(result.path)
    sections = ", ".join(result.sections)
    say(
        f"Added {plural(result.added, 'bullet')} to {where} ({sections}); "
        f"{result.week.id} holds {plural(result.week_total, 'bullet')} now."
    )


def composed(result: Composed, store: Store) -> None:
    where = store.relative(result.path)
    if result.created:
        weeks = " and ".join(week.id for week in result.weeks)
        say(f"Writing up {weeks}: {result.reason}.")
        say(f"Created {where} with {plural(result.bullets, 'drafted bullet')}.")
        if result.unplaced:
            say(
                f"{result.unplaced} bullets were in sections the template has no place for: "
                "they are at the end of the note."
            )
    else:
        say(f"{where} already exists; it is left as it is.")
        if result.not_in_note:
            say(
                f"{plural(result.not_in_note, 'drafted bullet')} not in it yet "
                f"(see drafts/ for {' and '.join(w.id for w in result.weeks)})."
            )
    data(str(result.path))


def note_record(entry: NoteEntry, store: Store) -> dict[str, Any]:
    return {
        "week": entry.week,
        "weeks": list(entry.weeks),
        "start": entry.start.isoformat(),
        "end": entry.end.isoformat(),
        "title": entry.title,
        "path": entry.name,
        "words": entry.words,
    }


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def notes(
    entries: Sequence[NoteEntry], store: Store, as_json_doc: bool, tag: str | None = None
) -> None:
    if as_json_doc:
        as_json({"version": 1, "notes": [note_record(e, store) for e in entries]})
        return
    if not entries:
        if tag:
            say(f"No notes tagged #{tag.lstrip('#')}.")
        else:
            say(f"No notes yet in {store.root}. Start with: weeknote new")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    table.add_column("Week", no_wrap=True)
    table.add_column("Dates", no_wrap=True)
    table.add_column("Title", overflow="fold")
    table.add_column("Words", justify="right")
    for entry in entries:
        week = entry.week if len(entry.weeks) == 1 else f"{entry.weeks[0]}+{len(entry.weeks) - 1}"
        table.add_row(week, span(entry.start, entry.end), entry.title, str(entry.words))
    Console().print(table)


def path_line(path: Path) -> None:
    data(str(path))


def toml_value(value: Any) -> str:
    """A value as it reads in TOML: true, 3, "text"."""
    import json

    return json.dumps(value if isinstance(value, bool | int) else str(value), ensure_ascii=False)


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
        data(str(items[0][1]) if not isinstance(items[0][1], bool) else toml_value(items[0][1]))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    table.add_column("Key", no_wrap=True)
    table.add_column("Value", overflow="fold")
    table.add_column("From", overflow="fold")
    for key, value, source in items:
        shown = toml_value(value) if isinstance(value, bool) else str(value)
        table.add_row(key, shown, source)
    Console().print(table)
    say(f"Config file: {config_file}")


def search_hits(query: str, hits: Sequence[Any], as_json_doc: bool) -> None:
    """Matches grouped by note or draft day, the words highlighted for people."""
    if as_json_doc:
        as_json(
            {
                "version": 1,
                "query": query,
                "results": [
                    {
                        "kind": hit.kind,
                        "week": hit.week,
                        "title": hit.title,
                        "date": hit.day.isoformat() if hit.day else None,
                        "path": hit.path,
                        "lines": [{"line": n, "text": text} for n, text in hit.lines],
                    }
                    for hit in hits
                ],
            }
        )
        return
    if not hits:
        say(f"Nothing holds {query!r}.")
        return
    import re

    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    pattern = "|".join(re.escape(word) for word in query.split())
    for hit in hits:
        heading = hit.title if hit.kind == "note" else f"drafted bullets, {hit.day:%a %-d %b %Y}"
        console.print(Text(f"{hit.week}  {heading}  ({hit.path})", style="bold"))
        for number, line in hit.lines:
            text = Text(f"  {number:>4}  {line}")
            text.highlight_regex(re.compile(pattern, re.IGNORECASE), "reverse")
            console.print(text)
    say(f"{len(hits)} {'match' if len(hits) == 1 else 'matches'}.")
