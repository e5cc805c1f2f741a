"""``hugo``: Hugo content files, ``content/weeknotes/2026-W47.md``, one per note.

Each keeps the note's TOML front matter (``title``, ``week``, ``weeks``, ``date``) with
``tags`` holding every tag of the note, front matter and ``#tags`` alike, so Hugo's
tags taxonomy lists them. The body is the note's Markdown, for the site's own theme to
render. Only content files are written: ``--output`` is the Hugo site's folder.

Raw HTML a note holds (``<kbd>Ctrl</kbd>``) is shown as text by every export; Hugo would
drop it (or, with ``unsafe`` on, run it), so its ``<`` is written ``&lt;``, which Hugo
shows as ``<``. Code spans, code blocks and autolinks (``<https://…>``) are left as they
are.

Hugo reads ``{{< … >}}`` and ``{{% … %}}`` in content as shortcodes, and stops the whole
build at one it does not know. A note is text, not a Hugo template, so each such pair is
written in Hugo's own escaped form (``{{</* … */>}}``), which Hugo shows as it was
written; an opening ``{{<`` with no closing one becomes ``&#123;&#123;<``.

Config ``site.author`` goes into each note's front matter as ``author``; ``site.title``
and ``site.description`` make the section's ``content/weeknotes/_index.md`` (written only
when one of them is set, so an export into a site that has its own leaves it alone).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from weeknote.folder.note import serialise
from weeknote.publish.formats.model import (
    Files,
    Item,
    Made,
    Options,
    digest,
    item_digest,
    options_digest,
)

SECTION = "content/weeknotes"
# A "<" CommonMark could read as raw HTML: a tag, a closing tag, a comment, a declaration or
# a processing instruction; not an autolink (<https://x.org>, <me@x.org>), a link's
# <destination>, or a "<" escaped with a backslash.
_RAW_HTML = re.compile(
    r"(?<!\\)(?<!\]\()<(?=[A-Za-z/!?])"
    r"(?![A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>)"
    r"(?![\w.!#$%&'*+/=?^`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*>)"
)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_SHORTCODE = re.compile(r"\{\{<(.*?)>\}\}|\{\{%(.*?)%\}\}|\{\{([<%])", re.DOTALL)


def _quoted(match: re.Match[str]) -> str:
    angle, percent, lone = match.groups()
    if angle is not None:
        return f"{{{{</*{angle}*/>}}}}"
    if percent is not None:
        return f"{{{{%/*{percent}*/%}}}}"
    return f"&#123;&#123;{lone}"


def escape_shortcodes(body: str) -> str:
    """The body with anything Hugo would take for a shortcode shown as written."""
    return _SHORTCODE.sub(_quoted, body) if "{{" in body else body


def escape_raw_html(body: str) -> str:
    """The body with each ``<`` that would start raw HTML written ``&lt;``, outside code."""
    if "<" not in body:
        return body
    from weeknote.publish.formats.markup import code_lines

    lines = body.split("\n")
    in_code = code_lines(body)
    out: list[str] = []
    run: list[str] = []  # a paragraph's lines: a code span may go over a line's end
    for number, line in enumerate(lines):
        if number in in_code or not line.strip():
            out.extend(_escaped(run))
            run = []
            out.append(line)
        else:
            run.append(line)
    out.extend(_escaped(run))
    return "\n".join(out)


def _escaped(run: list[str]) -> list[str]:
    text = "\n".join(run)
    if "<" not in text:
        return run
    pieces, at = [], 0
    for span in _CODE_SPAN.finditer(text):
        pieces += [_RAW_HTML.sub("&lt;", text[at : span.start()]), span.group()]
        at = span.end()
    pieces.append(_RAW_HTML.sub("&lt;", text[at:]))
    return "".join(pieces).split("\n")


def export(items: Sequence[Item], options: Options) -> Files:
    given = options_digest(options)
    files = Files()
    for item in items:
        source = digest(given, item_digest(item))
        files.add(f"{SECTION}/{item.slug}.md", source, _content, (item, options))
    if options.title != Options.title or options.description:
        files.add(f"{SECTION}/_index.md", digest("section", given), _section, options)
    return files


def _content(given: tuple[Item, Options], made: Made) -> list[str]:
    item, options = given
    body = escape_shortcodes(escape_raw_html(item.body))
    extra = {"author": options.author} if options.author else {}
    note = replace(item.note, body=body, tags=item.entry.tags, extra=extra)
    return [serialise(note)]


def _section(options: Options, made: Made) -> list[str]:
    import tomli_w

    meta = {"title": options.title}
    if options.description:
        meta["description"] = options.description
    return [f"+++\n{tomli_w.dumps(meta)}+++\n"]
