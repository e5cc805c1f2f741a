"""The command line: options and help text; each command calls one function and renders."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from weeknote import render
from weeknote.errors import UsageError, WeeknoteError

__all__ = ["app", "main"]


class _Group(TyperGroup):
    """Turns every WeeknoteError (and OS error) into one stderr line and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except WeeknoteError as exc:
            render.error(exc.message)
            raise typer.Exit(exc.exit_code) from None
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            render.error(f"{where}{exc.strerror or exc}: check the path and its permissions")
            raise typer.Exit(1) from None

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in the order they are defined, not sorted


app = typer.Typer(
    cls=_Group,
    add_completion=True,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Capture the week in bullets, write the weeknote, keep the streak, publish it.",
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        render.data(f"weeknote {version('weeknote')}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    notes_dir: Annotated[
        Path | None,
        typer.Option(
            "--dir",
            help="Notes folder (else WEEKNOTE_DIR, config `dir`, ~/Documents/weeknotes).",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    ctx.obj = notes_dir


def _today() -> date:
    """Today, or WEEKNOTE_TODAY (an ISO date) for scripts and tests."""
    fixed = os.environ.get("WEEKNOTE_TODAY")
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise UsageError(
                f"WEEKNOTE_TODAY={fixed!r} is not an ISO date such as 2026-11-22"
            ) from None
    return date.today()


def _setup(ctx: typer.Context) -> tuple[Any, Any]:
    from weeknote import config as config_mod
    from weeknote.store import Store

    config = config_mod.load(ctx.obj)
    return config, Store(config.dir, config.week_start)


@app.command()
def bullet(
    ctx: typer.Context,
    text: Annotated[
        list[str] | None,
        typer.Argument(
            help="The bullet's words; - reads one bullet per line from stdin.", show_default=False
        ),
    ] = None,
    section: Annotated[
        str | None,
        typer.Option(
            "--section",
            "-s",
            help="Template section, e.g. learning or next (or start the text with #learning).",
        ),
    ] = None,
    day: Annotated[
        str | None, typer.Option("--date", "-d", help="The day it happened (default today).")
    ] = None,
) -> None:
    """Add one bullet to today's draft.

    Example: weeknote bullet "Day with the waste team at Millfields"
    """
    from weeknote.capture import capture
    from weeknote.weeks import parse_date

    words = text or []
    if words == ["-"]:
        texts = [line for line in sys.stdin.read().splitlines() if line.strip()]
        if not texts:
            raise UsageError("no bullets on stdin: give one bullet per line")
    else:
        texts = [" ".join(words)]
    config, store = _setup(ctx)
    when = parse_date(day, _today()) if day else _today()
    result = capture(store, store.template(config.template), when, texts, section)
    render.captured(result, store)


@app.command()
def new(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Argument(
            help="this, last, next, -N, 2026-W47, 2026-11-18, '16 Nov'.", show_default=False
        ),
    ] = None,
    weeks: Annotated[
        int,
        typer.Option(
            "--weeks",
            "-w",
            help="Cover this many weeks, ending with WEEK (2 for a fortnight note).",
        ),
    ] = 1,
    title: Annotated[str, typer.Option("--title", "-t", help="Subtitle after the colon.")] = "",
    template: Annotated[
        str | None, typer.Option("--template", help="Template name in <dir>/templates/.")
    ] = None,
    no_edit: Annotated[bool, typer.Option("--no-edit", help="Do not open an editor.")] = False,
) -> None:
    """Write the week's note from the template and drafted bullets, then open it.

    With no WEEK, until the cut-off day (Wednesday) it writes up last week if that has
    no note yet. Prints the note's path. Example: weeknote new last --title "robots"
    """
    from weeknote.compose import compose
    from weeknote.editor import edit, editor_command
    from weeknote.weeks import parse_week

    config, store = _setup(ctx)
    today = _today()
    chosen = parse_week(week, today, config.week_start) if week is not None else None
    result = compose(store, config, today, chosen, weeks, title, template)
    render.composed(result, store)
    if not no_edit:
        command = editor_command(config.editor)
        if command:
            edit(result.path, command)


@app.command("list")
def list_notes(
    ctx: typer.Context,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON for programs.")] = False,
) -> None:
    """List the notes, oldest first: week, dates, title, words.

    Example: weeknote list --json
    """
    _, store = _setup(ctx)
    render.notes(store.scan(), store, json_out)


@app.command()
def init(ctx: typer.Context) -> None:
    """Create the notes folder, a commented config and an editable copy of the template.

    Never overwrites a file that exists. Example: weeknote init
    """
    from weeknote.bootstrap import initialise

    config, store = _setup(ctx)
    for line in initialise(store, config):
        render.say(line)
    render.path_line(store.root)


@app.command("import")
def import_archives(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Plain-text archives, newest note first.", metavar="FILE...", show_default=False
        ),
    ],
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            metavar="YYYY",
            help="The year of each archive's newest note, when titles leave it out.",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be imported; write nothing.")
    ] = False,
) -> None:
    """Bring in existing weeknotes: split archives at their titles and date each note.

    Writes nothing if any note conflicts with one already there.
    Example: weeknote import blog.txt --dry-run
    """
    from weeknote.importer import import_archives as run_import

    _, store = _setup(ctx)
    result = run_import(store, files, _today(), year, dry_run)
    render.imported(result, store)
    result.check()


_GLOBAL_OPTIONS_WITH_VALUES = {"--dir"}


def _invoked_command(argv: list[str]) -> str | None:
    """The sub-command named on the command line, skipping the global options."""
    args = iter(argv)
    for arg in args:
        if arg in _GLOBAL_OPTIONS_WITH_VALUES:
            next(args, None)
        elif not arg.startswith("-"):
            return arg
        elif arg == "--":
            return next(args, None)
    return None


def main() -> None:
    """Entry point. Typer builds every command's parser before running one; building only
    the command that was asked for keeps start-up flat as commands are added (`bullet` is
    run many times a day). Help, completion and typos still see every command."""
    import copy

    name = _invoked_command(sys.argv[1:])
    wanted = [
        info
        for info in app.registered_commands
        if (info.name or (info.callback.__name__ if info.callback else "")) == name
    ]
    completing = any(key.endswith("_COMPLETE") for key in os.environ)
    if len(wanted) == 1 and not completing:
        only = copy.copy(app)
        only.registered_commands = wanted
        only()
    else:
        app()
