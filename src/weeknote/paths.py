"""Every default location, in one place."""

from __future__ import annotations

import os
from pathlib import Path

APP = "weeknote"


def config_path() -> Path:
    """``WEEKNOTE_CONFIG`` if set, else the platform's config folder."""
    env = os.environ.get("WEEKNOTE_CONFIG")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_config_path(APP) / "config.toml"


def default_notes_dir() -> Path:
    import platformdirs

    return platformdirs.user_documents_path() / "weeknotes"


def index_cache_path(notes_dir: Path) -> Path:
    """Where the derived index of a notes folder is cached (safe to delete)."""
    import hashlib

    import platformdirs

    key = hashlib.sha1(str(notes_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return platformdirs.user_cache_path(APP) / f"index-{key}.json"
