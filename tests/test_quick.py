"""The short capture path says and writes exactly what the full `bullet` command does, and
imports little: the same argument lists through both, in processes, compared byte for byte."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import tree_digest, write_note

MOMENT = re.compile(rb" <!-- \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z -->")
FULL = "import sys; from weeknote.cli import full_main; full_main(sys.argv[1:])"

CASES: list[tuple[str, list[str], bytes | None]] = [
    ("plain", ["bullet", "Day with the waste team"], None),
    ("words", ["bullet", "Day", "with", "the", "team"], None),
    ("section", ["bullet", "-s", "learning", "Ask for help"], None),
    ("section-equals", ["bullet", "--section=learning", "Ask for help"], None),
    ("section-case", ["bullet", "--section", "#LEARNING", "Ask"], None),
    ("leading-section", ["bullet", "#learning Book a clear day"], None),
    ("iso-date", ["bullet", "-d", "2026-11-18", "On Wednesday"], None),
    ("word-date", ["bullet", "--date", "yesterday", "Yesterday"], None),
    ("date-equals", ["bullet", "--date=monday", "On Monday"], None),
    ("yearless-date", ["bullet", "-d", "30 Dec", "Last year"], None),
    ("double-dash", ["bullet", "--", "-flag at start"], None),
    ("dir-flag", ["--dir", "{tmp}/other", "bullet", "Elsewhere"], None),
    ("dir-equals", ["--dir={tmp}/other", "bullet", "Elsewhere"], None),
    ("stdin", ["bullet", "-"], b"one\n\ntwo\n"),
    ("stdin-section", ["bullet", "-s", "next", "-"], b"plan it\n"),
    ("stdin-tag", ["bullet", "-"], b"with a #tag\n"),
    ("stdin-empty", ["bullet", "-"], b"\n\n"),
    ("stdin-latin1", ["bullet", "-"], b"caf\xe9\n"),
    ("stdin-huge", ["bullet", "-"], b"x" * 70_000 + b"\n"),
    ("tag", ["bullet", "Met the #waste-team"], None),
    ("empty", ["bullet", ""], None),
    ("blank", ["bullet", "   "], None),
    ("no-text", ["bullet"], None),
    ("bad-date", ["bullet", "-d", "31/02/2026", "x"], None),
    ("month-only", ["bullet", "-d", "Nov", "x"], None),
    ("future", ["bullet", "-d", "2026-11-27", "x"], None),
    ("end-of-time", ["bullet", "-d", "9999-12-31", "x"], None),
    ("unknown-section", ["bullet", "-s", "gossip", "x"], None),
    ("missing-value", ["bullet", "x", "-d"], None),
    ("unknown-option", ["bullet", "--sectoin", "learning", "x"], None),
    ("dash-text", ["bullet", "-flag at start"], None),
    ("undo", ["bullet", "--undo"], None),
    ("help", ["bullet", "-h"], None),
]


def _tree(root: Path) -> dict[str, bytes]:
    """The folder's files, with the moments bullets were added and the index cache's name
    (a digest of the folder's path) and stamps (file times) left out."""
    tree = {}
    for name, data in tree_digest(root).items():
        if re.fullmatch(r"cache/weeknote/\w+-[0-9a-f]+\.(json|lock|txt)", name):
            name, data = re.sub(r"-[0-9a-f]+\.", ".", name), b"<cache>"
        tree[name] = MOMENT.sub(b"", data)
    return tree


def _run(args: list[str], home: Path, full: bool, stdin: bytes | None, extra: dict[str, str]):
    env = {
        **os.environ,
        "HOME": str(home),
        "WEEKNOTE_DIR": str(home / "notes"),
        "WEEKNOTE_CONFIG": str(home / "config.toml"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "WEEKNOTE_TODAY": "2026-11-20",
        **extra,
    }
    args = [arg.replace("{tmp}", str(home)) for arg in args]
    command = (
        [sys.executable, "-c", FULL, *args] if full else [sys.executable, "-m", "weeknote", *args]
    )
    return subprocess.run(command, input=stdin, capture_output=True, env=env, timeout=120)


def _folder(base: Path, setup: str) -> Path:
    home = base
    notes = home / "notes"
    notes.mkdir(parents=True)
    write_note(notes, "2026-W46", "Last week: #waste-team, #waste-team.\n")
    (notes / "drafts").mkdir()
    (notes / "drafts" / "2026-11-16.md").write_text("- typed by hand\n")
    if setup == "template":
        (notes / "templates").mkdir()
        (notes / "templates" / "default.md").write_text("{{ bullets }}\n\n{{ bullets:gossip }}\n")
    if setup == "sunday":
        (home / "config.toml").write_text('week_start = "sunday"\n')
    if setup == "conflict":
        (notes / "drafts" / "2026-11-17.md").write_text(
            "<<<<<<< HEAD\n- a\n=======\n- b\n>>>>>>> x\n"
        )
    if setup == "broken-config":
        (home / "config.toml").write_text("week_start = [\n")
    if setup == "missing-folder":
        import shutil

        shutil.rmtree(notes)
    return home


SETUPS = ["plain", "template", "sunday", "conflict", "broken-config", "missing-folder"]


@pytest.mark.parametrize("setup", SETUPS)
def test_both_paths_say_and_write_the_same(setup: str, tmp_path: Path) -> None:
    cases = CASES if setup == "plain" else CASES[:8] + CASES[13:15]
    for name, args, stdin in cases:
        short = _folder(tmp_path / f"{name}-short", setup)
        full = _folder(tmp_path / f"{name}-full", setup)
        got = _run(args, short, False, stdin, {})
        want = _run(args, full, True, stdin, {})
        shown = (
            name,
            setup,
            got.stderr.decode(errors="replace"),
            want.stderr.decode(errors="replace"),
        )
        assert got.returncode == want.returncode, shown
        assert got.stdout == want.stdout, shown
        assert got.stderr.replace(bytes(short), b"HOME") == want.stderr.replace(
            bytes(full), b"HOME"
        ), shown
        assert _tree(short) == _tree(full), shown


@pytest.mark.parametrize("where", ["env", "defaults"])
def test_capture_imports_neither_typer_nor_rich(tmp_path: Path, where: str) -> None:
    """Nor anything else a capture has no need of: with the folders named by WEEKNOTE_*,
    or found in their default places with a config file written as `init` writes it."""
    probe = (
        "import sys; from weeknote.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('typer', 'rich', 'dataclasses', 'typing', 'platformdirs',"
        " 'tomllib', 'dateutil', 'json', 'markdown_it', 'weeknote.folder.store', 'weeknote.render',"
        " 'pathlib', 'datetime', 'unicodedata', 'msvcrt', 'contextlib')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    env = {
        **os.environ,
        "WEEKNOTE_DIR": str(tmp_path / "notes"),
        "WEEKNOTE_CONFIG": str(tmp_path / "none.toml"),
        "WEEKNOTE_TODAY": "2026-11-20",
    }
    if where == "defaults":
        env = {k: v for k, v in env.items() if not k.startswith(("WEEKNOTE_", "XDG_"))}
        env.update(HOME=str(tmp_path / "home"), WEEKNOTE_TODAY="2026-11-20")
        init = subprocess.run(
            [sys.executable, "-m", "weeknote", "init"], capture_output=True, text=True, env=env
        )
        assert init.returncode == 0, init.stderr
        assert (tmp_path / "home" / ".config" / "weeknote" / "config.toml").is_file()
    # A report keeps the folder's summary, which the short path reads (without it, the
    # full command makes it): a capture after one is the common case.
    status = subprocess.run(
        [sys.executable, "-m", "weeknote", "status"], capture_output=True, text=True, env=env
    )
    assert status.returncode == 0, status.stderr
    for args in (["bullet", "x"], ["bullet", "-s", "learning", "-d", "2026-11-18", "y"]):
        done = subprocess.run(
            [sys.executable, "-c", probe, *args], capture_output=True, text=True, env=env
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "", f"bullet imported {done.stdout.strip()}"


def test_a_capture_with_stdout_closed_still_exits_zero(tmp_path: Path) -> None:
    """The short path flushes what it said and leaves; a closed stdout is no error."""
    home = _folder(tmp_path / "closed", "plain")
    env = {
        **os.environ,
        "WEEKNOTE_DIR": str(home / "notes"),
        "WEEKNOTE_CONFIG": str(home / "config.toml"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "WEEKNOTE_TODAY": "2026-11-20",
    }
    done = subprocess.run(
        [sys.executable, "-m", "weeknote", "bullet", "Said to no one"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        preexec_fn=lambda: os.close(1),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    assert "Said to no one" in (home / "notes" / "drafts" / "2026-11-20.md").read_text()


@pytest.mark.parametrize("spelling", ["./~/notes", ".//~/notes", "~/./notes/"])
def test_a_home_folder_spelt_oddly_is_the_home_folder_on_both_paths(
    tmp_path: Path, spelling: str
) -> None:
    """--dir as pathlib reads it: "./~/notes" is the home folder's notes, on the short path
    as on the full one."""
    trees = {}
    for full in (False, True):
        home = tmp_path / ("full" if full else "short")
        (home / "cwd").mkdir(parents=True)
        env = {
            **os.environ,
            "HOME": str(home),
            "WEEKNOTE_CONFIG": str(home / "config.toml"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "WEEKNOTE_TODAY": "2026-11-20",
        }
        env.pop("WEEKNOTE_DIR", None)
        args = ["--dir", spelling, "bullet", "At home"]
        command = (
            [sys.executable, "-c", FULL, *args]
            if full
            else [sys.executable, "-m", "weeknote", *args]
        )
        done = subprocess.run(command, capture_output=True, env=env, cwd=home / "cwd", timeout=60)
        assert done.returncode == 0, done.stderr
        assert (home / "notes" / "drafts" / "2026-11-20.md").is_file(), done.stderr
        assert not (home / "cwd" / "~").exists()
        trees[full] = done.stderr.replace(bytes(home), b"HOME")
    assert trees[False] == trees[True]
