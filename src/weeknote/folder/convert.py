"""`weeknote convert`: every note's front matter rewritten in one kind (TOML or YAML).

Only the front matter changes: the same keys and values in the other form, the body byte
for byte. Every note is read and its new text made and read back before any is written, so
a value the other kind cannot hold (YAML's null in TOML) stops the command with nothing
changed; then each note is replaced atomically, one at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from weeknote.errors import NoteError, UsageError
from weeknote.folder.note import KINDS, kind_of, parse, serialise, split_front_matter
from weeknote.folder.store import Store


@dataclass
class Converted:
    kind: str
    converted: list[Path] = field(default_factory=list)
    already: int = 0  # notes whose front matter was of that kind already
    plain: list[str] = field(default_factory=list)  # notes without front matter, left as they are
    unreadable: list[str] = field(default_factory=list)  # why each unreadable note was left


def check_kind(kind: str) -> str:
    wanted = kind.strip().lower()
    if wanted not in KINDS:
        raise UsageError(
            f"--front-matter {kind!r}: use toml (+++, as Hugo reads it) or yaml (---, as "
            "Obsidian and Jekyll read it)"
        )
    return wanted


def rewritten(text: str, source: str, fallback_week: str | None, kind: str) -> str:
    """A note's file text with its front matter in ``kind`` and its body as it was."""
    note = parse(text, source, fallback_week)
    wanted = replace(note, front_matter=kind)
    try:
        made = serialise(wanted)
    except (TypeError, ValueError) as exc:
        raise NoteError(
            f"{source}: its front matter cannot be written as {kind.upper()} ({exc}): "
            "change that value by hand, then convert again"
        ) from None
    if (
        parse(made, source, fallback_week) != wanted
        or split_front_matter(made, source)[2] != (split_front_matter(text, source)[2])
    ):
        raise NoteError(
            f"{source}: its front matter does not read back the same as {kind.upper()}: "
            "convert it by hand"
        )
    return made


def convert(store: Store, kind: str) -> Converted:
    """Rewrite the front matter of every note that has one of the other kind."""
    from weeknote.folder.files import write_atomic
    from weeknote.folder.index import NOTE_NAME

    result = Converted(kind)
    planned: list[tuple[Path, str, str]] = []
    for entry in store.scan():
        path = store.path_of(entry)
        text = store.read(path, "note")
        found = kind_of(text)
        if found is None:
            result.plain.append(entry.name)
        elif found == kind:
            result.already += 1
        else:
            named = NOTE_NAME.fullmatch(entry.name)
            week = named.group(1) if named else None
            planned.append((path, text, rewritten(text, str(path), week, kind)))
    result.unreadable = store.problems()
    for path, text, made in planned:
        if store.read(path, "note") != text:
            raise NoteError(f"{path} changed while the notes were converted: convert again")
        write_atomic(path, made, overwrite=True)
        store.written.append(path)
        result.converted.append(path)
    if planned:
        store.forget_scan()
    return result
