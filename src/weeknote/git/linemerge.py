"""The git merge driver for drafts and breaks.txt: two machines' changes, line by line.

``init --git`` and ``sync`` register it in the repository's config, and ``.gitattributes``
names it for ``drafts/*.md`` and ``breaks.txt``. git calls it with the common ancestor, this
side and the other side of a file; it writes the merge over this side and exits 0, so such
files never conflict:

- a line either side added is kept, once for each time it was added (two bullets of the
  same text are two bullets);
- a line either side removed (``bullet --undo``, ``skip --undo``, an edit by hand) is gone;
- a draft's bullets end in the order they were added (each carries its moment), and
  breaks.txt holds each week once.

Pure but for reading and writing the three files git names.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

DRIVER = "weeknote"  # the name .gitattributes and the repository's config give it


def merge_lines(base: str, ours: str, theirs: str, path: str) -> str:
    """The three-way merge of a draft or breaks.txt, by lines taken as a multiset."""
    base_count = Counter(_lines(base))
    theirs_lines = _lines(theirs)
    theirs_count = Counter(theirs_lines)
    removed = base_count - theirs_count  # lines the other side took away
    added = theirs_count - base_count  # lines the other side put in
    kept: list[str] = []
    for line in _lines(ours):
        if removed[line]:
            removed[line] -= 1
            continue
        kept.append(line)
    seen_here = Counter(kept)
    for line in theirs_lines:
        if added[line] and seen_here[line] < base_count[line] + added[line]:
            kept.append(line)
            seen_here[line] += 1
            added[line] -= 1
    text = "".join(line + "\n" for line in kept)
    if Path(path).name == "breaks.txt":
        from weeknote.folder.breaks import tidy_breaks

        return tidy_breaks(text)
    from weeknote.folder.drafts import in_order

    return in_order(text)


def _lines(text: str) -> list[str]:
    return [line.rstrip("\r") for line in text.splitlines()]


def main(argv: list[str]) -> int:
    """``python -m weeknote.git.linemerge BASE OURS THEIRS PATH``: the merge written to OURS."""
    if len(argv) != 4:
        sys.stderr.write("usage: python -m weeknote.git.linemerge BASE OURS THEIRS PATH\n")
        return 2
    base, ours, theirs, path = argv
    try:
        old, mine, other = (Path(name).read_text(encoding="utf-8") for name in (base, ours, theirs))
        merged = merge_lines(old, mine, other, path)
        Path(ours).write_text(merged, encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        sys.stderr.write(f"weeknote could not merge {path}: {exc}\n")
        return 1  # git then leaves the file conflicted, and sync keeps both sides
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
