"""The notes folder itself: `init`, `config` and `convert`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from weeknote import render
from weeknote.cli.core import JsonFlag, command, complete_key, examples
from weeknote.cli.flow import setup
from weeknote.errors import UsageError

if TYPE_CHECKING:
    from weeknote.folder.config import Config


@command(
    makes_folder=True,
    reads_notes=False,
    epilog=examples(
        "weeknote init", "weeknote init --git --remote git@example.org:me/weeknotes.git"
    ),
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
    from weeknote.folder.create import initialise

    if remote is not None and not git:
        raise UsageError("--remote goes with --git: weeknote init --git --remote URL")
    config, store = setup(ctx)
    for line in initialise(store, config, git, remote):
        render.say(line)
    render.path_line(store.root)


@command(
    "config",
    makes_folder=True,
    reads_notes=False,
    epilog=examples("weeknote config", "weeknote config cutoff_day tuesday"),
)
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
    from weeknote.folder import config as config_mod

    config, _ = setup(ctx)
    if value is not None and key == config_mod.FOLDER_REMOTE:
        from weeknote.git import repository

        url = config_mod.parse_value(key, value)
        before = repository.set_folder_remote(config.dir, url)
        was = f" (it was {before})" if before not in (None, url) else ""
        render.say(f"Set {key} for {config.dir}: its remote origin is {url} now{was}")
        return
    if value is not None and key is not None:
        stored = config_mod.set_key(config.config_file, key, value)
        render.say(f"Set {key} = {render.toml_value(stored)} in {config.config_file}")
        if key == "note.front_matter":
            render.say(
                f"New notes get {stored.upper()} front matter; to rewrite the notes already "
                f"written: weeknote convert --front-matter {stored}"
            )
        return
    items = [
        _folder_remote(config) if item[0] == config_mod.FOLDER_REMOTE else item
        for item in config_mod.effective(config)
    ]
    if key is not None:
        chosen = [item for item in items if item[0] == key]
        if not chosen:
            config_mod.parse_value(key, "")  # raises the unknown-key error with the valid keys
        items = chosen
    render.settings(items, config.config_file, json_out, only_value=key is not None)


def _folder_remote(config: Config) -> tuple[str, str, str]:
    """git.remote as `config` shows it: the folder's remote origin, else a user-wide value
    still read for it (said on stderr), else none."""
    from weeknote.folder.config import FOLDER_REMOTE
    from weeknote.git import repository

    url = repository.folder_remote(config.dir)
    if url:
        return FOLDER_REMOTE, url, f"git remote origin of {config.dir}"
    legacy = repository.user_remote(config.dir, config.git_remote)
    if legacy:
        render.say(
            repository.user_remote_note(config.dir, legacy, config.config_file, synced=False)
        )
        return FOLDER_REMOTE, legacy, f"file {config.config_file} (user-wide, from before)"
    return FOLDER_REMOTE, "", "default: the folder's repository has no remote"


@command(
    writes=True,
    epilog=examples("weeknote convert --front-matter yaml", "weeknote convert --front-matter toml"),
)
def convert(
    ctx: typer.Context,
    front_matter: Annotated[
        str | None,
        typer.Option(
            "--front-matter",
            metavar="KIND",
            help="yaml (---, as Obsidian and Jekyll read it) or toml (+++, as Hugo does).",
            autocompletion=lambda: ["toml", "yaml"],
            show_default=False,
        ),
    ] = None,
) -> None:
    """Rewrite every note's front matter as YAML or TOML, its body as it was.

    The keys and values stay, the body byte for byte; with git on, the notes are committed.
    Set note.front_matter too, for the notes weeknote writes from then on.
    """
    from weeknote.folder.convert import check_kind, convert

    if front_matter is None:
        raise UsageError("say which kind: weeknote convert --front-matter yaml (or toml)")
    kind = check_kind(front_matter)
    config, store = setup(ctx)
    render.converted(convert(store, kind), config.note_front_matter)
