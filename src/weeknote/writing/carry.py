"""Carrying last week's plans into the note being written.

The plans come from the note whose weeks end just before the new note's first week (a
fortnight note covering the two weeks before counts as last week). Weeks declared breaks
are passed over, back to the note before the break; a week with neither a note nor a break
declared means there is nothing to carry. The plans are those of that note's plans section
(see plans.py), then the bullets drafted in its weeks under ``next`` that it does not hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from weeknote.errors import UsageError
from weeknote.folder.config import Config
from weeknote.folder.store import NoteEntry, Store
from weeknote.weeks.week import Week
from weeknote.writing.plans import (
    AFTER_BREAK_HEADING,
    CARRIED_HEADING,
    LIST_ITEM,
    Plan,
    block,
    find_block,
    find_plans,
    held,
    quote,
)
from weeknote.writing.template import Template, section_leads

PLANS_SECTION = "next"


@dataclass(frozen=True)
class Carried:
    """Plans carried forward: the note they come from and whether breaks came between."""

    path: Path
    weeks: tuple[str, ...]  # the weeks that note covers
    plans: tuple[Plan, ...]
    after_break: bool

    @property
    def heading(self) -> str:
        return AFTER_BREAK_HEADING if self.after_break else CARRIED_HEADING

    def block(self) -> str:
        return block(self.plans, self.heading)


def source_note(store: Store, first: Week) -> tuple[NoteEntry, bool] | None:
    """The note the plans for a note starting with week ``first`` come from, and whether
    weeks declared breaks were passed over to reach it."""
    breaks = store.break_reasons()
    week = first
    skipped = False
    while True:
        try:
            week = week - 1
        except UsageError:  # the first week weeknote knows: nothing came before it
            return None
        entry = store.find(week)
        if entry is not None:
            return entry, skipped
        if week.id not in breaks:
            return None
        skipped = True


def carried_plans(store: Store, config: Config, first: Week, template: Template) -> Carried | None:
    """The plans to carry into a note starting with week ``first``, or None when there are
    none (no note before it, no plans in that note, or ``carry_forward`` is off)."""
    if not config.carry_forward:
        return None
    found = source_note(store, first)
    if found is None:
        return None
    entry, skipped = found
    from weeknote.writing.template import week_values

    path = store.path_of(entry)
    note = store.load_note(path)
    weeks = [Week.from_id(w, store.week_start) for w in entry.weeks]
    lead = section_leads(template, week_values(weeks, note.title)).get(PLANS_SECTION, "")
    plans = find_plans(note.body, [config.plans_heading, lead])
    sections = list(dict.fromkeys([*template.sections(), PLANS_SECTION]))
    for bullet in store.bullets(weeks, sections):
        drafted = Plan(bullet.text)
        if bullet.section == PLANS_SECTION and not held(drafted, note.body):
            plans.append(_unindented(drafted))
    if not plans:
        return None
    return Carried(path, entry.weeks, tuple(plans), skipped)


def _unindented(plan: Plan) -> Plan:
    first, *rest = plan.text.split("\n")
    return Plan("\n".join([first, *(line.strip() for line in rest)]), plan.listed)


def add_missing(text: str, carried: Carried) -> tuple[str, list[Plan]]:
    """A note's text with the carried plans it does not hold added at the end of its carried
    block's quote, and the plans added. A note with no carried block (never given one, or
    its writer took it out) is left as it is."""
    lines = text.splitlines(keepends=True)
    found = find_block([line.rstrip("\r\n") for line in lines])
    missing = [plan for plan in carried.plans if not held(plan, text)]
    if found is None or not missing:
        return text, []
    start, end = found
    quoted = [line for line in lines[start + 1 : end] if line.lstrip().startswith(">")]
    last_listed = _last_is_item(quoted)
    new = quote(missing)
    if quoted and not (missing[0].listed and last_listed):
        new.insert(0, ">")
    added = [f"{line}\n" for line in new]
    if not quoted:  # the heading has nothing quoted under it: a blank line, then the quote
        added = ["\n", *added]
        if end < len(lines) and lines[end].strip():
            added.append("\n")
    lines[end:end] = added
    return "".join(lines), missing


def _last_is_item(quoted: Sequence[str]) -> bool:
    """Whether the quote's last block is a list (so another item follows straight on)."""
    for line in reversed(quoted):
        inner = line.lstrip().removeprefix(">")
        if inner.strip():
            return inner.startswith("   ") or bool(LIST_ITEM.match(inner))
    return False
