"""The short path: `weeknote bullet TEXT` without Typer, Rich or the rest of the package.

Only an argument scanner in front of writing/capture.py, which makes every decision:

    weeknote [--dir PATH] bullet [-s NAME | --section NAME] [-d DATE | --date DATE] [--] TEXT...
    weeknote [--dir PATH] bullet [...] -          (one bullet a line from stdin)

Anything else (help, completion, --undo, an unknown option, a folder under git, a folder
whose summary is missing or stale, anything capture refuses) is handed to the Typer app untouched,
which calls the same capture and says what it says. Once standard input has been read it
cannot be handed on, so from then on this path says the outcome itself, in the same words.
"""

from __future__ import annotations

import os
import sys

from weeknote.errors import WeeknoteError
from weeknote.weeks.days import date

_SECTION, _DATE = ("-s", "--section"), ("-d", "--date")


def _say(message: str) -> None:
    from weeknote.text.layout import message_lines

    sys.stderr.write("\n".join(message_lines(message, sys.stderr)) + "\n")
    sys.stderr.flush()


def _scan(argv: list[str]) -> tuple[str | None, str | None, str | None, list[str]] | None:
    """(--dir, --section, --date, words) of a common `bullet` form, else None."""
    notes_dir = section = day = None
    index = 0
    while index < len(argv) and argv[index].startswith("--dir"):
        if argv[index] == "--dir" and index + 1 < len(argv):
            notes_dir, index = argv[index + 1], index + 2
        elif argv[index].startswith("--dir="):
            notes_dir, index = argv[index][len("--dir=") :], index + 1
        else:
            return None
    if index >= len(argv) or argv[index] != "bullet":
        return None
    args, words, index = argv[index + 1 :], [], 0
    while index < len(args):
        arg = args[index]
        name, equals, value = arg.partition("=")
        if arg == "--":
            words.extend(args[index + 1 :])
            break
        if arg in _SECTION or arg in _DATE:
            if index + 1 >= len(args):
                return None
            name, value, index = arg, args[index + 1], index + 1
        elif not (equals and name in ("--section", "--date")):
            if arg.startswith("-") and arg != "-":
                return None  # --undo, -h, a typo: the full command says what to say
            words.append(arg)
            index += 1
            continue
        section, day = (value, day) if name in _SECTION else (section, value)
        index += 1
    return (notes_dir, section, day, words) if words else None


def capture(argv: list[str]) -> int | None:
    """Capture through the short path; the exit code, or None to hand the command on."""
    from weeknote.writing import capture as capturing

    scanned = _scan(argv)
    if scanned is None:
        return None
    notes_dir, section, day, words = scanned
    try:
        from weeknote.folder.config import load

        config = load(notes_dir or None)
        root = config.dir_text
        if config.git_autocommit or config.git_autosync or os.path.exists(f"{root}/.git"):
            return None  # a commit to make: the full command makes it
        if os.path.exists(root) and not os.path.isdir(root):
            return None
        fixed = os.environ.get("WEEKNOTE_TODAY")
        today = date.fromisoformat(fixed) if fixed else date.today()
        plan = capturing.plan(config, section, day, today)
        texts = None if words == ["-"] else [" ".join(words)]
        if texts is not None:
            capturing.file(plan, texts)  # anything it refuses, the full command says
        from weeknote.folder import paths, summary

        found = summary.read(paths.summary_path(root), root)
        if found is None or not found.fresh:
            return None  # the full command makes the folder's summary again
    except (WeeknoteError, ValueError):
        return None  # the full command says it, in its own words (the same ones)
    try:
        if texts is None:
            from weeknote.cli.stdin import stdin_bullets

            texts = stdin_bullets()
        result = capturing.capture(plan, capturing.file(plan, texts))
        for line in capturing.said(result):
            _say(line)
        for line in capturing.hints(plan, result, found):
            _say(line)
        capturing.remember(result, found)
        if result.created:
            _say(f"Created the notes folder {root}.")
        return 0
    except WeeknoteError as exc:
        _say(f"Error: {exc.message}")
        return exc.exit_code
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        _say(f"Error: {where}{exc.strerror or exc}: check the path and its permissions")
        return 1
