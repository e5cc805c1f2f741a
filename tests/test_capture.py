"""`weeknote bullet`: appending to the day's draft."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import Run, bullets_text, tree_digest, weeknote_process, write_note


def test_bullet_goes_to_the_days_draft(run: Run, notes_dir: Path) -> None:
    result = run("bullet", "--date", "2026-11-16", "Day", "with", "the", "waste", "team")
    assert result.exit_code == 0
    draft = notes_dir / "drafts" / "2026-11-16.md"
    assert bullets_text(draft) == "- Day with the waste team\n"
    assert "Added 1 bullet to Mon 16 Nov 2026 (highlights)" in result.stderr
    assert "2026-W47 holds 1 bullet now" in result.stderr
    assert result.stdout == ""


def test_sections_by_flag_or_leading_hash(run: Run, notes_dir: Path) -> None:
    run("bullet", "--date", "2026-11-16", "--section", "learning", "Book a clear day")
    run("bullet", "--date", "2026-11-17", "#next Plan the retro")
    result = run("bullet", "--date", "2026-11-17", "#bins are a #tag, not a section")
    assert "2026-W47 holds 3 bullets now" in result.stderr
    assert bullets_text(notes_dir / "drafts" / "2026-11-16.md") == "- #learning Book a clear day\n"
    assert bullets_text(notes_dir / "drafts" / "2026-11-17.md") == (
        "- #next Plan the retro\n- #bins are a #tag, not a section\n"
    )


def test_unknown_section_is_refused_and_nothing_written(run: Run, notes_dir: Path) -> None:
    result = run("bullet", "--section", "gossip", "x")
    assert result.exit_code == 2
    assert "no section 'gossip'" in result.stderr and "highlights, learning, next" in result.stderr
    assert not any(notes_dir.iterdir())  # nothing written


def test_dash_reads_one_bullet_per_line(run: Run, notes_dir: Path) -> None:
    result = run("bullet", "--date", "2026-11-18", "-", input="first\n\n#learning second\nthird\n")
    assert result.exit_code == 0, result.stderr
    assert bullets_text(notes_dir / "drafts" / "2026-11-18.md") == (
        "- first\n- #learning second\n- third\n"
    )
    assert "Added 3 bullets" in result.stderr


def test_empty_bullet_is_refused(run: Run, notes_dir: Path) -> None:
    for args in (("bullet", ""), ("bullet", "   "), ("bullet",)):
        result = run(*args)
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and "empty" in result.stderr
    assert tree_digest(notes_dir) == {}


def test_a_draft_left_without_final_newline_is_not_joined(run: Run, notes_dir: Path) -> None:
    draft = notes_dir / "drafts" / "2026-11-16.md"
    draft.parent.mkdir(parents=True)
    draft.write_text("- typed by hand")
    run("bullet", "--date", "2026-11-16", "captured")
    assert bullets_text(draft) == "- typed by hand\n- captured\n"


def test_newlines_inside_a_bullet_become_spaces(run: Run, notes_dir: Path) -> None:
    run("bullet", "--date", "2026-11-16", "two\nlines")
    assert bullets_text(notes_dir / "drafts" / "2026-11-16.md") == "- two lines\n"


def _burst(worker: int, count: int, env: dict[str, str]) -> int:
    code = (
        "import sys\n"
        "from weeknote.cli import app\n"
        f"for i in range({count}):\n"
        "    try:\n"
        f"        text = 'worker {worker} bullet %d ' % i + 'x' * 200\n"
        "        app(['bullet', '--date', '2026-11-16', text], standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, timeout=300
    ).returncode


def test_concurrent_writers_lose_nothing(notes_dir: Path) -> None:
    import os

    env = dict(os.environ)
    workers, each = 8, 25
    with ThreadPoolExecutor(workers) as pool:
        codes = list(pool.map(lambda w: _burst(w, each, env), range(workers)))
    assert codes == [0] * workers
    lines = bullets_text(notes_dir / "drafts" / "2026-11-16.md").splitlines()
    expected = {
        f"- worker {w} bullet {i} " + "x" * 200 for w in range(workers) for i in range(each)
    }
    assert len(lines) == workers * each
    assert set(lines) == expected


# A draft as a person may leave it: a heading and a note of their own among the bullets.
HAND_EDITED = (
    "# Tuesday\n"
    "- Met the team <!-- 2026-11-24T09:00:00Z -->\n"
    "  with the notes below\n"
    "A note to myself\n"
    "  indented under the note\n"
    "* Star bullet\n"
    "- <!-- 2026-11-24T10:00:00Z -->\n"
)


def test_lines_that_are_not_bullets_are_not_counted_or_written_up(
    run: Run, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-25")
    draft = notes_dir / "drafts" / "2026-11-24.md"
    draft.parent.mkdir()
    draft.write_text(HAND_EDITED)
    quick = weeknote_process("bullet", "Third")  # the short path counts
    assert quick.returncode == 0 and "2026-W48 holds 3 bullets now" in quick.stderr
    full = run("bullet", "-s", "learning", "Fourth")  # and the full command
    assert "2026-W48 holds 4 bullets now" in full.stderr
    shown = run("show")
    assert "4 drafted bullets" in shown.stdout
    assert "Tuesday" not in shown.stdout and "note to myself" not in shown.stdout
    assert "with the notes below" in shown.stdout
    assert json.loads(run("status", "--json").stdout)["bullets"]["total"] == 4
    run("new", "--no-edit")
    note = (notes_dir / "2026-W48.md").read_text()
    assert "- Met the team\n  with the notes below\n- Star bullet\n- Third\n" in note
    assert "Tuesday" not in note and "note to myself" not in note and "indented" not in note
    assert draft.read_text() == HAND_EDITED  # the person's lines stay where they were


# -- a leading #word one letter off a section ---------------------------------------------------

MOVE = "weeknote bullet --undo, then weeknote bullet -s learning"


def test_a_section_typo_is_saved_as_a_tag_and_says_how_to_move_it(
    notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-25")
    draft = notes_dir / "drafts" / "2026-11-25.md"
    typed = weeknote_process("bullet", "#learing Book a clear day")
    assert typed.returncode == 0, typed.stderr
    assert typed.stderr.splitlines() == [
        "Added 1 bullet to Wed 25 Nov 2026 (highlights); 2026-W48 holds 1 bullet now.",
        f"#learing is a tag, not the section #learning: to move it, {MOVE} 'Book a clear day'",
    ]
    assert bullets_text(draft) == "- #learing Book a clear day\n"
    # Doing as it says files it under the section.
    assert weeknote_process("bullet", "--undo").stdout == "#learing Book a clear day\n"
    moved = weeknote_process("bullet", "-s", "learning", "Book a clear day")
    assert moved.stderr.count("\n") == 1 and "(learning)" in moved.stderr
    assert bullets_text(draft) == "- #learning Book a clear day\n"


def test_a_section_typo_on_another_day_names_the_day_and_shortens_the_text(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-25")
    result = run(
        "bullet", "-d", "tuesday", "#Laerning Ask for help sooner, don't wait for a crisis"
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[1] == (
        f"#Laerning is a tag, not the section #learning: to move it, {MOVE} -d 2026-11-24 "
        "'Ask for help sooner, don'\\''t wait…'"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["#learning"],  # the section's name, with no text: a tag
        ["#lernign two letters off"],
        ["#nxt next has four letters"],
        ["Not #learing at the start"],
        ["-s", "next", "#learing filed where asked"],
    ],
)
def test_no_section_typo_line(run: Run, args: list[str]) -> None:
    result = run("bullet", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("\n") == 1 and "Added 1 bullet" in result.stderr


def test_a_section_typo_from_stdin_and_a_much_used_tag(
    run: Run, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-25")
    for number in (44, 45, 46):  # #learning is a much-used tag too: one line all the same
        write_note(notes_dir, f"2026-W{number}", "- Read a book #learning\n")
    draft = notes_dir / "drafts" / "2026-11-25.md"
    result = run("bullet", "-", input="#learnign Pairing\nSecond\n#hihglights Last one\n")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[1:] == [
        "#learnign is a tag, not the section #learning: to move it, change it to #learning "
        f"in {draft}",  # --undo would take back the last of the three
        "#hihglights is a tag, not the section #highlights: to move it, weeknote bullet "
        "--undo, then weeknote bullet -s highlights 'Last one'",
    ]


def test_help_says_to_quote_what_the_shell_reads(run: Run) -> None:
    shown = " ".join(run("bullet", "--help").stdout.split())
    assert "Quote a bullet that holds #, ', (, & or ;: the shell reads them" in shown
    assert 'so weeknote bullet Met the #budget team saves "Met the"' in shown
    assert "quote them if they hold #, ', (, & or ;" in shown
