"""Fits every terminal and every pipe: every command at 40, 80 and 200 columns as a terminal
and through a pipe, and the mistakes a shell user makes, through the real program."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import weeknote_process, write_note
from weeknote.text.layout import cells

ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
TITLES = {
    "2026-W44": "Weeknote w/c 26 October: 日本 🎉 and a subtitle long enough to fold",
    "2026-W46": "Weeknote w/c 9 November: robots, bins and focus",
}
LONG = "A bullet long enough to need two lines in any terminal:" + " waste team" * 12


@pytest.fixture
def folder(notes_dir: Path, tmp_path: Path) -> dict[str, str]:
    for week, title in TITLES.items():
        write_note(notes_dir, week, f"- {LONG}\n- Met the #waste-team and #日本\n", title=title)
    plans = f"\n… and onto week 47\n\n- {LONG}\n- {'日本 🎉 ' * 12}\n"  # status shows them
    write_note(notes_dir, "2026-W46", f"- {LONG}\n{plans}", title=TITLES["2026-W46"])
    write_note(notes_dir, "2026-W42", "Two weeks.\n", weeks=["2026-W41", "2026-W42"])
    (notes_dir / "breaks.txt").write_text("2026-W45  half term with the family\n")
    (notes_dir / "drafts").mkdir()
    (notes_dir / "drafts" / "2026-11-17.md").write_text(f"- {LONG}\n- #learning 日本語を少し\n")
    archive = tmp_path / "blog.txt"
    archive.write_text("Weeknote w/c 5 October 2026: a title\n\nBody.\n")
    return {"WEEKNOTE_TODAY": "2026-11-18", "ARCHIVE": str(archive)}


COMMANDS = [
    [],
    ["list"],
    ["list", "--tag", "waste-team"],
    ["streak"],
    ["review"],
    ["status"],
    ["show"],
    ["show", "2026-W44"],
    ["search", "waste"],
    ["tags"],
    ["config"],
    ["import", "ARCHIVE", "--dry-run"],
    ["bullet", "-d", "2026-11-16", LONG],
    ["skip", "2026-W50", "--reason", "a long reason " * 5],
    ["new", "2026-W43", "--no-edit", "--title", "日本 🎉 " * 8],
]
HELP = [["--help"], *[[name, "--help"] for name in (
    "bullet", "new", "list", "init", "config", "sync", "search", "tags",
    "streak", "skip", "status", "show", "edit", "export", "import", "review", "send",
)]]  # fmt: skip


def _run(args: list[str], env: dict[str, str], folder: dict[str, str]) -> str:
    args = [folder["ARCHIVE"] if arg == "ARCHIVE" else arg for arg in args]
    proc = weeknote_process(*args, env={**env, "WEEKNOTE_TODAY": folder["WEEKNOTE_TODAY"]})
    assert proc.returncode == 0, (args, proc.stderr)
    assert "Traceback" not in proc.stderr
    return ESCAPES.sub("", proc.stdout + proc.stderr)


@pytest.mark.parametrize("width", [40, 80, 200])
def test_every_command_fits_the_terminal(
    width: int, folder: dict[str, str], notes_dir: Path
) -> None:
    env = {"TTY_COMPATIBLE": "1", "TERM": "dumb", "COLUMNS": str(width)}
    for args in COMMANDS + (HELP if width >= 80 else []):
        for line in _run(args, env, folder).splitlines():
            # A path longer than the terminal is on a line of its own, whole, to copy.
            if not re.fullmatch(r"\S*/\S*", line.strip()):
                assert cells(line) <= width, (width, args, line)


@pytest.mark.parametrize("width", [40, 80])
def test_what_send_says_fits_the_terminal(
    width: int, folder: dict[str, str], config_file: Path
) -> None:
    # send's stdout is a message (data, as an export is); what it says on stderr must fit
    config_file.write_text('[email]\nfrom = "Ann Example <ann@example.org>"\n')
    env = {"TTY_COMPATIBLE": "1", "TERM": "dumb", "COLUMNS": str(width), **folder}
    dry = weeknote_process("send", "--to", "ann@example.org", "--dry-run", env=env)
    unset = weeknote_process("send", "--to", "ann@example.org", env=env)
    assert dry.returncode == 0 and unset.returncode == 3, (dry.stderr, unset.stderr)
    assert "From: Ann Example <ann@example.org>" in dry.stdout
    for line in (dry.stderr + unset.stderr).splitlines():
        assert cells(line) <= width, (width, line)
    piped = weeknote_process("send", "--to", "ann@example.org", env={**folder})
    assert len(piped.stderr.splitlines()) == 1  # one line through a pipe


def test_through_a_pipe_each_record_is_one_plain_line(folder: dict[str, str]) -> None:
    env = {"TTY_COMPATIBLE": "0", "COLUMNS": "40"}
    listed = _run(["list"], env, folder).splitlines()
    assert len(listed) == 4 and all(line.count("\t") >= 2 for line in listed)  # 3 notes, 1 break
    assert any(TITLES["2026-W44"] in line for line in listed)  # not folded
    found = [line for line in _run(["search", "waste"], env, folder).splitlines() if ":" in line]
    assert any(f"drafts/2026-11-17.md:1:- {LONG}" == line for line in found)
    assert all(re.match(r"(drafts/)?[\w-]+\.md:\d+:", line) for line in found[:-1])
    shown = _run(["show"], env, folder)
    assert f"Tue 17 Nov  {LONG}" in shown
    for args in COMMANDS:
        for line in _run(args, env, folder).splitlines():
            assert line == line.rstrip(), (args, line)
    # Documents are data, never wrapped or padded, in a terminal or not.
    assert f"- {LONG}\n" in _run(["export", "-f", "md"], {"TTY_COMPATIBLE": "1"}, folder)


def test_json_is_the_whole_of_stdout(folder: dict[str, str]) -> None:
    for args in (
        ["list", "--json"],
        ["streak", "--json"],
        ["review", "--json"],
        ["status", "--json"],
        ["tags", "--json"],
    ):
        proc = weeknote_process(*args, env={"WEEKNOTE_TODAY": folder["WEEKNOTE_TODAY"]})
        assert json.loads(proc.stdout)["version"] == 1


# -- mistakes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["skip", "--resaon", "x", "2026-W50"],
         "Error: No such option: --resaon. Did you mean --reason? See: weeknote skip -h"),
        (["new", "-x"], "Error: No such option: -x. See: weeknote new -h"),
        (["bullet", "-flag at start"],
         'Error: No such option: -f. To start a bullet with a dash, write: '
         'weeknote bullet -- "-flag at start"'),
        (["list", "--jsn"],
         "Error: No such option: --jsn. Did you mean --json? See: weeknote list -h"),
        (["search"], "Error: Missing argument 'WORDS...'. See: weeknote search -h"),
        (["lsit"], "Error: No such command 'lsit'. Did you mean list? See: weeknote --help"),
        (["export", "--from", "-x"], "Error: No such option: -x. See the command's -h"),
    ],
)  # fmt: skip
def test_mistakes_are_one_line_with_a_hint(args: list[str], message: str) -> None:
    proc = weeknote_process(*args)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == message + "\n"


def test_a_bullet_may_start_with_a_dash_after_double_dash(notes_dir: Path) -> None:
    proc = weeknote_process("bullet", "-d", "2026-11-16", "--", "-flag at start")
    assert proc.returncode == 0, proc.stderr
    assert "- -flag at start" in (notes_dir / "drafts" / "2026-11-16.md").read_text()
    weeks_ago = weeknote_process("new", "-2", "--no-edit", env={"WEEKNOTE_TODAY": "2026-11-18"})
    assert weeks_ago.returncode == 0 and weeks_ago.stdout.strip().endswith("2026-W45.md")


def test_enumerated_settings_ignore_case(config_file: Path) -> None:
    assert weeknote_process("config", "week_start", "Sunday").returncode == 0
    assert 'week_start = "sunday"' in config_file.read_text()
    config_file.write_text('cutoff_day = "Tuesday"\n')
    assert weeknote_process("config", "cutoff_day").stdout == "tuesday\n"
    wrong = weeknote_process("config", "title_style", "Fancy")
    assert wrong.returncode == 2 and "use one of wc, yearweek" in wrong.stderr


def test_a_folder_named_by_hand_must_exist(tmp_path: Path) -> None:
    typo = tmp_path / "notse"
    for args in (["--dir", str(typo), "list"], ["list"], ["streak"]):
        proc = weeknote_process(*args, env={"WEEKNOTE_DIR": str(typo)})
        assert (
            proc.returncode == 1 and "no notes folder at" in proc.stderr and "notse" in proc.stderr
        )
    assert not typo.exists()
    made = weeknote_process("bullet", "first", env={"WEEKNOTE_DIR": str(typo)})
    assert made.returncode == 0 and f"Created the notes folder {typo}." in made.stderr


def test_words_are_singular_or_plural_as_they_should_be(notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W46")
    streak = weeknote_process("streak", env={"WEEKNOTE_TODAY": "2026-11-18"}).stdout
    assert "1 note covers 1 of the 1 week due" in streak
    one = weeknote_process("bullet", "-d", "2026-11-16", "x").stderr
    assert "Added 1 bullet to" in one and "holds 1 bullet now" in one


@pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="needs root and setpriv to run as an unprivileged user",
)
def test_a_permission_error_names_the_note_not_a_temp_file(tmp_path: Path) -> None:
    # Outside tmp_path, whose parents only root may enter; a name no other run can have.
    base = Path(tempfile.mkdtemp(prefix="weeknote-perm-"))
    notes = base / "notes"
    try:
        write_note(notes, "2026-W46", "Fine.\n")
        base.chmod(0o755)
        notes.chmod(0o555)
        proc = subprocess.run(
            ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
             sys.executable, "-m", "weeknote", "new", "2026-W47", "--no-edit"],
            capture_output=True, text=True, timeout=60,
            env={**os.environ, "WEEKNOTE_DIR": str(notes), "WEEKNOTE_CONFIG": str(base / "c"),
                 "XDG_CACHE_HOME": str(base / "cache"), "HOME": str(base),
                 "WEEKNOTE_TODAY": "2026-11-20"},
        )  # fmt: skip
        if "No module named" in proc.stderr or "Permission denied: '/" in proc.stderr:
            pytest.skip(f"the unprivileged user cannot run this Python: {proc.stderr[-200:]}")
        assert proc.returncode == 1 and "2026-W47.md" in proc.stderr, proc.stderr
        assert ".tmp" not in proc.stderr and proc.stderr.count("\n") == 1
    finally:
        notes.chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)


def test_a_word_too_long_for_the_first_line_is_cut_there_not_indented() -> None:
    from weeknote.text.layout import wrap

    path = "/home/someone/exports/dizzy.WordPress.2024-06-01.xml"
    lines = wrap(f"{path} (a WordPress export): 1 note.", 40, "  ")
    # the message starts at the margin, as every message does; a path breaks after a /
    assert lines[0] == "/home/someone/exports/"
    assert lines[1].startswith("  dizzy.WordPress.2024-06-01.xml")
    assert all(len(line) <= 40 for line in lines)
    assert "".join(line.strip() for line in lines).startswith(path)
    assert wrap(f"short then {path}", 40, "  ")[1].startswith("  /home")
