"""The reminder as a launchd agent on macOS: ~/Library/LaunchAgents/org.weeknote.remind.plist
(StartCalendarInterval: a weekday, an hour and a minute), loaded into the user's session with
``launchctl bootstrap``, where ``osascript`` can show a notification."""

from __future__ import annotations

import plistlib
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from weeknote.folder.files import write_atomic
from weeknote.schedule.job import At, Installed, Job, failed, program
from weeknote.schedule.paths import home

NAME = "launchd"
LABEL = "launchd agent"
AGENT = "org.weeknote.remind"
_LAUNCHD_DAY = (1, 2, 3, 4, 5, 6, 0)  # from Sunday, as cron


def plist_path(environ: Mapping[str, str]) -> Path:
    return home(environ) / "Library" / "LaunchAgents" / f"{AGENT}.plist"


def available(environ: Mapping[str, str]) -> bool:
    return shutil.which("launchctl", path=environ.get("PATH")) is not None


def plist_bytes(job: Job) -> bytes:
    return plistlib.dumps(
        {
            "Label": AGENT,
            "ProgramArguments": list(job.argv),
            "EnvironmentVariables": dict(job.env),
            "StartCalendarInterval": {
                "Weekday": _LAUNCHD_DAY[job.at.weekday],
                "Hour": job.at.hour,
                "Minute": job.at.minute,
            },
            "ProcessType": "Background",
        }
    )


def _domain(environ: Mapping[str, str]) -> str:
    import os

    return f"gui/{os.getuid()}" if hasattr(os, "getuid") else "gui"


def install(job: Job, environ: Mapping[str, str]) -> Installed:
    """Write the agent and load it, in place of one loaded before."""
    path = plist_path(environ)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        program(["launchctl", "bootout", _domain(environ), str(path)], environ)
    write_atomic(path, plist_bytes(job), overwrite=True)
    done = program(["launchctl", "bootstrap", _domain(environ), str(path)], environ)
    if done.returncode != 0:
        raise failed(done, f"the agent is written at {path}: load it with launchctl bootstrap")
    found = installed(environ)
    assert found is not None
    return found


def installed(environ: Mapping[str, str]) -> Installed | None:
    path = plist_path(environ)
    try:
        agent: Any = plistlib.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (plistlib.InvalidFileException, ValueError):
        return Installed(NAME, None, {}, (str(path),))
    interval = agent.get("StartCalendarInterval") or {}
    try:
        at: At | None = At(
            _LAUNCHD_DAY.index(int(interval["Weekday"]) % 7),
            int(interval["Hour"]),
            int(interval["Minute"]),
        )
    except (KeyError, TypeError, ValueError):
        at = None
    return Installed(NAME, at, dict(agent.get("EnvironmentVariables") or {}), (str(path),))


def uninstall(environ: Mapping[str, str]) -> bool:
    path = plist_path(environ)
    if not path.exists():
        return False
    if available(environ):
        program(["launchctl", "bootout", _domain(environ), str(path)], environ)
    path.unlink(missing_ok=True)
    return True
