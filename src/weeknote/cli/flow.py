"""The flow of one command through the Typer app, in the order it runs (ARCHITECTURE.md
lists the whole path, from the entry point on):

1. ``Group.parse_args``: ``-3`` read as "3 weeks ago" where the command reads a WEEK.
2. ``Group.invoke`` runs the command, whose body calls ``setup``: the config, the store,
   the Context; a sync that was cut off is settled, a rebase someone left is said; the
   folder's lock is taken and files changed by hand are committed, for a command that writes.
3. The command does its one job and hands the result to render.
4. ``finish``: the caches its reads refreshed are saved, what it read is said in full.
5. ``commit_written`` (git.autocommit): exactly the files it wrote are committed.
6. ``release``: the folder's lock is let go.
7. ``autosync`` (git.autosync): a command that writes is followed by a sync.
Every WeeknoteError on the way is one stderr line and its exit code (errors.py).

What a command is (writes in the folder, may make it, reads ``-N`` as weeks ago, can be run
again to finish) is declared on the command itself (``core.command``) as its Policy.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer
from typer._click.exceptions import UsageError as ClickUsageError
from typer._click.formatting import HelpFormatter, wrap_text
from typer.core import TyperGroup

from weeknote import render
from weeknote.cli.context import Context
from weeknote.errors import ConflictError, NoMatch, NotFoundError, WeeknoteError

CONTEXT = "weeknote.context"


class Policy:
    """What a command declares of itself (``core.command``)."""

    __slots__ = ("writes", "makes_folder", "weeks_ago", "reads_notes", "resumable", "every_command")

    def __init__(
        self,
        *,
        writes: bool = False,
        makes_folder: bool = False,
        weeks_ago: bool = False,
        reads_notes: bool = True,
        resumable: bool = False,
        every_command: bool = False,
    ) -> None:
        self.writes = writes  # writes in the notes folder: committed, locked, synced after
        self.makes_folder = makes_folder  # makes the notes folder if it is not there
        self.weeks_ago = weeks_ago  # its WEEK argument may be -3, "3 weeks ago"
        self.reads_notes = reads_notes  # reads the notes (a sync cut off is settled first)
        self.resumable = resumable  # stopped part-way, running it again finishes it
        self.every_command = every_command  # needs every command built (help names them)


PLAIN = Policy()


def declare(function: Callable[..., Any], policy: Policy) -> None:
    function.policy = policy  # type: ignore[attr-defined]


def policy_of(command: Any) -> Policy:
    """The Policy of a click command (or of a callback), the plain one if it declares none."""
    callback = getattr(command, "callback", command)
    found = getattr(callback, "policy", None)
    return found if isinstance(found, Policy) else PLAIN


def context_of(ctx: Any) -> Context:
    """The Context of the command ``ctx`` belongs to, made on first use."""
    meta = ctx.meta
    found = meta.get(CONTEXT)
    if found is None:
        found = meta[CONTEXT] = Context()
    return found  # type: ignore[no-any-return]


def _policy(ctx: Any) -> Policy:
    return policy_of(ctx.command)


class _HelpFormatter(HelpFormatter):
    """Click's help layout, except that where the column beside the options is too narrow
    to read (a narrow terminal), each option's help goes on the lines below it."""

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((len(first) for first, _ in rows), default=0), col_max)
        if self.width - first_col - col_spacing - 2 >= 20:
            super().write_dl(rows, col_max, col_spacing)
            return
        indent = " " * (self.current_indent + 4)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}\n")
            if second:
                width = max(self.width - len(indent), 10)
                self.write(wrap_text(second, width, indent, indent, preserve_paragraphs=True))
                self.write("\n")


class HelpContext(typer.Context):
    """The context of weeknote's group and commands: its help fits a narrow terminal."""

    formatter_class = _HelpFormatter


class Group(TyperGroup):
    """Runs a command through its flow (the module's docstring) and turns every
    WeeknoteError (and OS error) into one stderr line and an exit code."""

    context_class = HelpContext

    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
            finish(ctx)
            commit_written(ctx)
            release(ctx)
            if self._invoked_policy(ctx).writes:
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
            if self._invoked_policy(ctx).resumable:
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

    def _invoked_policy(self, ctx: Any) -> Policy:
        command = self.commands.get(ctx.invoked_subcommand or "")
        return policy_of(command) if command is not None else PLAIN

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        name = next((arg for arg in args if not arg.startswith("-")), None)
        command = self.commands.get(name or "")
        reads = command is not None and policy_of(command).weeks_ago
        return super().parse_args(ctx, weeks_ago(args, name, reads))

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in the order they are defined, not sorted

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except ClickUsageError as exc:
            if args and exc.message.startswith("No such command"):
                exc.message = unknown_command(args[0], list(self.commands))
            raise

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        """The help is as wide as the terminal (80 columns at most, as Click has it), however
        narrow: Click would take 50 columns at least. Each command's context inherits it."""
        from weeknote.text.layout import columns

        extra.setdefault("terminal_width", max(min(columns(), 80) - 2, 20))
        return super().make_context(info_name, args, parent=parent, **extra)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The commands, each with its summary whole (its help's first sentence), wrapped
        under itself: Click cuts them to fit one line, with "..."."""
        rows = []
        for name in self.list_commands(ctx):
            found = self.get_command(ctx, name)
            if found is not None and not found.hidden:
                rows.append((name, found.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


# Words people try for what a command does under another name, with what each does for it.
OTHER_WORDS: dict[str, tuple[tuple[str, str], ...]] = {
    "breaks": (("list", "shows them"), ("skip", "declares one")),
    "break": (("skip", "declares one"), ("list", "shows them")),
    "holiday": (("skip", "declares a week off"),),
    "add": (("bullet", "adds a bullet to today's draft"),),
    "write": (("new", "writes the week's note"),),
    "note": (("new", "writes the week's note"), ("show", "prints it")),
    "find": (("search", "finds notes and bullets by their words"),),
    "publish": (("export", "publishes the notes"), ("send", "emails one")),
    "email": (("send", "emails a note"),),
    "version": (("--version", "prints the version"),),
}


def unknown_command(word: str, names: list[str]) -> str:
    """What is said of a command that does not exist: the commands its word is another
    name for (OTHER_WORDS), else the commands it is a typo of."""
    said = f"No such command {word!r}"
    others = OTHER_WORDS.get(word.lower(), ())
    if others:
        return f"{said}: " + ", ".join(f"weeknote {name} {what}" for name, what in others) + "."
    from difflib import get_close_matches

    close = get_close_matches(word, names)
    return f"{said}. Did you mean {' or '.join(close[:2])}?" if close else f"{said}."


_WEEK_OPTIONS = frozenset({"--from", "--to"})
_VALUE_OPTIONS = frozenset({"--weeks", "-w", "--title", "-t", "--template", "--reason", "-r"})
WEEKS_AGO = re.compile(r"-(\d+)")


def weeks_ago(argv: list[str], name: str | None, positional: bool) -> list[str]:
    """``-3`` as ``3 weeks ago`` where a WEEK is read (the positional WEEK of a command whose
    policy says so, and --from/--to), so that any other token starting with - is an option,
    and an unknown one is reported as one."""
    out: list[str] = []
    after_name = False
    previous = ""
    for arg in argv:
        if arg == "--":
            out.extend(argv[len(out) :])
            break
        match = WEEKS_AGO.fullmatch(arg)
        if match and (
            previous in _WEEK_OPTIONS
            or (after_name and positional and previous not in _VALUE_OPTIONS)
        ):
            arg = f"{match.group(1)} weeks ago"
        if arg == name:
            after_name = True
        out.append(arg)
        previous = arg
    return out


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


# -- 2. set-up -------------------------------------------------------------------------------


def setup(ctx: typer.Context) -> tuple[Any, Any]:
    """The config and store of the command ``ctx`` runs, its Context filled in."""
    from weeknote.folder import config as config_mod
    from weeknote.folder.store import Store

    context = context_of(ctx)
    policy = _policy(ctx)
    config = context.config = config_mod.load(ctx.find_root().obj)
    store = context.store = Store(
        config.dir, config.week_start, written=context.written, caches=context.caches
    )
    source = config.sources.get("dir", "default")
    if not store.root.exists():
        if policy.makes_folder:
            context.new_folder = store.root  # said once it exists
        elif source != "default":  # a folder named by hand that is not there: a typo?
            raise NotFoundError(
                f"no notes folder at {store.root} (from {source}): check the path, or "
                "start one there with weeknote init"
            )
    if store.root.is_dir() and policy.reads_notes:
        context.half_done = _half_done(ctx.info_name, policy, store)
    if policy.writes and (store.root / ".git").exists():
        # A synced folder: hold its lock shared while this command writes (and while its
        # editor is open), so that a sync elsewhere waits rather than overwrite it.
        from contextlib import ExitStack

        from weeknote.git.repository import writing

        held = context.held = ExitStack()
        held.enter_context(writing(store.root, exclusive=False))
    if config.git_autocommit and policy.writes:
        commit_outside(context, store)
    return config, store


def _half_done(command: str | None, policy: Policy, store: Any) -> str | None:
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
    saved = ", and what this command writes is saved, not committed" if policy.writes else ""
    render.say(
        f"Warning: {where}: the notes are read as they are half-way{saved}; finish it with "
        "git (git status says how)"
    )
    return busy


# -- 4. to 7. the end ------------------------------------------------------------------------


def finish(ctx: Any) -> None:
    """After a command succeeded: save the caches its reads refreshed, say what it read in
    full, and which notes it left out because they cannot be read."""
    context = context_of(ctx)
    if context.caches:
        from weeknote.folder.index import save_caches

        save_caches(context.caches)
    while context.messages:
        render.say(context.messages.pop(0))
    folder = context.new_folder
    if folder is not None and folder.is_dir() and ctx.invoked_subcommand != "init":
        render.say(f"Created the notes folder {folder}.")
    if context.store is not None:
        for problem in context.store.problems():
            render.say(f"Warning: left out a note: {problem}")


def release(ctx: Any) -> None:
    """Let go of the folder's lock this command held, if it did."""
    context = context_of(ctx)
    held, context.held = context.held, None
    if held is not None:
        held.close()


def commit_written(ctx: Any, command: str | None = None) -> None:
    """With git.autocommit, commit exactly the files this command wrote in the notes folder
    since its last commit (``command`` names the commit: "bullet: 2026-11-22"). Whether the
    folder is a repository is asked first, once: outside one, what was written is not even
    looked at. The work is linear in the files written (an import writes thousands)."""
    context = context_of(ctx)
    config, everything = context.config, context.written
    if config is None or not config.git_autocommit:
        return
    start = context.committed
    context.committed = len(everything)
    if start >= len(everything) or not _in_repository(context, config.dir):
        return
    written = list(dict.fromkeys(everything[start:]))  # each once, in the order first written
    store = context.store
    if store is not None:  # an export written into the folder is not weeknote's to commit
        from weeknote.git.repository import is_own

        written = [path for path in written if is_own(store, path)]
    if written:
        name = command or ctx.invoked_subcommand or ctx.info_name or "weeknote"
        _commit(context, written, name)


def _in_repository(context: Context, root: Path) -> bool:
    """Whether ``root`` is in a git repository, found with a few stats and no git process
    (git itself is asked when there is one). git.autocommit asks for git: a missing one
    is said, once, as a failed commit is."""
    from weeknote.git import repository

    try:
        repository.require_git()
    except WeeknoteError as exc:
        _git_warning(context, exc)
        return False
    return repository.find_git_dir(root) is not None


def _commit(context: Context, paths: list[Path], command: str) -> None:
    from weeknote.git import repository

    config = context.config
    assert config is not None
    if context.half_done:
        return  # set-up said that nothing is committed until it is finished
    try:
        repository.commit(config.dir, paths, repository.subject(command, config.dir, paths))
    except WeeknoteError as exc:
        _git_warning(context, exc)


def _git_warning(context: Context, exc: WeeknoteError) -> None:
    """A failing git is a warning, said once a command: the files are saved either way."""
    if exc.message not in context.git_said:
        context.git_said.add(exc.message)
        render.say(f"Warning: {exc.message}")


def commit_outside(context: Context, store: Any) -> None:
    """Commit weeknote's files changed by hand since the last commit, before this command
    writes, so its own commit holds only what it did."""
    from weeknote.git import sync

    try:
        sync.commit_outside(store)
    except WeeknoteError as exc:
        _git_warning(context, exc)


def autosync(ctx: Any) -> None:
    """With git.autosync, sync after a command that writes, quietly; a failed sync is a
    warning (the write stands, and the next sync tries again)."""
    context = context_of(ctx)
    config, store = context.config, context.store
    if config is None or store is None or not config.git_autosync:
        return
    from weeknote.git import repository
    from weeknote.git.sync import sync

    if repository.git_dir(store.root) is None:
        return
    try:
        legacy = repository.user_remote(store.root, config.git_remote)
        if legacy:
            render.say(
                repository.user_remote_note(store.root, legacy, config.config_file, synced=True)
            )
        sync(store, legacy)
    except WeeknoteError as exc:
        render.say(f"Warning: not synced: {exc.message}")


def edit_and_commit(ctx: Any, paths: list[Path], command: list[str]) -> None:
    """Open ``paths`` in the editor; with git.autocommit, what the command wrote is committed
    before, and what the person changed in the editor after ("edit: 2026-W47")."""
    from weeknote.writing.editor import edit

    commit_written(ctx)
    before = {path: _contents(path) for path in paths}
    try:
        edit(paths, command)
    finally:
        changed = [path for path in paths if _contents(path) != before[path]]
        context = context_of(ctx)
        if changed and context.store is not None:
            from weeknote.writing.compose import stamp_updated

            for path in changed:  # a note keeps the moment it was changed (a draft does not)
                stamp_updated(context.store, path)
        if changed and context.config is not None and context.config.git_autocommit:
            _commit(context, changed, "edit")


def _contents(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None
