"""Every default location, in one place."""

from __future__ import annotations

import os
from pathlib import Path

APP = "weeknote"


def config_path() -> Path:
    """``WEEKNOTE_CONFIG`` if set, else the platform's config folder."""
    env = os.environ.get("WEEKNOTE_CONFIG")
    if env:
        try:
            return Path(env).expanduser()
        except RuntimeError:  # "~someone" with no such user
            from weeknote.errors import ConfigError

            raise ConfigError(
                f"WEEKNOTE_CONFIG is {env!r}, but {env.split('/', 1)[0]} names no home folder "
                "here: write the full path"
            ) from None
    import platformdirs

    return platformdirs.user_config_path(APP) / "config.toml"


def default_notes_dir() -> Path:
    import platformdirs

    return platformdirs.user_documents_path() / "weeknotes"


def _folder_key(notes_dir: Path) -> str:
    import hashlib

    return hashlib.sha1(os.fsencode(notes_dir.resolve())).hexdigest()[:16]


def index_cache_path(notes_dir: Path) -> Path:
    """Where the derived index of a notes folder is cached (safe to delete)."""
    import platformdirs

    return platformdirs.user_cache_path(APP) / f"index-{_folder_key(notes_dir)}.json"


def export_record_path(folder: Path) -> Path:
    """Where what each file of the export in ``folder`` was made from is kept, so a
    re-export makes only what changed (safe to delete: the next export makes every file
    again and compares)."""
    import platformdirs

    return platformdirs.user_cache_path(APP) / f"export-{_folder_key(folder)}.txt"


def lock_path(notes_dir: Path, name: str) -> Path:
    """A lock file for changes to a notes folder's ``name``, beside its index cache: locks
    are for processes on this machine, so they stay out of the (synced) notes folder."""
    import platformdirs

    return platformdirs.user_cache_path(APP) / f"{name}-{_folder_key(notes_dir)}.lock"
