"""`weeknote bullet`: capture."""

from __future__ import annotations

from typing import Annotated

import typer

from weeknote import render
from weeknote.cli.core import app, current_day, examples, setup
from weeknote.errors import UsageError


@app.command(
    epilog=examples(
        'weeknote bullet "Day with the waste team at Millfields"',
        "weeknote bullet -d yesterday --section learning Ask for help sooner",
    )
)
def bullet(
    ctx: typer.Context,
    text: Annotated[
        list[str] | None,
        typer.Argument(
            help="The bullet's words; - reads one bullet per line from stdin.",
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
        typer.Option("--undo", help="Take back the newest bullet (of --date's day, if given)."),
    ] = False,
) -> None:
    """Add one bullet to today's draft."""
    from weeknote.weeks.parse import parse_date
    from weeknote.writing.capture import capture

    if undo:
        if text or section:
            raise UsageError("--undo takes back a bullet: give no text or --section with it")
        from weeknote.writing.capture import take_back

        config, store = setup(ctx)
        when = parse_date(day, current_day()) if day else None
        render.took_back(*take_back(store, store.template(config.template), when), store)
        return
    words = text or []
    if words == ["-"]:
        from weeknote.cli.fast import stdin_bullets

        texts = stdin_bullets()
    else:
        texts = [" ".join(words)]
    config, store = setup(ctx)
    when = parse_date(day, current_day()) if day else current_day()
    template = store.template(config.template)
    result = capture(store, template, when, texts, section, current_day())
    render.captured(result, store)
    if any("#" in text for text in texts):  # only then: the hint reads the notes folder
        from weeknote.find.tags import typo_hints

        render.tag_hints(typo_hints(store, template.sections(), result.day, result.filed))
