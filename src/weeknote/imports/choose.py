"""Which posts of a whole blog are weeknotes: those whose title, tags or categories hold one
of the `import.match` phrases ("weeknote", "week N", …), or whose title or file name names
its week."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from weeknote.imports.model import Post


def _phrase(pattern: str) -> str:
    """A phrase as a regular expression: words match whole, case aside, with any spacing or
    dashes between them ("week note" matches "Week-note"); "N" stands for a number."""
    words = pattern.split()
    parts = [r"\d+" if word == "N" else re.escape(word) for word in words]
    body = r"[\s\-\u2013\u2014]*".join(parts)
    before = r"(?<!\w)" if words[0][0].isalnum() or words[0] == "N" else ""
    after = r"(?!\w)" if words[-1][-1].isalnum() or words[-1] == "N" else ""
    return f"{before}{body}{after}"


class Matcher:
    """Tells weeknotes from other posts. ``names_week`` says whether a title states its week
    (such a post is a weeknote whatever its words)."""

    def __init__(self, phrases: Sequence[str], names_week: Callable[[str], bool]) -> None:
        self.phrases = tuple(phrases)
        self._pattern = re.compile("|".join(_phrase(p) for p in self.phrases), re.IGNORECASE)
        self._names_week = names_week

    def why(self, post: Post) -> str | None:
        """What makes ``post`` a weeknote, or None when nothing does."""
        for where, texts in (
            ("title", (post.title,)),
            ("tag", post.tags),
            ("category", post.categories),
        ):
            for text in texts:
                found = self._pattern.search(text)
                if found:
                    return f"its {where} holds {found.group(0)!r}"
        if self._names_week(post.title):
            return "its title names its week"
        if post.named_week is not None:
            return "its file name states its week"
        return None


NOT_A_WEEKNOTE = "not a weeknote by import.match (--all takes it)"
