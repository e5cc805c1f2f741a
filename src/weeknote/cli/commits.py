"""With git.autocommit: what each command wrote is committed, editor edits after the
editor exits, files changed by hand before the command writes; with git.autosync, a sync
after. A failing git is one warning a command and never undoes a write."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from weeknote import render
from weeknote.errors import WeeknoteError


def written_so_far() -> list[Path] | None:
    """The files written so far in this process, if any write was ever possible."""
    files_module = sys.modules.get("weeknote.folder.files")
    return None if files_module is None else files_module.WRITTEN


# Commands that write in the notes folder: with git.autocommit, files changed there by hand
# are committed first, in a commit of their own, and with git.autosync a sync follows.
WRITING = frozenset({"bullet", "new", "skip", "edit", "import", "send"})


CONFIG = "weeknote.folder.config"


STORE = "weeknote.folder.store"


MARK = "weeknote.committed"  # how many of the files written so far are committed


_GIT_SAID = "weeknote.git-warnings"

HALF_DONE = "weeknote.half-done"  # a rebase, merge, … someone left under way: said at set-up


def commit_written(ctx: Any, command: str | None = None) -> None:
    """With git.autocommit, commit exactly the files this command wrote in the notes folder
    since its last commit (``command`` names the commit: "bullet: 2026-11-22"). Whether the
    folder is a repository is asked first, once: outside one, what was written is not even
    looked at. The work is linear in the files written (an import writes thousands)."""
    config = ctx.meta.get(CONFIG)
    everything = written_so_far()
    if config is None or everything is None or not config.git_autocommit:
        return
    start = ctx.meta.get(MARK, 0)
    ctx.meta[MARK] = len(everything)
    if start >= len(everything) or not _in_repository(ctx, config.dir):
        return
    written = list(dict.fromkeys(everything[start:]))  # each once, in the order first written
    store = ctx.meta.get(STORE)
    if store is not None:  # an export written into the folder is not weeknote's to commit
        from weeknote.git.repository import is_own

        written = [path for path in written if is_own(store, path)]
    if written:
        name = command or ctx.invoked_subcommand or ctx.info_name or "weeknote"
        _commit(ctx, written, name)


def _in_repository(ctx: Any, root: Path) -> bool:
    """Whether ``root`` is in a git repository, found with a few stats and no git process
    (git itself is asked when there is one). git.autocommit asks for git: a missing one
    is said, once, as a failed commit is."""
    from weeknote.git import repository

    try:
        repository.require_git()
    except WeeknoteError as exc:
        _git_warning(ctx, exc)
        return False
    return repository.find_git_dir(root) is not None


def _commit(ctx: Any, paths: list[Path], command: str) -> None:
    from weeknote.git import repository

    config = ctx.meta[CONFIG]
    if ctx.meta.get(HALF_DONE):
        return  # set-up said that nothing is committed until it is finished
    try:
        repository.commit(config.dir, paths, repository.subject(command, config.dir, paths))
    except WeeknoteError as exc:
        _git_warning(ctx, exc)


def _git_warning(ctx: Any, exc: WeeknoteError) -> None:
    """A failing git is a warning, said once a command: the files are saved either way."""
    said = ctx.meta.setdefault(_GIT_SAID, set())
    if exc.message not in said:
        said.add(exc.message)
        render.say(f"Warning: {exc.message}")


def commit_outside(ctx: Any, store: Any) -> None:
    """Commit weeknote's files changed by hand since the last commit, before this command
    writes, so its own commit holds only what it did."""
    from weeknote.git import sync

    try:
        sync.commit_outside(store)
    except WeeknoteError as exc:
        _git_warning(ctx, exc)


def autosync(ctx: Any) -> None:
    """With git.autosync, sync after a writing command, quietly; a failed sync is a
    warning (the write stands, and the next sync tries again)."""
    config = ctx.meta.get(CONFIG)
    store = ctx.meta.get(STORE)
    if config is None or store is None or not config.git_autosync:
        return
    if ctx.invoked_subcommand not in WRITING:
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
        config = ctx.meta.get(CONFIG)
        if changed and config is not None and config.git_autocommit:
            _commit(ctx, changed, "edit")


def _contents(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None
