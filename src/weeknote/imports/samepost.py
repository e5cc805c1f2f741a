"""One post read from two sources: a blog's folder, then its feed (or the other way round).

The two copies are one post when they name the same address (a feed's link and the
folder's permalink, the site's address aside) or the same weeks and title, and their text
differs only in form: hard wrapping, the Markdown a converter writes for the feed's HTML
(``-`` or ``*`` bullets, ``_`` or ``*`` emphasis, escapes, inline or reference links),
typographic quotes and dashes, whitespace. So text is compared as its words, in order, with
each link's and image's address reduced to its path; a real difference in words is not
the same post. A copy whose words are the first part of the other's (a feed that carries
an excerpt) is the same post too.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from weeknote.folder.note import Note
    from weeknote.imports.model import DatedPost


def address_key(url: str) -> str:
    """An address as the post it names: its path, without a trailing slash or
    ``index.html`` (``https://blog.example/2024/05/13/w19/`` and ``/2024/05/13/w19``
    are one post)."""
    parts = urlsplit(url.strip())
    path = parts.path.removesuffix("/index.html").removesuffix("/index.htm").rstrip("/")
    return path.casefold()


def same_address(first: str, second: str) -> bool:
    """Whether two addresses name one post: the same host where both have one, and the
    same path (a site-relative path may lack the prefix a site is served under)."""
    one, other = urlsplit(first.strip()), urlsplit(second.strip())
    if one.netloc and other.netloc and _host(one.netloc) != _host(other.netloc):
        return False
    a, b = address_key(first), address_key(second)
    if not a or not b:
        return False
    if a == b:
        return True
    if one.netloc and other.netloc:
        return False
    shorter, longer = sorted((a, b), key=len)  # Jekyll's baseurl: "/blog" + the permalink
    return longer.endswith(shorter) and shorter.startswith("/") and shorter.count("/") > 1


def _host(netloc: str) -> str:
    return netloc.casefold().removeprefix("www.")


# What a Markdown text says is read with a few patterns rather than a Markdown parser: a
# re-import of a whole blog compares thousands of posts, and a parse costs milliseconds each.
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_INLINE_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:[ \t]+.*)?$", re.MULTILINE)
_REFERENCE_USE = re.compile(r"\]\[[^\]\n]*\]")  # [text][label]: the label is no word
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^>\s]*)>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_WORD = re.compile(r"[^\W_]+")  # "_" is Markdown's emphasis as often as part of a name


class Said(NamedTuple):
    """What a text says: its words in order, and the paths its links and images lead to."""

    words: tuple[str, ...]
    targets: tuple[str, ...]  # sorted: a reference link's address is written elsewhere

    def begins(self, other: Said) -> bool:
        """Whether ``other`` is this text or its first part (with none of its own links)."""
        return self.words[: len(other.words)] == other.words and not (
            Counter(other.targets) - Counter(self.targets)
        )


def text_words(markdown: str) -> Said:
    """A Markdown text as what it says (see Said), whatever its markup, wrapping, escapes,
    entities or punctuation."""
    targets: list[str] = []

    def target(match: re.Match[str], keep: str = " ") -> str:
        found = address_key(match.group(1))
        if found:
            targets.append(found)
        return keep

    text = _REFERENCE.sub(target, markdown)
    text = _INLINE_TARGET.sub(lambda match: target(match, "] "), text)
    text = _REFERENCE_USE.sub("] ", text)
    text = _AUTOLINK.sub(lambda match: target(match, f" {match.group(1)} "), text)
    text = html.unescape(_ESCAPED.sub(r"\1", _TAG.sub(" ", text)))
    return Said(tuple(_words(text)), tuple(sorted(targets)))


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def same_post(note: Note, item: DatedPost) -> bool:
    """Whether ``item`` is the post ``note`` holds, read from another source or in
    another form (see the module's docstring)."""
    post = item.post
    source = note.extra.get("source")
    by_address = isinstance(source, str) and post.url is not None and same_address(source, post.url)
    title = _words(note.title)
    if title != _words(post.title):
        return False
    if not by_address and tuple(note.weeks) != item.ids:
        return False
    return text_words(note.body).begins(text_words(post.body))
