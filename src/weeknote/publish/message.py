"""A note as an email: plain text (its Markdown) and HTML (its site page's article), both in
one multipart/alternative message, made with Python's ``email`` package. Pure: the sender,
the date and the recipients are given.

The HTML is the ``<article>`` of the note's page in the ``site`` export, in a document with
a small stylesheet of its own (no variables, no fetches: mail programs show what they can
of it, and nothing more is asked for); the note's Markdown is rendered with raw HTML off,
so the message holds no script. Both parts are quoted-printable, so the message is 7-bit
text any server carries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP, default
from email.utils import format_datetime, getaddresses, parseaddr
from hashlib import sha256
from html import escape

from weeknote.errors import ConfigError, UsageError
from weeknote.publish.formats.markup import meta_line, to_html
from weeknote.publish.formats.model import Item

# The time of day a note's message is dated, in the local time zone: a note has a date
# but no time.
NOTE_TIME = time(9, 0)
_FROM_LINE = re.compile(r"^From ", re.MULTILINE)
EXAMPLE_FROM = '"Name <me@example.org>"'

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
    """``<2026-W47.weeknote@example.org>``: the same for a note every time it is exported,
    so mail programs and archives see one message; ``again`` numbers a resend, which some
    mail programs would otherwise drop as a copy of the first."""
    resend = f".{again + 1}" if again else ""
    return f"<{item.slug}{resend}.weeknote@{domain(sender)}>"


def note_moment(day: date) -> datetime:
    """A note's date as the moment its message is dated: NOTE_TIME, local time."""
    return datetime.combine(day, NOTE_TIME).astimezone()


def text_part(item: Item) -> str:
    """The note's Markdown, under its title as a heading (as the page shows it)."""
    body = item.body
    text = f"# {item.note.title}\n\n{body}" if body.strip() else f"# {item.note.title}\n"
    return text if text.endswith("\n") else text + "\n"


def article(item: Item) -> str:
    """The note as the site's page shows it: its ``<article>``."""
    return (
        f"<article>\n<h1>{escape(item.note.title)}</h1>\n{meta_line(item)}\n"
        f"{to_html(item.body)}</article>\n"
    )


def html_part(item: Item) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(item.note.title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n"
        f"<body>\n{article(item)}</body>\n</html>\n"
    )


def message(
    item: Item,
    sender: str,
    *,
    when: datetime,
    identity: str,
    to: Sequence[str] = (),
) -> EmailMessage:
    """The note as one message from ``sender``, dated ``when`` (aware)."""
    msg = EmailMessage(policy=default)
    msg["From"] = sender
    if to:
        msg["To"] = ", ".join(to)
    msg["Subject"] = " ".join(item.note.title.split())  # a header is one line
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = identity
    msg["X-Weeknote-Week"] = item.note.week
    text, html = text_part(item), html_part(item)
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
