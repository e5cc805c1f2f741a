"""What `send` says: the message itself for --dry-run, and who it went to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from weeknote.render.lines import data, say
from weeknote.text.wording import weeks_text

if TYPE_CHECKING:
    from weeknote.publish.send import Delivery, Outgoing, Server


def _which(outgoing: Outgoing) -> str:
    from weeknote.weeks.week import Week

    note = outgoing.item.note
    weeks = weeks_text([Week.from_id(week) for week in note.weeks])
    newest = "the newest note, " if outgoing.chosen else ""
    return f'{newest}"{note.title}", {weeks},'


def _to(addresses: list[str]) -> str:
    return ", ".join(addresses)


def dry_run(outgoing: Outgoing, server: Server | None, unset: str | None) -> None:
    """Each message as it would be sent, on stdout; what would happen, on stderr."""
    from weeknote.publish.message import shown_text

    for index, (_, message) in enumerate(outgoing.messages):
        data(("\n" if index else "") + shown_text(message))
    through = f" through {server.where}" if server else ""
    say(
        f"Dry run: {_which(outgoing)} would go to "
        f"{_to([to for to, _ in outgoing.messages])}{through}; nothing was sent."
    )
    if unset:
        say(f"To send it: {unset}")


def delivered(outgoing: Outgoing, delivery: Delivery, note_name: str) -> None:
    if not delivery.sent:
        return
    say(
        f"Sent {_which(outgoing)} to {_to([each.to for each in delivery.sent])} "
        f"through {delivery.server.where}; recorded in {note_name}."
    )
