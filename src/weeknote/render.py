"""The only place that prints: plain lines and JSON for programs, Rich for people.

Rich is imported inside the functions that draw tables, so the capture path never pays
for it.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from rich.text import Text

    from weeknote.capture import Captured
    from weeknote.compose import Composed, Updated
    from weeknote.importer import ImportPlan
    from weeknote.note import Note
    from weeknote.publish import Exported
    from weeknote.status import Status, WeekView
    from weeknote.store import Break, Bullet, NoteEntry, Store
    from weeknote.streak import Run, StreakReport
    from weeknote.tags import TagHint, TagUse
    from weeknote.weeks import Week


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
    if result.week_total is None:
        say(f"Added {plural(result.added, 'bullet')} to {where} ({sections}).")
        say(f"Warning: {result.problem}")
        return
    say(
        f"Added {plural(result.added, 'bullet')} to {where} ({sections}); "
        f"{result.week.id} holds {plural(result.week_total, 'bullet')} now."
    )


def composed(result: Composed, store: Store) -> None:
    if result.path is None:
        say(
            f"Nothing to write up yet: {result.reason}; {result.week.id} starts on "
            f"{result.week.start:%a %-d %b}."
        )
        return
    where = store.relative(result.path)
    if result.created:
        weeks = " and ".join(week.id for week in result.weeks)
        say(f"Writing up {weeks}: {result.reason}.")
        say(f"Created {where} with {plural(result.bullets, 'drafted bullet')}.")
        if result.unplaced:
            say(
                f"{plural(result.unplaced, 'bullet')} in sections the template has no place "
                "for: at the end of the note."
            )
        for lifted in result.lifted:
            why = f" ({lifted.reason})" if lifted.reason else ""
            say(f"{lifted.week} was a break{why}; now it has a note, it is no longer one.")
    else:
        say(f"{where} already exists; it is left as it is.")
        if result.not_in_note:
            say(
                f"{plural(result.not_in_note, 'drafted bullet')} not in it yet: add "
                f"{'it' if result.not_in_note == 1 else 'them'} with "
                f"weeknote new {result.week.id} --update"
            )
    data(str(result.path))


def updated(result: Updated, store: Store) -> None:
    where = store.relative(result.path)
    if not result.added:
        say(f"Nothing to add: {where} holds every drafted bullet of its weeks.")
    else:
        sections = ", ".join(dict.fromkeys(bullet.section for bullet in result.added))
        say(f"Added {plural(len(result.added), 'drafted bullet')} to {where} ({sections}).")
        for heading in result.headings:
            say(f"Added the heading {heading!r}, which the note did not have.")
    data(str(result.path))


def took_back(path: Path, bullet: Bullet, store: Store) -> None:
    say(
        f"Took back the newest bullet, from {bullet.day:%a %-d %b %Y} ({bullet.section}, "
        f"{store.relative(path)}):"
    )
    data(bullet.text)


def note_record(entry: NoteEntry, store: Store | None = None) -> dict[str, Any]:
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


def weeks_id(weeks: Sequence[str]) -> str:
    """'2026-W47', or for a span '2026-W44..W45' ('2026-W53..2027-W01' across a year)."""
    first, last = weeks[0], weeks[-1]
    if first == last:
        return first
    return f"{first}..{last[5:] if last[:4] == first[:4] else last}"


def notes(
    entries: Sequence[NoteEntry],
    store: Store,
    as_json_doc: bool,
    tag: str | None = None,
    breaks: Sequence[Break] = (),
) -> None:
    """The notes, with the breaks between them named (unless filtered by tag)."""
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
    from weeknote.index import monday_of

    rows = [
        (entry.weeks[0], (weeks_id(entry.weeks), span(entry.start, entry.end), entry.title,
                          str(entry.words)))
        for entry in entries
    ]  # fmt: skip
    for found in breaks:
        monday = monday_of(found.week)
        label = f"break: {found.reason}" if found.reason else "break"
        rows.append((found.week, (found.week, span(monday, monday + timedelta(6)), label, "")))
    rows.sort(key=lambda row: row[0])
    table(("Week", "Dates", "Title", "Words"), [row for _, row in rows], right=(3,), fold=2)


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    right: Sequence[int] = (),
    fold: int | None = None,
) -> None:
    """A table for people: a bold header, then columns two spaces apart; column ``fold`` wraps
    to fit the terminal. Laid out here because Rich's Table measures every cell, which takes
    seconds for the thousands of rows a long archive has."""
    import shutil
    import textwrap

    from rich.cells import cell_len
    from rich.console import Console

    def width(text: str) -> int:
        return len(text) if text.isascii() else cell_len(text)

    widths = [max(width(row[i]) for row in (header, *rows)) for i in range(len(header))]
    if fold is not None:
        others = sum(widths) - widths[fold] + 2 * (len(widths) - 1)
        room = shutil.get_terminal_size().columns - others
        widths[fold] = max(10, min(widths[fold], room))

    def lines(row: Sequence[str], wrap: bool) -> list[str]:
        cells = [
            textwrap.wrap(text, widths[i]) or [""]
            if wrap and i == fold and width(text) > widths[i]
            else [text]
            for i, text in enumerate(row)
        ]
        out = []
        for depth in range(max(len(parts) for parts in cells)):
            line = []
            for i, parts in enumerate(cells):
                text = parts[depth] if depth < len(parts) else ""
                pad = " " * max(0, widths[i] - width(text))
                line.append(pad + text if i in right else text + pad)
            out.append("  ".join(line).rstrip())
        return out

    Console(highlight=False).print(
        lines(header, False)[0], style="bold", markup=False, soft_wrap=True
    )
    if rows:
        data("\n".join(line for row in rows for line in lines(row, True)))


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
        return  # the command says so, and exits 1
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    for hit in hits:
        heading = hit.title if hit.kind == "note" else f"drafted bullets, {hit.day:%a %-d %b %Y}"
        console.print(Text(f"{hit.week}  {heading}  ({hit.path})", style="bold"))
        for (number, line), spans in zip(hit.lines, hit.spans, strict=True):
            prefix = f"  {number:>4}  "
            text = Text(prefix + line)
            for start, end in spans:
                text.stylize("reverse", len(prefix) + start, len(prefix) + end)
            console.print(text)
    say(f"{len(hits)} {'match' if len(hits) == 1 else 'matches'}.")


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
    table(("Tag", "Weeks", "Last week"), rows, right=(1,), fold=0)


def tag_hints(hints: Sequence[TagHint]) -> None:
    for hint in hints:
        say(f"new tag #{hint.tag}; did you mean #{hint.known}?")


# -- streak, skip, status, show --------------------------------------------------------------

SYMBOLS = {
    "written": ("■", "green"),
    "fortnight": ("◆", "cyan"),
    "break": ("○", "blue"),
    "missed": ("×", "red"),
    "due": ("□", "yellow"),
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
        "gaps": [
            {"first": gap.first.id, "last": gap.last.id, "weeks": gap.weeks} for gap in report.gaps
        ],
    }


def streak_headline(report: StreakReport) -> list[str]:
    states = {"written": "written", "in progress": "in progress", "none": "a week was missed"}
    state = states[report.state] if report.first_week is not None else "no notes yet"
    lines = [
        f"{'Current streak':<16}{_run_text(report.current)} ({state})",
        f"{'Longest streak':<16}{_run_text(report.longest)}",
    ]
    due = due_text(report)
    if due:
        lines.append(f"{'Due':<16}{due}")
    notes = "1 note" if report.notes == 1 else f"{report.notes} notes"
    if report.first_week is None:
        lines.append(f"{'Written':<16}{notes}")
    else:
        lines.append(
            f"{'Written':<16}{notes} {'covers' if report.notes == 1 else 'cover'} "
            f"{report.weeks_written} of the "
            f"{_weeks(report.weeks_due)} due since {report.first_week.id} ({report.percent}%)"
        )
    return lines


def heatmap(report: StreakReport) -> list[Text]:
    """The calendar: a ruler of week numbers, a row per year, one character per week."""
    from rich.text import Text

    ruler = [" "] * 53
    for mark in _RULER_MARKS:
        ruler[mark - 1 : mark - 1 + len(str(mark))] = str(mark)
    lines = [Text(" " * _YEAR_LABEL + "".join(ruler).rstrip(), style="dim")]
    for year, kinds in report.calendar():
        row = Text(f"{year}".ljust(_YEAR_LABEL))
        for kind, run in itertools.groupby(kinds):  # one styled segment per run of a kind
            symbol, style = SYMBOLS[kind]
            row.append(symbol * len(list(run)), style=style)
        lines.append(row)
    legend = Text(" " * _YEAR_LABEL)
    for kind in (*LEGEND[:3], "due", *LEGEND[3:]) if report.due is not None else LEGEND:
        symbol, style = SYMBOLS[kind]
        legend.append(symbol, style=style)
        legend.append(f" {LEGEND_WORDS.get(kind, kind)}  ")
    legend.rstrip()
    lines.append(legend)
    return lines


def streak(report: StreakReport, store: Store, as_json_doc: bool) -> None:
    if as_json_doc:
        as_json(streak_record(report))
    else:
        from rich.console import Console
        from rich.text import Text

        console = Console(highlight=False)
        for line in streak_headline(report):
            console.print(line, markup=False)
        if report.first_week is not None:
            console.print()
            console.print(Text("\n").join(heatmap(report)))
            _break_lines(report, console)
            console.print()
            missed = sum(gap.weeks for gap in report.gaps)
            if report.gaps:
                gaps = "1 gap" if len(report.gaps) == 1 else f"{len(report.gaps)} gaps"
                console.print(f"{gaps}, {_weeks(missed)} missed", markup=False)
            else:
                console.print("No gaps: every week since the first note is written or a break.")
            shown = report.gaps[-_GAPS_SHOWN:]
            if len(report.gaps) > len(shown):
                console.print(f"({len(report.gaps) - len(shown)} earlier gaps in --json)")
            if shown:
                rows = [
                    (
                        gap.first.id if gap.weeks == 1 else f"{gap.first.id} to {gap.last.id}",
                        span(gap.first.start, gap.last.end),
                        _weeks(gap.weeks),
                    )
                    for gap in shown
                ]
                table(("Missed", "Dates", "Length"), rows)
    if not report.notes:
        say(f"No notes yet in {store.root}: a streak starts with `weeknote new`.")


def _break_lines(report: StreakReport, console: Any) -> None:
    """The breaks by name, with their reasons: the latest few."""
    if not report.breaks:
        return
    shown = report.breaks[-_BREAKS_SHOWN:]
    words = []
    for week in shown:
        reason = report.reason(week)
        words.append(f"{week.id} ({reason})" if reason else week.id)
    earlier = len(report.breaks) - len(shown)
    more = f" and {earlier} earlier" if earlier else ""
    noun = "Break" if len(report.breaks) == 1 else "Breaks"
    console.print(f"{noun}: {', '.join(words)}{more}", markup=False)


def skipped(declared: Break, added: bool) -> None:
    why = f" ({declared.reason})" if declared.reason else ""
    if added:
        say(f"{declared.week} is a break now{why}: it neither counts toward nor breaks a streak.")
    else:
        say(f"{declared.week} is already a break{why}; nothing changed.")


def unskipped(declared: Break) -> None:
    say(f"{declared.week} is no longer a break.")


def status_record(status: Status, store: Store) -> dict[str, Any]:
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
        "breaks": [{"week": week.id, "reason": reason} for week, reason in status.breaks],
        "at_risk": found is not None,
        "risk": (
            {"week": found.week.id, "streak": found.streak, "reason": found.reason}
            if found is not None
            else None
        ),
    }


def status(result: Status, store: Store, as_json_doc: bool) -> None:
    if as_json_doc:
        as_json(status_record(result, store))
        return
    weeks = " and ".join(week.id for week in result.weeks)
    lines = [f"{weeks}, {span(result.weeks[0].start, result.weeks[-1].end)} ({result.why})"]
    if result.note is None:
        lines.append(f"{'Note':<10}not written yet: weeknote new writes it")
    else:
        late = result.not_in_note or 0
        missing = f"; {late} drafted {'bullet is' if late == 1 else 'bullets are'} not in it"
        lines.append(
            f"{'Note':<10}{store.relative(result.note)}, {result.title!r}{missing if late else ''}"
        )
    noun = "bullet" if result.bullets == 1 else "bullets"
    lines.append(f"{'Drafted':<10}{result.bullets} {noun}")
    lines.extend(f"  {f'{day:%a %-d %b}':<12}{count:>4}" for day, count in result.by_day)
    lines.extend(f"  {'#' + name:<12}{count:>4}" for name, count in result.by_section)
    report = result.streak
    lines.append(
        f"{'Streak':<10}{_weeks(report.current.length)}, {report.state}; "
        f"longest {_weeks(report.longest.length)}"
    )
    due = due_text(report)
    if due:
        lines.append(f"{'Due':<10}{due}")
    from weeknote.weeks import Week

    for week, reason in result.breaks:
        which = {0: "this week", -1: "last week", 1: "next week"}.get(
            week.since(Week.of(result.today, store.week_start)), "ahead"
        )
        lines.append(f"{'Break':<10}{week.id}, {which}" + (f": {reason}" if reason else ""))
    lines.append(f"{'At risk':<10}{result.risk.reason if result.risk else 'no'}")
    data("\n".join(lines))


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
        lines.append(f"{week.id} ({dates}), not written yet: {plural(count, 'drafted bullet')}")
        for lead, bullets in view.sections:
            lines.append("")
            lines.append(lead)
            lines.extend(f"  {b.day:%a %-d %b}  {b.text}" for b in bullets)
    if lines:
        data("\n".join(lines))
    if not count:
        say(
            f"Nothing drafted for {week.id} ({dates}) yet: jot a bullet with weeknote bullet, "
            f"or write the note with weeknote new {week.id}"
        )


def note_page(note: Note, text: str) -> None:
    """A note: rendered Markdown under its title on a terminal, its file's text otherwise."""
    from rich.console import Console

    console = Console(highlight=False)
    if not console.is_terminal:
        sys.stdout.write(text)
        return
    from rich.markdown import Markdown
    from rich.text import Text

    first, last = note.weeks[0], note.weeks[-1]
    weeks = first if first == last else f"{first} to {last}"
    console.print(Text(note.title, style="bold"))
    console.print(Text(weeks, style="dim"))
    console.print()
    console.print(Markdown(note.body))


T = TypeVar("T")
PROGRESS_FROM = 50  # files: fewer are written before a bar would be seen


def progress(items: Sequence[T], label: str) -> Iterator[T]:
    """``items`` with a Rich progress bar on stderr while they are worked through, when
    there are many and stderr is a terminal (Rich says whether it is)."""
    from rich.console import Console

    console = Console(stderr=True)
    if len(items) < PROGRESS_FROM or not console.is_terminal:
        yield from items
        return
    from rich.progress import Progress

    with Progress(console=console, transient=True) as bar:
        yield from bar.track(items, description=label)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


def exported(result: Exported) -> None:
    if result.document is not None:
        data(result.document)
        return
    assert result.written is not None
    written = result.written
    parts = [f"{_count(written.written, 'file')} written"]
    if written.unchanged:
        parts.append(f"{written.unchanged:,} unchanged")
    if written.removed:
        parts.append(f"{written.removed:,} removed (no longer exported)")
    notes = _count(result.notes, "note")
    say(f"Exported {notes} as {result.format} to {written.path}: {', '.join(parts)}.")
    for name in written.kept:
        say(f"Kept {name}: the export no longer writes it, but it was edited since.")
    for name in written.ignored:
        say(
            f"Warning: ignored {name!r} in {written.path}/.weeknote-export: it points outside "
            "the folder, so nothing there was touched"
        )
    path_line(written.path)


def imported(result: ImportPlan, store: Store) -> None:
    """The notes an import found (stdout), then how each archive was dated, any
    conflicts and the counts (stderr)."""
    from rich.console import Console
    from rich.table import Table

    several = len({archive.source for archive in result.archives}) > 1
    table = Table(box=None, pad_edge=False)
    table.add_column("Weeks", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Title", overflow="fold")
    table.add_column("Words", justify="right")
    table.add_column("Status", no_wrap=True)
    table.add_column("From" if several else "Line", no_wrap=True)
    for planned in result.planned:
        item, note = planned.item, planned.item.note()
        weeks = item.ids[0]
        if len(item.ids) > 1:
            last = item.ids[-1]
            weeks += f"..{last[5:] if last[:4] == weeks[:4] else last}"
        line = str(item.raw.line)
        table.add_row(
            weeks,
            note.date.isoformat(),
            note.title,
            str(note.words),
            planned.status,
            f"{Path(item.source).name}:{line}" if several else line,
        )
    Console().print(table)
    for archive in result.archives:
        noun = "note" if archive.notes == 1 else "notes"
        say(f"{archive.source}: {archive.notes} {noun}; year: {archive.reason}.")
    for conflict in result.conflicts:
        say(f"Conflict: {conflict}")
    counts = f"{result.count('new')} new, {result.count('unchanged')} unchanged"
    if result.count("repeat"):
        counts += f", {result.count('repeat')} repeated in the input (kept once)"
    if result.dry_run:
        say(f"Dry run: {counts}; nothing was written.")
    elif result.conflicts:
        return
    elif result.written:
        say(f"Imported {len(result.written)} notes into {store.root} ({counts}).")
    else:
        say(f"Nothing to import: every note is already in {store.root} ({counts}).")
