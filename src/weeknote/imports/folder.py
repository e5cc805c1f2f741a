"""A folder of posts: Jekyll, Hugo, Eleventy sites and Obsidian vaults.

Front matter is YAML between ``---`` lines (PyYAML's safe_load: plain data only, no
object tags; dates come back as dates) or TOML between ``+++`` lines (tomllib). A file
without front matter is a post only when its name states a date or a week, as Jekyll's
``2024-05-12-slug.md`` and Obsidian's weekly ``2024-W19.md`` do (``names`` reads the
week's forms, ``2024-19`` among them). A zip of the folder is read by ``zipped``.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path, PurePath
from typing import Any

from weeknote.errors import ImportFailure
from weeknote.imports.html import plain_line, safe_url
from weeknote.imports.model import HTML, MARKDOWN, Post, Progress, Reading
from weeknote.imports.names import month_reason, past_twelve, read_name, stated_week
from weeknote.imports.siteaddress import Address, site_address
from weeknote.imports.source import read_archive
from weeknote.imports.stamps import matched_day

SUFFIXES = (".md", ".markdown", ".html", ".htm")
# Built sites, dependencies and tools' own folders: never posts.
SKIPPED = {"node_modules", "public", "_site", "vendor", "resources", "themes", "archetypes"}
_HUGO_CONFIGS = ("hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml")
_DATED_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:-|$)")
_DATE_TEXT = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_HTML_HEADING = re.compile(r"\s*<h1\b[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$")
_TOML_LINE = re.compile(r"line (\d+)")
_DATE_KEYS = ("date", "publishDate", "pubDate", "published")
_URL_KEYS = ("canonical_url", "url", "permalink")


def _failure(where: str, line: int, what: str) -> ImportFailure:
    return ImportFailure(f"{where}, line {line}: {what}")


def split_front_matter(text: str, where: str) -> tuple[dict[str, Any] | None, str, int]:
    """The front matter (None when there is none), the body, and the body's first line."""
    lines = text.split("\n")
    fence = lines[0].rstrip() if lines else ""
    if fence not in ("---", "+++"):
        return None, text, 1
    closers = ("---", "...") if fence == "---" else ("+++",)
    for end in range(1, len(lines)):
        if lines[end].rstrip() in closers:
            break
    else:
        raise _failure(
            where,
            1,
            f"the front matter opened with {fence} is never closed: end it with a {fence} line",
        )
    block = "\n".join(lines[1:end])
    data = _yaml(block, where) if fence == "---" else _toml(block, where)
    return data, "\n".join(lines[end + 1 :]), end + 2


def _yaml(block: str, where: str) -> dict[str, Any]:
    import yaml

    # libyaml's parser where PyYAML was built with it (the same safe constructors: plain
    # data only), a tenth of the pure-Python one's time on a site of thousands of posts;
    # front matter it refuses is read again by the pure-Python one, whose marks say the line
    fast = getattr(yaml, "CSafeLoader", None)
    data: Any = None
    parsed = False
    if fast is not None:
        with contextlib.suppress(yaml.YAMLError):  # said below
            data, parsed = yaml.load(block, Loader=fast), True  # noqa: S506 - a safe loader
    try:
        if not parsed:
            data = yaml.safe_load(block)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark is not None else 1
        problem = exc.problem or exc.context or "malformed"
        raise _failure(
            where, line, f"the YAML front matter is malformed ({problem}): fix it and import again"
        ) from None
    except yaml.YAMLError as exc:
        raise _failure(where, 1, f"the YAML front matter cannot be read ({exc})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise _failure(where, 2, "the front matter is not a set of `key: value` lines")
    return {str(key): value for key, value in data.items()}


def _toml(block: str, where: str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(block)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        # tomllib says "(at line N, column M)", or "(at end of document)"
        line = int(found.group(1)) + 1 if found else block.count("\n") + 2
        reason = str(exc).split(" (at ")[0]
        raise _failure(
            where, line, f"the TOML front matter is malformed ({reason}): fix it and import again"
        ) from None


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if re.match(rf"\s*{re.escape(key)}\s*[:=]", line):
            return number
    return 1


def _as_day(value: Any, key: str, text: str, where: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()  # in its own offset, as written
    if isinstance(value, date):
        return value
    match = _DATE_TEXT.match(_scalar(value))
    if match:
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            pass
    raise _failure(
        where,
        _line_of(text, key),
        f"{key} {_scalar(value)[:40]!r} is not a date: write it as YYYY-MM-DD",
    )


def _scalar(value: Any) -> str:
    """A front matter value as text, or "" for a list or table (a YAML file can nest aliases
    into a structure whose text would be exponentially long)."""
    if isinstance(value, (str, int, float, date)) and not isinstance(value, bool):
        return str(value)
    return ""


def _words(value: Any) -> tuple[str, ...]:
    """Tags or categories: a list, a comma-separated string, or Jekyll's space-separated one."""
    if value is None:
        return ()
    if isinstance(value, str):
        items: list[Any] = value.split(",") if "," in value else value.split()
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        items = [_scalar(value)]
    words: list[str] = []
    for item in items:
        word = plain_line(_scalar(item)).lstrip("#")
        if word and word not in words:
            words.append(word)
    return tuple(words)


def _is_draft(matter: dict[str, Any]) -> bool:
    draft = matter.get("draft")
    published = matter.get("published")
    return (
        draft is True
        or _scalar(draft).lower() == "true"
        or published is False
        or (_scalar(published).lower() == "false")
    )


def _url(matter: dict[str, Any]) -> str | None:
    """An address kept as the note's source: absolute, or a site path without Jekyll's
    ``:title`` placeholders."""
    for key in _URL_KEYS:
        value = matter.get(key)
        if isinstance(value, str) and value.strip() and ":" not in value.split("://", 1)[-1]:
            url = safe_url(value.strip())
            if url is not None and (url.startswith(("http://", "https://", "/"))):
                return url
    return None


def _title_from(body: str, first: int) -> tuple[str, str, int]:
    """The first `# heading` as the title, the body without it, and the line of the file
    that body starts on (``first``: the body's)."""
    lines = body.split("\n")
    for number, line in enumerate(lines):
        if not line.strip():
            continue
        match = _HEADING.match(line)
        if match:
            rest = lines[number + 1 :]
            blank = next((n for n, text in enumerate(rest) if text.strip()), len(rest))
            return plain_line(match.group(1)), "\n".join(rest[blank:]), first + number + 1 + blank
        break
    return "", body, first


def _html_title(body: str, first: int) -> tuple[str, str, int]:
    """An HTML post's opening <h1> as its title, the body after it and the line that is on."""
    match = _HTML_HEADING.match(body)
    if not match:
        return "", body, first
    return plain_line(match.group(1)), body[match.end() :], first + body.count("\n", 0, match.end())


def _name_day(stem: str) -> date | None:
    return matched_day(_DATED_NAME.match(stem))


def _read_post(
    path: Path, where: str, in_drafts: bool = False, named: bool = False, beside: bool = False
) -> Post | str:
    """A file as a post, or why it is left out (see ``post_of``)."""
    return post_of(read_archive(path), path, where, in_drafts, named, beside)


def post_of(
    text: str,
    path: PurePath,
    where: str,
    in_drafts: bool = False,
    named: bool = False,
    beside: bool = False,
) -> Post | str:
    """A file's text as a post, or why it is left out. A file ``named`` by the person is a
    post even without front matter or a dated name; ``beside`` says that the names beside
    it run past 12, so its ``2024-05`` name is a week (see ``names``)."""
    matter, body, line = split_front_matter(text, where)
    stem = path.stem
    name_day = _name_day(stem)
    name_week = None if name_day is not None else read_name(stem)
    if matter is None and name_day is None and name_week is None and not named:
        return "no front matter, and its name states no date or week"
    bare = matter is None
    matter = matter or {}
    if in_drafts:
        return "draft (in _drafts)"
    if _is_draft(matter):
        return "draft"
    markup = HTML if path.suffix.lower() in (".html", ".htm") else MARKDOWN
    title = plain_line(_scalar(matter.get("title")))
    if not title:
        title, body, line = (_title_from if markup == MARKDOWN else _html_title)(body, line)
    if not stated_week(name_week, title, beside):
        if bare and name_week is not None and name_day is None:
            return month_reason(name_week)
        name_week = None
    kept = body.lstrip("\n")
    line += len(body) - len(kept)
    body = kept.rstrip("\n") + "\n" if kept.strip() else ""
    if not title:
        title = stem
    published = None
    for key in _DATE_KEYS:
        published = _as_day(matter.get(key), key, text, where)
        if published is not None:
            break
    tags = _words(matter.get("tags")) or _words(matter.get("tag"))
    categories = _words(matter.get("categories")) or _words(matter.get("category"))
    return Post(
        title=title,
        body=body,
        origin=where,
        published=published or name_day,
        url=_url(matter),
        tags=tags,
        categories=categories,
        key=where,
        named_week=None if name_week is None else (name_week.year, name_week.number),
        markup=markup,
        line=line,
    )


def read_markdown_file(path: Path) -> Reading:
    """One Markdown or HTML file (with front matter, or without), read as a folder's
    post is."""
    found = _read_post(path, path.name, named=True)
    if isinstance(found, str):
        return Reading(kind="folder", source=str(path), posts=[], left_out=[(path.name, found)])
    # the site it is a post of: its folder, or one of the two above (_posts/, content/posts/)
    site = next(filter(None, map(site_address, path.resolve().parents[:3])), None)
    return _with_site(Reading(kind="folder", source=str(path), posts=[found]), site)


def _with_site(reading: Reading, site: Address | None) -> Reading:
    if site is None:
        return reading
    return replace(reading, address=site.url, address_from=site.where)


def _roots(folder: Path) -> list[Path]:
    """Where a site keeps its posts: Jekyll's _posts (and _drafts), Hugo's content/, else
    the whole folder."""
    if (folder / "_posts").is_dir():
        return [root for root in (folder / "_posts", folder / "_drafts") if root.is_dir()]
    if (folder / "content").is_dir() and any((folder / name).is_file() for name in _HUGO_CONFIGS):
        return [folder / "content"]
    return [folder]


def _files(root: Path) -> list[Path]:
    found: list[Path] = []
    for here, dirs, files in os.walk(root):
        dirs[:] = sorted(
            name
            for name in dirs
            if not name.startswith(".")
            and name not in SKIPPED
            and (not name.startswith("_") or name in ("_posts", "_drafts"))
        )
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                found.append(Path(here) / name)
    return found


def runs_past_twelve(files: list[PurePath]) -> set[PurePath]:
    """The folders among ``files``' whose ``2024-NN`` names run past 12 (see ``names``)."""
    folders: dict[PurePath, list[str]] = {}
    for file in files:
        folders.setdefault(file.parent, []).append(file.stem)
    return {folder for folder, stems in folders.items() if past_twelve(stems)}


def read_folder(path: Path, progress: Progress | None = None) -> Reading:
    """Every post under a folder (or the one file named), by relative path."""
    if path.is_file():
        return read_markdown_file(path)
    if not path.is_dir():
        from weeknote.errors import NotFoundError

        raise NotFoundError(f"{path}: no such folder: check the name")
    real = os.path.realpath(path)
    posts: list[Post] = []
    left_out: list[tuple[str, str]] = []
    files = [file for root in _roots(path) for file in _files(root)]
    weeks_beside = runs_past_twelve(list(files))
    for file in progress(files, f"Reading {path.name}") if progress else files:
        where = file.relative_to(path).as_posix()
        target = os.path.realpath(file)
        if not target.startswith(real.rstrip(os.sep) + os.sep):
            left_out.append((where, "a link to a file outside the folder"))
            continue
        if file.name == "_index.md" or file.name == "_index.html":
            left_out.append((where, "section page"))
            continue
        found = _read_post(
            file,
            where,
            "_drafts" in file.relative_to(path).parts,
            beside=file.parent in weeks_beside,
        )
        if isinstance(found, str):
            left_out.append((where, found))
        else:
            posts.append(found)
    reading = Reading(kind="folder", source=str(path), posts=posts, left_out=left_out)
    return _with_site(reading, site_address(path))
