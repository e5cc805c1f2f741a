"""Looking back: `review`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from weeknote.cli.core import FromWeek, JsonFlag, ToWeek, command, current_day, examples, read_week
from weeknote.cli.flow import setup
from weeknote.errors import UsageError


@command(
    epilog=examples("weeknote review 2026", "weeknote review --format md"),
)
def review(
    ctx: typer.Context,
    year: Annotated[
        str | None,
        typer.Argument(
            help="The ISO year to look back over (default this year).",
            metavar="[YEAR]",
            show_default=False,
        ),
    ] = None,
    first: FromWeek = None,
    last: ToWeek = None,
    json_out: JsonFlag = False,
    format_name: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="md",
            help="md: write the figures and every title as a Markdown draft to edit.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="With --format md: the file to write (default review-YEAR.md in the notes "
            "folder).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Look back over a year of notes: weeks written, streaks, words, tags, busiest month.

    A week belongs to the ISO year of its id; a note spanning two years is listed in both,
    its words counted in the year of its last week.
    """
    from weeknote.habit.review import review_of, review_path, write_review
    from weeknote.render.review import review_markdown, review_written, show_review

    if format_name is not None and format_name.lower() != "md":
        raise UsageError(f"--format {format_name!r}: review writes only md (or use --json)")
    if format_name is not None and json_out:
        raise UsageError("--json prints the figures; --format md writes a draft: choose one")
    if output is not None and format_name is None:
        raise UsageError("--output goes with --format md")
    config, store = setup(ctx)
    today = current_day()
    start, end = _span(year, first, last, config, today)
    found = review_of(store, start, end, today, config.cutoff_day)
    if format_name is None:
        show_review(found, json_out)
        return
    from weeknote.publish.export import slugs

    path = output or review_path(store.root, found)
    links = {name: f"{slug}.html" for name, slug in slugs(store.scan()).items()}
    review_written(write_review(path, review_markdown(found, links)))


def _span(year: str | None, first: str | None, last: str | None, config: Any, today: Any) -> Any:
    """The weeks to look back over: YEAR's, or --from to --to (to this week if left out;
    from the first week of --to's year)."""
    from weeknote.habit.review import year_span
    from weeknote.weeks.days import MAX_YEAR, MIN_YEAR
    from weeknote.weeks.week import Week

    sunday = config.week_start == "sunday"
    if year is not None:
        if first is not None or last is not None:
            raise UsageError("give a YEAR or --from/--to, not both")
        text = year.strip()
        if not (text.isdigit() and len(text) == 4 and MIN_YEAR <= int(text) <= MAX_YEAR):
            raise UsageError(f"YEAR {year!r} is not a year such as 2026")
        return year_span(int(text), sunday)
    if first is None and last is None:
        return year_span(Week.of(today, config.week_start).year, sunday)
    end = read_week(last, config, future=True) if last else Week.of(today, config.week_start)
    start = read_week(first, config, future=True) if first else Week(end.year, 1, sunday)
    if start > end:
        raise UsageError(f"--from {start.id} is after --to {end.id}")
    return start, end
