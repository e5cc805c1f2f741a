"""Ghost's JSON export (Settings → Labs → Export your content).

The current shape is ``{"db": [{"meta": …, "data": {"posts": […], "tags": […],
"posts_tags": […], "settings": […]}}]}``; older exports have ``{"data": {…}}`` at the top.
Ghost keeps times in UTC; a post's day is taken in the blog's own time zone (its
``timezone`` setting) when the export names one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from weeknote.errors import ImportFailure
from weeknote.imports.html import escape_text, plain_line, safe_url, to_markdown
from weeknote.imports.model import Post, Reading
from weeknote.imports.source import decode_import, read_archive_bytes
from weeknote.imports.stamps import day_in_zone

_NOT_PUBLISHED = {"draft": "draft", "scheduled": "scheduled", "sent": "sent as email only"}


def ghost_data(document: Any) -> dict[str, Any] | None:
    """The ``data`` table of a Ghost export, or None when the document is not one."""
    if isinstance(document, dict):
        db = document.get("db")
        if isinstance(db, list) and db and isinstance(db[0], dict):
            data = db[0].get("data")
        else:
            data = document.get("data")
        if isinstance(data, dict) and isinstance(data.get("posts"), list):
            return data
    return None


def _rows(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    rows = data.get(name)
    return [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []


def _zone(data: dict[str, Any]) -> str | None:
    for row in _rows(data, "settings"):
        if row.get("key") in ("timezone", "active_timezone") and isinstance(row.get("value"), str):
            return str(row["value"])
    return None


def _order(link: dict[str, Any]) -> int:
    order = link.get("sort_order")
    return order if isinstance(order, int) else 0


def _tags_by_post(data: dict[str, Any]) -> dict[str, list[str]]:
    """Each post's public tags, in their order (internal `#tags` are Ghost's own)."""
    names = {
        str(tag.get("id")): plain_line(str(tag.get("name") or ""))
        for tag in _rows(data, "tags")
        if tag.get("visibility", "public") != "internal"
        and not str(tag.get("name") or "").startswith("#")
    }
    links = sorted(_rows(data, "posts_tags"), key=_order)
    tags: dict[str, list[str]] = {}
    for link in links:
        name = names.get(str(link.get("tag_id")))
        if name:
            tags.setdefault(str(link.get("post_id")), []).append(name)
    return tags


def _why_not(post: dict[str, Any]) -> str | None:
    if post.get("page") in (True, 1):
        return "page"
    if post.get("type", "post") != "post":
        return str(post.get("type"))
    status = str(post.get("status") or "")
    if status != "published":
        return _NOT_PUBLISHED.get(status, f"not published ({status or 'no status'})")
    return None


def _body(post: dict[str, Any]) -> str:
    html = post.get("html")
    if isinstance(html, str) and html.strip():
        return to_markdown(html)
    text = post.get("plaintext")
    if isinstance(text, str) and text.strip():
        return escape_text(text).strip() + "\n"
    return ""


def _url(post: dict[str, Any]) -> str | None:
    for key in ("url", "canonical_url"):
        value = post.get(key)
        if isinstance(value, str) and value.strip():
            return safe_url(value.strip())
    slug = post.get("slug")
    return f"/{slug}/" if isinstance(slug, str) and slug and "/" not in slug else None


def read_ghost(path: Path) -> Reading:
    """The published posts of a Ghost JSON export."""
    text = decode_import(read_archive_bytes(path, folder_hint="name the export's .json file"), path)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailure(
            f"{path}, line {exc.lineno}: not valid JSON ({exc.msg}): export it from Ghost again"
        ) from None
    data = ghost_data(document)
    if data is None:
        raise ImportFailure(
            f'{path} is not a Ghost export (no "db" or "data" with "posts"): export it from '
            "Ghost's Settings → Labs → Export"
        )
    zone = _zone(data)
    tags = _tags_by_post(data)
    posts: list[Post] = []
    left_out: list[tuple[str, str]] = []
    for number, post in enumerate(_rows(data, "posts"), start=1):
        title = plain_line(str(post.get("title") or ""))
        origin = f"{path.name}, post {number}"
        why = _why_not(post)
        if why is not None:
            left_out.append((f'{origin} "{title}"' if title else origin, why))
            continue
        post_id = str(post.get("id") or post.get("uuid") or f"post {number}")
        stamp = post.get("published_at")
        posts.append(
            Post(
                title=title,
                body=_body(post),
                origin=origin,
                published=day_in_zone(stamp if isinstance(stamp, str) else None, zone),
                url=_url(post),
                tags=tuple(tags.get(str(post.get("id")), ())),
                key=post_id,
            )
        )
    return Reading(kind="ghost", source=str(path), posts=posts, left_out=left_out)
