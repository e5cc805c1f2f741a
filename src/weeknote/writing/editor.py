"""Launching the person's editor on a file."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from weeknote.errors import EditorError

FALLBACKS = ("sensible-editor", "nano", "vi")


def editor_command(configured: str, interactive: bool | None = None) -> list[str] | None:
    """$VISUAL, else $EDITOR, else the config's editor, split like a shell would.

    With none set, a terminal session falls back to a common editor; a
    non-interactive one (a script, a pipe) gets None: no editor is launched.
    """
    for value in (os.environ.get("VISUAL"), os.environ.get("EDITOR"), configured):
        if value and value.strip():
            return split_command(value)
    if interactive is None:
        interactive = sys.stdin.isatty()
    if not interactive:
        return None
    for name in FALLBACKS:
        found = shutil.which(name)
        if found:
            return [found]
    return None


def split_command(value: str, windows: bool | None = None) -> list[str]:
    """An editor setting as a command and its arguments, split as the platform's shell
    would: POSIX quoting, or on Windows double quotes only, with backslashes kept
    ("C:\\Program Files\\Notepad++\\notepad++.exe" -multiInst)."""
    if windows is None:
        windows = os.name == "nt"
    if "\x00" in value:
        raise EditorError(f"editor {value!r} holds a NUL character: remove it")
    try:
        if not windows:
            return shlex.split(value)
        lexer = shlex.shlex(value, posix=True)
        lexer.whitespace_split = True
        lexer.escape = ""  # a backslash is a path separator there, not an escape
        lexer.commenters = ""  # and "#" is part of a name (C:\\tools\\C#\\ed.exe)
        lexer.quotes = '"'
        return list(lexer)
    except ValueError:
        raise EditorError(
            f"editor {value!r} cannot be split into a command: fix its quoting"
        ) from None


def edit(paths: Sequence[Path], command: list[str]) -> None:
    """Open ``paths``; the files stay whatever the editor does."""
    shown = shlex.join(command)
    path = ", ".join(str(p) for p in paths)
    try:
        result = subprocess.run([*command, *map(str, paths)], check=False)
    except FileNotFoundError:
        raise EditorError(
            f"editor {shown!r} was not found: set VISUAL or EDITOR; the note is kept at {path}"
        ) from None
    except PermissionError:
        raise EditorError(f"editor {shown!r} cannot be run; the note is kept at {path}") from None
    if result.returncode != 0:
        raise EditorError(
            f"editor {shown!r} exited with status {result.returncode}; the note is kept at {path}"
        )


def required_command(paths: Sequence[Path], configured: str) -> list[str]:
    """The editor to open existing files with; an EditorError saying how to set one."""
    command = editor_command(configured)
    if not command:
        shown = ", ".join(str(p) for p in paths)
        raise EditorError(
            f"no editor to open {shown}: set VISUAL or EDITOR (or `editor` in config)"
        )
    return command
