"""Sending out: `send`."""

from __future__ import annotations

from typing import Annotated

import typer

from weeknote.cli.core import WEEK_HELP, command, complete_week, current_day, examples, read_span
from weeknote.cli.flow import setup

SendWeekArg = Annotated[
    str | None,
    typer.Argument(
        help=f"{WEEK_HELP} Default: the newest note up to this week.",
        metavar="[WEEK]",
        autocompletion=complete_week,
        show_default=False,
    ),
]


@command(
    writes=True,
    weeks_ago=True,
    epilog=examples(
        "weeknote send --to list@example.org --dry-run",
        "weeknote send 2026-W47 --to ann@example.org --again",
    ),
)
def send(
    ctx: typer.Context,
    week: SendWeekArg = None,
    to: Annotated[
        list[str] | None,
        typer.Option(
            "--to",
            metavar="ADDRESS",
            help="Who to send it to (repeat for more).",
            show_default=False,
        ),
    ] = None,
    again: Annotated[
        bool, typer.Option("--again", help="Send it even to someone it was sent to before.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the message; send nothing.")
    ] = False,
) -> None:
    """Send a note by email through the SMTP server in config (smtp.host, smtp.port,
    smtp.user, smtp.security), and record who it went to in the note's front matter.

    Refuses a week with no note, or one already sent to an address (unless --again).
    The password is read from the environment variable smtp.password_env names, else from
    the first line smtp.password_command prints.
    """
    import os
    from datetime import UTC, datetime

    from weeknote.errors import ConfigError
    from weeknote.publish.send import deliver, logged_in, no_password, prepare, record, server
    from weeknote.render import sending as shown
    from weeknote.weeks.week import Week

    config, store = setup(ctx)
    today = current_day()
    chosen = read_span(week, config)[1] if week is not None else None
    # The moment sent, on WEEKNOTE_TODAY's day when that is set (as every command acts)
    now = datetime.combine(today, datetime.now().time()).astimezone(UTC).replace(microsecond=0)
    outgoing = prepare(
        store,
        chosen,
        to or (),
        email_from=config.email_from,
        base_url=config.site_base_url,
        this_week=Week.of(today, store.week_start),
        again=again,
        now=now,
    )
    if dry_run:
        try:
            through = server(config)
            unset = no_password(through, os.environ)
        except ConfigError as exc:
            through, unset = None, exc.message
        shown.dry_run(outgoing, through, unset)
        return
    delivery = deliver(logged_in(server(config), os.environ), outgoing, now)
    if delivery.sent:
        record(store, outgoing, delivery.sent)
    shown.delivered(outgoing, delivery, store.relative(outgoing.path))
    delivery.check()
