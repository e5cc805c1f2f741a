"""The reminder as a systemd user timer: ``weeknote-remind.service`` runs it,
``weeknote-remind.timer`` fires it weekly (``Persistent=true``: a week the machine was off at
that hour, it fires when it next starts), both in ~/.config/systemd/user."""

from __future__ import annotations

import re
import shutil
from collections.abc import Mapping
from pathlib import Path

from weeknote.folder.files import write_atomic
from weeknote.schedule.job import MARK, At, Installed, Job, failed, program
from weeknote.schedule.paths import config_home
from weeknote.weeks.days import DAY_ABBR

NAME = "systemd"
LABEL = "systemd user timer"
SERVICE, TIMER = "weeknote-remind.service", "weeknote-remind.timer"


def unit_dir(environ: Mapping[str, str]) -> Path:
    return config_home(environ) / "systemd" / "user"


def available(environ: Mapping[str, str]) -> bool:
    """Whether a systemd user manager answers (systemctl --user works)."""
    if shutil.which("systemctl", path=environ.get("PATH")) is None:
        return False
    return program(["systemctl", "--user", "show-environment"], environ).returncode == 0


def quoted(word: str, command: bool = False) -> str:
    """A word for a unit file's Environment= or (``command``) ExecStart=: in double quotes,
    with what systemd would read as a specifier (%) or, in a command, a variable ($) kept as
    written."""
    escaped = word.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    return f'"{escaped.replace("$", "$$") if command else escaped}"'


def service_text(job: Job) -> str:
    environment = " ".join(quoted(f"{key}={value}") for key, value in job.env)
    return (
        "[Unit]\n"
        f"Description={MARK}: a nudge to write the week's note\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"Environment={environment}\n"
        f"ExecStart={' '.join(quoted(arg, command=True) for arg in job.argv)}\n"
    )


def on_calendar(at: At) -> str:
    """'Fri *-*-* 16:00:00'."""
    return f"{DAY_ABBR[at.weekday]} *-*-* {at.hour:02d}:{at.minute:02d}:00"


def timer_text(job: Job) -> str:
    return (
        "[Unit]\n"
        f"Description={MARK}: every {job.at.text()}\n"
        "\n"
        "[Timer]\n"
        f"OnCalendar={on_calendar(job.at)}\n"
        "Persistent=true\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


def install(job: Job, environ: Mapping[str, str]) -> Installed:
    """Write both units and start the timer (systemctl --user daemon-reload, enable --now);
    again, they are rewritten and the timer restarted on its new time."""
    folder = unit_dir(environ)
    folder.mkdir(parents=True, exist_ok=True)
    before = (folder / TIMER).exists()
    write_atomic(folder / SERVICE, service_text(job), overwrite=True)
    write_atomic(folder / TIMER, timer_text(job), overwrite=True)
    said: tuple[str, ...] = ()
    if available(environ):
        for args in (["daemon-reload"], ["enable", "--now", TIMER]) + (
            (["restart", TIMER],) if before else ()
        ):
            done = program(["systemctl", "--user", *args], environ)
            if done.returncode != 0:
                raise failed(
                    done, f"the units are in {folder}: see systemctl --user status {TIMER}"
                )
    else:
        said = (
            f"systemctl --user did not answer, so the timer is not started: start it with "
            f"systemctl --user daemon-reload && systemctl --user enable --now {TIMER}",
        )
    found = installed(environ)
    assert found is not None
    return Installed(found.scheduler, found.at, found.env, found.where, said)


def installed(environ: Mapping[str, str]) -> Installed | None:
    """The reminder as its unit files say, or None when there are none."""
    folder = unit_dir(environ)
    try:
        timer = (folder / TIMER).read_text(encoding="utf-8")
        service = (folder / SERVICE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return Installed(
        NAME, _at(timer), _environment(service), (str(folder / TIMER), str(folder / SERVICE))
    )


def _at(timer: str) -> At | None:
    match = re.search(r"^OnCalendar=(\w{3}) \*-\*-\* (\d\d):(\d\d)", timer, re.M)
    if not match or match.group(1) not in DAY_ABBR:
        return None
    return At(DAY_ABBR.index(match.group(1)), int(match.group(2)), int(match.group(3)))


def _environment(service: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in re.findall(r"^Environment=(.*)$", service, re.M):
        for word in re.findall(r'"((?:[^"\\]|\\.)*)"', line):
            plain = re.sub(r"\\(.)", r"\1", word).replace("%%", "%")
            key, _, value = plain.partition("=")
            found[key] = value
    return found


def uninstall(environ: Mapping[str, str]) -> bool:
    """Stop and remove the timer and its service; False when there were none."""
    folder = unit_dir(environ)
    paths = [folder / TIMER, folder / SERVICE]
    if not any(path.exists() for path in paths):
        return False
    ready = available(environ)
    if ready:
        program(["systemctl", "--user", "disable", "--now", TIMER], environ)
    for path in paths:
        path.unlink(missing_ok=True)
    if ready:
        program(["systemctl", "--user", "daemon-reload"], environ)
    return True
