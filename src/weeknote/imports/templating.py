"""Template code in a site's source posts, and what it stood for on the site.

A post read from a site's folder is its source, before the site was built: Jekyll's Liquid
(``{% twitter URL %}``, ``{{ site.baseurl }}``), Hugo's shortcodes (``{{< youtube ID >}}``),
Eleventy's and Lume's Nunjucks (``{{ comp.anchor(…) | safe }}``) are still in it. None of it
means anything in a note, so none is carried silently:

- the common embeds (tweets, videos, gists, images and figures) become links, and a
  ``{% highlight %}`` block a fenced code block;
- what only stood for the site's address (``{{ site.baseurl }}``, ``{{ "/x" | relative_url }}``)
  goes, leaving the site-relative address that ``siteaddress`` makes absolute;
- comments (``{% comment %}``, ``{# #}``), excerpt separators (``<!--more-->``) and the
  attributes kramdown and Hugo hang on links and headings (``{:target="_blank"}``,
  ``{#anchor}``) go;
- anything else is taken out, and said: ``Untemplated.removed`` names each piece and its
  line, or, when the person asks to keep it, it stays as written.

Code blocks and code spans are left as they are (``blocks.parts``): template code there is
text the person wrote to show. Pure: text in, text out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from weeknote.imports.blocks import parts
from weeknote.imports.html import safe_url

# Held text: kept out of the later steps' reach and put back at the end (``restore``).
_HOLD = "\ue000{}\ue001"
_HELD = re.compile("\ue000(\\d+)\ue001")

# Each piece is bounded in length, so text with a "{{" that never closes costs no more than
# a few passes over it.
_TEMPLATE = re.compile(
    r"""
    (?P<separator>[ \t]*<!--\s*(?i:more|excerpt|truncate|break|read[ -]?more)\s*-->[ \t]*)
  | (?P<raw>\{%-?\s*raw\s*-?%\}(?P<raw_text>.{0,65536}?)\{%-?\s*endraw\s*-?%\})
  | (?P<comment>\{%-?\s*comment\s*-?%\}.{0,65536}?\{%-?\s*endcomment\s*-?%\}|\{\#.{0,4096}?\#\})
  | (?P<liquid_code>\{%-?\s*highlight\s+(?P<liquid_lang>[\w+#.-]*)[^%]*%\}\n?
        (?P<liquid_body>.{0,65536}?)\{%-?\s*endhighlight\s*-?%\})
  | (?P<hugo_code>\{\{[<%]\s*highlight\s+(?P<hugo_lang>[\w+#.-]*)[^}]*?[>%]\}\}\n?
        (?P<hugo_body>.{0,65536}?)\{\{[<%]\s*/highlight\s*[>%]\}\})
  | (?P<shortcode>\{\{(?P<mark>[<%])\s*(?P<close>/)?\s*(?P<short>[\w./-]+)(?P<short_args>.{0,1000}?)
        [>%]\}\})
  | (?P<tag>\{%-?\s*(?P<tag_name>[\w./-]+)(?P<tag_args>.{0,1000}?)-?%\})
  | (?P<output>\{\{-?(?P<expression>.{0,1000}?)-?\}\})
  | (?P<attributes>\{::comment\}.{0,65536}?\{:/comment\}|\{:[:/]?[^{}\n]{0,200}\}
        |[ \t]+\{[\#.][^{}\n]{0,200}\}[ \t]*(?=\n|\Z))
    """,
    re.DOTALL | re.VERBOSE,
)
_ARG = re.compile(
    r"""(?:(?P<key>[\w-]+)\s*[:=](?!//)\s*)?(?P<value>"[^"]*"|'[^']*'|[^\s,"']+)""", re.VERBOSE
)
_SITE_ADDRESS = re.compile(
    r"^\s*(?:site\.)?(?:url|baseurl|base_url|baseURL)\s*$|^\s*\.Site\.BaseURL\s*$", re.IGNORECASE
)
_URL_FILTERS = {"relative_url", "absolute_url", "url", "prepend: site.baseurl"}
_LITERAL = re.compile(r"""^\s*(?:"([^"]*)"|'([^']*)')\s*((?:\|[^|]*)*)$""")
_IMAGE_WORDS = ("img", "image", "photo", "picture", "figure")
_IMAGE_SUFFIX = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg)(?:[?#].*)?$", re.IGNORECASE)
_EMPTY_LINK = re.compile(r"(?<!!)\[([^\[\]\n]*)\]\(\s*\)")


class Untemplated(NamedTuple):
    text: str
    removed: list[tuple[int, str]]  # (line in the text, 0-based; the code) taken out
    held: list[str]  # text behind placeholders in ``text``, for ``restore``


class _Args(NamedTuple):
    positional: list[str]
    named: dict[str, str]

    def get(self, *keys: str) -> str:
        return next((self.named[key] for key in keys if self.named.get(key)), "")


def _args(text: str) -> _Args:
    positional: list[str] = []
    named: dict[str, str] = {}
    for match in _ARG.finditer(text):
        value = match.group("value")
        if value[:1] in "\"'" and value[-1:] == value[:1] and len(value) > 1:
            value = value[1:-1]
        if match.group("key"):
            named[match.group("key").lower()] = value
        else:
            positional.append(value)
    return _Args(positional, named)


def _link(text: str, url: str) -> str:
    """A Markdown link, or only its text when following it could run something."""
    text = re.sub(r"([\[\]\\])", r"\\\1", text)
    safe = safe_url(url)
    if safe is None:
        return text
    if re.search(r"[\s()<>]", safe):
        safe = "<" + safe.replace("<", "%3C").replace(">", "%3E") + ">"
    return f"[{text}]({safe})"


def _tweet(args: _Args) -> str | None:
    url = next((value for value in args.positional if value.startswith("http")), "")
    if url:
        return _link("Tweet", url)
    tweet_id = args.get("id") or next((v for v in args.positional if v.isdigit()), "")
    if not tweet_id:
        return None
    user = args.get("user") or next((v for v in args.positional if not v.isdigit()), "")
    if user:
        return _link(f"Tweet by @{user}", f"https://twitter.com/{user}/status/{tweet_id}")
    return _link("Tweet", f"https://twitter.com/i/status/{tweet_id}")


def _video(site: str, address: str) -> Callable[[_Args], str | None]:
    def embed(args: _Args) -> str | None:
        found = args.get("id", "url", "src") or next(iter(args.positional), "")
        if not found:
            return None
        return _link(f"{site} video", found if "://" in found else address.format(found))

    return embed


def _gist(args: _Args) -> str | None:
    found = [value for value in args.positional if value]
    if not found:
        return None
    path = "/".join(found[:2]) if len(found) > 1 and "/" not in found[0] else found[0]
    return _link("Gist", f"https://gist.github.com/{path}")


def _instagram(args: _Args) -> str | None:
    found = args.get("id") or next(iter(args.positional), "")
    if not found:
        return None
    return _link(
        "Instagram post", found if "://" in found else f"https://www.instagram.com/p/{found}/"
    )


_EMBEDS: dict[str, Callable[[_Args], str | None]] = {
    "twitter": _tweet,
    "tweet": _tweet,
    "x": _tweet,
    "youtube": _video("YouTube", "https://www.youtube.com/watch?v={}"),
    "vimeo": _video("Vimeo", "https://vimeo.com/{}"),
    "gist": _gist,
    "instagram": _instagram,
}


def _image_source(args: _Args) -> str:
    found = args.get("src", "path", "url", "image", "file", "source", "img")
    if found:
        return found
    for value in args.positional:
        if "/" in value or _IMAGE_SUFFIX.search(value):
            return value
    return ""


def _image(name: str, args: _Args, in_place_of_url: bool) -> str | None:
    """An image tag as the image's address (where the tag stood for one), or as a link with
    its caption after it."""
    src = _image_source(args)
    if not src:
        return None
    if in_place_of_url or name.endswith("url"):
        return safe_url(src) or ""
    caption = args.get("caption", "description")
    alt = (
        args.get("alt", "title")
        or caption
        or (args.positional[1] if len(args.positional) > 1 and args.positional[0] == src else "")
    )
    shown = _link(" ".join(alt.split()) or "image", src)
    if caption and caption != alt:
        return f"{shown}\n\n{caption}"
    return shown


def _embed(name: str, args_text: str, in_place_of_url: bool) -> str | None:
    """What a tag or shortcode named ``name`` stood for, or None when it is not known."""
    key = name.lower().removesuffix(".html").removesuffix(".liquid").removesuffix(".njk")
    key = key.rsplit("/", 1)[-1]
    args = _args(args_text)
    if key == "include":
        if not args.positional:
            return None
        included = args.positional[0]
        rest = args_text.split(included, 1)[-1]
        return _embed(included, rest, in_place_of_url)
    maker = _EMBEDS.get(key)
    if maker is not None:
        return maker(args)
    if any(word in key for word in _IMAGE_WORDS):
        return _image(key, args, in_place_of_url)
    return None


def _expression(expression: str) -> str | None:
    """What a ``{{ … }}`` output stood for, when it only made an address; else None."""
    if _SITE_ADDRESS.match(expression):
        return ""
    literal = _LITERAL.match(expression)
    if literal:
        filters = [f.strip() for f in literal.group(3).split("|") if f.strip()]
        if all(f in _URL_FILTERS for f in filters):
            return literal.group(1) if literal.group(1) is not None else literal.group(2)
    return None


def _fence(language: str, body: str) -> str:
    body = body.strip("\n")
    mark = "```" if "```" not in body else "~~~~"
    return f"{mark}{language}\n{body}\n{mark}"


def untemplate(text: str, *, keep: bool = False) -> Untemplated:
    """``text`` with its template code replaced by what it stood for, or taken out (each
    piece taken out named in ``removed``), or, with ``keep``, held as it is."""
    if "{" not in text and "<!--" not in text:
        return Untemplated(text, [], [])
    code = [(part.offset, part.offset + len(part.text)) for part in parts(text) if part.code]
    held: list[str] = []
    removed: list[tuple[int, str]] = []

    def hold(kept: str) -> str:
        held.append(kept)
        return _HOLD.format(len(held) - 1)

    def in_code(at: int) -> bool:
        return any(start <= at < end for start, end in code)

    out: list[str] = []
    last = 0
    for match in _TEMPLATE.finditer(text):
        start, end = match.span()
        if in_code(start):
            continue
        whole = match.group(0)
        before = text[max(0, start - 12) : start]
        in_place_of_url = re.search(r"[\"'(=]$|\]:\s*$", before) is not None
        instead: str | None
        if match.group("separator") is not None or match.group("attributes") is not None:
            instead = ""
        elif match.group("raw") is not None:
            instead = hold(match.group("raw_text"))
        elif match.group("comment") is not None:
            instead = ""
        elif match.group("liquid_code") is not None:
            instead = hold(_fence(match.group("liquid_lang"), match.group("liquid_body")))
        elif match.group("hugo_code") is not None:
            instead = hold(_fence(match.group("hugo_lang"), match.group("hugo_body")))
        elif match.group("shortcode") is not None:
            instead = (
                None
                if match.group("close")
                else _embed(match.group("short"), match.group("short_args"), in_place_of_url)
            )
        elif match.group("tag") is not None:
            instead = _embed(match.group("tag_name"), match.group("tag_args"), in_place_of_url)
        else:
            instead = _expression(match.group("expression"))
        if instead is None:
            if keep:
                instead = hold(whole)
            else:
                removed.append((text.count("\n", 0, start), " ".join(whole.split())))
                instead = ""
        if instead == "":
            start, end = _whole_line(text, start, end, last)
        out.append(text[last:start])
        out.append(instead)
        last = end
    out.append(text[last:])
    cleaned = "".join(out)
    if removed and "](" in cleaned:
        cleaned = _EMPTY_LINK.sub(r"\1", cleaned)  # a link whose address was template code
    return Untemplated(cleaned, removed, held)


def _whole_line(text: str, start: int, end: int, floor: int) -> tuple[int, int]:
    """The span to take out for code that leaves nothing: its whole line, when it stood
    alone on it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    alone_before = line_start >= floor and not text[line_start:start].strip()
    if alone_before and not text[end:line_end].strip():
        end = min(line_end + 1, len(text))
        blank_before = line_start == 0 or text[line_start - 2 : line_start] == "\n\n"
        if blank_before and text[end : end + 1] == "\n":
            end += 1  # one blank line, not two, where it stood between paragraphs
        return line_start, end
    if alone_before:
        return start, end + 1 if text[end : end + 1] == " " else end  # "{{ x }} word"
    if (
        start > floor
        and text[start - 1] == " "
        and text[end : end + 1] in (" ", ".", ",", "", "\n")
    ):
        return start - 1, end  # "Text {{ x }} more." as "Text more."
    return start, end


def restore(text: str, held: list[str]) -> str:
    """``text`` with what ``untemplate`` held put back."""
    if not held:
        return text
    return _HELD.sub(lambda match: held[int(match.group(1))], text)
