"""`weeknote skip`, `status`, `show` and `edit`."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest

from conftest import Run, tree_digest, weeknote_process, write_note

# -- skip ------------------------------------------------------------------------------------


def test_skip_defaults_to_this_week(
    run: Run, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-10-07")
    result = run("skip", "--reason", "  half   term ")
    assert result.exit_code == 0, result.stderr
    assert (
        "2026-W41 (5-11 Oct 2026) is a break now (half term)" in result.stderr
        and result.stdout == ""
    )
    assert (notes_dir / "breaks.txt").read_text() == "2026-W41  half term\n"
    run("skip", "next")
    assert (notes_dir / "breaks.txt").read_text() == "2026-W41  half term\n2026-W42\n"


def test_skipping_twice_changes_nothing(run: Run, notes_dir: Path) -> None:
    run("skip", "2026-W41", "--reason", "holiday")
    before = tree_digest(notes_dir)
    again = run("skip", "2026-W41", "--reason", "other")
    assert again.exit_code == 0
    assert "already a break (holiday); nothing changed" in again.stderr
    assert tree_digest(notes_dir) == before


def test_a_written_week_cannot_be_a_break(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W41", weeks=["2026-W40", "2026-W41"])
    before = tree_digest(notes_dir)
    result = run("skip", "2026-W40")
    assert result.exit_code == 6
    assert "2026-W40 already has a note (2026-W41.md)" in result.stderr
    assert tree_digest(notes_dir) == before


def test_undo_keeps_other_lines(run: Run, notes_dir: Path) -> None:
    notes_dir.mkdir(exist_ok=True)
    breaks = notes_dir / "breaks.txt"
    breaks.write_text("# my breaks\n2026-W40\tsick\n\n2026-w41  holiday\n2026-W42")
    result = run("skip", "--undo", "2026-W41")
    assert result.exit_code == 0, result.stderr
    assert "2026-W41 (5-11 Oct 2026) is no longer a break" in result.stderr
    assert breaks.read_text() == "# my breaks\n2026-W40\tsick\n\n2026-W42"
    doc = json.loads(run("streak", "--json").stdout)
    assert doc["breaks"] == ["2026-W40", "2026-W42"]
    run("skip", "2026-W45")
    assert breaks.read_text().endswith("2026-W42\n2026-W45\n")


def test_undo_of_a_week_that_is_no_break(run: Run, notes_dir: Path) -> None:
    result = run("skip", "--undo", "2026-W41")
    assert result.exit_code == 1 and "2026-W41 is not a break" in result.stderr
    run("skip", "2026-W40")
    before = tree_digest(notes_dir)
    result = run("skip", "--undo", "2026-W41")
    assert result.exit_code == 1 and "nothing to undo" in result.stderr
    assert tree_digest(notes_dir) == before


@pytest.mark.parametrize(
    "args",
    [
        ("skip", "2026-W54"),
        ("skip", "whenever"),
        ("skip", "--undo"),
        ("skip", "--undo", "2026-W41", "--reason", "x"),
    ],
)
def test_bad_skip_arguments_change_nothing(run: Run, notes_dir: Path, args: tuple[str]) -> None:
    run("skip", "2026-W40")
    before = tree_digest(notes_dir)
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert tree_digest(notes_dir) == before


def test_a_malformed_breaks_file_stops_skip(run: Run, notes_dir: Path) -> None:
    notes_dir.mkdir(exist_ok=True)
    (notes_dir / "breaks.txt").write_text("2026-W40\n2026-W99 too far\n")
    before = tree_digest(notes_dir)
    for args in (("skip", "2026-W41"), ("skip", "--undo", "2026-W40")):
        result = run(*args)
        assert result.exit_code == 4
        assert "breaks.txt, line 2" in result.stderr and "53 ISO weeks" in result.stderr
    assert tree_digest(notes_dir) == before


# -- status ----------------------------------------------------------------------------------


@pytest.mark.usefixtures("terminal")
def test_status_counts_drafts_and_late_bullets(
    run: Run, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-20")  # Friday of 2026-W47
    run("bullet", "--date", "2026-11-16", "alpha")
    run("bullet", "--date", "2026-11-16", "--section", "learning", "beta")
    run("bullet", "--date", "2026-11-18", "gamma")
    doc = json.loads(run("status", "--json").stdout)
    assert (doc["week"], doc["note"], doc["not_in_note"]) == ("2026-W47", None, None)
    assert doc["bullets"]["total"] == 3
    assert doc["bullets"]["by_day"]["2026-11-16"] == 2
    assert doc["bullets"]["by_day"]["2026-11-18"] == 1
    assert len(doc["bullets"]["by_day"]) == 7
    assert doc["bullets"]["by_section"] == {"highlights": 2, "learning": 1, "next": 0}
    assert doc["at_risk"] is False  # no streak to lose yet
    run("new", "--no-edit")
    run("bullet", "--date", "2026-11-20", "late news")
    doc = json.loads(run("status", "--json").stdout)
    assert doc["note"]["path"] == "2026-W47.md"
    assert doc["not_in_note"] == 1 and doc["bullets"]["total"] == 4
    assert doc["streak"]["state"] == "written"
    people = run("status")
    assert people.exit_code == 0
    assert "1 drafted bullet is not in it" in people.stdout
    assert "At risk   no" in people.stdout


def test_status_warns_before_the_cutoff(
    run: Run, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_note(notes_dir, "2026-W45")
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-17")  # Tuesday of W47; W46 unwritten
    doc = json.loads(run("status", "--json").stdout)
    assert doc["week"] == "2026-W46"
    assert doc["at_risk"] is True
    assert doc["risk"]["week"] == "2026-W46" and doc["risk"]["streak"] == 1
    assert "write it by Wednesday" in doc["risk"]["reason"]
    run("skip", "2026-W46")
    assert json.loads(run("status", "--json").stdout)["at_risk"] is False


@pytest.mark.usefixtures("terminal")
def test_status_warns_late_in_an_unwritten_week(
    run: Run, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_note(notes_dir, "2026-W46")
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-19")  # Thursday
    assert json.loads(run("status", "--json").stdout)["at_risk"] is False
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-21")  # Saturday
    result = run("status")
    assert "At risk   this week (2026-W47) has no note yet" in result.stdout


# -- show and edit ---------------------------------------------------------------------------


def test_show_prints_the_file_when_piped(run: Run, notes_dir: Path) -> None:
    path = write_note(
        notes_dir, "2026-W41", "## Done\n\n- **bold** thing\n", weeks=["2026-W40", "2026-W41"]
    )
    result = run("show", "2026-W40")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == path.read_text()


def test_show_renders_markdown_in_a_terminal(
    run: Run, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_note(notes_dir, "2026-W41", "## Done\n\n- **bold** thing\n", title="Bins")
    monkeypatch.setenv("FORCE_COLOR", "1")  # Rich then takes stdout for a terminal
    result = run("show", "2026-W41")
    assert result.exit_code == 0, result.stderr
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert plain.startswith("Bins\n2026-W41 (5-11 Oct 2026)\n")
    assert "**bold**" not in plain and "+++" not in plain
    assert "bold thing" in plain


@pytest.mark.parametrize("command", ["show", "edit"])
def test_a_week_with_no_note(run: Run, notes_dir: Path, command: str) -> None:
    write_note(notes_dir, "2026-W40")
    before = tree_digest(notes_dir)
    result = run(command, "2026-W41")
    assert result.exit_code == 1
    assert "no note covers 2026-W41" in result.stderr and "weeknote new 2026-W41" in result.stderr
    assert result.stdout == ""
    assert tree_digest(notes_dir) == before


@pytest.mark.parametrize("command", ["show", "edit"])
def test_a_bad_week_exits_2_without_a_traceback(notes_dir: Path, command: str) -> None:
    write_note(notes_dir, "2026-W40")
    before = tree_digest(notes_dir)
    result = weeknote_process(command, "2026-W60")
    assert result.returncode == 2
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert tree_digest(notes_dir) == before


def test_edit_opens_the_covering_note(
    run: Run, notes_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_note(notes_dir, "2026-W41", weeks=["2026-W40", "2026-W41"])
    script = tmp_path / "fake-editor"
    script.write_text('#!/bin/sh\necho "edited" >> "$1"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("VISUAL", str(script))
    result = run("edit", "2026-W40")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == str(path)
    assert path.read_text().endswith("edited\n")


def test_edit_with_no_editor_says_how_to_set_one(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W41")
    result = run("edit", "2026-W41")
    assert result.exit_code == 8
    assert "set VISUAL or EDITOR" in result.stderr


# -- help and README -------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["streak", "skip", "status", "show", "edit"])
def test_commands_have_help_and_a_readme_section(run: Run, command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0 and "Examples:\n    weeknote" in result.stdout
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    assert f"### `weeknote {command}" in readme
