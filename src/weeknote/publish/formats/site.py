"""``site``: a static site. ``index.html`` lists the notes by year, newest first; each
note has a page at ``2026-W47.html`` (its week id: stable across exports), with links to
the notes before and after it; each year a page ``2026.html`` (see yearly.py); each tag a
page ``tag-bins.html`` listing its notes; ``feed.xml`` is an Atom 1.0 feed of the newest
notes (``Options.feed_entries``, config site.feed_entries).

Links between pages are relative, so the folder works from disk or under any path; the
feed's are absolute with ``base_url``. Atom wants ids that are the same for ever and no
one else's: with ``base_url`` the feed's id is the site's URL and an entry's its page's;
without it the feed's is the folder's own (``Options.feed_id``, folder/feedid.py) and an
entry's a UUID made from that and its week. Dates come from the notes, never from the
clock or the files: an entry's ``published`` and ``updated`` are the moments its front
matter keeps (when it was written, when weeknote last changed it), or its week's Monday
for a note without them.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote, urljoin

from weeknote.publish.formats.markup import (
    CSP_SITE,
    PAGE_END,
    by_year,
    describe,
    head_meta,
    meta_line,
    notes_description,
    page_pieces,
    page_start,
    to_html,
)
from weeknote.publish.formats.model import (
    Files,
    Item,
    Made,
    Options,
    digest,
    item_digest,
    options_digest,
)
from weeknote.publish.formats.yearly import YEAR_CSS, Years, year_page
from weeknote.text.wording import plural, span

if TYPE_CHECKING:
    from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"
FEED = "feed.xml"
INDEX = "index.html"
# Characters XML 1.0 cannot hold, even escaped; a stray one would make the feed unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


_PLAIN_TAG = re.compile(r"[^\W_][\w-]*")


def permalink(item: Item) -> str:
    return f"{item.slug}.html"


def tag_file(tag: str) -> str:
    """A tag's page: ``tag-bins.html``; a tag that is more than letters, digits and dashes
    (a front-matter tag may hold anything) is named by its digest instead."""
    if _PLAIN_TAG.fullmatch(tag) and len(tag) <= 60:
        return f"tag-{tag}.html"
    return f"tag-{hashlib.sha256(tag.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}.html"


def tag_href(tag: str) -> str:
    return quote(tag_file(tag))


def _meta(item: Item) -> str:
    return meta_line(item, tag_href)


def _head(
    options: Options, title: str, description: str, page: str = "", kind: str = "website"
) -> str:
    """What a page's head says of it beyond its title: the feed, the author, a description
    and the OpenGraph properties link previews read (its URL only with a base URL)."""
    name = escape(options.title)
    head = f'<link rel="alternate" type="application/atom+xml" title="{name}" href="{FEED}">\n'
    if options.author:
        head += f'<meta name="author" content="{escape(options.author)}">\n'
    url = urljoin(options.base_url, page) if options.base_url else ""
    return head + head_meta(description, title=title, url=url, kind=kind, site=options.title)


def _body_html(item: Item, body: str) -> str:
    """A note's body on its page (and in the feed): its #tags link to their pages."""
    return to_html(body, tag_href=tag_href, tags=item.entry.tags)


def _site_header(options: Options, *more: str) -> str:
    links = " · ".join((f'<a href="{INDEX}">{escape(options.title)}</a>', *more))
    return f'<header class="site">{links}</header>\n'


def _index(items: Sequence[Item], options: Options) -> Iterator[str]:
    content = _index_content(items, options)
    head = _head(options, options.title, notes_description(items, options))
    return page_pieces(options.title, content, csp=CSP_SITE, head=head)


def _index_content(items: Sequence[Item], options: Options) -> Iterator[str]:
    about = f"<p>{escape(options.description)}</p>\n" if options.description else ""
    by = f" · by {escape(options.author)}" if options.author else ""
    yield (
        f"<header>\n<h1>{escape(options.title)}</h1>\n{about}"
        f'<p class="meta">{len(items)} notes{by} · <a href="{FEED}">Atom feed</a></p>\n'
        "</header>\n<main>\n"
    )
    for year, group in by_year(list(items)).items():
        heading = f'<a href="{year_page(int(year))}">{year}</a>'
        yield f'<section class="year" id="y{year}">\n<h2>{heading}</h2>\n<ol class="notes">\n'
        for item in group:
            link = f'<a href="{permalink(item)}">{escape(item.title)}</a>'
            yield f"<li>{link}{_meta(item)}</li>\n"
        yield "</ol>\n</section>\n"
    tags = _tags(items)
    if tags:
        yield '<section class="tags" id="tags">\n<h2>Tags</h2>\n<p>'
        yield " · ".join(
            f'<a href="{tag_href(tag)}">#{escape(tag)}</a>&nbsp;({len(tagged)})'
            for tag, tagged in sorted(tags.items())
        )
        yield "</p>\n</section>\n"
    yield "</main>\n"


def _tags(items: Sequence[Item]) -> dict[str, list[Item]]:
    """Each tag's notes, newest first."""
    found: dict[str, list[Item]] = {}
    for item in items:
        for tag in item.entry.tags:
            found.setdefault(tag, []).append(item)
    return found


def _tag_page(given: tuple[str, Sequence[Item], Options], made: Made) -> Iterator[str]:
    tag, tagged, options = given
    title = f"#{tag} · {options.title}"
    description = f"{plural(len(tagged), 'note')} tagged #{tag} in {options.title}."
    content = [
        _site_header(options),
        f'<main>\n<h1>#{escape(tag)}</h1>\n<p class="meta">{len(tagged)} '
        f'{"note" if len(tagged) == 1 else "notes"}</p>\n<ol class="notes">\n',
        *(
            f'<li><a href="{permalink(item)}">{escape(item.title)}</a>{_meta(item)}</li>\n'
            for item in tagged
        ),
        "</ol>\n</main>\n",
    ]
    head = _head(options, title, description, tag_href(tag))
    return page_pieces(title, content, csp=CSP_SITE, head=head)


def _year_page(given: tuple[int, Years], made: Made) -> Iterator[str]:
    year, years = given
    options = years.options

    def start(title: str, description: str) -> str:
        head = _head(options, title, description, year_page(year))
        head += f"<style>\n{YEAR_CSS}\n</style>\n"
        return page_start(title, csp=CSP_SITE, head=head) + _site_header(options)

    yield from years.page(year, start, _meta)
    yield PAGE_END


def _pager(newer: Item | None, older: Item | None) -> str:
    links = []
    if older:
        links.append(f'<a rel="prev" href="{permalink(older)}">← {escape(older.title)}</a>')
    else:
        links.append("<span></span>")
    if newer:
        links.append(f'<a rel="next" href="{permalink(newer)}">{escape(newer.title)} →</a>')
    return f'<nav class="pager">\n{chr(10).join(links)}\n</nav>\n'


def _page_head(item: Item, body: str, options: Options) -> str:
    """A note's page up to its article: the head describes the note by its opening."""
    title = f"{item.title} · {options.title}"
    year = f'<a href="{year_page(int(item.year))}">{item.year}</a>'
    # a note of only headings, code or images: its dates say what it is
    when = span(item.entry.start, item.entry.end)
    description = describe(body) or options.description or f"{options.title}, {when}."
    head = _head(options, item.title, description, permalink(item), "article")
    return f"{page_start(title, csp=CSP_SITE, head=head)}{_site_header(options, year)}"


def _article_start(item: Item) -> str:
    """The article's opening, up to its body: nothing before it on the page holds a raw
    ``<main>`` (the head's texts are escaped), so it is found on a page by its text."""
    return f"<main>\n<article>\n<h1>{escape(item.title)}</h1>\n{_meta(item)}\n"


def _page_end(newer: Item | None, older: Item | None) -> str:
    return f"</article>\n</main>\n{_pager(newer, older)}{PAGE_END}"


class _Pages:
    """The note pages: each made from its note and its neighbours (for the previous and
    next links), and the HTML of each note's body, which the feed carries too."""

    def __init__(self, items: Sequence[Item], options: Options) -> None:
        self.items = items
        self.options = options
        # Where each page made in this export has its body: the length of the text before
        # it, plus one (0: not made here), and of the text after it.
        self.cuts = array("L", [0]) * (2 * len(items))

    def _end(self, index: int) -> str:
        newer = self.items[index - 1] if index > 0 else None
        older = self.items[index + 1] if index + 1 < len(self.items) else None
        return _page_end(newer, older)

    def page(self, index: int, made: Made) -> list[str]:
        item = self.items[index]
        body = item.body
        before = _page_head(item, body, self.options) + _article_start(item)
        after = self._end(index)
        self.cuts[2 * index : 2 * index + 2] = array("L", [len(before) + 1, len(after)])
        return [f"{before}{_body_html(item, body)}{after}"]

    def body(self, index: int, made: Made) -> str:
        """A note's HTML: from its page, when the writer has that on disk as this export
        makes it (markdown is the costly part of an export), else rendered."""
        item = self.items[index]
        text = made(permalink(item))
        if text is not None:
            start, end = self.cuts[2 * index], self.cuts[2 * index + 1]
            if start:  # made by page() above, so it is before + body + after
                return text[start - 1 : len(text) - end]
            # The page's head is not made again: it describes the note, so needs its text.
            opening, after = _article_start(item), self._end(index)
            at = text.find(opening)
            if at >= 0 and text.endswith(after):
                return text[at + len(opening) : len(text) - len(after)]
        return _body_html(item, item.body)

    def feed(self, options: Options, made: Made) -> Iterator[str]:
        return feed(self.items, lambda index, item: self.body(index, made), options)

    def index(self, options: Options, made: Made) -> Iterator[str]:
        return _index(self.items, options)


def _stamp(moment: date) -> str:
    """RFC 3339: a moment as its front matter keeps it (in UTC when it has no offset), a
    day at its start in UTC."""
    if isinstance(moment, datetime):
        if moment.tzinfo is None or moment.utcoffset() is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.isoformat()
    return f"{moment.isoformat()}T00:00:00Z"


def _moments(item: Item, stamps: dict[str, tuple[date | None, date | None]]) -> tuple[date, date]:
    """When the note was published and last updated: kept in its front matter (the
    options' ``feed_stamps``), else its week's Monday; the one never after the other."""
    kept, changed = stamps.get(item.slug, (None, None))
    published = kept or item.entry.date
    updated = changed or published
    if _order(updated) < _order(published):
        updated = published
    return published, updated


def _order(moment: date) -> datetime:
    if isinstance(moment, datetime):
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return datetime(moment.year, moment.month, moment.day, tzinfo=UTC)


def _entry_id(item: Item, options: Options) -> str:
    if options.base_url:
        return urljoin(options.base_url, permalink(item))
    import uuid

    feed = options.feed_id or "urn:weeknote:feed"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{feed}#{item.slug}')}"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    from xml.etree.ElementTree import SubElement

    element = SubElement(parent, tag, attrs)
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


def _xml(element: ET.Element) -> str:
    """One child of the feed as ``ET.indent`` lays it out inside the feed, without the
    whitespace that follows it."""
    from xml.etree.ElementTree import indent, tostring

    indent(element, level=1)
    element.tail = None
    return tostring(element, encoding="unicode")


def feed(
    items: Sequence[Item], html: Callable[[int, Item], str], options: Options
) -> Iterator[str]:
    """The Atom 1.0 feed: the newest ``options.feed_entries`` notes, newest first, with
    their HTML as content; made an entry at a time, the same text ``ET.indent`` and
    ``ET.tostring`` give for the whole tree."""
    from xml.etree.ElementTree import Element  # only when the feed is made: a few ms

    base = options.base_url
    items = items[: max(options.feed_entries, 1)]
    stamps = {slug: (published, updated) for slug, published, updated in options.feed_stamps}
    moments = [_moments(item, stamps) for item in items]
    head = Element("feed")  # children only: the feed element itself is written below
    _add(head, "title", options.title)
    _add(head, "id", base or options.feed_id or "urn:weeknote:feed")
    _add(head, "updated", _stamp(max((updated for _, updated in moments), key=_order)))
    _add(head, "link", rel="self", type="application/atom+xml", href=urljoin(base, FEED))
    _add(head, "link", rel="alternate", type="text/html", href=urljoin(base, INDEX))
    if options.description:
        _add(head, "subtitle", options.description)
    _add(_add(head, "author"), "name", options.author or options.title)
    _add(head, "generator", "weeknote")
    yield f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="{ATOM}">'
    for child in head:
        yield "\n  " + _xml(child)
    for index, item in enumerate(items):
        entry = Element("entry")
        url = urljoin(base, permalink(item))
        published, updated = moments[index]
        _add(entry, "title", item.title)
        _add(entry, "id", _entry_id(item, options))
        _add(entry, "link", rel="alternate", type="text/html", href=url)
        _add(entry, "published", _stamp(published))
        _add(entry, "updated", _stamp(updated))
        for tag in item.entry.tags:
            _add(entry, "category", term=tag)
        _add(entry, "content", html(index, item), type="html")
        yield "\n  " + _xml(entry)
    yield "\n</feed>\n"


def export(items: Sequence[Item], options: Options) -> Files:
    """The site's files, each made when it is written. A note's page is made from its
    note, its neighbours' (for the previous and next links) and the options; the index and
    the feed from every note."""
    pages = _Pages(list(items), options)
    states = [item_digest(item) for item in pages.items]
    given = options_digest(options)
    every = digest("all", given, *states)
    files = Files()
    files.add(INDEX, every, pages.index, options)
    files.add(FEED, digest(every, options.feed_stamps), pages.feed, options)
    last = len(states) - 1
    for index, item in enumerate(pages.items):
        source = digest(
            "page",
            given,
            states[index],
            states[index - 1] if index > 0 else "",
            states[index + 1] if index < last else "",
        )
        files.add(permalink(item), source, pages.page, index)
    _add_years(files, pages.items, states, options, given)
    for tag, tagged in _tags(pages.items).items():
        source = digest("tag", given, tag, *(item_digest(item) for item in tagged))
        files.add(tag_file(tag), source, _tag_page, (tag, tagged, options))
    return files


def _add_years(
    files: Files, items: Sequence[Item], states: Sequence[str], options: Options, given: str
) -> None:
    """A page per year: made from the notes that cover a week of it, its breaks, the day it
    is counted as of and which years there are (for its previous and next links)."""
    years = Years(items, options)
    state_of = {item.entry.name: state for item, state in zip(items, states, strict=True)}
    for year in years.years:
        source = digest(
            "year",
            given,
            year,
            tuple(years.years),
            years.breaks(year),
            years.as_of(year),
            *(state_of[entry.name] for entry in years.of_year[year]),
        )
        files.add(year_page(year), source, _year_page, (year, years))
