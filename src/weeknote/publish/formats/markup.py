"""What the HTML formats share: safe Markdown rendering, the page shell and its CSS.

Notes become HTML through markdown-it-py's CommonMark parser with raw HTML off, so a
note's ``<script>`` is shown as text; links and images whose scheme can run code or
carry a payload (``javascript:``, ``vbscript:``, ``file:``, ``data:``) are left as text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from html import escape
from typing import TYPE_CHECKING

from weeknote.publish.formats.model import Item
from weeknote.text.wording import span

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

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
overflow-wrap:break-word}
a{color:var(--accent)}
h1,h2,h3,h4,h5,h6{line-height:1.25;margin:1.6em 0 .5em}
h1{font-size:1.9rem;margin-top:.5em}
.meta{color:var(--muted);font-size:.9rem;margin:-.25rem 0 1rem}
.tag+.tag{margin-left:.4em}
article{border-top:1px solid var(--rule);margin-top:2.5rem}
article>h2:first-child,article>h1:first-child,article>h3:first-child{margin-top:1.25rem}
.year{margin-top:2.5rem}
.year>h2+article{margin-top:1rem}
ol.notes{list-style:none;padding:0;margin:0}
ol.notes li{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;
gap:0 1rem;
padding:.35rem 0;border-bottom:1px solid var(--rule)}
ol.notes .meta{margin:0;white-space:nowrap}
details{margin:.25rem 0}
summary{cursor:pointer;font-weight:600;padding:.25rem 0}
nav.pager{display:flex;justify-content:space-between;gap:1rem;margin-top:3rem;
border-top:1px solid var(--rule);padding-top:1rem}
nav.pager a[rel=next]{margin-left:auto;text-align:right}
header.site{font-size:.95rem}
pre,code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
pre{background:var(--code);padding:.75rem 1rem;overflow-x:auto;border-radius:4px}
:not(pre)>code{background:var(--code);padding:.1em .3em;border-radius:3px}
blockquote{margin:1rem 0;padding-left:1rem;border-left:3px solid var(--rule);color:var(--muted)}
img{max-width:100%;height:auto}
hr{border:0;border-top:1px solid var(--rule)}
""".strip()


@functools.cache
def _markdown() -> MarkdownIt:
    # Imported here: a site export that finds every page up to date renders none.
    from markdown_it import MarkdownIt

    class _SafeMarkdown(MarkdownIt):
        def validateLink(self, url: str) -> bool:  # noqa: N802 - markdown-it's name
            cleaned = _IGNORED_IN_URLS.sub("", url).strip().lower()
            return not _UNSAFE_SCHEME.match(cleaned)

    return _SafeMarkdown("commonmark", {"html": False})


def to_html(markdown: str, shift: int = 0) -> str:
    """A note body as HTML; ``shift`` moves its headings down (## becomes h4 with 2), so
    they sit under the headings of the page around them."""
    md = _markdown()
    tokens = md.parse(markdown)
    if shift:
        for token in tokens:
            if token.type in ("heading_open", "heading_close"):
                token.tag = f"h{min(6, int(token.tag[1:]) + shift)}"
    rendered: str = md.renderer.render(tokens, md.options, {})
    return rendered


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
        f"<title>{escape(title)}</title>\n{head}<style>\n{CSS}\n</style>\n</head>\n"
        "<body>\n"
    )


PAGE_END = "</body>\n</html>\n"


def by_year(items: list[Item]) -> dict[str, list[Item]]:
    """Items grouped by the ISO year of their week, in the order given."""
    years: dict[str, list[Item]] = {}
    for item in items:
        years.setdefault(item.year, []).append(item)
    return years
