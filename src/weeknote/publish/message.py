"""A note as an email: plain text (its Markdown) and HTML (its site page's article), both in
one multipart/alternative message, made with Python's ``email`` package. Pure: the sender,
the date and the recipients are given.

The HTML is the ``<article>`` of the note's page in the ``site`` export, in a document with
a small stylesheet of its own (no variables, no fetches: mail programs show what they can
of it, and nothing more is asked for); the note's Markdown is rendered with raw HTML off,
so the message holds no script. Both parts are quoted-printable, so the message is 7-bit
text any server carries.

A mail program knows no place a message came from: given the note's page on the web (the
site's ``base_url``), relative links and images are made absolute against it and both parts
link to it; without one, an image kept beside the notes is named rather than shown broken.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP, default
from email.utils import format_datetime, getaddresses, parseaddr
from hashlib import sha256
from html import escape, unescape
from urllib.parse import urljoin, urlsplit

from weeknote.errors import ConfigError, UsageError
from weeknote.publish.formats.markup import meta_line, to_html
from weeknote.publish.formats.model import Item

# The time of day a note's message is dated, in the local time zone: a note has a date
# but no time.
NOTE_TIME = time(9, 0)
_FROM_LINE = re.compile(r"^From ", re.MULTILINE)
EXAMPLE_FROM = '"Name <me@example.org>"'
WEB_LINK = "Read it on the web"

# For mail programs, which know no CSS variables and may drop a media query.
CSS = """
body{margin:0;padding:0;background:#fcfcfa}
article{max-width:40rem;margin:0 auto;padding:1rem 1.25rem 2rem;color:#1f2023;
font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow-wrap:break-word}
a{color:#1a5fb4}
h1,h2,h3,h4,h5,h6{line-height:1.25;margin:1.4em 0 .5em}
h1{font-size:1.75rem;margin-top:.5em}
.meta{color:#5e636b;font-size:.9rem;margin:-.25rem 0 1rem}
.tag+.tag{margin-left:.4em}
pre,code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
pre{background:#f1f1ee;padding:.75rem 1rem;overflow-x:auto;border-radius:4px}
code{background:#f1f1ee;padding:.1em .3em;border-radius:3px}
pre code{background:none;padding:0}
.table{overflow-x:auto;margin:1rem 0}
table{border-collapse:collapse}
th,td{border:1px solid #e2e2de;padding:.3rem .6rem;vertical-align:top}
th{background:#f1f1ee}
blockquote{margin:1rem 0;padding-left:1rem;border-left:3px solid #e2e2de;color:#5e636b}
img{max-width:100%;height:auto}
hr{border:0;border-top:1px solid #e2e2de}
footer{max-width:40rem;margin:0 auto;padding:0 1.25rem 2rem;color:#5e636b;
font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
""".strip()


def sender(value: str) -> str:
    """config ``email.from`` as a From header, or a ConfigError saying how to set it."""
    how = f"set it with: weeknote config email.from {EXAMPLE_FROM}"
    if not value.strip():
        raise ConfigError(f"email.from is not set, and a message needs a From: {how}")
    try:
        return str(_address(value))
    except ValueError:
        raise ConfigError(f"email.from {value!r} is not an email address: {how}") from None


def recipient(value: str) -> str:
    """A --to address as a To header, or a UsageError naming it."""
    try:
        return str(_address(value))
    except ValueError:
        raise UsageError(
            f"--to {value!r} is not one email address such as me@example.org (repeat --to for more)"
        ) from None


def _address(value: str) -> Address:
    """One address, ``me@example.org`` or ``Name <me@example.org>``; ValueError for anything
    else (two addresses, a line break, an address that is not ASCII)."""
    if any(ord(char) < 32 or ord(char) == 127 for char in value) or len(getaddresses([value])) != 1:
        raise ValueError(value)
    name, addr = parseaddr(value)
    if not addr.isascii():
        raise ValueError(value)
    user, at, domain = addr.rpartition("@")
    if not at or not user or "." not in domain.strip(".") or any(c.isspace() for c in addr):
        raise ValueError(value)
    return Address(display_name=name, username=user, domain=domain)


def bare(address: str) -> str:
    """The address without its display name, lower case: what two sends are compared by."""
    return parseaddr(address)[1].lower()


def domain(address: str) -> str:
    return bare(address).rpartition("@")[2]


def message_id(item: Item, sender: str, again: int = 0) -> str:
    """``<2026-W47.3f9a2c1b7d04.weeknote@example.org>``: the week, a digest of the sender's
    address and the note, and the sender's domain. The same for a note every time it is
    exported, so mail programs and archives see one message; another sender's note of the
    same week (a team list gets everyone's) has its own, as RFC 5322 wants. ``again``
    numbers a resend, which some mail programs would otherwise drop as a copy of the first."""
    resend = f".{again + 1}" if again else ""
    mine = sha256(f"{bare(sender)}\0{item.slug}".encode()).hexdigest()[:12]
    return f"<{item.slug}.{mine}{resend}.weeknote@{domain(sender)}>"


def note_moment(day: date) -> datetime:
    """A note's date as the moment its message is dated: NOTE_TIME, local time."""
    return datetime.combine(day, NOTE_TIME).astimezone()


def page_url(item: Item, base_url: str) -> str:
    """The note's page on the web, as the ``site`` export names it under ``base_url`` (an
    absolute URL ending in /), or "" without one."""
    if not base_url:
        return ""
    from weeknote.publish.formats.site import permalink

    return urljoin(base_url, permalink(item))


def _relative(url: str) -> bool:
    """A link or image that names no place of its own: a path or a ``#part`` of the page,
    not ``https:``, ``mailto:`` or ``//host/``."""
    parts = urlsplit(url)
    return not (parts.scheme or parts.netloc)


def _image_named(alt: str, src: str) -> str:
    return f"[image: {alt} ({src})]" if alt.strip() else f"[image: {src}]"


def text_part(item: Item, page: str = "") -> str:
    """The note's Markdown, under its title as a heading (as the page shows it). An image
    kept beside the notes is named instead (``[image: caption (images/x.png)]``), and with
    the note's ``page`` on the web, its links and images are made absolute and the page is
    named at the end."""
    body = _plain(item.body, page)
    text = f"# {item.title}\n\n{body}" if body.strip() else f"# {item.title}\n"
    text = text if text.endswith("\n") else text + "\n"
    return f"{text}\n{WEB_LINK}: {page}\n" if page else text


def article(item: Item, page: str = "") -> str:
    """The note as the site's page shows it: its ``<article>``; with the note's ``page``
    on the web, its links, images and tags link there, and without one an image kept
    beside the notes is named instead of shown broken."""
    return (
        f"<article>\n<h1>{escape(item.title)}</h1>\n{meta_line(item, _tag_href(page))}\n"
        f"{_for_mail(to_html(item.body), page)}</article>\n"
    )


def _tag_href(page: str) -> Callable[[str], str] | None:
    """With the note's page on the web, each tag links to its page there."""
    if not page:
        return None
    from weeknote.publish.formats.site import tag_href

    return lambda tag: urljoin(page, tag_href(tag))


def html_part(item: Item, page: str = "") -> str:
    web = f'<footer>\n<p><a href="{escape(page)}">{WEB_LINK}</a></p>\n</footer>\n' if page else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(item.title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n"
        f"<body>\n{article(item, page)}{web}</body>\n</html>\n"
    )


# markdown-it writes every attribute in double quotes, its value escaped
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
_IMAGE = re.compile(r"<img\b([^>]*?)\s*/?>")
_LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.DOTALL)


def _attributes(text: str) -> dict[str, str]:
    return {name: unescape(value) for name, value in _ATTRIBUTE.findall(text)}


def _with(attributes: dict[str, str]) -> str:
    return "".join(f' {name}="{escape(value)}"' for name, value in attributes.items())


def _for_mail(html: str, page: str) -> str:
    """A note's HTML as a mail program can show it, which knows no place the message came
    from: each relative link and image made absolute against the note's ``page``, or
    without one, an image named as text and a link to another file left as its text."""

    def image(match: re.Match[str]) -> str:
        found = _attributes(match.group(1))
        src = found.get("src", "")
        if not _relative(src):
            return match.group(0)
        if page:
            end = " />" if match.group(0).endswith("/>") else ">"
            return f"<img{_with({**found, 'src': urljoin(page, src)})}{end}"
        return f'<span class="image">{escape(_image_named(found.get("alt", ""), src))}</span>'

    def link(match: re.Match[str]) -> str:
        found = _attributes(match.group(1))
        href = found.get("href", "")
        if not _relative(href):
            return match.group(0)
        if page:
            return f"<a{_with({**found, 'href': urljoin(page, href)})}>{match.group(2)}</a>"
        return match.group(0) if href.startswith("#") else match.group(2)

    if "<img" not in html and "<a" not in html:
        return html
    return _LINK.sub(link, _IMAGE.sub(image, html))


# An inline link or image in Markdown: [text](url "title") or ![alt](<url>), with code
# spans matched first so that what they hold is left alone.
_MD_LINK = re.compile(
    r"(?P<code>(?P<ticks>`+).*?(?P=ticks))"
    r"|(?P<bang>!?)\[(?P<text>(?:[^\[\]\\\n]|\\.)*)\]"
    r"\(\s*(?P<url><[^<>\n]*>|[^\s()<>]+)(?P<title>\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)",
    re.DOTALL,
)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def _plain(body: str, page: str) -> str:
    """The Markdown of a note for the text part: see ``text_part``."""
    if "](" not in body:
        return body

    def one(match: re.Match[str]) -> str:
        if match.group("code") is not None:
            return match.group(0)
        url = match.group("url")
        bare_url = url[1:-1] if url.startswith("<") else url
        if not _relative(bare_url):
            return match.group(0)
        where = urljoin(page, bare_url) if page else bare_url
        if match.group("bang"):
            return _image_named(match.group("text"), where)
        if not page:
            return match.group(0)
        return f"[{match.group('text')}]({where}{match.group('title') or ''})"

    out, fence = [], ""
    for line in body.splitlines(keepends=True):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            out.append(line)
        elif opening:
            fence = opening.group(1)
            out.append(line)
        elif line.startswith(("    ", "\t")):
            out.append(line)  # indented code (or a list's continuation: left as written)
        else:
            out.append(_MD_LINK.sub(one, line))
    return "".join(out)


def message(
    item: Item,
    sender: str,
    *,
    when: datetime,
    identity: str,
    to: Sequence[str] = (),
    page: str = "",
) -> EmailMessage:
    """The note as one message from ``sender``, dated ``when`` (aware); ``page``: the
    note's page on the web (``page_url``), if it has one."""
    msg = EmailMessage(policy=default)
    msg["From"] = sender
    if to:
        msg["To"] = ", ".join(to)
    msg["Subject"] = " ".join(item.title.split())  # a header is one line
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = identity
    msg["X-Weeknote-Week"] = item.note.week
    text, html = text_part(item, page), html_part(item, page)
    msg.set_content(text, subtype="plain", cte="quoted-printable")
    msg.add_alternative(html, subtype="html", cte="quoted-printable")
    for part in msg.iter_parts():
        assert isinstance(part, EmailMessage)
        # "From " opening a line is written =46rom, so an mbox needs no ">From" for it
        part.set_payload(_FROM_LINE.sub("=46rom ", str(part.get_payload())))
    # A boundary made from the parts, not at random, so the same note makes the same
    # message: "=_" never occurs in quoted-printable text.
    msg.set_boundary(f"=_weeknote_{sha256((text + html).encode()).hexdigest()[:32]}")
    return msg


def eml_text(msg: EmailMessage) -> str:
    """The message as a .eml file holds it: lines ending CRLF, as mail is sent."""
    return msg.as_string(policy=SMTP)


def shown_text(msg: EmailMessage) -> str:
    """The message for a terminal or a pipe: the same text with plain newlines."""
    return msg.as_string(policy=default)
