"""Dated posts against the notes folder: what each would do, then the writing.

Every note an import writes keeps, in its front matter, ``imported``: a digest of the title
and body it was imported with (and ``source``, the post's address, when the platform gives
one). A later import of the same post then tells three cases apart: the post is as it was
(nothing to do), the post changed and the note did not (``--update`` replaces the note), or
both changed (the note is left alone: the person's edits win).

The same post read again from another source (a blog's folder, then its feed) is
``same``: the copy imported first stays, and the second writes nothing and conflicts with
nothing, as long as its words are the same (samepost.py tells).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from weeknote.errors import ConflictError
from weeknote.folder.note import Note, serialise
from weeknote.folder.store import NoteEntry, Store
from weeknote.imports.model import DatedPost, Progress
from weeknote.imports.samepost import same_post

NEW, UNCHANGED, REPEAT, CONFLICT = "new", "unchanged", "repeat", "conflict"
CHANGED, UPDATE, EDITED, SKIPPED = "changed", "update", "edited", "skipped"
SAME = "same"  # the same post as a note there (or one earlier in the input), from another source


def digest(title: str, body: str) -> str:
    """What ``imported`` holds: enough of a SHA-256 of a title and body to tell a change."""
    import hashlib

    return hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()[:16]


def body_text(body: str) -> str:
    return body if not body or body.endswith("\n") else body + "\n"


def to_note(item: DatedPost) -> Note:
    """The note an imported post becomes."""
    post = item.post
    body = body_text(post.body)
    extra: dict[str, Any] = {}
    if post.url:
        extra["source"] = post.url
    if post.published is not None:
        extra["published"] = post.published
    if item.number is not None:
        extra["number"] = item.number
    extra["imported"] = digest(post.title, body)
    weeks = item.ids
    tags = tuple(dict.fromkeys(tag for tag in post.tags if tag.strip()))
    return Note(weeks[-1], weeks, post.title, item.weeks[0].start, body, tags, extra)


@dataclass(frozen=True)
class Planned:
    item: DatedPost
    status: str  # one of the names above
    note: Note
    path: Path | None = None  # the note it would write, replace or leave alone


@dataclass
class Plan:
    planned: list[Planned] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # one line each, for stderr
    notices: list[str] = field(default_factory=list)  # changed or edited since the last import

    def count(self, status: str) -> int:
        return sum(1 for planned in self.planned if planned.status == status)


def _same(a: Note, b: Note) -> bool:
    return (a.weeks, a.title, a.body) == (b.weeks, b.title, b.body)


def _where(item: DatedPost) -> str:
    return f'{item.post.origin}: "{item.post.title}"'


def make_plan(store: Store, items: Sequence[DatedPost], *, update: bool) -> Plan:
    """What each dated post would do to the folder. Reads only."""
    existing: dict[str, list[NoteEntry]] = {}  # week id -> the notes covering it
    for entry in store.scan():
        for week in entry.weeks:
            existing.setdefault(week, []).append(entry)
    plan = Plan()
    claimed: dict[str, int] = {}  # week id -> index in plan.planned
    for item in items:
        note = to_note(item)
        first = next((claimed[week] for week in item.ids if week in claimed), None)
        if first is not None:
            earlier = plan.planned[first]
            if _same(note, earlier.note):
                plan.planned.append(Planned(item, REPEAT, note, earlier.path))
                continue
            if same_post(earlier.note, item):
                plan.planned.append(Planned(item, SAME, note, earlier.path))
                continue
            both = ", ".join(sorted(set(item.ids) & set(earlier.item.ids)))
            plan.conflicts.append(f"{_where(item)} and {_where(earlier.item)} both cover {both}")
            if earlier.status in (NEW, UPDATE, CHANGED, UNCHANGED):
                plan.planned[first] = Planned(earlier.item, CONFLICT, earlier.note, earlier.path)
            plan.planned.append(Planned(item, CONFLICT, note))
            continue
        claimed.update(dict.fromkeys(item.ids, len(plan.planned)))
        plan.planned.append(_against_folder(store, existing, item, note, plan, update))
    return plan


def _against_folder(
    store: Store,
    existing: dict[str, list[NoteEntry]],
    item: DatedPost,
    note: Note,
    plan: Plan,
    update: bool,
) -> Planned:
    found = (entry for week in item.ids for entry in existing.get(week, ()))
    covering = list({id(entry): entry for entry in found}.values())  # once each, in order
    path = store.note_path(note.week)
    if not covering and not path.exists():
        return Planned(item, NEW, note, path)
    if len(covering) == 1 and store.path_of(covering[0]) == path:
        current = store.load_note(path)
        name = store.relative(path)
        imported = current.extra.get("imported")
        as_imported = imported == note.extra["imported"] and current.weeks == note.weeks
        if as_imported or _same(current, note):
            return Planned(item, UNCHANGED, note, path)
        same_source = current.extra.get("source") == note.extra.get("source")
        if same_post(current, item):
            # in form only: from the source it came from, unchanged; from another, the same post
            return Planned(item, UNCHANGED if same_source else SAME, note, path)
        if isinstance(imported, str) and same_source and current.weeks == note.weeks:
            if digest(current.title, current.body) != imported:
                plan.notices.append(
                    f"{_where(item)} changed since it was imported, and {name} was edited "
                    "since, so it is left as it is: merge the two by hand"
                )
                return Planned(item, EDITED, note, path)
            if update:
                return Planned(item, UPDATE, note, path)
            plan.notices.append(
                f"{_where(item)} changed since it was imported into {name}: "
                "--update replaces the note"
            )
            return Planned(item, CHANGED, note, path)
    names = ", ".join(store.relative(store.path_of(entry)) for entry in covering)
    plan.conflicts.append(
        f"{_where(item)} ({', '.join(item.ids)}) differs from {names or store.relative(path)}, "
        "which is left as it is"
    )
    return Planned(item, CONFLICT, note, path)


def skip_conflicts(plan: Plan) -> None:
    plan.planned = [
        Planned(p.item, SKIPPED, p.note, p.path) if p.status == CONFLICT else p
        for p in plan.planned
    ]


def check(plan: Plan) -> None:
    """Refuse an import that conflicts, before anything is written."""
    if any(planned.status == CONFLICT for planned in plan.planned):
        count = len(plan.conflicts)
        raise ConflictError(
            f"{count} conflict{'s' if count > 1 else ''} with notes already there or with each "
            "other, so nothing was imported: move or edit those notes, or pass --skip-conflicts "
            "to import the rest"
        )


def write(
    store: Store, plan: Plan, front_matter: str = "toml", progress: Progress | None = None
) -> tuple[list[Path], list[Path]]:
    """Write the new notes (with ``front_matter``, config note.front_matter) and replace
    the ones to update, each in its own kind and keeping when it was updated, all at once
    (folder/batch.py): (written, updated). The temp files of notes that a stopped import
    (or any writer) left in the folder go first."""
    from weeknote.folder.files import remove_left_temps
    from weeknote.folder.index import NOTE_NAME
    from weeknote.folder.note import UPDATED
    from weeknote.weeks.days import offset_moment

    remove_left_temps(store.root, lambda name: NOTE_NAME.fullmatch(name) is not None)
    new: list[tuple[str, str]] = []
    replaced: list[tuple[Path, str]] = []
    for planned in plan.planned:
        if planned.status == NEW:
            note = replace(planned.note, front_matter=front_matter)
            new.append((note.week, serialise(note)))
        elif planned.status == UPDATE and planned.path is not None:
            path = store.guard(planned.path)
            current = store.load_note(path)  # what the person added around the text stays
            note = replace(
                planned.note,
                tags=tuple(dict.fromkeys((*current.tags, *planned.note.tags))),
                extra={**current.extra, **planned.note.extra, UPDATED: offset_moment()},
                front_matter=current.front_matter,
            )
            replaced.append((path, serialise(note)))
    written, updated = store.write_notes(new, replaced, progress)
    store.forget_scan()
    return written, updated
