"""What the writing commands say: a bullet captured or taken back, a note written or updated."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from weeknote.folder.convert import Converted
    from weeknote.folder.store import Bullet, Store
    from weeknote.git.sync import Synced
    from weeknote.writing.capture import Captured
    from weeknote.writing.carry import Carried
    from weeknote.writing.compose import Composed, Updated


from weeknote.render.lines import data, path_line, say
from weeknote.text.wording import plural, quoted, weeks_text


def captured(result: Captured) -> None:
    from weeknote.writing.capture import said

    for line in said(result):
        say(line)


def composed(result: Composed, store: Store, opening: bool = False) -> None:
    """What `new` says; ``opening`` when it goes on to open the note in the editor."""
    if result.path is None and result.due:
        say(f"Nothing to write up yet: {result.reason}.")
        say(
            f"To write {result.week.id} now: weeknote new this. To open last week's note: "
            "weeknote edit last"
        )
        return
    if result.path is None:
        say(
            f"Nothing to write up yet: {result.reason}; {result.week.id} starts on "
            f"{result.week.start:%a %-d %b}."
        )
        return
    where = store.relative(result.path)
    if result.created:
        say(f"Writing up {weeks_text(result.weeks)}: {result.reason}.")
        say(f"Created {where} with {plural(result.bullets, 'drafted bullet')}.")
        if result.unplaced:
            say(
                f"{plural(result.unplaced, 'bullet')} in sections the template has no place "
                "for: at the end of the note."
            )
        if result.carried is not None:
            say(_carried_text(result.carried, store))
        for lifted in result.lifted:
            why = f" ({lifted.reason})" if lifted.reason else ""
            say(f"{lifted.week} was a break{why}; now it has a note, it is no longer one.")
    else:
        what = f"{weeks_text(result.weeks)} is written already"
        say(f"Opening {where}: {what}." if opening else f"{where}: {what}.")
        if result.not_in_note:
            say(
                f"{plural(result.not_in_note, 'drafted bullet')} not in it yet: add "
                f"{'it' if result.not_in_note == 1 else 'them'} with "
                f"weeknote new {result.week.id} --update"
            )
    path_line(result.path)


def _carried_text(carried: Carried, store: Store) -> str:
    plans = plural(len(carried.plans), "plan")
    source = store.relative(carried.path)
    return f"Quoted {plans} from {source} under {quoted(carried.heading)}."


def updated(result: Updated, store: Store) -> None:
    where = store.relative(result.path)
    if not result.added and not result.carried:
        say(f"Nothing to add: {where} holds every drafted bullet of its weeks.")
    elif result.added:
        say(
            f"Added {plural(len(result.added), 'drafted bullet')} to the note for "
            f"{weeks_text(result.weeks)}."
        )
        for heading in result.headings:
            say(f"Added the heading {quoted(heading)}, which the note did not have.")
    if result.carried is not None:
        plans = plural(len(result.carried.plans), "plan")
        source = store.relative(result.carried.path)
        say(f"Added {plans} from {source} to the quote under {quoted(result.carried.heading)}.")
    path_line(result.path)


def converted(result: Converted, new_notes: str) -> None:
    """What `convert` says; ``new_notes`` is the kind new notes get (note.front_matter)."""
    kind = result.kind.upper()
    say(f"Converted {plural(len(result.converted), 'note')} to {kind} front matter.")
    if result.already:
        say(f"{plural(result.already, 'note')} had {kind} front matter already.")
    if result.plain:
        names = ", ".join(result.plain[:3]) + (
            f" and {len(result.plain) - 3} more" if len(result.plain) > 3 else ""
        )
        say(f"Left as they are, with no front matter: {names}.")
    for problem in result.unreadable:
        say(f"Not converted: {problem}")
    if new_notes != result.kind:
        say(
            f"New notes still get {new_notes.upper()} front matter: "
            f"weeknote config note.front_matter {result.kind}"
        )


def took_back(path: Path, bullet: Bullet, store: Store) -> None:
    say(
        f"Took back the newest bullet, from {bullet.day:%a %-d %b %Y} ({bullet.section}, "
        f"{store.relative(path)}):"
    )
    data(bullet.text)


def synced(result: Synced) -> None:
    for subject in result.committed:
        say(f"Committed {subject!r} first.")
    if not result.pulled and not result.pushed:
        say(f"Already in sync with {result.remote}.")
    else:
        done = []
        if result.pulled:
            done.append(f"pulled {plural(result.pulled, 'commit')}")
        if result.pushed:
            done.append(f"pushed {plural(result.pushed, 'commit')}")
        say(f"Synced with {result.remote}: {' and '.join(done)}.")
    for warning in result.warnings:
        say(f"Warning: {warning}")
    for name in result.left_out:
        say(
            f"Left out {name}: it holds git conflict markers (<<<<<<<), so it was not "
            "committed or synced; resolve them, then run weeknote sync"
        )
