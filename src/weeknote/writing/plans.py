"""A note's plans for the week after it, and the quoted block that carries them forward.

Pure: text in, values out. The plans section of a note is found by its heading or lead-in
line: a Markdown heading (``## … and onto week 48``) or a line standing alone in plain text
(``… and onto week 31``, ``Next week``, ``Plans for next week:``), in the wording weeknote
writers use, or the template's own line, or one the person configured (``plans_heading``).
Its plans are its list items, or its paragraphs when it opens with prose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

CARRIED_HEADING = "Last week I said I'd…"
AFTER_BREAK_HEADING = "Before the break I said I'd…"

_ATX = re.compile(r"\s{0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*")
_RULE = re.compile(r"\s{0,3}([-*_])(?:\s*\1){2,}\s*")
LIST_ITEM = re.compile(r"(\s*)(?:[-*+•◦‣▪–]|\d{1,3}[.)])\s+(.*)")
_FENCE = re.compile(r"\s{0,3}(`{3,}|~{3,})")
# The wordings of a plans section, matched against a line as `_words` gives it.
_PHRASES = re.compile(
    r"(?:(?:…|\.{2,})\s*)?(?:and\s+)?on(?:to|wards\s+to|\s+to)\s+week\s+n"
    r"|(?:my\s+)?plans\s+for\s+(?:next\s+week|the\s+week\s+ahead|week\s+n)"
    r"|(?:and\s+)?next\s+week|(?:the\s+)?week\s+ahead|looking\s+ahead(?:\s+to\s+next\s+week)?"
    r"|coming\s+up(?:\s+next\s+week)?"
)
_SENTENCE_LEAD = re.compile(r"(?:and\s+)?next\s+week\b.{0,60}")  # "Next week I'm going to:"


@dataclass(frozen=True)
class Plan:
    """One plan: a list item's text (its own lines below its first kept, unindented), or a
    paragraph's."""

    text: str
    listed: bool = True

    @property
    def first_line(self) -> str:
        return self.text.split("\n", 1)[0]


def _words(line: str) -> str:
    """A heading or lead-in line reduced to what is compared: no Markdown heading marks,
    emphasis or closing punctuation, one space between words, lower case, each number "n"."""
    text = line.strip()
    heading = _ATX.fullmatch(text)
    if heading:
        text = heading.group(2) or ""
    text = text.strip("*_ \t").rstrip(":.…!;,— ").strip("*_ \t")
    text = re.sub(r"\d+", "n", " ".join(text.split()).lower())
    return text.replace("’", "'")


def _matches(line: str, headings: Sequence[str]) -> bool:
    words = _words(line)
    if not words:
        return False
    return any(words == _words(heading) for heading in headings if heading.strip())


def _is_phrase(line: str) -> bool:
    words = _words(line)
    if _PHRASES.fullmatch(words):
        return True
    return line.rstrip().endswith(":") and bool(_SENTENCE_LEAD.fullmatch(words))


def _find_lead(lines: Sequence[str], headings: Sequence[str]) -> int | None:
    """The line that opens the plans section: the last one that is a configured or template
    heading, else the last in the writers' wording. A plain line counts only where a
    paragraph could start (after a blank line), never inside a code block or a quote."""
    found: list[int | None] = [None, None]
    fence = ""
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith(">") or LIST_ITEM.match(line):
            continue
        standalone = number == 0 or not lines[number - 1].strip()
        if not (_ATX.fullmatch(line) or standalone):
            continue
        if _matches(line, headings):
            found[0] = number
        elif _is_phrase(line):
            found[1] = number
    return found[0] if found[0] is not None else found[1]


def find_plans(body: str, headings: Sequence[str] = ()) -> list[Plan]:
    """The plans in a note's body: those of its plans section (see the module's text), found
    by one of ``headings`` first (the configured heading, the template's line), else by the
    writers' wording. A section that opens with a list is that list; one that opens with a
    paragraph runs to the next heading or rule. No section, or an empty one: no plans."""
    lines = body.splitlines()
    lead = _find_lead(lines, headings)
    if lead is None:
        return []
    heading = _ATX.fullmatch(lines[lead])
    level = len(heading.group(1)) if heading else 7
    section: list[str] = []
    for line in lines[lead + 1 :]:
        inner = _ATX.fullmatch(line)
        if inner and len(inner.group(1)) <= level:
            break
        if _RULE.fullmatch(line) or (not heading and inner):
            break
        if inner:  # a sub-heading of the plans section: not a plan itself
            continue
        section.append(line)
    return _plans_of(section)


def _plans_of(lines: Sequence[str]) -> list[Plan]:
    """List items and paragraphs, in order; when the first is a list item, only that list
    (a sign-off after it is not a plan)."""
    plans: list[Plan] = []
    current: list[str] = []
    kind = ""  # "item" or "paragraph" while one is open
    indent = 0  # the open item's marker column
    blank = False  # a blank line since the last line of text
    list_first = None

    def close() -> None:
        text = "\n".join(current).strip()
        if text:
            plans.append(Plan(text, kind == "item"))
        current.clear()

    for line in lines:
        if not line.strip():
            blank = True
            continue
        item = LIST_ITEM.fullmatch(line)
        column = len(line) - len(line.lstrip())
        if kind == "item" and column > indent:  # a line of the item, or an item within it
            current.append(line.strip())
        elif item:
            close()
            list_first = True if list_first is None else list_first
            kind, indent = "item", column
            current.append(item.group(2).strip())
        elif kind and not blank:  # the paragraph (or item) goes on
            current.append(line.strip())
        elif list_first:
            break
        else:
            close()
            list_first = False
            kind = "paragraph"
            current.append(line.strip())
        blank = False
    close()
    return plans


def quote(plans: Sequence[Plan]) -> list[str]:
    """The plans as the lines of a Markdown block quote: items as ``> - item``, paragraphs
    as ``> text``, a ``>`` line between a paragraph and what follows it."""
    lines: list[str] = []
    previous: Plan | None = None
    for plan in plans:
        first, *rest = plan.text.split("\n")
        if previous is not None and not (plan.listed and previous.listed):
            lines.append(">")
        if plan.listed:
            lines.append(f"> - {first}")
            lines += [f">   {more}" for more in rest]
        else:
            lines.append(f"> {first}")
            lines += [f"> {more}" for more in rest]
        previous = plan
    return lines


def block(plans: Sequence[Plan], heading: str) -> str:
    """The carried block: its heading, then the plans quoted."""
    return "\n".join([f"## {heading}", "", *quote(plans)]) + "\n"


def _key(text: str) -> str:
    return " ".join(re.sub(r"(?m)^[\s>]*", "", text).split()).casefold()


def held(plan: Plan, body: str) -> bool:
    """Whether a body already holds the plan's words (quoted or not, however wrapped)."""
    return _key(plan.text) in _key(body)


def find_block(lines: Sequence[str]) -> tuple[int, int] | None:
    """Where a note's carried block is: the line of its heading and the line after the last
    quoted line below it (the heading's own line + 1 when nothing is quoted under it)."""
    headings = (CARRIED_HEADING, AFTER_BREAK_HEADING)
    for number, line in enumerate(lines):
        if _ATX.fullmatch(line) and _matches(line, headings):
            end = number + 1
            at = end
            while at < len(lines) and not lines[at].strip():
                at += 1
            while at < len(lines) and lines[at].lstrip().startswith(">"):
                at += 1
                end = at
            return number, end
    return None


def with_block(body: str, text: str) -> str:
    """``body`` with the carried block at its top (below a leading ``# title`` line)."""
    lines = body.splitlines(keepends=True)
    at = 0
    while at < len(lines) and not lines[at].strip():
        at += 1
    heading = _ATX.fullmatch(lines[at]) if at < len(lines) else None
    if heading and len(heading.group(1)) == 1:
        top = "".join(lines[: at + 1]).rstrip("\n") + "\n\n"
        rest = "".join(lines[at + 1 :]).lstrip("\n")
        return top + text + ("\n" + rest if rest else "")
    rest = body.lstrip("\n")
    return text + ("\n" + rest if rest else "")
