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
    keep_template_code: bool = False
    base_url: str | None = None  # the site's address for relative links, over the source's
    match: Sequence[str] = IMPORT_MATCH
    skip_conflicts: bool = False
    update: bool = False
    dry_run: bool = False
    front_matter: str = "toml"  # config note.front_matter: the kind new notes get
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
    links: str = ""  # what became of its site-relative links ("" nothing to say)


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
        """Raised once the result has been shown: an ImportFailure when every post was
        left out (a dry run too), the ConflictError that stopped a real import."""
        nothing = all_left_out(self.sources) if not self.journals else None
        if nothing is not None:
            raise nothing
        if not self.dry_run:
            planning.check(self.plan)


# What to try when every post was left out, by the start of the commonest reason.
_TRY = {
    "no front matter, and its name states no date or week": (
        "name each by its week (2024-W19.md) or give it front matter with a date"
    ),
    "its name reads as a month": (
        "give each a first heading naming its week (# Weeknotes 5) or name it 2024-W05.md"
    ),
    "not a weeknote by import.match": (
        "--all takes every post, and `weeknote config import.match` sets what makes one"
    ),
    "cannot be dated": "give each a date in its front matter or a week in its title",
    "draft": "only published posts come in",
}


def _reason(why: str) -> str:
    """A left-out reason without what is particular to its post ("… (May 2024) …")."""
    return next((start for start in _TRY if why.startswith(start)), why)


def all_left_out(reports: Sequence[SourceReport]) -> ImportFailure | None:
    """An ImportFailure when the sources gave no note and left posts out: one line naming
    the commonest reason and what to try; else None."""
    if any(report.notes for report in reports):
        return None
    whys = [_reason(why) for report in reports for _, why in report.left_out]
    if not whys:
        return None
    commonest = max(dict.fromkeys(whys), key=whys.count)
    count = whys.count(commonest)
    posts = "the one post was" if len(whys) == 1 else f"all {len(whys)} posts were"
    some = "" if count == len(whys) else f"{count} of them: "
    hint = _TRY.get(commonest, "--dry-run lists each post and why")
    return ImportFailure(f"Nothing to import: {posts} left out ({some}{commonest}): {hint}")


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
    from weeknote.imports.clean import Cleaning, clean_reading
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

    cleaned = clean_reading(reading, Cleaning(options.keep_template_code, options.base_url))
    reading = cleaned.reading
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
        str(path),
        reading.kind,
        len(dated),
        left_out=left_out,
        warnings=list(reading.warnings),
        links=cleaned.links,
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
    result.written, result.updated = planning.write(
        store, plan, options.front_matter, options.progress
    )
    result.journals = [
        (str(path), import_entries(store, entries, dry_run=False)) for path, entries in journals
    ]
    return result
