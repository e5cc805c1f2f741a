"""`weeknote bullet`: capture."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from weeknote import render
from weeknote.cli.core import command, current_day, examples
from weeknote.cli.flow import setup
from weeknote.errors import UsageError


@command(
    writes=True,
    makes_folder=True,
    epilog=examples(
        'weeknote bullet "Day with the #waste team at Millfields"',
        "weeknote bullet -d yesterday --section learning Ask for help sooner",
    ),
)
def bullet(
    ctx: typer.Context,
    text: Annotated[
        list[str] | None,
        typer.Argument(
            help="The bullet's words (quote them if they hold #, ', (, & or ;); - reads one "
            "bullet per line from stdin.",
            metavar="TEXT...",
            show_default=False,
        ),
    ] = None,
    section: Annotated[
        str | None,
        typer.Option(
            "--section",
            "-s",
            metavar="NAME",
            help="Template section, e.g. learning or next (or start the text with #learning).",
        ),
    ] = None,
    day: Annotated[
        str | None,
        typer.Option("--date", "-d", metavar="DATE", help="The day it happened (default today)."),
    ] = None,
    undo: Annotated[
        bool,
        typer.Option(
            "--undo",
            help="Take back the bullet captured last in the last 14 days (of --date's day, "
            "if given).",
        ),
    ] = False,
) -> None:
    """Add one bullet to today's draft.

    Quote a bullet that holds #, ', (, & or ;: the shell reads them before weeknote does.
    # starts a comment, so weeknote bullet Met the #budget team saves "Met the"; quotes,
    parentheses, & and ; are the shell's own syntax.
    """
    from weeknote.writing import capture as capturing

    if undo:
        if text or section:
            raise UsageError("--undo takes back a bullet: give no text or --section with it")
        from weeknote.weeks.parse import parse_date

        config, store = setup(ctx)
        today = current_day()
        when = parse_date(day, today) if day else None
        template = store.template(config.template)
        render.took_back(*capturing.take_back(store, template, when, today), store)
        return
    words = text or []
    if words == ["-"]:
        from weeknote.cli.stdin import stdin_bullets

        texts = stdin_bullets()
    else:
        texts = [" ".join(words)]
    config, store = setup(ctx)
    plan = capturing.plan(config, section, day, current_day())
    summary = capturing.glance(store, plan.sections)  # the folder before this capture
    result = capturing.capture(plan, capturing.file(plan, texts))
    store.written.append(Path(result.path))  # for git.autocommit
    render.captured(result)
    for line in capturing.hints(plan, result, summary):
        render.say(line)
    capturing.remember(result, summary)
