"""``site``: a static site. ``index.html`` lists the notes by year, newest first; each
note has a page at ``2026-W47.html`` (its week id: stable across exports); ``feed.xml``
is an Atom 1.0 feed of every note.

Links between pages are relative, so the folder works from disk or under any path.
Atom wants absolute ids: with ``base_url`` an entry's id is its page's absolute URL,
without it ``urn:weeknote:2026-W47``. Dates come from the notes (an entry's
``published`` and ``updated`` are its note's ``date``), never from the clock.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from html import escape
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from weeknote.export.markup import CSP_SITE, by_year, meta_line, page, to_html
from weeknote.export.model import Item, Options

ATOM = "http://www.w3.org/2005/Atom"
FEED = "feed.xml"
INDEX = "index.html"
# Characters XML 1.0 cannot hold, even escaped; a stray one would make the feed unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def permalink(item: Item) -> str:
    return f"{item.slug}.html"


def _head(options: Options) -> str:
    title = escape(options.title)
    return f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{FEED}">\n'


def _index(items: Sequence[Item], options: Options) -> str:
    parts = [
        f"<header>\n<h1>{escape(options.title)}</h1>\n"
        f'<p class="meta">{len(items)} notes · <a href="{FEED}">Atom feed</a></p>\n</header>\n'
        "<main>\n"
    ]
    for year, group in by_year(list(items)).items():
        parts.append(f'<section class="year" id="y{year}">\n<h2>{year}</h2>\n<ol class="notes">\n')
        parts.extend(
            f'<li><a href="{permalink(item)}">{escape(item.note.title)}</a>{meta_line(item)}</li>\n'
            for item in group
        )
        parts.append("</ol>\n</section>\n")
    parts.append("</main>\n")
    return page(options.title, "".join(parts), csp=CSP_SITE, head=_head(options))


def _pager(newer: Item | None, older: Item | None) -> str:
    links = []
    if older:
        links.append(f'<a rel="prev" href="{permalink(older)}">← {escape(older.note.title)}</a>')
    else:
        links.append("<span></span>")
    if newer:
        links.append(f'<a rel="next" href="{permalink(newer)}">{escape(newer.note.title)} →</a>')
    return f'<nav class="pager">\n{chr(10).join(links)}\n</nav>\n'


def _note_page(
    item: Item, body: str, newer: Item | None, older: Item | None, options: Options
) -> str:
    content = (
        f'<header class="site"><a href="{INDEX}">{escape(options.title)}</a></header>\n'
        f"<article>\n<h1>{escape(item.note.title)}</h1>\n{meta_line(item)}\n{body}</article>\n"
        f"{_pager(newer, older)}"
    )
    return page(f"{item.note.title} · {options.title}", content, csp=CSP_SITE, head=_head(options))


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


def feed(items: Sequence[Item], bodies: dict[str, str], options: Options) -> str:
    """The Atom 1.0 feed: every note, newest first, with its HTML as content."""
    base = options.base_url
    root = ET.Element("feed", {"xmlns": ATOM})
    _add(root, "title", options.title)
    _add(root, "id", base or "urn:weeknote:feed")
    _add(root, "updated", _stamp(max(item.note.date for item in items)))
    _add(root, "link", rel="self", type="application/atom+xml", href=urljoin(base, FEED))
    _add(root, "link", rel="alternate", type="text/html", href=urljoin(base, INDEX))
    _add(_add(root, "author"), "name", options.title)
    _add(root, "generator", "weeknote")
    for item in items:
        entry = _add(root, "entry")
        url = urljoin(base, permalink(item))
        _add(entry, "title", item.note.title)
        _add(entry, "id", url if base else f"urn:weeknote:{item.slug}")
        _add(entry, "link", rel="alternate", type="text/html", href=url)
        _add(entry, "published", _stamp(item.note.date))
        _add(entry, "updated", _stamp(item.note.date))
        for tag in item.entry.tags:
            _add(entry, "category", term=tag)
        _add(entry, "content", bodies[item.slug], type="html")
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def export(items: Sequence[Item], options: Options) -> dict[str, str]:
    bodies = {item.slug: to_html(item.body) for item in items}
    files = {INDEX: _index(items, options), FEED: feed(items, bodies, options)}
    for index, item in enumerate(items):
        newer = items[index - 1] if index > 0 else None
        older = items[index + 1] if index + 1 < len(items) else None
        files[permalink(item)] = _note_page(item, bodies[item.slug], newer, older, options)
    return dict(sorted(files.items()))
