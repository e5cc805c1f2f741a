"""`weeknote remind run`: whether the week needs a nudge, and what it says. Values in (the
report `status` makes), a Reminder out; how it is shown is publish/nudge.py's."""

from __future__ import annotations

from dataclasses import dataclass

from weeknote.habit.status import Status
from weeknote.text.wording import plural, week_text
from weeknote.weeks.week import Week


@dataclass(frozen=True)
class Reminder:
    """The week `new` would write now, unwritten: its drafted bullets, and the streak that
    ends unless it is written (0: none at risk)."""

    week: Week
    bullets: int
    streak: int

    @property
    def title(self) -> str:
        return f"weeknote: {self.week.id} is not written yet"

    @property
    def text(self) -> str:
        """'2026-W49 (30 Nov-6 Dec 2026) is not written yet: 7 bullets drafted; your 5-week
        streak ends if it stays unwritten. weeknote new'."""
        drafted = plural(self.bullets, "bullet") if self.bullets else "no bullets"
        streak = (
            f"; your {self.streak}-week streak ends if it stays unwritten" if self.streak else ""
        )
        return f"{week_text(self.week)} is not written yet: {drafted} drafted{streak}. weeknote new"


def reminder(status: Status) -> Reminder | None:
    """A nudge for the week `new` would write now; None when nothing is due yet (or only a
    week after a break, which has not begun), the week has its note or is a declared break."""
    week = status.writes
    if week is None or status.note is not None or week.start > status.today:
        return None
    if any(each == week for each, _ in status.breaks):
        return None
    risk = status.risk
    streak = risk.streak if risk is not None and risk.week == week else 0
    return Reminder(week, status.bullets, streak)
