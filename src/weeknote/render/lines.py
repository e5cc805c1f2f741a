"""Printing: a message for the person on stderr, data for programs on stdout (plain
lines, a table, JSON). Every piece of text printed goes through layout.shown, which writes
control and bidi characters as escapes, so nothing printed acts on a terminal or splits a
record."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def say(message: str) -> None:
    """A message for the person: stderr, so stdout stays data; wrapped to a terminal's
    width, one line through a pipe."""
    from weeknote.text.layout import message_lines

    sys.stderr.write("\n".join(message_lines(message, sys.stderr)) + "\n")
    sys.stderr.flush()


def error(message: str) -> None:
    say(f"Error: {message}")


def data(text: str) -> None:
    """Lines for stdout, with every control character in them escaped (see layout.shown):
    newlines and tabs stay, so a field that may hold either is escaped before it is put in
    a line (tables and pairs do that)."""
    from weeknote.text.layout import shown

    text = shown(text, lines=True)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def document(text: str, terminal: bool | None = None) -> None:
    """A document for stdout as it is (a note's file, an export): data for programs, to
    keep byte for byte; only a terminal gets its control characters escaped."""
    from weeknote.text.layout import is_terminal, shown

    if terminal is None:
        terminal = is_terminal()
    sys.stdout.write(shown(text, lines=True) if terminal else text)


def manual(text: str) -> None:
    """A manual page in roff: shown by ``man`` in a terminal, as `git help` does, and
    written as it is to a pipe or a file (``weeknote man > weeknote.1``)."""
    import shutil
    import subprocess

    from weeknote.text.layout import is_terminal

    pager = shutil.which("man")
    if is_terminal() and pager:
        sys.stdout.flush()
        # man -l reads a page from a file, "-" is stdin; it pages and formats for the terminal
        shown = subprocess.run([pager, "-l", "-"], input=text, text=True, check=False)
        if shown.returncode == 0:
            return
    sys.stdout.write(text)


def as_json(document: Any) -> None:
    import json

    from weeknote.text.layout import shown_json

    text = shown_json(json.dumps(document, indent=2, ensure_ascii=False, default=str))
    sys.stdout.write(text + "\n")


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    right: Sequence[int] = (),
    fold: int | Sequence[int] | None = None,
    narrow: Sequence[int] | None = None,
    give_way: Sequence[int] = (),
) -> None:
    """A table: for people, a bold header and columns fitted to the terminal (see
    layout.table_lines); for programs, one tab-separated line a row. Laid out here because
    Rich's Table measures every cell, which takes seconds for the thousands of rows a long
    archive has."""
    from weeknote.text.layout import table_lines

    head, lines = table_lines(
        header, rows, right=right, fold=fold, narrow=narrow, give_way=give_way
    )
    if head is not None:
        from weeknote.text.layout import console as layout_console

        layout_console().print(head, style="bold", markup=False, soft_wrap=True)
    if lines:
        data("\n".join(lines))


def path_line(path: Path) -> None:
    """A path on a line of its own, for a script to read: a line break in its name escaped
    like any other."""
    from weeknote.text.layout import shown

    data(shown(str(path)))
