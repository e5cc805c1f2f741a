"""`weeknote gather`: what happened in the week, from the traces it left.

One module a source (``git``: commits; ``calendar``: events), each listed once in SOURCES
below with the config key naming its places and the option adding one for a run; ``model``
is what they give (candidates), ``run`` reads the sources, leaves out what was drafted or
passed over before, and drafts the candidates chosen; ``picker`` asks in a terminal.
The sources' modules (and icalendar behind the calendar) are imported only when read.
"""

from __future__ import annotations

from typing import NamedTuple


class Source(NamedTuple):
    """One kind of source: its name, the config key listing its places, its option."""

    kind: str
    key: str  # the config key: gather.repos
    option: str  # the option naming one for a run: --repo
    reader: str  # "module": its read()
    called: str  # how a count of them reads: "repository"


SOURCES: tuple[Source, ...] = (
    Source("git", "gather.repos", "--repo", "weeknote.gather.git", "repository"),
    Source("calendar", "gather.calendars", "--calendar", "weeknote.gather.calendar", "calendar"),
)
