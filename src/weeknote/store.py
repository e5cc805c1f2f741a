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
import datetime as dt
import itertools
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from weeknote.errors import ConflictError, NoteError, NotFoundError, UsageError
from weeknote.template import DEFAULT_SECTION, Template, default_template
from weeknote.weeks import Week

if TYPE_CHECKING:
    from weeknote.note import Note

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: O_APPEND alone
    fcntl = None  # type: ignore[assignment]

NOTE_NAME = re.compile(r"(\d{4}-W\d{2})(?:[ ._-][^/]*)?\.md")
DRAFTS = "drafts"
TEMPLATES = "templates"
BREAKS = "breaks.txt"
MAX_BULLET = 64 * 1024
_TEMPLATE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


@dataclass(frozen=True)
class Bullet:
    day: date
    section: str
    text: str


@dataclass(frozen=True)
class Break:
    """A week declared a break in breaks.txt, with the reason given (maybe empty)."""

    week: str
    reason: str


@dataclass(frozen=True)
class NoteEntry:
    """What listing and streaks need of a note, without its body."""

    name: str
    week: str
    weeks: tuple[str, ...]
    title: str
    date: dt.date
    words: int
    tags: tuple[str, ...]

    @property
    def start(self) -> dt.date:
        return _monday(self.weeks[0]) if self.weeks else self.date

    @property
    def end(self) -> dt.date:
        return _monday(self.weeks[-1]) + dt.timedelta(days=6) if self.weeks else self.date


def _monday(week_id: str) -> dt.date:
    """The Monday of an id the index holds (already checked when the note was read)."""
    return dt.date.fromisocalendar(int(week_id[:4]), int(week_id[6:]), 1)


# -- safe writes ---------------------------------------------------------------------------


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; give a new one the umask's default."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


_serial = itertools.count()
# Every file this process wrote, in order: `git.autocommit` commits exactly these.
WRITTEN: list[Path] = []


def _temp_beside(path: Path) -> tuple[int, Path]:
    """A new hidden temp file in the same folder (so os.replace is atomic); hidden names
    are never taken for notes, so one left by a killed process trips nothing."""
    mode = _mode_for(path)
    while True:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{next(_serial)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), tmp
        except FileExistsError:
            continue


def write_atomic(
    path: Path, text: str, *, overwrite: bool, sync: bool = True, track: bool = True
) -> bool:
    """Write ``text`` to ``path`` all at once. Without ``overwrite`` an existing file is
    left alone and False is returned; readers never see a partial file either way.
    ``sync=False`` skips the fsyncs, for a caller that writes many files and then makes
    them durable with one ``os.sync()``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _temp_beside(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                return False
            except OSError:
                # No hard links here (some network and FAT filesystems): exclusive create.
                try:
                    with open(path, "x", encoding="utf-8", newline="") as handle:
                        handle.write(text)
                except FileExistsError:
                    return False
        if sync:
            _fsync_dir(path.parent)
        if track:  # derived files (the index cache) are no change to the notes
            WRITTEN.append(path)
        return True
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def append_locked(path: Path, text: str) -> None:
    """Append ``text`` (whole lines) in one write, under an exclusive lock, starting on a
    fresh line even if the file was left without a final newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o666)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            text = "\n" + text
        data = text.encode("utf-8")
        written = os.write(fd, data)
        while written < len(data):  # a short write on a full disk or a signal: finish it
            written += os.write(fd, data[written:])
        WRITTEN.append(path)
    finally:
        os.close(fd)  # closing releases the lock


def read_text(path: Path, what: str = "file") -> str:
    """A file's UTF-8 text, with errors a person can act on."""
    try:
        return path.read_text(encoding="utf-8")
    except IsADirectoryError:
        raise NoteError(
            f"{path} is a folder, not a {what}: move it out of the notes folder"
        ) from None
    except UnicodeDecodeError as exc:
        raise NoteError(
            f"{path} is not UTF-8 text (byte {exc.start}): re-save it as UTF-8"
        ) from None


def read_archive(path: Path) -> str:
    """An archive file to import, as text: UTF-8, with Windows line ends read as "\\n"
    and a leading byte-order mark dropped."""
    from weeknote.errors import ImportFailure

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NotFoundError(f"{path}: no such file: check the name") from None
    except IsADirectoryError:
        raise ImportFailure(f"{path} is a folder: name the archive's text file") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportFailure(
            f"{path} is not UTF-8 text (byte {exc.start}): save it as UTF-8 and import again"
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


# -- drafts ----------------------------------------------------------------------------------


def clean_bullet(text: str) -> str:
    """One line of bullet text; refuses what cannot be a bullet."""
    cleaned = " ".join(text.split())
    if cleaned.startswith(("- ", "* ")):
        cleaned = cleaned[2:].lstrip()
    if not cleaned:
        raise UsageError(
            'the bullet is empty: write some text, e.g. weeknote bullet "Met the team"'
        )
    if len(cleaned) > MAX_BULLET:
        raise UsageError(
            f"the bullet is {len(cleaned):,} characters long; the limit is {MAX_BULLET:,}: "
            "put long text in the note itself"
        )
    return cleaned


def draft_line(section: str, text: str) -> str:
    return f"- {text}\n" if section == DEFAULT_SECTION else f"- #{section} {text}\n"


def parse_draft(text: str, day: date, sections: Sequence[str]) -> list[Bullet]:
    bullets = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line[:2] in ("- ", "* "):
            line = line[2:].strip()
        section, rest = split_section(line, sections)
        if rest:
            bullets.append(Bullet(day, section, rest))
    return bullets


def split_section(text: str, sections: Sequence[str]) -> tuple[str, str]:
    """A leading ``#name`` word that names a section files the bullet there."""
    if text.startswith("#"):
        word, _, rest = text.partition(" ")
        name = word[1:].lower()
        if name in sections and rest.strip():
            return name, rest.strip()
    return DEFAULT_SECTION, text


# -- breaks ----------------------------------------------------------------------------------


def parse_break_line(line: str, source: str, number: int) -> Break | None:
    """One line of breaks.txt: ``2026-W41  reason``; blank and ``#`` lines are None."""
    text = line.strip()
    if not text or text.startswith("#"):
        return None
    word, *rest = text.split(None, 1)
    try:
        week = Week.from_id(word)
    except UsageError as exc:
        raise NoteError(
            f"{source}, line {number}: {exc.message}; each line is a week and an optional "
            "reason, e.g. '2026-W41  holiday' (start a comment with #)"
        ) from None
    return Break(week.id, rest[0].strip() if rest else "")


def parse_breaks(text: str, source: str) -> list[Break]:
    return [
        found
        for number, line in enumerate(text.splitlines(), start=1)
        if (found := parse_break_line(line, source, number)) is not None
    ]


# -- the store ---------------------------------------------------------------------------------


class Store:
    """A notes folder."""

    def __init__(self, root: Path, week_start: str = "monday") -> None:
        self.root = root
        self.week_start = week_start
        # The last scan, reused until this store writes a note: a command such as `status`
        # asks several questions of the index and should stat the folder once.
        self._entries: list[NoteEntry] | None = None

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
        if self.root.exists() and not self.root.is_dir():
            raise NoteError(f"notes folder {self.root} is a file: set --dir or WEEKNOTE_DIR")
        self.root.mkdir(parents=True, exist_ok=True)

    # templates
    def template(self, name: str) -> Template:
        if not _TEMPLATE_NAME.fullmatch(name):
            raise UsageError(f"template name {name!r} is not a plain file name, e.g. 'monthly'")
        path = self.root / TEMPLATES / f"{name}.md"
        if path.is_file():
            return Template(name, str(path), read_text(path, "template"))
        if name == "default":
            return default_template()
        available = ", ".join(self.template_names()) or "default"
        raise NotFoundError(f"no template {name!r}: create {path} or use one of: {available}")

    def template_names(self) -> list[str]:
        folder = self.root / TEMPLATES
        names = {"default"}
        if folder.is_dir():
            names.update(p.stem for p in folder.glob("*.md") if not p.name.startswith("."))
        return sorted(names)

    # drafts
    def add_bullets_filed(self, day: date, filed: Iterable[tuple[str, str]]) -> Path:
        """Append (section, text) bullets to the day's draft in one locked write."""
        lines = "".join(draft_line(section, text) for section, text in filed)
        path = self.draft_path(day)
        self.ensure_root()
        append_locked(path, lines)
        return path

    def day_bullets(self, day: date, sections: Sequence[str]) -> list[Bullet]:
        path = self.draft_path(day)
        try:
            text = read_text(path, "draft")
        except FileNotFoundError:
            return []
        return parse_draft(text, day, sections)

    def bullets(self, weeks: Iterable[Week], sections: Sequence[str]) -> list[Bullet]:
        return [
            bullet
            for week in weeks
            for day in week.days()
            for bullet in self.day_bullets(day, sections)
        ]

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
        from weeknote.note import parse

        match = NOTE_NAME.fullmatch(path.name)
        text = read_text(path, "note")
        return parse(text, str(path), match.group(1) if match else None), text

    def indexed_note(self, entry: NoteEntry) -> Note:
        """The note behind an index entry, with its metadata from the index and only its body
        read from disk: exporting thousands of notes parses no front matter twice."""
        from weeknote.note import Note, split_front_matter

        path = os.path.join(self.root, entry.name)
        try:
            with open(path, "rb") as handle:
                text = handle.read().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            text = read_text(Path(path), "note")  # the same failure, reported for a person
        _, _, body = split_front_matter(text, path)
        return Note(entry.week, entry.weeks, entry.title, entry.date, body, entry.tags)

    def note_files(self) -> Iterator[os.DirEntry[str]]:
        if not self.root.is_dir():
            return
        with os.scandir(self.root) as entries:
            for entry in entries:
                if NOTE_NAME.fullmatch(entry.name):
                    if entry.is_dir():
                        raise NoteError(
                            f"{entry.path} is a folder, not a note: "
                            "rename it or move it out of the notes folder"
                        )
                    yield entry

    def scan(self, tag: str | None = None) -> list[NoteEntry]:
        """Every note (with ``tag``, those tagged so), oldest first, from a cache keyed on
        each file's size and mtime."""
        if self._entries is None:
            self._entries = self._scan()
        entries = self._entries
        if tag is not None:
            wanted = tag.lstrip("#").lower()
            entries = [entry for entry in entries if wanted in entry.tags]
        return list(entries)

    def _scan(self) -> list[NoteEntry]:
        import json

        from weeknote import paths

        cache_path = paths.index_cache_path(self.root)
        cached = _read_cache(cache_path)
        fresh: dict[str, dict[str, Any]] = {}
        entries = []
        changed = False
        for item in self.note_files():
            stat = item.stat()
            stamp = [stat.st_mtime_ns, stat.st_size]
            record = cached.get(item.name)
            if record is None or record.get("stamp") != stamp:
                note = self.load_note(Path(item.path))
                record = {
                    "stamp": stamp,
                    "week": note.week,
                    "weeks": list(note.weeks),
                    "title": note.title,
                    "date": note.date.isoformat(),
                    "words": note.words,
                    "tags": note.all_tags(),
                }
                changed = True
            fresh[item.name] = record
            entries.append(_entry(item.name, record))
        if changed or set(fresh) != set(cached):
            PENDING_CACHE[cache_path] = json.dumps({"version": 1, "notes": fresh})
        entries.sort(key=lambda e: (e.weeks[0], e.week, e.name))
        return entries

    def find(self, week: Week) -> NoteEntry | None:
        """The note that covers ``week``, if any."""
        for entry in self.scan():
            if week.id in entry.weeks:
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
        return path

    def path_of(self, entry: NoteEntry) -> Path:
        return self.root / entry.name

    def note_for(self, week: Week) -> Path:
        """The file of the note covering ``week``; NotFoundError if none does."""
        entry = self.find(week)
        if entry is None:
            raise NotFoundError(
                f"no note covers {week.id} in {self.root}: write it with: weeknote new {week.id}"
            )
        return self.path_of(entry)

    # breaks
    def breaks_path(self) -> Path:
        return self.root / BREAKS

    def breaks(self) -> list[Break]:
        """Declared breaks in file order; a malformed line is a NoteError naming it."""
        path = self.breaks_path()
        try:
            text = read_text(path, "breaks file")
        except FileNotFoundError:
            return []
        return parse_breaks(text, str(path))

    @contextlib.contextmanager
    def _folder_lock(self) -> Iterator[None]:
        """An exclusive lock on the notes folder itself: breaks.txt is replaced whole on
        undo, so a lock on the file would not outlive it; the folder's lock creates nothing."""
        self.ensure_root()
        fd = os.open(self.root, os.O_RDONLY)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

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
        with self._folder_lock():
            for existing in self.breaks():
                if existing.week == week.id:
                    return existing, False
            cleaned = " ".join(reason.split())
            append_locked(
                self.breaks_path(), f"{week.id}  {cleaned}\n" if cleaned else f"{week.id}\n"
            )
            return Break(week.id, cleaned), True

    def remove_break(self, week: Week) -> Break:
        """Remove every line declaring ``week`` a break, keeping all other lines as they are."""
        path = self.breaks_path()
        if not path.exists():
            raise NotFoundError(f"{week.id} is not a break: there is no {path}")
        with self._folder_lock():
            text = read_text(path, "breaks file")
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
            return removed


# Index caches to save once the command has succeeded: a failed command writes nothing.
PENDING_CACHE: dict[Path, str] = {}


def save_index_caches() -> None:
    """Write the index caches that scans refreshed; the cache is only an optimisation, so a
    failure to write it is ignored."""
    while PENDING_CACHE:
        path, text = PENDING_CACHE.popitem()
        with contextlib.suppress(OSError):
            write_atomic(path, text, overwrite=True, track=False)


def _read_cache(path: Path) -> dict[str, dict[str, Any]]:
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        notes = data["notes"] if data.get("version") == 1 else {}
        return notes if isinstance(notes, dict) else {}
    except (OSError, ValueError, KeyError, AttributeError):
        return {}


def _entry(name: str, record: dict[str, Any]) -> NoteEntry:
    return NoteEntry(
        name=name,
        week=str(record["week"]),
        weeks=tuple(record["weeks"]),
        title=str(record["title"]),
        date=date.fromisoformat(str(record["date"])),
        words=int(record["words"]),
        tags=tuple(record.get("tags", ())),
    )


def entry_dict(entry: NoteEntry) -> dict[str, object]:
    return asdict(entry)
