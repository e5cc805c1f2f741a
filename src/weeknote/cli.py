"""The command line: options and help text; each command calls one function and renders."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from weeknote import completion, render
from weeknote import export as export_formats
from weeknote.errors import NoMatch, UsageError, WeeknoteError

__all__ = ["app", "main"]


class _Group(TyperGroup):
    """Turns every WeeknoteError (and OS error) into one stderr line and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        already = _written()
        ctx.meta[_MARK] = len(already) if already is not None else 0
        try:
            result = super().invoke(ctx)
            _finish(ctx)
            _commit_written(ctx)
            _autosync(ctx)
            return result
        except typer.Exit as exc:
            if not exc.exit_code:
                _finish(ctx)
            raise
        except NoMatch as exc:
            _finish(ctx)
            render.say(exc.message)
            raise typer.Exit(exc.exit_code) from None
        except WeeknoteError as exc:
            render.error(exc.message)
            raise typer.Exit(exc.exit_code) from None
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            render.error(f"{where}{exc.strerror or exc}: check the path and its permissions")
            raise typer.Exit(1) from None
        finally:
            _commit_written(ctx)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in the order they are defined, not sorted


def _finish(ctx: Any) -> None:
    """After a command succeeded: save the index caches it refreshed, and say which notes
    it left out because they cannot be read."""
    index_module = sys.modules.get("weeknote.index")
    if index_module is not None:
        index_module.save_caches()
    render.said_resolved()
    store = ctx.meta.get(_STORE)
    if store is not None:
        for problem in store.problems():
            render.say(f"Warning: left out a note: {problem}")


def _written() -> list[Path] | None:
    """The files written so far in this process, if any write was ever possible."""
    files_module = sys.modules.get("weeknote.files")
    return None if files_module is None else files_module.WRITTEN


# Commands that write in the notes folder: with git.autocommit, files changed there by hand
# are committed first, in a commit of their own, and with git.autosync a sync follows.
WRITING = frozenset({"bullet", "new", "skip", "edit", "import"})


def _commit_written(ctx: Any, command: str | None = None) -> None:
    """With git.autocommit, commit exactly the files this command wrote in the notes folder
    since its last commit (``command`` names the commit: "bullet: 2026-11-22")."""
    config = ctx.meta.get(_CONFIG)
    everything = _written()
    if config is None or everything is None or not config.git_autocommit:
        return
    written = everything[ctx.meta.get(_MARK, 0) :]
    ctx.meta[_MARK] = len(everything)
    if written:
        name = command or ctx.invoked_subcommand or ctx.info_name or "weeknote"
        _commit(ctx, written, name)


def _commit(ctx: Any, paths: list[Path], command: str) -> None:
    from weeknote import gitsync

    config = ctx.meta[_CONFIG]
    try:
        gitsync.commit(config.dir, paths, gitsync.subject(command, config.dir, paths))
    except WeeknoteError as exc:
        _git_warning(ctx, exc)


def _git_warning(ctx: Any, exc: WeeknoteError) -> None:
    """A failing git is a warning, said once a command: the files are saved either way."""
    said = ctx.meta.setdefault(_GIT_SAID, set())
    if exc.message not in said:
        said.add(exc.message)
        render.say(f"Warning: {exc.message}")


def _commit_outside(ctx: Any, store: Any) -> None:
    """Commit weeknote's files changed by hand since the last commit, before this command
    writes, so its own commit holds only what it did."""
    from weeknote import sync

    try:
        sync.commit_outside(store)
    except WeeknoteError as exc:
        _git_warning(ctx, exc)


def _autosync(ctx: Any) -> None:
    """With git.autosync, sync after a writing command, quietly; a failed sync is a
    warning (the write stands, and the next sync tries again)."""
    config = ctx.meta.get(_CONFIG)
    store = ctx.meta.get(_STORE)
    if config is None or store is None or not config.git_autosync:
        return
    if ctx.invoked_subcommand not in WRITING:
        return
    from weeknote import gitsync
    from weeknote.sync import sync

    if gitsync.git_dir(store.root) is None:
        return
    try:
        sync(store, config.git_remote)
    except WeeknoteError as exc:
        render.say(f"Warning: not synced: {exc.message}")


def _edit_and_commit(ctx: Any, paths: list[Path], command: list[str]) -> None:
    """Open ``paths`` in the editor; with git.autocommit, what the command wrote is committed
    before, and what the person changed in the editor after ("edit: 2026-W47")."""
    from weeknote.editor import edit

    _commit_written(ctx)
    before = {path: _contents(path) for path in paths}
    try:
        edit(paths, command)
    finally:
        changed = [path for path in paths if _contents(path) != before[path]]
        config = ctx.meta.get(_CONFIG)
        if changed and config is not None and config.git_autocommit:
            _commit(ctx, changed, "edit")


def _contents(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


_CONFIG = "weeknote.config"
_STORE = "weeknote.store"
_MARK = "weeknote.committed"  # how many of the files written so far are committed
_GIT_SAID = "weeknote.git-warnings"

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

    config = config_mod.load(ctx.find_root().obj)
    ctx.meta[_CONFIG] = config
    store = ctx.meta[_STORE] = Store(config.dir, config.week_start)
    if config.git_autocommit and ctx.info_name in WRITING:
        _commit_outside(ctx, store)
    return config, store


def _completing_config(ctx: typer.Context) -> Any:
    """The config for the command line being completed. Completion parses the options but
    runs no callback, so a --dir before the command is in the root's params, not its obj;
    and it writes nothing, so it does not go through _setup."""
    from weeknote import config as config_mod

    return config_mod.load(ctx.find_root().params.get("notes_dir"))


def _complete_week(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """this, last, next and the last twelve week ids, each with its dates."""
    from weeknote.weeks import Week

    try:
        this = Week.of(_today(), _completing_config(ctx).week_start)
    except (WeeknoteError, OSError):
        return []
    weeks = [("this", this), ("last", this - 1), ("next", this + 1)]
    weeks += [((this - n).id, this - n) for n in range(12)]
    return [(word, render.week_text(week)) for word, week in weeks if word.startswith(incomplete)]


def _complete_template(ctx: typer.Context, incomplete: str) -> list[str]:
    from weeknote.store import Store

    try:
        config = _completing_config(ctx)
        names = Store(config.dir, config.week_start).template_names()
    except (WeeknoteError, OSError):
        names = ["default"]
    return [name for name in names if name.startswith(incomplete)]


def _complete_key(incomplete: str) -> list[str]:
    from weeknote.config import KEYS

    return [key for key in KEYS if key.startswith(incomplete)]


_WEEK_HELP = "this, last, next, -N, 2026-W47, 2026-11-18, '16 Nov'."
_JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON for programs.")]
_WeekArg = Annotated[
    str, typer.Argument(help=_WEEK_HELP, autocompletion=_complete_week, show_default=False)
]
_FromWeek = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="WEEK",
        help="The first week (any WEEK form).",
        autocompletion=_complete_week,
        show_default=False,
    ),
]
_ToWeek = Annotated[
    str | None,
    typer.Option(
        "--to",
        metavar="WEEK",
        help="The last week (any WEEK form).",
        autocompletion=_complete_week,
        show_default=False,
    ),
]
_TagOption = Annotated[
    str | None, typer.Option("--tag", help="Only notes with this #tag.", show_default=False)
]


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
    undo: Annotated[
        bool,
        typer.Option("--undo", help="Take back the newest bullet (of --date's day, if given)."),
    ] = False,
) -> None:
    """Add one bullet to today's draft.

    Example: weeknote bullet "Day with the waste team at Millfields"
    """
    from weeknote.capture import capture
    from weeknote.weeks import parse_date

    if undo:
        if text or section:
            raise UsageError("--undo takes back a bullet: give no text or --section with it")
        from weeknote.capture import take_back

        config, store = _setup(ctx)
        when = parse_date(day, _today()) if day else None
        render.took_back(*take_back(store, store.template(config.template), when), store)
        return
    words = text or []
    if words == ["-"]:
        texts = [line for line in _stdin_text().splitlines() if line.strip()]
        if not texts:
            raise UsageError("no bullets on stdin: give one bullet per line")
    else:
        texts = [" ".join(words)]
    config, store = _setup(ctx)
    when = parse_date(day, _today()) if day else _today()
    template = store.template(config.template)
    result = capture(store, template, when, texts, section, _today())
    render.captured(result, store)
    if any("#" in text for text in texts):  # only then: the hint reads the notes folder
        from weeknote.tags import typo_hints

        render.tag_hints(typo_hints(store, template.sections(), result.day, result.filed))


def _stdin_text() -> str:
    """Standard input as UTF-8 text; anything else is refused, not guessed at."""
    raw = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"standard input is not UTF-8 text (byte {exc.start}): convert it, e.g. with iconv"
        ) from None


# Commands taking a WEEK accept "-3" (three weeks ago): such a token is not an option.
WEEK_ARGS = {"ignore_unknown_options": True}


def _week(text: str | None, config: Any, *, future: bool = False) -> Any:
    """A WEEK argument as a Week (None stays None); an unknown option is named as one.
    Only with ``future`` may it name a week that has not started."""
    from weeknote.weeks import parse_week

    if text is None:
        return None
    if text.startswith("--"):
        raise UsageError(f"no such option: {text} (see --help)")
    return parse_week(text, _today(), config.week_start, future=future)


def _range(first: str | None, last: str | None, config: Any) -> tuple[Any, Any]:
    """--from and --to as weeks (either may be ahead: a bound is no note), said once."""
    start, end = _week(first, config, future=True), _week(last, config, future=True)
    if start is not None or end is not None:
        render.resolved(render.range_text(start, end))
    return start, end


def _span(text: str, config: Any, *, future: bool = False) -> tuple[Any, Any]:
    """A WEEK or a span of weeks (2026-W44..W45) as (first, last)."""
    from weeknote.weeks import parse_span

    if text.startswith("--"):
        raise UsageError(f"no such option: {text} (see --help)")
    return parse_span(text, _today(), config.week_start, future=future)


@app.command(context_settings=WEEK_ARGS)
def new(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Argument(
            help="this, last, next, -N, 2026-W47, 2026-11-18, '16 Nov'.",
            autocompletion=_complete_week,
            show_default=False,
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
        str | None,
        typer.Option(
            "--template",
            help="Template name in <dir>/templates/.",
            autocompletion=_complete_template,
        ),
    ] = None,
    no_edit: Annotated[bool, typer.Option("--no-edit", help="Do not open an editor.")] = False,
    update: Annotated[
        bool,
        typer.Option(
            "--update", help="Add bullets drafted since the note was written to the note."
        ),
    ] = False,
) -> None:
    """Write the week's note from the template and drafted bullets, then open it.

    With no WEEK, until the cut-off day (Wednesday) it writes up last week if that has
    no note yet. Prints the note's path. Example: weeknote new last --title "robots"
    """
    from weeknote.compose import compose
    from weeknote.editor import editor_command

    config, store = _setup(ctx)
    if update:
        from weeknote.compose import choose_week, update_note

        if weeks != 1 or title:
            raise UsageError("--update adds drafted bullets to a note: drop --weeks and --title")
        chosen = _span(week, config)[1] if week is not None else None
        if chosen is None:
            chosen = choose_week(store, _today(), config.cutoff_day, store.break_reasons())[0]
        changed = update_note(store, config, chosen, template)
        render.updated(changed, store)
        path = changed.path
    else:
        last = None
        if week is not None:
            first, last = _span(week, config)
            if first != last:
                if weeks not in (1, last.since(first) + 1):
                    raise UsageError(
                        f"{week!r} covers {last.since(first) + 1} weeks, not --weeks {weeks}"
                    )
                weeks = last.since(first) + 1
        result = compose(store, config, _today(), last, weeks, title, template)
        render.composed(result, store)
        if result.path is None:
            return
        path = result.path
    if not no_edit:
        command = editor_command(config.editor)
        if command:
            _edit_and_commit(ctx, [path], command)


@app.command("list")
def list_notes(
    ctx: typer.Context,
    json_out: _JsonFlag = False,
    tag: _TagOption = None,
) -> None:
    """List the notes, oldest first: week, dates, title, words.

    Example: weeknote list --tag waste --json
    """
    _, store = _setup(ctx)
    entries = store.scan(tag)
    written = {week for entry in store.scan() for week in entry.weeks}
    breaks = [found for found in store.breaks() if found.week not in written]
    render.notes(entries, store, json_out, tag, breaks)


@app.command()
def init(
    ctx: typer.Context,
    git: Annotated[
        bool, typer.Option("--git", help="Also make the folder a git repository and autocommit.")
    ] = False,
    remote: Annotated[
        str | None,
        typer.Option(
            "--remote",
            metavar="URL",
            help="With --git: the repository `weeknote sync` pulls from and pushes to.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Create the notes folder, a commented config and an editable copy of the template.

    Never overwrites a file that exists; in a clone of your notes, --git adopts it.
    Example: weeknote init --git --remote git@example.org:me/notes.git
    """
    from weeknote.bootstrap import initialise

    if remote is not None and not git:
        raise UsageError("--remote goes with --git: weeknote init --git --remote URL")
    config, store = _setup(ctx)
    for line in initialise(store, config, git, remote):
        render.say(line)
    render.path_line(store.root)


@app.command("config")
def config_command(
    ctx: typer.Context,
    key: Annotated[
        str | None,
        typer.Argument(
            help="A key to show or set.", autocompletion=_complete_key, show_default=False
        ),
    ] = None,
    value: Annotated[
        str | None, typer.Argument(help="The value to set.", show_default=False)
    ] = None,
    json_out: _JsonFlag = False,
) -> None:
    """Show the configuration and where each value comes from, or set one key.

    Example: weeknote config cutoff_day tuesday
    """
    from weeknote import config as config_mod

    config, _ = _setup(ctx)
    if value is not None and key is not None:
        stored = config_mod.set_key(config.config_file, key, value)
        render.say(f"Set {key} = {render.toml_value(stored)} in {config.config_file}")
        if key == "git.remote" and stored:
            from weeknote import gitsync

            if gitsync.git_dir(config.dir) is not None:
                gitsync.set_remote(config.dir, stored)
                render.say(f"The notes folder's remote origin is {stored} now.")
        return
    items = config_mod.effective(config)
    if key is not None:
        chosen = [item for item in items if item[0] == key]
        if not chosen:
            config_mod.parse_value(key, "")  # raises the unknown-key error with the valid keys
        items = chosen
    render.settings(items, config.config_file, json_out, only_value=key is not None)


@app.command()
def sync(ctx: typer.Context) -> None:
    """Commit what is pending, pull --rebase from the remote, and push.

    Drafts and breaks from two machines merge by themselves; a note changed on both
    stops the sync with both texts kept. Example: weeknote sync
    """
    from weeknote.sync import sync as run_sync

    config, store = _setup(ctx)
    render.synced(run_sync(store, config.git_remote))


@app.command()
def search(
    ctx: typer.Context,
    words: Annotated[list[str], typer.Argument(help="Words to find (all of them, any case).")],
    first: _FromWeek = None,
    last: _ToWeek = None,
    partial: Annotated[
        bool, typer.Option("--partial", help="Match inside words too: thing finds Something.")
    ] = False,
    json_out: _JsonFlag = False,
) -> None:
    """Find notes and drafted bullets holding the words; show the matching lines.

    Whole words, any case; exits 1 when nothing holds them, as grep does.
    Example: weeknote search waste team --from 2026-W40
    """
    from weeknote.search import search as find

    config, store = _setup(ctx)
    start, end = _range(first, last, config)
    query = " ".join(words)
    hits = find(store, query, start, end, partial)
    render.search_hits(query, hits, json_out)
    if not hits:
        raise NoMatch(f"No note or draft holds {query!r}.")


@app.command()
def tags(
    ctx: typer.Context,
    first: _FromWeek = None,
    last: _ToWeek = None,
    json_out: _JsonFlag = False,
) -> None:
    """Count the #tags of notes and drafted bullets: in how many weeks, and the last week.

    Most used first. Example: weeknote tags --from 2026-W40 --json
    """
    from weeknote.tags import tag_uses

    config, store = _setup(ctx)
    start, end = _range(first, last, config)
    sections = store.template(config.template).sections()
    render.tags_used(tag_uses(store, sections, start, end), json_out, ranged=bool(first or last))


@app.command()
def streak(
    ctx: typer.Context,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Count as of this day (default today).", show_default=False),
    ] = None,
    json_out: _JsonFlag = False,
) -> None:
    """Show the current and longest streaks, a calendar of written weeks and the gaps.

    Example: weeknote streak --as-of 2026-11-05
    """
    from weeknote.status import streak_report
    from weeknote.weeks import parse_date

    config, store = _setup(ctx)
    today = _today()
    when = parse_date(as_of, today) if as_of else today
    report = streak_report(store, when, config.cutoff_day)
    render.streak(report, store, json_out, as_of_given=as_of is not None)


@app.command(context_settings=WEEK_ARGS)
def skip(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Argument(
            help=f"The week off (default this week): {_WEEK_HELP}",
            autocompletion=_complete_week,
            show_default=False,
        ),
    ] = None,
    reason: Annotated[str, typer.Option("--reason", "-r", help="Why, e.g. holiday.")] = "",
    undo: Annotated[
        bool, typer.Option("--undo", help="Remove WEEK from the breaks instead.")
    ] = False,
) -> None:
    """Declare a week a break: it neither counts toward a streak nor breaks it.

    Example: weeknote skip next --reason holiday; weeknote skip --undo 2026-W41
    """
    if undo and week is None:
        raise UsageError("say which week to undo, e.g. weeknote skip --undo 2026-W41")
    if undo and reason:
        raise UsageError("--reason goes with declaring a break, not with --undo")
    config, store = _setup(ctx)
    from weeknote.weeks import week_range

    first, last = _span(week or "this", config, future=True)  # a break may be planned ahead
    for chosen in week_range(first, last):
        if undo:
            render.unskipped(store.remove_break(chosen))
        else:
            render.skipped(*store.add_break(chosen, reason))


@app.command()
def status(
    ctx: typer.Context,
    json_out: _JsonFlag = False,
) -> None:
    """Show the week `new` would write now: its note, drafted bullets and the streak.

    Example: weeknote status --json
    """
    from weeknote.status import week_status

    config, store = _setup(ctx)
    render.status(week_status(store, config, _today()), store, json_out)


_OptionalWeekArg = Annotated[
    str | None,
    typer.Argument(
        help=f"{_WEEK_HELP} Default: this week.", autocompletion=_complete_week, show_default=False
    ),
]


@app.command(context_settings=WEEK_ARGS)
def show(
    ctx: typer.Context,
    week: _OptionalWeekArg = None,
) -> None:
    """Print the week's note (rendered in a terminal, its text when piped), or else the
    bullets drafted for it, by section and day.

    Example: weeknote show; weeknote show last | less
    """
    from weeknote.status import week_view

    config, store = _setup(ctx)
    view = week_view(store, config, _span(week or "this", config)[1])
    if week is not None and view.note is None and not view.sections and view.break_reason is None:
        store.note_for(view.week)  # nothing at all for a week named: say so, as an error
    render.week_page(view, store)


@app.command(context_settings=WEEK_ARGS)
def edit(
    ctx: typer.Context,
    week: _OptionalWeekArg = None,
    drafts: Annotated[
        bool, typer.Option("--drafts", help="Open the week's draft files instead of its note.")
    ] = False,
) -> None:
    """Open the note covering WEEK (or with --drafts its drafted days) in the editor, and
    print the paths.

    Example: weeknote edit 2026-W47; weeknote edit --drafts
    """
    from weeknote.editor import required_command

    config, store = _setup(ctx)
    chosen = _span(week or "this", config)[1]
    paths = store.draft_files(chosen) if drafts else [store.note_for(chosen)]
    command = required_command(paths, config.editor)
    what = "the drafts of" if drafts else "the note for"
    render.say(f"Opening {what} {render.week_text(chosen)}.")
    for path in paths:
        render.path_line(path)
    _edit_and_commit(ctx, paths, command)


@app.command(epilog=export_formats.formats_epilog(), context_settings=WEEK_ARGS)
def export(
    ctx: typer.Context,
    format_name: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            autocompletion=lambda: list(export_formats.FORMATS),
            help=export_formats.format_help(),
        ),
    ] = "md",
    first: _FromWeek = None,
    last: _ToWeek = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="File to write (default stdout); the folder for site and hugo.",
            show_default=False,
        ),
    ] = None,
    base_url: Annotated[
        str,
        typer.Option(
            "--base-url", metavar="URL", help="site: the URL it will live at, for the feed's links."
        ),
    ] = "",
    tag: _TagOption = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace files in --output that the export did not write."),
    ] = False,
) -> None:
    """Publish the notes as Markdown, text, JSON, an HTML page, a static site or Hugo content.

    Newest note first. Example: weeknote export --format site --output site --from 2026-W01
    """
    from weeknote.publish import Request, export_notes

    config, store = _setup(ctx)
    start, end = _range(first, last, config)
    request = Request(
        format=format_name,
        first=start,
        last=end,
        output=output,
        base_url=base_url,
        force=force,
        tag=tag,
    )
    render.exported(export_notes(store, request, render.progress))


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


def _refuse_undecodable(argv: list[str]) -> None:
    """Arguments that were not UTF-8 reach Python as lone surrogates: stop with one line
    before anything can be written with them."""
    for number, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            render.error(
                f"argument {number} ({shown!r}) is not UTF-8 text: check the terminal's "
                "encoding (LANG, LC_ALL)"
            )
            raise SystemExit(2) from None


def main() -> None:
    """Entry point. Typer builds every command's parser before running one; building only
    the command that was asked for keeps start-up flat as commands are added (`bullet` is
    run many times a day). Help, completion and typos still see every command."""
    import copy

    _refuse_undecodable(sys.argv[1:])
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
