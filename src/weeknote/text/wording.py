"""Pure wording shared by the terminal and the exports: days, weeks and spans as people
read them, plurals, quoting. Text in, text out; nothing here prints or reads a file.

`weeknote bullet` says its line through this module, so it imports little."""

from __future__ import annotations

from weeknote.weeks.days import MONTH_ABBR  # as %b writes them, without strftime's cost

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date
    from typing import Any

    from weeknote.weeks.week import Week


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
    from weeknote.weeks.days import describe_day

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


def toml_value(value: Any) -> str:
    """A value as it reads in TOML: true, 3, "text", ["a", "b"]."""
    import json

    if isinstance(value, list):
        return f"[{', '.join(toml_value(item) for item in value)}]"
    return json.dumps(value if isinstance(value, bool | int) else str(value), ensure_ascii=False)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


def added_text(
    added: int, day: date, sections: Sequence[str], week_id: str, total: int | None
) -> str:
    """'Added 1 bullet to Mon 23 Nov 2026 (highlights); 2026-W48 holds 3 bullets now.'"""
    said = f"Added {plural(added, 'bullet')} to {day_text(day)} ({', '.join(sections)})"
    if total is None:
        return f"{said}."
    return f"{said}; {week_id} holds {plural(total, 'bullet')} now."


def note_record(entry: Any, store: Any = None) -> dict[str, Any]:
    """A note of the index as JSON reads it: its weeks, days, title, file and words."""
    return {
        "week": entry.week,
        "weeks": list(entry.weeks),
        "start": entry.start.isoformat(),
        "end": entry.end.isoformat(),
        "title": entry.title,
        "path": entry.name,
        "words": entry.words,
    }
