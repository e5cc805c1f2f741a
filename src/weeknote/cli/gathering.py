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
    epilog=examples("weeknote gather", "weeknote gather last --add 1,3-5 --section done"),
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
    from weeknote.weeks.week import Week
    from weeknote.writing.capture import plan
    from weeknote.writing.compose import choose_week
    from weeknote.writing.template import DEFAULT_SECTION

    config, store = setup(ctx)
    today = current_day()
    if week is not None:
        chosen = read_span(week, config)[1]
    else:
        choice = choose_week(
            store, today, config.cutoff_day, config.write_day, store.break_reasons()
        )
        chosen = choice.week or Week.of(today, store.week_start)
    named = plan(config, section, None, today).section  # a section the template lacks: refused
    result = gathering.gather(store, config, chosen, today, repo or [], calendar or [], everything)
    picking = add is None and not json_out and sys.stdin.isatty() and sys.stdout.isatty()
    if add is not None:
        picked = [(c, c.text) for c in gathering.chosen(add, result.candidates)]
        if picked:
            gathering.draft(store, config, result, picked, named, today)
        elif store.root.is_dir():
            gathering.remember(store, result, set(), set())
        render.gathered(result, json_out, listing=not picked)
        return
    if picking and result.candidates:
        render.warnings(result)
        result.warnings = []
        answer = render.pick(result.candidates, named or DEFAULT_SECTION)
        gathering.draft(store, config, result, answer, named, today)
        render.gathered(result, json_out, listing=False)
        return
    if store.root.is_dir():
        gathering.remember(store, result, set(), set())
    render.gathered(result, json_out, listing=True)
