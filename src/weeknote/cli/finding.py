"""Finding things in the notes: `list`, `search`, `tags`."""

from __future__ import annotations

from typing import Annotated

import typer

from weeknote import render
from weeknote.cli.core import FromWeek, JsonFlag, TagOption, ToWeek, command, examples, read_range
from weeknote.cli.flow import setup
from weeknote.errors import NoMatch


@command(
    "list",
    epilog=examples(
        "weeknote list --tag waste-team", "weeknote list --json | jq -r '.notes[].title'"
    ),
)
def list_notes(
    ctx: typer.Context,
    json_out: JsonFlag = False,
    tag: TagOption = None,
) -> None:
    """List the notes, oldest first: week, dates, title, words."""
    _, store = setup(ctx)
    entries = store.scan(tag)
    breaks = store.breaks()
    if breaks:  # those in a week a note covers are not shown
        written = {week for entry in store.scan() for week in entry.weeks}
        breaks = [found for found in breaks if found.week not in written]
    render.notes(entries, store, json_out, tag, breaks)


@command(
    epilog=examples("weeknote search waste team --from 2026-W40", "weeknote search robot --partial")
)
def search(
    ctx: typer.Context,
    words: Annotated[
        list[str],
        typer.Argument(help="Words to find (all of them, any case).", metavar="WORDS..."),
    ],
    first: FromWeek = None,
    last: ToWeek = None,
    partial: Annotated[
        bool, typer.Option("--partial", help="Match inside words too: thing finds Something.")
    ] = False,
    json_out: JsonFlag = False,
) -> None:
    """Find notes and drafted bullets holding the words; show the matching lines.

    Whole words, any case; exits 1 when nothing holds them, as grep does.

    """
    from weeknote.find.search import search as find

    config, store = setup(ctx)
    start, end = read_range(ctx, first, last, config)
    query = " ".join(words)
    hits = find(store, query, start, end, partial)
    if not render.search_hits(query, hits, json_out):
        raise NoMatch(f"No note or draft holds {query!r}.")


@command(epilog=examples("weeknote tags", "weeknote tags --from 2026-W01 --json"))
def tags(
    ctx: typer.Context,
    first: FromWeek = None,
    last: ToWeek = None,
    json_out: JsonFlag = False,
) -> None:
    """Count the #tags of notes and drafted bullets: in how many weeks, and the last week.

    Most used first.
    """
    from weeknote.find.tags import tag_uses

    config, store = setup(ctx)
    start, end = read_range(ctx, first, last, config)
    sections = store.template(config.template).sections()
    render.tags_used(tag_uses(store, sections, start, end), json_out, ranged=bool(first or last))
