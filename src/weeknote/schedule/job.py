"""A weekly reminder as the system's schedulers take it: the moment it fires (``At``), what
it runs (``Job``), what a scheduler holds of it (``Installed``), and the one way a scheduler's
own program is run (``program``).

``parse_at`` is the one reader of ``--at``: "fri 16:00", "friday 9:30", "16:00" (on the
write-up day), "4pm".
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from weeknote.errors import ScheduleError, UsageError
from weeknote.weeks.days import DAY_ABBR, WEEKDAYS

MARK = "weeknote remind"  # names what is ours in a crontab, a unit's description, a task
TIMEOUT = 60.0  # seconds a scheduler's program may take

_AT = re.compile(
    r"(?:(?P<day>[a-z]+)\.?,?\s+)?(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<half>am|pm)?",
    re.IGNORECASE,
)


@dataclass(frozen=True, order=True)
class At:
    """A moment of the week: a weekday (0 is Monday), an hour and a minute."""

    weekday: int
    hour: int
    minute: int

    @property
    def day(self) -> str:
        """'friday'."""
        return WEEKDAYS[self.weekday]

    def text(self) -> str:
        """'Fri 16:00'."""
        return f"{DAY_ABBR[self.weekday]} {self.hour:02d}:{self.minute:02d}"

    def next_after(self, now: datetime) -> datetime:
        """The first moment it comes after ``now`` (naive, local)."""
        days = (self.weekday - now.weekday()) % 7
        when = (now + timedelta(days=days)).replace(
            hour=self.hour, minute=self.minute, second=0, microsecond=0
        )
        return when if when > now else when + timedelta(days=7)


def weekday(word: str) -> int | None:
    """The weekday a word names: a day's name or its first letters (fri, thurs, tu)."""
    word = word.lower()
    found = [n for n, day in enumerate(WEEKDAYS) if len(word) >= 2 and day.startswith(word)]
    if word in ("tues", "weds", "thur", "thurs"):
        found = [n for n, day in enumerate(WEEKDAYS) if day.startswith(word[:3])]
    return found[0] if len(found) == 1 else None


DEFAULT_TIME = "16:00"  # on the write-up day, when --at is not given


def parse_at(text: str | None, write_day: str) -> At:
    """``--at`` as an At; a time alone is on ``write_day``, and no ``--at`` at all is
    DEFAULT_TIME on it. A UsageError names the value."""
    text = DEFAULT_TIME if text is None else text
    match = _AT.fullmatch(text.strip())
    day = weekday(match.group("day")) if match and match.group("day") else None
    if match and not match.group("day"):
        day = WEEKDAYS.index(write_day)
    if match and day is not None:
        hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
        half = (match.group("half") or "").lower()
        if half and 1 <= hour <= 12:
            hour = hour % 12 + (12 if half == "pm" else 0)
        elif half or match.group("minute") is None:
            hour = 99  # "13pm", or an hour with neither minutes nor am/pm: refused below
        if hour <= 23 and minute <= 59:
            return At(day, hour, minute)
    raise UsageError(
        f"--at {text!r} is not a day and a time: write it as 'fri 16:00', 'friday 9:30', "
        "'4pm' or '16:00' (on the write-up day)"
    )


@dataclass(frozen=True)
class Job:
    """What the reminder runs, and when: the program and its arguments, and the environment
    it needs (the notes folder and config in force at install)."""

    at: At
    argv: tuple[str, ...]
    env: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Installed:
    """A reminder as a scheduler holds it, read back from what was written."""

    scheduler: str  # its name in the registry: systemd, cron, launchd, schtasks
    at: At | None
    env: Mapping[str, str] = field(default_factory=dict)
    where: tuple[str, ...] = ()  # its files, or the crontab, or the task's name
    said: tuple[str, ...] = ()  # what installing it had to say (a timer not started)

    @property
    def folder(self) -> str | None:
        return self.env.get("WEEKNOTE_DIR")

    @property
    def config(self) -> str | None:
        return self.env.get("WEEKNOTE_CONFIG")


def program(
    argv: Sequence[str], environ: Mapping[str, str], stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a scheduler's program and return what it did; one that cannot be started or
    does not finish is a ScheduleError naming it."""
    try:
        return subprocess.run(
            list(argv),
            input=stdin,
            capture_output=True,
            text=True,
            env=dict(environ),
            timeout=TIMEOUT,
            stdin=None if stdin is not None else subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise ScheduleError(
            f"{' '.join(argv[:3])} did not finish within {TIMEOUT:g} seconds: try it in a shell"
        ) from None
    except OSError as exc:
        raise ScheduleError(f"cannot run {argv[0]}: {exc.strerror or exc}") from None


def failed(done: subprocess.CompletedProcess[str], what: str) -> ScheduleError:
    """One line for a scheduler's program that exited with a failure."""
    words = " ".join((done.stderr or done.stdout or "").split())
    why = f": {words}" if words else ""
    command = " ".join(str(arg) for arg in done.args[:4])
    return ScheduleError(f"{command} failed (exit {done.returncode}{why}); {what}")
