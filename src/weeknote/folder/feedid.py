"""The id of the notes' Atom feed: made once, kept in the notes folder.

Atom wants a feed's id to be the same for ever and no one else's. A site with a base URL
could use that, but one published without it (or moved) needs an id of its own: a random
``urn:uuid:`` made the first time it is needed (by `init` or the first site export) and
kept in ``.weeknote/feed-id``, a file committed with the notes, so that every clone, every
machine and every export gives the same.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from weeknote.errors import NoteError

if TYPE_CHECKING:
    from weeknote.folder.store import Store

FEED_ID = ".weeknote/feed-id"
# an absolute IRI, as Atom's id must be: a scheme, a colon, then no space
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")


def new_id() -> str:
    import uuid

    return f"urn:uuid:{uuid.uuid4()}"


def read(text: str, path: Path | str) -> str:
    """The id a feed-id file's text holds; NoteError if it holds none."""
    found = text.strip()
    if not _IRI.fullmatch(found):
        raise NoteError(
            f"{path} should hold the feed's id, such as urn:uuid:{'0' * 8}-…, and holds "
            f"{found[:40]!r}: restore it from git, or remove it to make a new one"
        )
    return found


def feed_id(store: Store) -> str:
    """The folder's feed id, made (and recorded as written, to be committed) if it has
    none yet. Two commands making it at once agree: the file is made only if missing."""
    from weeknote.folder.files import write_atomic

    path = store.guard(store.root / FEED_ID)
    try:
        return read(store.read(path, "feed id"), path)
    except FileNotFoundError:
        pass
    made = new_id()
    path.parent.mkdir(parents=True, exist_ok=True)
    if write_atomic(path, made + "\n", overwrite=False):
        store.written.append(path)
        return made
    return read(store.read(path, "feed id"), path)
