"""The system's own schedulers, for `weeknote remind`: one module each, in one registry.

Each module names itself (``NAME``, ``LABEL``) and has ``available(environ)``,
``install(job, environ)``, ``installed(environ)`` and ``uninstall(environ)``; which ones
a platform has, and in what order they are tried, is ``NATIVE``. Adding a scheduler is one
module and one line here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from types import ModuleType

from weeknote.errors import NotFoundError, ScheduleError, UsageError
from weeknote.schedule import cron, launchd, schtasks, systemd
from weeknote.schedule.job import At, Installed, Job, parse_at

__all__ = ["SCHEDULERS", "At", "Installed", "Job", "install", "installed", "job", "parse_at"]

SCHEDULERS: dict[str, ModuleType] = {
    module.NAME: module for module in (systemd, cron, launchd, schtasks)
}
# The schedulers of each platform, the first that answers taken (sys.platform's names).
NATIVE = {"darwin": ("launchd",), "win32": ("schtasks",)}
OTHERWISE = ("systemd", "cron")


def label(name: str) -> str:
    """'systemd user timer'."""
    return str(SCHEDULERS[name].LABEL)


def job(at: At, argv: Sequence[str], folder: Path, config_file: Path) -> Job:
    """What the reminder runs: ``argv`` with the notes folder and config in force now. A
    folder that is not there yet would be a failure every week: refused."""
    if not folder.is_dir():
        raise NotFoundError(
            f"no notes folder at {folder} yet: start it (weeknote init, or a first weeknote "
            "bullet), then set up the reminder"
        )
    env = (("WEEKNOTE_DIR", str(folder.resolve())), ("WEEKNOTE_CONFIG", str(config_file.resolve())))
    return Job(at, tuple(argv), env)


def choose(name: str | None, environ: Mapping[str, str], platform: str) -> ModuleType:
    """The scheduler asked for, or the first of the platform's that answers."""
    if name is not None:
        if name not in SCHEDULERS:
            raise UsageError(
                f"--scheduler {name!r} is not one weeknote knows: use one of "
                f"{', '.join(SCHEDULERS)}"
            )
        chosen = SCHEDULERS[name]
        if name != "systemd" and not chosen.available(environ):
            raise ScheduleError(f"{chosen.LABEL}: its program is not found on this machine")
        return chosen
    names = NATIVE.get(platform, OTHERWISE)
    for each in names:
        if SCHEDULERS[each].available(environ):
            return SCHEDULERS[each]
    raise ScheduleError(
        f"no scheduler answers here (looked for {' and '.join(names)}): install cron, or "
        "run weeknote remind run from a scheduler of your own"
    )


def install(
    job: Job, name: str | None, environ: Mapping[str, str], platform: str
) -> tuple[Installed, list[str]]:
    """The reminder set up with the scheduler chosen, and the other schedulers that held
    one before (it is taken out of them: one reminder a week)."""
    chosen = choose(name, environ, platform)
    done = chosen.install(job, environ)
    removed, said = [], list(done.said)
    for other, module in SCHEDULERS.items():
        try:
            if module is not chosen and module.uninstall(environ):
                removed.append(other)
        except ScheduleError as exc:  # set up all the same: said, as it may fire twice
            said.append(f"the {module.LABEL} may hold a reminder too: {exc.message}")
    return replace(done, said=tuple(said)), removed


def installed(environ: Mapping[str, str]) -> list[Installed]:
    """The reminders the schedulers hold (one, unless set up by hand twice)."""
    return [found for module in SCHEDULERS.values() if (found := module.installed(environ))]


def uninstall(environ: Mapping[str, str]) -> list[str]:
    """The schedulers the reminder was taken out of."""
    return [name for name, module in SCHEDULERS.items() if module.uninstall(environ)]
