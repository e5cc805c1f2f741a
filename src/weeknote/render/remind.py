"""What `weeknote remind` says: the reminder set up, taken out, as it stands, and the
reminder itself when it is printed."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from weeknote.render.lines import data, say
from weeknote.text.layout import pair_lines
from weeknote.text.wording import day_text

if TYPE_CHECKING:
    from weeknote.habit.remind import Reminder
    from weeknote.publish.nudge import Shown
    from weeknote.schedule.job import At, Installed


def _when(at: At | None, now: datetime) -> str:
    if at is None:
        return "at a time weeknote cannot read (edit it, or install it again)"
    moment = at.next_after(now)
    return f"every {at.text()}; next {day_text(moment.date())} {moment:%H:%M}"


def _label(name: str) -> str:
    from weeknote.schedule import label

    return label(name)


_WAYS = {
    "notify-send": "a desktop notification shows it (notify-send, while you are at the desktop)",
    "osascript": "a notification shows it (osascript)",
}
_PRINTED = {
    "systemd": "it is printed to the journal (journalctl --user -u weeknote-remind)",
    "cron": "it is printed, and cron mails it to you where the machine sends mail",
}


def installed(
    done: Installed, removed: list[str], now: datetime, ways: list[str], email_from: str
) -> None:
    """The reminder set up, and how it will be shown (``ways``, in the order tried)."""
    say(
        f"Reminder set up as a {_label(done.scheduler)}, {_when(done.at, now)}, "
        f"for the notes in {done.folder}."
    )
    shown = [
        _WAYS.get(way)
        or (f"it is emailed to {email_from}" if way == "email" else "")
        or _PRINTED.get(done.scheduler, "it is printed, where no one may see it")
        for way in ways
    ]
    hint = "" if "email" in ways else "; to have it emailed, set smtp.host and email.from"
    say(f"When it fires, {', else '.join(shown)}{hint}.")
    for line in done.said:
        say(f"Warning: {line}")
    for name in removed:
        say(f"The reminder is taken out of the {_label(name)} it was in before.")


def uninstalled(removed: list[str]) -> None:
    if not removed:
        say("No reminder is set up: nothing was removed.")
    for name in removed:
        say(f"Reminder removed from the {_label(name)}.")


def status(found: list[Installed], now: datetime, folder: Path) -> None:
    """Each reminder set up: which scheduler, when, the folder and config it reads, and
    where it is kept; and a word when the folder is not the one in force now."""
    if not found:
        data(
            "\n".join(
                pair_lines([("Reminder", "none: set one up with weeknote remind install")], 10)
            )
        )
        return
    pairs: list[tuple[str, str]] = []
    for each in found:
        pairs += [
            ("Reminder", f"{_label(each.scheduler)}, {_when(each.at, now)}"),
            ("Folder", each.folder or "(not named: the default one)"),
            ("Config", each.config or "(not named: the default one)"),
            ("Kept in", ", ".join(each.where)),
        ]
    data("\n".join(pair_lines(pairs, 10)))
    for each in found:
        if each.folder and Path(each.folder) != folder.resolve():
            say(
                f"The reminder reads {each.folder}, not {folder.resolve()}: to change it, "
                "weeknote remind install (with the folder in force)"
            )
    if len(found) > 1:
        say("Warning: more than one reminder is set up: weeknote remind install keeps one")


def reminded(reminder: Reminder | None, shown: Shown | None, dry_run: bool) -> None:
    """The reminder printed when no other way showed it (cron mails what a job prints); a
    dry run says what would be shown, and how."""
    if reminder is None:
        if dry_run:
            say("Nothing to remind of: the week is written, a break, or not due yet.")
        return
    if dry_run:
        data(reminder.text)
        say(f"Dry run: it would be shown by {shown.way if shown else 'print'}; nothing was shown.")
        return
    if shown is not None and shown.way == "print":
        data(reminder.text)
