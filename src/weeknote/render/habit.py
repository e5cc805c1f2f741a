"""The habit: streaks and their calendar, breaks, the week's status, a week shown."""

from __future__ import annotations

import itertools
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from weeknote.note import Note
    from weeknote.status import Status, WeekView
    from weeknote.store import Break, Store
    from weeknote.streak import Run, StreakReport
    from weeknote.weeks import Week


from weeknote.render import (
    as_json,
    data,
    day_text,
    plural,
    say,
    span,
    table,
    week_text,
    weeks_text,
)

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


def _run_record(run: Run) -> dict[str, Any]:
    return {"length": run.length, "first": _week_id(run.first), "last": _week_id(run.last)}


def _weeks(count: int) -> str:
    return "1 week" if count == 1 else f"{count} weeks"


def _run_text(run: Run) -> str:
    if not run.length or run.first is None or run.last is None:
        return "0 weeks"
    if run.first == run.last:
        return f"{_weeks(run.length)}, {run.first.id}"
    return f"{_weeks(run.length)}, {run.first.id} to {run.last.id}"


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
        "current": {**_run_record(report.current), "state": report.state},
        "longest": _run_record(report.longest),
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
        ("Current streak", f"{_run_text(report.current)} ({state})"),
        ("Longest streak", _run_text(report.longest)),
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
                f"the {_weeks(report.weeks_due)} due since {report.first_week.id} "
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
    from weeknote.layout import columns, is_terminal, pair_lines

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
            out.append(f"{gaps}, {_weeks(missed)} missed")
        else:
            out.extend(
                _lines("No gaps: every week since the first note is written or a break.", terminal)
            )
        shown = report.gaps[-_GAPS_SHOWN:]
        if len(report.gaps) > len(shown):
            out.append(f"({len(report.gaps) - len(shown)} earlier gaps in --json)")
    _print(out, terminal)
    if report.first_week is not None and shown:
        rows = [
            (
                gap.first.id if gap.weeks == 1 else f"{gap.first.id} to {gap.last.id}",
                span(gap.first.start, gap.last.end),
                _weeks(gap.weeks),
            )
            for gap in shown
        ]
        table(("Missed", "Dates", "Length"), rows, narrow=(0, 2))
    if not report.notes:
        say(f"No notes yet in {store.root}: a streak starts with `weeknote new`.")


def _lines(text: str, terminal: bool) -> list[str]:
    from weeknote.layout import columns, wrap

    return wrap(text, columns(), "  ") if terminal else [text]


def _print(lines: list[Segments | str], terminal: bool) -> None:
    """Lines for stdout: styled by Rich in a terminal, plain through a pipe."""
    if not terminal:
        data("\n".join(line if isinstance(line, str) else _plain(line) for line in lines))
        return
    from rich.text import Text

    from weeknote.layout import console as layout_console

    console = layout_console()
    for line in lines:
        if isinstance(line, str):
            console.print(line, markup=False, soft_wrap=True)
        else:
            text = Text()
            for piece, style in line:
                text.append(piece, style=style)
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
    return _lines(f"{noun}: {', '.join(words)}{more}", terminal)


def _break_week(declared: Break) -> str:
    from weeknote.weeks import Week

    return week_text(Week.from_id(declared.week))


def skipped(declared: Break, added: bool) -> None:
    why = f" ({declared.reason})" if declared.reason else ""
    if added:
        say(f"{_break_week(declared)} is a break now{why}; streaks pass over it.")
    else:
        say(f"{_break_week(declared)} is already a break{why}; nothing changed.")


def unskipped(declared: Break) -> None:
    say(f"{_break_week(declared)} is no longer a break.")


def status_record(status: Status, store: Store) -> dict[str, Any]:
    from weeknote.sync import original_of

    found = status.risk
    return {
        "version": 1,
        "today": status.today.isoformat(),
        "week": status.week.id,
        "weeks": [week.id for week in status.weeks],
        "why": status.why,
        "note": (
            {"path": store.relative(status.note), "title": status.title}
            if status.note is not None
            else None
        ),
        "bullets": {
            "total": status.bullets,
            "by_day": {day.isoformat(): count for day, count in status.by_day},
            "by_section": dict(status.by_section),
        },
        "not_in_note": status.not_in_note,
        "streak": {**_run_record(status.streak.current), "state": status.streak.state},
        "due": due_record(status.streak),
        "conflicts": [
            {"file": store.relative(path), "note": store.relative(original_of(path))}
            for path in status.conflicts
        ],
        "breaks": [{"week": week.id, "reason": reason} for week, reason in status.breaks],
        "plans": list(status.plans),
        "plans_from": store.relative(status.plans_from) if status.plans_from else None,
        "at_risk": found is not None,
        "risk": (
            {"week": found.week.id, "streak": found.streak, "reason": found.reason}
            if found is not None
            else None
        ),
    }


_LABEL = 10  # the width of status's labels


def _day(week: Week) -> str:
    return f"{week.start:%a %-d %b}"


def status_pairs(result: Status, store: Store) -> list[tuple[str, str]]:
    """What `status` says, as (label, value) pairs after its first line."""
    pairs = []
    if result.note is None and result.week.start > result.today:  # this week is a break
        pairs.append(("Note", f"not due yet: weeknote new writes it from {_day(result.week)}"))
    elif result.note is None:
        pairs.append(("Note", "not written yet: weeknote new writes it"))
    else:
        late = result.not_in_note or 0
        missing = f"; {late} drafted {'bullet is' if late == 1 else 'bullets are'} not in it"
        pairs.append(
            ("Note", f"{store.relative(result.note)}, {result.title!r}{missing if late else ''}")
        )
    if result.plans:
        from weeknote.render.carrying import plan_pairs

        pairs += plan_pairs(result.plans, result.plans_from, store, _LABEL)
    days = ", ".join(f"{count} on {day:%a %-d %b}" for day, count in result.by_day if count)
    pairs.append(("Drafted", plural(result.bullets, "bullet") + (f": {days}" if days else "")))
    if result.bullets:
        sections = ", ".join(f"{count} in {name}" for name, count in result.by_section if count)
        pairs.append(("Sections", sections))
    report = result.streak
    if report.first_week is None:
        pairs.append(("Streak", "none yet: it starts with your first note"))
    else:
        pairs.append(
            (
                "Streak",
                f"{_weeks(report.current.length)}, {report.state}; "
                f"longest {_weeks(report.longest.length)}",
            )
        )
    due = due_text(report)
    if due and (result.risk is None or result.risk.week != report.due):  # else At risk says it
        pairs.append(("Due", due))
    from weeknote.weeks import Week

    this = Week.of(result.today, store.week_start)
    for week, reason in result.breaks:
        which = {0: "this week", -1: "last week", 1: "next week"}.get(week.since(this), "ahead")
        pairs.append(("Break", f"{week.id}, {which}" + (f": {reason}" if reason else "")))
    pairs.append(("At risk", result.risk.reason if result.risk else "no"))
    from weeknote.sync import original_of

    for conflict in result.conflicts:
        note = store.relative(original_of(conflict))
        pairs.append(
            (
                "Conflict",
                f"{store.relative(conflict)} holds another machine's text of {note}: keep "
                f"what you want in {note}, delete {store.relative(conflict)}, then weeknote sync",
            )
        )
    return pairs


def status(result: Status, store: Store, as_json_doc: bool) -> None:
    if as_json_doc:
        as_json(status_record(result, store))
        return
    from weeknote.layout import is_terminal, pair_lines

    terminal = is_terminal()
    head = _lines(f"{weeks_text(result.weeks)} is the week to write up: {result.why}", terminal)
    data("\n".join([*head, *pair_lines(status_pairs(result, store), _LABEL, terminal)]))


def week_page(view: WeekView, store: Store) -> None:
    """`weeknote show`: the note (as note_page does), or the week's drafted bullets by section
    with their days, and whether the week is a break."""
    week = view.week
    dates = span(week.start, week.end)
    if view.note is not None and view.text is not None:
        note_page(view.note, view.text)
        if view.late:
            say(
                f"{plural(view.late, 'drafted bullet')} not in this note yet: add "
                f"{'it' if view.late == 1 else 'them'} with weeknote new {view.weeks[-1].id} "
                "--update"
            )
        return
    lines = []
    if view.break_reason is not None:
        why = f": {view.break_reason}" if view.break_reason else ""
        lines.append(f"{week.id} ({dates}) is a break{why}")
    count = sum(len(bullets) for _, bullets in view.sections)
    if count:
        from weeknote.layout import columns, is_terminal, wrap

        terminal = is_terminal()
        head = f"{week.id} ({dates}), not written yet: {plural(count, 'drafted bullet')}"
        lines.extend(wrap(head, columns(), "  ") if terminal else [head])
        for lead, bullets in view.sections:
            lines.append("")
            lines.append(lead)
            for bullet in bullets:
                first, *below = bullet.text.split("\n")
                line = f"  {bullet.day:%a %-d %b}".ljust(14) + first
                lines.extend(wrap(line, columns(), " " * 14) if terminal else [line])
                for more in below:  # the lines that belong to it, under its first
                    line = " " * 12 + more if more else ""
                    lead = " " * (12 + len(more) - len(more.lstrip()))
                    lines.extend(wrap(line, columns(), lead) if terminal and more else [line])
    if lines:
        data("\n".join(lines))
    if not count:
        say(
            f"Nothing drafted for {week.id} ({dates}) yet: jot a bullet with weeknote bullet, "
            f"or write the note with weeknote new {week.id}"
        )


def note_page(note: Note, text: str) -> None:
    """A note: rendered Markdown under its title on a terminal, its file's text otherwise."""
    from weeknote.layout import console as layout_console
    from weeknote.layout import is_terminal

    if not is_terminal():  # Rich is imported only for a terminal
        sys.stdout.write(text)
        return
    console = layout_console()
    from rich.markdown import Markdown
    from rich.text import Text

    from weeknote.weeks import Week

    console.print(Text(note.title, style="bold"))
    console.print(Text(weeks_text([Week.from_id(w) for w in note.weeks]), style="dim"))
    console.print()
    console.print(Markdown(note.body))


NEWCOMER = (
    ("weeknote bullet TEXT", "jot down something that happened"),
    ("weeknote show", "this week so far"),
    ("weeknote new", "write the week's note"),
    ("weeknote streak", "how the habit is going"),
    ("weeknote --help", "every command"),
)


def welcome(result: Status | None, store: Store) -> None:
    """Three lines of where this week stands, then the commands a newcomer needs."""
    from weeknote.layout import columns, is_terminal, wrap

    if result is None:
        lines = [
            f"No notes yet: the notes folder will be {store.root}.",
            "Start by jotting a bullet; write the note at the end of the week.",
            "",
        ]
    else:
        report = result.streak
        note = "written" if result.note is not None else "not written yet"
        drafted = plural(result.bullets, "bullet") + " drafted"
        if report.first_week is None:
            streak_line = "Streak: none yet; it starts with your first note."
        else:
            streak_line = f"Streak: {_weeks(report.current.length)}, {report.state}."
            if result.risk is not None:
                streak_line = f"Streak: {_weeks(report.current.length)}; {result.risk.reason}."
        now = f"Now: {weeks_text(result.weeks)}, {drafted}; its note is {note}."
        if result.week.start > result.today:  # this week is a break: say so, not the next
            off = next((w for w, _ in result.breaks if w.start <= result.today <= w.end), None)
            why = dict(result.breaks).get(off) if off else None
            now = f"Now: {weeks_text([off]) if off else 'this week'} is a break" + (
                f" ({why})." if why else "."
            )
        lines = [
            now,
            streak_line,
            f"Next: weeknote new {'opens' if result.note else 'writes'} {result.week.id}"
            + (f" from {_day(result.week)}." if result.week.start > result.today else "."),
        ]
    lines.append("")
    width = max(len(command) for command, _ in NEWCOMER) + 2
    lines += [f"  {command:<{width}}{what}" for command, what in NEWCOMER]
    if is_terminal():
        lines = [part for line in lines for part in (wrap(line, columns(), "  ") or [""])]
    data("\n".join(lines))
