"""Writing a week's note: which week, which template, which bullets."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from weeknote.errors import ConflictError, NoteError, NotFoundError, UsageError
from weeknote.folder.config import Config
from weeknote.folder.note import PUBLISHED, UPDATED, Note, default_title, serialise, with_key
from weeknote.folder.store import Break, Bullet, NoteEntry, Store
from weeknote.weeks.week import OUT_OF_RANGE, WEEKDAYS, Week, cutoff_date, day_in_week
from weeknote.writing.template import CARRIED, Template, fill, section_leads, week_values

if TYPE_CHECKING:  # plans are found only when a note is written: show and streak need none
    from weeknote.writing.carry import Carried
    from weeknote.writing.plans import Plan

MAX_WEEKS = 4


@dataclass(frozen=True)
class Composed:
    path: Path | None  # None: nothing to write up yet (every week so far written or a break)
    week: Week
    weeks: tuple[Week, ...]
    created: bool
    reason: str
    bullets: int
    not_in_note: int
    unplaced: int
    lifted: tuple[Break, ...] = ()  # breaks the new note's weeks were, now lifted
    carried: Carried | None = None  # last week's plans, quoted in the new note
    due: bool = False  # nothing written: ``week`` (this week) is not due yet


@dataclass(frozen=True)
class Updated:
    path: Path
    weeks: tuple[Week, ...]
    added: tuple[Bullet, ...]  # the drafted bullets added to the note, in its order
    headings: tuple[str, ...]  # section headings the note did not have, added with them
    carried: Carried | None = None  # last week's plans added to its carried block


@dataclass(frozen=True)
class Choice:
    """The week `new` writes when none is named (None: nothing is due yet), why, and the
    day this week's note is due from (its write-up day)."""

    week: Week | None
    why: str
    due_from: date
    late: bool = False  # last week, written after its cut-off


def choose_week(
    store: Store,
    today: date,
    cutoff_day: str,
    write_day: str = "friday",
    breaks: Mapping[str, str] | None = None,
) -> Choice:
    """The week `new` writes when none is named, and why.

    - Last week, unwritten and begun (bullets drafted in it, or notes before it), no break:
      up to the cut-off day, and after it too until this week's write-up day (late, but a
      late note still fills the week).
    - This week, from its write-up day on; or on any day in a folder with no note yet, so
      that a newcomer's first `new` writes something. A week declared a break is never
      chosen: the next week that is not one is, and the reason says so.
    - Else nothing: last week is written (or a break), and this week is not due yet.
    """
    breaks = {} if breaks is None else breaks
    this = Week.of(today, store.week_start)
    last = this.step(-1)
    due_from = day_in_week(today, write_day, store.week_start)
    weekday = WEEKDAYS[today.weekday()].capitalize()
    cutoff = cutoff_date(today, cutoff_day, store.week_start)
    until = f"the {cutoff_day.capitalize()} cut-off"
    first_note = not store.scan()
    if last is None:
        return Choice(this, f"{this.id} is the first week weeknote supports", due_from)
    unwritten = store.find(last) is None
    if unwritten and last.id not in breaks and _begun_by(store, last):
        if today <= cutoff:
            why = f"it is {weekday}, on or before {until}, and last week has no note yet"
            return Choice(last, why, due_from)
        if today < due_from:
            why = (
                f"last week has no note yet; it is late ({until} has passed), and a late note "
                "still fills the week"
            )
            return Choice(last, why, due_from, late=True)
    if unwritten and last.id in breaks:
        before = f"last week ({last.id}) is {_a_break(last, breaks)}"
    elif unwritten:
        before = "last week has no bullets and no note came before it"
    else:
        before = f"last week ({last.id}) already has a note"
    if today >= due_from:
        day = write_day.capitalize()
        reason = (
            f"it is {day}, the write-up day"
            if today == due_from
            else (f"it is {weekday}, after {day}, the write-up day")
        )
    elif first_note:
        reason = "the folder has no note yet, so the first is this week's"
    elif store.find(this) is not None:
        reason = "this week's note is written already"
    elif this.id in breaks:
        reason = before  # and the weeks after the break are named below
    else:
        return Choice(None, f"{before}, and {this.id} is due from {due_from:%a %-d %b}", due_from)
    week = this
    skipped = []
    while week.id in breaks and store.find(week) is None:
        skipped.append(week)
        following = week.step(1)
        if following is None:
            raise UsageError(
                f"{week.id} is a break, and no week after it is supported: name the week "
                f"to write, such as weeknote new {week.id}"
            )
        week = following
    if skipped:
        also = "" if len(skipped) == 1 else f", and so is each week to {skipped[-1].id}"
        reason = f"{reason}; this week ({this.id}) is {_a_break(this, breaks)}{also}"
    return Choice(week, reason, due_from)


def _begun_by(store: Store, week: Week) -> bool:
    """Whether ``week`` is one the person has something to write up for: bullets were
    drafted in it, or notes were written before it (the habit had begun). A newcomer's
    first Monday is about the week ahead, not an empty one behind."""
    if any(store.draft_path(day).exists() for day in week.days()):
        return True
    return any(entry.weeks[0] < week.id for entry in store.scan())


def _a_break(week: Week, breaks: Mapping[str, str]) -> str:
    why = breaks.get(week.id, "")
    return f"a break ({why})" if why else "a break"


def not_in_note(bullets: Sequence[Bullet], body: str) -> int:
    """Bullets whose text the note does not hold (added after it was written)."""
    return sum(1 for bullet in bullets if bullet.text not in body)


def _existing(found: list[NoteEntry], weeks: Sequence[Week], store: Store) -> NoteEntry:
    wanted = {week.id for week in weeks}
    if len(found) == 1 and (wanted <= set(found[0].weeks) or len(weeks) == 1):
        return found[0]
    names = ", ".join(store.relative(store.path_of(entry)) for entry in found)
    covered = sorted(wanted.intersection(w for entry in found for w in entry.weeks))
    raise ConflictError(
        f"{', '.join(covered)} already covered by {names}: a week belongs to one note; "
        "edit that note or choose other weeks"
    )


def compose(
    store: Store,
    config: Config,
    today: date,
    week: Week | None,
    span: int = 1,
    subtitle: str = "",
    template_name: str | None = None,
) -> Composed:
    """Create the note for ``week`` (and the weeks before it, for ``span`` > 1), or find the
    note that already covers it. Never overwrites a file."""
    if not 1 <= span <= MAX_WEEKS:
        raise UsageError(f"--weeks must be between 1 and {MAX_WEEKS}, not {span}")
    breaks = store.break_reasons()
    this = Week.of(today, store.week_start)
    if week is None:
        choice = choose_week(store, today, config.cutoff_day, config.write_day, breaks)
        if choice.week is None:  # nothing due: last week is written, this week not yet due
            return Composed(None, this, (this,), False, choice.why, 0, 0, 0, due=True)
        week, reason = choice.week, choice.why
    else:
        reason = "you named it"
    if week > this:
        # Chosen past breaks into a week that has not begun: nothing to write up yet.
        return Composed(None, week, (week,), False, reason, 0, 0, 0)
    first = week.step(1 - span)
    if first is None:
        raise UsageError(f"--weeks {span} up to {week.id} would begin {OUT_OF_RANGE}")
    weeks = tuple(first + i for i in range(span))
    template = store.template(template_name or config.template)
    sections = template.sections()
    bullets = store.bullets(weeks, sections)
    found = store.covering(weeks)
    if found:
        entry = _existing(found, weeks, store)
        path = store.path_of(entry)
        note = store.load_note(path)
        covered = tuple(Week.from_id(w, store.week_start) for w in entry.weeks)
        all_bullets = store.bullets(covered, sections)
        return Composed(
            path, covered[-1], covered, False, reason, len(all_bullets),
            not_in_note(all_bullets, note.body), 0,
        )  # fmt: skip
    title = default_title(weeks, config.title_style, subtitle.strip())
    by_section: dict[str, list[str]] = {}
    for bullet in bullets:
        by_section.setdefault(bullet.section, []).append(bullet.text)
    values = week_values(weeks, title)
    from weeknote.writing.carry import carried_plans
    from weeknote.writing.plans import with_block

    carried = carried_plans(store, config, weeks[0], template)
    if carried is not None:
        values[CARRIED] = carried.block()
    body, unplaced = fill(template, values, by_section)
    if carried is not None and CARRIED not in (name for name, _ in template.placeholders()):
        body = with_block(body, carried.block())
    from weeknote.weeks.days import offset_moment

    now = offset_moment()
    stamps = {PUBLISHED: now, UPDATED: now}
    ids = tuple(w.id for w in weeks)
    note = Note(week.id, ids, title, weeks[0].start, body, (), stamps, config.note_front_matter)
    path = store.create_note(week.id, serialise(note))
    took_in(store, path)
    # A week written up is no break any more: lift the break, so it counts toward the streak.
    lifted = tuple(store.remove_break(w) for w in weeks if w.id in breaks)
    return Composed(
        path, week, weeks, True, reason, len(bullets), 0, len(unplaced), lifted, carried
    )


def took_in(store: Store, path: Path) -> None:
    """Say in the folder's summary that the note at ``path`` holds its weeks' drafts as of
    now: a bullet drafted later is late (folder/summary.py)."""
    from weeknote.folder import paths, summary
    from weeknote.folder.bullets import stamp
    from weeknote.weeks.days import moment_now

    line = f"m\t{path.name}\t{stamp(moment_now())}\n"
    summary.append(paths.summary_path(str(store.root)), [line])


def late_bullets(store: Store, entry: NoteEntry, sections: Sequence[str]) -> list[Bullet]:
    """The drafted bullets of a note's weeks that its body does not hold (drafted after it
    was written, or left out)."""
    note = store.load_note(store.path_of(entry))
    weeks = [Week.from_id(w, store.week_start) for w in entry.weeks]
    return [b for b in store.bullets(weeks, sections) if b.text not in note.body]


def update_note(
    store: Store, config: Config, week: Week, template_name: str | None = None
) -> Updated:
    """Add the week's late bullets to its note under their sections (adding a section's
    heading where the note has none), and last week's plans it does not hold to its carried
    block, changing no other line."""
    entry = store.find(week)
    if entry is None:
        raise NotFoundError(
            f"no note covers {week.id} to update: write it with: weeknote new {week.id}"
        )
    template = store.template(template_name or config.template)
    path = store.path_of(entry)
    note, text = store.read_note(path)
    weeks = tuple(Week.from_id(w, store.week_start) for w in entry.weeks)
    late = [b for b in store.bullets(weeks, template.sections()) if b.text not in note.body]
    updated = text
    if late:
        leads = section_leads(template, week_values(weeks, note.title))
        updated, headings = _with_bullets(text, late, leads, template)
    else:
        headings = []
    from weeknote.writing.carry import add_missing, carried_plans

    carried = carried_plans(store, config, weeks[0], template)
    plans: list[Plan] = []
    if carried is not None:
        updated, plans = add_missing(updated, carried)
    if updated == text:
        return Updated(path, weeks, (), ())
    if store.read(path, "note") != text:
        raise ConflictError(f"{path} changed while it was being updated: run the update again")
    from weeknote.folder.files import write_atomic
    from weeknote.weeks.days import offset_moment

    updated = with_key(updated, str(path), UPDATED, offset_moment(), entry.week) or updated
    write_atomic(path, updated, overwrite=True)
    took_in(store, path)
    store.written.append(path)
    store.forget_scan()
    added = dataclasses.replace(carried, plans=tuple(plans)) if carried and plans else None
    return Updated(path, weeks, tuple(late), tuple(headings), added)


def stamp_updated(store: Store, path: Path) -> None:
    """Keep in the note at ``path`` that weeknote changed it now (its ``updated``), after a
    person changed it in the editor weeknote opened. A note the edit left unreadable, or
    without front matter, is left as it is."""
    from weeknote.folder.files import write_atomic
    from weeknote.folder.index import NOTE_NAME
    from weeknote.weeks.days import offset_moment

    named = NOTE_NAME.fullmatch(path.name)
    if named is None:
        return
    try:
        text = store.read(path, "note")
        stamped = with_key(text, str(path), UPDATED, offset_moment(), named.group(1))
    except (NoteError, FileNotFoundError):
        return
    if stamped is not None and stamped != text:
        write_atomic(path, stamped, overwrite=True)
        store.written.append(path)
        store.forget_scan()


def _with_bullets(
    text: str, late: Sequence[Bullet], leads: Mapping[str, str], template: Template
) -> tuple[str, list[str]]:
    """The note's text with the bullets inserted: at the end of the list under their
    section's heading, or under that heading added at the end."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    added: list[str] = []
    by_section: dict[str, list[str]] = {}
    for bullet in late:
        by_section.setdefault(bullet.section, []).append(f"- {bullet.text}\n")
    for section in [*template.sections(), *by_section]:
        items = by_section.pop(section, None)
        if not items:
            continue
        lead = leads.get(section, "")
        at = _find_line(lines, lead) if lead else None
        if at is None:
            heading = lead or f"## {section.capitalize()}"
            if lines and lines[-1].strip():
                lines.append("\n")
            lines += [f"{heading}\n", "\n", *items]
            added.append(heading)
            continue
        end = _list_end(lines, at)
        if end is None:  # the heading has no list under it yet
            block = ["\n", *items]
            if at + 1 < len(lines) and lines[at + 1].strip():
                block.append("\n")
            lines[at + 1 : at + 1] = block
        else:
            lines[end:end] = items
    return "".join(lines), added


def _find_line(lines: Sequence[str], wanted: str) -> int | None:
    for number, line in enumerate(lines):
        if line.strip() == wanted.strip():
            return number
    return None


def _list_end(lines: Sequence[str], heading: int) -> int | None:
    """The line after the last item of the list that follows ``heading`` (blank lines
    between them allowed), or None when something else comes first."""
    number = heading + 1
    while number < len(lines) and not lines[number].strip():
        number += 1
    if number >= len(lines) or lines[number].lstrip()[:2] not in ("- ", "* "):
        return None
    while number < len(lines) and (
        lines[number].lstrip()[:2] in ("- ", "* ")
        or (lines[number].strip() and lines[number][:1] in (" ", "\t"))
    ):
        number += 1
    return number
