"""The configuration: a frozen Config, read with tomllib, written with tomli-w.

Precedence for every key: command-line flag > environment > config file > default.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from weeknote import paths
from weeknote.errors import ConfigError
from weeknote.weeks import WEEK_STARTS, WEEKDAYS

TITLE_STYLES = ("wc", "yearweek")


@dataclass(frozen=True)
class Config:
    """Effective settings, and where each one came from."""

    dir: Path
    week_start: str = "monday"
    cutoff_day: str = "wednesday"
    editor: str = ""
    template: str = "default"
    title_style: str = "wc"
    config_file: Path = Path("config.toml")
    sources: Mapping[str, str] = field(default_factory=dict)


# key: (type, allowed values or None, one-line description for `init` and `config`)
KEYS: dict[str, tuple[type, tuple[str, ...] | None, str]] = {
    "dir": (str, None, "the notes folder (WEEKNOTE_DIR and --dir override it)"),
    "week_start": (str, WEEK_STARTS, "the first day of a week"),
    "cutoff_day": (
        str,
        WEEKDAYS,
        "until this weekday, `new` writes up last week if it has no note yet",
    ),
    "editor": (str, None, "used when neither VISUAL nor EDITOR is set, e.g. 'code --wait'"),
    "template": (str, None, "the template `new` uses: 'default' or a file in <dir>/templates/"),
    "title_style": (str, TITLE_STYLES, "'wc' (Weeknote w/c 16 November) or 'yearweek' (2026.47)"),
}


def _key_line(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _where(path: Path, text: str, key: str) -> str:
    line = _key_line(text, key)
    return f"{path}, line {line}" if line else str(path)


def read_file(path: Path) -> dict[str, Any]:
    """The raw, validated table of a config file ({} when there is none)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except IsADirectoryError:
        raise ConfigError(
            f"config {path} is a folder, not a file: remove it or set WEEKNOTE_CONFIG"
        ) from None
    except OSError as exc:
        raise ConfigError(f"config {path} cannot be read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"config {path} is not UTF-8 text: save it as UTF-8") from None
    import tomllib

    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config {path}: {exc}: fix the TOML syntax there") from None
    for key, value in table.items():
        if key not in KEYS:
            raise ConfigError(
                f"config {_where(path, text, key)}: unknown key {key!r}; "
                f"valid keys are {', '.join(KEYS)}"
            )
        kind, allowed, _ = KEYS[key]
        if not isinstance(value, kind):
            raise ConfigError(
                f"config {_where(path, text, key)}: {key!r} must be a {kind.__name__}, "
                f"not {type(value).__name__}"
            )
        if allowed is not None and value not in allowed:
            raise ConfigError(
                f"config {_where(path, text, key)}: {key!r} is {value!r}; "
                f"use one of {', '.join(allowed)}"
            )
    return table


def load(dir_flag: Path | None = None, config_flag: Path | None = None) -> Config:
    """The effective Config: flag > env > file > default."""
    config_file = config_flag or paths.config_path()
    table = read_file(config_file)
    sources = {key: "default" for key in KEYS}
    values: dict[str, Any] = {}
    for key, value in table.items():
        values[key] = value
        sources[key] = f"file {config_file}"
    env_dir = os.environ.get("WEEKNOTE_DIR")
    if dir_flag is not None:
        notes_dir, sources["dir"] = dir_flag, "flag --dir"
    elif env_dir:
        notes_dir, sources["dir"] = Path(env_dir), "env WEEKNOTE_DIR"
    elif "dir" in values:
        notes_dir = Path(values["dir"])
    else:
        notes_dir = paths.default_notes_dir()
    values.pop("dir", None)
    return Config(
        dir=notes_dir.expanduser(),
        config_file=config_file,
        sources=sources,
        **values,
    )


def with_dir(config: Config, notes_dir: Path) -> Config:
    return replace(config, dir=notes_dir)


def public_items(config: Config) -> list[tuple[str, Any, str]]:
    """(key, value, source) for every configurable key, in a stable order."""
    names = {f.name for f in fields(config)}
    return [
        (key, str(getattr(config, key)) if key in names else None, config.sources.get(key, ""))
        for key in KEYS
    ]


def default_file_text(notes_dir: Path) -> str:
    """A commented config holding the defaults, written with tomli-w."""
    import tomli_w

    defaults = Config(dir=notes_dir)
    lines = ["# weeknote configuration: every key is optional.", ""]
    for key, (_, allowed, description) in KEYS.items():
        lines.append(f"# {description}")
        if allowed:
            lines.append(f"# one of: {', '.join(allowed)}")
        value = str(getattr(defaults, key))
        lines.append(tomli_w.dumps({key: value}).rstrip("\n"))
        lines.append("")
    return "\n".join(lines)
