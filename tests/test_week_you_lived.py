"""The note you write is the week you lived: Monday 30 November to Friday 11 December 2026,
day by day through the real command, as a person keeping weeknotes lives it. `new` writes a
week that is over (or this week from its write-up day), a bullet never lands out of sight,
and `status` speaks of now."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import weeknote_process, write_note


@pytest.fixture
def week(notes_dir: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """``week(day, *args)``: weeknote run in its own process on ``day``, through a pipe."""

    def on(day: str, *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
        done = weeknote_process(*args, env={"WEEKNOTE_TODAY": day})
        assert done.returncode == code, (day, args, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr
        return done

    return on


def notes(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.glob("*.md"))


def test_two_weeks_lived(week, notes_dir: Path) -> None:  # type: ignore[no-untyped-def]
    write_note(notes_dir, "2026-W47", "- A week written up\n")  # the habit had begun
    week("2026-11-26", "bullet", "Robots demo to the contact centre")  # in 2026-W48

    # Monday 30 November: last week is the one to write; this week is named as now.
    first = week("2026-11-30").stdout.splitlines()
    assert first[0] == "Now: 2026-W49 (30 Nov-6 Dec 2026), 0 bullets drafted."
    assert first[1].startswith("Write up: 2026-W48 (23-29 Nov 2026), 1 bullet drafted")
    week("2026-11-30", "bullet", "Met the #budget team about next year")
    status = week("2026-11-30", "status").stdout
    assert status.startswith("2026-W48 (23-29 Nov 2026) is the week to write up")
    assert "Now: 2026-W49 (30 Nov-6 Dec 2026), 1 bullet drafted" in status
    made = week("2026-11-30", "new", "--no-edit")
    assert made.stdout.strip().endswith("2026-W48.md")

    # Tuesday: `new` again, to get back to the note, writes nothing new.
    again = week("2026-12-01", "new", "--no-edit")
    assert again.stdout == ""
    assert "Nothing to write up yet: last week (2026-W48) already has a note" in again.stderr
    assert "2026-W49 is due from Fri 4 Dec" in again.stderr
    assert "weeknote new this" in again.stderr
    assert notes(notes_dir) == ["2026-W47.md", "2026-W48.md"]
    doc = json.loads(week("2026-12-01", "status", "--json").stdout)
    assert doc["writes"] is None and doc["due_from"] == "2026-12-04"
    assert doc["now"] == {"week": "2026-W49", "bullets": 1}
    week("2026-12-01", "bullet", "Day with the waste team at Millfields")

    # Thursday: a typo of a section is a tag, and says how to move it.
    typo = week("2026-12-03", "bullet", "#learing Small PRs land faster")
    assert "#learing is a tag, not the section #learning" in typo.stderr

    # Friday, the write-up day: this week's note, with every bullet of the week.
    doc = json.loads(week("2026-12-04", "status", "--json").stdout)
    assert doc["writes"] == "2026-W49"
    made = week("2026-12-04", "new", "--no-edit")
    assert "it is Friday, the write-up day" in made.stderr
    text = (notes_dir / "2026-W49.md").read_text()
    for bullet in ("Met the #budget team", "Day with the waste team", "Small PRs land faster"):
        assert bullet in text

    # Monday 7 December: a Saturday run, jotted late, is named where it lands and by status.
    late = week("2026-12-07", "bullet", "-d", "saturday", "Ran 10k in the rain")
    assert late.stderr.splitlines() == [
        "Added 1 bullet to Sat 5 Dec 2026 (highlights); 2026-W49 holds 4 bullets now.",
        "2026-W49's note is written: weeknote new 2026-W49 --update adds this",
    ]
    status = week("2026-12-07", "status").stdout
    assert status.startswith("Nothing to write up yet: last week (2026-W49) already has a note")
    assert "Now: 2026-W50 (7-13 Dec 2026), 0 bullets drafted" in status
    assert (
        "Late: 2026-W49 has 1 bullet drafted since its note was written: "
        "weeknote new 2026-W49 --update"
    ) in status
    screen = week("2026-12-07").stdout
    assert "Late: 2026-W49 has 1 bullet drafted since its note was written" in screen
    doc = json.loads(week("2026-12-07", "status", "--json").stdout)
    assert doc["late"] == [{"week": "2026-W49", "note": "2026-W49.md", "bullets": 1}]
    week("2026-12-07", "new", "--update", "--no-edit")  # nothing due: last week's note
    assert "Ran 10k in the rain" in (notes_dir / "2026-W49.md").read_text()
    assert "Late" not in week("2026-12-07", "status").stdout

    # The rest of the week, and Friday's note.
    week("2026-12-08", "bullet", "Planning with the waste team")
    week("2026-12-10", "bullet", "Wrote up the robots pilot")
    assert week("2026-12-10", "new", "--no-edit").stdout == ""
    week("2026-12-11", "new", "--no-edit")
    text = (notes_dir / "2026-W50.md").read_text()
    assert "Planning with the waste team" in text and "Wrote up the robots pilot" in text
    assert notes(notes_dir) == ["2026-W47.md", "2026-W48.md", "2026-W49.md", "2026-W50.md"]


def test_a_late_note_still_fills_its_week(week, notes_dir: Path) -> None:  # type: ignore[no-untyped-def]
    write_note(notes_dir, "2026-W48")
    week("2026-12-02", "bullet", "-d", "2026-11-30", "Something to write up")
    # Thursday: the Wednesday cut-off has passed, but last week is still written first.
    made = week("2026-12-10", "new", "--no-edit")
    assert made.stdout.strip().endswith("2026-W49.md")
    assert "it is late (the Wednesday cut-off has passed)" in made.stderr
    streak = json.loads(week("2026-12-10", "streak", "--json").stdout)
    assert streak["gaps"] == []


def test_new_opens_the_note_it_would_write_when_it_exists(week, notes_dir: Path) -> None:  # type: ignore[no-untyped-def]
    write_note(notes_dir, "2026-W49")
    opened = weeknote_process(
        "new", env={"WEEKNOTE_TODAY": "2026-12-04", "VISUAL": "true", "EDITOR": "true"}
    )
    assert opened.returncode == 0, opened.stderr
    assert opened.stderr.startswith("Opening 2026-W49.md: 2026-W49 (30 Nov-6 Dec 2026)")
    assert "left as it is" not in opened.stderr


def test_a_bullet_into_a_fortnight_or_a_break_says_so(week, notes_dir: Path) -> None:  # type: ignore[no-untyped-def]
    week("2026-12-09", "new", "2026-W50", "--weeks", "2", "--no-edit")
    into = week("2026-12-09", "bullet", "-d", "2026-12-01", "A fortnight's first week")
    assert "2026-W49's note is written: weeknote new 2026-W50 --update adds this" in into.stderr
    week("2026-12-09", "skip", "2026-W48", "--reason", "holiday")
    off = week("2026-12-09", "bullet", "-d", "2026-11-24", "Read on the beach")
    assert off.stderr.splitlines()[-1] == "2026-W48 is a break (holiday); the bullet is kept"
    assert "Read on the beach" in (notes_dir / "drafts" / "2026-11-24.md").read_text()


def test_a_tag_hint_and_a_written_week_cost_the_short_path_nothing(
    week, notes_dir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Once a report has summed the folder up, a tagged bullet into a written week is
    captured without the full command: it says the same, from the summary."""
    for number in (45, 46, 47):
        write_note(notes_dir, f"2026-W{number}", "- Read a book #learning\n")
    week("2026-11-20", "status")
    probe = (
        "import sys\n"
        "from weeknote.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('typer' in sys.modules, 'weeknote.folder.index' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "bullet", "-d", "2026-11-18", "Pairing #learnign"],
        capture_output=True,
        text=True,
        env={**os.environ, "WEEKNOTE_TODAY": "2026-11-20"},
    )
    assert done.stdout.strip() == "False False", done.stderr
    assert done.stderr.splitlines()[1:] == [
        "2026-W47's note is written: weeknote new 2026-W47 --update adds this",
        "new tag #learnign; did you mean #learning?",
    ]
