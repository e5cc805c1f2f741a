"""What a post's file name says about its week.

Pure: names and titles in, values out. A name states a week in one of these forms (any
case, the name without its suffix):

- ``2024-W19``, ``2024W19``, ``2024_w19``, ``week-19-2024``, ``weeknotes-2024-19``,
  ``wk19-2024``: always a week;
- ``2024-19`` and ``2024_19``: ISO year and week, or a year and a month. Such a name is a
  week when its number is over 12, when the post's own title or first heading names the
  same number ("# Weeknotes 19", "Week 5"), or when the other such names beside it (in
  its folder) run past 12; otherwise it is a month, and the post is left out saying so.

Jekyll's ``2024-05-12-slug`` is a day, not a week (``folder`` reads it first).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from weeknote.weeks.week import MONTHS

_YEAR = r"(?P<y>(?:19|20)\d\d)"
_WORD = r"(?:week[\s_-]?notes?|week|wk|kw)"
_STATED = [
    re.compile(rf"{_YEAR}[\s_-]?w(?P<w>\d{{1,2}})", re.IGNORECASE),
    re.compile(rf"{_WORD}[\s_-]?(?P<w>\d{{1,2}})[\s_-]+{_YEAR}", re.IGNORECASE),
    re.compile(rf"{_WORD}[\s_-]?{_YEAR}[\s_-]+w?(?P<w>\d{{1,2}})", re.IGNORECASE),
]
_AMBIGUOUS = re.compile(rf"{_YEAR}[_-](?P<w>\d\d)")


@dataclass(frozen=True)
class NamedWeek:
    """The ISO year and week a name states; ``maybe_month`` for ``2024-05``, which may
    as well be May 2024."""

    year: int
    number: int
    maybe_month: bool = False

    def month(self) -> str:
        """'May 2024': what the name says when it is a month."""
        return f"{MONTHS[self.number - 1]} {self.year}"


def read_name(stem: str) -> NamedWeek | None:
    """The week a file name (without its suffix) states, or None."""
    for pattern in _STATED:
        match = pattern.fullmatch(stem.strip())
        if match:
            return NamedWeek(int(match["y"]), int(match["w"]))
    match = _AMBIGUOUS.fullmatch(stem.strip())
    if match:
        number = int(match["w"])
        return NamedWeek(int(match["y"]), number, maybe_month=1 <= number <= 12)
    return None


def past_twelve(stems: Iterable[str]) -> bool:
    """Whether names such as ``2024-19`` among ``stems`` run past 12, so none is a month."""
    for stem in stems:
        match = _AMBIGUOUS.fullmatch(stem.strip())
        if match and int(match["w"]) > 12:
            return True
    return False


def names_number(title: str, number: int) -> bool:
    """Whether a title or first heading names week ``number``: "Weeknotes 19", "Week 05",
    "Weeknotes for week 19", "2024-W19"."""
    from weeknote.imports.titles import read_title

    found = read_title(title)
    if found is not None and (
        found.number == number or [w.number for w in found.weeks] == [number]
    ):
        return True
    pattern = rf"\b(?:week[\s-]?notes?|week|wk|w)(?![a-z])\D{{0,12}}?(?<!\d)0*{number}(?!\d)"
    return re.search(pattern, title, re.IGNORECASE) is not None


def month_reason(named: NamedWeek) -> str:
    """Why a ``2024-05`` post is left out."""
    return (
        f"its name reads as a month ({named.month()}), not week {named.number}: a heading "
        f"naming the week (# Weeknotes {named.number}) or a name such as "
        f"{named.year}-W{named.number:02d} makes it a week"
    )


def stated_week(named: NamedWeek | None, title: str, beside_past_twelve: bool) -> bool:
    """Whether ``named`` is a week (see the module docstring)."""
    if named is None:
        return False
    return not named.maybe_month or beside_past_twelve or names_number(title, named.number)
