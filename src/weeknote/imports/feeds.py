"""Atom and RSS feeds (0.9x, 1.0/RDF, 2.0), read with feedparser.

feedparser is given the file's bytes, never a name or a URL, so it fetches nothing, and
only once defusedxml has found no entity declared in the file's <!DOCTYPE> (doctype.py);
its HTML sanitizing stays on. Every entry in a feed is published, so none is left out for
its status; only an empty one is.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

from weeknote.errors import ImportFailure
from weeknote.imports.doctype import refuse_entities
from weeknote.imports.html import escape_text, plain_line, safe_url, to_markdown
from weeknote.imports.model import Post, Progress, Reading
from weeknote.imports.source import read_archive_bytes
from weeknote.imports.stamps import day_of

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def _body(entry: Any) -> str:
    """content:encoded or Atom content first (the whole post), else the summary."""
    candidates = list(entry.get("content") or [])
    if entry.get("summary_detail"):
        candidates.append(entry["summary_detail"])
    elif entry.get("summary"):
        candidates.append({"type": "text/html", "value": entry["summary"]})
    for item in candidates:
        value = item.get("value") or ""
        if not value.strip():
            continue
        if (item.get("type") or "text/html") in _HTML_TYPES:
            return to_markdown(value)
        return escape_text(value).strip() + "\n"
    return ""


def _published(entry: Any) -> date | None:
    """The day as the feed wrote it (its own offset), else feedparser's parsed UTC day."""
    for name in ("published", "updated", "created"):
        day = day_of(entry.get(name))
        if day is not None:
            return day
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(name)
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _terms(entry: Any) -> tuple[str, ...]:
    terms: list[str] = []
    for tag in entry.get("tags") or []:
        term = plain_line(str(tag.get("term") or tag.get("label") or ""))
        if term and term not in terms:
            terms.append(term)
    return tuple(terms)


def read_feed(path: Path, progress: Progress | None = None) -> Reading:
    """Every entry of an Atom or RSS file, as posts. A feed's <category> terms are the
    posts' categories (a feed does not tell tags from categories)."""
    import feedparser

    data = read_archive_bytes(path, folder_hint="name the feed's .xml file")
    refuse_entities(path, data)
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True)
    del data  # a whole blog's feed is megabytes
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            reason = str(parsed.get("bozo_exception") or "not well-formed").splitlines()[0]
            raise ImportFailure(
                f"{path} cannot be read as a feed ({reason}): check it is the Atom or RSS "
                "file itself"
            )
        if not parsed.get("version"):
            raise ImportFailure(
                f"{path} is not an Atom or RSS feed: name the feed's file, or use --from"
            )
    warnings = []
    if parsed.get("bozo") and entries:  # feedparser reads what it can of a broken feed
        reason = str(parsed.get("bozo_exception") or "not well-formed").splitlines()[0]
        reason = re.sub(r"^<unknown>:(\d+):\d+: ", r"line \1: ", reason)
        warnings.append(
            f"{path} is not well-formed ({reason}): only what could be read of it is here; "
            "check the file is whole"
        )
    posts: list[Post] = []
    left_out: list[tuple[str, str]] = []
    numbers = range(1, len(entries) + 1)
    for number in progress(numbers, f"Reading {path.name}") if progress else numbers:
        # each entry let go once read: feedparser's entries take several times the memory
        # of the posts they become, and a whole blog's feed is thousands of them
        entry, entries[number - 1] = entries[number - 1], None
        origin = f"{path.name}, item {number}"
        title = plain_line(entry.get("title") or "")
        body = _body(entry)
        if not title and not body.strip():
            left_out.append((origin, "empty: no title and no text"))
            continue
        link = safe_url(entry.get("link"))
        posts.append(
            Post(
                title=title,
                body=body,
                origin=origin,
                published=_published(entry),
                url=link,
                categories=_terms(entry),
                key=str(entry.get("id") or link or f"item {number}"),
            )
        )
    site = safe_url((parsed.get("feed") or {}).get("link")) or ""
    return Reading(
        "feed", str(path), posts, left_out, warnings, address=site, address_from="the feed's link"
    )
