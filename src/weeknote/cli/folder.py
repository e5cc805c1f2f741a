"""The notes folder itself: `init`, `config`, `sync`."""

from __future__ import annotations

from typing import Annotated

import typer

from weeknote import render
from weeknote.cli.core import JsonFlag, app, complete_key, examples, setup
from weeknote.errors import ConflictError, UsageError


@app.command(
    epilog=examples(
        "weeknote init", "weeknote init --git --remote git@example.org:me/weeknotes.git"
    )
)
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

    """
    from weeknote.bootstrap import initialise

    if remote is not None and not git:
        raise UsageError("--remote goes with --git: weeknote init --git --remote URL")
    config, store = setup(ctx)
    for line in initialise(store, config, git, remote):
        render.say(line)
    render.path_line(store.root)


@app.command("config", epilog=examples("weeknote config", "weeknote config cutoff_day tuesday"))
def config_command(
    ctx: typer.Context,
    key: Annotated[
        str | None,
        typer.Argument(
            help="A key to show or set.",
            metavar="[KEY]",
            autocompletion=complete_key,
            show_default=False,
        ),
    ] = None,
    value: Annotated[
        str | None, typer.Argument(help="The value to set.", metavar="[VALUE]", show_default=False)
    ] = None,
    json_out: JsonFlag = False,
) -> None:
    """Show the configuration and where each value comes from, or set one key."""
    from weeknote import config as config_mod

    config, _ = setup(ctx)
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


@app.command(epilog=examples("weeknote sync", "weeknote config git.autosync true"))
def sync(ctx: typer.Context) -> None:
    """Commit what is pending, pull --rebase from the remote, and push.

    Drafts and breaks from two machines merge by themselves; a note changed on both
    stops the sync with both texts kept. A sync cut off (Ctrl-C, a kill) is undone, then
    or by the next weeknote command, and never loses a line.
    """
    from weeknote.sync import sync as run_sync

    config, store = setup(ctx)
    result = run_sync(store, config.git_remote)
    render.synced(result)
    if result.left_out:
        raise typer.Exit(ConflictError.exit_code)
