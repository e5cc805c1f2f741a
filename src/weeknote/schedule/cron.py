"""The reminder as a line of the user's crontab, where there is no systemd: marked with a
comment (``# weeknote remind``), and added or removed through ``crontab -l`` and
``crontab -`` with every other line kept as it was."""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Mapping

from weeknote.errors import ScheduleError
from weeknote.schedule.job import MARK, At, Installed, Job, failed, program

NAME = "cron"
LABEL = "cron job"
_MARKED = re.compile(rf"\s#\s*{re.escape(MARK)}\s*$")
# launchd, cron and the Task Scheduler number the days of the week from Sunday
_CRON_DAY = (1, 2, 3, 4, 5, 6, 0)


def available(environ: Mapping[str, str]) -> bool:
    return shutil.which("crontab", path=environ.get("PATH")) is not None


def line(job: Job) -> str:
    """'0 16 * * 5 WEEKNOTE_DIR=… '/usr/bin/python3' -m weeknote remind run # weeknote remind'.
    A % in a crontab's command is a newline to cron, so it is escaped."""
    words = [f"{key}={shlex.quote(value)}" for key, value in job.env]
    words += [shlex.quote(arg) for arg in job.argv]
    command = " ".join(words).replace("%", "\\%")
    at = job.at
    return f"{at.minute} {at.hour} * * {_CRON_DAY[at.weekday]} {command} # {MARK}"


def _read(environ: Mapping[str, str]) -> list[str]:
    """The crontab's lines ([] when the user has none)."""
    done = program(["crontab", "-l"], environ)
    if done.returncode != 0:
        if "no crontab" in (done.stderr + done.stdout).lower():
            return []
        raise failed(done, "check that cron lets you keep a crontab")
    return done.stdout.splitlines()


def _write(lines: list[str], environ: Mapping[str, str]) -> None:
    text = "".join(f"{each}\n" for each in lines)
    done = program(["crontab", "-"], environ, stdin=text)
    if done.returncode != 0:
        raise failed(done, "the crontab is as it was")


def install(job: Job, environ: Mapping[str, str]) -> Installed:
    """The crontab with our line in place of any earlier one, the others left as they are."""
    lines = [each for each in _read(environ) if not _MARKED.search(each)]
    _write([*lines, line(job)], environ)
    found = installed(environ)
    if found is None:
        raise ScheduleError("crontab took the line, but crontab -l does not show it: check it")
    return found


def installed(environ: Mapping[str, str]) -> Installed | None:
    if not available(environ):
        return None
    ours = [each for each in _read(environ) if _MARKED.search(each)]
    if not ours:
        return None
    return Installed(NAME, _at(ours[-1]), _environment(ours[-1]), ("crontab",))


def _at(text: str) -> At | None:
    fields = text.split()
    try:
        minute, hour, day = int(fields[0]), int(fields[1]), int(fields[4]) % 7
    except (IndexError, ValueError):
        return None
    return At(_CRON_DAY.index(day), hour, minute)


def _environment(text: str) -> dict[str, str]:
    command = _MARKED.sub("", text).split(None, 5)[5:]
    found: dict[str, str] = {}
    try:
        words = shlex.split(command[0].replace("\\%", "%")) if command else []
    except ValueError:
        return found
    for word in words:
        key, equals, value = word.partition("=")
        if not equals or not key.isidentifier():
            break
        found[key] = value
    return found


def uninstall(environ: Mapping[str, str]) -> bool:
    if not available(environ):
        return False
    lines = _read(environ)
    kept = [each for each in lines if not _MARKED.search(each)]
    if len(kept) == len(lines):
        return False
    _write(kept, environ)
    return True
