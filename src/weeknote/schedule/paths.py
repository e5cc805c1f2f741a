"""Where a user's own scheduled jobs live, from the environment (HOME, XDG_CONFIG_HOME,
LOCALAPPDATA): tests and other homes set them."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


def home(environ: Mapping[str, str]) -> Path:
    found = environ.get("HOME") or environ.get("USERPROFILE")
    return Path(found) if found else Path.home()


def config_home(environ: Mapping[str, str]) -> Path:
    found = environ.get("XDG_CONFIG_HOME", "")
    return Path(found) if found.startswith("/") else home(environ) / ".config"
