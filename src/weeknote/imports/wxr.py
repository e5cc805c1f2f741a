"""WordPress exports (WXR 1.0 to 1.2), read with defusedxml.

An export is untrusted: one that declares an entity is refused, as every XML source is
(doctype.py), and defusedxml would refuse any that got by rather than expand it. Only
published posts come in; pages, attachments, menu items, drafts, private, scheduled and
trashed posts are left out with the reason.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element

from weeknote.errors import ImportFailure
from weeknote.imports.doctype import refuse_entities
from weeknote.imports.html import plain_line, safe_url, to_markdown
from weeknote.imports.model import Post, Reading
from weeknote.imports.source import read_archive_bytes
from weeknote.imports.stamps import matched_day

CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
_WP_NAMESPACE = re.compile(r"^\{(https?://wordpress\.org/export/\d+\.\d+/)\}")
_POST_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")

_NOT_POSTS = {
    "page": "page",
    "attachment": "attachment",
    "nav_menu_item": "menu item",
    "revision": "revision",
    "wp_block": "reusable block",
    "wp_template": "template",
    "wp_template_part": "template",
    "wp_navigation": "menu",
    "wp_global_styles": "styles",
    "custom_css": "styles",
}
_NOT_PUBLISHED = {
    "draft": "draft",
    "auto-draft": "draft",
    "pending": "draft (pending review)",
    "private": "private",
    "future": "scheduled",
    "trash": "in the trash",
    "inherit": "attachment",
}


def _parse(path: Path, data: bytes) -> Element:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    refuse_entities(path, data)
    try:
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ImportFailure(
            f"{path}: the export declares XML entities, which weeknote does not expand: "
            f"remove the <!DOCTYPE …> block at its top (WordPress writes none) or export "
            f"it again ({type(exc).__name__})"
        ) from None
    except ParseError as exc:
        raise ImportFailure(
            f"{path} is not well-formed XML ({exc}): export it from WordPress again"
        ) from None


def _wp(root: Element) -> str:
    """The wp: namespace as this export spells it (its URI names the WXR version)."""
    for element in root.iter():
        match = _WP_NAMESPACE.match(element.tag)
        if match:
            return "{" + match.group(1) + "}"
    return "{http://wordpress.org/export/1.2/}"


def _text(item: Element, tag: str) -> str:
    found = item.find(tag)
    return (found.text or "") if found is not None else ""


def _day(stamp: str) -> date | None:
    """wp:post_date, in the blog's own time zone; "0000-00-00 00:00:00" is no date."""
    return matched_day(_POST_DATE.match(stamp))


def _why_not(post_type: str, status: str) -> str | None:
    if post_type != "post":
        return _NOT_POSTS.get(post_type, f"not a post ({post_type or 'no type'})")
    if status != "publish":
        return _NOT_PUBLISHED.get(status, f"not published ({status or 'no status'})")
    return None


def read_wordpress(path: Path) -> Reading:
    """The published posts of a WordPress export (Tools → Export, the .xml file)."""
    root = _parse(path, read_archive_bytes(path, folder_hint="name the export's .xml file"))
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise ImportFailure(
            f"{path} is not a WordPress export (no <rss><channel>): export it from "
            "WordPress's Tools → Export"
        )
    wp = _wp(root)
    posts: list[Post] = []
    left_out: list[tuple[str, str]] = []
    for number, item in enumerate(channel.findall("item"), start=1):
        origin = f"{path.name}, item {number}"
        title = plain_line(_text(item, "title"))
        why = _why_not(_text(item, f"{wp}post_type").strip(), _text(item, f"{wp}status").strip())
        if why is not None:
            left_out.append((f'{origin} "{title}"' if title else origin, why))
            continue
        categories: list[str] = []
        tags: list[str] = []
        for category in item.findall("category"):
            name = plain_line(category.text or "")
            domain = category.get("domain", "category")
            into = tags if domain == "post_tag" else categories if domain == "category" else None
            if into is not None and name and name not in into:
                into.append(name)
        published = _day(_text(item, f"{wp}post_date")) or _day(_text(item, f"{wp}post_date_gmt"))
        post_id = _text(item, f"{wp}post_id").strip()
        posts.append(
            Post(
                title=title,
                body=to_markdown(_text(item, f"{CONTENT}encoded")),
                origin=origin,
                published=published,
                url=safe_url(_text(item, "link").strip() or None),
                tags=tuple(tags),
                categories=tuple(categories),
                key=post_id or _text(item, "guid").strip() or f"item {number}",
            )
        )
    site = _text(channel, f"{wp}base_blog_url").strip() or _text(channel, "link").strip()
    return Reading(
        kind="wordpress",
        source=str(path),
        posts=posts,
        left_out=left_out,
        address=safe_url(site) or "",
        address_from="the export's blog address",
    )
