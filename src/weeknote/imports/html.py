"""HTML bodies from blogs and exports, as the Markdown a note keeps.

markdownify does the converting; BeautifulSoup ("html.parser", nothing fetched) cleans
the tree first, because an imported body is untrusted: what a browser would run (scripts,
frames, forms, ``javascript:`` links, ``on*`` handlers) is dropped (an embedded player, a
YouTube ``<iframe>`` or a ``<video>``, first becomes a link to what it plays), and text
that Markdown would read as raw HTML or as a link is escaped, so nothing comes back to life
when the note is rendered.

A Markdown post from a site's folder may hold HTML too: ``markdown_without_html`` converts
the blocks that do, through the same converter, and leaves the rest as it was written.
"""

from __future__ import annotations

import re
import textwrap
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag
    from markdown_it import MarkdownIt
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


@cache
def _converter() -> type[MarkdownConverter]:
    """markdownify, with images written as links, and keys pressed (``<kbd>``, which
    Markdown has no form for) as their text. Made when a body is first converted: a folder
    of Markdown posts never loads markdownify or BeautifulSoup."""
    from markdownify import MarkdownConverter

    class Converter(MarkdownConverter):
        def convert_kbd(self, el: Tag, text: str, parent_tags: set[str]) -> str:
            return text

        def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
            alt = " ".join(str(el.attrs.get("alt") or "").split())
            src = safe_url(str(el.attrs.get("src") or ""))
            if "_inline" in parent_tags or not src:
                return alt
            return f"[{alt or 'image'}]({_destination(src)})"

    return Converter


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


# Embedded players, made links to what they play (the element itself is dropped).
_EMBEDDED = ("iframe", "video", "audio", "embed")
_PLAYER_TAG = re.compile(r"<(?:iframe|video|audio|embed)\b", re.IGNORECASE)
_PLAYERS = (
    (
        re.compile(r"^https?://(?:www\.)?youtube(?:-nocookie)?\.com/embed/([\w-]+)"),
        "https://www.youtube.com/watch?v={}",
        "YouTube video",
    ),
    (
        re.compile(r"^https?://player\.vimeo\.com/video/(\d+)"),
        "https://vimeo.com/{}",
        "Vimeo video",
    ),
)


def _embedded(soup: BeautifulSoup) -> None:
    """An embedded player or page (a YouTube <iframe>, a <video>) as a link to what it
    plays, before the element is dropped with what a browser would run."""
    for tag in soup.find_all(_EMBEDDED):
        src = safe_url(str(tag.get("src") or ""))
        if src is None or not src.startswith(("http://", "https://", "/")):
            continue
        for pattern, address, label in _PLAYERS:
            found = pattern.search(src)
            if found:
                src, name = address.format(found.group(1)), label
                break
        else:
            name = "Video" if tag.name == "video" else "Audio" if tag.name == "audio" else src
        link = soup.new_tag("a", href=src)
        link.string = name
        paragraph = soup.new_tag("p")
        paragraph.append(link)
        tag.replace_with(paragraph)


def _clean(soup: BeautifulSoup) -> None:
    """One walk of the tree (a search of it per rule costs more than the converting): what
    a browser would run goes, links are made safe, and text is escaped outside code."""
    from bs4 import Comment, Tag
    from bs4.element import NavigableString

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
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_autop(html), "html.parser")
    if _PLAYER_TAG.search(html):
        _embedded(soup)
    _clean(soup)
    options: dict[str, Any] = {
        "heading_style": "ATX",
        "bullets": "-",
        "newline_style": "BACKSLASH",
        "autolinks": False,
    }
    soup.smooth()  # text split by what was dropped is one text again, as markdownify reads it
    return _tidy(_converter()(**options).convert_soup(soup))


# A tag or a comment, as HTML in a Markdown paragraph would be (not an autolink, <https://…>).
_HTML_IN_TEXT = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|!--)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$", re.MULTILINE)


def _has_html(text: str) -> bool:
    from weeknote.imports.blocks import parts

    if _HTML_IN_TEXT.search(text) is None:
        return False
    # one block, so its indentation is under HTML or a list's, never a code block's
    text = textwrap.dedent(text)
    return any(_HTML_IN_TEXT.search(part.text) for part in parts(text) if not part.code)


def markdown_without_html(markdown: str) -> str:
    """A Markdown body with the HTML in it made Markdown: each block (paragraph, list,
    HTML block) holding a tag is rendered and converted back by ``to_markdown``, and every
    other line is left as it was written. Code blocks and spans keep their tags, as text."""
    if "<" not in markdown:
        return markdown
    from weeknote.imports.blocks import blocks

    lines = markdown.split("\n")
    found = [
        block
        for block in blocks(lines)
        if not block.code
        and (block.under_html or _has_html("\n".join(lines[block.start : block.end])))
    ]
    if not found:
        return markdown
    references = "\n".join(_REFERENCE.findall(markdown))
    chunks = [_rendered("\n".join(lines[b.start : b.end]), references) for b in found]
    out: list[str] = []
    at = 0
    for block, converted in zip(found, _converted(chunks), strict=True):
        out.extend(lines[at : block.start])
        if converted:
            # a list item's own paragraph stays indented under it (text under HTML does not)
            first = lines[block.start]
            indent = "" if block.under_html else first[: len(first) - len(first.lstrip())]
            out.extend(indent + line if line else line for line in converted.split("\n"))
        elif out and not out[-1].strip():
            out.pop()  # an element that held nothing takes its blank line with it
        at = block.end
    out.extend(lines[at:])
    return "\n".join(out).lstrip("\n")


# Between blocks converted together: a paragraph no HTML or Markdown holds.
_BETWEEN = "\ue002"
_SPLIT = re.compile(f"(?:^|\n+){_BETWEEN}(?:\n+|$)")


def _converted(chunks: list[str]) -> list[str]:
    """Each HTML chunk as Markdown: all in one conversion (most of its cost is the start),
    or one at a time when the HTML of one would swallow the next (an unclosed list)."""
    if len(chunks) > 1:
        together = to_markdown(f"<p>{_BETWEEN}</p>".join(chunks)).rstrip("\n")
        pieces = _SPLIT.split(together)
        if len(pieces) == len(chunks):
            return [piece.strip("\n") for piece in pieces]
    return [to_markdown(chunk).rstrip("\n") for chunk in chunks]


@cache
def _renderer() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _rendered(chunk: str, references: str) -> str:
    """A block of Markdown as HTML, as a site would render it (HTML blocks as they are).
    A block indented under HTML is that HTML's own indentation, not code."""
    chunk = textwrap.dedent(chunk)
    rendered: str = _renderer().render(f"{chunk}\n\n{references}" if references else chunk)
    return rendered


def plain_line(text: str) -> str:
    """A title as one line of plain text: tags stripped, entities decoded, whitespace
    collapsed."""
    if "<" in text or "&" in text:
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(text, "html.parser")
        for tag in soup.find_all(_DROPPED):
            tag.decompose()
        text = soup.get_text()
    return " ".join(text.split())


def escape_text(text: str) -> str:
    """Plain text kept as Markdown, with nothing in it that Markdown would read as HTML."""
    return _TAG_LIKE.sub("&lt;", text)
