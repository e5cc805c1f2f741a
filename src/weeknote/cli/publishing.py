"""Publishing and bringing in: `export`, `import`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from weeknote import export as export_formats
from weeknote import render
from weeknote.cli.core import (
    FromWeek,
    TagOption,
    ToWeek,
    app,
    current_day,
    examples,
    read_range,
    setup,
)


@app.command(
    epilog=export_formats.formats_epilog()
    + "\n\n"
    + examples(
        "weeknote export --format site --output site",
        "weeknote export -f json --from 2026-W01 > notes.json",
    )
)
def export(
    ctx: typer.Context,
    format_name: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            autocompletion=lambda: list(export_formats.FORMATS),
            help=export_formats.format_help(),
        ),
    ] = "md",
    first: FromWeek = None,
    last: ToWeek = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="File to write (default stdout); the folder for site and hugo.",
            show_default=False,
        ),
    ] = None,
    base_url: Annotated[
        str,
        typer.Option(
            "--base-url", metavar="URL", help="site: the URL it will live at, for the feed's links."
        ),
    ] = "",
    tag: TagOption = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace files in --output that the export did not write."),
    ] = False,
) -> None:
    """Publish the notes as Markdown, text, JSON, an HTML page, a static site or Hugo content.

    Newest note first.
    """
    from weeknote.publish import Request, export_notes

    config, store = setup(ctx)
    start, end = read_range(first, last, config)
    request = Request(
        format=format_name,
        first=start,
        last=end,
        output=output,
        base_url=base_url,
        force=force,
        tag=tag,
    )
    render.exported(export_notes(store, request, render.progress))


@app.command(
    "import",
    epilog=examples("weeknote import blog.txt --dry-run", "weeknote import blog.txt --year 2019"),
)
def import_archives(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Plain-text archives, newest note first.", metavar="FILE...", show_default=False
        ),
    ],
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            metavar="YYYY",
            help="The year of each archive's newest note, when titles leave it out.",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be imported; write nothing.")
    ] = False,
) -> None:
    """Bring in existing weeknotes: split archives at their titles and date each note.

    Writes nothing if any note conflicts with one already there.

    """
    from weeknote.importer import import_archives as run_import

    _, store = setup(ctx)
    result = run_import(store, files, current_day(), year, dry_run)
    render.imported(result, store)
    result.check()
