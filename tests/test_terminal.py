"""What a terminal tool is expected to do: config, git, search, tags, help (completion is
in test_completion.py)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import Run, tree_digest, write_note


@pytest.mark.usefixtures("terminal")
def test_config_shows_values_and_their_sources(run: Run, config_file: Path) -> None:
    config_file.write_text('cutoff_day = "tuesday"\n')
    doc = json.loads(run("config", "--json").stdout)
    settings = doc["settings"]
    assert settings["cutoff_day"] == {"value": "tuesday", "source": f"file {config_file}"}
    assert settings["week_start"] == {"value": "monday", "source": "default"}
    assert settings["dir"]["source"] == "env WEEKNOTE_DIR"
    assert run("config", "cutoff_day").stdout == "tuesday\n"
    table = run("config").stdout
    assert "cutoff_day" in table and "tuesday" in table
    assert all(len(line) <= 100 for line in table.splitlines())


def test_config_set_keeps_the_rest_of_the_file(run: Run, config_file: Path) -> None:
    config_file.write_text(
        '# my settings\ntitle_style = "wc"  # keep\n\n[git]\nautocommit = false\n'
    )
    assert run("config", "title_style", "yearweek").exit_code == 0
    assert run("config", "git.autocommit", "true").exit_code == 0
    assert run("config", "week_start", "sunday").exit_code == 0
    text = config_file.read_text()
    assert text.startswith('# my settings\ntitle_style = "yearweek"  # keep\n')
    assert "[git]\nautocommit = true\n" in text
    assert text.index('week_start = "sunday"') < text.index("[git]")
    settings = json.loads(run("config", "--json").stdout)["settings"]
    assert settings["git.autocommit"]["value"] is True
    assert settings["week_start"]["value"] == "sunday"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("config", "colour", "blue"), "valid keys are dir, week_start"),
        (("config", "week_start", "friday"), "use one of monday, sunday"),
        (("config", "git.autocommit", "maybe"), "must be true or false"),
        (("config", "colour"), "valid keys are"),
    ],
)
def test_config_refuses_bad_keys_and_values(
    run: Run, config_file: Path, args: tuple[str, ...], fragment: str
) -> None:
    config_file.write_text('cutoff_day = "tuesday"\n')
    result = run(*args)
    assert result.exit_code == 2  # a bad argument; 3 is for the config file itself
    assert fragment in result.stderr and result.stderr.count("\n") == 1
    assert config_file.read_text() == 'cutoff_day = "tuesday"\n'


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.usefixtures("git_env")
def test_autocommit_commits_exactly_what_each_command_wrote(run: Run, notes_dir: Path) -> None:
    init = run("init", "--git")
    assert init.exit_code == 0, init.stderr
    before = int(_git(notes_dir, "rev-list", "--count", "HEAD"))
    run("bullet", "--date", "2026-11-22", "Met the waste team")
    run("new", "2026-W47", "--no-edit")
    log = _git(notes_dir, "log", "--format=%s", f"-{2}").splitlines()
    assert log == ["new: 2026-W47", "bullet: 2026-11-22"]
    assert int(_git(notes_dir, "rev-list", "--count", "HEAD")) == before + 2
    assert _git(notes_dir, "show", "--name-only", "--format=", "HEAD~1").split() == [
        "drafts/2026-11-22.md"
    ]
    assert _git(notes_dir, "show", "--name-only", "--format=", "HEAD").split() == ["2026-W47.md"]
    assert _git(notes_dir, "status", "--porcelain") == ""


@pytest.mark.usefixtures("git_env")
def test_a_failing_git_never_loses_the_write(run: Run, notes_dir: Path, config_file: Path) -> None:
    run("init", "--git")
    (notes_dir / ".git" / "index.lock").write_text("")  # another git is "running"
    result = run("bullet", "--date", "2026-11-22", "still saved")
    assert result.exit_code == 0
    assert "Warning: git" in result.stderr
    assert "still saved" in (notes_dir / "drafts" / "2026-11-22.md").read_text()


def test_autocommit_outside_a_repository_does_nothing(
    run: Run, notes_dir: Path, config_file: Path
) -> None:
    config_file.write_text("git.autocommit = true\n")
    result = run("bullet", "x")
    assert result.exit_code == 0 and "Warning" not in result.stderr


def test_search_finds_drafted_bullets_and_note_bodies(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W46", "Visited the Millfields depot.\nNothing else.\n")
    run("bullet", "--date", "2026-11-17", "Robots in the contact centre")
    draft = json.loads(run("search", "ROBOTS", "--json").stdout)["results"]
    assert [(r["kind"], r["week"], r["date"]) for r in draft] == [
        ("draft", "2026-W47", "2026-11-17")
    ]
    assert draft[0]["lines"] == [{"line": 1, "text": "- Robots in the contact centre"}]
    note = json.loads(run("search", "millfields", "depot", "--json").stdout)["results"]
    assert [(r["kind"], r["week"], r["path"]) for r in note] == [
        ("note", "2026-W46", "2026-W46.md")
    ]
    assert note[0]["lines"][0]["text"] == "Visited the Millfields depot."
    path = notes_dir / "2026-W46.md"
    number = note[0]["lines"][0]["line"]
    assert path.read_text().splitlines()[number - 1] == "Visited the Millfields depot."
    people = run("search", "millfields")
    assert "2026-W46" in people.stdout and "Millfields depot" in people.stdout
    assert run("search", "millfields", "--from", "2026-W47", "--json").stdout.count('"kind"') == 0
    missed = run("search", "zebra")
    assert missed.exit_code == 1 and "No note or draft holds 'zebra'" in missed.stderr


def test_tags_filter_the_list(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W45", "- Bins with the #waste-team\n")
    write_note(notes_dir, "2026-W46", "- Mobiles survey #mobiles\n")
    doc = json.loads(run("list", "--tag", "waste-team", "--json").stdout)
    assert [n["week"] for n in doc["notes"]] == ["2026-W45"]
    assert (
        json.loads(run("list", "--tag", "#MOBILES", "--json").stdout)["notes"][0]["week"]
        == "2026-W46"
    )
    assert "No notes tagged #nope" in run("list", "--tag", "nope").stderr


def test_version_and_short_help(run: Run) -> None:
    assert run("--version").stdout.startswith("weeknote ")
    assert "Usage" in run("-h").stdout
    assert "--section" in run("bullet", "-h").stdout


def test_failed_config_write_changes_nothing(run: Run, config_file: Path, notes_dir: Path) -> None:
    config_file.write_text("dir = [\n")
    before = tree_digest(config_file.parent)
    result = run("config", "week_start", "sunday")
    assert result.exit_code == 3 and "TOML syntax" in result.stderr
    assert tree_digest(config_file.parent) == before
