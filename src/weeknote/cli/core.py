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
from typer.core import TyperCommand

from weeknote import render
from weeknote.cli import completion
from weeknote.cli.flow import Group, HelpContext, Policy, context_of, declare
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


class Command(TyperCommand):
    """A weeknote command (``command`` makes each one so): its help fits a narrow terminal,
    and words left after a free-text option's value are said to need quotes."""

    context_class = HelpContext

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not ctx.resilient_parsing and not set(args) & set(ctx.help_option_names):
            said = stray_words(args, self.params, _takes_week)
            if said:
                raise UsageError(said)
        return super().parse_args(ctx, args)


def stray_words(args: list[str], params: list[Any], accepts: Callable[[str], bool]) -> str | None:
    """What to say when a free-text option's value (an option whose metavar is TEXT:
    ``--title``, ``--reason``) is followed by words the command cannot take as its arguments
    (``accepts`` says whether an argument can be a word): the quotes around the value were
    forgotten. None when the words fit the command's arguments."""
    from typer.core import TyperOption

    takes_value: dict[str, bool] = {}
    prose: dict[str, str] = {}  # a free-text option's names: what its value is called
    room = 0
    for param in params:
        if isinstance(param, TyperOption):
            for name in (*param.opts, *param.secondary_opts):
                takes_value[name] = not param.is_flag and not param.count
                if takes_value[name] and param.metavar == "TEXT":
                    prose[name] = param.name or "text"
        elif param.nargs < 0:
            return None  # it takes any number of words
        else:
            room += param.nargs
    positional: list[str] = []
    runs: list[tuple[str, str, list[str]]] = []  # (option, its value, the words just after)
    words = iter(args)
    for arg in words:
        if arg == "--":
            positional += list(words)
            break
        if arg.startswith("-") and arg != "-" and not re.fullmatch(r"-\d+", arg):
            name, equals, value = arg.partition("=")
            if takes_value.get(name) and not equals:
                value = next(words, "")
            runs.append((name, value, []))
            continue
        positional.append(arg)
        if runs and not arg.startswith("-") and " " not in arg:
            runs[-1][2].append(arg)  # (-3, or words in quotes, were not forgotten there)
        else:
            runs.append(("", "", []))
    for name, value, after in runs:
        if name not in prose or not after:
            continue
        left = room - (len(positional) - len(after))  # the arguments these words could be
        if len(after) <= left and all(accepts(word) for word in after):
            continue
        whole = " ".join([value, *after])
        if re.search(r'["\\$`!]', whole):  # special in double quotes
            import shlex

            shell = shlex.quote(whole)
        else:
            shell = f'"{whole}"'
        return (
            f'got extra words after {name} "{value}": quote the whole {prose[name]}: {name} {shell}'
        )
    return None


def _takes_week(word: str) -> bool:
    """Whether a WEEK argument can be ``word``: a week or a span, ahead or not."""
    from weeknote.weeks.parse import parse_span

    try:
        parse_span(word, current_day(), "monday", future=True)
    except WeeknoteError:
        return False
    return True


def command(
    name: str | None = None,
    *,
    writes: bool = False,
    makes_folder: bool = False,
    weeks_ago: bool = False,
    reads_notes: bool = True,
    resumable: bool = False,
    every_command: bool = False,
    group: typer.Typer | None = None,
    **options: Any,
) -> Callable[[F], F]:
    """``@app.command``, with what the command is declared on it (flow.Policy): whether it
    writes in the notes folder, makes the folder, reads ``-3`` as a WEEK, reads the notes,
    is finished by running it again when stopped part-way, and needs every command built
    (only the command asked for is, otherwise). ``group``: a sub-app it belongs to
    (``weeknote remind install``), else the app."""

    def register(function: F) -> F:
        declare(
            function,
            Policy(
                writes=writes,
                makes_folder=makes_folder,
                weeks_ago=weeks_ago,
                reads_notes=reads_notes,
                resumable=resumable,
                every_command=every_command,
            ),
        )
        (group or app).command(name, cls=Command, **options)(function)
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
        bool,
        typer.Option(
            "--version", "-v", "-V", callback=_version, is_eager=True, help="Show the version."
        ),
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
    """this, last and the last twelve week ids, each with its dates: the weeks a command
    that refuses a week ahead takes."""
    return _near_weeks(ctx, incomplete, ahead=False)


def complete_week_ahead(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """As complete_week, and next: for a command that takes a week ahead (skip)."""
    return _near_weeks(ctx, incomplete, ahead=True)


def _near_weeks(ctx: typer.Context, incomplete: str, ahead: bool) -> list[tuple[str, str]]:
    from weeknote.weeks.week import Week

    try:
        this = Week.of(current_day(), _completing_config(ctx).week_start)
    except (WeeknoteError, OSError):
        return []
    near = [("this", this), ("last", this.step(-1))]
    near += [("next", this.step(1))] if ahead else []
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


# A WEEK as help says it: `next` only where a week ahead is taken (skip), as completion offers it.
WEEK_HELP = "this, last, -N, 2026-W47, 2026-11-18, '16 Nov'."
AHEAD_WEEK_HELP = "this, last, next, -N, 2026-W47, 2026-11-18, '16 Nov'."


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
