"""Search with the cache of each note's words: the same answers as reading every note, from
reading only the notes that can match."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import Run, write_note
from weeknote.folder.store import Store

NOTES = {
    "2026-W40": "- Visited the Millfields depot with the waste team\n- Budget for Q4\n",
    "2026-W41": "- Co-op meeting about the straße project\n- Something about robots\n",
    "2026-W42": "- 日本語の勉強 every morning\n- Café visits with partners\n",
    "2026-W43": "- Nothing much: focus week\n",
}
QUERIES = [
    ["millfields"],
    ["MILLFIELDS", "team"],
    ["co-op"],
    ["straße"],
    ["--partial", "thing"],
    ["日本"],
    ["café"],
    ["robots", "budget"],  # in two notes, never one: no hit
    ["focus"],
    ["--partial", "-"],  # a query word with no letters in it
    ["absent"],
]


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-24")


@pytest.fixture
def archive(notes_dir: Path) -> Path:
    for week, body in NOTES.items():
        write_note(notes_dir, week, body)
    return notes_dir


def answers(run: Run) -> list[tuple[int, str]]:
    found = []
    for query in QUERIES:
        options = [word for word in query if word == "--partial"]
        words = [word for word in query if word != "--partial"]
        result = run("search", "--json", *options, "--", *words)
        found.append((result.exit_code, result.stdout))
    return found


def words_cache(tmp_path: Path) -> Path:
    (path,) = (tmp_path / "cache").rglob("words-*.txt")
    return path


def test_answers_are_the_same_with_the_cache_cold_warm_and_damaged(
    run: Run, archive: Path, tmp_path: Path
) -> None:
    cold = answers(run)
    assert [code for code, _ in cold] == [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1]
    assert answers(run) == cold  # warm
    cache = words_cache(tmp_path)
    lines = cache.read_bytes().splitlines(keepends=True)
    damaged = [lines[0], b"2026-W40.md\tnot a stamp\tmillfields\n", lines[2][:10], *lines[3:]]
    cache.write_bytes(b"".join(damaged))
    assert answers(run) == cold
    cache.write_bytes(b"\x00garbage")
    assert answers(run) == cold


def test_an_edit_is_found_at_once(run: Run, archive: Path) -> None:
    assert run("search", "allotment").exit_code == 1
    path = archive / "2026-W43.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("focus week", "allotment week"), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    result = run("search", "allotment")
    assert result.exit_code == 0 and "2026-W43.md" in result.stdout
    assert run("search", "focus").exit_code == 1


def test_only_notes_that_can_match_are_read(
    run: Run, archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("search", "millfields").exit_code == 0  # learns every note's words
    read: list[str] = []
    original = Store.read_note

    def spy(self: Store, path: Path) -> object:
        read.append(path.name)
        return original(self, path)

    monkeypatch.setattr(Store, "read_note", spy)
    assert run("search", "millfields").exit_code == 0
    assert read == ["2026-W40.md"]
    read.clear()
    assert run("search", "nowhere").exit_code == 1
    assert read == []


def test_a_written_up_bullet_is_still_shown_once(run: Run, archive: Path) -> None:
    """A drafted bullet the note holds is searched as part of the note, even when the note
    itself cannot match the whole query and so is not read for its own sake."""
    drafts = archive / "drafts"
    drafts.mkdir()
    (drafts / "2026-10-01.md").write_text(
        "- Visited the Millfields depot with the waste team\n- Walked to the allotment\n",
        encoding="utf-8",
    )
    assert run("search", "millfields").exit_code == 0  # warm the cache
    result = run("search", "--json", "millfields", "allotment")
    assert result.exit_code == 1, result.stdout  # the draft's millfields line is the note's
    result = run("search", "--json", "allotment")
    hits = json.loads(result.stdout)["results"]
    assert [(hit["kind"], hit["week"]) for hit in hits] == [("draft", "2026-W40")]


def test_a_range_leaves_the_cache_of_other_weeks_alone(
    run: Run, archive: Path, tmp_path: Path
) -> None:
    assert run("search", "team").exit_code == 0
    before = words_cache(tmp_path).read_bytes()
    assert run("search", "--from", "2026-W42", "focus").exit_code == 0
    assert words_cache(tmp_path).read_bytes() == before
    (archive / "2026-W40.md").unlink()
    assert run("search", "--from", "2026-W42", "focus").exit_code == 0
    assert b"2026-W40.md" not in words_cache(tmp_path).read_bytes()  # gone notes forgotten


@pytest.mark.parametrize("words", [["millfields"], ["absent"], ["-"], ["café"]])
def test_hits_written_one_at_a_time_make_the_json_document_whole(
    run: Run, archive: Path, words: list[str]
) -> None:
    result = run("search", "--json", "--partial", "--", *words)
    document = json.loads(result.stdout)
    assert result.stdout == json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    assert document["query"] == " ".join(words)
