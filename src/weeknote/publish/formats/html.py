"""``html``: one standalone HTML5 page, newest note first, with a contents list by year.

Inline CSS only and a Content-Security-Policy that allows no requests at all, so the
page can be mailed or opened from disk; dark mode follows ``prefers-color-scheme``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from html import escape

from weeknote.publish.formats.markup import (
    CSP_NO_REQUESTS,
    by_year,
    head_meta,
    meta_line,
    notes_description,
    page_pieces,
    to_html,
)
from weeknote.publish.formats.model import Document, Item, Options


def _contents(years: dict[str, list[Item]]) -> str:
    lines = ['<nav aria-label="Contents">\n<h2>Contents</h2>\n']
    for index, (year, items) in enumerate(years.items()):
        count = f"{len(items)} note{'s' if len(items) != 1 else ''}"
        lines.append(
            f"<details{' open' if index == 0 else ''}>"
            f'<summary>{year} <span class="meta">({count})</span></summary>\n'
            '<ol class="notes">\n'
        )
        lines.extend(
            f'<li><a href="#{item.slug}">{escape(item.title)}</a>{meta_line(item)}</li>\n'
            for item in items
        )
        lines.append("</ol>\n</details>\n")
    lines.append("</nav>\n")
    return "".join(lines)


def export(items: Sequence[Item], options: Options) -> Document:
    content = _content(by_year(list(items)), options)
    head = head_meta(notes_description(items, options))
    return page_pieces(options.title, content, csp=CSP_NO_REQUESTS, head=head)


def _content(years: dict[str, list[Item]], options: Options) -> Iterator[str]:
    yield f"<header>\n<h1>{escape(options.title)}</h1>\n</header>\n"
    yield _contents(years)
    yield "<main>\n"
    for year, group in years.items():
        yield f'<section class="year" id="y{year}">\n<h2>{year}</h2>\n'
        for item in group:
            yield (
                f'<article id="{item.slug}">\n<h3>{escape(item.title)}</h3>\n'
                f"{meta_line(item)}\n{to_html(item.body, shift=2)}</article>\n"
            )
        yield "</section>\n"
    yield "</main>\n"
