"""A nudge to write: `remind install`, `remind uninstall`, `remind status`, and `remind run`,
which the system's scheduler calls."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from weeknote.cli.core import app, command, current_day, examples
from weeknote.cli.flow import Group, setup


class _Commands(Group):
    """The sub-commands of `remind`, listed as the app's are. The app's Group runs their
    flow and says their errors; here they are only invoked."""

    def invoke(self, ctx: Any) -> Any:
        return TyperGroup.invoke(self, ctx)


remind = typer.Typer(
    cls=_Commands,
    invoke_without_command=True,
    rich_markup_mode=None,
    help="Set up a weekly reminder to write the week's note, with the system's scheduler.\n\n"
    "install sets it up (again: changes it), uninstall takes it out, status shows it, and run "
    "is what the scheduler runs: each has its own -h.",
)
app.add_typer(
    remind,
    name="remind",
    epilog=examples("weeknote remind install --at 'fri 16:00'", "weeknote remind status"),
)


@remind.callback()
def _remind(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is None:  # `weeknote remind` alone: its help, as -h prints it
        from weeknote import render

        render.data(ctx.get_help())


def _complete_scheduler(incomplete: str) -> list[tuple[str, str]]:
    from weeknote.schedule import SCHEDULERS, label

    return [(name, label(name)) for name in SCHEDULERS if name.startswith(incomplete)]


def _now() -> datetime:
    """Now, on WEEKNOTE_TODAY's day when that is set (as every command takes today)."""
    return datetime.combine(current_day(), datetime.now().time())


@command(
    "install",
    group=remind,
    reads_notes=False,
    epilog=examples("weeknote remind install", "weeknote remind install --at 'friday 9:30'"),
)
def install(
    ctx: typer.Context,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="'DAY HH:MM'",
            help="When each week, e.g. 'fri 16:00' (default: write_day at 16:00; a time "
            "alone is on write_day).",
            show_default=False,
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="NAME",
            help="systemd, cron, launchd or schtasks (default: the system's own).",
            autocompletion=_complete_scheduler,
            show_default=False,
        ),
    ] = None,
) -> None:
    """Set up the weekly reminder (again: change it) for the notes folder and config in
    force: a systemd user timer, cron, a launchd agent or a scheduled task."""
    from weeknote import schedule
    from weeknote.publish.nudge import ways_under
    from weeknote.render import remind as shown

    config, _ = setup(ctx)
    when = schedule.parse_at(at, config.write_day)
    argv = (sys.executable, "-m", "weeknote", "remind", "run")
    job = schedule.job(when, argv, config.dir, config.config_file)
    done, removed = schedule.install(job, scheduler, os.environ, sys.platform)
    ways = ways_under(done.scheduler, config, os.environ)
    shown.installed(done, removed, _now(), ways, config.email_from)


@command("uninstall", group=remind, reads_notes=False, epilog=examples("weeknote remind uninstall"))
def uninstall(ctx: typer.Context) -> None:
    """Take the weekly reminder out of the scheduler."""
    from weeknote import schedule
    from weeknote.render import remind as shown

    shown.uninstalled(schedule.uninstall(os.environ))


@command("status", group=remind, reads_notes=False, epilog=examples("weeknote remind status"))
def status(ctx: typer.Context) -> None:
    """Show the reminder set up: which scheduler, when, and the notes folder it reads."""
    from weeknote import schedule
    from weeknote.render import remind as shown

    config, _ = setup(ctx)
    shown.status(schedule.installed(os.environ), _now(), config.dir)


@command(
    "run",
    group=remind,
    epilog=examples("weeknote remind run", "weeknote remind run --dry-run"),
)
def run(
    ctx: typer.Context,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the reminder and how it would be shown.")
    ] = False,
) -> None:
    """Remind now, as the scheduler does: nothing when the week is written or a break, else
    a desktop notification, an email to email.from, or the line printed."""
    from weeknote.habit.remind import reminder
    from weeknote.habit.status import week_status
    from weeknote.publish.nudge import Shown, show, ways
    from weeknote.render import remind as shown

    config, store = setup(ctx)
    nudge = reminder(week_status(store, config, current_day()))
    done: Any = None
    if nudge is not None and dry_run:
        done = Shown(ways(config, os.environ, sys.platform)[0])
    elif nudge is not None:
        done = show(nudge, config, os.environ, sys.platform, _now())
    shown.reminded(nudge, done, dry_run)
    if done is not None and done.failure is not None:
        raise done.failure
