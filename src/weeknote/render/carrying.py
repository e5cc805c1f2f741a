"""What `status` says of last week's plans: the first few, each on one line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from weeknote.folder.store import Store

PLANS_SHOWN = 3
LABEL = "Planned"


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells, ending in "…" when cut."""
    from weeknote.text.layout import cells

    if cells(text) <= width:
        return text
    kept = ""
    for char in text:
        if cells(kept + char) > width - 1:
            break
        kept += char
    return kept.rstrip() + "…"


def plan_pairs(
    plans: Sequence[str], source: Path | None, store: Store, label_width: int
) -> list[tuple[str, str]]:
    """Status pairs for the plans: in a terminal one label, then each plan's first line cut
    to the width left beside it; through a pipe a ``Planned: …`` line each, uncut. More than
    PLANS_SHOWN end with a line saying how many more and where they are."""
    from weeknote.text.layout import columns, is_terminal

    terminal = is_terminal()
    width = columns()
    room = width - label_width if width - label_width >= 20 else width - 2
    pairs = []
    for number, plan in enumerate(plans[:PLANS_SHOWN]):
        first = plan.split("\n", 1)[0]
        label = LABEL if number == 0 or not terminal else ""
        pairs.append((label, clip(first, room) if terminal else first))
    more = len(plans) - PLANS_SHOWN
    if more > 0:
        where = f" in {store.relative(source)}" if source is not None else ""
        pairs.append(("" if terminal else LABEL, f"and {more} more{where}"))
    return pairs
