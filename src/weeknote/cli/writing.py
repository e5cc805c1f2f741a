"""Writing and reading a week: `new`, `show`, `edit`."""

from __future__ import annotations

from typing import Annotated

import typer

from weeknote import render
from weeknote.cli.core import (
    OptionalWeekArg,
    command,
    complete_template,
    complete_week,
    current_day,
    examples,
    read_span,
)
from weeknote.cli.flow import edit_and_commit, setup
from weeknote.errors import UsageError
from weeknote.weeks.week import Week


@command(
    writes=True,
    makes_folder=True,
    weeks_ago=True,
    epilog=examples("weeknote new", 'weeknote new last --title "robots and focus"'),
)
def new(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Argument(
            help="this, last, -N, 2026-W47, 2026-11-18, '16 Nov', or a span 2026-W44..W45.",
            metavar="[WEEK]",
            autocompletion=complete_week,
            show_default=False,
        ),
    ] = None,
    weeks: Annotated[
        int,
        typer.Option(
            "--weeks",
            "-w",
            metavar="N",
            help="Cover this many weeks, ending with WEEK (2 for a fortnight note).",
        ),
    ] = 1,
    title: Annotated[
        str, typer.Option("--title", "-t", metavar="TEXT", help="Subtitle after the colon.")
    ] = "",
    template: Annotated[
        str | None,
        typer.Option(
            "--template",
            metavar="NAME",
            help="Template name in <dir>/templates/.",
            autocompletion=complete_template,
        ),
    ] = None,
    no_edit: Annotated[bool, typer.Option("--no-edit", help="Do not open an editor.")] = False,
    update: Annotated[
        bool,
        typer.Option(
            "--update",
            help="Add bullets drafted since the note was written, and last week's plans "
            "its quote lacks, to the note.",
        ),
    ] = False,
) -> None:
    """Write the week's note from the template and drafted bullets, quoting last week's
    plans at its top, then open it.

    With no WEEK it writes up last week while that has no note, else this week from its
    write-up day (Friday) on; before then it writes nothing and says when this week is
    due. Prints the note's path.
    """
    from weeknote.writing.compose import compose
    from weeknote.writing.editor import editor_command

    config, store = setup(ctx)
    if update:
        from weeknote.writing.compose import choose_week, update_note

        if weeks != 1 or title:
            raise UsageError("--update adds drafted bullets to a note: drop --weeks and --title")
        chosen = read_span(week, config)[1] if week is not None else None
        if chosen is None:
            choice = choose_week(
                store, current_day(), config.cutoff_day, config.write_day, store.break_reasons()
            )
            # Nothing due: last week is written, so it is the one late bullets belong to.
            this = Week.of(current_day(), store.week_start)
            chosen = choice.week or this.step(-1) or this
        changed = update_note(store, config, chosen, template)
        render.updated(changed, store)
        path = changed.path
    else:
        last = None
        if week is not None:
            first, last = read_span(week, config)
            if first != last:
                if weeks not in (1, last.since(first) + 1):
                    raise UsageError(
                        f"{week!r} covers {last.since(first) + 1} weeks, not --weeks {weeks}"
                    )
                weeks = last.since(first) + 1
        result = compose(store, config, current_day(), last, weeks, title, template)
        command = None if no_edit else editor_command(config.editor)
        render.composed(result, store, opening=bool(command) and not result.created)
        if config.gathers:
            from weeknote.folder.gathered import not_drafted

            this = Week.of(current_day(), store.week_start)
            render.nudge(not_drafted(store.root, result.week), result.week, this)
        if result.path is None:
            return
        path = result.path
        if command:
            edit_and_commit(ctx, [path], command)
        return
    if not no_edit:
        command = editor_command(config.editor)
        if command:
            edit_and_commit(ctx, [path], command)


@command(weeks_ago=True, epilog=examples("weeknote show", "weeknote show last | less"))
def show(
    ctx: typer.Context,
    week: OptionalWeekArg = None,
) -> None:
    """Print the week's note (rendered in a terminal, its text when piped), or else the
    bullets drafted for it, by section and day.
    """
    from weeknote.habit.status import week_view

    config, store = setup(ctx)
    view = week_view(store, config, read_span(week or "this", config)[1])
    if week is not None and view.note is None and not view.sections and view.break_reason is None:
        store.note_for(view.week)  # nothing at all for a week named: say so, as an error
    render.week_page(view, store)


@command(
    writes=True, weeks_ago=True, epilog=examples("weeknote edit last", "weeknote edit --drafts")
)
def edit(
    ctx: typer.Context,
    week: OptionalWeekArg = None,
    drafts: Annotated[
        bool, typer.Option("--drafts", help="Open the week's draft files instead of its note.")
    ] = False,
) -> None:
    """Open the note covering WEEK (or with --drafts its drafted days) in the editor, and
    print the paths.
    """
    from weeknote.writing.editor import required_command

    config, store = setup(ctx)
    chosen = read_span(week or "this", config)[1]
    paths = store.draft_files(chosen) if drafts else [store.note_for(chosen)]
    command = required_command(paths, config.editor)
    what = "the drafts of" if drafts else "the note for"
    render.say(f"Opening {what} {render.week_text(chosen)}.")
    for path in paths:
        render.path_line(path)
    edit_and_commit(ctx, paths, command)
