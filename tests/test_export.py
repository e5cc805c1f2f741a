from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import fields, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import feedparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import weeknote.folder.files as folder_files
from conftest import Run, tree_digest, weeknote_process, write_note
from weeknote import render
from weeknote.folder.note import Note
from weeknote.folder.store import NoteEntry
from weeknote.publish.folder import MANIFEST
from weeknote.publish.formats import FORMATS, site
from weeknote.publish.formats.markup import ICON_LINK, to_html
from weeknote.publish.formats.model import Item, Options, item_digest
from weeknote.publish.formats.site import FEED, INDEX
from weeknote.text import archive

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def notes(notes_dir: Path) -> Path:
    """Four notes over two years: a fortnight, one with tags, one written by hand."""
    write_note(
        notes_dir,
        "2026-W47",
        "Highlights from the week were:\n\n- Day with the **waste team** #bins\n\n"
        "## Something I'm learning\n\n- Book a clear day\n",
        title="Weeknote w/c 16 November: bins",
    )
    write_note(notes_dir, "2026-W45", "Two weeks.\n", weeks=["2026-W44", "2026-W45"], title="Two")
    (notes_dir / "2026-W01.md").write_text("# By hand\n\nNo front matter. #handmade\n")
    write_note(notes_dir, "2025-W52", "Year end.\n", title="Year end")
    return notes_dir


NEWEST_FIRST = ["2026-W47", "2026-W45", "2026-W01", "2025-W52"]


def test_md_is_the_default_newest_first(run: Run, notes: Path) -> None:
    result = run("export")
    assert result.exit_code == 0 and result.stderr == ""
    text = result.stdout
    assert text.startswith("# Weeknote w/c 16 November: bins\n\nHighlights from the week were:")
    headings = [line for line in text.splitlines() if line.startswith("# ")]
    assert headings == ["# Weeknote w/c 16 November: bins", "# Two", "# By hand", "# Year end"]
    assert "## Something I'm learning" in text


def test_text_is_the_archive_form(run: Run, notes: Path) -> None:
    result = run("export", "--format", "text")
    bodies = [
        ("Weeknote w/c 16 November: bins", None),
        ("Two", "Two weeks.\n"),
        ("By hand", "# By hand\n\nNo front matter. #handmade\n"),
        ("Year end", "Year end.\n"),
    ]
    assert result.stdout.startswith("Weeknote w/c 16 November: bins\n\nHighlights")
    tail = archive.join((title, body) for title, body in bodies[1:] if body)
    assert result.stdout.endswith(tail)


def test_json_records_extend_list_json(run: Run, notes: Path) -> None:
    doc = json.loads(run("export", "-f", "json").stdout)
    assert doc["version"] == 1
    assert [n["week"] for n in doc["notes"]] == NEWEST_FIRST
    listed = {n["week"]: n for n in json.loads(run("list", "--json").stdout)["notes"]}
    for record in doc["notes"]:
        extra = {k: v for k, v in record.items() if k not in listed[record["week"]]}
        assert record == {**listed[record["week"]], **extra}
        assert set(extra) <= {"body", "tags"}
    first, two = doc["notes"][0], doc["notes"][1]
    assert first["tags"] == ["bins"] and first["body"].startswith("Highlights from")
    assert "+++" not in first["body"]
    assert "tags" not in two and two["weeks"] == ["2026-W44", "2026-W45"]


def test_from_and_to_take_week_forms_and_overlap(
    run: Run, notes: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-20")

    def weeks(*args: str) -> list[str]:
        return [n["week"] for n in json.loads(run("export", "-f", "json", *args).stdout)["notes"]]

    assert weeks("--from", "2026-W45", "--to", "this") == ["2026-W47", "2026-W45"]
    # A fortnight note is exported when either of its weeks is in range.
    assert weeks("--from", "2026-W44", "--to", "2026-W44") == ["2026-W45"]
    assert weeks("--to", "1 Jan 2026") == ["2026-W01", "2025-W52"]
    assert weeks("--from", "-1") == ["2026-W47"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--from", "2026-W60"], 2, "2026 has 53 ISO weeks"),
        (["--to", "someday"], 2, "not a week: 'someday'"),
        (["--from", "2026-W47", "--to", "2026-W01"], 2, "is after --to"),
        (["-f", "site"], 2, "add --output DIR"),
        (["-f", "hugo"], 2, "add --output DIR"),
        (["-f", "pdf"], 2, "no format 'pdf'"),
        (["-f", "site", "-o", "out", "--base-url", "example.org"], 2, "absolute http(s) URL"),
        (["-f", "md", "--base-url", "https://example.org/"], 2, "--base-url is for"),
        (["--to", "2020-W01"], 1, "no notes to export"),
    ],
)
def test_bad_requests_say_one_line_and_write_nothing(
    run: Run,
    notes: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    code: int,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    before = tree_digest(tmp_path)
    result = run("export", *args)
    assert result.exit_code == code
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert message in result.stderr
    after = tree_digest(tmp_path)
    assert {k: v for k, v in after.items() if not k.startswith("cache")} == {
        k: v for k, v in before.items() if not k.startswith("cache")
    }


def test_output_of_the_wrong_kind_is_refused(run: Run, notes: Path, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("mine\n")
    result = run("export", "-f", "site", "-o", str(tmp_path / "a-file"))
    assert result.exit_code == 2 and "is a file" in result.stderr
    result = run("export", "-f", "html", "-o", str(notes))
    assert result.exit_code == 2 and "is a folder" in result.stderr
    assert (tmp_path / "a-file").read_text() == "mine\n"


def test_no_traceback_from_a_real_process(notes: Path, tmp_path: Path) -> None:
    proc = weeknote_process("export", "-f", "site")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_html_escapes_raw_html_and_unsafe_links(run: Run, notes_dir: Path) -> None:
    write_note(
        notes_dir,
        "2026-W47",
        f"- {SCRIPT}\n- [js](javascript:alert(1)) [JS](JaVaScRiPt:alert(2))\n"
        "- [data](data:text/html;base64,PHNjcmlwdD4=) ![img](data:image/png;base64,AAAA)\n"
        "- <javascript:alert(3)> [tab](<java\tscript:alert(4)>) [vb](vbscript:x)\n"
        "- [fine](https://example.org/a?b=1) <img src=x onerror=alert(5)>\n",
    )
    page = run("export", "-f", "html").stdout
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(5)&gt;" in page
    lowered = page[page.index("<body>") :].lower()  # the head's icon is an inline data: URL
    for scheme in ("javascript:", "data:", "vbscript:", "java\tscript"):
        assert f'href="{scheme}' not in lowered and f'src="{scheme}' not in lowered
    assert '<a href="https://example.org/a?b=1">fine</a>' in page


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "&#106;avascript:alert(1)",
        "data:image/png;base64,AAAA",
        "data:text/html,hi",
        "file:///etc/passwd",
        "vbscript:msgbox",
    ],
)
def test_unsafe_schemes_are_never_links(link: str) -> None:
    assert "href=" not in to_html(f"[x]({link})") and "src=" not in to_html(f"![x]({link})")


def test_markdown_headings_shift_under_the_page(notes: Path) -> None:
    assert to_html("## Learning", shift=2).strip() == "<h4>Learning</h4>"
    assert to_html("##### Deep", shift=2).strip() == "<h6>Deep</h6>"


def test_html_is_one_standalone_page(run: Run, notes: Path) -> None:
    page = run("export", "-f", "html").stdout
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "prefers-color-scheme:dark" in page
    # Nothing is fetched: the one link is the icon, drawn inline.
    assert page.count("<link") == 1 and ICON_LINK in page
    assert "src=" not in page and "@import" not in page
    assert "default-src 'none'" in page  # no requests of any kind, even from a note
    assert page.index("<summary>2026") < page.index("<summary>2025")
    for week in NEWEST_FIRST:
        assert f'href="#{week}"' in page and f'<article id="{week}">' in page
    # A note written by hand opens with its title as a heading: shown once, not twice.
    assert page.count(">By hand<") == 2  # the contents entry and the article's heading


def _export_site(run: Run, out: Path, *args: str) -> None:
    result = run("export", "-f", "site", "-o", str(out), *args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{out}\n"


def test_site_feed_and_index(run: Run, notes: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    _export_site(run, out, "--base-url", "https://example.org/notes")
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Weeknotes"
    assert [e.link for e in feed.entries] == [
        f"https://example.org/notes/{week}.html" for week in NEWEST_FIRST
    ]
    assert [e.id for e in feed.entries] == [e.link for e in feed.entries]
    assert feed.entries[0].updated == "2026-11-16T00:00:00Z"
    assert feed.entries[0].tags[0].term == "bins"
    assert "<strong>waste team</strong>" in feed.entries[0].content[0].value
    index = (out / "index.html").read_text()
    for week in NEWEST_FIRST:
        assert f'href="{week}.html"' in index
        page = (out / f"{week}.html").read_text()
        assert 'href="index.html"' in page and "prefers-color-scheme" in page
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [MANIFEST, "feed.xml", "index.html", *(f"{w}.html" for w in NEWEST_FIRST)]
        + ["2025.html", "2026.html", "tag-bins.html", "tag-handmade.html"]
    )


def test_site_without_base_url_has_relative_links_and_stable_ids(
    run: Run, notes: Path, tmp_path: Path
) -> None:
    _export_site(run, tmp_path / "site")
    feed = feedparser.parse((tmp_path / "site" / "feed.xml").read_bytes())
    assert not feed.bozo
    ids = [e.id for e in feed.entries]
    assert all(each.startswith("urn:uuid:") for each in ids) and len(set(ids)) == len(ids)
    assert feed.feed.id == (notes / ".weeknote" / "feed-id").read_text().strip()
    _export_site(run, tmp_path / "again")
    again = feedparser.parse((tmp_path / "again" / "feed.xml").read_bytes())
    assert [e.id for e in again.entries] == ids  # stable: made from the folder's own id
    assert 'href="2026-W47.html"' in (tmp_path / "site" / "feed.xml").read_text()


def test_feed_survives_control_characters(run: Run, notes_dir: Path, tmp_path: Path) -> None:
    write_note(notes_dir, "2026-W47", "Form\x0cfeed and bell\x07 in a pasted line.\n")
    _export_site(run, tmp_path / "site")
    assert not feedparser.parse((tmp_path / "site" / "feed.xml").read_bytes()).bozo


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_exports_are_byte_identical(run: Run, notes: Path, tmp_path: Path, name: str) -> None:
    if name == "email":
        run("config", "email.from", "ann@example.org")  # a message needs a From
    if FORMATS[name][1]:
        for folder in ("one", "two"):
            run("export", "-f", name, "-o", str(tmp_path / folder), "--base-url", "")
        one, two = tree_digest(tmp_path / "one"), tree_digest(tmp_path / "two")
        assert one == two and len(one) > 2
    else:
        assert run("export", "-f", name).stdout == run("export", "-f", name).stdout


def test_a_non_empty_folder_needs_force(run: Run, notes: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "index.html").write_text("my own page\n")
    (out / "notes.txt").write_text("keep me\n")
    result = run("export", "-f", "site", "-o", str(out))
    assert result.exit_code == 6 and "holds no earlier weeknote export" in result.stderr
    assert tree_digest(out) == {"index.html": b"my own page\n", "notes.txt": b"keep me\n"}
    _export_site(run, out, "--force")
    assert (out / "notes.txt").read_text() == "keep me\n"
    assert "Weeknotes" in (out / "index.html").read_text()


def test_edited_files_are_not_overwritten(run: Run, notes: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    _export_site(run, out)
    (out / "2026-W45.html").write_text("fixed by hand\n")
    write_note(notes, "2026-W47", "New words.\n")  # so the export has something to change
    before = tree_digest(out)
    result = run("export", "-f", "site", "-o", str(out))
    assert result.exit_code == 6 and "2026-W45.html" in result.stderr
    assert tree_digest(out) == before
    _export_site(run, out, "--force")
    assert "Two weeks." in (out / "2026-W45.html").read_text()


def test_reexport_rewrites_only_what_changed_and_removes_what_it_wrote(
    run: Run, notes: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    _export_site(run, out)
    (out / "extra.txt").write_text("mine\n")
    result = run("export", "-f", "site", "-o", str(out))
    assert "0 files written, 10 unchanged" in result.stderr
    (out / "2025-W52.html").write_text("edited\n")
    (notes / "2025-W52.md").unlink()
    (notes / "2026-W01.md").unlink()
    result = run("export", "-f", "site", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "3 removed" in result.stderr and "Kept 2025-W52.html" in result.stderr
    for gone in ("2026-W01.html", "2025.html", "tag-handmade.html"):  # its year, its tag
        assert not (out / gone).exists()
    assert (out / "2025-W52.html").read_text() == "edited\n"
    assert (out / "extra.txt").read_text() == "mine\n"
    assert "2025-W52.html" not in (out / MANIFEST).read_text()


def test_a_folder_holding_another_format_needs_force(run: Run, notes: Path, tmp_path: Path) -> None:
    _export_site(run, tmp_path / "out")
    result = run("export", "-f", "hugo", "-o", str(tmp_path / "out"))
    assert result.exit_code == 6 and "holds a site export" in result.stderr


def test_single_file_output(run: Run, notes: Path, tmp_path: Path) -> None:
    path = tmp_path / "notes.html"
    result = run("export", "-f", "html", "-o", str(path))
    assert result.exit_code == 0 and result.stdout == f"{path}\n"
    assert path.read_text() == run("export", "-f", "html").stdout
    assert "1 unchanged" in run("export", "-f", "html", "-o", str(path)).stderr
    path.write_text("someone's page\n")
    result = run("export", "-f", "html", "-o", str(path))
    assert result.exit_code == 6 and path.read_text() == "someone's page\n"
    assert run("export", "-f", "html", "-o", str(path), "--force").exit_code == 0
    assert path.read_text().startswith("<!DOCTYPE html>")


def test_hugo_content_files(run: Run, notes: Path, tmp_path: Path) -> None:
    result = run("export", "-f", "hugo", "-o", str(tmp_path / "blog"))
    assert result.exit_code == 0, result.stderr
    folder = tmp_path / "blog" / "content" / "weeknotes"
    assert sorted(p.stem for p in folder.iterdir()) == sorted(NEWEST_FIRST)
    text = (folder / "2026-W47.md").read_text()
    front = tomllib.loads(text.split("+++\n")[1])
    assert front["title"] == "Weeknote w/c 16 November: bins"
    assert str(front["date"]) == "2026-11-16" and front["weeks"] == ["2026-W47"]
    assert front["tags"] == ["bins"]
    hand = (folder / "2026-W01.md").read_text()
    assert 'title = "By hand"' in hand and "# By hand" not in hand


def test_two_files_for_one_week_get_their_own_pages(run: Run, notes: Path, tmp_path: Path) -> None:
    (notes / "2026-W47 draft two.md").write_text("# Another\n\nSecond file.\n")
    _export_site(run, tmp_path / "site")
    index = (tmp_path / "site" / "index.html").read_text()
    assert 'href="2026-W47.html"' in index and 'href="2026-W47-2.html"' in index
    assert "Second file." in (tmp_path / "site" / "2026-W47-2.html").read_text()


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    for number in range(1, 61):
        write_note(notes_dir, f"2025-W{number:02d}" if number < 53 else f"2024-W{number - 40}")
    result = run("export", "-f", "site", "-o", str(tmp_path / "site"))
    assert result.exit_code == 0
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Exported 60 notes")


def test_progress_bar_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("NO_COLOR")
    items = list(range(render.PROGRESS_FROM))
    assert list(render.progress(items, "Writing site")) == items
    assert "Writing site" in capsys.readouterr().err
    assert list(render.progress(items[:3], "Writing site")) == items[:3]
    assert capsys.readouterr().err == ""


def test_capture_path_does_not_import_markdown() -> None:
    code = (
        "import sys, weeknote.cli, weeknote.writing.capture, weeknote.publish.formats; "
        "sys.exit('markdown_it' in sys.modules or 'weeknote.publish.export' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_export_is_documented(run: Run) -> None:
    help_text = run("export", "--help").stdout
    for name in FORMATS:
        assert name in help_text
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    assert "### `weeknote export" in readme
    for name in FORMATS:
        assert f"`{name}`" in readme


PIECES = [
    "<script>",
    "</script>",
    "javascript:",
    "[x](",
    ")",
    "<",
    ">",
    "&",
    "\x0c",
    "é",
    "\n",
    " ",
]


def _item(title: str, body: str) -> Item:
    note = Note("2026-W47", ("2026-W47",), title, date(2026, 11, 16), body)
    entry = NoteEntry("2026-W47.md", "2026-W47", ("2026-W47",), title, note.date, 1, ("a",))
    return Item(entry, note, "2026-W47")


@settings(max_examples=60, deadline=None)
@given(
    title=st.text(max_size=40),
    body=st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
)
def test_any_note_gives_safe_html_and_a_readable_feed(title: str, body: str) -> None:
    files = site.export([_item(title, body)], Options(base_url="https://example.org/"))
    for name, text in files.items():
        assert "<script" not in text.lower() and 'href="javascript' not in text.lower(), name
    feed = feedparser.parse(files["feed.xml"].encode("utf-8"))
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == 1


# -- re-exports make only what changed -----------------------------------------------------


LONG_AGO = 1_000_000_000  # 2001: a file written by an export since has a later mtime


def _age(folder: Path) -> None:
    """Set every file's mtime back to LONG_AGO, so a rewrite shows however soon it comes."""
    for path in folder.iterdir():
        os.utime(path, (LONG_AGO, LONG_AGO))


def _rewritten(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.stat().st_mtime != LONG_AGO}


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often the site exporter renders a note's Markdown, its index and its feed."""
    counts = {"to_html": 0, "_index": 0, "feed": 0}
    for name in counts:
        original = getattr(site, name)

        def counted(
            *args: object, _name: str = name, _original: Any = original, **kwargs: object
        ) -> Any:
            counts[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(site, name, counted)
    return counts


def test_a_second_site_export_with_nothing_changed_makes_and_writes_nothing(
    run: Run, notes: Path, tmp_path: Path, made: dict[str, int]
) -> None:
    out = tmp_path / "site"
    _export_site(run, out, "--base-url", "https://example.org/")
    assert made == {"to_html": 4, "_index": 1, "feed": 1}  # the feed takes the pages' HTML
    files = tree_digest(out)
    _age(out)
    for counter in made:
        made[counter] = 0
    result = run("export", "-f", "site", "-o", str(out), "--base-url", "https://example.org/")
    assert result.exit_code == 0, result.stderr
    assert "0 files written, 10 unchanged" in result.stderr
    assert made == {"to_html": 0, "_index": 0, "feed": 0}
    assert _rewritten(out) == set() and tree_digest(out) == files  # the manifest too


def test_a_changed_note_rewrites_exactly_the_pages_made_from_it(
    run: Run, notes: Path, tmp_path: Path, made: dict[str, int]
) -> None:
    out = tmp_path / "site"
    _export_site(run, out)
    _age(out)
    # A new body: its page and the feed, which carries it. Its neighbours' pages and the
    # index show only its title, so they are made again, found the same and left alone.
    fortnight = ["2026-W44", "2026-W45"]
    write_note(notes, "2026-W45", "Two weeks, and more.\n", weeks=fortnight, title="Two")
    for counter in made:
        made[counter] = 0
    result = run("export", "-f", "site", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "3 files written, 7 unchanged" in result.stderr  # its year's page counts words
    assert _rewritten(out) == {"2026-W45.html", FEED, "2026.html", MANIFEST}
    # Its page and its two neighbours' are rendered; the feed takes all four from the pages.
    assert made == {"to_html": 3, "_index": 1, "feed": 1}
    assert "Two weeks, and more." in (out / FEED).read_text()
    # A new title shows on the neighbours' pager links and in the index too.
    write_note(notes, "2026-W45", "Two weeks, and more.\n", weeks=fortnight, title="Renamed")
    _age(out)
    result = run("export", "-f", "site", "-o", str(out))
    assert "6 files written, 4 unchanged" in result.stderr
    neighbours = {"2026-W47.html", "2026-W01.html"}
    assert _rewritten(out) == {"2026-W45.html", *neighbours, INDEX, FEED, "2026.html", MANIFEST}
    _export_site(run, tmp_path / "fresh")
    assert tree_digest(out) == tree_digest(tmp_path / "fresh")


def test_a_forged_manifest_cannot_keep_a_wrong_page(run: Run, notes: Path, tmp_path: Path) -> None:
    out, fresh = tmp_path / "site", tmp_path / "fresh"
    _export_site(run, out)
    _export_site(run, fresh)
    right = (fresh / "2026-W45.html").read_bytes()
    manifest = out / MANIFEST

    def forge(digest: str) -> None:
        lines = manifest.read_text().splitlines(keepends=True)
        forged = (f"{digest}  2026-W45.html\n" if "2026-W45" in line else line for line in lines)
        manifest.write_text("".join(forged))

    # The digest of a page edited by hand: the manifest vouches for it, so it is replaced.
    (out / "2026-W45.html").write_text("wrong\n")
    forge(hashlib.sha256(b"wrong\n").hexdigest())
    result = run("export", "-f", "site", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "1 file written" in result.stderr
    assert (out / "2026-W45.html").read_bytes() == right
    # A wrong digest for an edited page: refused, as any page edited by hand is.
    (out / "2026-W45.html").write_text("wrong\n")
    forge("0" * 64)
    result = run("export", "-f", "site", "-o", str(out))
    assert result.exit_code == 6 and "2026-W45.html" in result.stderr
    _export_site(run, out, "--force")
    assert (out / "2026-W45.html").read_bytes() == right
    # A wrong digest for the right page: the page is kept, and the manifest set right.
    forge("0" * 64)
    result = run("export", "-f", "site", "-o", str(out))
    assert result.exit_code == 0 and "0 files written, 10 unchanged" in result.stderr
    assert tree_digest(out) == tree_digest(fresh)


def test_a_stale_or_damaged_record_only_means_pages_are_made_again(
    run: Run, notes: Path, tmp_path: Path, made: dict[str, int]
) -> None:
    from weeknote.folder import paths

    out, fresh = tmp_path / "site", tmp_path / "fresh"
    _export_site(run, out)
    record = paths.export_record_path(out)
    first_record, first_page = record.read_bytes(), (out / "2026-W45.html").read_bytes()
    write_note(notes, "2026-W45", "Other words.\n", weeks=["2026-W44", "2026-W45"], title="Two")
    _export_site(run, out)
    # The record of the first export, and the page it vouched for, put back by hand: the
    # note has changed since, so the page is made again, and the hand edit refused.
    record.write_bytes(first_record)
    (out / "2026-W45.html").write_bytes(first_page)
    result = run("export", "-f", "site", "-o", str(out))
    assert result.exit_code == 6 and "2026-W45.html" in result.stderr
    assert (out / "2026-W45.html").read_bytes() == first_page
    _export_site(run, out, "--force")
    _export_site(run, fresh)
    assert tree_digest(out) == tree_digest(fresh)
    # Damaged, or from other code: every page is made again and found unchanged.
    for damage in (b"\xff\xfe not a record", record.read_bytes().replace(b" site ", b" hugo ")):
        record.write_bytes(damage)
        for counter in made:
            made[counter] = 0
        result = run("export", "-f", "site", "-o", str(out))
        assert "0 files written, 10 unchanged" in result.stderr
        assert made["to_html"] == 4
    assert tree_digest(out) == tree_digest(fresh)


def test_a_page_still_as_recorded_is_not_read_again_and_an_edit_is_still_seen(
    run: Run, notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page whose stat is the one the record kept is taken as recorded, unread; a page
    edited since is read, even at the same size and with its mtime set back."""
    from weeknote.publish import folder as output

    # Every file counts as settled at once (they are seconds old otherwise).
    monkeypatch.setattr(folder_files, "SETTLED_NS", -(10**12))
    out = tmp_path / "site"
    _export_site(run, out)
    hashed: list[str] = []
    original = output._file_digest

    def counting(path: Path | str, name: str | None = None) -> str | None:
        hashed.append(os.path.basename(path))
        return original(path, name)

    monkeypatch.setattr(output, "_file_digest", counting)
    assert "0 files written, 10 unchanged" in run("export", "-f", "site", "-o", str(out)).stderr
    assert not [name for name in hashed if name.endswith(".html")]
    page = out / "2026-W45.html"
    before = page.stat()
    edited = page.read_bytes().replace(b"<title>", b"<titlE>", 1)
    page.write_bytes(edited)
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    result = run("export", "-f", "site", "-o", str(out))
    assert result.exit_code == 6 and "2026-W45.html" in result.stderr
    assert page.read_bytes() == edited


def test_exporter_code_is_part_of_what_a_page_is_made_from(
    run: Run, notes: Path, tmp_path: Path, made: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from weeknote.publish import folder as output

    out = tmp_path / "site"
    _export_site(run, out)
    monkeypatch.setattr(output, "code_digest", lambda: "another version of weeknote")
    for counter in made:
        made[counter] = 0
    assert "0 files written, 10 unchanged" in run("export", "-f", "site", "-o", str(out)).stderr
    assert made == {"to_html": 4, "_index": 1, "feed": 1}


def test_hugo_reexport_makes_only_the_changed_note(
    run: Run, notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weeknote.publish.formats import hugo

    blog = tmp_path / "blog"
    assert run("export", "-f", "hugo", "-o", str(blog)).exit_code == 0
    calls: list[str] = []
    original = hugo._content
    monkeypatch.setattr(
        hugo, "_content", lambda given, made: calls.append(given[0].slug) or original(given, made)
    )
    write_note(notes, "2025-W52", "Year end, again.\n")
    result = run("export", "-f", "hugo", "-o", str(blog))
    assert "1 file written, 3 unchanged" in result.stderr
    assert calls == ["2025-W52"]


def test_a_large_document_is_spooled_and_refused_without_a_trace(
    run: Run, notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weeknote.folder import files

    monkeypatch.setattr(files, "SPOOL_LIMIT", 64)  # every export here goes through a temp file
    path = tmp_path / "out" / "notes.html"
    assert run("export", "-f", "html", "-o", str(path)).exit_code == 0
    assert path.read_text() == run("export", "-f", "html").stdout
    assert "1 unchanged" in run("export", "-f", "html", "-o", str(path)).stderr
    path.write_text("mine\n")
    result = run("export", "-f", "html", "-o", str(path))
    assert result.exit_code == 6 and path.read_text() == "mine\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["notes.html"]  # no temp file
    _export_site(run, tmp_path / "site")
    assert tree_digest(tmp_path / "site")[FEED].startswith(b"<?xml")
    assert not [p for p in (tmp_path / "site").iterdir() if p.name.endswith(".tmp")]


def _whole_tree_feed(items: list[Item], options: Options) -> str:
    """The feed as one ElementTree, indented and serialised whole: the site exporter makes
    the same text an entry at a time."""
    from urllib.parse import urljoin
    from xml.etree import ElementTree as ET

    def add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, tag, attrs)
        if text is not None:
            element.text = site._NOT_XML.sub("", text)
        return element

    base = options.base_url
    root = ET.Element("feed", {"xmlns": site.ATOM})
    add(root, "title", options.title)
    add(root, "id", base or "urn:weeknote:feed")
    add(root, "updated", f"{max(item.note.date for item in items).isoformat()}T00:00:00Z")
    add(root, "link", rel="self", type="application/atom+xml", href=urljoin(base, FEED))
    add(root, "link", rel="alternate", type="text/html", href=urljoin(base, INDEX))
    add(add(root, "author"), "name", options.title)
    add(root, "generator", "weeknote")
    for item in items:
        entry = add(root, "entry")
        url = urljoin(base, site.permalink(item))
        add(entry, "title", item.note.title)
        add(entry, "id", site._entry_id(item, options))
        add(entry, "link", rel="alternate", type="text/html", href=url)
        add(entry, "published", f"{item.note.date.isoformat()}T00:00:00Z")
        add(entry, "updated", f"{item.note.date.isoformat()}T00:00:00Z")
        for tag in item.entry.tags:
            add(entry, "category", term=tag)
        add(entry, "content", to_html(item.body), type="html")
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


@settings(max_examples=40, deadline=None)
@given(
    notes=st.lists(
        st.tuples(
            st.text(max_size=20), st.lists(st.sampled_from(PIECES), max_size=20).map("".join)
        ),
        min_size=1,
        max_size=4,
    ),
    base=st.sampled_from(["", "https://example.org/notes/"]),
)
def test_the_feed_made_an_entry_at_a_time_is_the_whole_tree_one(
    notes: list[tuple[str, str]], base: str
) -> None:
    items = []
    for number, (title, body) in enumerate(notes, start=1):
        item = _item(title, body)
        items.append(Item(item.entry, item.note, f"2026-W{number:02d}"))
    options = Options(base_url=base)
    assert site.export(items, options)[FEED] == _whole_tree_feed(items, options)


def _other(value: object) -> object:
    """A different value of the same kind."""
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, tuple):
        return (*value, "x")
    if isinstance(value, int):
        return value + 1
    if isinstance(value, date):
        return value + timedelta(days=1)
    if isinstance(value, Mapping):
        return {**value, "x": 1}
    raise AssertionError(f"no other value for {value!r}: teach _other its kind")


def _with(item: Item, **changes: Any) -> Item:
    """``item`` with some of entry, note, slug and stamp changed."""
    given = {"entry": item.entry, "note": item.note, "slug": item.slug, "stamp": item.stamp}
    given.update(changes)
    return Item(given["entry"], given["note"], given["slug"], stamp=given["stamp"])


def test_an_items_digest_changes_with_every_field_it_holds() -> None:
    """A page made from an item is made again when anything in it changes, so the digest
    must cover every field of its entry and note and its slug, fields added later too."""
    item = _item("Title", "Body.\n")
    first = item_digest(item)
    assert item_digest(_with(item, slug="2026-W48")) != first
    for name, value in (("entry", item.entry), ("note", item.note)):
        for inner in fields(value):
            changed = replace(value, **{inner.name: _other(getattr(value, inner.name))})
            assert item_digest(_with(item, **{name: changed})) != first, inner.name


def test_a_settled_items_digest_is_its_stamp_and_reads_no_text() -> None:
    """A note file that has settled is known by its stamp (inode, size, mtime, ctime) and
    its index entry: the digest reads no note, and changes with the stamp and the entry."""
    item = _item("Title", "Body.\n")

    def unread(entry: NoteEntry) -> Note:
        raise AssertionError(f"{entry.name} was read")

    stamp = (11, 22, 33, 44)
    stamped = Item(item.entry, None, item.slug, load=unread, stamp=stamp)
    first = item_digest(stamped)
    assert first != item_digest(item)
    for at in range(4):
        other = tuple(value + (index == at) for index, value in enumerate(stamp))
        again = Item(item.entry, None, item.slug, load=unread, stamp=other)
        assert item_digest(again) != first
    for inner in fields(item.entry):
        entry = replace(item.entry, **{inner.name: _other(getattr(item.entry, inner.name))})
        assert item_digest(Item(entry, None, item.slug, load=unread, stamp=stamp)) != first


@pytest.mark.parametrize("count", [1, 64, 65, 130])
def test_json_is_json_dumps_of_the_whole_document(count: int) -> None:
    """JSON is encoded a batch of records at a time; the text is json.dumps's of it all."""
    from weeknote.publish.formats import json as json_format

    items = [_item(f"Note {number} é", f"- {number}\n") for number in range(count)]
    whole = {"version": 1, "notes": [json_format.record(item) for item in items]}
    text = "".join(json_format.export(items, Options()))
    assert text == json.dumps(whole, ensure_ascii=False) + "\n"


def test_a_reexport_of_settled_notes_reads_none_and_still_sees_an_edited_one(
    run: Run, notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the notes' files have settled, an unchanged site re-export reads no note (their
    stamps stand for them); a note edited since is read and its page made again."""
    from test_export_records import _read_notes

    monkeypatch.setattr(folder_files, "SETTLED_NS", -(10**12))
    out = tmp_path / "site"
    _export_site(run, out)
    read = _read_notes(monkeypatch)
    before = tree_digest(out)
    _export_site(run, out)
    assert read == []
    assert tree_digest(out) == before
    edited = notes / "2026-W47.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    _export_site(run, out)
    assert "2026-W47.md" in read
    assert "One more line." in (out / "2026-W47.html").read_text(encoding="utf-8")
