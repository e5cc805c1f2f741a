"""`weeknote export`: choose the notes, run the format's exporter, write or return the result."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from weeknote.errors import NoteError, NotFoundError, UsageError
from weeknote.folder.note import Note
from weeknote.folder.store import NoteEntry, Store
from weeknote.publish.formats import FORMATS, Format, cached_exporter, exporter, having
from weeknote.publish.formats.model import Document, FeedStamp, Files, Item, Options
from weeknote.text.hashtags import tag_key
from weeknote.weeks.week import Week

if TYPE_CHECKING:
    from weeknote.publish.folder import Progress, Written


@dataclass(frozen=True)
class Request:
    format: str = "md"
    first: Week | None = None
    last: Week | None = None
    output: Path | None = None
    base_url: str = ""
    force: bool = False
    tag: str | None = None
    mbox: bool = False  # email: one mbox file instead of a folder of messages
    email_from: str = ""
    # config site.*: the site's, Hugo's and the feed's title, author and description, and
    # the URL the site lives at when --base-url does not say
    title: str = ""
    author: str = ""
    description: str = ""
    site_base_url: str = ""
    feed_entries: int = 20  # config site.feed_entries


@dataclass(frozen=True)
class Exported:
    format: str
    notes: int
    # One document for stdout when there is no --output: its text in pieces, each made as
    # it is written.
    document: Iterable[str] | None = None
    written: Written | None = None


def base_url(text: str, said: str = "--base-url") -> str:
    """An absolute http(s) URL ending in '/', so page names join onto it."""
    if not text:
        return ""
    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise UsageError(
            f"{said} {text!r} is not an absolute http(s) URL such as https://example.org/weeknotes/"
        )
    url = parts.geturl()
    return url if url.endswith("/") else url + "/"


def slugs(entries: Sequence[NoteEntry]) -> dict[str, str]:
    """File name -> permalink id: the note's week id, with -2, -3 for further files that
    claim the same week (``2026-W47.md`` first, then by file name), so each page has its
    own stable address."""
    taken: dict[str, int] = {}
    found = {}
    for entry in sorted(entries, key=lambda e: (e.week, e.name != f"{e.week}.md", e.name)):
        count = taken[entry.week] = taken.get(entry.week, 0) + 1
        found[entry.name] = entry.week if count == 1 else f"{entry.week}-{count}"
    return found


def chosen(
    store: Store, first: Week | None, last: Week | None, tag: str | None = None
) -> list[NoteEntry]:
    """The entries of the notes covering any week from ``first`` to ``last`` (both
    included), with ``tag`` if given, newest first."""
    low, high = first.id if first else "", last.id if last else "9999-W99"
    wanted = tag_key(tag) if tag else None
    found = [
        e
        for e in store.scan()
        if any(low <= week <= high for week in e.weeks) and (wanted is None or wanted in e.tags)
    ]
    return found[::-1]


class _Reader:
    """Reads the note behind an entry when a page needs it, keeping the last few (a note's
    page, its place in the feed and its neighbours ask for it in turn), never all of them.
    A note unreadable since it was indexed is kept in the store's ``unreadable`` and said."""

    __slots__ = ("store", "recent")
    KEEP = 4

    def __init__(self, store: Store) -> None:
        self.store = store
        self.recent: dict[str, Note] = {}

    def __call__(self, entry: NoteEntry) -> Note:
        recent = self.recent
        note = recent.get(entry.name)
        if note is None:
            try:
                note = self.store.indexed_note(entry)
            except NoteError as exc:
                self.store.unreadable[entry.name] = exc.message
                raise
            if len(recent) >= self.KEEP:
                del recent[next(iter(recent))]
            recent[entry.name] = note
        return note


def select(
    store: Store, first: Week | None, last: Week | None, tag: str | None = None
) -> list[Item]:
    """The notes covering any week from ``first`` to ``last`` (both included), with ``tag``
    if given, newest first. Each is read when a page needs it; a note whose file has
    settled is stamped, so a file made from it before is known unchanged without reading.
    One changed in the last moments is read now too: if it cannot be read it is left out
    and said, as a note unreadable when indexed is."""
    import time

    from weeknote.folder import files

    ids = slugs(store.scan())  # from every note: a page's permalink never depends on the filter
    load = _Reader(store)
    settled = time.time_ns() - files.SETTLED_NS
    stamps, inodes = store.stamps, store.inodes
    items = []
    for entry in chosen(store, first, last, tag):
        name = entry.name
        stamp = None
        seen, inode = stamps.get(name), inodes.get(name)
        if seen is not None and inode is not None and seen[0] < settled and inode[1] < settled:
            stamp = (inode[0], seen[1], seen[0], inode[1])
        else:  # changed just now, perhaps under the index's nose: read it once to be sure
            try:
                load(entry)
            except NoteError:  # left out, and said (the reader kept why)
                continue
        items.append(Item(entry, None, ids[name], load=load, stamp=stamp))
    return items


def feed_stamps(store: Store, items: Sequence[Item]) -> tuple[FeedStamp, ...]:
    """(permalink id, published, updated) of each of ``items``, as its front matter keeps
    them (None where it keeps none). The index keeps neither: only a feed's few notes are
    read whole for them; one unreadable now is said where its page is made."""
    from datetime import date

    from weeknote.folder.note import PUBLISHED, UPDATED

    found = []
    for item in items:
        try:
            extra = store.load_note(store.path_of(item.entry)).extra
        except NoteError:
            continue
        published, updated = extra.get(PUBLISHED), extra.get(UPDATED)
        found.append(
            (
                item.slug,
                published if isinstance(published, date) else None,
                updated if isinstance(updated, date) else None,
            )
        )
    return tuple(found)


def _found(count: int, store: Store, request: Request) -> int:
    """``count``, unless no note was chosen (a NotFoundError, naming the filters)."""
    if not count:
        tagged = f" tagged #{request.tag.lstrip('#')}" if request.tag else ""
        raise NotFoundError(
            f"no notes{tagged} to export in {store.root}{_span(request.first, request.last)}"
        )
    return count


def _span(first: Week | None, last: Week | None) -> str:
    words = [f"from {first.id}"] if first else []
    words += [f"to {last.id}"] if last else []
    return " " + " ".join(words) if words else ""


def _options(store: Store, request: Request, entry: Format) -> Options:
    """The exporter's options: --base-url, else config site.base_url for a format whose
    links it makes absolute (the site's feed, the messages' links and images); the breaks
    for a format that shows them; a From for one that needs it."""
    if request.base_url:
        url = base_url(request.base_url)
    elif entry.links:
        url = base_url(request.site_base_url, "config site.base_url")
    else:
        url = ""
    breaks = store.breaks() if entry.breaks else []
    feed = ""
    if entry.feed:
        from weeknote.folder.feedid import feed_id

        feed = feed_id(store)
    sender = ""
    if entry.sender:
        from weeknote.publish.message import sender as checked_sender

        sender = checked_sender(request.email_from)
    return Options(
        title=request.title or Options.title,
        sender=sender,
        base_url=url,
        author=request.author,
        description=request.description,
        breaks=tuple((found.week, found.reason) for found in breaks),
        feed_id=feed,
        feed_entries=request.feed_entries,
    )


def _for(flag: str) -> str:
    """'--format site, --format email or --format hugo': the formats with ``flag``."""
    names = [f"--format {name}" for name in having(flag)]
    return " or ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def _check(request: Request) -> Format:
    """The format asked for, once the request is one it can do."""
    name = request.format
    entry = FORMATS.get(name)
    if entry is None:
        raise UsageError(f"no format {name!r}: choose one of {', '.join(FORMATS)}")
    if request.mbox and not entry.mbox:
        raise UsageError(f"--mbox is for {_for('mbox')}: one mbox file of every note's message")
    if entry.folder and not request.mbox and request.output is None:
        mbox = " (or --mbox, for one mbox file)" if entry.mbox else ""
        raise UsageError(f"--format {name} writes a folder: add --output DIR{mbox}")
    if request.base_url and not entry.links:
        raise UsageError(f"--base-url is for {_for('links')} (it makes their links absolute)")
    if request.first and request.last and request.first > request.last:
        raise UsageError(f"--from {request.first.id} is after --to {request.last.id}")
    return entry


def export_notes(store: Store, request: Request, progress: Progress | None = None) -> Exported:
    entry = _check(request)
    name = request.format
    folder = entry.folder and not request.mbox
    if request.output is not None:
        from weeknote.publish.folder import check_file_target, check_folder_target

        if folder:
            check_folder_target(request.output, name)
        else:
            check_file_target(request.output)
    options = _options(store, request, entry)
    result: Document | Files
    if entry.cached:  # made of each note's own piece: those are cached
        chosen_entries = chosen(store, request.first, request.last, request.tag)
        count, result = cached_exporter(name)(store, chosen_entries)
        _found(count, store, request)
    else:
        items = select(store, request.first, request.last, request.tag)
        count = _found(len(items), store, request)
        if entry.feed:
            from dataclasses import replace

            stamps = feed_stamps(store, items[: options.feed_entries])
            options = replace(options, feed_stamps=stamps)
        result = exporter(name, request.mbox)(items, options)
    if request.output is None:
        assert not isinstance(result, Files)  # checked above for every folder format
        return Exported(name, count, document=result)
    from weeknote.folder import paths
    from weeknote.publish.folder import write_file, write_folder

    if isinstance(result, Files):
        record = paths.export_record_path(request.output)
        written = write_folder(request.output, result, name, request.force, progress, record)
    else:
        written = write_file(request.output, result, request.force)
    return Exported(name, count, written=written)
