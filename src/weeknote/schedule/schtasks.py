"""The reminder as a scheduled task on Windows (``schtasks /Create /SC WEEKLY``). A task
cannot carry environment variables, so it runs a small script, remind.cmd in weeknote's data
folder, that sets the notes folder and config and runs weeknote."""

from __future__ import annotations

import re
import shutil
from collections.abc import Mapping
from pathlib import Path

from weeknote.folder.files import write_atomic
from weeknote.schedule.job import MARK, At, Installed, Job, failed, program
from weeknote.schedule.paths import home
from weeknote.weeks.days import DAY_ABBR

NAME = "schtasks"
LABEL = "scheduled task"
TASK = "weeknote-remind"


def script_path(environ: Mapping[str, str]) -> Path:
    base = environ.get("LOCALAPPDATA")
    folder = Path(base) if base else home(environ) / "AppData" / "Local"
    return folder / "weeknote" / "remind.cmd"


def available(environ: Mapping[str, str]) -> bool:
    return shutil.which("schtasks", path=environ.get("PATH")) is not None


def _cmd_word(word: str) -> str:
    return f'"{word}"' if re.search(r'[\s&|<>^"()%]', word) else word


def script_text(job: Job) -> str:
    lines = ["@echo off", f"rem {MARK}: {job.at.text()}"]
    lines += [f'set "{key}={value.replace("%", "%%")}"' for key, value in job.env]
    lines.append(" ".join(_cmd_word(arg) for arg in job.argv))
    return "\r\n".join(lines) + "\r\n"


def create_args(job: Job, script: Path) -> list[str]:
    at = job.at
    return [
        "schtasks", "/Create", "/F", "/TN", TASK, "/SC", "WEEKLY",
        "/D", DAY_ABBR[at.weekday].upper(), "/ST", f"{at.hour:02d}:{at.minute:02d}",
        "/TR", f'"{script}"',
    ]  # fmt: skip


def install(job: Job, environ: Mapping[str, str]) -> Installed:
    script = script_path(environ)
    script.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(script, script_text(job), overwrite=True)
    done = program(create_args(job, script), environ)  # /F: an earlier task is replaced
    if done.returncode != 0:
        raise failed(done, "see schtasks /Query /TN weeknote-remind")
    found = installed(environ)
    assert found is not None
    return found


def installed(environ: Mapping[str, str]) -> Installed | None:
    script = script_path(environ)
    try:
        text = script.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    match = re.search(rf"^rem {re.escape(MARK)}: (\w{{3}}) (\d\d):(\d\d)", text, re.M)
    at = None
    if match and match.group(1) in DAY_ABBR:
        at = At(DAY_ABBR.index(match.group(1)), int(match.group(2)), int(match.group(3)))
    env = {
        key: value.replace("%%", "%")
        for key, value in re.findall(r'^set "(\w+)=(.*)"\r?$', text, re.M)
    }
    return Installed(NAME, at, env, (f"task {TASK}", str(script)))


def uninstall(environ: Mapping[str, str]) -> bool:
    script = script_path(environ)
    if not script.exists():
        return False
    if available(environ):
        done = program(["schtasks", "/Delete", "/F", "/TN", TASK], environ)
        if done.returncode != 0 and "cannot find" not in done.stderr.lower():
            raise failed(done, "see schtasks /Query /TN weeknote-remind")
    script.unlink(missing_ok=True)
    return True
