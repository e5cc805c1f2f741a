"""``email``: one message per note, ``2026-W47.eml`` (named as the site names its page),
or with ``--mbox`` every note in one mbox file, newest first.

Each message is made by message.py: From config ``email.from``, Subject the note's title,
Date the note's date at 09:00 local time, a Message-ID made from the week, the sender's
address and the note (message.message_id), and no To (the export is for a mail program to
send, or an archive). A message is made from its note, the options and the local time
zone's offset on its date, so a re-export rewrites only the messages of the notes that
changed.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from email.message import EmailMessage

from weeknote.publish import message
from weeknote.publish.formats.model import (
    Document,
    Files,
    Item,
    Made,
    Options,
    digest,
    item_digest,
    options_digest,
)


def file_name(item: Item) -> str:
    return f"{item.slug}.eml"


def _message(item: Item, options: Options) -> EmailMessage:
    return message.message(
        item,
        options.sender,
        when=message.note_moment(item.entry.date),
        identity=message.message_id(item, options.sender),
        page=message.page_url(item, options.base_url),
    )


def _eml(given: tuple[Item, Options], made: Made) -> list[str]:
    item, options = given
    return [message.eml_text(_message(item, options))]


def export(items: Sequence[Item], options: Options) -> Files:
    given = options_digest(options)
    files = Files()
    for item in items:
        offset = message.note_moment(item.entry.date).utcoffset()
        files.add(
            file_name(item),
            digest("eml", given, item_digest(item), offset),
            _eml,
            (item, options),
        )
    return files


def mbox(items: Sequence[Item], options: Options) -> Document:
    """Every note's message in one mbox file (the "From " line form: a body line that
    starts so is written ">From ")."""
    return _mbox(list(items), options)


def _mbox(items: list[Item], options: Options) -> Iterator[str]:
    from email.generator import Generator
    from io import StringIO

    envelope = message.bare(options.sender)
    for item in items:
        msg = _message(item, options)
        stamp = time.asctime(message.note_moment(item.entry.date).timetuple())
        msg.set_unixfrom(f"From {envelope} {stamp}")
        out = StringIO()
        Generator(out, mangle_from_=True, policy=msg.policy).flatten(msg, unixfrom=True)
        text = out.getvalue()
        yield text + ("\n" if text.endswith("\n") else "\n\n")
