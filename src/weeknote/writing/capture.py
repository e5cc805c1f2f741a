"""Capturing bullets into a day's draft: every decision of `weeknote bullet`, in one place.

Which day (today, or a DATE, never one ahead), which section (``-s``, or a leading
``#section`` word the template names), which template, the write (one locked append), the
week's count and what is said of it (``said``; ``section_typos`` for a leading ``#word`` one
letter off a section), and which bullet ``--undo`` takes back (``take_back``). The full
command (cli/capture.py) and the short path in front of it (cli/fast.py) both call ``plan``
and then ``capture``; neither decides anything.

A bullet is typed many times a week, so this module is on the short path: it imports
nothing at module level beyond what that path needs, and works on paths spelt as text
(os.path), where pathlib alone would cost a capture more than all its work.
"""

from __future__ import annotations

import os

from weeknote.errors import UsageError, WeeknoteError
from weeknote.weeks.days import date, datetime, moment_now

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from weeknote.folder.config import Config
    from weeknote.folder.drafts import Bullet
    from weeknote.folder.store import Store
    from weeknote.folder.summary import Summary
    from weeknote.writing.template import Template


class Plan:
    """What a capture needs, checked before standard input is read or anything written."""

    __slots__ = ("config", "day", "today", "template", "sections", "section")

    def __init__(
        self,
        config: Config,
        day: date,
        today: date,
        template: str,
        sections: list[str],
        section: str | None,
    ) -> None:
        self.config, self.day, self.today = config, day, today
        self.template, self.sections, self.section = template, sections, section


class Captured:
    """What a capture did: the draft, the day and week, the sections used, the count."""

    __slots__ = (
        "path",
        "day",
        "week_id",
        "sections",
        "added",
        "week_total",
        "problem",
        "filed",
        "created",
        "root",
        "made_folder",
    )

    def __init__(
        self,
        path: str,
        day: date,
        week_id: str,
        sections: tuple[str, ...],
        added: int,
        week_total: int | None,
        problem: str | None,
        filed: tuple[tuple[str, str], ...],
        created: bool,
        root: str = "",
        made_folder: bool = False,
    ) -> None:
        self.path, self.day, self.week_id = path, day, week_id
        self.sections, self.added = sections, added
        self.week_total = week_total  # None when a draft of the week cannot be read
        self.problem = problem  # why it cannot
        self.filed = filed  # (section, text) of each bullet added
        self.created = created  # the notes folder was made for it
        self.root = root  # the notes folder, as the config spells it
        self.made_folder = made_folder  # it made the notes folder or its drafts folder


def plan(config: Config, section: str | None, day_text: str | None, today: date) -> Plan:
    """Check everything a capture can refuse, before anything is read or written: the day
    (never ahead of ``today``), the template and the section."""
    if day_text is None:
        day = today
    elif len(day_text) == 10 and day_text[4] == "-" and day_text[:4].isdigit():
        try:
            day = date.fromisoformat(day_text)
        except ValueError:
            day = _parsed(day_text, today)
    else:
        day = _parsed(day_text, today)
    from weeknote.weeks.days import iso_week

    iso_week(day, config.week_start)  # a day out of the supported range is refused here
    if day > today:
        from weeknote.weeks.parse import future_hint

        raise UsageError(future_hint(day, today))
    template, sections = template_sections(config)
    if section is not None:
        section = section.lstrip("#").lower()
        if section not in sections:
            raise UsageError(
                f"no section {section!r} in template {template!r}: use one of {', '.join(sections)}"
            )
    return Plan(config, day, today, template, sections, section)


def _parsed(day_text: str, today: date) -> date:
    from weeknote.weeks.parse import parse_date

    return parse_date(day_text, today)


def template_sections(config: Config) -> tuple[str, list[str]]:
    """The name of the template bullets are filed by, and its sections."""
    from weeknote.writing.template import find_template

    found = find_template(config.dir_text, config.template)
    return found.name, found.sections()


def file(plan: Plan, texts: Sequence[str]) -> list[tuple[str, str]]:
    """(section, text) of each bullet, cleaned: ``-s`` for all, else each one's own
    leading ``#section`` word, else the default section."""
    from weeknote.folder.bullets import clean_bullet, split_section

    cleaned = [clean_bullet(text) for text in texts]
    if plan.section is not None:
        return [(plan.section, text) for text in cleaned]
    return [split_section(text, plan.sections) for text in cleaned]


def capture(plan: Plan, filed: Sequence[tuple[str, str]], sources: Sequence[str] = ()) -> Captured:
    """Append the filed bullets to the day's draft in one locked write, each marked with
    the moment it was added (and, for a gathered one, the source ``sources`` names in
    its place), and count the week's bullets."""
    from weeknote.folder.bullets import count_bullets, draft_line, stamp
    from weeknote.folder.files import (
        append_file,
        check_inside,
        ensure_folder,
        read_text,
        real_root,
    )
    from weeknote.weeks.days import iso_week, week_days, week_id
    from weeknote.writing.template import DEFAULT_SECTION

    config, day = plan.config, plan.day
    root = config.dir_text
    created = ensure_folder(root)
    inside = real_root(root)
    drafts = os.path.join(root, "drafts")
    path = os.path.join(drafts, f"{day.isoformat()}.md")
    check_inside(path, inside)
    added = stamp(moment_now())
    made_folder = created or not os.path.isdir(drafts)
    marks = [*sources, *[""] * (len(filed) - len(sources))]
    lines = (
        draft_line(name, text, added, mark) for (name, text), mark in zip(filed, marks, strict=True)
    )
    append_file(path, "".join(lines))
    total: int | None = 0
    problem = None
    for other in week_days(day, config.week_start):
        draft = os.path.join(drafts, f"{other.isoformat()}.md")
        try:
            check_inside(draft, inside)
            total = (total or 0) + count_bullets(read_text(draft, "draft"), draft)
        except FileNotFoundError:
            continue
        except WeeknoteError as exc:  # the bullet is saved; the count can wait
            total, problem = None, exc.message
            break
    week = week_id(*iso_week(day, config.week_start))
    used = tuple(dict.fromkeys(name for name, _ in filed)) or (DEFAULT_SECTION,)
    return Captured(
        path, day, week, used, len(filed), total, problem, tuple(filed), created, root, made_folder
    )


def said(result: Captured) -> list[str]:
    """What a capture says, a line each."""
    from weeknote.text.wording import added_text

    lines = [
        added_text(result.added, result.day, result.sections, result.week_id, result.week_total)
    ]
    if result.problem is not None:
        lines.append(f"Warning: {result.problem}")
    return lines


HINT_USES = 3  # a tag used in this many weeks is one a new tag may be a typo of


SECTION_TYPO_LETTERS = 5  # a leading #word one edit from a section this long is a typo of it
SHOWN_TEXT = 32  # characters of a bullet's text shown in the command a hint suggests


def _near_sections(plan: Plan, filed: Sequence[tuple[str, str]]) -> list[tuple[int, str, str]]:
    """(place, #word, section) of each bullet filed without ``-s`` whose leading ``#word`` is
    no section but one edit (typos.py) from one of SECTION_TYPO_LETTERS letters or more."""
    if plan.section is not None or not any(text[:1] == "#" for _, text in filed):
        return []
    from weeknote.text.typos import distance
    from weeknote.writing.template import DEFAULT_SECTION

    long = [name for name in plan.sections if len(name) >= SECTION_TYPO_LETTERS]
    found = []
    for place, (section, text) in enumerate(filed):
        word, _, rest = text.partition(" ")
        name = word[1:].lower()
        if section != DEFAULT_SECTION or word[:1] != "#" or not rest.strip():
            continue
        if not name.replace("-", "").replace("_", "").isalnum():
            continue  # not a tag as a note reads one (find_tags)
        near = [known for known in long if distance(name, known, 1) == 1]
        if near:
            found.append((place, word, near[0]))
    return found


def section_typos(plan: Plan, result: Captured) -> list[str]:
    """A line for each bullet just captured whose leading ``#word`` looks like a typo of a
    template section (``#learing`` for ``learning``): it was saved as a tag, in the text, and
    the line says how to move it. Needs only the plan's sections: no index, no other file."""
    found = _near_sections(plan, result.filed)
    if not found:
        return []
    last = len(result.filed) - 1
    day = "" if plan.day == plan.today else f" -d {plan.day.isoformat()}"
    lines = []
    for place, word, section in found:
        start = f"{word} is a tag, not the section #{section}: to move it, "
        if place == last:  # --undo takes back the last bullet of a capture
            rest = result.filed[place][1].partition(" ")[2].strip()
            lines.append(
                f"{start}weeknote bullet --undo, then weeknote bullet -s {section}{day} "
                + _shell_quoted(_shortened(rest))
            )
        else:
            lines.append(f"{start}change it to #{section} in {result.path}")
    return lines


def _shortened(text: str) -> str:
    """``text`` cut to about SHOWN_TEXT characters, at a space where there is one."""
    if len(text) <= SHOWN_TEXT:
        return text
    cut = text[:SHOWN_TEXT]
    space = cut.rfind(" ")
    return (cut[:space] if space > SHOWN_TEXT // 2 else cut).rstrip() + "…"


def _shell_quoted(text: str) -> str:
    """``text`` as one word for a POSIX shell: in single quotes, each ' written '\\''."""
    return "'" + text.replace("'", "'\\''") + "'"


def glance(store: Store, sections: Sequence[str]) -> Summary | None:
    """The folder's summary (see folder/summary.py) as it is now: the kept record while it
    is fresh, else made again from the index, and kept once the command has succeeded.
    None when the folder cannot be read so far (a report says why; a capture goes on)."""
    from weeknote.folder import paths
    from weeknote.folder import summary as record

    root = str(store.root)
    path = paths.summary_path(root)
    kept = record.read(path, root)
    if kept is not None and kept.fresh:
        return kept
    try:
        return _made_again(store, sections, path, kept)
    except WeeknoteError:
        return None


def _made_again(store: Store, sections: Sequence[str], path: str, kept: Summary | None) -> Summary:
    from pathlib import Path

    from weeknote.find.tags import tag_weeks
    from weeknote.folder import summary as record

    entries = store.scan()
    earlier = kept.moments if kept is not None else {}
    notes = {}
    for entry in entries:  # taken in when this machine first saw it, unless `new` said when
        moment = earlier.get(entry.name) or _moment(store.stamps[entry.name][0])
        notes[entry.name] = (entry.weeks, moment)
    problems = dict(store.unreadable)  # a draft a report would name: not for a bullet
    tags = {tag: ",".join(sorted(weeks)) for tag, weeks in tag_weeks(store, sections).items()}
    store.unreadable = problems
    # Stamped as the folder was just before it was listed: a change since makes it stale.
    made = record.Summary(notes, store.break_reasons(), tags, store.scan_stamp)
    # Made into text when the caches are saved: tags a capture adds by then are kept too.
    store.caches[Path(path)] = lambda: (record.text_of(made) or "").encode()
    return made


def _moment(ns: int) -> str:
    from weeknote.folder.bullets import stamp
    from weeknote.weeks.days import UTC

    return stamp(datetime.fromtimestamp(ns / 1e9, UTC))


def hints(plan: Plan, result: Captured, summary: Summary | None) -> list[str]:
    """What a capture says beyond its count, a line each: a leading word that looks like a
    typo of a section (section_typos); that the bullets' week has a written note or is a
    break; and each new tag one typo away from a tag used often (a leading word spoken of
    already aside). ``summary`` is None when the folder could not be summed up."""
    from weeknote.text.hashtags import find_tags

    lines = section_typos(plan, result)
    if summary is None:
        return lines
    said = {word[1:].lower() for _, word, _ in _near_sections(plan, result.filed)}
    week = result.week_id
    covering = summary.note_of(week)
    if covering is not None:
        them = "this" if result.added == 1 else "these"
        last = covering[1][-1]
        lines.append(f"{week}'s note is written: weeknote new {last} --update adds {them}")
    elif week in summary.breaks:
        reason = summary.breaks[week]
        kept = "the bullet is kept" if result.added == 1 else "the bullets are kept"
        lines.append(f"{week} is a break{f' ({reason})' if reason else ''}; {kept}")
    new = dict.fromkeys(tag for _, text in result.filed for tag in find_tags(text))
    often = [(tag, count) for tag, count in summary.tags.items() if count >= HINT_USES]
    for tag in new:
        if tag in summary.tags or tag in said:
            continue
        limit = 1 if len(tag) <= 4 else 2
        near = [  # the closest, then the most used, then by name
            (edits, -count, known)
            for known, count in often
            if (edits := _distance(tag, known, limit)) <= limit
        ]
        if near:
            lines.append(f"new tag #{tag}; did you mean #{min(near)[2]}?")
    return lines


def remember(result: Captured, summary: Summary | None) -> None:
    """Keep the tags the bullets used in the summary, so the next capture knows them; and
    when the capture made the notes folder or its drafts folder, say the summary is of the
    folder as it is now (nothing it holds changed)."""
    from weeknote.text.hashtags import find_tags

    used = dict.fromkeys(tag for _, text in result.filed for tag in find_tags(text))
    if summary is None or (not used and not result.made_folder):
        return
    from weeknote.folder import paths
    from weeknote.folder import summary as record

    path = paths.summary_path(result.root)
    if result.made_folder and summary.fresh:
        record.restamp(path, result.root, summary)
    if not summary.kept:  # made by this command: written whole when caches are saved
        for tag in used:
            known = summary.tag_weeks.get(tag, "")
            if result.week_id not in known:
                summary.tag_weeks[tag] = ",".join(filter(None, (known, result.week_id)))
        return
    record.append(path, [f"+\t{tag}\t{result.week_id}\n" for tag in used])


def _distance(a: str, b: str, limit: int) -> int:
    from weeknote.text.typos import distance

    return distance(a, b, limit)


UNDO_DAYS = 14  # the drafts `bullet --undo` looks through: today's and the 13 before


def take_back(
    store: Store, template: Template, day: date | None, today: date
) -> tuple[Path, Bullet]:
    """Remove the bullet captured last (by the moment each carries) of the drafts of the last
    UNDO_DAYS days, or of ``day``'s draft, and return it; refused when a written note already
    holds it, since taking it from the draft would not take it back."""
    from weeknote.errors import ConflictError, NotFoundError
    from weeknote.weeks.week import Week

    sections = template.sections()
    if day is not None:
        days = [day]
    else:
        days = [date.fromordinal(today.toordinal() - back) for back in range(UNDO_DAYS)]
    found = store.newest_bullet(days, sections)
    if found is None:
        if day is not None:
            raise NotFoundError(f"no drafted bullet for {day:%a %-d %b %Y} to take back")
        raise NotFoundError(
            f"no drafted bullet from {days[-1]:%a %-d %b} to {today:%a %-d %b %Y} to take "
            "back: for an older one, name its day, e.g. weeknote bullet --undo -d 2026-11-02"
        )
    path, bullet = found
    entry = store.find(Week.of(bullet.day, store.week_start))
    if entry is not None and bullet.text in store.load_note(store.path_of(entry)).body:
        raise ConflictError(
            f"the newest bullet ({bullet.text!r}) is already in {entry.name}: edit the note "
            f"instead (weeknote edit {entry.week})"
        )
    store.take_back(path, bullet, sections)
    return path, bullet
