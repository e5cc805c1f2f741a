"""Laying text out for a terminal of any width, or for a pipe.

In a terminal, lines fit its width, measured in cells (a CJK character or an emoji takes
two): tables drop or fold columns, labels stack, messages wrap. Through a pipe or into a
file nothing is wrapped, padded or coloured: each record is one line, a table's fields are
separated by tabs (as gh does), and no line ends in spaces. Either way, text is printed as
``shown`` gives it: control and bidi characters escaped, so none acts on a terminal.

Whether a stream is a terminal follows Rich's rules, without importing Rich (the capture
path must not pay for it): TTY_COMPATIBLE=1/0 forces it either way, a non-empty
FORCE_COLOR makes it one, else the stream's isatty().
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Sequence

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TextIO

NARROW = 60  # columns below which tables keep only their essential columns

# What a terminal would act on rather than show, in text that came from outside: the C0
# controls (ESC starts the sequences that clear the screen, set the window's title or write
# the clipboard), DEL, the C1 controls (U+009B is ESC [ by another name), the line and
# paragraph separators, and the bidi embeddings, overrides and isolates, which reorder what
# is shown. Joiners (U+200D, which emoji and scripts need) are not among them. None of them
# is printable (str.isprintable), which is the fast path; the patterns are compiled when
# first needed (a Unicode class costs a capture a millisecond to compile).
_UNSAFE = "\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_CLASSES = {
    "line": f"[\x00-\x1f{_UNSAFE}]",
    "lines": f"[\x00-\x08\x0b-\x1f{_UNSAFE}]",  # tab and newline kept
    "json": f"[{_UNSAFE}]",  # json.dumps escapes the C0 controls itself
}
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


@functools.cache
def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(_CLASSES[name])  # compiled when first needed, once


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def shown(text: str, lines: bool = False) -> str:
    """``text`` as it may be printed: every control character and bidi control written as
    an escape (``\\x1b``, ``\\u202e``, a tab or line break as ``\\t`` or ``\\n``), so
    that nothing printed acts on the terminal or splits a record. With ``lines``, tabs and
    newlines stay (a note's text, shown as lines). Every printed piece of user text goes
    through here: render's writers, tables, label/value pairs and messages call it."""
    if text.isprintable():  # nearly always, for a line: nothing to look for
        return text
    pattern = _pattern("lines" if lines else "line")
    if pattern.search(text) is None:
        return text
    return pattern.sub(_escaped, text)


def shown_json(document: str) -> str:
    """A JSON text with DEL, the C1 controls and the bidi controls written as ``\\u``
    escapes (json.dumps writes the others so): the same values, inert in a terminal. They
    can only stand inside strings, where an escape means the same character."""
    if document.isascii() and "\x7f" not in document:  # isascii takes no time
        return document
    pattern = _pattern("json")
    if pattern.search(document) is None:
        return document
    return pattern.sub(lambda match: f"\\u{ord(match.group()):04x}", document)


def is_terminal(stream: TextIO | None = None) -> bool:
    forced = os.environ.get("TTY_COMPATIBLE", "")
    if forced in ("0", "1"):
        return forced == "1"
    color = os.environ.get("FORCE_COLOR")
    if color is not None:
        return color != ""
    stream = sys.stdout if stream is None else stream
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def columns() -> int:
    """The terminal's width: COLUMNS if set (as Rich reads it), else the terminal's own."""
    try:
        given = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        given = 0
    if given > 0:
        return given
    import shutil

    return shutil.get_terminal_size((80, 24)).columns


def cells(text: str) -> int:
    """How many terminal cells ``text`` takes."""
    if text.isascii():
        return len(text)
    import unicodedata  # only for text beyond ASCII, which most messages are not

    total = 0
    for char in text:
        if unicodedata.combining(char) or char in "\u200b\u200d\ufe0f":
            continue
        wide = unicodedata.east_asian_width(char) in ("W", "F")
        total += 2 if wide or 0x1F300 <= ord(char) <= 0x1FAFF else 1  # pictographs (emoji)
    return total


def _cut(word: str, width: int) -> list[str]:
    """A word wider than ``width`` cut into pieces that fit: a path (a word with a ``/`` in
    it) after a ``/``, between its names; a name or word wider than ``width`` where it must
    be (as a terminal would show it)."""
    pieces, piece = [], ""
    for name in re.findall(r"[^/]*/|[^/]+", word):
        if piece and cells(piece + name) > width:
            pieces.append(piece)
            piece = ""
        for char in name:
            if piece and cells(piece + char) > width:
                pieces.append(piece)
                piece = ""
            piece += char
    return [*pieces, piece] if piece else pieces


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken between words; continuation lines
    start with ``indent``. A word too long for a line (a long path) goes on a line of its
    own, cut only if it is wider than the whole line."""
    width = max(width, cells(indent) + 1)
    lead = text[: len(text) - len(text.lstrip(" "))]  # the first line's own indent stays
    lines: list[str] = []
    line = lead
    for word in text[len(lead) :].split(" "):
        candidate = f"{line} {word}" if line.strip() else f"{line}{word}"
        if cells(candidate) <= width:
            line = candidate
            continue
        first = not lines and not line.strip()  # the text's first word: no indent yet
        if line.strip():
            lines.append(line)
        start = lead if first else indent
        line = f"{start}{word}"
        if cells(line) > width:  # cut: its first piece after ``start``, the rest indented
            head = _cut(word, width - cells(start))[0]
            pieces = _cut(word[len(head) :], width - cells(indent))
            lines.append(start + head)
            lines.extend(indent + piece for piece in pieces[:-1])
            line = indent + pieces[-1]
    lines.append(line)
    return [item.rstrip() for item in lines]


# What a line's own text starts after: a one-word label ("Now: ", "Break: ") or a first
# column two spaces or more from the text ("  weeknote show    this week so far").
_LABEL = re.compile(r" *(?:[A-Z][a-z]*: |\S(?:.*?\S)? {2,}(?=\S))")
_ROOM = 12  # the fewest cells left beside a label to wrap under it


def hanging(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, wrapped under its own text: continuation
    lines start under the text after its label (see _LABEL), or two cells in when it has
    none or the label leaves too little room."""
    found = _LABEL.match(text)
    indent = cells(found.group()) if found else 0
    if not found or width - indent < _ROOM:
        indent = len(text) - len(text.lstrip(" ")) + 2
    return wrap(text, width, " " * indent)


def message_lines(message: str, stream: TextIO) -> list[str]:
    """A message for ``stream``: wrapped to the terminal, or one line for a pipe."""
    message = shown(message)
    if not is_terminal(stream):
        return [message]
    return wrap(message, columns(), "  ")


def table_lines(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    right: Sequence[int] = (),
    fold: int | Sequence[int] | None = None,
    narrow: Sequence[int] | None = None,
    give_way: Sequence[int] = (),
    terminal: bool | None = None,
) -> tuple[str | None, list[str]]:
    """(header line or None, row lines). For a pipe: no header, tab-separated fields. For a
    terminal: columns two spaces apart, fitted to its width: under NARROW columns only the
    ``narrow`` columns are kept, and the ``fold`` column (or columns) wrap within their
    cells; the ``give_way`` columns wrap too, and are narrowed first."""
    if terminal is None:
        terminal = is_terminal()
    rows = [[shown(cell) for cell in row] for row in rows]
    if not terminal:
        return None, ["\t".join(map(str.strip, row)).rstrip() for row in rows]
    width = columns()
    keep = list(range(len(header)))
    if narrow is not None and width < NARROW:
        keep = [i for i in keep if i in narrow]
    header = [header[i] for i in keep]
    rows = [[row[i] for i in keep] for row in rows]
    right = [keep.index(i) for i in right if i in keep]
    folds = [fold] if isinstance(fold, int) else list(fold or ())
    giving = [keep.index(i) for i in give_way if i in keep]
    folding = [keep.index(i) for i in folds if i in keep]
    widths = [max(cells(row[i]) for row in (header, *rows)) for i in range(len(header))]
    # Narrow the columns that give way, then the folding ones, the widest first, until the
    # row fits the terminal.
    for group in (giving, folding):
        while group and sum(widths) + 2 * (len(widths) - 1) > width:
            widest = max(group, key=lambda i: widths[i])
            if widths[widest] <= 8:
                break
            widths[widest] -= 1
    folding += giving

    def lines(row: Sequence[str]) -> list[str]:
        parts = [
            wrap(text, widths[i]) if i in folding and cells(text) > widths[i] else [text]
            for i, text in enumerate(row)
        ]
        out = []
        for depth in range(max(len(part) for part in parts)):
            line = []
            for i, part in enumerate(parts):
                text = part[depth] if depth < len(part) else ""
                pad = " " * max(0, widths[i] - cells(text))
                line.append(pad + text if i in right else text + pad)
            out.append("  ".join(line).rstrip())
        return out

    return lines(header)[0], [line for row in rows for line in lines(row)]


def pair_lines(
    pairs: Sequence[tuple[str, str]], label_width: int, terminal: bool | None = None
) -> list[str]:
    """Label/value lines: aligned and wrapped under their value in a terminal (stacked, the
    value on its own lines, when the terminal is too narrow for both), 'Label: value' one a
    line for a pipe. A pair with an empty label continues the one above."""
    if terminal is None:
        terminal = is_terminal()
    pairs = [(shown(label), shown(value)) for label, value in pairs]
    if not terminal:
        return [f"{label}: {value}" if label else value for label, value in pairs if label or value]
    width = columns()
    out = []
    stacked = False
    for label, value in pairs:
        # Beside its label, unless that would cut a word or a path's name: then under it.
        beside = width - label_width >= 20 and _widest_name(value) <= width - label_width
        stacked = (not label and stacked) or not beside
        if not stacked:
            indent = " " * label_width
            first = f"{label:<{label_width}}{value}" if label else f"{indent}{value}"
            out.extend(wrap(first, width, indent))
        else:
            if label:
                out.append(label)
            out.extend(wrap(f"  {value}", width, "  "))
    return out


def _widest_name(text: str) -> int:
    """The cells of the widest piece of ``text`` that wrap will not cut: a word, or a name
    of a path."""
    return max((cells(name) for name in re.findall(r"[^/ ]*/|[^/ ]+", text)), default=0)


def console(stderr: bool = False) -> Any:
    """A Rich console as wide as ``columns()`` says (Rich would take a dumb terminal for 80
    columns), and that highlights nothing by itself."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, width=columns(), height=25)
