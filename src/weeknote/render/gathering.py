"""What `weeknote gather` shows: the week's candidates by day, numbered, with their
sources; what it drafted; and, in a terminal, the picker (questionary's checkboxes)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from weeknote.gather.model import Candidate
    from weeknote.gather.run import Gathered
    from weeknote.weeks.week import Week

from weeknote.render.lines import as_json, data, say
from weeknote.text.wording import plural, span


def nudge_text(count: int, week: Week, this: Week | None) -> str:
    """ "7 things gathered this week are not drafted: weeknote gather", from the record."""
    things = plural(count, "thing")
    if week == this:
        return f"{things} gathered this week {_are(count)} not drafted: weeknote gather"
    return f"{things} gathered for {week.id} {_are(count)} not drafted: weeknote gather {week.id}"


def _are(count: int) -> str:
    return "is" if count == 1 else "are"


def nudge(count: int, week: Week, this: Week) -> None:
    if count:
        say(nudge_text(count, week, this))


def gathered_record(result: Gathered) -> dict[str, Any]:
    return {
        "version": 1,
        "week": result.week.id,
        "days": [day.isoformat() for day in result.days],
        "candidates": [
            {
                "number": number,
                "id": candidate.id,
                "day": candidate.day.isoformat(),
                "time": candidate.when or None,
                "kind": candidate.kind,
                "source": candidate.source,
                "text": candidate.text,
                "private": candidate.private,
            }
            for number, candidate in enumerate(result.candidates, start=1)
        ],
        "added": [
            {"id": candidate.id, "day": candidate.day.isoformat(), "text": text}
            for candidate, text, _ in result.added
        ],
        "warnings": list(result.warnings),
    }


def _label(candidate: Candidate) -> str:
    return f"{candidate.kind} {candidate.source}"


def warnings(result: Gathered) -> None:
    for line in result.warnings:
        say(f"Warning: {line}")


def gathered(result: Gathered, as_json_doc: bool, warned: bool = False) -> None:
    """The candidates (when none was asked for), or what was drafted of them; the warnings
    first, unless ``warned`` already."""
    if not warned:
        warnings(result)
    if as_json_doc:
        as_json(gathered_record(result))
        return
    week = result.week
    dates = span(week.start, week.end)
    if result.added:
        for candidate, text, _ in result.added:
            say(f"Drafted for {candidate.day:%a %-d %b}: {text}")
        count = len(result.added)
        say(f"{plural(count, 'bullet')} gathered into {week.id}'s drafts.")
        return
    if result.asked:
        say("Nothing drafted.")
        return
    if not result.candidates:
        sources = sum(result.read.values())
        if not sources and not result.warnings:
            say(
                "No sources to gather from: set gather.repos or gather.calendars (weeknote "
                "config gather.repos ~/src), or name one with --repo or --calendar"
            )
        elif result.passed:
            say(
                f"Nothing new to gather for {week.id} ({dates}); weeknote gather --all offers "
                "again what was passed over."
            )
        else:
            say(f"Nothing new to gather for {week.id} ({dates}).")
        return
    lines = []
    day = None
    width = len(str(len(result.candidates)))
    for number, candidate in enumerate(result.candidates, start=1):
        if candidate.day != day:
            day = candidate.day
            lines.append(f"{day:%a %-d %b}")
        when = f"{candidate.when} " if candidate.when else ""
        private = " (private: drafted only by number)" if candidate.private else ""
        lines.append(f"  {number:>{width}}  {when}{candidate.text}  [{_label(candidate)}]{private}")
    data("\n".join(lines))
    count = len(result.candidates)
    say(
        f"{plural(count, 'thing')} gathered for {week.id} ({dates}): draft them with "
        f"weeknote gather {week.id} --add all, or some with --add 1,3-5"
    )


def pick(candidates: Sequence[Candidate], section: str | None) -> list[tuple[Candidate, str]]:
    """Ask which candidates to draft, in the terminal: checkboxes, each with its day and the
    section it goes to; a private event picked is drafted as "busy" unless retyped. Ctrl-C
    stops the command, as anywhere (KeyboardInterrupt: nothing is drafted)."""
    import questionary

    from weeknote.writing.template import DEFAULT_SECTION

    section = section or DEFAULT_SECTION
    choices = [
        questionary.Choice(
            title=f"{candidate.day:%a %-d %b}  #{section}  {candidate.text}  [{_label(candidate)}]",
            value=place,
        )
        for place, candidate in enumerate(candidates)
    ]
    answer = questionary.checkbox(
        "Draft which? (space picks, a picks all, enter drafts)", choices=choices
    ).unsafe_ask()
    picked = []
    for place in answer:
        candidate = candidates[place]
        text = candidate.text
        if candidate.private:
            typed = questionary.text(
                f"{candidate.day:%a %-d %b} was busy: what was it? (enter keeps busy)",
                default=text,
            ).unsafe_ask()
            text = " ".join(str(typed).split()) or text
        picked.append((candidate, text))
    return picked
