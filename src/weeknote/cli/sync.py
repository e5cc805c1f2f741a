"""`weeknote sync`: the notes folder's repository and its remote, kept alike."""

from __future__ import annotations

import typer

from weeknote import render
from weeknote.cli.core import command, examples
from weeknote.cli.flow import setup
from weeknote.errors import ConflictError


@command(epilog=examples("weeknote sync", "weeknote config git.autosync true"))
def sync(ctx: typer.Context) -> None:
    """Commit what is pending, pull --rebase from the remote, and push.

    Drafts and breaks from two machines merge by themselves; a note changed on both
    stops the sync with both texts kept. A sync cut off (Ctrl-C, a kill) is undone, then
    or by the next weeknote command, and never loses a line.
    """
    from weeknote.git import repository
    from weeknote.git.sync import sync as run_sync

    config, store = setup(ctx)
    legacy = repository.user_remote(store.root, config.git_remote)
    if legacy:
        render.say(repository.user_remote_note(store.root, legacy, config.config_file, synced=True))
    result = run_sync(store, legacy)
    render.synced(result)
    if result.left_out:
        raise typer.Exit(ConflictError.exit_code)
