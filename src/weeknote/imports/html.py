"""HTML bodies from blogs and exports, as the Markdown a note keeps.

markdownify does the converting; BeautifulSoup ("html.parser", nothing fetched) cleans
the tree first, because an imported body is untrusted: what a browser would run (scripts,
frames, forms, ``javascript:`` links, ``on*`` handlers) is dropped, and text that Markdown
would read as raw HTML or as a link is escaped, so nothing comes back to life when the
note is rendered.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup, Comment, Tag
from bs4.element import NavigableString
from markdownify import MarkdownConverter

# Dropped with everything inside them: code a browser would run, or content from elsewhere.
_DROPPED = (
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "form",
    "noscript",
    "template",
    "svg",
    "math",
    "link",
    "meta",
    "base",
    "head",
    "title",
    "button",
    "input",
    "select",
    "textarea",
)
_DROPPED_NAMES = frozenset(_DROPPED)
_SAFE_SCHEMES = ("http", "https", "mailto", "ftp", "tel")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")

# wpautop: WordPress keeps a classic post's paragraphs as blank-line-separated text and
# adds the <p> tags when it shows the post. A chunk that starts with a block tag is left be.
_BLOCKS = (
    "address|article|aside|blockquote|dd|details|div|dl|dt|figcaption|figure|footer|h[1-6]"
    "|header|hr|li|main|nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead|tr|ul|caption"
)
_STARTS_BLOCK = re.compile(rf"^\s*</?(?:{_BLOCKS})\b", re.IGNORECASE)
_PRE = re.compile(r"<pre\b.*?</pre\s*>", re.IGNORECASE | re.DOTALL)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")

# Text that Markdown would take for a tag (`<script`, `</x`, `<!--`) or for link syntax.
_TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?])")
_LINK_LIKE = re.compile(r"\](?=[(:\[])")


def safe_url(url: str | None) -> str | None:
    """``url`` when following it cannot run anything: http(s), mailto, ftp, tel or a
    relative address; None for ``javascript:``, ``data:``, ``vbscript:`` and the rest."""
    if not url:
        return None
    # Browsers ignore tabs, newlines and control characters inside a scheme ("java\tscript:").
    probe = _INVISIBLE.sub("", url).lower()
    match = _SCHEME.match(probe)
    if match and match.group(1) not in _SAFE_SCHEMES:
        return None
    if not match and ":" in probe.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]:
        return None  # a scheme this pattern does not read (a colon before any slash)
    return url.strip()


def _destination(url: str) -> str:
    """A link destination Markdown reads whole, even with spaces or parentheses in it."""
    if re.search(r"[\s()<>]", url):
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url


class _Converter(MarkdownConverter):
    """markdownify, with images written as links."""

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        alt = " ".join(str(el.attrs.get("alt") or "").split())
        src = safe_url(str(el.attrs.get("src") or ""))
        if "_inline" in parent_tags or not src:
            return alt
        return f"[{alt or 'image'}]({_destination(src)})"


def _autop(html: str) -> str:
    """Wrap the blank-line-separated runs of text that are not already blocks in <p>."""
    kept: list[str] = []

    def hold(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    held = _PRE.sub(hold, html)
    chunks = []
    for chunk in _BLANK_LINE.split(held):
        if not chunk.strip():
            continue
        if _STARTS_BLOCK.match(chunk) or re.fullmatch(r"\s*\x00\d+\x00\s*", chunk):
            chunks.append(chunk)
        else:
            lines = chunk.strip().split("\n")
            chunks.append("<p>" + "<br />\n".join(lines) + "</p>")
    text = "\n\n".join(chunks)
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)


def _clean(soup: BeautifulSoup) -> None:
    """One walk of the tree (a search of it per rule costs more than the converting): what
    a browser would run goes, links are made safe, and text is escaped outside code."""
    stack: list[tuple[Tag, bool]] = [(soup, False)]
    while stack:  # not recursive: a hostile body can nest thousands deep
        parent, in_code = stack.pop()
        for node in list(parent.contents):
            if isinstance(node, Tag):
                if node.name in _DROPPED_NAMES:
                    node.decompose()
                    continue
                _clean_attributes(node)
                stack.append((node, in_code or node.name in ("code", "pre")))
            elif isinstance(node, Comment):
                node.extract()
            elif isinstance(node, NavigableString) and not in_code:
                # a code span shows its text as it is; other text must not read as markup
                text = str(node)
                escaped = _LINK_LIKE.sub(r"\\]", _TAG_LIKE.sub("&lt;", text))
                if escaped != text:
                    node.replace_with(escaped)


def _clean_attributes(tag: Tag) -> None:
    for name in [name for name in tag.attrs if name.lower().startswith("on")]:
        del tag.attrs[name]
    if tag.name == "a":
        href = safe_url(str(tag.get("href") or ""))
        if href is None:
            tag.attrs.pop("href", None)
        else:
            tag["href"] = _destination(href)
        tag.attrs.pop("title", None)


def _tidy(markdown: str) -> str:
    lines = [line.rstrip() for line in markdown.replace("\r\n", "\n").split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n" if text.strip() else ""


def to_markdown(html: str) -> str:
    """An HTML body as Markdown: paragraphs, lists, links, emphasis, ATX headings, images
    as links ``[alt](src)``, code. No raw HTML, script or unsafe link is left; an empty
    body is ""."""
    # Gutenberg's <!-- wp:paragraph --> block marks go; NULs are kept for _autop's marks
    html = _HTML_COMMENT.sub("", html.replace("\x00", ""))
    if not html.strip():
        return ""
    soup = BeautifulSoup(_autop(html), "html.parser")
    _clean(soup)
    options: dict[str, Any] = {
        "heading_style": "ATX",
        "bullets": "-",
        "newline_style": "BACKSLASH",
        "autolinks": False,
    }
    soup.smooth()  # text split by what was dropped is one text again, as markdownify reads it
    return _tidy(_Converter(**options).convert_soup(soup))


def plain_line(text: str) -> str:
    """A title as one line of plain text: tags stripped, entities decoded, whitespace
    collapsed."""
    if "<" in text or "&" in text:
        soup = BeautifulSoup(text, "html.parser")
        for tag in soup.find_all(_DROPPED):
            tag.decompose()
        text = soup.get_text()
    return " ".join(text.split())


def escape_text(text: str) -> str:
    """Plain text kept as Markdown, with nothing in it that Markdown would read as HTML."""
    return _TAG_LIKE.sub("&lt;", text)
