"""`weeknote import` of what blogging platforms give a person, through the real command:
which posts come in, the weeks they get and how they were dated, what is left out, and
what a second import does (nothing, a notice, or an update)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import Run, tree_digest, write_note
from weeknote.folder.store import Store

WXR = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Dizzy's blog</title>
  <link>https://dizzy.example</link>
  <wp:wxr_version>1.2</wp:wxr_version>
  <item>
    <title>Weeknotes 2024 W19: AI slop</title>
    <link>https://dizzy.example/2024/05/13/weeknotes-2024-w19/</link>
    <pubDate>Mon, 13 May 2024 08:00:00 +0000</pubDate>
    <dc:creator><![CDATA[dizzy]]></dc:creator>
    <guid isPermaLink="false">https://dizzy.example/?p=101</guid>
    <content:encoded><![CDATA[<!-- wp:paragraph -->
<p>A week of <strong>slop</strong> and <a href="https://example.org/x">links</a>.</p>
<!-- /wp:paragraph -->
<ul><li>one</li><li>two</li></ul>]]></content:encoded>
    <wp:post_id>101</wp:post_id>
    <wp:post_date><![CDATA[2024-05-13 09:00:00]]></wp:post_date>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <wp:status><![CDATA[publish]]></wp:status>
    <category domain="category" nicename="weeknotes"><![CDATA[Weeknotes]]></category>
    <category domain="post_tag" nicename="ai"><![CDATA[AI]]></category>
  </item>
  <item>
    <title>Weeknote #42</title>
    <link>https://dizzy.example/2024/05/24/weeknote-42/</link>
    <guid isPermaLink="false">https://dizzy.example/?p=102</guid>
    <content:encoded><![CDATA[<p>Numbered, dated by its day.</p>]]></content:encoded>
    <wp:post_id>102</wp:post_id>
    <wp:post_date><![CDATA[2024-05-24 17:30:00]]></wp:post_date>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <wp:status><![CDATA[publish]]></wp:status>
  </item>
  <item>
    <title>We launched the new site</title>
    <link>https://dizzy.example/2024/05/20/launch/</link>
    <guid isPermaLink="false">https://dizzy.example/?p=103</guid>
    <content:encoded><![CDATA[<p>Not a weeknote.</p>]]></content:encoded>
    <wp:post_id>103</wp:post_id>
    <wp:post_date><![CDATA[2024-05-20 10:00:00]]></wp:post_date>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <wp:status><![CDATA[publish]]></wp:status>
    <category domain="category" nicename="news"><![CDATA[News]]></category>
  </item>
  <item>
    <title>About</title>
    <guid isPermaLink="false">https://dizzy.example/?page_id=2</guid>
    <content:encoded><![CDATA[<p>A page.</p>]]></content:encoded>
    <wp:post_id>2</wp:post_id>
    <wp:post_date><![CDATA[2020-01-01 10:00:00]]></wp:post_date>
    <wp:post_type><![CDATA[page]]></wp:post_type>
    <wp:status><![CDATA[publish]]></wp:status>
  </item>
  <item>
    <title>Weeknotes 2024 W21: unfinished</title>
    <guid isPermaLink="false">https://dizzy.example/?p=104</guid>
    <content:encoded><![CDATA[<p>Draft.</p>]]></content:encoded>
    <wp:post_id>104</wp:post_id>
    <wp:post_date><![CDATA[2024-05-27 10:00:00]]></wp:post_date>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <wp:status><![CDATA[draft]]></wp:status>
  </item>
  <item>
    <title>photo.jpg</title>
    <guid isPermaLink="false">https://dizzy.example/wp-content/uploads/photo.jpg</guid>
    <wp:post_id>105</wp:post_id>
    <wp:post_date><![CDATA[2024-05-13 09:00:00]]></wp:post_date>
    <wp:post_type><![CDATA[attachment]]></wp:post_type>
    <wp:status><![CDATA[inherit]]></wp:status>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Notes from the week</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2019-07-22T09:00:00+01:00</updated>
  <link href="https://weeks.example/"/>
  <entry>
    <title>Weeknote w/c 15 July: mobiles, robots and focus</title>
    <link href="https://weeks.example/2019/07/22/wc-15-july/"/>
    <id>https://weeks.example/2019/07/22/wc-15-july/</id>
    <published>2019-07-22T08:30:00+01:00</published>
    <updated>2019-07-22T08:30:00+01:00</updated>
    <content type="html">&lt;p&gt;Robots.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;
      &lt;p&gt;&lt;a href="javascript:alert(2)"&gt;click&lt;/a&gt;&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Some thoughts on maps</title>
    <link href="https://weeks.example/2019/07/18/maps/"/>
    <id>https://weeks.example/2019/07/18/maps/</id>
    <published>2019-07-18T12:00:00+01:00</published>
    <updated>2019-07-18T12:00:00+01:00</updated>
    <content type="html">&lt;p&gt;Maps.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>A quiet one</title>
    <link href="https://weeks.example/2019/07/12/quiet/"/>
    <id>https://weeks.example/2019/07/12/quiet/</id>
    <published>2019-07-12T17:00:00+01:00</published>
    <updated>2019-07-12T17:00:00+01:00</updated>
    <category term="weeknotes"/>
    <content type="html">&lt;p&gt;Friday, so this week.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def rows(stdout: str) -> dict[str, list[str]]:
    """The piped table: one tab-separated row a note, keyed by its weeks."""
    found = {}
    for line in stdout.splitlines():
        cells = line.split("\t")
        found[cells[0]] = cells
    return found


def notes(notes_dir: Path) -> dict[str, dict[str, object]]:
    store = Store(notes_dir)
    found = {}
    for path in sorted(notes_dir.glob("*.md")):
        note = store.load_note(path)
        found[note.week] = {"title": note.title, "body": note.body, "weeks": list(note.weeks)}
        found[note.week].update(note.extra)
        found[note.week]["tags"] = list(note.tags)
    return found


def test_a_wordpress_export_brings_in_published_weeknotes_only(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "dizzy.WordPress.2024-06-01.xml", WXR)
    dry = run("import", "--dry-run", str(path))
    assert dry.exit_code == 0, dry.stderr
    table = rows(dry.stdout)
    assert sorted(table) == ["2024-W19", "2024-W21"]
    assert table["2024-W19"][1] == "Weeknotes 2024 W19: AI slop"
    assert table["2024-W19"][3] == "both agree"  # the title's W19; Monday 13 May: last week
    assert table["2024-W21"][1] == "Weeknote #42"
    assert table["2024-W21"][3] == "date"  # a Friday: that week
    left = [line for line in dry.stderr.splitlines() if "left out:" in line]
    assert len(left) == 4, dry.stderr
    assert any("We launched the new site" in line and "not a weeknote" in line for line in left)
    assert any('"About"' in line and "page" in line for line in left)
    assert any("unfinished" in line and "draft" in line for line in left)
    assert any("photo.jpg" in line and "attachment" in line for line in left)
    assert not list(notes_dir.glob("*.md"))

    done = run("import", str(path))
    assert done.exit_code == 0, done.stderr
    assert "Imported 2 notes" in done.stderr
    found = notes(notes_dir)
    w19 = found["2024-W19"]
    assert w19["source"] == "https://dizzy.example/2024/05/13/weeknotes-2024-w19/"
    assert "A week of **slop** and [links](https://example.org/x)." in str(w19["body"])
    assert "wp:paragraph" not in str(w19["body"]) and "<" not in str(w19["body"])
    assert "AI" in w19["tags"]  # type: ignore[operator]
    assert found["2024-W21"]["number"] == 42


def test_importing_the_same_export_twice_adds_nothing(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "blog.xml", WXR)
    assert run("import", str(path)).exit_code == 0
    before = tree_digest(notes_dir)
    again = run("import", str(path))
    assert again.exit_code == 0, again.stderr
    assert "Nothing to import" in again.stderr and "2 unchanged" in again.stderr
    assert tree_digest(notes_dir) == before


def test_a_changed_post_is_reported_and_updated_only_when_asked(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "blog.xml", WXR)
    assert run("import", str(path)).exit_code == 0
    path.write_text(WXR.replace("Numbered, dated by its day.", "Numbered, and revised."))
    before = tree_digest(notes_dir)
    told = run("import", str(path))
    assert told.exit_code == 0, told.stderr
    assert "changed since it was imported into 2024-W21.md: --update replaces" in told.stderr
    assert tree_digest(notes_dir) == before
    updated = run("import", "--update", str(path))
    assert updated.exit_code == 0, updated.stderr
    assert "Updated 1 note" in updated.stderr
    assert "Numbered, and revised." in str(notes(notes_dir)["2024-W21"]["body"])


def test_update_never_replaces_a_note_edited_since_it_was_imported(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "blog.xml", WXR)
    assert run("import", str(path)).exit_code == 0
    note = notes_dir / "2024-W21.md"
    note.write_text(note.read_text() + "\nMy own afterthought.\n")
    path.write_text(WXR.replace("Numbered, dated by its day.", "Numbered, and revised."))
    before = tree_digest(notes_dir)
    result = run("import", "--update", str(path))
    assert result.exit_code == 0, result.stderr
    assert "2024-W21.md was edited since, so it is left as it is" in result.stderr
    assert tree_digest(notes_dir) == before


def test_a_conflict_names_both_and_skip_conflicts_imports_the_rest(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    write_note(notes_dir, "2024-W19", "Written by hand.\n")
    path = write(tmp_path, "blog.xml", WXR)
    before = tree_digest(notes_dir)
    refused = run("import", str(path))
    assert refused.exit_code == 6
    conflict = next(line for line in refused.stderr.splitlines() if line.startswith("Conflict:"))
    assert "blog.xml" in conflict and "Weeknotes 2024 W19" in conflict
    assert "2024-W19.md" in conflict
    assert "--skip-conflicts" in refused.stderr.splitlines()[-1]
    assert tree_digest(notes_dir) == before
    rest = run("import", "--skip-conflicts", str(path))
    assert rest.exit_code == 0, rest.stderr
    assert sorted(notes(notes_dir)) == ["2024-W19", "2024-W21"]
    assert notes(notes_dir)["2024-W19"]["body"] == "Written by hand.\n"
    assert "1 skipped for conflicts" in rest.stderr


def test_a_feed_is_dated_and_sanitised(run: Run, notes_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "feed.atom", ATOM)
    result = run("import", str(path))
    assert result.exit_code == 0, result.stderr
    found = notes(notes_dir)
    assert sorted(found) == ["2019-W28", "2019-W29"]
    assert found["2019-W29"]["title"] == "Weeknote w/c 15 July: mobiles, robots and focus"
    body = str(found["2019-W29"]["body"])
    assert "Robots." in body and "click" in body
    assert "script" not in body and "alert" not in body and "javascript" not in body
    assert found["2019-W28"]["title"] == "A quiet one"  # a weeknote by its category
    assert found["2019-W28"]["source"] == "https://weeks.example/2019/07/12/quiet/"


def test_all_takes_every_post_and_import_match_chooses(
    run: Run, notes_dir: Path, tmp_path: Path, config_file: Path
) -> None:
    path = write(tmp_path, "feed.atom", ATOM)
    every = run("import", "--all", "--dry-run", str(path))
    assert "Some thoughts on maps" in every.stdout
    config_file.write_text('[import]\nmatch = ["maps"]\n')
    chosen = run("import", "--dry-run", str(path))
    assert chosen.exit_code == 0, chosen.stderr
    assert "Some thoughts on maps" in chosen.stdout
    assert "mobiles" in chosen.stdout  # its title names its week
    assert "A quiet one" not in chosen.stdout


def test_a_jekyll_folder_and_its_front_matter(run: Run, notes_dir: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(
        site,
        "_posts/2024-05-12-weeknotes-2024-w19.md",
        '---\nlayout: post\ntitle: "Weeknotes 2024 W19: AI slop"\ntags: [weeknotes, ai]\n'
        "---\n\nThe week in **Markdown**.\n",
    )
    write(
        site,
        "_posts/2024-05-24-week-21.md",
        "---\ntitle: Week 21, 2024\ndate: 2024-05-24 18:00:00 +0100\n---\n\nTwenty-one.\n",
    )
    write(site, "_drafts/unfinished.md", "---\ntitle: Weeknote w/c 27 May\n---\n\nNot yet.\n")
    write(site, "about.md", "---\ntitle: About me\n---\n\nA page.\n")
    result = run("import", "--dry-run", str(site))
    assert result.exit_code == 0, result.stderr
    table = rows(result.stdout)
    assert sorted(table) == ["2024-W19", "2024-W21"]
    assert table["2024-W19"][3] in ("title", "both agree", "they disagree")
    assert "_drafts/unfinished.md: draft" in result.stderr
    assert "About me" not in result.stdout  # a Jekyll site's posts are those in _posts
    assert run("import", str(site)).exit_code == 0
    assert notes(notes_dir)["2024-W19"]["body"] == "The week in **Markdown**.\n"


def test_a_source_kind_can_be_forced_and_a_wrong_one_is_named(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "export.dat", WXR)
    assert run("import", "--from", "wordpress", "--dry-run", str(path)).exit_code == 0
    wrong = run("import", "--from", "myspace", str(path))
    assert wrong.exit_code == 2
    assert "--from 'myspace'" in wrong.stderr and "wordpress" in wrong.stderr


def test_a_hostile_export_is_refused_in_one_line(run: Run, notes_dir: Path, tmp_path: Path) -> None:
    laughs = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
        + WXR.split("\n", 1)[1].replace("Dizzy's blog", "&lol2;")
    )
    path = write(tmp_path, "laughs.xml", laughs)
    result = run("import", "--from", "wordpress", str(path))
    assert result.exit_code == 7
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "laughs.xml" in lines[0] and "Traceback" not in result.stderr
    assert not list(notes_dir.glob("*.md"))


def test_the_piped_table_has_a_row_per_note_in_six_fields(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "blog.xml", WXR)
    result = run("import", "--dry-run", str(path))
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert all(len(line.split("\t")) == 6 for line in lines)
    assert lines[0].split("\t")[-1] == "item 1"  # where in the export it came from


FIXTURES = Path(__file__).parent / "fixtures" / "imports"


def _site(tmp_path: Path, name: str) -> Path:
    from test_import_sources import HUGO, JEKYLL, SUBSTACK_FILES, _write

    files = {"jekyll": JEKYLL, "hugo": HUGO, "substack": SUBSTACK_FILES}[name]
    return _write(tmp_path / name, files)


@pytest.mark.parametrize(
    ("source", "weeks", "left_out"),
    [
        ("wordpress.xml", {"2024-W19": "both agree"}, ["About", "board", "open data"]),
        ("atom.xml", {"2024-W19": "both agree"}, ["Conference talk slides"]),
        ("rss.xml", {"2024-W19": "both agree"}, ["lentil soup"]),
        ("ghost.json", {"2024-W19": "both agree"}, ["About me", "On hiring", "scheduled"]),
        ("jekyll", {"2024-W19": "both agree", "2024-W20": "date"}, ["Lentil soup", "_drafts"]),
        ("hugo", {"2024-W18": "both agree", "2024-W19": "both agree"}, ["content/_index.md"]),
        ("substack", {"2024-W19": "date"}, ["Soup", "not published", "Lost post"]),
    ],
)
def test_every_source_shape_gives_its_weeks(
    run: Run,
    notes_dir: Path,
    tmp_path: Path,
    source: str,
    weeks: dict[str, str],
    left_out: list[str],
) -> None:
    path = FIXTURES / source if "." in source else _site(tmp_path, source)
    dry = run("import", "--dry-run", str(path))
    assert dry.exit_code == 0, dry.stderr
    assert {week: cells[3] for week, cells in rows(dry.stdout).items()} == weeks
    for what in left_out:
        assert any("left out:" in line and what in line for line in dry.stderr.splitlines()), what
    assert run("import", str(path)).exit_code == 0
    assert sorted(notes(notes_dir)) == sorted(weeks)
    again = run("import", str(path))
    assert "Nothing to import" in again.stderr


def test_a_plain_archive_line_that_looks_like_a_title_is_refused_unless_lenient(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    text = (
        "Weeknote w/c 15 July 2019: robots\n\nMobiles.\n\n"
        "Weeknote: a special edition\n\nStill July.\n\n"
        "Weeknote w/c 8 July 2019: housing\n\nA walk.\n"
    )
    path = write(tmp_path, "blog.txt", text)
    refused = run("import", str(path))
    assert refused.exit_code == 7
    assert "blog.txt, line 5" in refused.stderr and "--lenient" in refused.stderr
    assert not list(notes_dir.glob("*.md"))
    kept = run("import", "--lenient", str(path))
    assert kept.exit_code == 0, kept.stderr
    assert "Warning: " in kept.stderr and "line 5" in kept.stderr
    assert "Weeknote: a special edition" in str(notes(notes_dir)["2019-W29"]["body"])


def test_a_numbered_series_is_dated_by_anchor(run: Run, notes_dir: Path, tmp_path: Path) -> None:
    text = "Weeknote #51: more\n\nTwo.\n\nWeeknote #50: first\n\nOne.\n"
    path = write(tmp_path, "numbered.txt", text)
    refused = run("import", str(path))
    assert refused.exit_code == 7 and "--anchor" in refused.stderr
    done = run("import", "--anchor", "50=2024-W01", str(path))
    assert done.exit_code == 0, done.stderr
    assert sorted(notes(notes_dir)) == ["2024-W01", "2024-W02"]
    assert notes(notes_dir)["2024-W02"]["number"] == 51
    bad = run("import", "--anchor", "50-2024-W01", str(path))
    assert bad.exit_code == 2 and "--anchor" in bad.stderr


def test_a_journal_through_import_becomes_weeks_to_write_up(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    from test_import_jrnl import JOURNAL

    path = write(tmp_path, "journal.txt", JOURNAL)
    dry = run("import", "--dry-run", str(path))
    assert dry.exit_code == 0, dry.stderr
    assert "would be drafted" in dry.stderr and not (notes_dir / "drafts").exists()
    done = run("import", str(path))
    assert done.exit_code == 0, done.stderr
    assert "entries drafted as bullets of their days" in done.stderr
    assert "weeknote new 2024-W20" in done.stderr
    again = run("import", str(path))
    assert "nothing new" in again.stderr
    assert "Planned the quarter with #ops." in run("show", "2024-W19").stdout


def test_a_broken_feed_is_read_as_far_as_it_goes_and_says_so(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    whole = ATOM.split("  <entry>")
    cut = write(tmp_path, "cut.atom", "  <entry>".join(whole[:2]) + "  <entry>\n    <title>Half")
    result = run("import", str(cut))
    assert result.exit_code == 0, result.stderr
    assert "cut.atom is not well-formed (line" in result.stderr
    assert sorted(notes(notes_dir)) == ["2019-W29"]  # the whole entry before the cut


def test_a_blog_without_weeknotes_says_nothing_was_imported(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "feed.atom", ATOM.replace("Weeknote w/c 15 July", "Robots"))
    path.write_text(path.read_text().replace('<category term="weeknotes"/>', ""))
    for dry in ((), ("--dry-run",)):
        result = run("import", *dry, str(path))
        assert result.exit_code == 7, result.stderr
        assert result.stderr.splitlines()[-1] == (
            "Error: Nothing to import: all 3 posts were left out (not a weeknote by import.match): "
            "--all takes every post, and `weeknote config import.match` sets what makes one"
        )
        assert "Traceback" not in result.stderr
    assert "  left out: " in result.stderr  # the dry run still lists each post
    assert not list(notes_dir.glob("*.md"))


# -- entities declared in an XML source ---------------------------------------------------

RSS_ITEM = (
    "<item><title>Weeknote 19 {use}</title><link>https://r.example/w19</link>"
    "<description>Busy: bins &amp; bots, caf&#233; &lt;3 &#x2014; &quot;done&quot;, "
    "&apos;fine&apos;.</description><pubDate>Sun, 12 May 2024 10:00:00 GMT</pubDate></item>"
)
XML_SOURCES = {
    "rss 2.0": '<rss version="2.0"><channel><title>R</title><link>https://r.example/</link>'
    f"<description>d</description>{RSS_ITEM}</channel></rss>",
    "rss 0.91": '<rss version="0.91"><channel><title>R</title><link>https://r.example/</link>'
    f"<description>d</description>{RSS_ITEM}</channel></rss>",
    "rss 1.0": '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
    '<channel rdf:about="https://r.example/"><title>R</title><link>https://r.example/</link>'
    '<description>d</description></channel><item rdf:about="https://r.example/w19">'
    "<title>Weeknote 19 {use}</title><link>https://r.example/w19</link>"
    "<description>Busy: bins &amp; bots, caf&#233; &lt;3 &#x2014; &quot;done&quot;, "
    "&apos;fine&apos;.</description><dc:date>2024-05-12T10:00:00Z</dc:date></item></rdf:RDF>",
    "atom": ATOM.split("\n", 1)[1].replace("mobiles, robots", "mobiles {use}"),
    "wordpress": WXR.split("\n", 1)[1].replace("AI slop", "AI slop {use}"),
}
HOSTILE = {  # the declarations, the entity named first, and where the text uses it
    "external file": ('<!ENTITY xxe SYSTEM "file://{secret}">', "xxe", "&xxe;"),
    "external url": ('<!ENTITY web SYSTEM "{url}/leak">', "web", "&web;"),
    "billion laughs": (
        '<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">',
        "lol",
        "&lol2;",
    ),
    "plain text": ('<!ENTITY who "Sam">', "who", "&who;"),
    "parameter": ('<!ENTITY % ext SYSTEM "file://{secret}"> %ext;', "ext", ""),
    "declared only": ('<!ENTITY unused "never used">', "unused", ""),
}


class DTDServer:
    """A web server counting requests: a DTD or entity that weeknote fetched would show."""

    def __init__(self) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.requests: list[str] = []
        requests = self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                requests.append(self.path)
                body = b'<!ENTITY leak "LEAKED FROM THE DTD">'
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def dtd_server() -> Iterator[DTDServer]:
    server = DTDServer()
    yield server
    server.stop()


@pytest.mark.parametrize("hostile", list(HOSTILE))
@pytest.mark.parametrize("kind", list(XML_SOURCES))
def test_an_xml_source_declaring_entities_is_refused_in_one_line(
    run: Run, notes_dir: Path, tmp_path: Path, dtd_server: DTDServer, kind: str, hostile: str
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    declared, name, use = HOSTILE[hostile]
    declared = declared.format(secret=secret, url=dtd_server.url)
    root = "feed" if kind == "atom" else "rss"
    source = XML_SOURCES[kind].replace("{use}", use)
    text = f'<?xml version="1.0"?>\n<!DOCTYPE {root} [ {declared} ]>\n{source}'
    path = write(tmp_path, "source.xml", text)
    before = tree_digest(notes_dir)
    result = run("import", "--all", str(path))
    assert result.exit_code == 7, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert f"{path} declares the XML entity '{name}' in its <!DOCTYPE" in result.stderr
    assert "SECRET" not in result.stdout + result.stderr and "lollol" not in result.stderr
    assert tree_digest(notes_dir) == before and dtd_server.requests == []


@pytest.mark.parametrize("kind", list(XML_SOURCES))
def test_a_doctype_naming_only_an_external_dtd_is_read_without_fetching_it(
    run: Run, notes_dir: Path, tmp_path: Path, dtd_server: DTDServer, kind: str
) -> None:
    root = "feed" if kind == "atom" else "rss"
    doctype = (
        f'<!DOCTYPE {root} PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        f'"{dtd_server.url}/rss-0.91.dtd">'
    )
    path = write(
        tmp_path,
        "source.xml",
        f'<?xml version="1.0"?>\n{doctype}\n' + XML_SOURCES[kind].replace(" {use}", ""),
    )
    result = run("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert dtd_server.requests == []
    found = notes(notes_dir)
    assert found, result.stderr
    text = " ".join(f"{note['title']} {note['body']}" for note in found.values())
    assert "LEAKED" not in text
    if kind in ("rss 2.0", "rss 0.91", "rss 1.0"):  # the five entities and numeric references
        (note,) = found.values()
        assert note["body"] == "Busy: bins & bots, café <3 — \"done\", 'fine'.\n"
    else:
        assert "&amp;" not in text and "&#" not in text


def test_a_declaration_after_a_broken_prolog_is_refused_too(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    """feedparser reads on past what is not well-formed, and would take the declaration."""
    path = write(
        tmp_path,
        "broken.xml",
        '<?xml version="1.0"?>\n<!-- a -- b -->\n<!DOCTYPE rss [<!ENTITY who "Sam">]>\n'
        + XML_SOURCES["rss 2.0"].replace("{use}", "&who;"),
    )
    result = run("import", str(path))
    assert result.exit_code == 7
    assert f"{path} declares the XML entity 'who'" in result.stderr
    assert not list(notes_dir.glob("*.md"))
