"""`weeknote` with no arguments: where this week stands in three lines, and the five
commands a newcomer needs, instead of the full help."""

from __future__ import annotations

from weeknote import render
from weeknote.errors import WeeknoteError


def welcome() -> int:
    """Print the screen; the exit code (a broken config still gets its one-line error)."""
    from weeknote.cli.core import current_day
    from weeknote.folder import config as config_mod
    from weeknote.folder.store import Store
    from weeknote.habit.status import week_status

    try:
        config = config_mod.load()
        store = Store(config.dir, config.week_start)
        status = week_status(store, config, current_day()) if store.root.is_dir() else None
    except WeeknoteError as exc:
        render.error(exc.message)
        return exc.exit_code
    render.welcome(status, store)
    return 0
