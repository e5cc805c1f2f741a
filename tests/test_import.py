"""`weeknote import`: archives in, notes out, nothing lost and nothing clobbered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import (
    REAL_ARCHIVES,
    Run,
    needs_real_archives,
    tree_digest,
    weeknote_process,
    write_note,
)
from weeknote.folder.note import Note, serialise
from weeknote.folder.store import Store
from weeknote.imports.apply import digest
from weeknote.text import archive
from weeknote.weeks.week import Week

TODAY = {"WEEKNOTE_TODAY": "2026-11-22"}

# Sample archives in every title form, newest note first, as a blog reads when copied out.
SAMPLES = {
    "wc": [
        ("Weeknote w/c 15 July: mobiles and focus", "Getting there.\n\n  • one\n  • two\n"),
        ("Weeknote w/c 8 July: a hasty one", "Short week, see /2019/07/ notes.\n"),
        (
            "Weeknote w/c 1 July: bureaucracy",
            "Done.\n\nWhy I'm excited about the launch\n\nA pasted blog post.\n",
        ),
    ],
    "fortnights": [
        ("Weeknote w/c 4 and 11 March: colleagues", "Two weeks (2019).\n"),
        ("Weeknote w/c 25 February: suppliers", "One.\n"),
        ("w/c 11 & 18 February: hats", "Two more.\n"),
        ("w/c 28 January and 4 February: across months", "Winter.\n"),
        ("w/c 14 and 21 January: partnerships", "The year is well underway.\n"),
    ],
    "yearweek": [
        ("2019.30 Making my hand as famous", "Week thirty.\n"),
        ("2019.28-29: a fortnight", "Two weeks.\n\n(I'm taking a break next week.)\n"),
        ("2019.27", ""),
    ],
    "with_years": [
        ("Weeknote w/c 6 January 2020: new year", "Hello.\n"),
        ("w/c 23 and 30 December 2019: holidays", "Quiet.\n"),
        ("w/c 16 December: before", "Busy.\n"),
    ],
}
EXPECTED_WEEKS = {
    "wc": [["2019-W29"], ["2019-W28"], ["2019-W27"]],
    "fortnights": [
        ["2019-W10", "2019-W11"],
        ["2019-W09"],
        ["2019-W07", "2019-W08"],
        ["2019-W05", "2019-W06"],
        ["2019-W03", "2019-W04"],
    ],
    "yearweek": [["2019-W30"], ["2019-W28", "2019-W29"], ["2019-W27"]],
    "with_years": [["2020-W02"], ["2019-W52", "2020-W01"], ["2019-W51"]],
}


def write_archive(
    folder: Path, name: str, notes: list[tuple[str, str]], final: bool = True
) -> Path:
    text = archive.join(notes)
    path = folder / name
    path.write_text(text if final else text.rstrip("\n"), encoding="utf-8")
    return path


def weeks_on_disk(run: Run) -> list[list[str]]:
    return [n["weeks"] for n in json.loads(run("list", "--json").stdout)["notes"]]


def exported_text(run: Run) -> str:
    """What `weeknote export --format text` writes."""
    result = run("export", "--format", "text")
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", TODAY["WEEKNOTE_TODAY"])


@pytest.mark.parametrize("form", sorted(SAMPLES))
@pytest.mark.parametrize("final", [True, False], ids=["final-newline", "no-final-newline"])
def test_round_trip_in_every_title_form(
    run: Run, notes_dir: Path, tmp_path: Path, form: str, final: bool
) -> None:
    path = write_archive(tmp_path, f"{form}.txt", SAMPLES[form], final)
    result = run("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert weeks_on_disk(run) == EXPECTED_WEEKS[form][::-1]
    original = path.read_text(encoding="utf-8")
    assert exported_text(run).rstrip("\n") == original.rstrip("\n")
    assert exported_text(run) == archive.join(SAMPLES[form])


def test_notes_are_written_as_new_writes_them(run: Run, notes_dir: Path, tmp_path: Path) -> None:
    path = write_archive(tmp_path, "a.txt", SAMPLES["fortnights"][:1])
    run("import", str(path))
    expected = Note(
        "2019-W11",
        ("2019-W10", "2019-W11"),
        "Weeknote w/c 4 and 11 March: colleagues",
        Week.from_id("2019-W10").start,
        "Two weeks (2019).\n",
        # what it was imported as, so that a later import can tell an edit from a change
        extra={
            "imported": digest("Weeknote w/c 4 and 11 March: colleagues", "Two weeks (2019).\n")
        },
    )
    assert (notes_dir / "2019-W11.md").read_text(encoding="utf-8") == serialise(expected)
    assert sorted(p.name for p in notes_dir.glob("*.md")) == ["2019-W11.md"]


def test_output_table_and_counts(run: Run, tmp_path: Path) -> None:
    path = write_archive(tmp_path, "a.txt", SAMPLES["wc"])
    result = run("import", str(path))
    assert "2019-W29" in result.stdout and "title + year" in result.stdout
    assert "Weeknote w/c 15 July: mobiles and focus" in result.stdout
    assert "a.txt: 3 notes; year: 2019 for the newest note" in result.stderr
    assert "Imported 3 notes" in result.stderr and "Error" not in result.stderr


def test_reimport_changes_nothing_and_says_so(run: Run, notes_dir: Path, tmp_path: Path) -> None:
    path = write_archive(tmp_path, "a.txt", SAMPLES["wc"])
    assert run("import", str(path)).exit_code == 0
    before = tree_digest(notes_dir)
    again = run("import", str(path))
    assert again.exit_code == 0
    assert "Nothing to import" in again.stderr and "3 unchanged" in again.stderr
    assert tree_digest(notes_dir) == before


def test_conflicts_are_all_reported_and_nothing_is_written(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    write_note(notes_dir, "2019-W28", "My own words.\n")
    write_note(notes_dir, "2019-W03", "Single.\n")  # inside a fortnight of the archive
    path = write_archive(tmp_path, "a.txt", SAMPLES["wc"] + SAMPLES["fortnights"][4:])
    before = tree_digest(notes_dir)
    result = run("import", "--year", "2019", str(path))
    assert result.exit_code == 6
    conflicts = [line for line in result.stderr.splitlines() if line.startswith("Conflict:")]
    assert len(conflicts) == 2
    assert "2019-W28.md" in conflicts[0] and "2019-W03.md" in conflicts[1]
    assert "nothing was imported" in result.stderr.splitlines()[-1]
    assert tree_digest(notes_dir) == before


def test_the_same_note_in_two_archives_is_kept_once(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    one = write_archive(tmp_path, "one.txt", SAMPLES["wc"][:2])
    two = write_archive(tmp_path, "two.txt", SAMPLES["wc"][1:])
    result = run("import", str(one), str(two), str(one))
    assert result.exit_code == 0, result.stderr
    assert weeks_on_disk(run) == [["2019-W27"], ["2019-W28"], ["2019-W29"]]
    assert "3 repeated in the input (kept once)" in result.stderr
    assert "one.txt:1" in result.stdout and "two.txt:1" in result.stdout


def test_different_notes_for_one_week_in_two_archives_conflict(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    one = write_archive(tmp_path, "one.txt", SAMPLES["wc"])
    two = write_archive(tmp_path, "two.txt", [("w/c 8 July 2019: another take", "Else.\n")])
    result = run("import", str(one), str(two))
    assert result.exit_code == 6
    assert "both cover 2019-W28" in result.stderr
    assert not notes_dir.exists() or not list(notes_dir.glob("*.md"))


def test_dry_run_shows_and_writes_nothing(run: Run, notes_dir: Path, tmp_path: Path) -> None:
    write_note(notes_dir, "2019-W29", "Mine.\n")
    path = write_archive(tmp_path, "a.txt", SAMPLES["wc"])
    before = tree_digest(notes_dir)
    result = run("import", "--dry-run", str(path))
    assert result.exit_code == 0
    rows = {line.split("\t")[0]: line for line in result.stdout.splitlines() if line.strip()}
    assert "conflict" in rows["2019-W29"] and "new" in rows["2019-W27"]
    assert "Dry run: 2 new, 0 unchanged; nothing was written." in result.stderr
    assert tree_digest(notes_dir) == before


def test_an_unsure_year_stops_before_writing(run: Run, notes_dir: Path, tmp_path: Path) -> None:
    path = write_archive(tmp_path, "a.txt", [("w/c 15 July: a", "No years.\n")])
    result = run("import", str(path))
    assert result.exit_code == 7
    assert "cannot tell the year" in result.stderr and "Pass --year" in result.stderr
    assert not any(notes_dir.iterdir())  # nothing written
    refused = run("import", "--year", "2020", str(path))
    assert refused.exit_code == 7 and "a.txt, line 1: --year 2020 puts" in refused.stderr
    assert run("import", "--year", "2019", str(path)).exit_code == 0
    assert weeks_on_disk(run) == [["2019-W29"]]


def test_an_announced_break_stays_prose(run: Run, notes_dir: Path, tmp_path: Path) -> None:
    body = "(I'm taking a break this week, so my next weeknote will arrive in w/c 2 March)\n"
    path = write_archive(tmp_path, "a.txt", [("w/c 17 February 2020: before a break", body)])
    run("import", str(path))
    assert Store(notes_dir).load_note(notes_dir / "2020-W08.md").body == body
    assert weeks_on_disk(run) == [["2020-W08"]]


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p / "missing.txt", "missing.txt: no such file"),
        (lambda p: p, "holds no Markdown or HTML posts"),
        (lambda p: _write(p / "latin.txt", b"w/c 15 July 2019: caf\xe9\n"), "is not UTF-8 text"),
        (lambda p: _write(p / "prose.txt", b"Just prose.\n"), "holds no weeknote title"),
        (lambda p: _write(p / "empty.txt", b""), "holds no weeknote title"),
    ],
    ids=["missing", "folder", "not-utf8", "no-title", "empty"],
)
def test_bad_files_get_one_clear_line(
    run: Run, notes_dir: Path, tmp_path: Path, make: object, expected: str
) -> None:
    (tmp_path / "in").mkdir()
    bad = make(tmp_path / "in")  # type: ignore[operator]
    good = write_archive(tmp_path, "good.txt", SAMPLES["wc"])
    result = run("import", str(good), str(bad))
    assert result.exit_code != 0
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and expected in lines[0]
    assert str(bad) in lines[0]
    assert not any(notes_dir.iterdir())  # nothing written


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_windows_line_ends_are_read(run: Run, notes_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(archive.join(SAMPLES["wc"]).replace("\n", "\r\n").encode())
    assert run("import", str(path)).exit_code == 0
    assert exported_text(run) == archive.join(SAMPLES["wc"])


def test_help_has_an_example(run: Run) -> None:
    result = run("import", "--help")
    assert result.exit_code == 0
    assert "Examples:\n    weeknote import blog.txt" in result.stdout
    assert "--year" in result.stdout and "--dry-run" in result.stdout


def test_real_process_reports_without_traceback(tmp_path: Path) -> None:
    result = weeknote_process("import", str(tmp_path / "nope.txt"), env=TODAY)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: ")


# -- the real archives kept beside the project (skipped where absent) ---------------------------


@needs_real_archives
@pytest.mark.parametrize("path", REAL_ARCHIVES, ids=lambda p: p.name)
def test_real_archive_without_year_is_dated_right_and_round_trips(
    run: Run, notes_dir: Path, path: Path
) -> None:
    result = run("import", str(path))
    # Each file either pins its year (w/c dates are Mondays; its links name the year) or
    # asks for --year; it never writes a wrong year.
    if result.exit_code != 0:
        assert result.exit_code == 7 and "Pass --year" in result.stderr
        assert not any(notes_dir.iterdir())  # nothing written
        return
    weeks = [w for note in weeks_on_disk(run) for w in note]
    assert all(w.startswith("2019-") for w in weeks)
    original = path.read_text(encoding="utf-8")
    assert exported_text(run).rstrip("\n") == original.rstrip("\n")


@needs_real_archives
@pytest.mark.parametrize("path", REAL_ARCHIVES, ids=lambda p: p.name)
def test_real_archive_with_year_2019_is_contiguous(run: Run, notes_dir: Path, path: Path) -> None:
    assert run("import", "--year", "2019", str(path)).exit_code == 0
    notes = weeks_on_disk(run)
    weeks = [w for note in notes for w in note]
    numbers = [int(w.split("-W")[1]) for w in weeks]
    assert all(w.startswith("2019-") for w in weeks)
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))  # no gaps, no overlaps
    last_sunday = json.loads(run("list", "--json").stdout)["notes"][-1]["end"]
    streak = json.loads(run("streak", "--as-of", last_sunday, "--json").stdout)
    assert streak["gaps"] == []
    assert streak["weeks_written"] == len(weeks) == streak["current"]["length"]
    before = tree_digest(notes_dir)
    again = run("import", "--year", "2019", str(path))
    assert again.exit_code == 0 and tree_digest(notes_dir) == before
    original = path.read_text(encoding="utf-8")
    assert exported_text(run).rstrip("\n") == original.rstrip("\n")
