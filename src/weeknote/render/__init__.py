"""The only place that prints: plain lines and JSON for programs, Rich for people.

The printing itself is lines.py (say, data, table, JSON); the wording it shares with the
exports is text/wording.py; what each kind of command prints lives in the modules beside
this one. All of it is importable from here: ``render.say``, ``render.streak``.
Rich is imported inside the functions that draw, so a command pays for it only when it does.
"""

from __future__ import annotations

from weeknote.render.gathering import gathered, nudge, pick, warnings
from weeknote.render.habit import (
    LEGEND,
    LEGEND_WORDS,
    SYMBOLS,
    due_record,
    due_text,
    heatmap,
    skipped,
    streak,
    streak_headline,
    streak_record,
    unskipped,
)
from weeknote.render.lines import as_json, data, document, error, manual, path_line, say, table
from weeknote.render.listing import (
    notes,
    search_hits,
    settings,
    tags_used,
)
from weeknote.render.publishing import (
    PROGRESS_FROM,
    exported,
    progress,
)
from weeknote.render.weekview import (
    note_page,
    status,
    status_record,
    week_page,
    welcome,
)
from weeknote.render.writing import (
    captured,
    composed,
    converted,
    synced,
    took_back,
    updated,
)
from weeknote.text.wording import (
    day_text,
    note_record,
    plural,
    quoted,
    range_text,
    span,
    toml_value,
    week_text,
    weeks_id,
    weeks_text,
)

__all__ = [
    "LEGEND",
    "LEGEND_WORDS",
    "PROGRESS_FROM",
    "SYMBOLS",
    "as_json",
    "captured",
    "composed",
    "converted",
    "data",
    "day_text",
    "document",
    "manual",
    "due_record",
    "due_text",
    "error",
    "exported",
    "gathered",
    "heatmap",
    "note_page",
    "note_record",
    "notes",
    "nudge",
    "path_line",
    "pick",
    "plural",
    "progress",
    "quoted",
    "range_text",
    "say",
    "search_hits",
    "settings",
    "skipped",
    "span",
    "status",
    "status_record",
    "streak",
    "streak_headline",
    "streak_record",
    "synced",
    "table",
    "tags_used",
    "toml_value",
    "took_back",
    "unskipped",
    "updated",
    "week_page",
    "week_text",
    "weeks_id",
    "weeks_text",
    "warnings",
    "welcome",
]
