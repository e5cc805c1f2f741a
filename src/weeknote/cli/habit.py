"""The habit: `streak`, `skip`, `status`."""

from __future__ import annotations

from typing import Annotated

import typer

from weeknote import render
from weeknote.cli.core import (
    AHEAD_WEEK_HELP,
    JsonFlag,
    command,
    complete_week_ahead,
    current_day,
    examples,
    read_span,
)
from weeknote.cli.flow import setup
from weeknote.errors import UsageError


@command(epilog=examples("weeknote streak", "weeknote streak --as-of 2026-11-05 --json"))
def streak(
    ctx: typer.Context,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Count as of this day (default today).",
            show_default=False,
        ),
    ] = None,
    json_out: JsonFlag = False,
) -> None:
    """Show the current and longest streaks, a calendar of written weeks and the gaps."""
    from weeknote.habit.status import streak_report
    from weeknote.weeks.parse import parse_date

    config, store = setup(ctx)
    today = current_day()
    when = parse_date(as_of, today) if as_of else today
    report = streak_report(store, when, config.cutoff_day)
    render.streak(report, store, json_out, as_of_given=as_of is not None)


@command(
    writes=True,
    weeks_ago=True,
    epilog=examples("weeknote skip next --reason holiday", "weeknote skip --undo 2026-W41"),
)
def skip(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Argument(
            help="The week off (default this week), or a span such as 2026-W51..W52: "
            + AHEAD_WEEK_HELP,
            metavar="[WEEK]",
            autocompletion=complete_week_ahead,
            show_default=False,
        ),
    ] = None,
    reason: Annotated[
        str, typer.Option("--reason", "-r", metavar="TEXT", help="Why, e.g. holiday.")
    ] = "",
    undo: Annotated[
        bool, typer.Option("--undo", help="Remove WEEK from the breaks instead.")
    ] = False,
) -> None:
    """Declare a week a break: it neither counts toward a streak nor breaks it."""
    if undo and week is None:
        raise UsageError("say which week to undo, e.g. weeknote skip --undo 2026-W41")
    if undo and reason:
        raise UsageError("--reason goes with declaring a break, not with --undo")
    config, store = setup(ctx)
    from weeknote.weeks.week import week_range

    first, last = read_span(week or "this", config, future=True)  # a break may be planned ahead
    for chosen in week_range(first, last):
        if undo:
            render.unskipped(store.remove_break(chosen))
        else:
            render.skipped(*store.add_break(chosen, reason))


@command(epilog=examples("weeknote status", "weeknote status --json"))
def status(
    ctx: typer.Context,
    json_out: JsonFlag = False,
) -> None:
    """Show the week `new` would write now: its note, drafted bullets and the streak."""
    from weeknote.habit.status import week_status

    config, store = setup(ctx)
    render.status(week_status(store, config, current_day()), store, json_out)
