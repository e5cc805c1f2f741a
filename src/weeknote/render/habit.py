"""The habit: streaks and their calendar, breaks declared and lifted."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from weeknote.folder.store import Break, Store
    from weeknote.habit.streak import Run, StreakReport
    from weeknote.weeks.week import Week


from weeknote.render.lines import as_json, data, say, table
from weeknote.text.wording import day_text, plural, span, week_text

SYMBOLS = {
    "written": ("■", "green"),
    "fortnight": ("◆", "cyan"),
    "break": ("○", "blue"),
    "missed": ("×", "red"),
    "due": ("□", "yellow"),
    "drafted": ("+", "magenta"),  # drafted bullets, no note yet
    "future": ("·", "dim"),
    "before": (" ", ""),
}


LEGEND = ("written", "fortnight", "break", "missed", "future")


_BREAKS_SHOWN = 5


LEGEND_WORDS = {"future": "to come"}


_RULER_MARKS = (1, 10, 20, 30, 40, 50)


_YEAR_LABEL = 6  # "2026  "


_GAPS_SHOWN = 10


def _week_id(week: Week | None) -> str | None:
    return week.id if week is not None else None


def run_record(run: Run) -> dict[str, Any]:
    return {"length": run.length, "first": _week_id(run.first), "last": _week_id(run.last)}


def weeks_phrase(count: int) -> str:
    return "1 week" if count == 1 else f"{count} weeks"


def run_text(run: Run) -> str:
    if not run.length or run.first is None or run.last is None:
        return "0 weeks"
    if run.first == run.last:
        return f"{weeks_phrase(run.length)}, {run.first.id}"
    return f"{weeks_phrase(run.length)}, {run.first.id} to {run.last.id}"


def due_record(report: StreakReport) -> dict[str, Any] | None:
    """The one shape every --json uses for a last week that may still be written."""
    if report.due is None or report.due_by is None:
        return None
    return {"week": report.due.id, "by": report.due_by.isoformat()}


def due_text(report: StreakReport) -> str | None:
    if report.due is None or report.due_by is None:
        return None
    return f"{report.due.id}, last week: write it by {report.due_by:%a %-d %b} to keep the streak"


def streak_record(report: StreakReport) -> dict[str, Any]:
    return {
        "version": 1,
        "as_of": report.as_of.isoformat(),
        "current": {**run_record(report.current), "state": report.state},
        "longest": run_record(report.longest),
        "notes": report.notes,
        "weeks_written": report.weeks_written,
        "due": due_record(report),
        "breaks": [week.id for week in report.breaks],
        "break_reasons": {week: reason for week, reason in report.reasons},
        "drafted": [week.id for week in report.drafted_weeks],
        "gaps": [
            {"first": gap.first.id, "last": gap.last.id, "weeks": gap.weeks} for gap in report.gaps
        ],
    }


def streak_headline(report: StreakReport) -> list[tuple[str, str]]:
    """The streak's figures as (label, value) pairs."""
    states = {"written": "written", "in progress": "in progress", "none": "a week was missed"}
    state = states[report.state] if report.first_week is not None else "no notes yet"
    pairs = [
        ("Current streak", f"{run_text(report.current)} ({state})"),
        ("Longest streak", run_text(report.longest)),
    ]
    due = due_text(report)
    if due:
        pairs.append(("Due", due))
    drafted = drafted_text(report)
    if drafted:
        pairs.append(("Drafted", drafted))
    notes = plural(report.notes, "note")
    if report.first_week is None:
        pairs.append(("Written", notes))
    else:
        pairs.append(
            (
                "Written",
                f"{notes} {'covers' if report.notes == 1 else 'cover'} {report.weeks_written} of "
                f"the {weeks_phrase(report.weeks_due)} due since {report.first_week.id} "
                f"({report.percent}%)",
            )
        )
    return pairs


def drafted_text(report: StreakReport) -> str | None:
    """The drafted weeks not written up yet, and how to write up the newest."""
    weeks = report.drafted_weeks
    if not weeks:
        return None
    which = "it" if len(weeks) == 1 else "the newest"
    return (
        f"{plural(len(weeks), 'week')} not written up yet: weeknote new {weeks[-1].id} "
        f"writes {which}"
    )


Segments = list[tuple[str, str]]  # (text, Rich style) pieces of one line


def heatmap(report: StreakReport, width: int | None = None) -> list[Segments]:
    """The calendar: a ruler of week numbers, a row per year, one character per week. In a
    terminal narrower than a year, each year takes several rows, each labelled with the week
    it starts at."""
    label = _YEAR_LABEL
    per_row = 53
    if width is not None and width < label + 53:
        label = 9  # "2026 W01 "
        per_row = max(8, width - label)
    lines: list[Segments] = []
    if per_row == 53:
        ruler = [" "] * 53
        for mark in _RULER_MARKS:
            ruler[mark - 1 : mark - 1 + len(str(mark))] = str(mark)
        lines.append([(" " * label + "".join(ruler).rstrip(), "dim")])
    for year, kinds in report.calendar():
        for start in range(0, len(kinds), per_row):
            if per_row == 53:
                row: Segments = [(f"{year}".ljust(label), "")]
            else:
                lead = f"{year}" if start == 0 else ""
                row = [(f"{lead:<5}W{start + 1:02d} ", "")]
            for kind, run in itertools.groupby(kinds[start : start + per_row]):
                symbol, style = SYMBOLS[kind]
                row.append((symbol * len(list(run)), style))
            lines.append(row)
    extra = ("due",) * (report.due is not None) + ("drafted",) * bool(report.drafted)
    shown = (*LEGEND[:3], *extra, *LEGEND[3:])
    items = [(SYMBOLS[kind], LEGEND_WORDS.get(kind, kind)) for kind in shown]
    room = (width or 80) - label
    legend: Segments = [(" " * label, "")]
    used = 0
    for (symbol, style), word in items:
        piece = len(word) + 4
        if used and used + piece > room:
            lines.append(legend)
            legend, used = [(" " * label, "")], 0
        legend += [(symbol, style), (f" {word}  ", "")]
        used += piece
    lines.append(legend)
    return lines


def _plain(line: Segments) -> str:
    return "".join(text for text, _ in line).rstrip()


def streak(
    report: StreakReport, store: Store, as_json_doc: bool, as_of_given: bool = False
) -> None:
    if as_json_doc:
        as_json(streak_record(report))
        if not report.notes:
            say(f"No notes yet in {store.root}: a streak starts with `weeknote new`.")
        return
    from weeknote.text.layout import columns, is_terminal, pair_lines

    terminal = is_terminal()
    out: list[Segments | str] = []
    if as_of_given:
        out.append(f"As of {day_text(report.as_of)}")
    out.extend(pair_lines(streak_headline(report), 16, terminal))
    if report.first_week is None and report.drafted:
        out.append("")
        out.extend(heatmap(report, columns() if terminal else None))
    if report.first_week is not None:
        out.append("")
        out.extend(heatmap(report, columns() if terminal else None))
        out.extend(_break_lines(report, terminal))
        out.append("")
        missed = sum(gap.weeks for gap in report.gaps)
        if report.gaps:
            gaps = "1 gap" if len(report.gaps) == 1 else f"{len(report.gaps)} gaps"
            out.append(f"{gaps}, {weeks_phrase(missed)} missed")
        else:
            out.extend(
                text_lines(
                    "No gaps: every week since the first note is written or a break.", terminal
                )
            )
        shown = report.gaps[-_GAPS_SHOWN:]
        if len(report.gaps) > len(shown):
            out.append(f"({len(report.gaps) - len(shown)} earlier gaps in --json)")
    print_lines(out, terminal)
    if report.first_week is not None and shown:
        rows = [
            (
                gap.first.id if gap.weeks == 1 else f"{gap.first.id} to {gap.last.id}",
                span(gap.first.start, gap.last.end),
                weeks_phrase(gap.weeks),
            )
            for gap in shown
        ]
        table(("Missed", "Dates", "Length"), rows, narrow=(0, 2))
    if not report.notes:
        say(f"No notes yet in {store.root}: a streak starts with `weeknote new`.")


def text_lines(text: str, terminal: bool) -> list[str]:
    """A line of text: wrapped under its own text in a terminal (layout.hanging)."""
    from weeknote.text.layout import columns, hanging

    return hanging(text, columns()) if terminal else [text]


def print_lines(lines: list[Segments | str], terminal: bool) -> None:
    """Lines for stdout: styled by Rich in a terminal, plain through a pipe."""
    from weeknote.text.layout import shown

    if not terminal:
        data("\n".join(shown(line if isinstance(line, str) else _plain(line)) for line in lines))
        return
    from rich.text import Text

    from weeknote.text.layout import console as layout_console

    console = layout_console()
    for line in lines:
        if isinstance(line, str):
            console.print(shown(line), markup=False, soft_wrap=True)
        else:
            text = Text()
            for piece, style in line:
                text.append(shown(piece), style=style)
            text.rstrip()
            console.print(text, soft_wrap=True)


def _break_lines(report: StreakReport, terminal: bool) -> list[str]:
    """The breaks by name, with their reasons: the latest few."""
    if not report.breaks:
        return []
    shown = report.breaks[-_BREAKS_SHOWN:]
    words = []
    for week in shown:
        reason = report.reason(week)
        words.append(f"{week.id} ({reason})" if reason else week.id)
    earlier = len(report.breaks) - len(shown)
    more = f" and {earlier} earlier" if earlier else ""
    noun = "Break" if len(report.breaks) == 1 else "Breaks"
    return text_lines(f"{noun}: {', '.join(words)}{more}", terminal)


def _break_week(declared: Break) -> str:
    from weeknote.weeks.week import Week

    return week_text(Week.from_id(declared.week))


def skipped(declared: Break, added: bool) -> None:
    why = f" ({declared.reason})" if declared.reason else ""
    if added:
        say(f"{_break_week(declared)} is a break now{why}; streaks pass over it.")
    else:
        say(f"{_break_week(declared)} is already a break{why}; nothing changed.")


def unskipped(declared: Break) -> None:
    say(f"{_break_week(declared)} is no longer a break.")
