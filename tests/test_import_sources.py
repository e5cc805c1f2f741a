"""The readers for what platforms export: each fixture in its platform's real shape, read
into posts with their titles, Markdown bodies, days, addresses and tags, and what was left
out and why. Hostile inputs are refused with one line or read with nothing live left."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest

from weeknote.errors import ImportFailure
from weeknote.imports.clean import Cleaning, clean_reading
from weeknote.imports.detect import KINDS, detect, read
from weeknote.imports.feeds import read_feed
from weeknote.imports.folder import read_folder, read_markdown_file
from weeknote.imports.ghost import read_ghost
from weeknote.imports.html import to_markdown
from weeknote.imports.model import Post, Reading
from weeknote.imports.substack import read_substack
from weeknote.imports.wxr import read_wordpress

FIXTURES = Path(__file__).parent / "fixtures" / "imports"


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _by_title(reading: Reading) -> dict[str, Post]:
    return {post.title: post for post in reading.posts}


def _why(reading: Reading) -> list[str]:
    return [why for _, why in reading.left_out]


# -- WordPress -------------------------------------------------------------------------------


def test_wordpress_export_keeps_published_posts_and_says_what_it_left_out() -> None:
    reading = read_wordpress(FIXTURES / "wordpress.xml")
    assert reading.kind == "wordpress"
    assert [post.title for post in reading.posts] == [
        "Weeknotes 2024 W19: bins, bots & budgets",
        "Why I’m excited about open data",
    ]
    week, other = reading.posts
    # wp:post_date is the blog's local time: 23:30 on the 12th (22:30 UTC)
    assert week.published == date(2024, 5, 12)
    assert week.url == "https://dizzy.example.org/2024/05/12/weeknotes-2024-w19/"
    assert week.key == "101"
    assert week.origin == "wordpress.xml, item 1"
    assert week.categories == ("Weeknotes",)
    assert week.tags == ("Local gov", "AI")
    assert week.body == (
        "A week of **bins** and [bots](https://example.org/bots).\n\n"
        "## Budgets\n\n"
        "- Met the finance team\n"
        "- Wrote the *business case*\n\n"
        "[The team's board](https://dizzy.example.org/wp-content/uploads/2024/05/board.jpg)\n"
    )
    # a classic-editor body, paragraphs as blank lines (wpautop's shape)
    assert other.body == (
        "Open data is *good* for us.\\\nIt saves time.\n\n"
        "Second paragraph, no tags around it.\n\n- one\n- two\n"
    )
    assert other.published == date(2024, 5, 20)
    assert other.categories == ("Data",) and other.tags == ()
    assert reading.left_out == [
        ('wordpress.xml, item 3 "About"', "page"),
        ('wordpress.xml, item 4 "Weeknotes 2024 W20"', "draft"),
        ('wordpress.xml, item 5 "board"', "attachment"),
    ]


@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_older_wordpress_exports_are_read_by_their_namespace(tmp_path: Path, version: str) -> None:
    text = (FIXTURES / "wordpress.xml").read_text(encoding="utf-8")
    path = tmp_path / "old.xml"
    path.write_text(text.replace("export/1.2/", f"export/{version}/"), encoding="utf-8")
    reading = read_wordpress(path)
    assert len(reading.posts) == 2 and len(reading.left_out) == 3
    assert detect(path) == "wordpress"


def test_wordpress_scheduled_private_and_trashed_posts_are_left_out(tmp_path: Path) -> None:
    items = "".join(
        f"<item><title>Post {status}</title><wp:post_id>{n}</wp:post_id>"
        f"<wp:status>{status}</wp:status><wp:post_type>post</wp:post_type></item>"
        for n, status in enumerate(["future", "private", "trash", "pending"])
    )
    path = tmp_path / "wp.xml"
    path.write_text(
        '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        f"{items}<item><title>Menu</title><wp:post_type>nav_menu_item</wp:post_type>"
        "<wp:status>publish</wp:status></item></channel></rss>",
        encoding="utf-8",
    )
    reading = read_wordpress(path)
    assert reading.posts == []
    assert _why(reading) == [
        "scheduled",
        "private",
        "in the trash",
        "draft (pending review)",
        "menu item",
    ]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<item><title>Weeknotes &lol3;</title><content:encoded>&lol3;</content:encoded>
<wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>
</channel></rss>
"""


def _external(secret: Path) -> str:
    return f"""<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<item><title>Weeknotes</title><content:encoded>&xxe;</content:encoded>
<wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>
</channel></rss>
"""


@pytest.mark.parametrize("hostile", ["billion laughs", "external entity"])
def test_a_wordpress_export_with_entities_is_refused_in_one_line(
    tmp_path: Path, hostile: str
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    path = tmp_path / "export.xml"
    path.write_text(BILLION_LAUGHS if hostile == "billion laughs" else _external(secret))
    assert detect(path) == "wordpress"
    with pytest.raises(ImportFailure) as caught:
        read_wordpress(path)
    message = caught.value.message
    assert "\n" not in message and str(path) in message
    name = "lol" if hostile == "billion laughs" else "xxe"
    assert f"declares the XML entity '{name}' in its <!DOCTYPE" in message
    assert "SECRET" not in message and "lollol" not in message


def test_a_broken_wordpress_export_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_text('<rss xmlns:wp="http://wordpress.org/export/1.2/">\n<channel><item>\n')
    with pytest.raises(ImportFailure, match=r"export\.xml is not well-formed XML \(.*line 3"):
        read_wordpress(path)


HOSTILE_HTML = (
    '<p onclick="steal()">Hello <a href="javascript:alert(1)">click me</a> and '
    '<a href=" JaVaScRiPt&#x09;:alert(2)">me</a>, <a href="vbscript:msgbox">vb</a>, '
    '<a href="data:text/html;base64,PHNjcmlwdD4=">data</a>, '
    '<a href="https://example.org/ok" onmouseover="x()">fine</a>.</p>'
    "<script>alert(3)</script><style>p { color: red }</style>"
    '<iframe src="https://evil.example/"><p>framed</p></iframe>'
    '<form action="/steal"><input name="pw"><p>form text</p></form>'
    '<object data="x.swf">flash</object>'
    '<img src="javascript:alert(4)" alt="bad image" onerror="alert(5)">'
    "<p>&lt;script&gt;alert(6)&lt;/script&gt; and [x](javascript:alert(7))</p>"
)


def _assert_harmless(body: str, *, inner_text_dropped: bool = True) -> None:
    """No tag, handler or unsafe link is left; the text of links and images is. Inside a
    frame or object there is only text, which feedparser's sanitizer keeps and weeknote's
    own cleaning drops."""
    lowered = body.lower()
    for bad in ("<script", "<iframe", "<form", "<object", "<style", "<input", "<img", "<a "):
        assert bad not in lowered, body
    for bad in ("onclick", "onmouseover", "onerror", "vbscript:", "data:text"):
        assert bad not in lowered, body
    assert "](javascript:" not in lowered.replace("\\]", "]x"), body
    assert "alert(1)" not in body and "alert(3)" not in body and "steal" not in body
    if inner_text_dropped:
        assert "framed" not in body and "form text" not in body and "flash" not in body
    assert "[fine](https://example.org/ok)" in body
    assert "click me" in body and "bad image" in body


def test_a_wordpress_post_with_script_and_javascript_links_keeps_only_the_text(
    tmp_path: Path,
) -> None:
    path = tmp_path / "export.xml"
    path.write_text(
        '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item>'
        f"<title>Weeknotes</title><content:encoded><![CDATA[{HOSTILE_HTML}]]></content:encoded>"
        "<wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    (post,) = read_wordpress(path).posts
    _assert_harmless(post.body)


# -- feeds -----------------------------------------------------------------------------------


def test_an_atom_feed_gives_every_entry_with_its_own_day() -> None:
    reading = read_feed(FIXTURES / "atom.xml")
    assert reading.kind == "feed" and reading.left_out == []
    posts = _by_title(reading)
    assert list(posts) == ["Weeknote w/c 6 May: ferries & forms", "Conference talk slides"]
    week = posts["Weeknote w/c 6 May: ferries & forms"]
    # 07:30 on the 12th in +10:00 (21:30 on the 11th in UTC): the day as the feed wrote it
    assert week.published == date(2024, 5, 12)
    assert week.url == "https://sam.example.net/2024/weeknote-6-may/"
    assert week.key == "https://sam.example.net/2024/weeknote-6-may/"
    assert week.categories == ("weeknotes", "ferries")
    assert week.origin == "atom.xml, item 1"
    assert week.body == (
        "Rode the **ferry** to work.\n\n1. Fixed the form\n2. Read [a book](https://example.org/book)\n"
    )
    talk = posts["Conference talk slides"]
    assert talk.body == "The slides from my talk.\n"
    assert talk.published == date(2024, 5, 15)


def test_an_rss_feed_body_is_content_encoded_else_the_description() -> None:
    reading = read_feed(FIXTURES / "rss.xml")
    week, soup = reading.posts
    assert week.title == "Week 19, 2024"
    assert week.body == "### Things I did\n\nShipped the `login` page.\n\nThen slept.\n"
    # 21:00 on the 12th at -07:00 is the 13th in UTC; the feed's own day is kept
    assert week.published == date(2024, 5, 12)
    assert week.url == "https://alex.example.com/week-19-2024"
    assert week.categories == ("Weeknotes",)
    assert soup.title == "Recipe: lentil soup"
    assert soup.body == "Lentils, *onions* and stock.\n"
    assert soup.key == "post-77"


def test_rss_1_0_and_0_91_feeds_are_read(tmp_path: Path) -> None:
    rdf = _write(
        tmp_path,
        {
            "rdf.xml": '<?xml version="1.0"?>\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            '<channel rdf:about="https://r.example/"><title>R</title>'
            "<link>https://r.example/</link><description>d</description></channel>"
            '<item rdf:about="https://r.example/w19"><title>Weeknote 19</title>'
            "<link>https://r.example/w19</link><description>Busy week.</description>"
            "<dc:date>2024-05-12T20:00:00-05:00</dc:date></item></rdf:RDF>",
            "old.xml": '<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications'
            '//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
            '<rss version="0.91"><channel><title>O</title><link>https://o.example/</link>'
            "<description>d</description><item><title>Weeknote 20</title>"
            "<link>https://o.example/w20</link><description>Quiet.</description></item>"
            "</channel></rss>",
        },
    )
    (post,) = read_feed(rdf / "rdf.xml").posts
    assert (post.title, post.body, post.published) == (
        "Weeknote 19",
        "Busy week.\n",
        date(2024, 5, 12),
    )
    (old,) = read_feed(rdf / "old.xml").posts
    assert (old.title, old.url, old.published) == ("Weeknote 20", "https://o.example/w20", None)
    assert detect(rdf / "rdf.xml") == detect(rdf / "old.xml") == "feed"


def test_a_feed_with_script_and_javascript_links_keeps_only_the_text(tmp_path: Path) -> None:
    from xml.sax.saxutils import escape

    path = tmp_path / "feed.xml"
    path.write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        "<entry><title>Weeknote &lt;script&gt;alert(9)&lt;/script&gt;</title><id>e1</id>"
        '<link href="javascript:alert(8)"/><updated>2024-05-12T10:00:00Z</updated>'
        f'<content type="html">{escape(HOSTILE_HTML)}</content></entry></feed>',
        encoding="utf-8",
    )
    (post,) = read_feed(path).posts
    _assert_harmless(post.body, inner_text_dropped=False)
    assert "<" not in post.title
    assert post.url is None


def test_a_feed_declaring_entities_is_refused_and_expands_none_of_them(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    path = tmp_path / "feed.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE feed [\n <!ENTITY lol "lol">\n'
        ' <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
        ' <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">\n'
        f' <!ENTITY xxe SYSTEM "file://{secret}">\n]>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>e1</id>'
        "<title>Weeknote &lol2;</title><updated>2024-05-12T10:00:00Z</updated>"
        "<content>&xxe; &lol2;</content></entry></feed>",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailure) as caught:
        read_feed(path)
    message = caught.value.message
    assert "\n" not in message and f"{path} declares the XML entity 'lol'" in message
    assert "SECRET" not in message and "lollol" not in message


def test_a_file_that_is_not_a_feed_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.xml"
    path.write_text("this is < not & xml at all >", encoding="utf-8")
    with pytest.raises(ImportFailure) as caught:
        read_feed(path)
    assert str(path) in caught.value.message and "\n" not in caught.value.message


# -- folders ---------------------------------------------------------------------------------


JEKYLL = {
    "_config.yml": "title: My site\n",
    "index.md": "---\nlayout: home\n---\n",
    "_posts/2024-05-12-weeknotes-2024-w19.md": (
        "---\n"
        "layout: post\n"
        'title: "Weeknotes 2024 W19: bins &amp; bots"\n'
        "date: 2024-05-12 23:30:00 +0100\n"
        "categories: weeknotes work\n"
        "tags: [bins, Bots]\n"
        "permalink: /weeknotes/2024-w19/\n"
        "---\n\n"
        "A week of **bins**.\n\n- one\n- two\n"
    ),
    "_posts/2024-05-15-lentil-soup.markdown": (
        "---\ntitle: Lentil soup\ntags: food\n---\nLentils.\n"
    ),
    "_posts/2024-05-20-no-front-matter.md": "# Weeknote 20\n\nNo front matter here.\n",
    "_posts/2024-05-27-unpublished.md": "---\ntitle: Weeknotes 22\npublished: false\n---\nx\n",
    "_drafts/weeknotes-2024-w21.md": "---\ntitle: Weeknotes 2024 W21\n---\nNot yet.\n",
    "_site/2024/05/12/weeknotes-2024-w19.html": "<h1>built copy</h1>",
    "node_modules/pkg/README.md": "---\ntitle: not mine\n---\n",
}


def test_a_jekyll_site_gives_its_posts_and_leaves_out_drafts(tmp_path: Path) -> None:
    site = _write(tmp_path / "site", JEKYLL)
    assert detect(site) == "folder"
    reading = read_folder(site)
    assert reading.kind == "folder"
    posts = _by_title(reading)
    assert list(posts) == ["Weeknotes 2024 W19: bins & bots", "Lentil soup", "Weeknote 20"]
    week = posts["Weeknotes 2024 W19: bins & bots"]
    assert week.published == date(2024, 5, 12)
    assert week.categories == ("weeknotes", "work")
    assert week.tags == ("bins", "Bots")
    assert week.url == "/weeknotes/2024-w19/"
    assert week.body == "A week of **bins**.\n\n- one\n- two\n"
    assert week.key == week.origin == "_posts/2024-05-12-weeknotes-2024-w19.md"
    soup = posts["Lentil soup"]
    assert soup.published == date(2024, 5, 15)  # from the file's name
    assert soup.tags == ("food",)
    bare = posts["Weeknote 20"]  # no front matter: the heading is the title
    assert bare.body == "No front matter here.\n" and bare.published == date(2024, 5, 20)
    assert reading.left_out == [
        ("_posts/2024-05-27-unpublished.md", "draft"),
        ("_drafts/weeknotes-2024-w21.md", "draft (in _drafts)"),
    ]


HUGO = {
    "hugo.toml": 'baseURL = "https://hugo.example.org/"\ntitle = "Notes"\n',
    "content/_index.md": '+++\ntitle = "Home"\n+++\n',
    "content/posts/week-19.md": (
        "+++\n"
        'title = "Week 19, 2024"\n'
        "date = 2024-05-12T21:00:00-07:00\n"
        'tags = ["weeknotes", "hugo"]\n'
        'categories = ["Work"]\n'
        "draft = false\n"
        "+++\n\n"
        "Built the *site*.\n"
    ),
    "content/posts/week-20.md": (
        '+++\ntitle = "Week 20, 2024"\ndate = 2024-05-19\ndraft = true\n+++\nSoon.\n'
    ),
    "content/posts/old.html": (
        "---\ntitle: Week 18, 2024\npublishDate: '2024-05-05'\n"
        "canonical_url: https://elsewhere.example/w18\n---\n"
        "<p>From <em>HTML</em>.</p><script>x()</script>\n"
    ),
    "public/posts/week-19/index.html": "<p>built</p>",
    "themes/paper/README.md": "---\ntitle: theme\n---\n",
}


def test_a_hugo_site_reads_toml_front_matter_and_leaves_out_drafts(tmp_path: Path) -> None:
    site = _write(tmp_path / "hugo", HUGO)
    reading = read_folder(site)
    posts = _by_title(reading)
    assert sorted(posts) == ["Week 18, 2024", "Week 19, 2024"]
    week = posts["Week 19, 2024"]
    assert week.published == date(2024, 5, 12)  # its own -07:00 offset
    assert week.tags == ("weeknotes", "hugo") and week.categories == ("Work",)
    assert week.body == "Built the *site*.\n"
    assert week.origin == "content/posts/week-19.md"
    old = posts["Week 18, 2024"]
    assert old.markup == "html" and old.published == date(2024, 5, 5)
    cleaned = _by_title(clean_reading(reading, Cleaning()).reading)["Week 18, 2024"]
    assert cleaned.body == "From *HTML*.\n"  # made Markdown once it is cleaned
    assert old.url == "https://elsewhere.example/w18"
    assert sorted(reading.left_out) == [
        ("content/_index.md", "section page"),
        ("content/posts/week-20.md", "draft"),
    ]


def test_an_obsidian_vault_gives_its_weekly_notes_by_their_names(tmp_path: Path) -> None:
    vault = _write(
        tmp_path / "vault",
        {
            ".obsidian/workspace.json": "{}",
            "Weekly/2024-W19.md": "- Met the team\n- Wrote the plan #planning\n",
            "Weekly/2024-W20.md": "---\ntags:\n  - weekly\n---\n# Week twenty\n\nQuiet.\n",
            "Ideas.md": "Some idea\n",
            "Templates/Weekly template.md": "{{date}}\n",
        },
    )
    reading = read_folder(vault)
    posts = _by_title(reading)
    assert list(posts) == ["2024-W19", "Week twenty"]
    assert posts["2024-W19"].body == "- Met the team\n- Wrote the plan #planning\n"
    assert posts["2024-W19"].published is None
    assert posts["Week twenty"].tags == ("weekly",)
    assert dict(reading.left_out) == {
        "Ideas.md": "no front matter, and its name states no date or week",
        "Templates/Weekly template.md": "no front matter, and its name states no date or week",
    }


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        ("---\ntitle: ok\ntags: [a, b\n---\nbody\n", 3, "YAML front matter is malformed"),
        ('+++\ntitle = "ok"\ndate = \n+++\nbody\n', 3, "TOML front matter is malformed"),
        ("---\ntitle: never closed\nbody\n", 1, "never closed"),
        ("---\ntitle: x\ndate: next week\n---\n", 3, "date 'next week' is not a date"),
        ("---\n- a list\n---\n", 2, "not a set of `key: value` lines"),
    ],
)
def test_malformed_front_matter_names_the_file_and_line(
    tmp_path: Path, text: str, line: int, what: str
) -> None:
    _write(tmp_path / "site", {"posts/2024-05-12-x.md": text})
    with pytest.raises(ImportFailure) as caught:
        read_folder(tmp_path / "site")
    message = caught.value.message
    assert message.startswith(f"posts/2024-05-12-x.md, line {line}: "), message
    assert what in message and "\n" not in message


def test_a_single_markdown_file_with_front_matter(tmp_path: Path) -> None:
    path = _write(tmp_path, {"w19.md": "---\ntitle: Weeknotes 2024 W19\n---\nHi.\n"}) / "w19.md"
    assert detect(path) == "folder"
    reading = read_markdown_file(path)
    assert [(p.title, p.body) for p in reading.posts] == [("Weeknotes 2024 W19", "Hi.\n")]
    assert read(path, "folder").posts == reading.posts


def test_a_link_out_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    secret = _write(tmp_path, {"secret/2024-05-12-key.md": "SECRET\n"}) / "secret"
    site = _write(tmp_path / "site", {"2024-05-13-real.md": "# Real\n\nText\n"})
    (site / "2024-05-12-key.md").symlink_to(secret / "2024-05-12-key.md")
    reading = read_folder(site)
    assert [post.title for post in reading.posts] == ["Real"]
    assert reading.left_out == [("2024-05-12-key.md", "a link to a file outside the folder")]


def test_a_yaml_alias_bomb_is_read_without_blowing_up(tmp_path: Path) -> None:
    bomb = "---\na0: &a0 [x, x, x, x, x, x, x, x, x]\n"
    for n in range(1, 9):  # 9 ** 9 leaves, if anything wrote it out
        bomb += f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]\n"
    bomb += "title: *a8\ntags: *a8\ndraft: *a8\n---\nBody\n"
    site = _write(tmp_path / "site", {"2024-05-12-bomb.md": bomb})
    (post,) = read_folder(site).posts
    assert post.title == "2024-05-12-bomb" and post.tags == ()


# -- Ghost -----------------------------------------------------------------------------------


def test_a_ghost_export_gives_published_posts_with_their_tags() -> None:
    reading = read_ghost(FIXTURES / "ghost.json")
    assert reading.kind == "ghost"
    posts = _by_title(reading)
    assert list(posts) == ["Weeknotes 2024-W19", "On hiring"]
    week = posts["Weeknotes 2024-W19"]
    assert week.body == "Planning **the move**.\n\n> Keep going.\n"
    assert week.tags == ("Weeknotes", "Moving")  # in their order; Ghost's internal #tags not
    assert week.url == "/weeknotes-2024-w19/"
    assert week.key == "6640a1b2c3d4e5f600000001"
    # 23:30 UTC on the 12th is 00:30 on the 13th in the blog's Europe/London
    assert week.published == date(2024, 5, 13)
    hiring = posts["On hiring"]
    assert hiring.body == "Hire for &lt;curiosity>.\n"  # plaintext, when there is no html
    assert hiring.url == "https://jo.example.org/on-hiring/"
    assert reading.left_out == [
        ('ghost.json, post 2 "Weeknotes 2024-W20"', "draft"),
        ('ghost.json, post 3 "About me"', "page"),
        ('ghost.json, post 4 "Coming soon: Weeknotes 2024-W21"', "scheduled"),
    ]


def test_an_older_ghost_export_with_data_at_the_top(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text(
        '{"meta": {"version": "003"}, "data": {"posts": ['
        '{"id": 1, "title": "Weeknote 1", "slug": "w1", "html": "<p>One</p>",'
        ' "status": "published", "page": 0, "published_at": "2015-03-01T09:00:00.000Z"},'
        '{"id": 2, "title": "Colophon", "slug": "c", "html": "<p>x</p>",'
        ' "status": "published", "page": 1}]}}',
        encoding="utf-8",
    )
    assert detect(path) == "ghost"
    reading = read_ghost(path)
    assert [(p.title, p.body, p.published) for p in reading.posts] == [
        ("Weeknote 1", "One\n", date(2015, 3, 1))
    ]
    assert _why(reading) == ["page"]


# -- Substack --------------------------------------------------------------------------------

SUBSTACK_CSV = (
    "post_id,post_date,is_published,email_sent_at,inbox_sent_at,type,audience,title,"
    "subtitle,podcast_url\n"
    "123456.weeknote-w19,2024-05-12T18:00:00.000Z,true,2024-05-12T18:00:05.000Z,,newsletter,"
    'everyone,"Weeknote W19: forms, forms, forms",A week of paperwork,\n'
    "123457.draft-w20,,false,,,newsletter,everyone,Weeknote W20,,\n"
    "123458.recipe,2024-05-15T07:00:00.000Z,true,,,newsletter,everyone,Soup,,\n"
    "123459.gone,2024-05-16T07:00:00.000Z,true,,,newsletter,everyone,Lost post,,\n"
)
SUBSTACK_FILES = {
    "posts.csv": SUBSTACK_CSV,
    "posts/123456.weeknote-w19.html": "<p>Filled in <b>forms</b>.</p><p>More forms.</p>",
    "posts/123457.draft-w20.html": "<p>Draft</p>",
    "posts/123458.recipe.html": "<p>Soup.</p>",
    "email_list.example.csv": "email\nx@example.org\n",
}


def _assert_substack(reading: Reading, where: str) -> None:
    assert reading.kind == "substack"
    posts = _by_title(reading)
    assert list(posts) == ["Weeknote W19: forms, forms, forms", "Soup"]
    week = posts["Weeknote W19: forms, forms, forms"]
    assert week.body == "*A week of paperwork*\n\nFilled in **forms**.\n\nMore forms.\n"
    assert week.published == date(2024, 5, 12)
    assert week.key == "123456.weeknote-w19"
    assert week.origin == f"{where}posts/123456.weeknote-w19.html"
    assert reading.left_out == [
        (f'{where}posts.csv, line 3 "Weeknote W20"', "not published"),
        (f'{where}posts.csv, line 5 "Lost post"', "no posts/123459.gone.html in the export"),
    ]


def test_a_substack_export_folder(tmp_path: Path) -> None:
    folder = _write(tmp_path / "export", SUBSTACK_FILES)
    assert detect(folder) == "substack"
    _assert_substack(read_substack(folder), "")


def test_a_substack_export_zip_is_read_in_place(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in SUBSTACK_FILES.items():
            archive.writestr(name, text)
        archive.writestr("../../outside.html", "<p>never read</p>")
    assert detect(path) == "substack"
    _assert_substack(read_substack(path), "export.zip: ")
    assert not (tmp_path.parent / "outside.html").exists()


def test_a_zip_bomb_member_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from weeknote.imports import source

    monkeypatch.setattr(source, "MAX_IMPORT", 1000)
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("posts.csv", SUBSTACK_CSV)
        archive.writestr("posts/123456.weeknote-w19.html", "<p>" + "a" * 100_000 + "</p>")
    with pytest.raises(ImportFailure, match="too large to import"):
        read_substack(path)


# -- HTML ------------------------------------------------------------------------------------


def test_html_becomes_markdown_with_nothing_live_left() -> None:
    body = to_markdown(HOSTILE_HTML)
    _assert_harmless(body)
    assert "&lt;script>" in body  # the text showed a tag; it still shows one, inert


def test_html_headings_code_and_images_as_links() -> None:
    html = (
        "<h1>Title</h1><h4>Small</h4><p>Use <code>git&nbsp;log</code> and <i>this</i>.</p>"
        "<pre><code>a &lt; b\n\nc</code></pre>"
        '<p><img src="/img/a b.png" alt="A  cat"><img src="/x.png"></p>'
        "<p>  </p>\n\n\n<p>End</p>"
    )
    assert to_markdown(html) == (
        "# Title\n\n#### Small\n\nUse `git\xa0log` and *this*.\n\n"
        "```\na < b\n\nc\n```\n\n[A cat](</img/a b.png>)[image](/x.png)\n\nEnd\n"
    )


# -- detect ----------------------------------------------------------------------------------


def test_detect_names_every_kind_from_the_content(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "jrnl.txt": "[2024-05-12 09:30] Met the team.\nWent well.\n\n"
            "[2024-05-13 10:00] Planned @work\n",
            "old-jrnl.txt": "2024-05-12 09:30 Met the team.\n",
            "journal.json": '{"tags": {"@work": 1}, "entries": [{"date": "2024-05-12"}]}',
            "archive.txt": "Weeknote w/c 6 May: busy\n\nText.\n",
            "feed.txt": '<?xml version="1.0"?>\n<!-- a comment -->\n<feed xmlns="http://www.w3.org/2005/Atom"></feed>',
        },
    )
    shutil.copy(FIXTURES / "wordpress.xml", tmp_path / "export.txt")
    shutil.copy(FIXTURES / "rss.xml", tmp_path / "blog.dat")
    shutil.copy(FIXTURES / "ghost.json", tmp_path / "ghost.txt")
    kinds = {
        name: detect(tmp_path / name)
        for name in (
            "jrnl.txt",
            "old-jrnl.txt",
            "journal.json",
            "archive.txt",
            "feed.txt",
            "export.txt",
            "blog.dat",
            "ghost.txt",
        )
    }
    assert kinds == {
        "jrnl.txt": "jrnl",
        "old-jrnl.txt": "jrnl",
        "journal.json": "jrnl-json",
        "archive.txt": "text",
        "feed.txt": "feed",
        "export.txt": "wordpress",
        "blog.dat": "feed",
        "ghost.txt": "ghost",
    }
    assert set(kinds.values()) | {"folder", "substack"} == set(KINDS)
    assert detect(_write(tmp_path / "site", {"a.md": "# A\n"})) == "folder"


def test_detect_refuses_json_and_zips_it_cannot_name(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(ImportFailure, match="neither a Ghost export nor"):
        detect(tmp_path / "x.json")
    with zipfile.ZipFile(tmp_path / "x.zip", "w") as archive:
        archive.writestr("notes.txt", "x")
    with pytest.raises(ImportFailure, match="neither a folder of posts .* nor a Substack export"):
        detect(tmp_path / "x.zip")


def test_read_dispatches_and_refuses_kinds_read_elsewhere(tmp_path: Path) -> None:
    assert read(FIXTURES / "rss.xml", "feed").kind == "feed"
    assert read(FIXTURES / "wordpress.xml", "wordpress").kind == "wordpress"
    assert read(FIXTURES / "ghost.json", "ghost").kind == "ghost"
    for kind in ("jrnl", "jrnl-json", "text"):
        with pytest.raises(ValueError):
            read(tmp_path, kind)


def test_a_pipe_or_a_huge_file_is_refused_in_one_line(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "feed.xml"
    os.mkfifo(fifo)
    with pytest.raises(ImportFailure, match="not a regular file"):
        read_feed(fifo)
    big = tmp_path / "big.xml"
    with big.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)
    with pytest.raises(ImportFailure, match="imports are limited to 50 MB"):
        read_wordpress(big)
