"""A site's Markdown post in blocks, and which parts of it are code.

Cleaning a post read from a site's folder (``clean.py``) changes its prose only: what the
person wrote as code (a fenced or indented code block, a `code span`) is text they meant
to show as it is, ``{{ }}`` and ``<tags>`` included. This is a line scanner, not a Markdown
parser: a whole blog's posts are scanned in the time a parser would take for a few, and it
needs to know only where code is and where paragraphs begin and end.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})(.*)$")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_LIST_ITEM = re.compile(r"^[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.DOTALL)


class Block(NamedTuple):
    """Lines ``start`` up to ``end`` (0-based) of a text: a run of lines with no blank line
    in it, or a whole code block (a fenced one may hold blank lines)."""

    start: int
    end: int
    code: bool
    under_html: bool = False  # indented under an HTML block's tag: its text, not code


def blocks(lines: list[str]) -> list[Block]:
    """The blocks of a text's lines, in order; blank lines between them belong to none.
    Indented lines after a blank line are code unless they continue a list item, or
    follow HTML (then they are the HTML's own indentation)."""
    found: list[Block] = []
    number, count = 0, len(lines)
    after_blank, in_list, after_html = True, False, False
    while number < count:
        line = lines[number]
        if not line.strip():
            after_blank = True
            number += 1
            continue
        fence = _FENCE.match(line)
        if fence and not (fence.group(1)[0] == "`" and "`" in fence.group(2)):
            mark = fence.group(1)
            end = number + 1
            while end < count:
                closing = lines[end].strip()
                if closing.startswith(mark) and not closing.strip(mark[0]):
                    end += 1
                    break
                end += 1
            found.append(Block(number, end, True))
            number, after_blank, after_html = end, False, False
            continue
        indented = _INDENTED.match(line) is not None
        if indented and after_blank and not in_list and not after_html:
            end = number + 1
            while end < count and (not lines[end].strip() or _INDENTED.match(lines[end])):
                end += 1
            while end > number + 1 and not lines[end - 1].strip():
                end -= 1
            found.append(Block(number, end, True))
            number, after_blank = end, False
            continue
        end = number + 1
        while end < count and lines[end].strip() and not _FENCE.match(lines[end]):
            end += 1
        under_html = indented and after_html and not in_list
        if not indented:
            in_list = _LIST_ITEM.match(line) is not None
            after_html = line.lstrip().startswith("<")
        found.append(Block(number, end, False, under_html))
        number, after_blank = end, False
    return found


class Part(NamedTuple):
    """A stretch of a text: its offset in it, its text, and whether it is code."""

    offset: int
    text: str
    code: bool


def parts(text: str) -> list[Part]:
    """The whole text, in order, as prose and code: code blocks and code spans are code."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    found: list[Part] = []
    at = 0

    def prose(until: int) -> None:
        nonlocal at
        if until <= at:
            return
        chunk = text[at:until]
        last = 0
        for span in _CODE_SPAN.finditer(chunk) if "`" in chunk else ():
            if span.start() > last:
                found.append(Part(at + last, chunk[last : span.start()], False))
            found.append(Part(at + span.start(), span.group(0), True))
            last = span.end()
        if last < len(chunk):
            found.append(Part(at + last, chunk[last:], False))
        at = until

    for block in blocks(lines):
        if not block.code:
            continue
        begin, end = starts[block.start], min(starts[block.end], len(text))
        prose(begin)
        found.append(Part(begin, text[begin:end], True))
        at = end
    prose(len(text))
    return found
