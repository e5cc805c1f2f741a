"""Help and the mistakes people make on the command line, through the real program: every
command's summary whole in --help, `weeknote help`, -v and -V, what an unknown command
suggests, `next` where it is taken, and words left out of the quotes."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run, tree_digest, weeknote_process
from weeknote.text.layout import cells

COMMANDS = [
    "bullet", "gather", "new", "show", "edit", "streak", "skip", "status", "list", "search", "tags",
    "export", "import", "review", "send", "init", "config", "convert", "sync", "help", "man",
    "remind",
]  # fmt: skip


def _summaries(help_text: str) -> dict[str, tuple[str, list[str]]]:
    """The Commands section: each command's summary joined up, and its lines as printed."""
    section = help_text.split("\nCommands:\n", 1)[1]
    found: dict[str, tuple[str, list[str]]] = {}
    name = ""
    for line in section.splitlines():
        start = re.match(r"  (\S+)( +)(\S.*)", line)
        if start and start.group(1) in COMMANDS:
            name = start.group(1)
            found[name] = (start.group(3), [line])
        elif line.strip():
            text, lines = found[name]
            found[name] = (f"{text} {line.strip()}", [*lines, line])
    return found


def _first_sentence(run: Run, name: str) -> str:
    """The first sentence of the description in the command's own help."""
    description = run(name, "--help").stdout.split("\n\n")[1]
    words = " ".join(description.split())
    return words[: words.index(". ") + 1] if ". " in words else words


@pytest.mark.parametrize("width", [80, 40])
def test_help_shows_every_summary_whole(
    width: int, run: Run, terminal: Callable[[int], None]
) -> None:
    terminal(width)
    shown = run("--help").stdout
    summaries = _summaries(shown)
    assert list(summaries) == COMMANDS
    assert "..." not in shown.split("\nCommands:\n", 1)[1]
    for name, (summary, lines) in summaries.items():
        assert summary == _first_sentence(run, name), name
        column = lines[0].index(summary.split()[0])
        for line in lines:
            assert cells(line) <= width, (width, line)
        for line in lines[1:]:  # wrapped under the summary itself
            assert len(line) - len(line.lstrip()) == column, (width, line)


def test_help_at_40_columns_puts_long_options_above_their_help(
    run: Run, terminal: Callable[[int], None]
) -> None:
    terminal(40)
    shown = run("new", "--help").stdout
    assert "  -t, --title TEXT\n      Subtitle after the colon.\n" in shown
    assert all(cells(line) <= 40 for line in shown.split("Examples:")[0].splitlines())


def test_help_command_shows_the_same_help_as_the_option() -> None:
    assert weeknote_process("help").stdout == weeknote_process("--help").stdout
    for name in ("new", "search", "skip"):
        by_command = weeknote_process("help", name)
        assert by_command.returncode == 0, by_command.stderr
        assert by_command.stdout == weeknote_process(name, "--help").stdout
    assert weeknote_process("help", "search").stdout.startswith("Usage: weeknote search ")
    listed = _summaries(weeknote_process("--help").stdout)
    assert listed["help"][0] == "Show the help of weeknote, or of one command."


def test_help_for_a_command_that_does_not_exist_names_the_commands(notes_dir: Path) -> None:
    before = tree_digest(notes_dir)
    proc = weeknote_process("help", "bogus")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == (
        "Error: no command 'bogus': the commands are " + ", ".join(COMMANDS) + "\n"
    )
    assert tree_digest(notes_dir) == before


@pytest.mark.parametrize("flag", ["-v", "-V"])
def test_short_version_flags_print_the_version(flag: str) -> None:
    proc = weeknote_process(flag)
    assert proc.returncode == 0
    assert proc.stdout == weeknote_process("--version").stdout
    assert re.fullmatch(r"weeknote \S+\n", proc.stdout)


@pytest.mark.parametrize(
    ("word", "message"),
    [
        ("breaks", "Error: No such command 'breaks': weeknote list shows them, weeknote skip "
         "declares one. See: weeknote --help"),
        ("holiday", "Error: No such command 'holiday': weeknote skip declares a week off. "
         "See: weeknote --help"),
        ("lsit", "Error: No such command 'lsit'. Did you mean list? See: weeknote --help"),
        ("sta", "Error: No such command 'sta'. Did you mean streak or status? "
         "See: weeknote --help"),
        ("zebra", "Error: No such command 'zebra'. See: weeknote --help"),
    ],
)  # fmt: skip
def test_an_unknown_command_suggests_what_to_run(word: str, message: str) -> None:
    proc = weeknote_process(word)
    assert proc.returncode == 2
    assert proc.stderr == message + "\n"


@pytest.mark.parametrize("name", ["show", "edit", "new", "send"])
def test_help_of_a_command_that_refuses_weeks_ahead_does_not_offer_next(
    name: str, run: Run
) -> None:
    shown = run(name, "--help").stdout
    assert "this, last, -N" in shown
    assert "next" not in shown


def test_skip_help_offers_next(run: Run) -> None:
    assert "this, last, next, -N" in run("skip", "--help").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new", "--title", "robots", "and", "focus"],
         'got extra words after --title "robots": quote the whole title: '
         '--title "robots and focus"'),
        (["new", "last", "-t", "robots", "focus", "--no-edit"],
         'got extra words after -t "robots": quote the whole title: -t "robots focus"'),
        (["new", "--title", "robots", "and", "-3"],
         'got extra words after --title "robots": quote the whole title: --title "robots and"'),
        (["skip", "--reason", "on", "holiday"],
         'got extra words after --reason "on": quote the whole reason: --reason "on holiday"'),
        (["skip", "next", "-r", "on", "holiday"],
         'got extra words after -r "on": quote the whole reason: -r "on holiday"'),
    ],
)  # fmt: skip
def test_words_left_out_of_the_quotes_are_said_and_nothing_is_written(
    args: list[str], message: str, notes_dir: Path
) -> None:
    before = tree_digest(notes_dir)
    proc = weeknote_process(*args, env={"WEEKNOTE_TODAY": "2026-11-18"})
    assert proc.returncode == 2
    assert proc.stderr == f"Error: {message}\n"
    assert tree_digest(notes_dir) == before


def test_a_week_after_the_title_or_reason_is_still_a_week(run: Run, notes_dir: Path) -> None:
    env_today = {"WEEKNOTE_TODAY": "2026-11-18"}
    made = weeknote_process("new", "--title", "robots", "last", "--no-edit", env=env_today)
    assert made.returncode == 0, made.stderr
    assert "robots" in (notes_dir / "2026-W46.md").read_text()
    quoted = weeknote_process("new", "-t", "bins", "-3", "--no-edit", env=env_today)
    assert quoted.returncode == 0, quoted.stderr
    assert (notes_dir / "2026-W44.md").exists()
    skipped = weeknote_process("skip", "--reason", "holiday", "next", env=env_today)
    assert skipped.returncode == 0, skipped.stderr
    assert (notes_dir / "breaks.txt").read_text() == "2026-W48  holiday\n"
