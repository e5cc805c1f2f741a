"""The package as it is released: an sdist and a wheel built from the project as `python -m
build` builds them (without fetching anything: the build backend is the one the test
environment holds), read back to check that the licence travels in both and that the
metadata says what a package index shows."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from email import message_from_bytes
from email.message import Message
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REPOSITORY = "https://github.com/weeknote/weeknote"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(sdist, wheel), the wheel built from the sdist as `python -m build` does."""
    pytest.importorskip("build", reason="the test extras hold build: pip install -e '.[test]'")
    work = tmp_path_factory.mktemp("package")
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    done = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(work / "dist"), "."],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    said = done.stdout + done.stderr
    assert "SetuptoolsDeprecationWarning" not in said and "deprecated" not in said.lower(), said
    [sdist] = (work / "dist").glob("*.tar.gz")
    [wheel] = (work / "dist").glob("*.whl")
    return sdist, wheel


def metadata(text: bytes) -> Message:
    return message_from_bytes(text)


def test_the_licence_is_in_the_repository_the_sdist_and_the_wheel(
    built: tuple[Path, Path],
) -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License\n") and "the weeknote authors" in licence
    sdist, wheel = built
    with tarfile.open(sdist) as archive:
        top = archive.getnames()[0].split("/")[0]
        held = archive.extractfile(f"{top}/LICENSE")
        assert held is not None and held.read().decode() == licence
    with zipfile.ZipFile(wheel) as archive:
        [found] = [
            name for name in archive.namelist() if name.endswith(".dist-info/licenses/LICENSE")
        ]
        assert archive.read(found).decode() == licence


def test_the_metadata_names_the_licence_the_authors_and_where_it_lives(
    built: tuple[Path, Path],
) -> None:
    sdist, wheel = built
    with tarfile.open(sdist) as archive:
        top = archive.getnames()[0].split("/")[0]
        held = archive.extractfile(f"{top}/PKG-INFO")
        assert held is not None
        from_sdist = metadata(held.read())
    with zipfile.ZipFile(wheel) as archive:
        [name] = [name for name in archive.namelist() if name.endswith(".dist-info/METADATA")]
        from_wheel = metadata(archive.read(name))
    for found in (from_sdist, from_wheel):
        assert found["Name"] == "weeknote"
        assert found["License-Expression"] == "MIT"
        assert found.get_all("License-File") == ["LICENSE"]
        assert found["License"] is None  # the old free-text field is gone
        assert found["Author"] == "the weeknote authors"
        urls = dict(each.split(", ", 1) for each in found.get_all("Project-URL") or [])
        assert urls == {
            "Homepage": REPOSITORY,
            "Documentation": f"{REPOSITORY}#readme",
            "Source": REPOSITORY,
            "Issues": f"{REPOSITORY}/issues",
        }
        classifiers = found.get_all("Classifier") or []
        assert "Environment :: Console" in classifiers and "Typing :: Typed" in classifiers
        assert "Programming Language :: Python :: 3 :: Only" in classifiers
        # with an SPDX expression a licence classifier is refused: the expression says it
        assert not [each for each in classifiers if each.startswith("License ::")]
        assert found["Requires-Python"] == ">=3.11"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "weeknote/py.typed" in names and "weeknote/templates/default.md" in names
