"""The notes folder on disk.

Layout (all plain text a person can read and edit)::

    <dir>/2026-W47.md            one note per file, named by the last week it covers
    <dir>/drafts/2026-11-16.md   the day's captured bullets, one "- " line each
    <dir>/breaks.txt             declared breaks, one "2026-W41  reason" line each
    <dir>/templates/NAME.md      the person's own templates

Whole-file writes go to a temp file in the same folder and are moved into place with
os.replace (or os.link where the file must not exist yet); bullets are appended with
one write() on a file opened for append, under an exclusive lock.
"""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from weeknote.errors import ConflictError, NoteError, NotFoundError, WriteError
from weeknote.folder import index
from weeknote.folder.breaks import Break, parse_break_line, parse_breaks
from weeknote.folder.drafts import (
    Bullet,
    captured_last,
    clean_bullet,
    conflict_line,
    draft_line,
    parse_draft,
    split_section,
    take_out,
)
from weeknote.folder.feedid import FEED_ID
from weeknote.folder.files import (
    append_file,
    append_to,
    check_inside,
    decode,
    ensure_folder,
    open_locked,
    read_small,
    read_text,
    real_root,
    write_atomic,
)
from weeknote.folder.index import NOTE_NAME, NoteEntry, entry_dict
from weeknote.weeks.week import Week
from weeknote.writing.template import (
    DEFAULT_SECTION,
    TEMPLATES,
    Template,
    find_template,
    template_names,
)

if TYPE_CHECKING:
    from weeknote.folder.note import Note

__all__ = [
    "Break",
    "Bullet",
    "NoteEntry",
    "Store",
    "append_file",
    "clean_bullet",
    "conflict_line",
    "entry_dict",
    "read_text",
    "split_section",
    "write_atomic",
]

DRAFTS = "drafts"
BREAKS = "breaks.txt"


# -- the store ---------------------------------------------------------------------------------


class Store:
    """A notes folder."""

    def __init__(
        self,
        root: Path,
        week_start: str = "monday",
        *,
        written: list[Path] | None = None,
        caches: index.Caches | None = None,
    ) -> None:
        self.root = root
        self.week_start = week_start
        # What this store wrote in the folder, in order (git.autocommit commits exactly
        # these), and the caches its reads refreshed, saved once the command has succeeded:
        # both belong to the command, which hands them in (cli/context.py).
        self.written: list[Path] = [] if written is None else written
        self.caches: index.Caches = {} if caches is None else caches
        # The last scan, reused until this store writes a note: a command such as `status`
        # asks several questions of the index and should stat the folder once.
        self._entries: list[NoteEntry] | None = None
        self._real_root: str | None = None
        # Notes that could not be read, by file name: reports skip them and say so.
        self.unreadable: dict[str, str] = {}
        # Each scanned note's modification time and size, by file name.
        self.stamps: dict[str, tuple[int, int]] = {}
        self.inodes: dict[str, tuple[int, int]] = {}  # each note file's inode and its ctime
        self.scan_stamp = ""  # the folder's, taken just before the last scan (see summary.py)

    # paths
    def note_path(self, week_id: str) -> Path:
        return self.root / f"{week_id}.md"

    def draft_path(self, day: date) -> Path:
        return self.root / DRAFTS / f"{day.isoformat()}.md"

    def relative(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def ensure_root(self) -> None:
        ensure_folder(str(self.root))

    def guard(self, path: Path) -> Path:
        """``path``, if it does not lead outside the notes folder through a link."""
        if self._real_root is None:
            self._real_root = real_root(self.root)
        check_inside(path, self._real_root)
        return path

    def read(self, path: Path, what: str) -> str:
        """A file of the folder's, as text (FileNotFoundError passes)."""
        return read_text(self.guard(path), what)

    # templates
    def template(self, name: str) -> Template:
        return find_template(str(self.root), name)

    def template_names(self) -> list[str]:
        return template_names(str(self.root))

    # drafts
    def add_missing_bullets(
        self, day: date, filed: Sequence[tuple[str, str]], dry_run: bool = False
    ) -> int:
        """Append each (text, moment) bullet the day's draft does not hold yet (a text given
        twice is there only if the draft holds it twice) in one locked write, and return how
        many were added; with ``dry_run``, how many would be, writing nothing."""
        path = self.guard(self.draft_path(day))
        try:
            text = self.read(path, "draft")
        except FileNotFoundError:
            text = ""
        missing = _missing(text, day, filed, str(path))
        if dry_run or not missing:
            return len(missing)
        self.ensure_root()
        existed = path.exists()
        try:
            with open_locked(path) as fd:
                lines = _missing(_read_fd(fd, path), day, filed, str(path))  # as it is now
                if lines:
                    append_to(fd, path, "".join(lines).encode("utf-8"))
                elif not existed:
                    os.unlink(path)
        except OSError as exc:
            raise WriteError(
                f"could not add to {path}: {exc.strerror or exc}; it is as it was"
            ) from None
        self.written.append(path)
        return len(lines)

    def day_bullets(self, day: date, sections: Sequence[str]) -> list[Bullet]:
        path = self.draft_path(day)
        try:
            text = self.read(path, "draft")
        except FileNotFoundError:
            return []
        return parse_draft(text, day, sections, str(path))

    def bullets(self, weeks: Iterable[Week], sections: Sequence[str]) -> list[Bullet]:
        return [
            bullet
            for week in weeks
            for day in week.days()
            for bullet in self.day_bullets(day, sections)
        ]

    def newest_bullet(
        self, days: Iterable[date], sections: Sequence[str]
    ) -> tuple[Path, Bullet] | None:
        """The draft and the bullet captured last of the drafts of ``days`` (drafts.py
        ``captured_last`` says which), or None if they hold no bullet."""
        drafts = []
        for day in days:
            path = self.guard(self.draft_path(day))
            try:
                text = self.read(path, "draft")
                written = path.stat().st_mtime_ns
            except FileNotFoundError:
                continue
            drafts.append((written, parse_draft(text, day, sections, str(path), ordered=False)))
        found = captured_last(drafts)
        return None if found is None else (self.draft_path(found.day), found)

    def take_back(self, path: Path, bullet: Bullet, sections: Sequence[str]) -> None:
        """Remove ``bullet`` from the draft at ``path`` (wherever it is, with the lines that
        belong to it) under the draft's lock, every other line as it was; a draft left with
        nothing in it is removed. ConflictError if the draft no longer holds it."""
        with open_locked(self.guard(path)) as fd:
            text = _read_fd(fd, path)
            kept = take_out(text, bullet, sections, str(path))
            if kept is None:
                if not text:
                    os.unlink(path)  # opening it made it
                raise ConflictError(f"{path} changed meanwhile: run the undo again")
            if not kept.strip():
                os.unlink(path)
            elif text.startswith(kept):  # the draft's last bullet: cut it off the end
                os.ftruncate(fd, os.fstat(fd).st_size - len(text[len(kept) :].encode("utf-8")))
            else:  # one before others: the draft is replaced whole
                write_atomic(path, kept, overwrite=True)
        self.written.append(path)

    def draft_files(self, week: Week) -> list[Path]:
        """The draft files of ``week``'s days that exist; NotFoundError if none does."""
        paths = [self.guard(p) for p in map(self.draft_path, week.days()) if p.is_file()]
        if not paths:
            raise NotFoundError(
                f"no drafted bullets for {week.id} yet: add one with weeknote bullet"
            )
        return paths

    def draft_days(self) -> list[date]:
        folder = self.root / DRAFTS
        if not folder.is_dir():
            return []
        days = []
        for path in folder.glob("*.md"):
            with contextlib.suppress(ValueError):
                days.append(date.fromisoformat(path.stem))
        return sorted(days)

    # notes
    def load_note(self, path: Path) -> Note:
        return self.read_note(path)[0]

    def read_note(self, path: Path) -> tuple[Note, str]:
        """A note and its file's text as it is."""
        from weeknote.folder.note import parse

        match = NOTE_NAME.fullmatch(path.name)
        text = self.read(path, "note")
        return parse(text, str(path), match.group(1) if match else None), text

    def indexed_note(self, entry: NoteEntry) -> Note:
        """The note behind an index entry, with its metadata from the index and only its body
        read from disk: exporting thousands of notes parses no front matter twice."""
        from weeknote.folder.note import Note, split_front_matter

        path = f"{self.root}{os.sep}{entry.name}"
        try:
            data = read_small(path)
        except OSError:
            text = self.read(Path(path), "note")  # the same failure, reported for a person
        else:
            text = decode(data, path)
        _, _, body = split_front_matter(text, path)
        return Note(entry.week, entry.weeks, entry.title, entry.date, body, entry.tags)

    def scan(self, tag: str | None = None) -> list[NoteEntry]:
        """Every readable note (with ``tag``, those tagged so), oldest first, from a cache
        keyed on each file's size and mtime. Notes that cannot be read are left out and
        kept in ``unreadable``."""
        if self._entries is None:
            self._entries = self._scan()
        entries = self._entries
        if tag is not None:
            from weeknote.text.hashtags import tag_key

            wanted = tag_key(tag)
            entries = [entry for entry in entries if wanted in entry.tags]
        return list(entries)

    def _scan(self) -> list[NoteEntry]:
        from weeknote.folder import paths
        from weeknote.folder.summary import stamp_of

        self.scan_stamp = stamp_of(str(self.root))

        found = index.scan(
            self.root, paths.index_cache_path(self.root), self.guard, self.load_note, self.caches
        )
        self.unreadable, self.stamps, self.inodes = found.unreadable, found.stamps, found.inodes
        return found.entries

    def problems(self) -> list[str]:
        """Why each unreadable note was left out of the last scan."""
        return [self.unreadable[name] for name in sorted(self.unreadable)]

    def find(self, week: Week) -> NoteEntry | None:
        """The note that covers ``week``, if any."""
        wanted = week.id  # made once: thousands of notes are looked through
        for entry in self.scan():
            if wanted in entry.weeks:
                return entry
        return None

    def covering(self, weeks: Sequence[Week]) -> list[NoteEntry]:
        wanted = {week.id for week in weeks}
        return [entry for entry in self.scan() if wanted.intersection(entry.weeks)]

    def create_note(self, week_id: str, text: str) -> Path:
        path = self.note_path(week_id)
        if path.is_dir():
            raise NoteError(f"{path} is a folder, not a note: move it out of the notes folder")
        self.ensure_root()
        self._entries = None
        if not write_atomic(path, text, overwrite=False):
            raise ConflictError(f"{path} already exists and is left as it is")
        self.written.append(path)
        return path

    def write_notes(
        self,
        new: Sequence[tuple[str, str]],
        replaced: Sequence[tuple[Path, str]],
        progress: Callable[[Sequence[Any], str], Iterable[Any]] | None = None,
    ) -> tuple[list[Path], list[Path]]:
        """Many notes written at once (folder/batch.py: one flush to disk for them all):
        ``new`` as (week id, text), each refused if its file is there by now, and
        ``replaced`` as (path, text). The paths (written, replaced). ``progress(items,
        label)`` goes through the files to write, for a bar."""
        from weeknote.folder.batch import Batch

        made = [self.note_path(week_id) for week_id, _ in new]
        for path in made:
            if path.is_dir():
                raise NoteError(f"{path} is a folder, not a note: move it out of the notes folder")
        if made:
            self.ensure_root()
        self._entries = None
        files = [
            *((path, text, False) for path, (_, text) in zip(made, new, strict=True)),
            *((self.guard(path), text, True) for path, text in replaced),
        ]
        with Batch() as batch:
            for path, text, overwrite in progress(files, "Writing notes") if progress else files:
                batch.add(path, text, overwrite=overwrite)
            refused = batch.commit()
        written = [path for path in made if path not in refused]
        self.written.extend([*written, *(path for path, _ in replaced)])
        if refused:
            raise ConflictError(f"{refused[0]} already exists and is left as it is")
        return written, [path for path, _ in replaced]

    def own_files(self) -> list[Path]:
        """The files weeknote keeps in the folder: notes, drafts, breaks, templates, the
        feed's id and the git files it writes (never anything else a person put there)."""
        found = [p for p in self.root.glob("*.md") if NOTE_NAME.fullmatch(p.name)]  # conflicts too
        found += (self.root / DRAFTS).glob("*.md")
        found += (self.root / TEMPLATES).glob("*.md")
        found += [self.root / name for name in (BREAKS, ".gitignore", ".gitattributes", FEED_ID)]
        return sorted(p for p in found if p.is_file() and self.stays_inside(p))

    def stays_inside(self, path: Path) -> bool:
        try:
            self.guard(path)
        except NoteError:
            return False
        return True

    def forget_scan(self) -> None:
        """Scan again next time: a note was changed."""
        self._entries = None

    def path_of(self, entry: NoteEntry) -> Path:
        return self.root / entry.name

    def note_for(self, week: Week) -> Path:
        """The file of the note covering ``week``; NotFoundError if none does, and the
        reason it cannot be read if its file is there but unreadable."""
        entry = self.find(week)
        if entry is None:
            problem = self.unreadable.get(f"{week.id}.md")
            if problem is not None:
                raise NoteError(problem)
            raise NotFoundError(
                f"no note covers {week.id} in {self.root}: write it with: weeknote new {week.id}"
            )
        return self.path_of(entry)

    # breaks
    def breaks_path(self) -> Path:
        return self.root / BREAKS

    def breaks(self) -> list[Break]:
        """Declared breaks in file order, each week once (two synced machines may both
        have declared it); a malformed line is a NoteError naming it."""
        path = self.breaks_path()
        try:
            text = self.read(path, "breaks file")
        except FileNotFoundError:
            return []
        found: dict[str, Break] = {}
        for declared in parse_breaks(text, str(path)):
            found.setdefault(declared.week, declared)
        return list(found.values())

    def break_reasons(self) -> dict[str, str]:
        """Each declared break's week id and reason ("" when none was given)."""
        return {found.week: found.reason for found in self.breaks()}

    def add_break(self, week: Week, reason: str) -> tuple[Break, bool]:
        """Declare ``week`` a break with one locked append. Returns the break and whether it
        is new (False: it was declared already, and nothing changed). A written week is a
        ConflictError."""
        entry = self.find(week)
        if entry is not None:
            raise ConflictError(
                f"{week.id} already has a note ({entry.name}), so it counts toward the streak: "
                "it cannot also be a break"
            )
        path = self.guard(self.breaks_path())
        self.ensure_root()
        cleaned = " ".join(reason.split())
        with self._breaks_lock():
            for existing in self.breaks():
                if existing.week == week.id:
                    return existing, False
            line = f"{week.id}  {cleaned}\n" if cleaned else f"{week.id}\n"
            append_file(path, line)
            self.written.append(path)
        return Break(week.id, cleaned), True

    @contextlib.contextmanager
    def _breaks_lock(self) -> Iterator[None]:
        """breaks.txt is replaced whole on undo, and Windows cannot replace a file another
        process has open: every change to it holds a lock file of its own instead, kept
        outside the notes folder (in the cache folder), so nothing extra is synced."""
        from weeknote.folder import paths

        with open_locked(paths.lock_path(self.root, "breaks")):
            yield

    def remove_break(self, week: Week) -> Break:
        """Remove every line declaring ``week`` a break, keeping all other lines as they are.
        The file is replaced while the breaks lock is held."""
        path = self.guard(self.breaks_path())
        if not path.exists():
            raise NotFoundError(f"{week.id} is not a break: there is no {path}")
        with self._breaks_lock():
            text = self.read(path, "breaks file")
            kept, removed = [], None
            for number, line in enumerate(text.splitlines(keepends=True), start=1):
                found = parse_break_line(line, str(path), number)
                if found is not None and found.week == week.id:
                    removed = removed or found
                else:
                    kept.append(line)
            if removed is None:
                raise NotFoundError(f"{week.id} is not a break in {path}: nothing to undo")
            write_atomic(path, "".join(kept), overwrite=True)
            self.written.append(path)
            return removed


def _missing(text: str, day: date, filed: Sequence[tuple[str, str]], source: str) -> list[str]:
    """The draft lines of the (text, moment) bullets a draft's text does not hold, each
    compared as the draft reads it back, with no section taken from its first word."""
    held = Counter(bullet.text for bullet in parse_draft(text, day, (), source))
    lines = []
    for bullet, added in filed:
        line = draft_line(DEFAULT_SECTION, bullet, added)
        found = parse_draft(line, day, ())
        key = found[0].text if found else bullet
        if held[key]:
            held[key] -= 1
        else:
            lines.append(line)
    return lines


def _read_fd(fd: int, path: Path) -> str:
    """The whole text of an open file."""
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return decode(b"".join(chunks), path)
