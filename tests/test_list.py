from __future__ import annotations

import json
from pathlib import Path

from conftest import Run, write_note


def test_list_json_oldest_first(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W47", "one two three\n")
    write_note(notes_dir, "2019-W11", "a b\n", weeks=["2019-W10", "2019-W11"], title="Fortnight")
    (notes_dir / "2026-W01.md").write_text("# By hand\n\nNo front matter here.\n")
    (notes_dir / "README.md").write_text("not a note\n")
    doc = json.loads(run("list", "--json").stdout)
    assert doc["version"] == 1
    assert [n["week"] for n in doc["notes"]] == ["2019-W11", "2026-W01", "2026-W47"]
    fortnight = doc["notes"][0]
    assert fortnight == {
        "week": "2019-W11",
        "weeks": ["2019-W10", "2019-W11"],
        "start": "2019-03-04",
        "end": "2019-03-17",
        "title": "Fortnight",
        "path": "2019-W11.md",
        "words": 2,
    }
    assert doc["notes"][1]["title"] == "By hand"


def test_list_table_for_people(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W47", "one two three\n", title="Weeknote w/c 16 November")
    result = run("list")
    assert "2026-W47" in result.stdout and "16-22 Nov 2026" in result.stdout
    assert "Weeknote w/c 16 November" in result.stdout


def test_list_sees_edits_despite_the_cache(run: Run, notes_dir: Path) -> None:
    path = write_note(notes_dir, "2026-W47", "one\n")
    assert json.loads(run("list", "--json").stdout)["notes"][0]["words"] == 1
    path.write_text(path.read_text() + "two three four\n")
    assert json.loads(run("list", "--json").stdout)["notes"][0]["words"] == 4
    path.unlink()
    assert json.loads(run("list", "--json").stdout)["notes"] == []


def test_empty_folder_is_friendly(run: Run) -> None:
    result = run("list")
    assert result.exit_code == 0 and "No notes yet" in result.stderr


def test_a_broken_note_is_named_and_left_out(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W46", "Fine.\n")
    (notes_dir / "2026-W47.md").write_bytes(b"\xff\xfe bad")
    result = run("list")
    assert result.exit_code == 0
    assert "2026-W46" in result.stdout and "2026-W47" not in result.stdout
    assert "Warning: left out a note:" in result.stderr
    assert "2026-W47.md is not UTF-8" in result.stderr
    shown = run("show", "2026-W47")
    assert shown.exit_code == 4 and "2026-W47.md is not UTF-8" in shown.stderr


def piped_twice(run: Run) -> list[list[str]]:
    """The lines `list` writes to a pipe, twice over: the second from the cache."""
    lines = []
    for _ in range(2):
        result = run("list")
        assert result.exit_code == 0, result.stderr
        lines.append(result.stdout.splitlines())
    return lines


def test_piped_rows_in_week_order_with_breaks_between(run: Run, notes_dir: Path) -> None:
    # Written out of order, so that neither the folder nor the cache hands them over sorted;
    # weeks within a month, across months, across a year, a fortnight, and two breaks.
    write_note(notes_dir, "2027-W02", "a b c\n", title="New year")
    write_note(notes_dir, "2026-W44", "a\n", weeks=["2026-W44", "2026-W45"], title="  Fortnight ")
    write_note(notes_dir, "2026-W53", "a b\n", title="Turn of the year")
    write_note(notes_dir, "2026-W40", "a b c d\n", title="Autumn")
    assert run("skip", "2026-W48", "--reason", "half term").exit_code == 0
    assert run("skip", "2027-W01").exit_code == 0
    expected = [
        "2026-W40\t28 Sep-4 Oct 2026\tAutumn\t4",
        "2026-W44..W45\t26 Oct-8 Nov 2026\tFortnight\t1",
        "2026-W48\t23-29 Nov 2026\tbreak: half term",
        "2026-W53\t28 Dec 2026-3 Jan 2027\tTurn of the year\t2",
        "2027-W01\t4-10 Jan 2027\tbreak",
        "2027-W02\t11-17 Jan 2027\tNew year\t3",
    ]
    assert piped_twice(run) == [expected, expected]  # read, then from the cache
    assert run("list", "--tag", "nothing").stderr.strip() == "No notes tagged #nothing."


def test_piped_rows_without_breaks(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W53", "a b\n", title=" Turn of the year  ")
    write_note(notes_dir, "2026-W44", "a\n", weeks=["2026-W44", "2026-W45"], title="Fortnight")
    write_note(notes_dir, "2026-W09", "", title="   ")
    (notes_dir / "2026-W10.md").write_text("# By hand\n\nNo front matter here.\n")
    expected = [
        "2026-W09\t23 Feb-1 Mar 2026\t\t0",
        "2026-W10\t2-8 Mar 2026\tBy hand\t7",
        "2026-W44..W45\t26 Oct-8 Nov 2026\tFortnight\t1",
        "2026-W53\t28 Dec 2026-3 Jan 2027\tTurn of the year\t2",
    ]
    assert piped_twice(run) == [expected, expected]  # read, then from the cache
