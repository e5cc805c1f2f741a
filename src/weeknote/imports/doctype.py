"""What an XML source's <!DOCTYPE> may hold: no entity declarations, for any XML source.

A feed or an export is untrusted. An entity it declares could stand for a file on this
machine, a URL, or text that doubles itself into gigabytes; weeknote expands none of them,
and rather than guess what the text meant without them (feedparser would drop them and
read the rest), it refuses the file. A <!DOCTYPE> that only names an external DTD, as old
RSS 0.91 feeds do, is fine: that DTD is never fetched, and the five XML entities and
numeric references are read as ever.

Only the prolog is parsed (defusedxml, stopping at the root element), so a large feed
costs no more than a small one.
"""

from __future__ import annotations

import re
from pathlib import Path

from weeknote.errors import ImportFailure

_CHUNK = 1 << 16  # bytes handed to the parser at a time; the prolog is in the first
_ELEMENT = re.compile(rb"<[A-Za-z_]")  # the first element: where feedparser's prolog ends
_DECLARED = re.compile(rb"<!ENTITY\s+(%\s+)?([^\s>\"']+)")


class _Root(Exception):
    """The root element has begun: the prolog is over and declared nothing."""


class _StopAtRoot:
    """A parser target that ends the parse at the first element."""

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        raise _Root

    def close(self) -> None:
        return None


def refuse_entities(path: Path, data: bytes) -> None:
    """ImportFailure if the XML in ``data`` declares an entity in its <!DOCTYPE>."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import EntitiesForbidden, ExternalReferenceForbidden
    from defusedxml.ElementTree import DefusedXMLParser

    parser = DefusedXMLParser(
        target=_StopAtRoot(), forbid_dtd=False, forbid_entities=True, forbid_external=True
    )
    try:
        for start in range(0, len(data), _CHUNK):
            parser.feed(data[start : start + _CHUNK])
    except _Root:
        return
    except EntitiesForbidden as exc:
        raise _refused(path, str(exc.name)) from None
    except ExternalReferenceForbidden as exc:  # reached only through a declared entity
        raise _refused(path, str(exc.sysid)) from None
    except ParseError:
        # Not well-formed before its first element: the reader says what is wrong with it,
        # but only once nothing that reader would still take for a declaration is there.
        head = _ELEMENT.search(data)
        found = _DECLARED.search(data[: head.start()] if head else data)
        if found:
            name = (b"%" if found.group(1) else b"") + found.group(2)
            raise _refused(path, name.decode("utf-8", "replace")) from None


def _refused(path: Path, name: str) -> ImportFailure:
    return ImportFailure(
        f"{path} declares the XML entity {name!r} in its <!DOCTYPE …>, and weeknote expands "
        "no entity a file declares: remove the <!ENTITY …> lines (writing out the text they "
        "stood for) and import it again"
    )
