"""`weeknote import`: read every source, keep the weeknotes, date them, plan against the
folder, then write (unless it is a dry run, or something conflicts).

Each source is one file or folder, of a kind recognised from itself (``--from`` forces
one): a plain-text archive, a feed, a WordPress export, a folder of Markdown posts, a
Ghost or Substack export, or a jrnl journal. Journals become drafted bullets of their
days; everything else becomes notes. Everything is read and checked before the first
file is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from weeknote.errors import ImportFailure
from weeknote.folder.config import IMPORT_MATCH
from weeknote.folder.store import Store
from weeknote.imports import BULLETS, NOTES, Source
from weeknote.imports import apply as planning
from weeknote.imports.model import DatedPost, Progress, Reading
from weeknote.weeks.week import Week

if TYPE_CHECKING:
    from weeknote.imports.jrnl import JrnlEntry, JrnlImport
    from weeknote.imports.plaintext import ArchiveDating


@dataclass(frozen=True)
class Options:
    today: date
    week_start: str = "monday"
    cutoff_day: str = "wednesday"
    year: int | None = None  # the newest note's year, for plain-text archives
    kind: str | None = None  # --from
    anchors: Mapping[int, Week] = field(default_factory=dict)
    lenient: bool = False
    take_all: bool = False
    match: Sequence[str] = IMPORT_MATCH
    skip_conflicts: bool = False
    update: bool = False
    dry_run: bool = False
    progress: Progress | None = None  # render's bar for a long import (model.Progress)


@dataclass(frozen=True)
class SourceReport:
    """One file or folder: what it is, how many notes it gave, how they were dated."""

    source: str
    kind: str
    notes: int
    reason: str = ""  # a plain-text archive's year rule
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (what, why)
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    sources: list[SourceReport]
    plan: planning.Plan
    journals: list[tuple[str, JrnlImport]]
    dry_run: bool
    written: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)

    @property
    def several(self) -> bool:
        return len({report.source for report in self.sources}) > 1

    def check(self) -> None:
        """The ConflictError that stopped a real import, raised once it has been shown."""
        if not self.dry_run:
            planning.check(self.plan)


def _names_week(title: str) -> bool:
    from weeknote.imports.titles import read_title

    return read_title(title) is not None


def _read_text(
    path: Path, source: Source, options: Options
) -> tuple[list[DatedPost], SourceReport]:
    from weeknote.imports.source import read_archive

    dating: ArchiveDating = source.reader()(
        read_archive(path),
        str(path),
        today=options.today,
        year=options.year,
        week_start=options.week_start,
        anchors=options.anchors,
        lenient=options.lenient,
    )
    report = SourceReport(
        str(path), source.kind, len(dating.notes), dating.reason, warnings=list(dating.warnings)
    )
    return dating.notes, report


def _read_posts(
    path: Path, source: Source, options: Options
) -> tuple[list[DatedPost], SourceReport]:
    from weeknote.imports.choose import NOT_A_WEEKNOTE, Matcher
    from weeknote.imports.dating import date_post

    if source.progress and options.progress is not None:
        reading: Reading = source.reader()(path, progress=options.progress)
    else:
        reading = source.reader()(path)
    if not reading.posts and not reading.left_out:
        raise ImportFailure(
            f"{path} holds no {source.holds}: name a blog's export, a feed, a folder of posts "
            "or a plain-text archive"
        )
    matcher = Matcher(options.match, _names_week)
    left_out = list(reading.left_out)
    dated: list[DatedPost] = []
    undated: list[str] = []
    for post in reading.posts:
        if not options.take_all and matcher.why(post) is None:
            left_out.append((f'{post.origin} "{post.title}"', NOT_A_WEEKNOTE))
            continue
        try:
            dated.append(
                date_post(post, week_start=options.week_start, cutoff_day=options.cutoff_day)
            )
        except ImportFailure as exc:
            undated.append(exc.message)
            left_out.append((f'{post.origin} "{post.title}"', "cannot be dated"))
    if undated and not options.lenient:
        more = f" ({len(undated)} posts cannot be dated)" if len(undated) > 1 else ""
        raise ImportFailure(f"{undated[0]}{more}; or pass --lenient to leave such posts out")
    dated = sorted((replace(item, kind=reading.kind) for item in dated), key=lambda i: i.weeks[0])
    report = SourceReport(
        str(path), reading.kind, len(dated), left_out=left_out, warnings=list(reading.warnings)
    )
    return dated, report


def read_sources(
    paths: Sequence[Path], options: Options
) -> tuple[list[DatedPost], list[SourceReport], list[tuple[Path, list[JrnlEntry]]]]:
    """Every source read and dated: the notes, a report per source, and the journals'
    entries (for the caller to draft). Reads only."""
    from weeknote.imports.detect import source_of

    items: list[DatedPost] = []
    reports: list[SourceReport] = []
    journals: list[tuple[Path, list[JrnlEntry]]] = []
    for path in paths:
        source = source_of(path, options.kind)
        if source.gives == BULLETS:
            journals.append((path, list(source.reader()(path))))
            continue
        dated, report = (
            _read_text(path, source, options)
            if source.gives == NOTES
            else _read_posts(path, source, options)
        )
        items.extend(dated)
        reports.append(report)
    return items, reports, journals


def import_sources(store: Store, paths: Sequence[Path], options: Options) -> ImportResult:
    """Read, choose, date and plan every source; then, unless it is a dry run or something
    conflicts (without --skip-conflicts), write the notes and draft the journals."""
    from weeknote.imports.jrnl import import_entries

    items, reports, journals = read_sources(paths, options)
    plan = planning.make_plan(store, items, update=options.update)
    if options.skip_conflicts:
        planning.skip_conflicts(plan)
    result = ImportResult(reports, plan, [], options.dry_run)
    blocked = any(planned.status == planning.CONFLICT for planned in plan.planned)
    if options.dry_run or blocked:
        result.journals = [
            (str(path), import_entries(store, entries, dry_run=True)) for path, entries in journals
        ]
        return result
    result.written, result.updated = planning.write(store, plan, options.progress)
    result.journals = [
        (str(path), import_entries(store, entries, dry_run=False)) for path, entries in journals
    ]
    return result
