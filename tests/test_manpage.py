"""`weeknote man`: the manual page made from the commands' help, in step with them (every
command and every option it takes, every config key and exit code), and read by the real
man, groff or mandoc without a warning."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import typer.main
from typer._click import Context

from conftest import Run
from weeknote.cli import app
from weeknote.folder.config import KEYS
from weeknote.text.manpage import escape


@pytest.fixture(scope="module")
def page() -> str:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["man"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def commands() -> dict[str, list[str]]:
    """Each command of the app and the options it takes, as --help lists them."""
    group = typer.main.get_command(app)
    root = Context(group, info_name="weeknote")
    found = {}
    for name in group.list_commands(root):  # type: ignore[attr-defined]
        command = group.get_command(root, name)  # type: ignore[attr-defined]
        options = [
            opt
            for param in command.params
            if param.param_type_name == "option" and not param.hidden
            for opt in (*param.opts, *param.secondary_opts)
        ]
        found[name] = options
    return found


def test_the_page_has_every_command_and_option_the_program_has(page: str) -> None:
    sections = re.findall(r"^\.SH (.+)$", page, re.M)
    assert sections == [
        "NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "CONFIGURATION",
        "EXIT STATUS", "FILES", "ENVIRONMENT", "SEE ALSO",
    ]  # fmt: skip
    listed = re.findall(r'^\.SS "weeknote (\S+)', page, re.M)
    found = commands()
    assert listed == list(found) and {"bullet", "send", "man", "help"} <= set(listed)
    for name, options in found.items():
        start = page.index(f'.SS "weeknote {name} ')
        end = page.find(".SS ", start + 1)
        section = page[start : end if end != -1 else page.index(".SH CONFIGURATION")]
        for option in options:
            assert escape(option) in section, (name, option)
    assert "\\fB\\-\\-dry\\-run\\fR" in page and "weeknote send [OPTIONS] [WEEK]" in page
    for key in KEYS:
        assert f".TP\n\\fB{escape(key)}\\fR\n" in page
    for code in (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 130):
        assert f".TP\n\\fB{code}\\fR\n" in page
    for variable in ("WEEKNOTE_DIR", "WEEKNOTE_CONFIG", "WEEKNOTE_TODAY", "VISUAL, EDITOR"):
        assert escape(variable) in page


def test_the_page_is_plain_ascii_roff(page: str) -> None:
    assert page.isascii()  # other characters are named, \[u2026]
    assert page.startswith('.TH WEEKNOTE 1 "" "weeknote ')
    for line in page.splitlines():
        # a line of text never starts as a request would; requests are the macros used here
        if line.startswith((".", "'")):
            assert re.match(r"\.(TH|SH|SS|PP|TP|RS|RE|nf|fi|br|B) ?", line), line
    assert "\b" not in page


def test_escape_keeps_text_as_written() -> None:
    assert escape(".hidden\n'quoted") == "\\&.hidden\n\\&'quoted"
    assert escape("a\\b --to") == "a\\eb \\-\\-to"
    assert escape("I'd…") == "I'd\\[u2026]"


def test_the_command_line_prints_it_as_a_document(run: Run) -> None:
    result = run("man")
    assert result.exit_code == 0 and result.stderr == ""
    assert run("man", "--help").exit_code == 0


def test_in_a_terminal_man_shows_it_and_piped_it_is_roff(
    run: Run, page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As `git help` does: a terminal gets the page through man (here a stand-in that keeps
    what it was given); a pipe gets the roff to save."""
    kept = tmp_path / "given.1"
    fake = tmp_path / "bin" / "man"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\necho "$@" > "{tmp_path}/args"\ncat > "{kept}"\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    shown = run("man")
    assert shown.exit_code == 0 and shown.stdout == ""
    assert (tmp_path / "args").read_text().split() == ["-l", "-"]
    assert kept.read_text(encoding="ascii") == page
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    piped = run("man")
    assert piped.stdout == page


def _render(tool: list[str], path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "80", "LC_ALL": "C.UTF-8"}
    return subprocess.run([*tool, str(path)], capture_output=True, text=True, env=env, timeout=120)


RENDERERS = {
    "man": ["man", "--warnings", "-E", "UTF-8", "-l"],
    "groff": ["groff", "-man", "-ww", "-z", "-Tutf8"],
    "mandoc": ["mandoc", "-T", "lint", "-W", "warning"],
}


def test_man_groff_or_mandoc_read_it_without_a_warning(page: str, tmp_path: Path) -> None:
    path = tmp_path / "weeknote.1"
    path.write_text(page, encoding="ascii")
    present = [name for name in RENDERERS if shutil.which(name)]
    if not present:
        pytest.skip("neither man, groff nor mandoc is installed here to read the page")
    for name in present:
        done = _render(RENDERERS[name], path)
        assert done.returncode == 0, (name, done.stderr)
        assert done.stderr == "", (name, done.stderr)
        if name == "man":
            shown = done.stdout
            assert "weeknote send [OPTIONS] [WEEK]" in shown and "--dry-run" in shown
            assert "EXIT STATUS" in shown and "smtp.password_command" in shown
