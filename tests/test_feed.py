"""The site's Atom feed: an id of the folder's own, the newest notes, and dates kept in the
notes (never the clock's or the files')."""

from __future__ import annotations

import os
import re
import shutil
from datetime import datetime
from pathlib import Path

import feedparser
import pytest

from conftest import Machine, Run, git, write_note

FEED_ID = Path(".weeknote") / "feed-id"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})")


def _site(run: Run, out: Path, *args: str) -> feedparser.FeedParserDict:
    done = run("export", "-f", "site", "-o", str(out), *args)
    assert done.exit_code == 0, done.stderr
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def _written(run: Run, monkeypatch: pytest.MonkeyPatch, *weeks: str) -> None:
    """Notes written with `new`, each on the Friday of its week."""
    from weeknote.weeks.week import Week

    for week in weeks:
        friday = Week.from_id(week).start.toordinal() + 4
        monkeypatch.setenv("WEEKNOTE_TODAY", datetime.fromordinal(friday).date().isoformat())
        assert run("new", week, "--no-edit").exit_code == 0


def test_the_feed_id_is_the_folders_own_in_every_export_and_clone(
    run: Run, notes_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_note(notes_dir, "2026-W47")
    first = _site(run, tmp_path / "one")
    kept = (notes_dir / FEED_ID).read_text().strip()
    assert first.feed.id == kept and kept.startswith("urn:uuid:")
    assert _site(run, tmp_path / "two").feed.id == kept
    ids = [entry.id for entry in first.entries]
    # a clone is the folder copied: the same feed, entry for entry
    clone = tmp_path / "clone"
    shutil.copytree(notes_dir, clone)
    monkeypatch.setenv("WEEKNOTE_DIR", str(clone))
    cloned = _site(run, tmp_path / "three")
    assert cloned.feed.id == kept and [entry.id for entry in cloned.entries] == ids
    # someone else's notes: another id, and other entry ids for the same weeks
    other = tmp_path / "other"
    write_note(other, "2026-W47")
    monkeypatch.setenv("WEEKNOTE_DIR", str(other))
    theirs = _site(run, tmp_path / "four")
    assert theirs.feed.id != kept and theirs.entries[0].id not in ids


def test_init_makes_the_feed_id_and_git_keeps_it(
    run: Run, notes_dir: Path, tmp_path: Path, git_env: None
) -> None:
    made = run("init", "--git")
    assert made.exit_code == 0 and ".weeknote/feed-id" in made.stderr
    assert git(notes_dir, "ls-files", ".weeknote").strip() == ".weeknote/feed-id"
    write_note(notes_dir, "2026-W47")
    kept = (notes_dir / FEED_ID).read_text().strip()
    assert _site(run, tmp_path / "site").feed.id == kept


def test_an_older_folders_first_site_export_makes_and_commits_it(
    run: Run, notes_dir: Path, tmp_path: Path, git_env: None
) -> None:
    assert run("init", "--git").exit_code == 0
    (notes_dir / FEED_ID).unlink()
    git(notes_dir, "commit", "-qam", "a folder from before feed ids")
    write_note(notes_dir, "2026-W47")
    feed = _site(run, tmp_path / "site")
    assert feed.feed.id == (notes_dir / FEED_ID).read_text().strip()
    assert ".weeknote/feed-id" in git(notes_dir, "ls-files")


def test_a_damaged_feed_id_is_one_line_saying_what_to_do(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    write_note(notes_dir, "2026-W47")
    (notes_dir / FEED_ID).parent.mkdir()
    (notes_dir / FEED_ID).write_text("not an id\n")
    done = run("export", "-f", "site", "-o", str(tmp_path / "site"))
    assert done.exit_code != 0 and "feed-id" in done.stderr and "git" in done.stderr


def test_with_a_base_url_the_feed_links_itself_absolutely(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    write_note(notes_dir, "2026-W47")
    feed = _site(run, tmp_path / "site", "--base-url", "https://example.org/notes")
    assert feed.feed.id == "https://example.org/notes/"
    selfs = [link.href for link in feed.feed.links if link.rel == "self"]
    assert selfs == ["https://example.org/notes/feed.xml"]
    assert feed.entries[0].id == "https://example.org/notes/2026-W47.html"


def test_the_feed_holds_the_newest_feed_entries_notes(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    for number in range(1, 26):
        write_note(notes_dir, f"2026-W{number:02d}")
    feed = _site(run, tmp_path / "twenty")
    assert len(feed.entries) == 20 and feed.entries[0].link.endswith("2026-W25.html")
    assert feed.entries[-1].link.endswith("2026-W06.html")
    assert (tmp_path / "twenty" / "2026-W01.html").exists()  # every page is still made
    assert run("config", "site.feed_entries", "3").exit_code == 0
    feed = _site(run, tmp_path / "three")
    assert [entry.link.rsplit("/", 1)[-1] for entry in feed.entries] == [
        "2026-W25.html",
        "2026-W24.html",
        "2026-W23.html",
    ]


@pytest.mark.parametrize("value", ["0", "100001", "many"])
def test_feed_entries_must_be_a_count(run: Run, value: str) -> None:
    done = run("config", "site.feed_entries", value)
    assert done.exit_code != 0 and "site.feed_entries" in done.stderr


def test_published_and_updated_come_from_the_notes_and_stay(
    run: Run, notes_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _written(run, monkeypatch, "2026-W46", "2026-W47")
    write_note(notes_dir, "2026-W45")  # no moments kept: its week's Monday, as before
    first = _site(run, tmp_path / "one")
    newest = first.entries[0]
    assert newest.published.startswith("2026-11-20T") and newest.updated == newest.published
    assert first.entries[1].published.startswith("2026-11-13T")
    assert first.entries[2].published == first.entries[2].updated == "2026-11-02T00:00:00Z"
    assert first.feed.updated == newest.updated
    xml = (tmp_path / "one" / "feed.xml").read_text()
    stamps = re.findall(r"<(?:published|updated)>([^<]*)<", xml)
    assert len(stamps) == 7 and all(RFC3339.fullmatch(each) for each in stamps), stamps
    # exported again later, from a copy with new file times: the same feed
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-12-01")
    for path in notes_dir.glob("*.md"):
        os.utime(path, (0, 0))
    again = _site(run, tmp_path / "two")
    assert (tmp_path / "two" / "feed.xml").read_bytes() == (
        tmp_path / "one" / "feed.xml"
    ).read_bytes()
    assert [e.updated for e in again.entries] == [e.updated for e in first.entries]


def test_new_update_moves_the_entrys_updated_not_its_published(
    run: Run, notes_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _written(run, monkeypatch, "2026-W47")
    before = _site(run, tmp_path / "one").entries[0]
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-23")
    assert run("bullet", "-d", "2026-11-19", "Late bullet about the depot").exit_code == 0
    assert run("new", "2026-W47", "--update", "--no-edit").exit_code == 0
    feed = _site(run, tmp_path / "two")
    after = feed.entries[0]
    assert after.published == before.published
    assert after.updated.startswith("2026-11-23T") and after.updated > before.updated
    assert feed.feed.updated == after.updated
    assert "Late bullet about the depot" in after.content[0].value


def test_two_machines_publish_one_feed(
    machines: tuple[Machine, Machine], tmp_path: Path, remote: Path
) -> None:
    laptop, desktop = machines
    kept = (laptop.notes / FEED_ID).read_text()
    assert (desktop.notes / FEED_ID).read_text() == kept  # the clone has it
    # A folder begun on its own, with an id of its own, then synced with the others: the
    # id they already share stays, so the feed keeps one id.
    third = Machine(tmp_path, "third")
    third.run("init", "--git")
    assert (third.notes / FEED_ID).read_text() != kept
    third.run("config", "git.remote", str(remote))
    third.run("sync")
    assert (third.notes / FEED_ID).read_text() == kept
    assert third.git("status", "--porcelain") == ""
