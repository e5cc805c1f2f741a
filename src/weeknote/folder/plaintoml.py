"""The plain TOML a config file is nearly always written in, read without tomllib.

``bullet`` reads the config on every capture, and importing tomllib (with the typing
module it pulls in) costs more than the rest of a capture's work. A config made of
comments, ``[table]`` headers and ``key = value`` lines whose values are simple strings,
booleans, integers or one-line arrays of simple strings is read here; anything else
(escapes, other arrays, dates, inline tables,
quoted keys, a line this does not know) gives None, and the caller reads the text with
tomllib, which also words any error. For every text it accepts, the result is the one
tomllib gives (tests/test_plaintoml.py holds it to that).
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # without importing typing, which this module is here to avoid
if TYPE_CHECKING:
    from typing import Any

_KEY = r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*"
_STRING = r"""(?:"[^"\\\n]*"|'[^'\n]*')"""
_ITEM = re.compile(r""""(?P<basic>[^"\\]*)"|'(?P<literal>[^']*)'""")
_LINE = re.compile(
    rf"""(?:
        \[(?P<table>{_KEY})\]
      | (?P<key>{_KEY})[ \t]*=[ \t]*
        (?: "(?P<basic>[^"\\]*)" | '(?P<literal>[^']*)' | (?P<bool>true|false)
          | (?P<int>[+-]?(?:0|[1-9][0-9]*))
          | \[(?P<array>[ \t]*(?:{_STRING}[ \t]*,[ \t]*)*(?:{_STRING}[ \t]*,?[ \t]*)?)\] )
    )[ \t]*(?:\#.*)?""",
    re.VERBOSE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")  # tomllib refuses them, tab aside


def loads(text: str) -> dict[str, Any] | None:
    """The table ``text`` holds, or None when it is not plain (read it with tomllib)."""
    root: dict[str, Any] = {}
    current = root
    tables: set[str] = set()
    for line in text.split("\n"):
        if _CONTROL.search(line):
            return None
        line = line.strip(" \t")
        if not line or line[0] == "#":
            continue
        found = _LINE.fullmatch(line)
        if found is None:
            return None
        if found["table"] is not None:
            name = found["table"]
            if name in tables or "." in name or name in root:
                return None
            tables.add(name)
            current = root[name] = {}
            continue
        *parents, leaf = found["key"].split(".")
        here = current
        for part in parents:
            here = here.setdefault(part, {})
            if not isinstance(here, dict):
                return None
        if leaf in here:
            return None
        if found["basic"] is not None:
            here[leaf] = found["basic"]
        elif found["literal"] is not None:
            here[leaf] = found["literal"]
        elif found["array"] is not None:
            here[leaf] = [
                item["basic"] if item["basic"] is not None else item["literal"]
                for item in _ITEM.finditer(found["array"])
            ]
        elif found["bool"] is not None:
            here[leaf] = found["bool"] == "true"
        else:
            here[leaf] = int(found["int"])
    return root
