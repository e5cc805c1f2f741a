"""Where a site was published, and the links of its posts made to point there.

A post's site-relative links and images (``/images/photos/fire2.jpg``, ``[x](/2021/05/post/)``)
point nowhere once the note has left the site. When the site's address is known they become
absolute: from the site's own configuration (Jekyll's ``url`` and ``baseurl``, Hugo's
``baseURL``, Lume's or Eleventy's ``location``), from a feed's link, or from
``--base-url``. A configuration written in code (``_config.ts``) is read with a pattern,
never run. Links relative to the post's own page (``photo.jpg``) become absolute when the
post's address is known. Code is left as it is.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urljoin, urlsplit

from weeknote.imports.blocks import parts


class Address(NamedTuple):
    url: str  # "https://example.org/blog/", ending in "/"
    where: str  # what said so: "_config.yml (url and baseurl)", "--base-url"


_HUGO = tuple(
    f"{folder}{name}.{suffix}"
    for folder in ("", "config/_default/")
    for name in ("hugo", "config")
    for suffix in ("toml", "yaml", "yml", "json")
)
_CODE_CONFIGS = (
    "_config.ts",
    "_config.js",
    "eleventy.config.js",
    "eleventy.config.mjs",
    "eleventy.config.cjs",
    "eleventy.config.ts",
    ".eleventy.js",
)
_DATA_FILES = (
    "_data/metadata.json",
    "_data/site.json",
    "src/_data/metadata.json",
    "src/_data/site.json",
)
_LOCATION = re.compile(r"""\blocation\s*:\s*(?:new\s+URL\s*\(\s*)?["'`](https?://[^"'`\s]+)["'`]""")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_INLINE = re.compile(r"(\]\(\s*)(<[^<>\n]*>|[^\s()<>]+(?:\([^\s()]*\)[^\s()<>]*)*)")
_REFERENCE = re.compile(r"^( {0,3}\[[^\]\n]+\]:[ \t]*)(<[^<>\n]*>|\S+)", re.MULTILINE)


def address(url: str, where: str) -> Address | None:
    """An http(s) address as a site's, ending in "/"; None for anything else."""
    url = url.strip()
    found = urlsplit(url)
    if found.scheme not in ("http", "https") or not found.netloc:
        return None
    return Address(f"{found.scheme}://{found.netloc}{found.path.rstrip('/')}/", where)


def _mapping(path: Path) -> dict[str, Any]:
    """A configuration file's settings, or none when it cannot be read (a broken
    configuration only hides the address)."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".toml":
            import tomllib

            data: Any = tomllib.loads(text)
        elif path.suffix == ".json":
            data = json.loads(text)
        else:
            data = yaml.safe_load(text)
    except (OSError, ValueError, yaml.YAMLError):  # ValueError: TOML, JSON and UTF-8's
        return {}
    return data if isinstance(data, dict) else {}


def site_address(folder: Path) -> Address | None:
    """The address a site's folder says it is published at, or None."""
    if not folder.is_dir():
        return None
    jekyll = folder / "_config.yml"
    if jekyll.is_file():
        config = _mapping(jekyll)
        url, base = config.get("url"), config.get("baseurl")
        if isinstance(url, str) and url.strip():
            path = base.strip().strip("/") if isinstance(base, str) else ""
            said = "url and baseurl" if path else "url"
            return address(url.rstrip("/") + ("/" + path if path else ""), f"_config.yml ({said})")
    for name in _HUGO:
        if (folder / name).is_file():
            config = _mapping(folder / name)
            found = next((v for k, v in config.items() if k.lower() == "baseurl"), None)
            if isinstance(found, str) and found.strip():
                return address(found, f"{name} (baseURL)")
    for name in _CODE_CONFIGS:
        script = folder / name
        if script.is_file():
            try:
                location = _LOCATION.search(script.read_text(encoding="utf-8", errors="replace"))
            except OSError:
                continue
            if location:
                return address(location.group(1), f"{name} (location)")
    for name in _DATA_FILES:
        if (folder / name).is_file():
            found = _mapping(folder / name).get("url")
            if isinstance(found, str):
                return address(found, f"{name} (url)")
    return None


def page_address(url: str | None, site: Address | None) -> str | None:
    """A post's own address, absolute: as given, or its site path on the site."""
    if not url:
        return None
    if url.startswith("/") and not url.startswith("//"):
        return _on_site(url, site) if site is not None else None
    return url if urlsplit(url).scheme in ("http", "https") else None


def _on_site(path: str, site: Address) -> str:
    """A site path on the site: under the site's own path, unless it is there already."""
    found = urlsplit(site.url)
    root = f"{found.scheme}://{found.netloc}"
    under = found.path.rstrip("/")
    if under and (path == under or path.startswith(under + "/")):
        return root + path
    return root + under + path


class Links(NamedTuple):
    text: str
    made: int  # links made absolute
    left: int  # site-relative links left as they are, for want of an address


def absolute_links(markdown: str, site: Address | None, page: str | None) -> Links:
    """``markdown`` with its site-relative links and images made absolute on ``site``, and
    those relative to the post's page on ``page`` (either may be unknown)."""
    if "](" not in markdown and "]:" not in markdown:
        return Links(markdown, 0, 0)
    made = left = 0

    def absolute(destination: str) -> str:
        nonlocal made, left
        bracketed = destination.startswith("<")
        url = destination[1:-1] if bracketed else destination
        new: str | None = None
        if not url or url.startswith(("#", "?")) or "\ue000" in url or "{" in url:
            return destination
        if url.startswith("//"):
            new = "https:" + url
        elif url.startswith("/"):
            if site is None:
                left += 1
                return destination
            new = _on_site(url, site)
        elif not _SCHEME.match(url) and page is not None:
            new = urljoin(page, url)
        if new is None:
            return destination
        made += 1
        return f"<{new}>" if bracketed else new

    out = []
    for part in parts(markdown):
        if part.code:
            out.append(part.text)
            continue
        text = _INLINE.sub(lambda m: m.group(1) + absolute(m.group(2)), part.text)
        text = _REFERENCE.sub(lambda m: m.group(1) + absolute(m.group(2)), text)
        out.append(text)
    return Links("".join(out), made, left)
