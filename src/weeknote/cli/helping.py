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
