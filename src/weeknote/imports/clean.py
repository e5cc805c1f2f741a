"""Posts made clean of their old site, after they are read and before they are chosen.

A post read from a site's folder is its source, in the site's own markup (``Post.markup``):
its template code is replaced by what it stood for or taken out (``templating``), its HTML
becomes Markdown through the converter the feeds use (``html``), and its categories join
its tags. Every post, whatever its source, has its site-relative links made absolute when
the site's address is known (``siteaddress``). Plain-text archives and journals never come
here: what they hold is kept byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from weeknote.imports.html import markdown_without_html, to_markdown
from weeknote.imports.model import HTML, Post, Reading
from weeknote.imports.siteaddress import Address, absolute_links, address, page_address
from weeknote.imports.templating import restore, untemplate

_SHOWN = 50  # characters of template code a warning quotes


@dataclass(frozen=True)
class Cleaning:
    keep_template_code: bool = False  # --keep-template-code
    base_url: str | None = None  # --base-url: the site's address, over what the source says


@dataclass(frozen=True)
class Cleaned:
    reading: Reading
    links: str = ""  # what became of site-relative links, for the dry run ("" nothing to say)


def site_of(reading: Reading, cleaning: Cleaning) -> Address | None:
    if cleaning.base_url:
        return address(cleaning.base_url, "--base-url")
    if reading.address:
        return address(reading.address, reading.address_from)
    return None


def clean_reading(reading: Reading, cleaning: Cleaning) -> Cleaned:
    """Every post of a reading made clean, with a warning for each post that had template
    code taken out, and a line on what became of its site-relative links."""
    site = site_of(reading, cleaning)
    posts: list[Post] = []
    warnings = list(reading.warnings)
    made = left = 0
    for post in reading.posts:
        body, tags, warning, held = post.body, post.tags, None, list[str]()
        if post.markup:
            body, held, warning = _from_source(post, cleaning.keep_template_code)
            tags = _tags(post)
        if warning:
            warnings.append(warning)
        page = page_address(post.url, site)
        links = absolute_links(body, site, page)
        made, left = made + links.made, left + links.left
        body = restore(links.text, held)
        posts.append(
            replace(post, body=_ends(body), tags=tags, url=page or post.url, markup="", line=0)
        )
    return Cleaned(replace(reading, posts=posts, warnings=warnings), _links(site, made, left))


def _from_source(post: Post, keep: bool) -> tuple[str, list[str], str | None]:
    """A site's source post as Markdown, with what is held from the later steps (for
    ``restore``), and the warning to give if template code was taken out."""
    found = untemplate(post.body, keep=keep)
    body = to_markdown(found.text) if post.markup == HTML else markdown_without_html(found.text)
    if not found.removed:
        return body, found.held, None
    line, code = found.removed[0]
    quoted = code if len(code) <= _SHOWN else code[: _SHOWN - 1] + "…"
    more = len(found.removed) - 1
    also = f" and {more} more" if more else ""
    return (
        body,
        found.held,
        (
            f"{post.origin}, line {post.line + line}: template code taken out ({quoted}{also}): "
            "--keep-template-code keeps it as written"
        ),
    )


def _tags(post: Post) -> tuple[str, ...]:
    """A site's tags, then its categories, each once (as tags are compared: any case)."""
    from weeknote.text.hashtags import tag_key

    kept: dict[str, str] = {}
    for tag in (*post.tags, *post.categories):
        kept.setdefault(tag_key(tag), tag)
    return tuple(tag for key, tag in kept.items() if key)


def _ends(body: str) -> str:
    return body.strip("\n") + "\n" if body.strip() else ""


def _links(site: Address | None, made: int, left: int) -> str:
    if made and site is not None:
        return f"{_count(made)} made absolute on {site.url} (from {site.where})"
    if left:
        return (
            f"{_count(left)} to the site's own pages left as they are: no address for the "
            "site is known; --base-url URL makes them absolute"
        )
    return ""


def _count(links: int) -> str:
    return f"{links} relative link{'s' if links != 1 else ''}"
