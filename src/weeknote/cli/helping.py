"""`weeknote help [COMMAND]`: the help of weeknote, or of one of its commands."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from weeknote import render
from weeknote.cli.core import command, examples
from weeknote.errors import UsageError


def complete_command(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The commands, each with its summary."""
    root = ctx.find_root()
    group: Any = root.command
    return [
        (name, group.get_command(root, name).get_short_help_str())
        for name in group.list_commands(root)
        if name.startswith(incomplete)
    ]


def help_text(ctx: typer.Context, name: str | None) -> str:
    """What ``weeknote NAME --help`` prints (``weeknote --help`` without a NAME)."""
    root = ctx.find_root()
    if name is None:
        return root.get_help()
    group: Any = root.command
    found = group.get_command(root, name)
    if found is None:
        names = ", ".join(group.list_commands(root))
        raise UsageError(f"no command {name!r}: the commands are {names}")
    with found.make_context(name, [], parent=root, resilient_parsing=True) as shown:
        return str(found.get_help(shown))


@command(
    "help",
    reads_notes=False,
    every_command=True,
    epilog=examples("weeknote help", "weeknote help new"),
)
def help_command(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            help="A command, whose help is shown as weeknote COMMAND --help shows it.",
            metavar="[COMMAND]",
            autocompletion=complete_command,
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show the help of weeknote, or of one command."""
    render.data(help_text(ctx, name))


# What the manual says of the program's files and environment, beside what the commands say.
MAN_FILES = (
    (
        "~/.config/weeknote/config.toml",
        "the config file ($WEEKNOTE_CONFIG, else config.toml in the platform's config folder, "
        "under $XDG_CONFIG_HOME on Linux)",
    ),
    (
        "~/Documents/weeknotes/",
        "the notes folder (--dir, $WEEKNOTE_DIR or config dir; under $XDG_DOCUMENTS_DIR): "
        "a note a week, 2026-W47.md; drafts/ holds each day's captured bullets, templates/ "
        "the templates, breaks.toml the declared breaks",
    ),
    (
        "~/.cache/weeknote/",
        "derived data, safe to delete: the index of the notes, the folder's summary and the "
        "record of each export (under $XDG_CACHE_HOME)",
    ),
)
MAN_ENVIRONMENT = (
    ("WEEKNOTE_DIR", "the notes folder (--dir beats it; it beats config dir)"),
    ("WEEKNOTE_CONFIG", "the config file"),
    ("WEEKNOTE_TODAY", "a day (2026-11-20) to act as if it were today, for scripts and tests"),
    (
        "WEEKNOTE_SMTP_PASSWORD",
        "the password send logs in with (the variable config smtp.password_env names)",
    ),
    ("VISUAL, EDITOR", "the editor new and edit open (else config editor)"),
    ("NO_COLOR", "set: no colour"),
    ("XDG_CONFIG_HOME, XDG_DOCUMENTS_DIR, XDG_CACHE_HOME", "where the files above are"),
)


def manual(ctx: typer.Context) -> Any:
    """weeknote(1)'s contents, from the commands as they are built: their help, arguments,
    options and examples, the config keys and the exit codes."""
    from importlib.metadata import version

    from weeknote.folder.config import KEYS
    from weeknote.text import manpage

    root = ctx.find_root()
    group: Any = root.command

    def params(command: Any, context: Any) -> tuple[manpage.Param, ...]:
        found = []
        for param in command.get_params(context):
            if getattr(param, "hidden", False) or param.name == "help":
                continue
            if param.param_type_name == "argument":
                name = param.make_metavar(context).strip("[]").rstrip(".")
                found.append(manpage.Param((name,), "", param.help or ""))
            else:
                metavar = "" if param.is_flag else param.make_metavar(context)
                names = tuple(param.opts) + tuple(param.secondary_opts)
                found.append(manpage.Param(names, metavar, param.help or ""))
        return tuple(found)

    commands = []
    for name in group.list_commands(root):
        command = group.get_command(root, name)
        with command.make_context(name, [], parent=root, resilient_parsing=True) as context:
            usage = " ".join(command.collect_usage_pieces(context))
            commands.append(
                manpage.Command(
                    name, usage, command.help or "", params(command, context), command.epilog or ""
                )
            )
    keys = tuple(
        (key, spec.help + (f" (one of: {', '.join(spec.allowed)})" if spec.allowed else ""))
        for key, spec in KEYS.items()
    )
    return manpage.Manual(
        version=version("weeknote"),
        summary=group.help or "",
        options=params(group, root),
        commands=tuple(commands),
        keys=keys,
        exit_codes=exit_codes(),
        files=MAN_FILES,
        environment=MAN_ENVIRONMENT,
        see_also="git(1); the README at https://github.com/weeknote/weeknote",
    )


def exit_codes() -> tuple[tuple[int, str], ...]:
    """Each exit code and what it means, from the errors that exit with it (errors.py)."""
    from weeknote import errors

    meanings: dict[int, list[str]] = {0: ["done"]}
    waiting = list(errors.WeeknoteError.__subclasses__())
    while waiting:
        kind = waiting.pop(0)
        waiting += kind.__subclasses__()
        first = " ".join((kind.__doc__ or "").split("\n\n")[0].replace("``", "").split())
        said = first.split(". ")[0].split(": exit")[0].rstrip(".")
        meanings.setdefault(kind.exit_code, [])
        if said and said not in meanings[kind.exit_code]:
            meanings[kind.exit_code].append(said[:1].lower() + said[1:])
    meanings[130] = ["interrupted (Ctrl-C, or SIGTERM during a sync)"]
    return tuple((code, "; ".join(said)) for code, said in sorted(meanings.items()))


@command(
    "man",
    reads_notes=False,
    every_command=True,
    epilog=examples(
        "weeknote man | man -l -",
        "weeknote man > ~/.local/share/man/man1/weeknote.1",
    ),
)
def man_command(ctx: typer.Context) -> None:
    """Show weeknote's manual page, made from the commands' help (roff when piped)."""
    from weeknote.text.manpage import page

    render.manual(page(manual(ctx)))
