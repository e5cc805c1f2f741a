"""The README is a session: run every `console` block in it and compare every line, and check
that every command is documented there and has help with an example."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from weeknote.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
SESSION_DAY = "2026-11-20"  # the day the README's session was recorded
README_HOME = "/home/me"


BLOCK = re.compile(r"(?:<!-- readme-test: (?P<setup>.*?) -->\n)?```console\n(?P<body>.*?)```", re.S)


def console_blocks() -> list[tuple[str, str]]:
    """(set-up, block) for every console block. A block may follow a comment
    `<!-- readme-test: today=YYYY-MM-DD; COMMANDS -->`: the day the block was recorded on and
    shell commands that make the state its prose describes, run quietly before it."""
    text = README.read_text(encoding="utf-8")
    return [(m.group("setup") or "", m.group("body")) for m in BLOCK.finditer(text)]


def steps(block: str) -> list[tuple[str, str]]:
    """(command, expected output) pairs of a console block."""
    found: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            found.append((line[2:], []))
        else:
            assert found, f"output before any command in a README block: {line!r}"
            found[-1][1].append(line)
    return [(command, "\n".join(lines)) for command, lines in found]


# The moment a note was written and changed (its published and updated): WEEKNOTE_TODAY
# fixes the day, the time of day and the offset are the clock's.
_MOMENT_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})")


def _tidy(text: str) -> str:
    text = _MOMENT_TIME.sub(r"\1T…", text)
    return "\n".join(line.rstrip() for line in text.rstrip("\n").splitlines())


@pytest.fixture
def short_home() -> Iterator[Path]:
    """A home folder whose path is as short as the README's /home/me, so that messages
    wrap as shown."""
    short = Path(tempfile.mkdtemp(prefix="wn", dir="/tmp" if os.path.isdir("/tmp") else None))
    yield short / "me"
    shutil.rmtree(short, ignore_errors=True)


@pytest.mark.parametrize(
    ("setup", "block"), console_blocks(), ids=[b.splitlines()[0][:40] for _, b in console_blocks()]
)
def test_readme_session_runs_as_shown(
    setup: str, block: str, tmp_path: Path, short_home: Path
) -> None:
    exe = Path(sys.executable).with_name("weeknote")
    if not exe.exists():
        pytest.skip("needs the installed weeknote script")
    home = short_home
    work = tmp_path / "work"
    home.mkdir()
    work.mkdir()
    keep = {"PATH", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT"}
    env = {key: value for key, value in os.environ.items() if key in keep}
    env.update(
        PATH=f"{exe.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        HOME=str(home),
        WEEKNOTE_TODAY=SESSION_DAY,
        COLUMNS="80",
        NO_COLOR="1",
        TTY_COMPATIBLE="1",  # what a person sees in an 80-column terminal
        TERM="dumb",  # without escape codes
        PYTHONUNBUFFERED="1",  # stdout and stderr interleave as in a terminal
    )
    day = re.match(r"today=(\d{4}-\d{2}-\d{2});?\s*", setup)
    if day:
        env["WEEKNOTE_TODAY"] = day.group(1)
        setup = setup[day.end() :]
    if setup.strip():
        made = subprocess.run(
            ["bash", "-c", setup], cwd=work, env=env, capture_output=True, text=True
        )
        assert made.returncode == 0, f"README set-up failed: {made.stderr}"
    for command, expected in steps(block):
        done = subprocess.run(
            ["bash", "-c", command], cwd=work, env=env, capture_output=False,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120,
        )  # fmt: skip
        shown = done.stdout.replace(str(home), README_HOME)
        assert _tidy(shown) == _tidy(expected), f"README step `{command}` printed:\n{shown}"


def command_names() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_every_command_is_in_the_readme_and_has_help_with_an_example() -> None:
    from typer.testing import CliRunner

    text = README.read_text(encoding="utf-8")
    runner = CliRunner()
    names = command_names()
    assert {"bullet", "new", "list", "streak", "export", "import", "search", "config"} <= set(names)
    for name in names:
        assert f"### `weeknote {name}" in text, f"no README section for {name}"
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0
        ending = result.stdout.rstrip().split("Examples:")[-1].strip().splitlines()
        assert 1 <= len(ending) <= 2 and all(
            line.strip().startswith("weeknote ") for line in ending
        ), f"{name}: its help does not end with one or two examples"
        summary = result.stdout.split("\n\n")[1].strip()
        assert summary and not summary.startswith("Options"), f"{name} has no summary"


def test_readme_has_the_two_setup_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert "pip install . && .venv/bin/weeknote new" in text
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    # the tests run on every core, with pytest-xdist
    test_command = (
        "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/pytest -n auto"
    )
    assert test_command in text and test_command in ci
    assert shutil.which("bash") is not None
