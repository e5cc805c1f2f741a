"""Tags in text: words written ``#like-this``, and the one form they are kept in.

Pure and cheap to import: `weeknote bullet` looks for tags in each bullet it captures.
"""

from __future__ import annotations

import re

# A tag starts at a "#" that does not follow a word character, "#" (a heading's "##"),
# "&" (an entity such as &#x41;) or "/" (a URL's "/#fragment").
_TAG = re.compile(r"(?<![\w#&/])#(?=[^\W_])")
_ATX_HEADING = re.compile(r"[ \t]*#{1,6}(?=\s|$)")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S*|\bwww\.\S*")
_FENCE_OPEN = re.compile(r"\s*(`{3,}|~{3,})(.*)")


def tag_key(tag: str) -> str:
    """The form tags are stored, compared and shown in: no leading ``#``, lower case, NFC.
    (Lower case rather than casefold: ``#Straße`` stays ``straße``, as it was written.)"""
    key = tag.strip().lstrip("#").lower()
    if key.isascii():
        return key  # NFC already, as most tags are
    import unicodedata  # only for text beyond ASCII: a capture of most bullets needs none

    return unicodedata.normalize("NFC", key)


def _tag_char(char: str) -> bool:
    # Combining marks too: the vowel signs of Devanagari or Tamil, a decomposed accent.
    if char.isascii():
        return char.isalnum() or char in "-_"
    import unicodedata

    return char.isalnum() or unicodedata.category(char).startswith("M")


def find_tags(text: str) -> list[str]:
    """Words written ``#like-this`` (letters and digits of any script, ``-`` and ``_``, with
    at least one letter), as tag_key gives them, in order. Not a tag: a Markdown heading's
    ``#``, a URL's fragment, anything in inline code or a fenced code block, ``#42``."""
    found: list[str] = []
    fence = ""
    for line in text.splitlines():
        if fence:
            if line.strip().rstrip(fence[0]) == "" and line.strip().startswith(fence):
                fence = ""
            continue
        opening = _FENCE_OPEN.match(line)
        if opening and not (opening.group(1)[0] == "`" and "`" in opening.group(2)):
            fence = opening.group(1)
            continue
        heading = _ATX_HEADING.match(line)
        if heading:
            line = line[heading.end() :]
        found += [key for _, _, key in tag_places(_CODE_SPAN.sub(" ", line))]
    return found


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def tag_places(text: str) -> list[tuple[int, int, str]]:
    """Each tag in a run of text that holds no code and no heading marks: where its ``#``
    is, where the tag ends and its tag_key. A URL's fragment is not a tag."""
    if "#" not in text:
        return []
    text = _URL.sub(_blank, text) if "://" in text or "www." in text else text
    places = []
    for match in _TAG.finditer(text):
        end = match.end()
        while end < len(text) and _tag_char(text[end]):
            end += 1
        word = text[match.end() : end].rstrip("-_")
        if any(char.isalpha() for char in word):
            places.append((match.start(), match.end() + len(word), tag_key(word)))
    return places
