"""Every default location, in one place.

On Linux and the BSDs the locations follow the XDG rules directly (``$XDG_CONFIG_HOME``,
``$XDG_CACHE_HOME``, ``$XDG_DOCUMENTS_DIR`` when absolute, else under an absolute ``$HOME``),
which costs nothing to work out; anything less plain (another platform, no usable ``HOME``,
a ``user-dirs.dirs`` file naming the documents folder) is left to platformdirs.

Each place is worked out as text (``*_text``) and handed out as a Path: the capture path
uses the text and never imports pathlib, which would cost it more than all its work.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

APP = "weeknote"
_XDG = sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))


def normal(text: str) -> str:
    """A path as ``str(Path(text))`` spells it: as it is when that is plain to see (no
    empty or ``.`` part, no trailing slash), else through pathlib."""
    if os.sep == "/" and text:
        parts = text.split("/")
        if all(part not in ("", ".") for part in (parts[1:] if parts[0] == "" else parts)):
            return text
    from pathlib import Path

    return str(Path(text))


def _home() -> str | None:
    """An absolute ``$HOME`` with no trailing slash, or None (then platformdirs decides)."""
    home = os.environ.get("HOME", "")
    if not home.startswith("/"):
        return None
    return home.rstrip("/") or None


def _xdg(variable: str, default: str) -> str | None:
    """An XDG base folder as platformdirs finds it, when that is plain to see."""
    value = os.environ.get(variable, "")
    if value.startswith("/"):
        return value
    home = _home()
    return f"{home}/{default}" if home else None


def _user_dir(variable: str, default: str) -> str:
    """``~/.config/weeknote``-style folder ``variable``/``default`` says, through platformdirs
    where the plain rule does not settle it."""
    base = _xdg(variable, default) if _XDG else None
    if base is not None:
        return f"{base}/{APP}"
    import platformdirs

    kind = "config" if variable == "XDG_CONFIG_HOME" else "cache"
    return str(getattr(platformdirs, f"user_{kind}_dir")(APP))


def config_path_text() -> str:
    """``WEEKNOTE_CONFIG`` if set (``~`` expanded), else the platform's config file."""
    env = os.environ.get("WEEKNOTE_CONFIG")
    if env:
        plain = normal(env)  # "./~/c.toml" is "~/c.toml" to pathlib too
        expanded = os.path.expanduser(plain) if plain.startswith("~") else plain
        if expanded.startswith("~"):  # "~someone" with no such user
            from weeknote.errors import ConfigError

            raise ConfigError(
                f"WEEKNOTE_CONFIG is {env!r}, but {plain.split('/', 1)[0]} names no home folder "
                "here: write the full path"
            ) from None
        return expanded
    return os.path.join(_user_dir("XDG_CONFIG_HOME", ".config"), "config.toml")


def config_path() -> Path:
    """``WEEKNOTE_CONFIG`` if set, else the platform's config folder."""
    from pathlib import Path

    return Path(config_path_text())


def cache_dir() -> Path:
    """The platform's cache folder for weeknote (derived data only: safe to delete)."""
    from pathlib import Path

    return Path(_user_dir("XDG_CACHE_HOME", ".cache"))


def _documents() -> str | None:
    """The documents folder, when no ``user-dirs.dirs`` file has a say in it."""
    config, home = _xdg("XDG_CONFIG_HOME", ".config") if _XDG else None, _home()
    if config is None or home is None or os.path.lexists(f"{config}/user-dirs.dirs"):
        return None
    named = os.environ.get("XDG_DOCUMENTS_DIR", "")
    return named if named.startswith("/") else f"{home}/Documents"


def default_notes_dir_text() -> str:
    documents = _documents()
    if documents is None:
        import platformdirs

        documents = str(platformdirs.user_documents_path())
    return os.path.join(documents, "weeknotes")


def default_notes_dir() -> Path:
    from pathlib import Path

    return Path(default_notes_dir_text())


def _folder_key(notes_dir: Path | str) -> str:
    """A short name for a notes folder: the same folder, however it is spelt, has one key."""
    import zlib

    raw = os.fsencode(os.path.realpath(notes_dir))
    return f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"


def summary_path(notes_dir: str) -> str:
    """Where the summary `bullet` reads of a notes folder is kept (safe to delete); as text,
    since the capture path never imports pathlib."""
    return f"{_user_dir('XDG_CACHE_HOME', '.cache')}{os.sep}summary-{_folder_key(notes_dir)}.txt"


def index_cache_path(notes_dir: Path) -> Path:
    """Where the derived index of a notes folder is cached (safe to delete)."""
    return cache_dir() / f"index-{_folder_key(notes_dir)}.json"


def words_cache_path(notes_dir: Path) -> Path:
    """Where the words of a notes folder's notes are cached, for search (safe to delete)."""
    return cache_dir() / f"words-{_folder_key(notes_dir)}.txt"


def json_records_path(notes_dir: Path) -> Path:
    """Where each note's record in the JSON export is cached (safe to delete)."""
    return cache_dir() / f"records-{_folder_key(notes_dir)}.txt"


def export_record_path(folder: Path) -> Path:
    """Where what each file of the export in ``folder`` was made from is kept, so a
    re-export makes only what changed (safe to delete: the next export makes every file
    again and compares)."""
    return cache_dir() / f"export-{_folder_key(folder)}.txt"


def lock_path(notes_dir: Path, name: str) -> Path:
    """A lock file for changes to a notes folder's ``name``, beside its index cache: locks
    are for processes on this machine, so they stay out of the (synced) notes folder."""
    return cache_dir() / f"{name}-{_folder_key(notes_dir)}.lock"
