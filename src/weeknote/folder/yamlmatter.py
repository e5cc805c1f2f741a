"""YAML front matter (between ``---`` lines), as Obsidian, Jekyll and pandoc read it.

weeknote writes it one key a line, each value in a form that is YAML and JSON at once: a
double-quoted string, a flow list of them, a date, an RFC 3339 moment, a number or a
boolean::

    title: "w/c 16 November: bins"
    date: 2026-11-16
    tags: ["bins", "robots"]

``loads`` reads those lines itself (a notes folder of thousands is read cold in about the
time TOML takes); anything else a person or another tool wrote (plain strings, block
lists, comments after a value, anchors) is read whole by PyYAML's ``safe_load``, so the
result is always the one PyYAML gives. ``inline`` writes a value in those forms.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

from weeknote.errors import NoteError

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# Words YAML 1.1 (PyYAML's) reads as a boolean or null, not a string: as a key, such a word
# is quoted when written and takes the long way when read.
_NOT_TEXT = re.compile(r"(?:yes|no|true|false|on|off|null|y|n)", re.IGNORECASE)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})?")
_INT = re.compile(r"-?(?:0|[1-9]\d{0,17})")
# What YAML will not take unescaped in a double-quoted string (JSON escapes only the C0
# controls, the quote and the backslash): DEL, the C1 controls, lone surrogates and the two
# non-characters; and the line breaks YAML folds into a space (NEL, U+2028, U+2029).
_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


class _NotPlain(Exception):
    """A line weeknote would not write: the whole front matter goes to PyYAML."""


def loads(front: str, source: str) -> dict[str, Any]:
    """The front matter's keys and values; NoteError naming the line if it is not YAML
    or not a mapping."""
    try:
        return _plain(front)
    except _NotPlain:
        return _full(front, source)


def _plain(front: str) -> dict[str, Any]:
    import json

    found: dict[str, Any] = {}
    for line in front.splitlines():
        if not line or line.isspace():
            continue
        key, colon, value = line.partition(":")
        value = value.strip()
        if key[:1] == '"' and _NOT_TEXT.fullmatch(key[1:-1]) and key[-1:] == '"':
            key = key[1:-1]  # a word YAML would read as true or null, quoted by dumps
        elif not _plain_key(key):
            raise _NotPlain
        if not colon or not value or key in found:
            raise _NotPlain
        first = value[0]
        if first == '"' or first == "[":
            try:
                item = json.loads(value)
            except ValueError:
                raise _NotPlain from None
            if not (
                isinstance(item, str)
                or (isinstance(item, list) and all(isinstance(each, str) for each in item))
            ):
                raise _NotPlain
        elif _DATE.fullmatch(value) or _MOMENT.fullmatch(value):
            try:
                item = (date if len(value) == 10 else datetime).fromisoformat(value)
            except ValueError:  # 2026-13-45: PyYAML says what is wrong
                raise _NotPlain from None
        elif value == "true" or value == "false":
            item = value == "true"
        elif _INT.fullmatch(value):
            item = int(value)
        else:
            raise _NotPlain
        found[key] = item
    return found


def _full(front: str, source: str) -> dict[str, Any]:
    import yaml

    try:
        meta = yaml.safe_load(front)
    except ValueError as exc:  # a date that is no day: 2026-02-30
        raise NoteError(
            f"{source}: bad front matter ({exc}): fix the YAML between the --- lines"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}, line {mark.line + 2}" if mark is not None else source
        problem = getattr(exc, "problem", None) or "not YAML"
        raise NoteError(
            f"{where}: bad front matter ({problem}): fix the YAML between the --- lines"
        ) from None
    if meta is None:
        return {}
    if not isinstance(meta, dict) or not all(isinstance(key, str) for key in meta):
        raise NoteError(
            f"{source}: the front matter between the --- lines must be keys and values, "
            'such as title: "w/c 16 November": fix it'
        )
    return meta


def string(text: str) -> str:
    """``text`` double-quoted, the same string to YAML and to JSON."""
    import json

    quoted = json.dumps(text, ensure_ascii=False)
    if _UNPRINTABLE.search(quoted):
        quoted = _UNPRINTABLE.sub(lambda found: f"\\u{ord(found.group()):04x}", quoted)
    return quoted


def inline(value: Any) -> str:
    """``value`` on one line, as ``loads`` reads it back (mappings and lists in YAML's flow
    form). TypeError for a value YAML has no form for here."""
    if isinstance(value, str):
        return string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return string(value.isoformat())
    if value is None:
        return "null"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(inline(item) for item in value) + "]"
    if isinstance(value, Mapping):
        pairs = (f"{_key(str(key))}: {inline(item)}" for key, item in value.items())
        return "{" + ", ".join(pairs) + "}"
    raise TypeError(f"no YAML form for {type(value).__name__}")


def _plain_key(key: str) -> bool:
    return _KEY.fullmatch(key) is not None and _NOT_TEXT.fullmatch(key) is None


def _key(key: str) -> str:
    return key if _plain_key(key) else string(key)


def dumps(meta: Mapping[str, Any]) -> str:
    """The front matter's lines (without the ``---`` fences), a key a line."""
    return "".join(f"{_key(key)}: {inline(value)}\n" for key, value in meta.items())
