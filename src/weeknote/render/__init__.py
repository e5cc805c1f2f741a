"""The only place that prints: plain lines and JSON for programs, Rich for people.

Every piece of text printed goes through layout.shown (which the capture path shares
without importing this package): control and bidi characters are written as escapes, and
a field's tab or line break too, so nothing printed acts on a terminal or splits a record.

Rich is imported inside the functions that draw tables, so the capture path never pays
for it. The functions for each kind of command live in the modules beside this one and
are importable from here: ``render.streak``, ``render.captured``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from weeknote.weeks.days import MONTH_ABBR  # as %b writes them, without strftime's cost

if TYPE_CHECKING:
    from weeknote.weeks.week import Week


def say(message: str) -> None:
    """A message for the person: stderr, so stdout stays data; wrapped to a terminal's
    width, one line through a pipe."""
    from weeknote.text.layout import message_lines

    sys.stderr.write("\n".join(message_lines(message, sys.stderr)) + "\n")
    sys.stderr.flush()


def error(message: str) -> None:
    say(f"Error: {message}")


def data(text: str) -> None:
    """Lines for stdout, with every control character in them escaped (see layout.shown):
    newlines and tabs stay, so a field that may hold either is escaped before it is put in
    a line (tables and pairs do that)."""
    from weeknote.text.layout import shown

    text = shown(text, lines=True)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def document(text: str, terminal: bool | None = None) -> None:
    """A document for stdout as it is (a note's file, an export): data for programs, to
    keep byte for byte; only a terminal gets its control characters escaped."""
    from weeknote.text.layout import is_terminal, shown

    if terminal is None:
        terminal = is_terminal()
    sys.stdout.write(shown(text, lines=True) if terminal else text)


def as_json(document: Any) -> None:
    import json

    from weeknote.text.layout import shown_json

    text = shown_json(json.dumps(document, indent=2, ensure_ascii=False, default=str))
    sys.stdout.write(text + "\n")


def quoted(text: str) -> str:
    """Text from a note in quotes, as repr quotes it (double quotes when it holds a single
    one), its characters left as they are for the line it is in to escape: repr would
    escape a joiner, which an emoji or a script needs."""
    return f'"{text}"' if "'" in text and '"' not in text else f"'{text}'"


def span(first: date, last: date) -> str:
    """'16-22 Nov 2026', '26 Oct-8 Nov 2026', '28 Dec 2026-3 Jan 2027'."""
    month, year = last.month, last.year
    end = f"{last.day} {MONTH_ABBR[month - 1]} {year}"
    if first.month == month and first.year == year:  # most weeks: listed by the thousand
        return f"{first.day}-{end}"
    start = f"{first.day} {MONTH_ABBR[first.month - 1]}"
    if first.year != year:
        return f"{start} {first.year}-{end}"
    return f"{start}-{end}"


def day_text(day: date) -> str:
    """'Mon 23 Nov 2026'."""
    from weeknote.weeks.week import describe_day

    return describe_day(day)


def week_text(week: Week) -> str:
    """'2026-W48 (23-29 Nov 2026)'."""
    from weeknote.weeks.week import describe_week

    return describe_week(week)


def weeks_text(weeks: Sequence[Week]) -> str:
    """'2026-W48 (23-29 Nov 2026)', or for a span '2026-W44..W45 (26 Oct-8 Nov 2026)'."""
    from weeknote.weeks.week import span_id

    if len(weeks) == 1:
        return week_text(weeks[0])
    return f"{span_id(weeks[0], weeks[-1])} ({span(weeks[0].start, weeks[-1].end)})"


def range_text(first: Week | None, last: Week | None) -> str:
    """How --from/--to were read: 'Weeks from 2026-W40 (28 Sep-4 Oct 2026) to 2026-W47 (…)'."""
    if first is not None and last is not None:
        return f"Weeks from {week_text(first)} to {week_text(last)}"
    if first is not None:
        return f"Weeks from {week_text(first)} on"
    assert last is not None
    return f"Weeks up to {week_text(last)}"


_RESOLVED: list[str] = []


def resolved(text: str) -> None:
    """A date or week read from the command line, said in full once: after the command has
    succeeded (a failure is one line), by ``said_resolved``."""
    _RESOLVED.append(f"{text}.")


def said_resolved() -> None:
    while _RESOLVED:
        say(_RESOLVED.pop(0))


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def weeks_id(weeks: Sequence[str]) -> str:
    """'2026-W47', or for a span '2026-W44..W45' ('2026-W53..2027-W01' across a year)."""
    first, last = weeks[0], weeks[-1]
    if first is last and len(first) == 8 and first[4:6] == "-W":
        return first  # a single week, as most notes are
    if not (len(first) == len(last) == 8 and first[4:6] == last[4:6] == "-W"):
        from weeknote.weeks.week import Week, span_id

        return span_id(Week.from_id(first), Week.from_id(last))
    if first == last:
        return first
    return f"{first}..{last[5:]}" if first[:4] == last[:4] else f"{first}..{last}"


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    right: Sequence[int] = (),
    fold: int | Sequence[int] | None = None,
    narrow: Sequence[int] | None = None,
) -> None:
    """A table: for people, a bold header and columns fitted to the terminal (see
    layout.table_lines); for programs, one tab-separated line a row. Laid out here because
    Rich's Table measures every cell, which takes seconds for the thousands of rows a long
    archive has."""
    from weeknote.text.layout import table_lines

    head, lines = table_lines(header, rows, right=right, fold=fold, narrow=narrow)
    if head is not None:
        from weeknote.text.layout import console as layout_console

        layout_console().print(head, style="bold", markup=False, soft_wrap=True)
    if lines:
        data("\n".join(lines))


def path_line(path: Path) -> None:
    """A path on a line of its own, for a script to read: a line break in its name escaped
    like any other."""
    from weeknote.text.layout import shown

    data(shown(str(path)))


def toml_value(value: Any) -> str:
    """A value as it reads in TOML: true, 3, "text", ["a", "b"]."""
    import json

    if isinstance(value, list):
        return f"[{', '.join(toml_value(item) for item in value)}]"
    return json.dumps(value if isinstance(value, bool | int) else str(value), ensure_ascii=False)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


# What each kind of command prints, last: those modules build on the above.
from weeknote.render.habit import (  # noqa: E402
    LEGEND,
    LEGEND_WORDS,
    SYMBOLS,
    due_record,
    due_text,
    heatmap,
    skipped,
    streak,
    streak_headline,
    streak_record,
    unskipped,
)
from weeknote.render.listing import (  # noqa: E402
    note_record,
    notes,
    search_hits,
    settings,
    tags_used,
)
from weeknote.render.publishing import (  # noqa: E402
    PROGRESS_FROM,
    exported,
    progress,
)
from weeknote.render.weekview import (  # noqa: E402
    note_page,
    status,
    status_record,
    week_page,
    welcome,
)
from weeknote.render.writing import (  # noqa: E402
    captured,
    composed,
    synced,
    tag_hints,
    took_back,
    updated,
)

__all__ = [
    "LEGEND",
    "LEGEND_WORDS",
    "PROGRESS_FROM",
    "SYMBOLS",
    "as_json",
    "captured",
    "composed",
    "data",
    "day_text",
    "document",
    "due_record",
    "due_text",
    "error",
    "exported",
    "heatmap",
    "note_page",
    "note_record",
    "notes",
    "path_line",
    "plural",
    "progress",
    "quoted",
    "range_text",
    "resolved",
    "said_resolved",
    "say",
    "search_hits",
    "settings",
    "skipped",
    "span",
    "status",
    "status_record",
    "streak",
    "streak_headline",
    "streak_record",
    "synced",
    "table",
    "tag_hints",
    "tags_used",
    "toml_value",
    "took_back",
    "unskipped",
    "updated",
    "week_page",
    "week_text",
    "weeks_id",
    "weeks_text",
    "welcome",
]
