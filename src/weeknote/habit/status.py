"""`weeknote status`: where the week the next note is for stands."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from weeknote.errors import NoteError
from weeknote.folder.config import Config
from weeknote.folder.gathered import not_drafted
from weeknote.folder.note import Note
from weeknote.folder.store import Bullet, Store
from weeknote.git.sync import conflict_files
from weeknote.habit.streak import Risk, StreakReport, compute_streak, risk
from weeknote.weeks.week import Week
from weeknote.writing.compose import choose_week, not_in_note
from weeknote.writing.template import section_leads, week_values


@dataclass(frozen=True)
class Late:
    """A written note of the last eight weeks, and the bullets drafted for its weeks after it
    last took in their drafts (`new`, `new --update`)."""

    week: Week  # the note's week (its last)
    note: str  # its file name
    bullets: int


@dataclass(frozen=True)
class Status:
    today: date
    week: Week
    why: str
    weeks: tuple[Week, ...]  # the weeks its note covers (or would cover)
    note: Path | None
    title: str | None
    by_day: tuple[tuple[date, int], ...]
    by_section: tuple[tuple[str, int], ...]
    not_in_note: int | None  # None while there is no note
    streak: StreakReport
    risk: Risk | None
    breaks: tuple[tuple[Week, str], ...] = ()  # breaks last week, this week or just ahead
    conflicts: tuple[Path, ...] = ()  # other machines' texts a sync kept beside notes
    plans: tuple[str, ...] = ()  # last week's plans, as `new` carries them
    plans_from: Path | None = None  # the note they come from
    writes: Week | None = None  # the week `new` writes now (None: nothing is due yet)
    due_from: date | None = None  # the day this week's note is due from (its write-up day)
    now: Week | None = None  # this week
    now_bullets: int = 0  # drafted in it
    late: tuple[Late, ...] = ()  # written weeks of the last 8 with bullets drafted since
    gathered: int = 0  # things the last gather of ``week`` offered, neither drafted nor passed

    @property
    def bullets(self) -> int:
        return sum(count for _, count in self.by_day)


def streak_report(store: Store, as_of: date, cutoff_day: str | None = None) -> StreakReport:
    """The folder's streak as of a day, from the index cache and the names of the drafts: no
    note body or draft is read. With ``cutoff_day``, an unwritten last week is due until
    then, not missed."""
    declared = store.breaks()
    return compute_streak(
        [entry.weeks for entry in store.scan()],
        [found.week for found in declared],
        as_of,
        store.week_start,
        cutoff_day,
        [(found.week, found.reason) for found in declared],
        {Week.of(day, store.week_start).id for day in store.draft_days()},
    )


def week_status(store: Store, config: Config, today: date) -> Status:
    """The week `new` would write now: its note, its drafted bullets, and the streak."""
    reasons = store.break_reasons()
    choice = choose_week(store, today, config.cutoff_day, config.write_day, reasons)
    this = Week.of(today, store.week_start)
    week, why = choice.week or this, choice.why
    entry = store.find(week)
    weeks = tuple(Week.from_id(w, store.week_start) for w in entry.weeks) if entry else (week,)
    template = store.template(config.template)
    sections = template.sections()
    bullets = store.bullets(weeks, sections)
    from weeknote.writing.carry import carried_plans  # here: show and streak need no plans

    carried = carried_plans(store, config, weeks[0], template)
    per_day = Counter(bullet.day for bullet in bullets)
    per_section = Counter(bullet.section for bullet in bullets)
    note = store.load_note(store.path_of(entry)) if entry else None
    report = streak_report(store, today, config.cutoff_day)
    near = [w for w in (this.step(-1), this, this.step(1), this.step(2)) if w is not None]
    return Status(
        today=today,
        week=week,
        why=why,
        weeks=weeks,
        note=store.path_of(entry) if entry else None,
        title=note.title if note else None,
        by_day=tuple((day, per_day[day]) for w in weeks for day in w.days()),
        by_section=tuple((name, per_section[name]) for name in sections),
        not_in_note=not_in_note(bullets, note.body) if note else None,
        streak=report,
        risk=risk(report, today, config.cutoff_day, store.week_start, config.write_day),
        breaks=tuple((w, reasons[w.id]) for w in near if w.id in reasons and not store.find(w)),
        conflicts=tuple(conflict_files(store.root)),
        plans=tuple(plan.text for plan in carried.plans) if carried else (),
        plans_from=carried.path if carried else None,
        writes=choice.week,
        due_from=choice.due_from,
        now=this,
        now_bullets=(
            sum(per_day[day] for day in this.days())
            if this in weeks
            else len(store.bullets([this], sections))
        ),
        late=tuple(late for late in late_notes(store, this, sections) if late.week not in weeks),
        gathered=not_drafted(store.root, week) if config.gathers else 0,
    )


def late_notes(store: Store, this: Week, sections: Sequence[str]) -> list[Late]:
    """The written notes of this week and the seven before it with bullets drafted after
    each took in its drafts: moments are compared (folder/summary.py); a note is read only
    for a bullet drafted in the very second it took them in."""
    from weeknote.writing.capture import glance

    summary = glance(store, sections)
    if summary is None:
        return []
    first = this.step(-7) or this
    found = []
    for name, (week_ids, taken) in summary.notes.items():
        if not first.id <= week_ids[-1] <= this.id:
            continue
        weeks = [Week.from_id(week_id, store.week_start) for week_id in week_ids]
        drafted = store.bullets(weeks, sections)
        count = sum(1 for bullet in drafted if bullet.added > taken)
        # Drafted in the second the note took them in: before or after? Its text says.
        tied = [bullet for bullet in drafted if bullet.added == taken]
        if tied:
            body = store.load_note(store.root / name).body
            count += sum(1 for bullet in tied if bullet.text not in body)
        if count:
            found.append(Late(weeks[-1], name, count))
    return sorted(found, key=lambda late: late.week)


@dataclass(frozen=True)
class WeekView:
    """What `weeknote show` shows of a week: its note, or what has been drafted for it."""

    week: Week
    weeks: tuple[Week, ...]
    note: Note | None
    text: str | None  # the note's file as it is
    path: Path | None
    late: int  # drafted bullets the note does not hold
    sections: tuple[tuple[str, tuple[Bullet, ...]], ...]  # (section lead, bullets), drafts
    break_reason: str | None  # the week is a break (with this reason, maybe "")


def week_view(store: Store, config: Config, week: Week) -> WeekView:
    """The note covering ``week`` if there is one, else its drafted bullets by section."""
    template = store.template(config.template)
    sections = template.sections()
    entry = store.find(week)
    reasons = store.break_reasons()
    if entry is not None:
        path = store.note_for(week)
        note, text = store.read_note(path)
        weeks = tuple(Week.from_id(w, store.week_start) for w in entry.weeks)
        late = sum(1 for b in store.bullets(weeks, sections) if b.text not in note.body)
        return WeekView(week, weeks, note, text, path, late, (), None)
    problem = store.unreadable.get(f"{week.id}.md")
    if problem is not None:
        raise NoteError(problem)
    bullets = store.bullets([week], sections)
    leads = section_leads(template, week_values([week], ""))
    grouped = []
    for name in dict.fromkeys([*sections, *(b.section for b in bullets)]):
        chosen = tuple(b for b in bullets if b.section == name)
        if chosen:
            lead = leads.get(name, name.capitalize()).lstrip("#").strip()
            grouped.append((lead, chosen))
    return WeekView(week, (week,), None, None, None, 0, tuple(grouped), reasons.get(week.id))
