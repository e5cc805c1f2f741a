"""Which notes may hold a word: each note's words, cached, so that `search` reads only the
notes that can match.

The cache sits beside the note index (same key, same rules: derived data, keyed on each
note's size and modification time, ignored line by line when damaged, written only once a
command has succeeded). It is a filter, never the answer: a note it lets through is still
read and matched as before, and it lets through every note that could match.

A note's words are its title and body case folded and cut at white space and ASCII
punctuation. Any query word's pieces, cut the same way, lie each inside one such word of a
note that holds the query word, so "every piece is a substring of the note's words" is true
of every note that matches, whole word or partial.
"""

from __future__ import annotations

import re
from pathlib import Path

from weeknote.folder import index
from weeknote.folder.collector import CollectorPaused
from weeknote.folder.index import Stamp

HEADER = b"weeknote words 1\n"
_CUT = re.compile(r"[\s!-/:-@\[-^`{-~]+")  # white space, and ASCII punctuation but "_"


def pieces(folded: str) -> list[str]:
    """The words of case-folded text, each once, in order of first use."""
    return [piece for piece in dict.fromkeys(_CUT.split(folded)) if piece]


class WordIndex:
    """The cached words of a folder's notes, by file name."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.words: dict[str, tuple[Stamp, bytes]] = {}
        self.changed = False
        try:
            data = path.read_bytes()
        except OSError:
            return
        if not data.startswith(HEADER):
            return
        words = self.words
        with CollectorPaused():
            for line in data[len(HEADER) :].split(b"\n"):
                fields = line.split(b"\t", 3)
                try:
                    name, mtime, size, found = fields
                    words[name.decode("utf-8")] = ((int(mtime), int(size)), found)
                except ValueError:  # damaged (UnicodeDecodeError too): read that note again
                    continue

    def may_hold(self, name: str, stamp: Stamp, needles: list[bytes]) -> bool | None:
        """Whether the note may hold every needle; None when its words are not known for
        this stamp (then the note must be read)."""
        known = self.words.get(name)
        if known is None or known[0] != stamp:
            return None
        words = known[1]
        if len(needles) == 1:  # one word asked for, as most searches are
            return needles[0] in words
        return all(needle in words for needle in needles)

    def learn(self, name: str, stamp: Stamp, folded: str) -> None:
        """Record a note's words, from its title and body case folded (a note whose name
        cannot be written on one line of the cache is simply read each time)."""
        if "\t" in name or "\n" in name or not name.isprintable():
            return
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:
            return
        self.words[name] = (stamp, " ".join(pieces(folded)).encode("utf-8"))
        self.changed = True

    def keep_only(self, names: set[str]) -> None:
        """Forget notes that are gone."""
        for name in [name for name in self.words if name not in names]:
            del self.words[name]
            self.changed = True

    def save_later(self, caches: index.Caches) -> None:
        """Have the cache written once the command has succeeded, if it changed."""
        if self.changed:
            caches[self.path] = self.text

    def text(self) -> bytes:
        lines = [
            b"%s\t%d\t%d\t%s\n" % (name.encode("utf-8"), stamp[0], stamp[1], words)
            for name, (stamp, words) in self.words.items()
        ]
        return HEADER + b"".join(lines)


def needles_of(folded_words: list[str]) -> list[bytes]:
    """What every matching note's words must hold, for query words already case folded."""
    return [piece.encode("utf-8") for word in folded_words for piece in pieces(word)]
