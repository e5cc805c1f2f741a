"""`weeknote review`: the figures for a person, a JSON document for programs, and the
Markdown draft a person edits into "A year of weeknotes"."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from weeknote.render.habit import SYMBOLS, Segments, print_lines, run_record, run_text
from weeknote.render.lines import as_json, path_line, say
from weeknote.text.wording import plural, span, weeks_id

if TYPE_CHECKING:
    from pathlib import Path

    from weeknote.folder.index import NoteEntry
    from weeknote.habit.review import Review

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_LABEL = 16
_STATES = {"none": "a week was missed"}


def _entry_record(entry: NoteEntry) -> dict[str, Any]:
    return {"week": entry.week, "weeks": list(entry.weeks), "title": entry.title,
            "words": entry.words}  # fmt: skip


def review_record(review: Review) -> dict[str, Any]:
    """The review as the documented JSON document (README, "weeknote review")."""
    longest = review.longest_note
    busiest = review.busiest
    return {
        "version": 1,
        "from": review.first.id,
        "to": review.last.id,
        "year": review.year,
        "as_of": review.as_of.isoformat(),
        "weeks": len(review.kinds),
        "weeks_due": review.weeks_due,
        "weeks_written": review.weeks_written,
        "notes": len(review.notes),
        "fortnights": review.fortnights,
        "breaks": [week.id for week in review.breaks],
        "gaps": [{"first": g.first.id, "last": g.last.id, "weeks": g.weeks} for g in review.gaps],
        "longest_streak": run_record(review.longest),
        "current_streak": {**run_record(review.current), "state": review.state},
        "words": {
            "total": review.words,
            "notes": len(review.counted),
            "median": review.median_words,
            "longest": _entry_record(longest) if longest else None,
        },
        "tags": [{"tag": tag, "notes": count} for tag, count in review.tags],
        "busiest_month": (
            {"month": busiest.id, "weeks_written": busiest.weeks_written, "words": busiest.words}
            if busiest
            else None
        ),
        "quarters": [{"quarter": q, **_entry_record(entry)} for q, entry in review.quarters],
        "calendar": [
            {"week": week.id, "kind": kind}
            for week, kind in zip(review.weeks, review.kinds, strict=True)
        ],
        "titles": [_entry_record(entry) for entry in review.notes],
    }


def _words(number: float) -> str:
    return f"{number:,.0f} word" if number == 1 else f"{number:,.0f} words"


def review_pairs(review: Review) -> list[tuple[str, str]]:
    """The figures as (label, value) pairs: the terminal's, the Markdown's and the site's."""
    written, due = review.weeks_written, review.weeks_due
    percent = f" ({round(100 * written / due)}%)" if due else ""
    pairs = [
        ("Weeks", f"{written} written of {due} due{percent}, {len(review.kinds)} in all"),
        ("Notes", f"{len(review.notes)}, {plural(review.fortnights, 'fortnight')} among them"),
    ]
    breaks = review.breaks
    pairs.append(("Breaks", ", ".join(w.id for w in breaks) if breaks else "none"))
    missed = sum(gap.weeks for gap in review.gaps)
    pairs.append(("Gaps", f"{plural(len(review.gaps), 'gap')}, {plural(missed, 'week')} missed"))
    pairs.append(("Longest streak", run_text(review.longest)))
    label = "Streak at end" if review.over else "Current streak"
    state = _STATES.get(review.state, review.state) if review.notes else "no notes yet"
    pairs.append((label, f"{run_text(review.current)} ({state})"))
    longest = review.longest_note
    words = _words(review.words)
    if review.counted:
        words += f", {_words(review.median_words)} a note (median)"
    pairs.append(("Words", words))
    if longest is not None:
        words = _words(longest.words)
        pairs.append(("Longest note", f"{weeks_id(longest.weeks)}, {words}: {longest.title}"))
    if review.tags:
        pairs.append(("Tags", ", ".join(f"#{tag} ({count})" for tag, count in review.tags)))
    if review.busiest is not None:
        month = review.busiest
        pairs.append(
            (
                "Busiest month",
                f"{MONTHS[month.month - 1]} {month.year}: "
                f"{plural(month.weeks_written, 'week')} written, {_words(month.words)}",
            )
        )
    for quarter, entry in review.quarters:
        pairs.append((quarter.replace("-", " "), f"{weeks_id(entry.weeks)}: {entry.title}"))
    return pairs


def _calendar(review: Review, width: int | None) -> list[Segments]:
    """The span's weeks, one character each, as many to a row as fit."""
    per_row = 53 if width is None else max(8, min(53, width - _LABEL))
    lines: list[Segments] = []
    weeks = review.weeks
    for start in range(0, len(weeks), per_row):
        row: Segments = [(f"{weeks[start].id:<{_LABEL}}", "")]
        for kind, run in itertools.groupby(review.kinds[start : start + per_row]):
            symbol, style = SYMBOLS[kind]
            row.append((symbol * len(list(run)), style))
        lines.append(row)
    shown = [k for k in SYMBOLS if k in review.kinds and k != "before"]
    legend: Segments = [(" " * _LABEL, "")]
    used, room = 0, (width or 80) - _LABEL
    for kind in shown:
        symbol, style = SYMBOLS[kind]
        word = "to come" if kind == "future" else kind
        if used and used + len(word) + 4 > room:
            lines.append(legend)
            legend, used = [(" " * _LABEL, "")], 0
        legend += [(symbol, style), (f" {word}  ", "")]
        used += len(word) + 4
    if shown:
        lines.append(legend)
    return lines


def show_review(result: Review, as_json_doc: bool) -> None:
    if as_json_doc:
        as_json(review_record(result))
    else:
        from weeknote.text.layout import columns, is_terminal, pair_lines

        terminal = is_terminal()
        heading = f"{result.label}: {span(result.first.start, result.last.end)}"
        out: list[Segments | str] = [heading, ""]
        out.extend(pair_lines(review_pairs(result), _LABEL, terminal))
        out.append("")
        out.extend(_calendar(result, columns() if terminal else None))
        print_lines(out, terminal)
    if not result.notes:
        say(f"No notes cover a week of {result.label}.")


def review_markdown(result: Review, links: Mapping[str, str]) -> str:
    """The draft of "A year of weeknotes": the figures and every note's title, linked to its
    page by ``links`` (file name -> the site's page name), to edit and publish."""
    what = result.year if result.year is not None else result.label
    lines = [f"# A year of weeknotes: {what}", "", f"{span(result.first.start, result.last.end)}."]
    lines += ["", "## The figures", ""]
    lines += [f"- {label}: {value}" for label, value in review_pairs(result)]
    lines += ["", "## Every note", ""]
    for entry in result.notes:
        page = links.get(entry.name)
        title = entry.title.replace("[", "\\[").replace("]", "\\]")
        shown = f"[{title}]({page})" if page else title
        lines.append(f"- {weeks_id(entry.weeks)}: {shown}")
    if not result.notes:
        lines.append("- none yet")
    return "\n".join(lines) + "\n"


def review_written(path: Path) -> None:
    path_line(path)
    say("Wrote the review: edit it, then publish it with your notes.")
