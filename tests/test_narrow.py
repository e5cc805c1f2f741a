"""A 40-column terminal: text wraps under its own text (a hanging indent), paths break only
after a /, and import's dry run keeps titles whole before file names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run, weeknote_process, write_note
from weeknote.text.layout import cells

Terminal = Callable[[int], None]
LONG = "a bullet long enough to wrap" + " with the waste team" * 4


def _under(lines: list[str], start: str, indent: int) -> str:
    """The line that starts with ``start`` and the lines just after it indented by exactly
    ``indent``, joined (spaces made single): the whole text when it wraps under itself."""
    at = next(i for i, line in enumerate(lines) if line.startswith(start))
    text = [lines[at]]
    for line in lines[at + 1 :]:
        if len(line) - len(line.lstrip()) != indent or not line.strip():
            break
        text.append(line)
    return " ".join(" ".join(text).split())


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-18")


def test_the_first_screen_wraps_under_its_own_text(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W46")
    run("bullet", "-d", "2026-11-16", "Met the waste team")
    env = {"TTY_COMPATIBLE": "1", "COLUMNS": "40", "WEEKNOTE_TODAY": "2026-11-18"}
    lines = weeknote_process(env=env).stdout.splitlines()
    assert all(cells(line) <= 40 for line in lines)
    now = next(i for i, line in enumerate(lines) if line.startswith("Now: "))
    assert lines[now + 1].startswith("     ") and lines[now + 1][5] != " "  # under its text
    assert _under(lines, "  weeknote bullet TEXT", 24) == (
        "weeknote bullet TEXT jot down something that happened"
    )


def test_search_results_wrap_under_their_own_text(
    run: Run, notes_dir: Path, terminal: Terminal
) -> None:
    write_note(notes_dir, "2026-W46", f"- {LONG}\n", title="Weeknote: robots, bins and focus")
    terminal(40)
    lines = run("search", "waste").stdout.splitlines()
    assert all(cells(line) <= 40 for line in lines)
    assert _under(lines, "2026-W46  ", 10) == (
        "2026-W46 Weeknote: robots, bins and focus (2026-W46.md)"
    )
    assert _under(lines, "     8  ", 8) == f"8 - {LONG}"


def test_the_streak_wraps_its_breaks_under_their_text(
    run: Run, notes_dir: Path, terminal: Terminal
) -> None:
    write_note(notes_dir, "2026-W44")
    write_note(notes_dir, "2026-W46")
    run("skip", "2026-W45", "--reason", "half term with the family at the seaside")
    terminal(40)
    lines = run("streak").stdout.splitlines()
    assert all(cells(line) <= 40 for line in lines)
    assert _under(lines, "Break: ", 7) == (
        "Break: 2026-W45 (half term with the family at the seaside)"
    )


def test_config_breaks_paths_only_after_a_slash(
    run: Run, tmp_path: Path, terminal: Terminal, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "a-folder-with-quite-a-long-name" / "weeknotes-of-someone-else"
    folder.mkdir(parents=True)
    monkeypatch.setenv("WEEKNOTE_DIR", str(folder))
    if max(cells(name) for name in folder.parts) > 36:
        pytest.skip("the temporary folder has a name too long for a 40-column line")
    terminal(40)
    result = run("config")
    lines = result.stdout.splitlines()
    assert lines[0] == "dir"  # its path does not fit beside it: it goes under it, whole
    pieces = lines[1 : lines.index("  env WEEKNOTE_DIR")]
    assert len(pieces) > 1 and "".join(piece.strip() for piece in pieces) == str(folder)
    assert all(piece.startswith("  ") and piece.endswith("/") for piece in pieces[:-1])
    assert all(cells(line) <= 40 for line in lines)
    said = result.stderr.splitlines()
    assert said[0] == "Config file:"
    assert all(piece.endswith("/") for piece in said[1:-1])
    assert said[-1].endswith("/config.toml") or said[-1] == "  config.toml"


def _posts(folder: Path) -> str:
    posts = folder / "posts-with-a-rather-long-folder-name"
    posts.mkdir(parents=True)
    title = "Weeknote w/c 9 November 2026: robots, bins and focus"
    name = "2026-11-09-weeknote-with-a-long-file-name.md"
    (posts / name).write_text(f'---\ntitle: "{title}"\ndate: 2026-11-09\n---\n\nSome words.\n')
    return title


@pytest.mark.parametrize("width", [40, 80, 120])
def test_the_import_dry_run_keeps_titles_whole_before_file_names(
    width: int, run: Run, tmp_path: Path, terminal: Terminal
) -> None:
    title = _posts(tmp_path / "site")
    terminal(width)
    table = run("import", str(tmp_path / "site"), "--dry-run").stdout.splitlines()
    assert all(cells(line) <= width for line in table)
    column = table[0].index("Title")
    shown = " ".join(line[column:].split("  ")[0].strip() for line in table[1:])
    assert shown.strip().startswith(title)
    if width >= 120:  # room for the whole title on its line: only the file name wraps
        assert title in table[1]
        assert len(table) > 2 and "2026-11-09-weeknote-with-a-long-file-name.md" not in table[1]
    if width == 80:  # the file name gives way first: the title has the room
        assert len(table[1][column:].split("  ")[0]) >= 20
