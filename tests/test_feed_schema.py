"""The site's feed.xml checked against the Atom schema of RFC 4287 (Appendix B, kept in
tests/fixtures/atom.rnc) by jing, and against the two rules of that schema a RELAX NG validator
does not run, for notes of every kind: written by `new`, a fortnight, written by hand with
TOML, YAML or no front matter, titles and tags that XML must escape."""

from __future__ import annotations

import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import Run, require_tool, write_note

SCHEMA = Path(__file__).parent / "fixtures" / "atom.rnc"
ATOM = "{http://www.w3.org/2005/Atom}"


def _valid(*feeds: Path) -> None:
    """Each of ``feeds`` is valid Atom, or the test fails with what jing says of it."""
    jing = require_tool("jing")
    # -c: the schema is in the compact syntax; one run checks every feed
    done = subprocess.run(
        [jing, "-c", str(SCHEMA), *map(str, feeds)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.fail(f"not valid Atom (RFC 4287):\n{done.stdout}{done.stderr}", pytrace=False)
    for feed in feeds:
        _schematron_rules(feed)


def _schematron_rules(feed: Path) -> None:
    """The schema's two Schematron rules, which are annotations to RELAX NG: an entry has
    an author of its own or its feed's, and an alternate link or content."""
    root = ElementTree.parse(feed).getroot()
    for entry in root.iter(f"{ATOM}entry"):
        where = f"{feed}: entry {entry.findtext(f'{ATOM}id')}"
        authored = (
            root.find(f"{ATOM}author") is not None
            or entry.find(f"{ATOM}author") is not None
            or entry.find(f"{ATOM}source/{ATOM}author") is not None
        )
        assert authored, f"{where} has no atom:author, nor has its feed"
        alternate = any(
            link.get("rel", "alternate") == "alternate" for link in entry.iter(f"{ATOM}link")
        )
        assert alternate or entry.find(f"{ATOM}content") is not None, (
            f"{where} has neither an alternate link nor content"
        )


@pytest.fixture
def varied_notes(run: Run, notes_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder with a note of every kind the feed is made from."""
    for key, value in {
        "site.title": "Ann’s notes & <bins>",
        "site.author": "Zoë Ångström",
        "site.description": 'Kerbsides, depots & "rotas" — <weekly>',
    }.items():
        assert run("config", key, value).exit_code == 0
    # written by `new`: published and updated kept in its front matter, #tags from bullets
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-19")
    for bullet in (
        "Moved the bins rota to Thursdays #waste-team",
        "Read A & B <now> at https://example.org/?a=1&b=2 #über",
    ):
        assert run("bullet", bullet).exit_code == 0
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-20")
    made = run("new", "2026-W47", "--title", "bins & <kerbside> — café ✓", "--no-edit")
    assert made.exit_code == 0, made.stderr
    # a fortnight, written by `new`
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-06")
    made = run("new", "2026-W45", "--weeks", "2", "--no-edit")
    assert made.exit_code == 0, made.stderr
    # by hand: TOML with tags, published with an offset, updated without one
    (notes_dir / "2026-W43.md").write_text(
        "+++\n"
        "title = 'Ferries \"&\" <forms> in Ærøskøbing'\n"
        'week = "2026-W43"\nweeks = ["2026-W43"]\ndate = 2026-10-19\n'
        'tags = ["ferries", "tag: with a colon", "два"]\n'
        "published = 2026-10-23T17:45:00+01:00\nupdated = 2026-10-24T09:00:00\n"
        "+++\n\nRode the ferry. <kbd>Ctrl</kbd> & a `<code>` span #waste-team\n",
        encoding="utf-8",
    )
    # by hand: YAML, published a day, updated a moment in UTC
    (notes_dir / "2026-W42.md").write_text(
        "---\ntitle: 'Depot visit: <b>not bold</b> & co'\nweek: 2026-W42\ndate: 2026-10-12\n"
        "tags: [depot]\npublished: 2026-10-16\nupdated: 2026-10-17T08:00:00Z\n---\n\n"
        "| a | b |\n|---|---|\n| 1 & 2 | <3 |\n\n```\nif a < b && c > d: pass\n```\n",
        encoding="utf-8",
    )
    # by hand, no front matter: the title from its heading, control characters in its text
    (notes_dir / "2026-W41.md").write_text(
        "# Half term on Öland & <Gotland>\n\nA bell\x07, an escape \x1b[31m and a form feed"
        "\x0c, none of which XML can hold. #travel\n",
        encoding="utf-8",
    )
    # updated before published, as a clock set wrong would keep them
    write_note(notes_dir, "2026-W40", "Tuesday's notes.\n")
    text = (notes_dir / "2026-W40.md").read_text(encoding="utf-8")
    (notes_dir / "2026-W40.md").write_text(
        text.replace(
            "+++\n\n",
            "published = 2026-10-05T10:00:00Z\nupdated = 2026-10-01T00:00:00Z\n+++\n\n",
            1,
        ),
        encoding="utf-8",
    )


def _export(run: Run, out: Path, *args: str) -> Path:
    done = run("export", "-f", "site", "-o", str(out), *args)
    assert done.exit_code == 0, done.stderr
    return out / "feed.xml"


@pytest.mark.usefixtures("varied_notes")
def test_the_sites_feed_is_valid_atom_with_and_without_a_base_url(run: Run, tmp_path: Path) -> None:
    relative = _export(run, tmp_path / "relative")
    absolute = _export(run, tmp_path / "absolute", "--base-url", "https://example.org/notes/")
    tagged = _export(run, tmp_path / "tagged", "--tag", "waste-team")
    _valid(relative, absolute, tagged)
    # the notes this is about are all in it, their escaped text read back as written
    root = ElementTree.parse(relative).getroot()
    titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    assert len(titles) == 6 and titles[0] == "Weeknote w/c 16 November: bins & <kerbside> — café ✓"
    assert 'Ferries "&" <forms> in Ærøskøbing' in titles
    assert "Half term on Öland & <Gotland>" in titles
    terms = {category.get("term") for category in root.iter(f"{ATOM}category")}
    assert {"waste-team", "über", "tag: with a colon", "два", "travel"} <= terms
    assert root.findtext(f"{ATOM}title") == "Ann’s notes & <bins>"
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Zoë Ångström"
    based = ElementTree.parse(absolute).getroot()
    assert based.findtext(f"{ATOM}id") == "https://example.org/notes/"
    links = [str(link.get("href")) for link in based.iter(f"{ATOM}link")]
    assert len(links) == 8 and all(href.startswith("https://example.org/notes/") for href in links)
    assert len(ElementTree.parse(tagged).getroot().findall(f"{ATOM}entry")) == 2
