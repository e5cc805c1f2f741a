"""The week as it stands: `status`, a week shown (`show`), and the first screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from weeknote.folder.note import Note
    from weeknote.folder.store import Store
    from weeknote.habit.status import Late, Status, WeekView
    from weeknote.weeks.week import Week


from weeknote.render.habit import due_record, due_text, run_record, text_lines, weeks_phrase
from weeknote.render.lines import as_json, data, document, say
from weeknote.text.wording import plural, quoted, span, weeks_text


def status_record(status: Status, store: Store) -> dict[str, Any]:
    from weeknote.git.sync import original_of

    found = status.risk
    return {
        "version": 1,
        "today": status.today.isoformat(),
        "writes": status.writes.id if status.writes is not None else None,
        "due_from": status.due_from.isoformat() if status.due_from else None,
        "now": {
            "week": status.now.id if status.now else None,
            "bullets": status.now_bullets,
        },
        "late": [
            {"week": late.week.id, "note": late.note, "bullets": late.bullets}
            for late in status.late
        ],
        "gathered_not_drafted": status.gathered,
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
        "streak": {**run_record(status.streak.current), "state": status.streak.state},
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
    pairs = [("Now", _now_text(result))] if result.now is not None else []
    if result.note is None and result.week.start > result.today:  # this week is a break
        pairs.append(("Note", f"not due yet: weeknote new writes it from {_day(result.week)}"))
    elif result.note is None and result.writes is None:
        day = f"{result.due_from:%a %-d %b}" if result.due_from else "its write-up day"
        pairs.append(("Note", f"due from {day}; to write it now: weeknote new this"))
    elif result.note is None:
        pairs.append(("Note", "not written yet: weeknote new writes it"))
    else:
        late = result.not_in_note or 0
        missing = f"; {late} drafted {'bullet is' if late == 1 else 'bullets are'} not in it"
        title = quoted(result.title or "")
        pairs.append(("Note", f"{store.relative(result.note)}, {title}{missing if late else ''}"))
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
                f"{weeks_phrase(report.current.length)}, {report.state}; "
                f"longest {weeks_phrase(report.longest.length)}",
            )
        )
    due = due_text(report)
    if due and (result.risk is None or result.risk.week != report.due):  # else At risk says it
        pairs.append(("Due", due))
    from weeknote.weeks.week import Week

    this = Week.of(result.today, store.week_start)
    for week, reason in result.breaks:
        which = {0: "this week", -1: "last week", 1: "next week"}.get(week.since(this), "ahead")
        pairs.append(("Break", f"{week.id}, {which}" + (f": {reason}" if reason else "")))
    pairs += [("Late", _late_text(found)) for found in result.late]
    if result.gathered:
        from weeknote.render.gathering import nudge_text

        pairs.append(("Gathered", nudge_text(result.gathered, result.week, result.now)))
    pairs.append(("At risk", result.risk.reason if result.risk else "no"))
    from weeknote.git.sync import original_of

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


def _now_text(result: Status) -> str:
    """This week, its drafted bullets, and when its note is due."""
    assert result.now is not None
    text = f"{weeks_text([result.now])}, {plural(result.now_bullets, 'bullet')} drafted"
    reason = dict(result.breaks).get(result.now)
    if reason is not None:
        return (
            f"{weeks_text([result.now])} is a break"
            + (f" ({reason})" if reason else "")
            + (f"; {plural(result.now_bullets, 'bullet')} drafted" if result.now_bullets else "")
        )
    if result.now in result.weeks and result.note is not None:
        return text + "; its note is written"
    return text


def _late_text(late: Late) -> str:
    """A written week with bullets drafted after its note took them in."""
    these = "bullet" if late.bullets == 1 else "bullets"
    return (
        f"{late.week.id} has {late.bullets} {these} drafted since its note was written: "
        f"weeknote new {late.week.id} --update"
    )


def status(result: Status, store: Store, as_json_doc: bool) -> None:
    if as_json_doc:
        as_json(status_record(result, store))
        return
    from weeknote.text.layout import is_terminal, pair_lines

    terminal = is_terminal()
    if result.writes is None and result.note is None and result.week.start <= result.today:
        head = text_lines(f"Nothing to write up yet: {result.why}", terminal)
    else:
        head = text_lines(
            f"{weeks_text(result.weeks)} is the week to write up: {result.why}", terminal
        )
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
        from weeknote.text.layout import columns, is_terminal, wrap

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
    from weeknote.text.layout import console as layout_console
    from weeknote.text.layout import is_terminal

    if not is_terminal():  # Rich is imported only for a terminal
        document(text)  # the file as it is
        return
    console = layout_console()
    from rich.markdown import Markdown
    from rich.text import Text

    from weeknote.text.layout import shown
    from weeknote.weeks.week import Week

    console.print(Text(shown(note.title), style="bold"))
    console.print(Text(weeks_text([Week.from_id(w) for w in note.weeks]), style="dim"))
    console.print()
    console.print(Markdown(shown(note.body, lines=True)))


NEWCOMER = (
    ("weeknote bullet TEXT", "jot down something that happened"),
    ("weeknote show", "this week so far"),
    ("weeknote new", "write the week's note"),
    ("weeknote streak", "how the habit is going"),
    ("weeknote --help", "every command"),
)


def welcome(result: Status | None, store: Store) -> None:
    """Where this week stands (now, the week to write up if another, late bullets, the
    streak, what `new` does next), then the commands a newcomer needs."""
    from weeknote.text.layout import columns, hanging, is_terminal

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
            streak_line = f"Streak: {weeks_phrase(report.current.length)}, {report.state}."
            if result.risk is not None:
                length = weeks_phrase(report.current.length)
                streak_line = f"Streak: {length}; {result.risk.reason}."
        lines = [f"Now: {_now_text(result)}."]
        ahead = result.week.start > result.today  # this week is a break: the next is named
        if result.writes is not None and result.now not in result.weeks and not ahead:
            lines.append(f"Write up: {weeks_text(result.weeks)}, {drafted}; its note is {note}.")
        lines += [f"Late: {_late_text(late)}." for late in result.late]
        lines.append(streak_line)
        if result.writes is None and result.note is None and result.week.start <= result.today:
            due = f"{result.due_from:%a %-d %b}" if result.due_from else "its write-up day"
            lines.append(
                f"Next: weeknote new writes {result.week.id} from {due} "
                "(or now: weeknote new this)."
            )
        else:
            lines.append(
                f"Next: weeknote new {'opens' if result.note else 'writes'} {result.week.id}"
                + (f" from {_day(result.week)}." if result.week.start > result.today else ".")
            )
    lines.append("")
    width = max(len(command) for command, _ in NEWCOMER) + 2
    lines += [f"  {command:<{width}}{what}" for command, what in NEWCOMER]
    if is_terminal():
        lines = [part for line in lines for part in (hanging(line, columns()) or [""])]
    data("\n".join(lines))
