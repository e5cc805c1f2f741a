"""What the HTML exports make of a note, through the real command: GitHub's tables,
strikethrough and bare links the same in the site, its feed, the html page and the email;
raw HTML as text; #tags linked to their pages; and what each page's head says of it
(a description, OpenGraph, an icon) with a <main> on every page."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from conftest import Run, write_note
from weeknote.publish.formats.hugo import escape_raw_html
from weeknote.publish.formats.markup import describe

ATOM = "{http://www.w3.org/2005/Atom}"
RICH = (
    "Highlights of the week #team, with the depot.\n\n"
    "| bin | day |\n| :-- | --: |\n| green | ~~Tue~~ Wed |\n\n"
    "- See https://example.org/rota#team and www.example.org, or mail bins@example.org\n"
    "- Not a link: notes.md, config.toml\n"
    "- Press <kbd>Ctrl</kbd>, not `#team` in code\n"
    "- [#team](https://example.org/a-link) stays the link it was\n\n"
    "```\n#team in a code block\n```\n"
)
TABLE = (
    '<div class="table" tabindex="0">\n<table>\n<thead>\n<tr>\n'
    '<th style="text-align:left">bin</th>\n'
    '<th style="text-align:right">day</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n'
    '<td style="text-align:left">green</td>\n<td style="text-align:right"><s>Tue</s> Wed</td>\n'
    "</tr>\n</tbody>\n</table>\n</div>\n"
)
LINKS = (
    '<a href="https://example.org/rota#team">https://example.org/rota#team</a> and '
    '<a href="http://www.example.org">www.example.org</a>, or mail '
    '<a href="mailto:bins@example.org">bins@example.org</a>'
)


@pytest.fixture
def site(run: Run, notes_dir: Path, tmp_path: Path) -> Path:
    write_note(notes_dir, "2026-W46", RICH, title="Bins: w/c 9 November")
    write_note(notes_dir, "2026-W47", "A quiet week.\n\n## Next\n\n- Rest #home\n")
    write_note(notes_dir, "2026-W45", "```\nmake bins\n```\n")
    out = tmp_path / "site"
    assert run("export", "-f", "site", "-o", str(out)).exit_code == 0
    return out


def _body(page: str) -> str:
    """A note's body as its site page has it: from its meta line to the article's end."""
    found = re.search(r"</p>\n(.*)</article>", page, re.S)
    assert found
    return found.group(1)


def test_tables_strikethrough_and_bare_links_in_every_html_export(
    run: Run, site: Path, tmp_path: Path
) -> None:
    page = (site / "2026-W46.html").read_text()
    assert TABLE in page and LINKS in page
    assert "notes.md, config.toml" in page and 'href="http://notes.md"' not in page
    body = _body(page)
    # The feed carries the page's HTML as it is.
    feed = ET.parse(site / "feed.xml").getroot()
    contents = [entry.find(f"{ATOM}content") for entry in feed.iter(f"{ATOM}entry")]
    assert [each.text for each in contents if each is not None][1] == body
    # The html page and the email render the same Markdown, without the site's tag links.
    unlinked = re.sub(r'<a href="tag-[^"]*">(#[^<]*)</a>', r"\1", body)
    html = run("export", "-f", "html").stdout
    assert TABLE in html and LINKS in html and unlinked in html
    assert run("config", "email.from", "Ann <ann@example.org>").exit_code == 0
    assert run("export", "-f", "email", "-o", str(tmp_path / "mail")).exit_code == 0
    mail = message_from_bytes(
        (tmp_path / "mail" / "2026-W46.eml").read_bytes(), policy=policy.default
    )
    assert isinstance(mail, EmailMessage)
    part = mail.get_body(("html",))
    assert part is not None
    text = part.get_content().replace("\r\n", "\n")
    assert TABLE in text and LINKS in text and unlinked in text


def test_raw_html_is_text_in_every_export(run: Run, site: Path, tmp_path: Path) -> None:
    shown = "Press &lt;kbd&gt;Ctrl&lt;/kbd&gt;, not <code>#team</code> in code"
    assert shown in (site / "2026-W46.html").read_text()
    assert shown in run("export", "-f", "html").stdout
    assert run("export", "-f", "hugo", "-o", str(tmp_path / "blog")).exit_code == 0
    hugo = (tmp_path / "blog" / "content" / "weeknotes" / "2026-W46.md").read_text()
    assert "- Press &lt;kbd>Ctrl&lt;/kbd>, not `#team` in code" in hugo


@pytest.mark.parametrize(
    ("markdown", "escaped"),
    [
        ("<kbd>x</kbd>", "&lt;kbd>x&lt;/kbd>"),
        ("<div>\nblock\n</div>", "&lt;div>\nblock\n&lt;/div>"),
        ("a <!-- note --> b", "a &lt;!-- note --> b"),
        ("a < b and c<d", "a < b and c&lt;d"),
        ("<https://example.org> <me@example.org>", "<https://example.org> <me@example.org>"),
        ("[a file](<my notes.pdf>)", "[a file](<my notes.pdf>)"),
        ("Copy (<kbd>Ctrl</kbd>+C)", "Copy (&lt;kbd>Ctrl&lt;/kbd>+C)"),
        (r"\<kbd> as typed", r"\<kbd> as typed"),
        ("`<kbd>` and ``a\n<b>``", "`<kbd>` and ``a\n<b>``"),
        (
            "text\n\n    <indented>\n\n```html\n<p>\n```",
            "text\n\n    <indented>\n\n```html\n<p>\n```",
        ),
        ("> <q>quoted</q>", "> &lt;q>quoted&lt;/q>"),
    ],
)
def test_hugo_gets_raw_html_escaped_outside_code(markdown: str, escaped: str) -> None:
    assert escape_raw_html(markdown) == escaped


def test_tags_in_a_note_link_to_their_pages_outside_code_and_links(site: Path) -> None:
    body = _body((site / "2026-W46.html").read_text())
    assert body.count('href="tag-team.html"') == 1
    assert 'Highlights of the week <a href="tag-team.html">#team</a>, with' in body
    assert "<code>#team</code>" in body and "#team in a code block" in body
    assert '<a href="https://example.org/a-link">#team</a>' in body
    # A tag page lists the note the link came from.
    assert 'href="2026-W46.html"' in (site / "tag-team.html").read_text()
    # In a heading's section too; a page's own tags only (there is no tag-team on W47).
    assert '<li>Rest <a href="tag-home.html">#home</a></li>' in (site / "2026-W47.html").read_text()


class _Page(HTMLParser):
    """What a test asks of a page's markup: its elements, and its head's meta and links."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.meta: dict[str, str] = {}
        self.icons: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = {name: value or "" for name, value in attrs}
        if tag == "meta" and "content" in found:
            self.meta[found.get("name") or found.get("property", "")] = found["content"]
        if tag == "link" and found.get("rel") == "icon":
            self.icons.append(found["href"])


def test_every_page_has_one_main_an_inline_icon_and_a_description(
    run: Run, site: Path, tmp_path: Path
) -> None:
    assert run("export", "-f", "html", "-o", str(tmp_path / "all.html")).exit_code == 0
    pages = [*sorted(site.glob("*.html")), tmp_path / "all.html"]
    assert {page.name for page in pages} >= {
        "index.html",
        "2026.html",
        "tag-team.html",
        "2026-W46.html",
        "all.html",
    }
    for page in pages:
        parsed = _Page(page.read_text())
        assert parsed.tags.count("main") == 1, page.name
        assert len(parsed.icons) == 1 and parsed.icons[0].startswith("data:image/svg+xml,")
        assert " " not in parsed.icons[0] and "<" not in parsed.icons[0]
        assert parsed.meta["description"], page.name


def test_a_note_page_is_described_by_its_first_paragraph(site: Path) -> None:
    meta = _Page((site / "2026-W46.html").read_text()).meta
    assert meta["description"] == "Highlights of the week #team, with the depot."
    assert meta["og:title"] == "Bins: w/c 9 November"
    assert meta["og:description"] == meta["description"]
    assert meta["og:type"] == "article" and meta["og:site_name"] == "Weeknotes"
    assert "og:url" not in meta  # no base URL: no address to give
    assert _Page((site / "2026-W47.html").read_text()).meta["description"] == "A quiet week."
    assert _Page((site / "2026-W45.html").read_text()).meta["description"] == (
        "Weeknotes, 2-8 Nov 2026."  # nothing to say but code: the note's dates
    )
    index = _Page((site / "index.html").read_text()).meta
    assert index["description"] == "3 weeknotes, 2-22 Nov 2026."
    assert index["og:type"] == "website"
    tag = _Page((site / "tag-team.html").read_text()).meta
    assert tag["description"] == "1 note tagged #team in Weeknotes."
    year = _Page((site / "2026.html").read_text()).meta
    assert year["description"].startswith("2026 in Weeknotes: 3 notes, 3 of ")


def test_with_a_base_url_pages_give_their_address_and_the_site_its_description(
    run: Run, notes_dir: Path, config_file: Path, tmp_path: Path
) -> None:
    config_file.write_text('[site]\ndescription = "What the bins team did"\nauthor = "Ann"\n')
    write_note(notes_dir, "2026-W47", "A quiet week #home.\n")
    out = tmp_path / "site"
    base = "https://example.org/notes/"
    assert run("export", "-f", "site", "-o", str(out), "--base-url", base).exit_code == 0
    assert _Page((out / "2026-W47.html").read_text()).meta["og:url"] == f"{base}2026-W47.html"
    index = _Page((out / "index.html").read_text()).meta
    assert index["og:url"] == base and index["description"] == "What the bins team did"
    assert _Page((out / "tag-home.html").read_text()).meta["og:url"] == f"{base}tag-home.html"
    assert _Page((out / "2026.html").read_text()).meta["og:url"] == f"{base}2026.html"


@pytest.mark.parametrize(
    ("markdown", "said"),
    [
        (
            "Highlights:\n\n- Fixed **the** bins\n- Then `more`\n\n## Next\n\n- Rest",
            "Highlights: Fixed the bins; Then more",
        ),
        ("## Done\n\n- One.\n- Two\n\n## Next\n\n- Three", "One. Two"),
        ("| a |\n| - |\n| b |\n\nAfter the table ![a chart](c.png).", "After the table ."),
        ("First *paragraph*\nover two lines.\n\nSecond one.", "First paragraph over two lines."),
        ("In short:\n\n1. One\n2. Two\n\nAfter.", "In short: One; Two"),
        ("word " * 60, ("word " * 31).strip() + "…"),
        ("", ""),
    ],
)
def test_a_description_is_the_note_s_opening_as_plain_text(markdown: str, said: str) -> None:
    assert describe(markdown) == said
    assert len(describe(markdown)) <= 160
