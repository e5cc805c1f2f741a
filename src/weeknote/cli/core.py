"""The Typer app: its global options, the one place errors become a stderr line and an exit
code, and what every command shares (set-up, WEEK parameters, completion)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from weeknote import render
from weeknote.cli import completion
from weeknote.cli.flow import Group, Policy, context_of, declare
from weeknote.errors import UsageError, WeeknoteError

app = typer.Typer(
    cls=Group,
    add_completion=False,  # weeknote's own options, below, name the shell to show
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Capture the week in bullets, write the weeknote, keep the streak, publish it.",
)


F = TypeVar("F", bound=Callable[..., Any])


def command(
    name: str | None = None,
    *,
    writes: bool = False,
    makes_folder: bool = False,
    weeks_ago: bool = False,
    reads_notes: bool = True,
    resumable: bool = False,
    **options: Any,
) -> Callable[[F], F]:
    """``@app.command``, with what the command is declared on it (flow.Policy): whether it
    writes in the notes folder, makes the folder, reads ``-3`` as a WEEK, reads the notes,
    and is finished by running it again when stopped part-way."""

    def register(function: F) -> F:
        declare(
            function,
            Policy(
                writes=writes,
                makes_folder=makes_folder,
                weeks_ago=weeks_ago,
                reads_notes=reads_notes,
                resumable=resumable,
            ),
        )
        app.command(name, **options)(function)
        return function

    return register


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
            metavar="PATH",
            help="Notes folder (else WEEKNOTE_DIR, config `dir`, ~/Documents/weeknotes).",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    install_completion: Annotated[
        bool,
        typer.Option(
            "--install-completion",
            callback=completion.install,
            expose_value=False,
            is_eager=True,
            help="Install completion for the shell this runs in.",
        ),
    ] = False,
    show_completion: Annotated[
        completion.Shell | None,
        typer.Option(
            "--show-completion",
            metavar="SHELL",
            callback=completion.show,
            expose_value=False,
            is_eager=True,
            help="Print the completion script for SHELL (bash, zsh or fish).",
            show_default=False,
        ),
    ] = None,
) -> None:
    ctx.obj = notes_dir


def examples(*lines: str) -> str:
    """The end of a command's help: one or two examples, kept as written."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def current_day() -> date:
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


def _completing_config(ctx: typer.Context) -> Any:
    """The config for the command line being completed. Completion parses the options but
    runs no callback, so a --dir before the command is in the root's params, not its obj;
    and it writes nothing, so it does not go through setup."""
    from weeknote.folder import config as config_mod

    return config_mod.load(ctx.find_root().params.get("notes_dir"))


def complete_week(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """this, last, next and the last twelve week ids, each with its dates."""
    from weeknote.weeks.week import Week

    try:
        this = Week.of(current_day(), _completing_config(ctx).week_start)
    except (WeeknoteError, OSError):
        return []
    near = [("this", this), ("last", this.step(-1)), ("next", this.step(1))]
    near += [(week.id, week) for n in range(12) if (week := this.step(-n)) is not None]
    return [
        (word, render.week_text(week))
        for word, week in near
        if week is not None and word.startswith(incomplete)
    ]


def complete_template(ctx: typer.Context, incomplete: str) -> list[str]:
    from weeknote.folder.store import Store

    try:
        config = _completing_config(ctx)
        names = Store(config.dir, config.week_start).template_names()
    except (WeeknoteError, OSError):
        names = ["default"]
    return [name for name in names if name.startswith(incomplete)]


def complete_key(incomplete: str) -> list[str]:
    from weeknote.folder.config import KEYS

    return [key for key in KEYS if key.startswith(incomplete)]


WEEK_HELP = "this, last, next, -N, 2026-W47, 2026-11-18, '16 Nov'."


JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON for programs.")]


WeekArg = Annotated[
    str,
    typer.Argument(
        help=WEEK_HELP, metavar="WEEK", autocompletion=complete_week, show_default=False
    ),
]


FromWeek = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="WEEK",
        help="The first week (any WEEK form).",
        autocompletion=complete_week,
        show_default=False,
    ),
]


ToWeek = Annotated[
    str | None,
    typer.Option(
        "--to",
        metavar="WEEK",
        help="The last week (any WEEK form).",
        autocompletion=complete_week,
        show_default=False,
    ),
]


TagOption = Annotated[
    str | None,
    typer.Option("--tag", metavar="NAME", help="Only notes with this #tag.", show_default=False),
]


OptionalWeekArg = Annotated[
    str | None,
    typer.Argument(
        help=f"{WEEK_HELP} Default: this week.",
        metavar="[WEEK]",
        autocompletion=complete_week,
        show_default=False,
    ),
]


def read_week(text: str | None, config: Any, *, future: bool = False) -> Any:
    """A WEEK argument as a Week (None stays None); an unknown option is named as one.
    Only with ``future`` may it name a week that has not started."""
    from weeknote.weeks.parse import parse_week

    if text is None:
        return None
    _not_an_option(text)
    return parse_week(text, current_day(), config.week_start, future=future)


def _not_an_option(text: str) -> None:
    """A WEEK that starts with - and is no -N is an option mistyped, not a bad week."""

    if text.startswith("-") and not re.fullmatch(r"-\d+", text.strip()):
        raise UsageError(f"No such option: {text}. See the command's -h")


def read_range(
    ctx: typer.Context, first: str | None, last: str | None, config: Any
) -> tuple[Any, Any]:
    """--from and --to as weeks (either may be ahead: a bound is no note), said once the
    command has succeeded (a failure is one line)."""
    start, end = read_week(first, config, future=True), read_week(last, config, future=True)
    if start is not None or end is not None:
        context_of(ctx).messages.append(f"{render.range_text(start, end)}.")
    return start, end


def read_span(text: str, config: Any, *, future: bool = False) -> tuple[Any, Any]:
    """A WEEK or a span of weeks (2026-W44..W45) as (first, last)."""
    from weeknote.weeks.parse import parse_span

    _not_an_option(text)
    return parse_span(text, current_day(), config.week_start, future=future)
