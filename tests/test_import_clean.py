"""`weeknote import` of a site's own folder and feed, through the real command: the old
site's machinery (Liquid, Hugo shortcodes, Nunjucks, raw HTML, excerpt separators) does not
come along in the notes, categories become tags, and links into the site become absolute
where its address is known. A plain-text archive keeps every byte."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import Run
from weeknote.folder.store import Store

# A tag, a comment or a closing tag, as a Markdown renderer would pass through as HTML.
HTML_TAG = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|!--)")
FENCED = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"`[^`\n]+`")


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def notes(notes_dir: Path) -> dict[str, dict[str, object]]:
    store = Store(notes_dir)
    found: dict[str, dict[str, object]] = {}
    for path in sorted(notes_dir.glob("*.md")):
        note = store.load_note(path)
        found[note.week] = {"title": note.title, "body": note.body, "tags": list(note.tags)}
        found[note.week].update(note.extra)
    return found


def prose(body: object) -> str:
    """A note's body without its code, which keeps what the person wrote as code."""
    return CODE_SPAN.sub("", FENCED.sub("", str(body)))


def assert_clean(body: object) -> None:
    text = prose(body)
    assert "{%" not in text and "{{" not in text, text
    assert HTML_TAG.search(text) is None, text


def line_of(text: str, wanted: str) -> int:
    return text.split("\n").index(wanted) + 1


# -- Jekyll: Liquid, raw HTML, categories, url + baseurl -------------------------------------

JEKYLL_W19 = """---
layout: post
title: "Weeknotes 2021 W19: fire"
tags: [Weeknotes, fire]
categories: weeknotes garden
---

A week by the fire pit, with *friends*.

<figure class="photo">
  <picture>
    <source srcset="/images/photos/fire2.webp 1x, /images/photos/fire2@2x.webp 2x">
    <img src="/images/photos/fire2.jpg" alt="The fire pit">
  </picture>
  <figcaption>Our new fire pit</figcaption>
</figure>

{% twitter https://twitter.com/someone/status/1392 %}

![logs]({{ site.baseurl }}/images/logs.jpg) and
[last week](/2021/05/03/weeknotes-18/){:target="_blank"}.
<img src="{% imgproxy_url path: /images/photos/kindling.jpg %}" alt="Kindling">

Pressed <kbd>Ctrl</kbd>-<kbd>C</kbd> x<sup>2</sup> times.

{% include signup.html %}

## Listening {#listening}

<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" allowfullscreen></iframe>

{% comment %}A note to myself.{% endcomment %}

Code: `{{ site.title }}` stays.

```liquid
{% if page.title %}<b>{{ page.title }}</b>{% endif %}
```
"""

JEKYLL_W20 = """---
title: Weeknotes 2021 W20
category: [weeknotes, Work notes]
---
<h1>Weeknotes 2021 W20</h1>
<div class="entry">
<p>Wrote about <a href="/about/">myself</a> and <strong>bins</strong>.</p>

<ul class="at-tags">
  <li><a href="/tags/work/">work</a></li>
  <li>home</li>
</ul>
</div>
"""


def jekyll_site(
    root: Path, config: str = 'url: "https://jekyll.example"\nbaseurl: "/blog"\n'
) -> Path:
    return write(
        root,
        {
            "_config.yml": config,
            "_posts/2021-05-10-weeknotes-19.md": JEKYLL_W19,
            "_posts/2021-05-17-weeknotes-20.md": JEKYLL_W20,
        },
    )


def test_a_jekyll_folder_comes_clean_with_its_categories_and_absolute_links(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    site = jekyll_site(tmp_path / "site")
    dry = run("import", "--dry-run", str(site))
    assert dry.exit_code == 0, dry.stderr
    assert (
        "links: 6 relative links made absolute on https://jekyll.example/blog/ "
        "(from _config.yml (url and baseurl))." in dry.stderr
    )
    result = run("import", str(site))
    assert result.exit_code == 0, result.stderr
    line = line_of(JEKYLL_W19, "{% include signup.html %}")
    warning = (
        f"Warning: _posts/2021-05-10-weeknotes-19.md, line {line}: template code taken out "
        "({% include signup.html %}): --keep-template-code keeps it as written"
    )
    assert warning in result.stderr
    assert result.stderr.count("Warning:") == 1  # the other post holds nothing unknown
    found = notes(notes_dir)
    w19, w20 = found["2021-W19"], found["2021-W20"]
    assert w19["tags"] == ["Weeknotes", "fire", "garden"]  # categories join, each tag once
    assert w20["tags"] == ["weeknotes", "Work notes"]
    body = str(w19["body"])
    assert body.startswith("A week by the fire pit, with *friends*.\n\n")  # prose as written
    assert "[The fire pit](https://jekyll.example/blog/images/photos/fire2.jpg)" in body
    assert "\n\nOur new fire pit\n" in body  # the figure's caption
    assert "[Tweet](https://twitter.com/someone/status/1392)" in body
    # a paragraph holding HTML is converted whole: its image is written as the feeds write one
    assert "[logs](https://jekyll.example/blog/images/logs.jpg)" in body
    assert "[last week](https://jekyll.example/blog/2021/05/03/weeknotes-18/)" in body
    assert "[Kindling](https://jekyll.example/blog/images/photos/kindling.jpg)" in body
    assert "Pressed Ctrl-C x2 times." in body  # no Markdown form: the text only
    assert "signup" not in body and "A note to myself" not in body
    assert "\n## Listening\n" in body and "{:" not in body  # kramdown's attributes go
    assert "[YouTube video](https://www.youtube.com/watch?v=dQw4w9WgXcQ)" in body
    assert "`{{ site.title }}` stays" in body  # code is what the person wrote
    assert "{% if page.title %}<b>{{ page.title }}</b>{% endif %}" in body
    assert_clean(body)
    whole = str(w20["body"])  # a whole HTML body, headed by an <h1>
    assert "# Weeknotes 2021 W20" in whole
    assert "[myself](https://jekyll.example/blog/about/) and **bins**" in whole
    assert "- [work](https://jekyll.example/blog/tags/work/)\n- home" in whole
    assert_clean(whole)
    again = run("import", str(site))  # cleaned the same way each time: nothing to do
    assert again.exit_code == 0 and "(0 new, 2 unchanged)" in again.stderr, again.stderr


def test_keep_template_code_keeps_what_stands_for_no_link(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    site = jekyll_site(tmp_path / "site")
    result = run("import", "--keep-template-code", str(site))
    assert result.exit_code == 0, result.stderr
    assert "Warning" not in result.stderr
    body = str(notes(notes_dir)["2021-W19"]["body"])
    assert "\n{% include signup.html %}\n" in body  # kept as written
    assert "[Tweet](https://twitter.com/someone/status/1392)" in body  # an embed is a link still
    assert "<figure" not in body and "<kbd>" not in body  # HTML is Markdown all the same


def test_without_an_address_links_stay_and_base_url_gives_one(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    site = jekyll_site(tmp_path / "site", config="title: My notes\n")
    dry = run("import", "--dry-run", str(site))
    assert dry.exit_code == 0, dry.stderr
    assert (
        "links: 6 relative links to the site's own pages left as they are: no address for "
        "the site is known; --base-url URL makes them absolute." in dry.stderr
    )
    given = run("import", "--dry-run", "--base-url", "https://mine.example/", str(site))
    assert "made absolute on https://mine.example/ (from --base-url)" in given.stderr
    assert run("import", "--base-url", "https://mine.example/", str(site)).exit_code == 0
    body = str(notes(notes_dir)["2021-W19"]["body"])
    assert "[last week](https://mine.example/2021/05/03/weeknotes-18/)" in body


def test_a_base_url_that_is_no_address_is_refused_in_one_line(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    site = jekyll_site(tmp_path / "site")
    result = run("import", "--base-url", "mine.example", str(site))
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "--base-url 'mine.example' is not a site's address" in result.stderr
    assert not list(notes_dir.glob("*.md"))


# -- Lume: Nunjucks, tags, location ----------------------------------------------------------

LUME_POST = """---
title: Weeknotes 2024 W20
tags:
  - weeknotes
  - sprint
---

The {{ comp.anchor({ ref: 'sprint' }) | safe }} sprint ended.
{# a reminder: link the board #}

![The board](/img/board.png)

{% set colour = "green" %}
{{ colour }} all the way.
"""


def test_a_lume_folder_loses_its_nunjucks_with_one_warning(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    site = write(
        tmp_path / "lume",
        {
            "_config.ts": (
                'import lume from "lume/mod.ts";\n\n'
                'const site = lume({\n  location: new URL("https://lume.example/"),\n});\n\n'
                "export default site;\n"
            ),
            "posts/weeknotes-20.md": LUME_POST,
        },
    )
    result = run("import", str(site))
    assert result.exit_code == 0, result.stderr
    line = line_of(LUME_POST, "The {{ comp.anchor({ ref: 'sprint' }) | safe }} sprint ended.")
    assert (
        f"Warning: posts/weeknotes-20.md, line {line}: template code taken out "
        "({{ comp.anchor({ ref: 'sprint' }) | safe }} and 2 more)" in result.stderr
    )
    assert result.stderr.count("Warning:") == 1
    note = notes(notes_dir)["2024-W20"]
    assert note["tags"] == ["weeknotes", "sprint"]
    body = str(note["body"])
    assert "The sprint ended." in body and "reminder" not in body
    assert "![The board](https://lume.example/img/board.png)" in body
    assert "all the way." in body
    assert_clean(body)


# -- Hugo: shortcodes, <!--more-->, baseURL --------------------------------------------------

HUGO_POST = """+++
title = "Week 19, 2024"
date = 2024-05-12
tags = ["weeknotes"]
categories = ["Family"]
+++

A birthday week.

<!--more-->

{{< figure src="/images/cake.jpg" caption="Birthday cake" alt="A cake" >}}

{{< tweet user="jack" id="20" >}}

{{< youtube dQw4w9WgXcQ >}}

{{< img src="/images/bike.png" alt="New bike" >}}

{{< newsletter-signup list="weekly" >}}

See [the last one]({{< ref "week-18.md" >}}) and {{% notice %}}this{{% /notice %}}.

{{< highlight go >}}
fmt.Println("{{ not template }}")
{{< /highlight >}}
"""


def test_a_hugo_folder_turns_shortcodes_into_links_and_drops_more(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    site = write(
        tmp_path / "hugo",
        {
            "hugo.toml": 'baseURL = "https://hugo.example/notes/"\ntitle = "Notes"\n',
            "content/posts/week-19.md": HUGO_POST,
        },
    )
    dry = run("import", "--dry-run", str(site))
    assert "made absolute on https://hugo.example/notes/ (from hugo.toml (baseURL))" in dry.stderr
    result = run("import", str(site))
    assert result.exit_code == 0, result.stderr
    line = line_of(HUGO_POST, '{{< newsletter-signup list="weekly" >}}')
    assert (
        f"Warning: content/posts/week-19.md, line {line}: template code taken out "
        '({{< newsletter-signup list="weekly" >}} and 3 more)' in result.stderr
    )
    note = notes(notes_dir)["2024-W19"]
    assert note["tags"] == ["weeknotes", "Family"]
    body = str(note["body"])
    assert "more" not in body
    assert "[A cake](https://hugo.example/notes/images/cake.jpg)\n\nBirthday cake" in body
    assert "[Tweet by @jack](https://twitter.com/jack/status/20)" in body
    assert "[YouTube video](https://www.youtube.com/watch?v=dQw4w9WgXcQ)" in body
    assert "[New bike](https://hugo.example/notes/images/bike.png)" in body
    assert "See the last one and this." in body  # a link to a page it cannot find: its text
    assert '```go\nfmt.Println("{{ not template }}")\n```' in body
    assert_clean(body)


# -- an Atom feed with links relative to the site and to the post ----------------------------

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Weeks</title>
  <link href="https://feed.example/" rel="alternate"/>
  <link href="https://feed.example/feed.xml" rel="self"/>
  <id>https://feed.example/</id>
  <updated>2024-05-17T10:00:00Z</updated>
  <entry>
    <title>Weeknotes 2024 W20</title>
    <link href="https://feed.example/2024/05/17/weeknotes/" rel="alternate"/>
    <id>https://feed.example/2024/05/17/weeknotes/</id>
    <published>2024-05-17T10:00:00Z</published>
    <updated>2024-05-17T10:00:00Z</updated>
    <content type="html">&lt;p&gt;A photo &lt;img src="/img/a.jpg" alt="roses"&gt; and
      &lt;a href="/2024/05/10/other/"&gt;the week before&lt;/a&gt; and
      &lt;a href="plan.pdf"&gt;the plan&lt;/a&gt; and &lt;a href="#top"&gt;up&lt;/a&gt;.&lt;/p&gt;
      &lt;figure&gt;&lt;img src="/img/b.jpg" alt="tulips"&gt;
      &lt;figcaption&gt;Tulips&lt;/figcaption&gt;&lt;/figure&gt;</content>
  </entry>
</feed>
"""


def test_a_feeds_relative_links_point_into_its_site(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    feed = write(tmp_path, {"feed.xml": ATOM}) / "feed.xml"
    dry = run("import", "--dry-run", str(feed))
    assert dry.exit_code == 0, dry.stderr
    assert (
        "links: 4 relative links made absolute on https://feed.example/ (from the feed's link)."
        in dry.stderr
    )
    assert run("import", str(feed)).exit_code == 0
    body = str(notes(notes_dir)["2024-W20"]["body"])
    assert "[roses](https://feed.example/img/a.jpg)" in body
    assert "[the week before](https://feed.example/2024/05/10/other/)" in body
    assert "[the plan](https://feed.example/2024/05/17/weeknotes/plan.pdf)" in body
    assert "[up](#top)" in body
    assert "[tulips](https://feed.example/img/b.jpg)\n\nTulips" in body
    assert_clean(body)


# -- what is not a site's keeps every byte ---------------------------------------------------


@pytest.mark.parametrize("kind", ["text", "folder-less"])
def test_a_plain_text_archive_keeps_its_html_and_braces(
    run: Run, notes_dir: Path, tmp_path: Path, kind: str
) -> None:
    body = "Made <b>bold</b> {{ plans }} and {% this %}, see [x](/y).\n"
    archive = write(tmp_path, {"blog.txt": f"Weeknote w/c 15 July 2019: x\n\n{body}"}) / "blog.txt"
    args = ["import", str(archive)] + (["--from", "text"] if kind == "text" else [])
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert "Warning" not in result.stderr
    assert notes(notes_dir)["2019-W29"]["body"] == body


CODE_POST = """---
title: Weeknotes 2024 W21
---

Templates, as I wrote them: `{{ page.title }}` and `<b>`.

    {% for post in site.posts %}<li>{{ post.title }}</li>{% endfor %}

{% highlight html %}
<p>{{ content }}</p>
{% endhighlight %}

{% raw %}Literally {{ this }}.{% endraw %}

~~~
<div>{% include x.html %}</div>
~~~
"""


def test_code_keeps_its_template_code_and_tags(run: Run, notes_dir: Path, tmp_path: Path) -> None:
    site = write(tmp_path / "site", {"_posts/2024-05-24-w21.md": CODE_POST})
    result = run("import", str(site))
    assert result.exit_code == 0, result.stderr
    assert "Warning" not in result.stderr
    body = str(notes(notes_dir)["2024-W21"]["body"])
    assert "`{{ page.title }}` and `<b>`." in body
    assert "\n    {% for post in site.posts %}<li>{{ post.title }}</li>{% endfor %}\n" in body
    assert "```html\n<p>{{ content }}</p>\n```" in body  # a highlight block is fenced code
    assert "Literally {{ this }}." in body  # raw: what the site showed
    assert "~~~\n<div>{% include x.html %}</div>\n~~~" in body


# -- the pure parts ----------------------------------------------------------------------------

MARKDOWNISH = st.text(alphabet=st.sampled_from(list("ab <>/{}%#`~*-[]()!:\n    \t")), max_size=80)


@given(MARKDOWNISH)
def test_a_texts_parts_are_the_whole_text_in_order(text: str) -> None:
    from weeknote.imports.blocks import parts

    found = parts(text)
    assert "".join(part.text for part in found) == text
    assert [part.offset for part in found] == sorted(part.offset for part in found)


@given(MARKDOWNISH)
def test_text_without_template_code_html_or_a_site_is_kept(text: str) -> None:
    from weeknote.imports.html import markdown_without_html
    from weeknote.imports.siteaddress import absolute_links
    from weeknote.imports.templating import untemplate

    plain = text.replace("{", "").replace("<", "")
    assert untemplate(plain).text == plain
    assert markdown_without_html(plain) == plain
    local = re.sub("/+", "/", text)  # a //host link is made https: whatever the site
    assert absolute_links(local, None, None).text == local


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("Keys: <kbd>Ctrl</kbd>-<kbd>C</kbd>, x<sup>2</sup>\n", "Keys: Ctrl-C, x2\n"),
        (
            "One\nline <b>two</b>\n\nKept  as\nwritten.\n",
            "One\nline **two**\n\nKept  as\nwritten.\n",
        ),
        ("<div>\n\n    Text under *HTML*\n\n</div>\n\nAfter.\n", "Text under *HTML*\n\nAfter.\n"),
        ("- item\n\n    continued <b>x</b>\n", "- item\n\n    continued **x**\n"),
        ("    <b>indented code</b>\n", "    <b>indented code</b>\n"),
        (
            "[a][r] and <i>b</i>\n\n[r]: https://x.example\n",
            "[a](https://x.example) and *b*\n\n[r]: https://x.example\n",
        ),
    ],
)
def test_html_in_markdown_is_converted_block_by_block(markdown: str, expected: str) -> None:
    from weeknote.imports.html import markdown_without_html

    assert markdown_without_html(markdown) == expected


@pytest.mark.parametrize(
    ("files", "url", "where"),
    [
        (
            {"_config.yml": "url: https://a.example/\nbaseurl: /blog/\n"},
            "https://a.example/blog/",
            "_config.yml (url and baseurl)",
        ),
        ({"_config.yml": "url: https://a.example\n"}, "https://a.example/", "_config.yml (url)"),
        ({"_config.yml": "baseurl: /blog\n"}, None, None),
        (
            {"config/_default/hugo.yaml": "baseurl: https://h.example/notes\n"},
            "https://h.example/notes/",
            "config/_default/hugo.yaml (baseURL)",
        ),
        ({"config.toml": 'baseURL = "/"\n'}, None, None),
        ({"hugo.toml": "baseURL = [broken\n"}, None, None),
        (
            {"_config.js": 'export default lume({ location: new URL("https://l.example") });'},
            "https://l.example/",
            "_config.js (location)",
        ),
        (
            {
                ".eleventy.js": "module.exports = () => {};",
                "_data/metadata.json": '{"url": "https://e.example/"}',
            },
            "https://e.example/",
            "_data/metadata.json (url)",
        ),
        ({"_config.ts": 'location: new URL("javascript:alert(1)")'}, None, None),
    ],
)
def test_a_sites_address_is_read_from_its_configuration(
    tmp_path: Path, files: dict[str, str], url: str | None, where: str | None
) -> None:
    from weeknote.imports.siteaddress import site_address

    found = site_address(write(tmp_path / "site", files))
    assert ((found.url, found.where) if found else (None, None)) == (url, where)


def test_an_eleventy_folder_gets_its_tags_images_and_address(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    site = write(
        tmp_path / "eleventy",
        {
            "eleventy.config.js": "export default function (config) {}\n",
            "_data/metadata.json": '{"title": "Notes", "url": "https://eleventy.example/"}\n',
            "posts/weeknotes-2024-w22.md": (
                "---\ntitle: Weeknotes 2024 W22\ntags: [posts, weeknotes]\n---\n\n"
                '{% image "/img/cat.jpg", "A cat" %}\n\n'
                'See [the garden]({{ "/garden/" | url }}).\n'
            ),
        },
    )
    result = run("import", str(site))
    assert result.exit_code == 0, result.stderr
    assert "Warning" not in result.stderr
    note = notes(notes_dir)["2024-W22"]
    assert note["tags"] == ["posts", "weeknotes"]
    body = str(note["body"])
    assert "[A cat](https://eleventy.example/img/cat.jpg)" in body
    assert "[the garden](https://eleventy.example/garden/)" in body


WXR = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Blog</title>
  <link>https://wp.example/blog</link>
  <wp:base_blog_url>https://wp.example/blog</wp:base_blog_url>
  <item>
    <title>Weeknotes 2024 W23</title>
    <link>https://wp.example/blog/2024/06/07/weeknotes/</link>
    <content:encoded><![CDATA[<p>Photos: <img src="/blog/wp-content/uploads/a.jpg" alt="a">
<a href="/blog/2024/05/31/weeknotes/">last week</a></p>]]></content:encoded>
    <wp:post_id>7</wp:post_id>
    <wp:post_date><![CDATA[2024-06-07 09:00:00]]></wp:post_date>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <wp:status><![CDATA[publish]]></wp:status>
  </item>
</channel>
</rss>
"""


def test_a_wordpress_exports_links_point_at_its_blog(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    export = write(tmp_path, {"blog.xml": WXR}) / "blog.xml"
    dry = run("import", "--dry-run", str(export))
    assert "made absolute on https://wp.example/blog/ (from the export's blog address)" in (
        dry.stderr
    )
    assert run("import", str(export)).exit_code == 0
    body = str(notes(notes_dir)["2024-W23"]["body"])
    assert "[a](https://wp.example/blog/wp-content/uploads/a.jpg)" in body  # not /blog/blog/
    assert "[last week](https://wp.example/blog/2024/05/31/weeknotes/)" in body
