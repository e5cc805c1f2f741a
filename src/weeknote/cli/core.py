"""The Typer app: its global options, the one place errors become a stderr line and an exit
code, and what every command shares (set-up, WEEK parameters, completion)."""

from __future__ import annotations

import os
import re
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from weeknote import render
from weeknote.cli import completion
from weeknote.cli.commits import (
    CONFIG,
    HALF_DONE,
    MARK,
    STORE,
    WRITING,
    autosync,
    commit_outside,
    commit_written,
    written_so_far,
)
from weeknote.errors import ConflictError, NoMatch, NotFoundError, UsageError, WeeknoteError


class _Group(TyperGroup):
    """Turns every WeeknoteError (and OS error) into one stderr line and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        already = written_so_far()
        ctx.meta[MARK] = len(already) if already is not None else 0
        try:
            result = super().invoke(ctx)
            finish(ctx)
            commit_written(ctx)
            release(ctx)
            autosync(ctx)
            return result
        except typer.Exit as exc:
            if not exc.exit_code:
                finish(ctx)
            raise
        except NoMatch as exc:
            finish(ctx)
            render.say(exc.message)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (Terminated)
            if ctx.meta.get(RESUMABLE):
                render.say("Stopped: run it again to finish.")
            else:
                render.error("interrupted: nothing more was done")
            raise typer.Exit(getattr(exc, "exit_code", 130)) from None
        except WeeknoteError as exc:
            render.error(exc.message)
            raise typer.Exit(exc.exit_code) from None
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            render.error(f"{where}{exc.strerror or exc}: check the path and its permissions")
            raise typer.Exit(1) from None
        finally:
            commit_written(ctx)
            release(ctx)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        name = next((arg for arg in args if not arg.startswith("-")), None)
        return super().parse_args(ctx, weeks_ago(args, name))

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in the order they are defined, not sorted


# Commands whose WEEK argument may be "-3" (three weeks ago): a token the parser would
# otherwise take for an option.
_WEEK_COMMANDS = frozenset({"new", "skip", "show", "edit", "send"})
_WEEK_OPTIONS = frozenset({"--from", "--to"})
_VALUE_OPTIONS = frozenset({"--weeks", "-w", "--title", "-t", "--template", "--reason", "-r"})
WEEKS_AGO = re.compile(r"-(\d+)")


def weeks_ago(argv: list[str], name: str | None) -> list[str]:
    """``-3`` as ``3 weeks ago`` where a WEEK is read (the positional WEEK of new, skip, show
    and edit, and --from/--to), so that any other token starting with - is an option, and an
    unknown one is reported as one."""
    out: list[str] = []
    after_name = False
    previous = ""
    for arg in argv:
        if arg == "--":
            out.extend(argv[len(out) :])
            break
        match = WEEKS_AGO.fullmatch(arg)
        positional = after_name and name in _WEEK_COMMANDS and previous not in _VALUE_OPTIONS
        if match and (previous in _WEEK_OPTIONS or positional):
            arg = f"{match.group(1)} weeks ago"
        if arg == name:
            after_name = True
        out.append(arg)
        previous = arg
    return out


HELD = "weeknote.held-locks"

# Set by a command whose work, stopped part-way, is finished by running it again.
RESUMABLE = "weeknote.resumable"


class Terminated(KeyboardInterrupt):
    """SIGTERM: the command stops as it does on Ctrl-C, removing its temp files on the
    way out, and exits 143 (128 + 15, as a shell reports it)."""

    exit_code = 143


def stop_on_sigterm() -> None:
    """Make SIGTERM raise Terminated, unless whoever started the process ignores it."""
    import signal

    def stop(signum: int, frame: object) -> None:
        raise Terminated

    if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, stop)


def release(ctx: Any) -> None:
    """Let go of the folder's lock this command held, if it did."""
    held = ctx.meta.pop(HELD, None)
    if held is not None:
        held.close()


def finish(ctx: Any) -> None:
    """After a command succeeded: save the index caches it refreshed, and say which notes
    it left out because they cannot be read."""
    index_module = sys.modules.get("weeknote.folder.index")
    if index_module is not None:
        index_module.save_caches()
    render.said_resolved()
    store = ctx.meta.get(STORE)
    folder = ctx.meta.get(NEW_FOLDER)
    if folder is not None and folder.is_dir() and ctx.invoked_subcommand != "init":
        render.say(f"Created the notes folder {folder}.")
    if store is not None:
        for problem in store.problems():
            render.say(f"Warning: left out a note: {problem}")


app = typer.Typer(
    cls=_Group,
    add_completion=False,  # weeknote's own options, below, name the shell to show
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


# Commands that make the notes folder when it is not there yet (and say so).
CREATE_FOLDER = frozenset({"init", "new", "bullet", "import", "config"})  # config needs none
NEW_FOLDER = "weeknote.new-folder"


def setup(ctx: typer.Context) -> tuple[Any, Any]:
    from weeknote.folder import config as config_mod
    from weeknote.folder.store import Store

    config = config_mod.load(ctx.find_root().obj)
    ctx.meta[CONFIG] = config
    store = ctx.meta[STORE] = Store(config.dir, config.week_start)
    source = config.sources.get("dir", "default")
    if not store.root.exists():
        if ctx.info_name in CREATE_FOLDER:
            ctx.meta[NEW_FOLDER] = store.root  # said once it exists
        elif source != "default":  # a folder named by hand that is not there: a typo?
            raise NotFoundError(
                f"no notes folder at {store.root} (from {source}): check the path, or "
                "start one there with weeknote init"
            )
    if store.root.is_dir() and ctx.info_name not in ("init", "config"):
        ctx.meta[HALF_DONE] = _half_done(ctx.info_name, store)
    if ctx.info_name in WRITING and (store.root / ".git").exists():
        # A synced folder: hold its lock shared while this command writes (and while its
        # editor is open), so that a sync elsewhere waits rather than overwrite it.
        from contextlib import ExitStack

        from weeknote.git.repository import writing

        held = ctx.meta[HELD] = ExitStack()
        held.enter_context(writing(store.root, exclusive=False))
    if config.git_autocommit and ctx.info_name in WRITING:
        commit_outside(ctx, store)
    return config, store


def _half_done(command: str | None, store: Any) -> str | None:
    """Before a command reads the notes: a sync that was cut off is finished or undone (and
    said); a rebase, merge or cherry-pick someone else left under way is said, and `new`
    will not write from half a history."""
    from weeknote.git import repository

    folder = repository.find_git_dir(store.root)
    if folder is None:
        return None
    if (folder / repository.SYNC_RECORD).exists():
        from weeknote.git.rebase import settle

        said = settle(store.root)
        if said:
            render.say(said + ".")
    busy = repository.in_progress(folder)
    if not busy or command == "sync":  # sync says it in its own words
        return None
    where = f"{busy} is in progress in {store.root}, and not weeknote's"
    if command == "new":
        raise ConflictError(
            f"{where}: the notes are half-way through it, so no note was written; finish it "
            "with git (git status says how), then weeknote new"
        )
    saved = ", and what this command writes is saved, not committed" if command in WRITING else ""
    render.say(
        f"Warning: {where}: the notes are read as they are half-way{saved}; finish it with "
        "git (git status says how)"
    )
    return busy


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
    import re

    if text.startswith("-") and not re.fullmatch(r"-\d+", text.strip()):
        raise UsageError(f"No such option: {text}. See the command's -h")


def read_range(first: str | None, last: str | None, config: Any) -> tuple[Any, Any]:
    """--from and --to as weeks (either may be ahead: a bound is no note), said once."""
    start, end = read_week(first, config, future=True), read_week(last, config, future=True)
    if start is not None or end is not None:
        render.resolved(render.range_text(start, end))
    return start, end


def read_span(text: str, config: Any, *, future: bool = False) -> tuple[Any, Any]:
    """A WEEK or a span of weeks (2026-W44..W45) as (first, last)."""
    from weeknote.weeks.parse import parse_span

    _not_an_option(text)
    return parse_span(text, current_day(), config.week_start, future=future)
