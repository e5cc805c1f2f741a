"""Publishing and bringing in: `export`, `import`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from weeknote import imports as import_registry
from weeknote import render
from weeknote.cli.core import (
    FromWeek,
    TagOption,
    ToWeek,
    command,
    current_day,
    examples,
    read_range,
)
from weeknote.cli.flow import setup
from weeknote.errors import UsageError
from weeknote.publish import formats as export_formats


@command(
    resumable=True,
    epilog=export_formats.formats_epilog()
    + "\n\n"
    + examples(
        "weeknote export --format site --output site",
        "weeknote export -f json --from 2026-W01 > notes.json",
    ),
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
            help="File to write (default stdout); the folder for site, hugo and email.",
            show_default=False,
        ),
    ] = None,
    base_url: Annotated[
        str,
        typer.Option(
            "--base-url",
            metavar="URL",
            help="site and email: the URL the site will live at, for the feed's links and "
            "each message's link to its page (default: config site.base_url).",
        ),
    ] = "",
    tag: TagOption = None,
    mbox: Annotated[
        bool, typer.Option("--mbox", help="email: one mbox file (or stdout), not a folder.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace files in --output that the export did not write."),
    ] = False,
) -> None:
    """Publish the notes as Markdown, text, JSON, an HTML page, a static site, Hugo content
    or email messages.

    Newest note first.
    """
    from weeknote.publish.export import Request, export_notes

    config, store = setup(ctx)
    start, end = read_range(ctx, first, last, config)
    request = Request(
        format=format_name,
        first=start,
        last=end,
        output=output,
        base_url=base_url,
        force=force,
        tag=tag,
        mbox=mbox,
        email_from=config.email_from,
        title=config.site_title,
        author=config.site_author,
        description=config.site_description,
        site_base_url=config.site_base_url,
        feed_entries=config.site_feed_entries,
    )
    render.exported(export_notes(store, request, render.progress))


@command(
    "import",
    writes=True,
    makes_folder=True,
    resumable=True,
    epilog=import_registry.sources_epilog()
    + "\n\n"
    + examples(
        "weeknote import blog.txt --dry-run", "weeknote import wordpress.xml --skip-conflicts"
    ),
)
def import_archives(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Archives, feeds, blog exports, folders of posts or jrnl journals.",
            metavar="PATH...",
            show_default=False,
        ),
    ],
    kind: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="KIND",
            help=import_registry.from_help(),
            autocompletion=lambda: list(import_registry.from_names()),
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            metavar="YYYY",
            help="The year of each plain-text archive's newest note, when titles leave it out.",
        ),
    ] = None,
    anchor: Annotated[
        list[str] | None,
        typer.Option(
            "--anchor",
            metavar="N=WEEK",
            help="Date a numbered series: note N is WEEK (e.g. 50=2024-W01).",
            show_default=False,
        ),
    ] = None,
    take_all: Annotated[
        bool, typer.Option("--all", help="Take every post, not only those import.match finds.")
    ] = False,
    lenient: Annotated[
        bool,
        typer.Option(
            "--lenient",
            help="Keep going past title-like lines that are no title and posts with no date.",
        ),
    ] = False,
    skip_conflicts: Annotated[
        bool,
        typer.Option("--skip-conflicts", help="Import the rest when some notes conflict."),
    ] = False,
    update: Annotated[
        bool,
        typer.Option(
            "--update", help="Replace notes whose post changed, unless edited since imported."
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be imported; write nothing.")
    ] = False,
    keep_template_code: Annotated[
        bool,
        typer.Option(
            "--keep-template-code",
            help="Keep a site's template code that stands for no link, as written.",
        ),
    ] = False,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            metavar="URL",
            help="Where the site is published, for its relative links (e.g. https://example.org/).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Bring in past weeknotes from wherever they are published, each dated to its week.

    Writes nothing if any note conflicts with one already there (unless --skip-conflicts).
    jrnl entries become drafted bullets of their days.

    """
    from weeknote.imports.archive_dating import check_year
    from weeknote.imports.plaintext import parse_anchor
    from weeknote.imports.run import Options, import_sources
    from weeknote.render.importing import imported, progress

    check_year(year)
    known = import_registry.from_names()
    if kind is not None and kind.lower() not in known:
        raise UsageError(f"--from {kind!r} is no kind of source; use one of {', '.join(known)}")
    if base_url is not None:
        from weeknote.imports.siteaddress import address

        if address(base_url, "--base-url") is None:
            raise UsageError(
                f"--base-url {base_url!r} is not a site's address: give it whole, as "
                "https://example.org/"
            )
    config, store = setup(ctx)
    options = Options(
        today=current_day(),
        week_start=store.week_start,
        cutoff_day=config.cutoff_day,
        year=year,
        kind=None if kind is None else kind.lower(),
        anchors=dict(parse_anchor(text) for text in anchor or ()),
        lenient=lenient,
        take_all=take_all,
        keep_template_code=keep_template_code,
        base_url=base_url,
        match=config.import_match,
        skip_conflicts=skip_conflicts,
        update=update,
        dry_run=dry_run,
        front_matter=config.note_front_matter,
        progress=progress,
    )
    result = import_sources(store, files, options)
    imported(result, store)
    result.check()
