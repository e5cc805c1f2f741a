"""A note's message as mail programs and lists see it: a Message-ID of its own for each
sender and note, and links and images that work in an inbox (absolute against the site's
address, or named when there is none). Read back with Python's ``email`` package."""

from __future__ import annotations

import re
from email.message import EmailMessage
from pathlib import Path

import pytest

from conftest import Run, write_note
from test_email import message, parts

BODY = (
    "Sorted the bins: ![The blue bin](images/bins.jpg) and "
    "![](img/plain.png), ![a chart](https://cdn.example.net/chart.png).\n\n"
    "See [the plan](plans/bins.html), [this week's part](#done), [a site](https://example.net/)"
    " and [mail me](mailto:ann@example.org).\n\n"
    "`![in code](images/code.png)`\n\n"
    "```\n![fenced](images/fenced.png)\n```\n"
)


@pytest.fixture
def notes(notes_dir: Path) -> Path:
    write_note(
        notes_dir, "2026-W46", BODY + "\n#waste-team\n", title="Weeknote w/c 9 November: bins"
    )
    write_note(notes_dir, "2026-W45", "Quiet.\n")
    return notes_dir


def exported(run: Run, out: Path, sender: str, *more: str) -> dict[str, EmailMessage]:
    assert run("config", "email.from", sender).exit_code == 0
    result = run("export", "-f", "email", "-o", str(out), *more)
    assert result.exit_code == 0, result.stderr
    return {path.stem: message(path.read_bytes()) for path in sorted(out.glob("*.eml"))}


# -- Message-ID ------------------------------------------------------------------------------


def test_two_senders_at_one_domain_never_share_a_message_id(
    run: Run, notes: Path, tmp_path: Path
) -> None:
    ann = exported(run, tmp_path / "ann", "Ann Example <ann@example.org>")
    bo = exported(run, tmp_path / "bo", "Bo <bo@example.org>")
    for week in ("2026-W46", "2026-W45"):
        mine, theirs = ann[week]["Message-ID"], bo[week]["Message-ID"]
        assert mine != theirs
        for each in (mine, theirs):
            # the week for a person reading headers, the sender's domain on the right
            assert re.fullmatch(rf"<{week}\.[0-9a-f]{{12}}\.weeknote@example\.org>", each)
    assert ann["2026-W46"]["Message-ID"] != ann["2026-W45"]["Message-ID"]
    for msg in (*ann.values(), *bo.values()):  # RFC 5322's msg-id, as Python's parser reads it
        assert not msg["Message-ID"].defects and not msg.defects
        assert all(not part.defects for part in msg.walk())
    ids = [msg["Message-ID"] for msg in (*ann.values(), *bo.values())]
    assert len(set(ids)) == len(ids)


def test_a_re_export_gives_the_same_message_id(run: Run, notes: Path, tmp_path: Path) -> None:
    first = exported(run, tmp_path / "one", "Ann Example <ann@example.org>")
    # a new display name is the same sender; a re-export elsewhere, the same messages
    again = exported(run, tmp_path / "two", "Ann E. <ANN@example.org>")
    assert {week: msg["Message-ID"] for week, msg in first.items()} == {
        week: msg["Message-ID"] for week, msg in again.items()
    }
    write_note(notes, "2026-W46", "Edited since.\n", title="Weeknote w/c 9 November: bins")
    edited = exported(run, tmp_path / "one", "Ann Example <ann@example.org>")
    assert edited["2026-W46"]["Message-ID"] == first["2026-W46"]["Message-ID"]


# -- links and images ------------------------------------------------------------------------


def test_with_a_base_url_links_and_images_are_absolute_and_the_page_is_linked(
    run: Run, notes: Path, tmp_path: Path
) -> None:
    run("config", "site.base_url", "https://ann.example.org/notes")
    msg = exported(run, tmp_path / "mail", "Ann <ann@example.org>")["2026-W46"]
    found = parts(msg)
    html, text = found["text/html"], found["text/plain"]
    page = "https://ann.example.org/notes/2026-W46.html"
    assert f'<a href="{page}">Read it on the web</a>' in html
    assert text.endswith(f"\nRead it on the web: {page}\n")
    assert '<img src="https://ann.example.org/notes/images/bins.jpg" alt="The blue bin" />' in html
    assert '<img src="https://ann.example.org/notes/img/plain.png" alt="" />' in html
    assert '<img src="https://cdn.example.net/chart.png" alt="a chart" />' in html
    assert '<a href="https://ann.example.org/notes/plans/bins.html">the plan</a>' in html
    assert f'<a href="{page}#done">' in html
    tag = '<a class="tag" href="https://ann.example.org/notes/tag-waste-team.html">#waste-team</a>'
    assert tag in html
    assert '<a href="https://example.net/">' in html and 'href="mailto:ann@example.org"' in html
    # every src and href is absolute (or mail)
    for url in re.findall(r'(?:src|href)="([^"]*)"', html):
        assert url.startswith(("https://", "mailto:")), url
    # code is shown as written
    assert "<code>![in code](images/code.png)</code>" in html
    assert "![fenced](images/fenced.png)" in html and "![fenced](images/fenced.png)" in text
    assert "[image: The blue bin (https://ann.example.org/notes/images/bins.jpg)]" in text
    assert "[the plan](https://ann.example.org/notes/plans/bins.html)" in text
    assert "`![in code](images/code.png)`" in text
    # the page named is the one the site export writes for the note
    run("export", "-f", "site", "-o", str(tmp_path / "site"))
    assert (tmp_path / "site" / "2026-W46.html").is_file()
    assert (tmp_path / "site" / "tag-waste-team.html").is_file()


def test_base_url_on_the_command_line_and_for_send(run: Run, notes: Path, tmp_path: Path) -> None:
    msg = exported(
        run, tmp_path / "mail", "Ann <ann@example.org>", "--base-url", "https://b.example.org/"
    )["2026-W46"]
    assert "Read it on the web: https://b.example.org/2026-W46.html" in parts(msg)["text/plain"]
    run("config", "site.base_url", "https://ann.example.org/")
    dry = run("send", "2026-W46", "--to", "bo@example.org", "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    sent = parts(message(dry.stdout.encode()))
    web = '<a href="https://ann.example.org/2026-W46.html">Read it on the web</a>'
    assert web in sent["text/html"]
    assert "Read it on the web: https://ann.example.org/2026-W46.html" in sent["text/plain"]


def test_without_a_base_url_images_are_named_instead_of_broken(
    run: Run, notes: Path, tmp_path: Path
) -> None:
    msg = exported(run, tmp_path / "mail", "Ann <ann@example.org>")["2026-W46"]
    found = parts(msg)
    html, text = found["text/html"], found["text/plain"]
    assert "[image: The blue bin (images/bins.jpg)]" in text
    assert "[image: img/plain.png]" in text
    assert "![a chart](https://cdn.example.net/chart.png)" in text  # a place of its own: kept
    assert "[the plan](plans/bins.html)" in text  # the Markdown as written
    assert "Read it on the web" not in html + text
    # no <img> that would show broken: the picture is named, a link to nowhere is its text
    assert re.findall(r'<img src="([^"]*)"', html) == ["https://cdn.example.net/chart.png"]
    assert '<span class="image">[image: The blue bin (images/bins.jpg)]</span>' in html
    assert "See the plan," in html and 'href="plans/' not in html
    assert '<a href="#done">' in html and '<a href="https://example.net/">' in html
    assert '<span class="tag">#waste-team</span>' in html


def test_a_base_url_that_is_not_one_is_refused(run: Run, notes: Path, tmp_path: Path) -> None:
    run("config", "email.from", "ann@example.org")
    run("config", "site.base_url", "example.org/notes")
    result = run("export", "-f", "email", "-o", str(tmp_path / "mail"))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "config site.base_url 'example.org/notes' is not an absolute http(s) URL" in (
        result.stderr
    )
    assert not (tmp_path / "mail").exists()
