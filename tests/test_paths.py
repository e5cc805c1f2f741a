"""Default locations: worked out without platformdirs where the XDG rules are plain, and
always the folders platformdirs names."""

from __future__ import annotations

import itertools
from pathlib import Path

import platformdirs
import pytest

from weeknote.folder import paths

HOMES = ["{tmp}/home", "{tmp}/home/", "relative/home", None]
XDG = ["{tmp}/xdg", "relative/xdg", "", None]


def _set(monkeypatch: pytest.MonkeyPatch, name: str, value: str | None, tmp: Path) -> None:
    if value is None:
        monkeypatch.delenv(name, raising=False)
    else:
        monkeypatch.setenv(name, value.format(tmp=tmp))


@pytest.mark.parametrize(("home", "xdg"), list(itertools.product(HOMES, XDG)))
def test_config_and_cache_folders_are_the_ones_platformdirs_names(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, home: str | None, xdg: str | None
) -> None:
    monkeypatch.delenv("WEEKNOTE_CONFIG", raising=False)
    _set(monkeypatch, "HOME", home, tmp_path)
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        _set(monkeypatch, name, xdg, tmp_path)
    try:
        config = platformdirs.user_config_path("weeknote") / "config.toml"
        cache = platformdirs.user_cache_path("weeknote")
    except RuntimeError:  # no home folder platformdirs can find: ours may not find one either
        return
    assert paths.config_path() == config
    assert paths.cache_dir() == cache
    assert paths.index_cache_path(tmp_path).parent == cache


@pytest.mark.parametrize("user_dirs", [False, True])
@pytest.mark.parametrize("documents", ["{tmp}/docs", "relative/docs", None])
@pytest.mark.parametrize("home", HOMES)
def test_notes_folder_defaults_to_the_documents_folder_platformdirs_names(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    home: str | None,
    documents: str | None,
    user_dirs: bool,
) -> None:
    _set(monkeypatch, "HOME", home, tmp_path)
    _set(monkeypatch, "XDG_CONFIG_HOME", "{tmp}/config", tmp_path)
    _set(monkeypatch, "XDG_DOCUMENTS_DIR", documents, tmp_path)
    if user_dirs:
        (tmp_path / "config").mkdir()
        (tmp_path / "config" / "user-dirs.dirs").write_text(
            'XDG_DOCUMENTS_DIR="$HOME/Papers"\n', encoding="utf-8"
        )
    try:
        expected = platformdirs.user_documents_path() / "weeknotes"
    except RuntimeError:
        return
    assert paths.default_notes_dir() == expected


def test_one_folder_has_one_cache_key_however_it_is_spelt(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    spellings = [tmp_path / "folder", tmp_path / "folder" / ".." / "folder", tmp_path / "./folder"]
    assert len({paths.index_cache_path(path) for path in spellings}) == 1
    assert paths.index_cache_path(tmp_path) != paths.index_cache_path(tmp_path / "folder")
