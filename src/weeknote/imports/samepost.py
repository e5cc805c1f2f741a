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

import functools
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from weeknote.folder.note import Note
    from weeknote.imports.model import DatedPost

_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]*>")


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


@functools.cache
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def text_words(markdown: str) -> tuple[str, ...]:
    """A Markdown text as what it says: its words in order (any case folded), and the
    path of each link and image, with no markup, wrapping or punctuation."""
    found: list[str] = []
    for token in _parser().parse(markdown):
        _add(token, found)
    return tuple(found)


def _add(token: Any, found: list[str]) -> None:
    if token.type in ("html_block", "html_inline"):
        found.extend(_words(_TAG.sub(" ", token.content)))
        return
    if token.type in ("link_open", "image"):
        href = token.attrGet("href") or token.attrGet("src") or ""
        if href and not str(href).startswith("#"):
            found.append("@" + address_key(str(href)))
    if token.children:
        for child in token.children:
            _add(child, found)
        return
    if token.type in ("text", "code_inline", "fence", "code_block"):
        found.extend(_words(token.content))


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
    mine, theirs = text_words(note.body), text_words(post.body)
    return mine[: len(theirs)] == theirs
