"""One blog imported twice, as its folder and as its Atom feed, through the real command:
each post is one note, whichever comes first; the second copy is the same post, not a
conflict, while a post whose words differ still is."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from conftest import Run, tree_digest
from weeknote.imports.samepost import same_address, text_words

SITE = "https://blog.example"

# (permalink, title, the folder's hard-wrapped Markdown, the feed's HTML)
POSTS = [
    (
        "/2024/05/10/weeknotes-19/",
        "Weeknotes 2024 W19: a fire drill",
        "We had a fire drill on Tuesday, which took\nmost of the morning. "
        "I wrote up _three_\nthings:\n\n"
        "* the meeting notes\n* a [plan for June](/2024/05/03/weeknotes-18/)\n"
        '* a list of "open questions"\n\n'
        "![the assembly point](/images/photos/fire2.jpg)\n",
        "<p>We had a fire drill on Tuesday, which took most of the morning. I wrote up "
        "<em>three</em> things:</p>\n<ul>\n<li>the meeting notes</li>\n"
        f'<li>a <a href="{SITE}/2024/05/03/weeknotes-18/">plan for June</a></li>\n'
        "<li>a list of \u201copen questions\u201d</li>\n</ul>\n"
        f'<p><img src="{SITE}/images/photos/fire2.jpg" alt="the assembly point"></p>',
    ),
    (
        "/2024/05/03/weeknotes-18/",
        "Weeknotes 2024 W18: plans",
        "Planning for June -- mostly the budget,\nand the **workshop** with "
        "[our partners](https://partners.example/).\n\nIt's been a long week...\n",
        "<p>Planning for June \u2013 mostly the budget, and the <strong>workshop</strong> "
        'with <a href="https://partners.example/">our partners</a>.</p>\n'
        "<p>It\u2019s been a long week\u2026</p>",
    ),
    (
        "/2024/04/26/weeknotes-17/",
        "Weeknotes 2024 W17: research",
        "Research\n========\n\nFive interviews with users; the notes are\nin the "
        "[research folder][r].\n\n[r]: https://files.example/research\n",
        "<h1>Research</h1>\n<p>Five interviews with users; the notes are in the "
        '<a href="https://files.example/research">research folder</a>.</p>',
    ),
    (
        "/2024/04/19/weeknotes-16/",
        "Weeknotes 2024 W16: quiet",
        "A quiet week.   Reading   and\n\n\nwriting.\n",
        "<p>A quiet week. Reading and</p><p>writing.</p>",
    ),
    (
        "/2024/04/12/weeknotes-15/",
        "Weeknotes 2024 W15: snake_case",
        "Renamed every `snake_case` field;\n1. one\n2. two\n",
        "<p>Renamed every <code>snake_case</code> field;</p><ol><li>one</li><li>two</li></ol>",
    ),
]
WEEKS = ["2024-W15", "2024-W16", "2024-W17", "2024-W18", "2024-W19"]


def make_site(root: Path, permalinks: bool = True) -> Path:
    """A Jekyll folder of the posts, with their permalinks in front matter (or none: the
    site's _config.yml makes them)."""
    site = root / "site"
    for permalink, title, markdown, _ in POSTS:
        day = permalink[1:11].replace("/", "-")
        path = site / "_posts" / f"{day}-{permalink.split('/')[-2]}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f'---\nlayout: post\ntitle: "{title}"\ndate: {day} 17:00:00 +0100\n'
            + (f"permalink: {permalink}\n" if permalinks else "")
            + f"categories: [weeknotes]\n---\n\n{markdown}",
            encoding="utf-8",
        )
    return site


def make_feed(root: Path, changed: dict[str, str] | None = None) -> Path:
    """The blog's own Atom feed of the same posts (``changed``: another HTML for a title)."""
    entries = []
    for permalink, title, _, html in POSTS:
        html = (changed or {}).get(title, html)
        day = permalink[1:11].replace("/", "-")
        entries.append(
            f'<entry><title>{escape(title)}</title><link href="{SITE}{permalink}"/>'
            f"<id>{SITE}{permalink}</id><published>{day}T17:00:00+01:00</published>"
            f"<updated>{day}T17:00:00+01:00</updated>"
            f'<content type="html">{escape(html)}</content></entry>'
        )
    feed = root / "feed.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f'<title>A blog</title><id>{SITE}/</id><link href="{SITE}/"/>'
        "<updated>2024-05-10T17:00:00+01:00</updated>\n" + "\n".join(entries) + "\n</feed>\n",
        encoding="utf-8",
    )
    return feed


def statuses(stdout: str) -> dict[str, str]:
    """The piped table's status column, by weeks."""
    return {line.split("\t")[0]: line.split("\t")[4] for line in stdout.splitlines()}


@pytest.mark.parametrize(
    ("first", "permalinks"), [("folder", True), ("feed", True), ("folder", False)]
)
def test_a_blog_as_folder_and_as_feed_is_one_note_a_post(
    run: Run, notes_dir: Path, tmp_path: Path, first: str, permalinks: bool
) -> None:
    """By the address both name, or (without permalinks) by the same weeks and title."""
    sources = {"folder": make_site(tmp_path, permalinks), "feed": make_feed(tmp_path)}
    second = "feed" if first == "folder" else "folder"
    done = run("import", str(sources[first]))
    assert done.exit_code == 0, done.stderr
    assert statuses(done.stdout) == dict.fromkeys(WEEKS, "new")
    kept = tree_digest(notes_dir)

    again = run("import", str(sources[second]))
    assert again.exit_code == 0, again.stderr
    assert statuses(again.stdout) == dict.fromkeys(WEEKS, f"same post, from {second}")
    assert "Conflict" not in again.stderr
    assert f"5 same posts, from {second})" in again.stderr
    assert again.stderr.splitlines()[-1].startswith("Nothing to import")
    assert tree_digest(notes_dir) == kept  # the copy imported first stays

    for source in (second, first):  # a third import, of either, changes nothing
        third = run("import", str(sources[source]))
        assert third.exit_code == 0, third.stderr
        assert tree_digest(notes_dir) == kept
    assert set(statuses(third.stdout).values()) == {"unchanged"}


def test_the_dry_run_says_same_post_and_both_at_once_import_each_post_once(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    site, feed = make_site(tmp_path), make_feed(tmp_path)
    dry = run("import", "--dry-run", str(site), str(feed))
    assert dry.exit_code == 0, dry.stderr
    shown = [line.split("\t") for line in dry.stdout.splitlines()]
    assert [row[4] for row in shown] == ["new"] * 5 + ["same post, from feed"] * 5
    assert "Dry run: 5 new, 0 unchanged, 5 same posts, from feed; nothing" in dry.stderr
    done = run("import", str(site), str(feed))
    assert done.exit_code == 0, done.stderr
    assert sorted(path.stem for path in notes_dir.glob("*.md")) == WEEKS
    body = (notes_dir / "2024-W19.md").read_text(encoding="utf-8")
    assert "most of the morning" in body and "_three_" in body  # the folder's own text


def test_a_post_whose_words_differ_is_still_a_conflict(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    site = make_site(tmp_path)
    title = "Weeknotes 2024 W16: quiet"
    feed = make_feed(tmp_path, {title: "<p>A busy week. Reading and</p><p>writing.</p>"})
    assert run("import", str(site)).exit_code == 0
    kept = tree_digest(notes_dir)
    clash = run("import", str(feed))
    assert clash.exit_code == 6
    found = statuses(clash.stdout)
    assert found.pop("2024-W16") == "conflict"
    assert set(found.values()) == {"same post, from feed"}
    assert f'item 4: "{title}" (2024-W16) differs from 2024-W16.md' in clash.stderr
    assert tree_digest(notes_dir) == kept
    rest = run("import", "--skip-conflicts", str(feed))
    assert rest.exit_code == 0, rest.stderr
    assert tree_digest(notes_dir) == kept


def test_words_not_their_form_are_compared() -> None:
    for _, _, markdown, html in POSTS:
        from weeknote.imports.html import to_markdown

        assert text_words(markdown) == text_words(to_markdown(html)), markdown
    assert text_words("A quiet week.") != text_words("A busy week.")
    assert text_words("A _quiet_ week &amp; more\\!").words == ("a", "quiet", "week", "more")
    assert text_words("[a](https://x.example/one)") != text_words("[a](https://x.example/two)")


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("/2024/05/10/w19/", "https://blog.example/2024/05/10/w19/", True),
        ("https://blog.example/2024/05/10/w19", "http://www.blog.example/2024/05/10/w19/", True),
        ("/2024/05/10/w19/", "https://blog.example/blog/2024/05/10/w19/", True),  # baseurl
        ("/2024/05/10/w19/index.html", "https://blog.example/2024/05/10/w19/", True),
        ("https://one.example/2024/w19/", "https://two.example/2024/w19/", False),
        ("/2024/05/10/w19/", "/2024/05/10/w20/", False),
        ("/", "https://blog.example/", False),
    ],
)
def test_addresses_of_one_post(first: str, second: str, same: bool) -> None:
    assert same_address(first, second) is same
    assert same_address(second, first) is same


def _many(root: Path, count: int) -> Path:
    """A feed of ``count`` short weekly posts."""
    entries = "".join(
        f"<entry><title>Weeknotes {1990 + n // 50} W{n % 50 + 1:02d}</title>"
        f'<link href="{SITE}/{n}/"/><id>{SITE}/{n}/</id>'
        f"<updated>2024-05-10T17:00:00Z</updated>"
        f'<content type="html">&lt;p&gt;Post {n}.&lt;/p&gt;</content></entry>\n'
        for n in range(count)
    )
    feed = root / "many.xml"
    feed.write_text(
        '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Many</title>'
        f"<id>{SITE}/</id><updated>2024-05-10T17:00:00Z</updated>\n{entries}</feed>\n",
        encoding="utf-8",
    )
    return feed


def test_a_long_import_shows_a_progress_bar_on_a_terminal_only(
    run: Run, notes_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weeknote.render.importing import PROGRESS_FROM

    feed = _many(tmp_path, PROGRESS_FROM)
    piped = run("import", "--dry-run", str(feed))
    assert piped.exit_code == 0, piped.stderr
    assert "Reading many.xml" not in piped.stderr
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("NO_COLOR")
    shown = run("import", str(feed))
    assert shown.exit_code == 0, shown.stderr
    assert "Reading many.xml" in shown.stderr and "Writing notes" in shown.stderr
    assert len(list(notes_dir.glob("*.md"))) == PROGRESS_FROM
    few = run("import", "--dry-run", str(_many(tmp_path, 5)))
    assert "Reading" not in few.stderr  # a short import draws no bar


def test_the_notes_go_in_place_together_and_one_there_by_now_is_refused(tmp_path: Path) -> None:
    from weeknote.folder.batch import Batch

    tmp_path = tmp_path / "folder"
    tmp_path.mkdir()
    with Batch() as batch:
        batch.add(tmp_path / "2024-W01.md", "one\n", overwrite=False)
        batch.add(tmp_path / "2024-W02.md", "two\n", overwrite=False)
        batch.add(tmp_path / "2024-W03.md", "three\n", overwrite=True)
        assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == []
        (tmp_path / "2024-W02.md").write_text("mine\n")  # written meanwhile: left as it is
        (tmp_path / "2024-W03.md").write_text("old\n")
        assert batch.commit() == [tmp_path / "2024-W02.md"]
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == {
        "2024-W01.md": "one\n",
        "2024-W02.md": "mine\n",
        "2024-W03.md": "three\n",
    }  # and no temp file
    with Batch() as batch:
        batch.add(tmp_path / "2024-W04.md", "four\n", overwrite=False)
    assert not (tmp_path / "2024-W04.md").exists()  # not committed: nothing in place
    assert len(list(tmp_path.iterdir())) == 3
