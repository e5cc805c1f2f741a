"""Tags across the weeks: how many weeks use each one, and a hint for a tag that looks like a
typo of one used often.

The unit is the week. A written note's tags (from the index cache, so no note body is read)
count once for each week it covers; a week with no note counts the tags of its drafted
bullets, so a bullet written up into its note is never counted twice. A drafted bullet's
leading ``#section`` word files it under a template section and is not a tag.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from weeknote.errors import NoteError
from weeknote.folder.store import Store
from weeknote.text.hashtags import find_tags
from weeknote.weeks.week import Week


@dataclass(frozen=True)
class TagUse:
    tag: str
    count: int  # the weeks that use it
    last_week: str


def tag_weeks(
    store: Store,
    sections: Sequence[str],
    first: Week | None = None,
    last: Week | None = None,
    leave_out: Mapping[date, Sequence[str]] | None = None,
) -> dict[str, set[str]]:
    """Each tag with the ids of the weeks from ``first`` to ``last`` that use it.
    ``leave_out`` holds bullet texts by day that are not counted (one copy each)."""

    def wanted(week_id: str) -> bool:
        return (first is None or week_id >= first.id) and (last is None or week_id <= last.id)

    weeks: dict[str, set[str]] = {}
    covered: set[str] = set()
    for entry in store.scan():
        covered.update(entry.weeks)
        if not entry.tags:  # as most notes are: thousands of them
            continue
        for week_id in filter(wanted, entry.weeks):
            for tag in entry.tags:
                weeks.setdefault(tag, set()).add(week_id)
    for day in store.draft_days():
        week_id = Week.of(day, store.week_start).id
        if week_id in covered or not wanted(week_id):
            continue
        try:
            bullets = store.day_bullets(day, sections)
        except NoteError as exc:
            store.unreadable[store.relative(store.draft_path(day))] = exc.message
            continue
        skipped = Counter((leave_out or {}).get(day, ()))
        for bullet in bullets:
            if skipped[bullet.text] > 0:
                skipped[bullet.text] -= 1
                continue
            for tag in find_tags(bullet.text):
                weeks.setdefault(tag, set()).add(week_id)
    return weeks


def tag_uses(
    store: Store, sections: Sequence[str], first: Week | None = None, last: Week | None = None
) -> list[TagUse]:
    """Every tag with the number of weeks that use it and the last of them: most used first,
    then the most recently used, then by name."""
    uses = [
        TagUse(tag, len(week_ids), max(week_ids))
        for tag, week_ids in tag_weeks(store, sections, first, last).items()
    ]
    by_name = sorted(uses, key=lambda use: use.tag)
    return sorted(by_name, key=lambda use: (use.count, use.last_week), reverse=True)
