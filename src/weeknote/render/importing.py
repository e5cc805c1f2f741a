"""What an import found and did: a row per note (stdout), then per source how its notes
were dated and what was left out, notices, conflicts and the counts (stderr)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from weeknote.render.lines import say, table
from weeknote.text.wording import plural, weeks_id

if TYPE_CHECKING:
    from weeknote.folder.store import Store
    from weeknote.imports.jrnl import JrnlImport
    from weeknote.imports.run import ImportResult

T = TypeVar("T")

# the status column, as a person reads it
SHOWN = {"update": "updated", "changed": "changed", "edited": "edited, kept"}
DRY_SHOWN = {"update": "would update"}


def _origin(origin: str, several: bool) -> str:
    """'blog.xml, item 4' as 'item 4' (or 'blog.xml:item 4' when there are several sources)."""
    source, _, where = origin.rpartition(", ")
    if not source:
        return origin
    return f"{Path(source).name}:{where.removeprefix('line ')}" if several else where


PROGRESS_FROM = 200  # posts: about a second's reading or writing, before a bar is worth it


def progress(items: Sequence[T], label: str) -> Iterator[T]:
    """``items`` with a progress bar on stderr, when there are many and stderr is a
    terminal (render/publishing.py draws it)."""
    if len(items) < PROGRESS_FROM:
        yield from items
        return
    from weeknote.render.publishing import progress as bar

    yield from bar(items, label)


def imported(result: ImportResult, store: Store) -> None:
    several = result.several
    shown = DRY_SHOWN if result.dry_run else SHOWN
    rows = []
    for planned in result.plan.planned:
        item, note = planned.item, planned.note
        rows.append(
            (
                weeks_id(item.ids),
                note.title,
                str(note.words),
                item.how,
                _status(planned.status, item.kind, shown),
                _origin(item.post.origin, several),
            )
        )
    if rows:
        header = ("Weeks", "Title", "Words", "Dated by", "Status", "From")
        # the file names wrap before the titles do
        table(header, rows, right=(2,), fold=1, give_way=(5,), narrow=(0, 1, 4))
    for report in result.sources:
        line = f"{report.source}{_called(report.kind)}: {plural(report.notes, 'note')}"
        if report.reason:
            line += f"; year: {report.reason}"
        if report.left_out:
            line += f"; {plural(len(report.left_out), 'post')} left out"
            if not result.dry_run:
                line += " (--dry-run lists them)"
        say(line + ".")
        for warning in report.warnings:
            say(f"Warning: {warning}")
        if result.dry_run and report.links:
            say(f"  links: {report.links}.")
        if result.dry_run:
            for what, why in report.left_out:
                say(f"  left out: {what}: {why}")
    for source, journal in result.journals:
        _journal(source, journal, result.dry_run)
    for notice in result.plan.notices:
        say(f"Changed: {notice}")
    for conflict in result.plan.conflicts:
        say(f"Conflict: {conflict}")
    _counts(result, store)


def _status(status: str, kind: str, shown: dict[str, str]) -> str:
    if status == "same":  # the same post as a note there, read from another source
        return f"same post, from {kind}" if kind else "same post"
    return shown.get(status, SHOWN.get(status, status))


def _called(kind: str) -> str:
    """' (a feed)': how the source's line in weeknote.imports.SOURCES names it, if it does."""
    from weeknote.imports import by_kind

    source = by_kind(kind)
    called = kind if source is None else source.called
    return f" ({called})" if called else ""


def _journal(source: str, journal: JrnlImport, dry_run: bool) -> None:
    if not journal.added:
        say(
            f"{source} (a jrnl journal): nothing new; its {journal.present} "
            f"{_entries(journal.present)} are drafted already."
        )
        return
    added = "would be drafted" if dry_run else "drafted"
    line = (
        f"{source} (a jrnl journal): {journal.added} {_entries(journal.added)} {added} as "
        f"bullets of their days, in {plural(len(journal.weeks), 'week')}"
    )
    if journal.present:
        line += f" ({journal.present} more drafted already)"
    say(line + ".")
    written = [week for week in journal.weeks if week.note and week.added]
    if written:
        names = ", ".join(week.week.id for week in written[:3])
        names += ", …" if len(written) > 3 else ""
        say(
            f"  {plural(len(written), 'week')} ({names}) already "
            f"{'has a note' if len(written) == 1 else 'have notes'}: "
            "weeknote new WEEK --update adds the entries to it"
        )
    drafted = [week for week in journal.weeks if not week.note and week.added]
    if drafted:
        newest = drafted[-1].week.id
        say(f"  weeknote show {newest} shows them; weeknote new {newest} writes that week up.")
    for what, why in journal.left_out:
        say(f"  left out: {what}: {why}")


def _entries(count: int) -> str:
    return "entry" if count == 1 else "entries"


def _counts(result: ImportResult, store: Store) -> None:
    plan = result.plan
    counts = f"{plan.count('new')} new, {plan.count('unchanged')} unchanged"
    for status, words in (
        ("repeat", "repeated in the input (kept once)"),
        ("update", "to update" if result.dry_run else "updated"),
        ("changed", "changed since imported (--update replaces them)"),
        ("edited", "edited since imported (kept)"),
        ("skipped", "skipped for conflicts"),
    ):
        if plan.count(status):
            counts += f", {plan.count(status)} {words}"
    same = Counter(planned.item.kind for planned in plan.planned if planned.status == "same")
    for kind, count in same.items():
        counts += f", {count} same post{'s' if count > 1 else ''}{f', from {kind}' if kind else ''}"
    if result.dry_run:
        say(
            f"Dry run: {counts}; nothing was written."
            if plan.planned
            else "Dry run: nothing was written."
        )
    elif any(planned.status == "conflict" for planned in plan.planned):
        return  # ImportResult.check says why nothing was written
    elif result.written or result.updated:
        done = [f"imported {plural(len(result.written), 'note')}"] if result.written else []
        if result.updated:
            done.append(f"updated {plural(len(result.updated), 'note')}")
        say(f"{' and '.join(done).capitalize()} in {store.root} ({counts}).")
    elif plan.planned:
        say(f"Nothing to import: every note is already in {store.root} ({counts}).")
    # a source whose every post was left out: ImportResult.check says why, and what to try
