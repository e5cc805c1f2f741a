"""Exports and imports: the progress bar, and what was written or brought in."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from weeknote.publish.export import Exported


from weeknote.render.lines import document, path_line, say
from weeknote.text.wording import _count

T = TypeVar("T")


PROGRESS_FROM = 50  # files: fewer are written before a bar would be seen


def progress(items: Sequence[T], label: str) -> Iterator[T]:
    """``items`` with a Rich progress bar on stderr while they are worked through, when
    there are many and stderr is a terminal (Rich says whether it is)."""
    from weeknote.text.layout import console as layout_console

    if len(items) < PROGRESS_FROM:  # asked first: a Rich console is not cheap to make
        yield from items
        return
    console = layout_console(stderr=True)
    if not console.is_terminal:
        yield from items
        return
    from rich.progress import Progress

    with Progress(console=console, transient=True) as bar:
        yield from bar.track(items, description=label)


def exported(result: Exported) -> None:
    if result.document is not None:
        _document(result.document)
        return
    assert result.written is not None
    written = result.written
    parts = [f"{_count(written.written, 'file')} written"]
    if written.unchanged:
        parts.append(f"{written.unchanged:,} unchanged")
    if written.removed:
        parts.append(f"{written.removed:,} removed (no longer exported)")
    notes = _count(result.notes, "note")
    say(f"Exported {notes} as {result.format} to {written.path}: {', '.join(parts)}.")
    for name in written.kept:
        say(f"Kept {name}: the export no longer writes it, but it was edited since.")
    for name in written.ignored:
        say(
            f"Warning: ignored {name!r} in {written.path}/.weeknote-export: it points outside "
            "the folder, so nothing there was touched"
        )
    if not written.stream:  # a device or a pipe: its name is no place to open
        path_line(written.path)


def _document(pieces: Iterable[str]) -> None:
    """A document to stdout as it is made, ending in a newline as ``data`` ends one; in a
    terminal with its control characters escaped (see render.document)."""
    from weeknote.text.layout import is_terminal

    terminal = is_terminal()
    last = ""
    for piece in pieces:
        if piece:
            document(piece, terminal)
            last = piece
    if not last.endswith("\n"):
        document("\n", terminal)
