"""What the HTML formats share: safe Markdown rendering, the page shell and its CSS.

Notes become HTML through one markdown-it-py parser, used by the site, its feed, the html
page and the email: CommonMark with GitHub's tables, ``~~strikethrough~~`` and bare URLs
linked (``https://…``, ``www.…``, an email address; not ``notes.md``). Raw HTML is off, so
a note's ``<kbd>`` or ``<script>`` is shown as text (the hugo export writes it escaped, to
the same end); links and images whose scheme can run code or carry a payload
(``javascript:``, ``vbscript:``, ``file:``, ``data:``) are left as text. Given a page for
each tag, a ``#tag`` in a note's text links to it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from weeknote.publish.formats.model import Item, Options
from weeknote.text.hashtags import tag_places
from weeknote.text.wording import plural, span

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

_UNSAFE_SCHEME = re.compile(r"(?:javascript|vbscript|file|data):")
_IGNORED_IN_URLS = re.compile(r"[\t\n\r]")  # browsers drop these before reading a scheme

# No scripts, frames, fonts or stylesheets from anywhere: only the inline CSS.
CSP_NO_REQUESTS = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
CSP_SITE = "default-src 'none'; style-src 'unsafe-inline'; img-src *"

CSS = """
:root{color-scheme:light dark;--bg:#fcfcfa;--fg:#1f2023;--muted:#5e636b;--accent:#1a5fb4;
--rule:#e2e2de;--code:#f1f1ee}
@media (prefers-color-scheme:dark){:root{--bg:#17191c;--fg:#e4e4e0;--muted:#a3a8b0;
--accent:#8ab4f8;--rule:#30343a;--code:#23262b}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0 auto;max-width:44rem;padding:1.5rem 1.25rem 4rem;background:var(--bg);
color:var(--fg);font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
overflow-wrap:anywhere}
a{color:var(--accent)}
h1,h2,h3,h4,h5,h6{line-height:1.25;margin:1.6em 0 .5em}
h1{font-size:1.9rem;margin-top:.5em}
.meta{color:var(--muted);font-size:.9rem;margin:-.25rem 0 1rem}
.meta time{white-space:nowrap}
.tag+.tag{margin-left:.4em}
.meta .tag{display:inline-block;max-width:100%}
article{border-top:1px solid var(--rule);margin-top:2.5rem}
article>h2:first-child,article>h1:first-child,article>h3:first-child{margin-top:1.25rem}
.year{margin-top:2.5rem}
.year>h2+article{margin-top:1rem}
ol.notes{list-style:none;padding:0;margin:0}
ol.notes li{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;
gap:0 1rem;
padding:.35rem 0;border-bottom:1px solid var(--rule)}
ol.notes .meta{margin:0}
details{margin:.25rem 0}
summary{cursor:pointer;font-weight:600;padding:.25rem 0}
nav.pager{display:flex;justify-content:space-between;gap:1rem;margin-top:3rem;
border-top:1px solid var(--rule);padding-top:1rem}
nav.pager a{min-width:0}
nav.pager a[rel=next]{margin-left:auto;text-align:right}
header.site{font-size:.95rem}
pre,code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
pre{background:var(--code);padding:.75rem 1rem;overflow-x:auto;border-radius:4px}
:not(pre)>code{background:var(--code);padding:.1em .3em;border-radius:3px}
blockquote{margin:1rem 0;padding-left:1rem;border-left:3px solid var(--rule);color:var(--muted)}
img{max-width:100%;height:auto}
.table{overflow-x:auto;margin:1rem 0}
table{border-collapse:collapse;overflow-wrap:normal}
th,td{border:1px solid var(--rule);padding:.3rem .6rem;vertical-align:top}
th{background:var(--code)}
del,s{color:var(--muted)}
hr{border:0;border-top:1px solid var(--rule)}
""".strip()


@functools.cache
def _markdown() -> MarkdownIt:
    # Imported here: a site export that finds every page up to date renders none, and
    # `bullet` and `new` never import the link finder.
    from linkify_it import LinkifyIt
    from markdown_it import MarkdownIt

    class _SafeMarkdown(MarkdownIt):
        def validateLink(self, url: str) -> bool:  # noqa: N802 - markdown-it's name
            cleaned = _IGNORED_IN_URLS.sub("", url).strip().lower()
            return not _UNSAFE_SCHEME.match(cleaned)

    class _Links(LinkifyIt):  # type: ignore[misc]
        """Bare URLs as GitHub links them: with a scheme, ``www.`` or an email address;
        a word that only ends in a top-level domain (``notes.md``, ``config.sh``) is not
        a link."""

        def pretest(self, text: str) -> bool:
            # linkify-it's own pretest is a long regex, and most lines hold no link: a link
            # is kept only with a scheme's ":", "www." or an "@" (not "//example.org")
            maybe = ":" in text or "@" in text or "www." in text.lower()
            return maybe and bool(super().pretest(text))

        def match(self, text: str) -> list[Any] | None:
            found = [
                each
                for each in super().match(text) or ()
                if each.schema or each.raw[:4].lower() == "www."
            ]
            return found or None

    md = _SafeMarkdown("gfm-like", {"html": False})
    md.linkify = _Links()
    md.core.ruler.push("tag_links", _tag_links)
    md.add_render_rule("table_open", _table_open)
    md.add_render_rule("table_close", _table_close)
    from markdown_it.renderer import RendererHTML

    assert isinstance(md.renderer, RendererHTML)
    for name in ("fence", "code_block"):
        md.add_render_rule(name, _scrolling_code(md.renderer.rules[name]))
    return md


# A wide table or code block scrolls inside the text's width instead of widening the page;
# it can take the keyboard's focus, so it scrolls without a mouse too.
_SCROLLS = ' tabindex="0"'


def _table_open(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return f'<div class="table"{_SCROLLS}>\n' + str(self.renderToken(tokens, idx, options, env))


def _table_close(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return str(self.renderToken(tokens, idx, options, env)) + "</div>\n"


def _scrolling_code(rule: Callable[..., str]) -> Callable[..., str]:
    def render(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
        return rule(tokens, idx, options, env).replace("<pre>", f"<pre{_SCROLLS}>", 1)

    return render


def _tag_links(state: StateCore) -> None:
    """Each ``#tag`` of the note (``env["tags"]``) in its text made a link to the tag's
    page (``env["tag_href"]``); not in code, and not in a link (a URL is one)."""
    href = state.env.get("tag_href") if isinstance(state.env, dict) else None
    if href is None:
        return
    tags: Collection[str] = state.env["tags"]
    from markdown_it.token import Token

    for block in state.tokens:
        if block.type != "inline" or not block.children or "#" not in block.content:
            continue
        children: list[Token] = []
        in_link = 0
        for token in block.children:
            if token.type in ("link_open", "link_close"):
                in_link += 1 if token.type == "link_open" else -1
            if token.type != "text" or in_link or "#" not in token.content:
                children.append(token)
                continue
            places = [place for place in tag_places(token.content) if place[2] in tags]
            if not places:
                children.append(token)
                continue
            text, at = token.content, 0
            for start, end, key in places:
                if start > at:
                    children.append(Token("text", "", 0, content=text[at:start]))
                children += [
                    Token("link_open", "a", 1, attrs={"href": href(key)}),
                    Token("text", "", 0, content=text[start:end]),
                    Token("link_close", "a", -1),
                ]
                at = end
            if at < len(text):
                children.append(Token("text", "", 0, content=text[at:]))
        block.children = children


def to_html(
    markdown: str,
    shift: int = 0,
    tag_href: Callable[[str], str] | None = None,
    tags: Collection[str] = (),
) -> str:
    """A note body as HTML; ``shift`` moves its headings down (## becomes h4 with 2), so
    they sit under the headings of the page around them; with ``tag_href``, each of
    ``tags`` written as a ``#tag`` links to its page."""
    md = _markdown()
    env = {"tag_href": tag_href, "tags": tags} if tag_href is not None and tags else {}
    tokens = md.parse(markdown, env)
    if shift:
        for token in tokens:
            if token.type in ("heading_open", "heading_close"):
                token.tag = f"h{min(6, int(token.tag[1:]) + shift)}"
    rendered: str = md.renderer.render(tokens, md.options, env)
    return rendered


def code_lines(markdown: str) -> set[int]:
    """The numbers (from 0) of the lines of code blocks, fenced or indented, fences too."""
    found: set[int] = set()
    for token in _markdown().parse(markdown):
        if token.type in ("fence", "code_block") and token.map:
            found.update(range(*token.map))
    return found


# What a description is made from: the start of a note, cut at a paragraph's end.
_DESCRIBED = 600
DESCRIPTION_LENGTH = 160


def describe(markdown: str, length: int = DESCRIPTION_LENGTH) -> str:
    """A note's opening as one line of plain text, at most ``length`` characters, for a
    page's description: its first paragraph, or its first list (with the line that leads
    into it: "Highlights:"). Code, tables, images and headings are left out."""
    text = markdown[:_DESCRIBED]
    if len(markdown) > _DESCRIBED and "\n\n" in text:
        text = text[: text.rindex("\n\n")]  # whole paragraphs, so a longer note says the same
    said = ""
    lists = 0
    in_table = in_heading = False
    for token in _markdown().parse(text):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
            if said and not lists:
                break
        elif kind in ("heading_open", "heading_close"):
            in_heading = kind == "heading_open"
            if said:
                break
        elif kind in ("table_open", "table_close"):
            in_table = kind == "table_open"
        elif kind == "inline" and not (in_table or in_heading):
            plain = _plain(token)
            if plain and said:
                said += (" " if said[-1] in ".!?:;,…" else "; ") + plain
            elif plain:
                said = plain
            if len(said) > length or (said and not lists and not said.endswith(":")):
                break
    return _cut(said, length)


def _plain(token: Token) -> str:
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def _cut(text: str, length: int) -> str:
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if " " in cut[length // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—") + "…"


def meta_line(item: Item, tag_href: Callable[[str], str] | None = None) -> str:
    """'16-22 Nov 2026 · #tag' under a note's title; with ``tag_href``, each tag links to
    its page."""
    entry = item.entry
    when = (
        f'<time datetime="{entry.start.isoformat()}">{escape(span(entry.start, entry.end))}</time>'
    )
    if tag_href is None:
        tags = "".join(f' <span class="tag">#{escape(tag)}</span>' for tag in entry.tags)
    else:
        tags = "".join(
            f' <a class="tag" href="{escape(tag_href(tag))}">#{escape(tag)}</a>'
            for tag in entry.tags
        )
    return f'<p class="meta">{when}{" ·" + tags if tags else ""}</p>'


def notes_description(items: Sequence[Item], options: Options) -> str:
    """What a page of many notes is about: config site.description, or what it holds ('42
    weeknotes, 9 Dec 2024-22 Nov 2026, by Ann.')."""
    if options.description:
        return options.description
    first = min(item.entry.start for item in items)
    last = max(item.entry.end for item in items)
    by = f", by {options.author}" if options.author else ""
    return f"{plural(len(items), 'weeknote')}, {span(first, last)}{by}."


def head_meta(
    description: str, *, title: str = "", url: str = "", kind: str = "website", site: str = ""
) -> str:
    """A page's description, and with ``title`` its OpenGraph title, description, type, site
    name and (only when the page's absolute URL is known) url, as link previews read them."""
    meta = f'<meta name="description" content="{escape(description)}">\n' if description else ""
    if not title:
        return meta
    graph = {"og:title": title, "og:description": description, "og:type": kind}
    graph |= {"og:site_name": site, "og:url": url}
    meta += "".join(
        f'<meta property="{name}" content="{escape(value)}">\n'
        for name, value in graph.items()
        if value
    )
    return meta


# A note on a page: an icon drawn inline, so a browser asks the server for no favicon.ico.
_ICON = (
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'>"
    "<rect width='16' height='16' rx='3' fill='#1a5fb4'/>"
    "<path d='M4 5h8M4 8h8M4 11h5' stroke='#fff' stroke-width='1.6' stroke-linecap='round'/>"
    "</svg>"
)
ICON_LINK = f'<link rel="icon" href="data:image/svg+xml,{quote(_ICON)}">\n'


def page(title: str, content: str, *, csp: str, head: str = "") -> str:
    """A whole HTML5 document around ``content``."""
    return f"{page_start(title, csp=csp, head=head)}{content}{PAGE_END}"


def page_pieces(title: str, content: Iterable[str], *, csp: str, head: str = "") -> Iterator[str]:
    """``page``'s document with its content given in pieces, and given back so."""
    yield page_start(title, csp=csp, head=head)
    yield from content
    yield PAGE_END


def page_start(title: str, *, csp: str, head: str = "") -> str:
    """A page's text up to its content."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="generator" content="weeknote">\n'
        f"<title>{escape(title)}</title>\n{ICON_LINK}{head}<style>\n{CSS}\n</style>\n</head>\n"
        "<body>\n"
    )


PAGE_END = "</body>\n</html>\n"


def by_year(items: list[Item]) -> dict[str, list[Item]]:
    """Items grouped by the ISO year of their week, in the order given."""
    years: dict[str, list[Item]] = {}
    for item in items:
        years.setdefault(item.year, []).append(item)
    return years
