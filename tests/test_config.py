"""Config precedence and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, tree_digest, weeknote_process
from weeknote.folder import config


def test_no_config_at_all_uses_documents_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("WEEKNOTE_DIR")
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "docs"))
    loaded = config.load()
    assert loaded.dir.name == "weeknotes"
    assert loaded.sources["dir"] == "default"


def test_flag_beats_env_beats_file(
    config_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_file.write_text(f'dir = "{tmp_path / "from-file"}"\nweek_start = "sunday"\n')
    monkeypatch.delenv("WEEKNOTE_DIR")
    assert config.load().dir == tmp_path / "from-file"
    monkeypatch.setenv("WEEKNOTE_DIR", str(tmp_path / "from-env"))
    assert config.load().dir == tmp_path / "from-env"
    loaded = config.load(tmp_path / "from-flag")
    assert loaded.dir == tmp_path / "from-flag"
    assert loaded.week_start == "sunday"
    assert loaded.sources["week_start"].startswith("file ")


def test_dir_flag_on_the_command_line(run: Run, tmp_path: Path) -> None:
    result = run("--dir", str(tmp_path / "elsewhere"), "bullet", "--date", "2026-11-16", "x")
    assert result.exit_code == 0
    assert (tmp_path / "elsewhere" / "drafts" / "2026-11-16.md").exists()


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("dir = [\n", ["config.toml", "TOML syntax"]),
        (
            'week_start = "monday"\ncolour = "blue"\n',
            ["line 2", "unknown key 'colour'", "valid keys are dir"],
        ),
        ('week_start = "friday"\n', ["line 1", "'week_start' is 'friday'", "monday, sunday"]),
        ("cutoff_day = 3\n", ["line 1", "'cutoff_day' must be a string"]),
        ('title_style = "fancy"\n', ["title_style", "wc, yearweek"]),
    ],
)
def test_bad_config_is_one_clear_line(
    run: Run, config_file: Path, notes_dir: Path, text: str, fragments: list[str]
) -> None:
    config_file.write_text(text)
    result = run("bullet", "x")
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1
    for fragment in fragments:
        assert fragment in result.stderr
    assert tree_digest(notes_dir) == {}


def test_bad_input_in_a_real_process_has_no_traceback(config_file: Path) -> None:
    config_file.write_text("dir = [\n")
    for args in (["new", "--no-edit"], ["list"]):
        proc = weeknote_process(*args)
        assert proc.returncode == 3
        assert "Traceback" not in proc.stderr
        assert proc.stderr.startswith("Error: config ")
    config_file.unlink()
    for args, code in ((["new", "2026-W60", "--no-edit"], 2), (["bullet", ""], 2)):
        proc = weeknote_process(*args)
        assert proc.returncode == code, proc.stderr
        assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1


def test_python_dash_m_works() -> None:
    proc = weeknote_process("--help")
    assert proc.returncode == 0 and "bullet" in proc.stdout


def test_a_list_is_typed_with_commas_or_as_the_config_file_writes_it(
    run: Run, config_file: Path
) -> None:
    """`weeknote config gather.repos` shows a list as ["a", "b"]; typed back so, it is that
    list (not one odd word per comma); typed as words with commas, the same."""
    for typed in ('["~/src/a", "~/src/b, with a comma"]', "~/src/a, ~/src/b"):
        result = run("config", "gather.repos", typed)
        assert result.exit_code == 0, result.stderr
        shown = run("config", "gather.repos", "--json")
        value = __import__("json").loads(shown.stdout)["settings"]["gather.repos"]["value"]
        assert value[0] == "~/src/a" and value[1].startswith("~/src/b")
    assert run("config", "gather.repos", "--json").exit_code == 0
    before = config_file.read_bytes()
    bad = run("config", "gather.repos", '["~/src/a", 3]')
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1
    assert '["one", "two"]' in bad.stderr
    assert config_file.read_bytes() == before
