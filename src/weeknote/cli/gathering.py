"""`weeknote gather`: the week's commits and meetings, drafted as bullets."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from weeknote import render
from weeknote.cli.core import (
    JsonFlag,
    command,
    complete_week,
    current_day,
    examples,
    read_span,
)
from weeknote.cli.flow import setup


@command(
    writes=True,
    makes_folder=True,
    weeks_ago=True,
    epilog=examples("weeknote gather", "weeknote gather last --add 1,3-5 --repo ~/src/site"),
)
def gather(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Argument(
            help="this, last, -N, 2026-W47, 2026-11-18, '16 Nov'. Default: the week `new` "
            "writes now.",
            metavar="[WEEK]",
            autocompletion=complete_week,
            show_default=False,
        ),
    ] = None,
    repo: Annotated[
        list[str] | None,
        typer.Option(
            "--repo",
            metavar="PATH",
            help="Also read this git repository (or the ones in this folder); repeatable.",
            show_default=False,
        ),
    ] = None,
    calendar: Annotated[
        list[str] | None,
        typer.Option(
            "--calendar",
            metavar="FILE|URL",
            help="Also read this calendar (.ics file, https:// or webcal://); repeatable.",
            show_default=False,
        ),
    ] = None,
    add: Annotated[
        str | None,
        typer.Option(
            "--add",
            metavar="all|1,3-5",
            help="Draft these candidates (by number, or all but private events) without asking.",
            show_default=False,
        ),
    ] = None,
    section: Annotated[
        str | None,
        typer.Option(
            "--section", "-s", metavar="NAME", help="The template section they are drafted in."
        ),
    ] = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Offer again what was passed over before.")
    ] = False,
    json_out: JsonFlag = False,
) -> None:
    """List what the week's commits and calendar events say you did, by day, and draft the
    ones you choose as bullets of their days (a picker in a terminal, --add elsewhere).

    Reads the repositories and calendars in gather.repos and gather.calendars, and those
    --repo and --calendar name. What was drafted from a gather is not offered again, nor
    what was passed over (unless --all).
    """
    from weeknote.gather import run as gathering

    config, store = setup(ctx)
    today = current_day()
    chosen = read_span(week, config)[1] if week is not None else None
    named = gathering.section_of(config, section, today)
    result = gathering.gather(store, config, chosen, today, repo or [], calendar or [], everything)
    picking = add is None and not json_out and sys.stdin.isatty() and sys.stdout.isatty()
    if picking:
        render.warnings(result)  # said before the picker takes the screen
        picked = render.pick(result.candidates, named) if result.candidates else None
    else:
        picked = gathering.chosen(add, result.candidates) if add is not None else None
    gathering.settle(store, config, result, picked, named, today)
    render.gathered(result, json_out, warned=picking)
