"""Every test runs against its own notes folder, config and cache, with no editor set."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner, Result

from weeknote.cli import app

# The suite runs on several workers at once, perhaps beside other work: an example that
# takes long is no failure, so no example has a deadline and slow generation is no error.
settings.register_profile("weeknote", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("weeknote")

# Some checks run on real weeknote archives too (a blog's posts as plain text). They are not
# in the repository: they are kept in shared/archives, a folder beside the project's.
REAL_ARCHIVES = sorted((Path(__file__).resolve().parents[2] / "shared" / "archives").glob("*.txt"))
needs_real_archives = pytest.mark.skipif(
    not REAL_ARCHIVES,
    reason="the real weeknote archives kept beside the project are not here; "
    "these checks run on them only where they are",
)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    notes = tmp_path / "notes"
    notes.mkdir()  # a folder named by WEEKNOTE_DIR must exist (only init, new, bullet make one)
    monkeypatch.setenv("WEEKNOTE_DIR", str(notes))
    monkeypatch.setenv("WEEKNOTE_CONFIG", str(tmp_path / "config" / "config.toml"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    # Output as a pipe gets it; a test of what a person sees sets TTY_COMPATIBLE=1 (see
    # `terminal`), and TERM=dumb keeps Rich from drawing escape codes there.
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "dumb")
    for name in ("VISUAL", "EDITOR", "WEEKNOTE_TODAY"):
        monkeypatch.delenv(name, raising=False)
    return notes


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], None]:
    """Make the output that of a terminal so many columns wide: terminal(80)."""

    def columns(width: int = 100) -> None:
        monkeypatch.setenv("TTY_COMPATIBLE", "1")
        monkeypatch.setenv("COLUMNS", str(width))

    columns()
    return columns


@pytest.fixture
def notes_dir(isolated: Path) -> Path:
    return isolated


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    """Invoke the CLI in-process: run("new", "2026-W47", input=None)."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke


def weeknote_process(
    *args: str, env: dict[str, str] | None = None, input: str | bytes | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real console entry point in a separate process (``input`` as bytes is
    passed as it is, for input that is not UTF-8)."""
    proc = subprocess.run(
        [sys.executable, "-m", "weeknote", *args],
        capture_output=True,
        input=input.encode("utf-8") if isinstance(input, str) else input,
        env={**os.environ, **(env or {})},
        timeout=120,
    )
    return subprocess.CompletedProcess(
        proc.args,
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


def write_note(
    notes: Path,
    week: str,
    body: str = "Some words.\n",
    *,
    weeks: list[str] | None = None,
    title: str | None = None,
) -> Path:
    """A note file as `new` writes it, made by hand for fixtures."""
    from weeknote.folder.note import Note, serialise
    from weeknote.weeks.week import Week

    covered = weeks or [week]
    note = Note(
        week, tuple(covered), title or f"Weeknote {week}", Week.from_id(covered[0]).start, body
    )
    notes.mkdir(parents=True, exist_ok=True)
    path = notes / f"{week}.md"
    path.write_text(serialise(note), encoding="utf-8")
    return path


def write_undecodable_note(notes: Path) -> None:
    """A note at 2026-W47 (title "Odd name", 5 words) whose file name is not UTF-8, as a
    folder copied from another system can hold; skips where the file system refuses one."""
    try:
        Path(os.fsdecode(bytes(notes) + b"/2026-W47 \xff.md")).write_text(
            "# Odd name\n\nSome words.\n", encoding="utf-8"
        )
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 names")


def bullets_text(path: Path) -> str:
    """A draft's text without the moment each captured bullet was added (the trailing
    ``<!-- 2026-11-20T10:31:05Z -->``), for comparing with what was typed."""
    import re

    return re.sub(
        r" <!-- \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z -->$", "", path.read_text(), flags=re.M
    )


def tree_digest(root: Path) -> dict[str, bytes]:
    """Every file under root with its bytes: compare before and after a failed command."""
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): (p.read_bytes() if p.is_file() else b"<dir>")
        for p in sorted(root.rglob("*"))
    }


@pytest.fixture
def git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    require_tool("git")
    for key, value in {
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }.items():
        monkeypatch.setenv(key, value)


def git(root: Path, *args: str) -> str:
    """Run real git in ``root`` and return its output (a failure fails the test)."""
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
    ).stdout


def require_tool(name: str) -> str:
    """The path of a program a test needs. Without it the test skips, except under CI
    (CI set), where .ci/run installs it and its absence is a failure."""
    found = shutil.which(name)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{name} is not installed, and CI is set: .ci/run should install it")
    pytest.skip(f"{name} is not installed (apt-get install {name}); CI runs this test")


# -- two machines of one person, synced through a bare repository --------------------------


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    require_tool("git")
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    return bare


class Machine:
    """A computer of the person's: its own HOME, git identity, config and notes folder."""

    def __init__(self, base: Path, name: str) -> None:
        self.home = base / f"home-{name}"
        self.home.mkdir()
        (self.home / ".gitconfig").write_text(
            f"[user]\n\tname = {name}\n\temail = {name}@example.org\n"
            "[init]\n\tdefaultBranch = main\n"
        )
        self.notes = self.home / "notes"
        self.env = {
            "HOME": str(self.home),
            "GIT_CONFIG_GLOBAL": str(self.home / ".gitconfig"),
            "WEEKNOTE_DIR": str(self.notes),
            "WEEKNOTE_CONFIG": str(self.home / "config.toml"),
            "XDG_CACHE_HOME": str(self.home / "cache"),
            "WEEKNOTE_TODAY": "2026-11-20",
        }
        for key in (
            "GIT_AUTHOR_NAME",
            "GIT_AUTHOR_EMAIL",
            "GIT_COMMITTER_NAME",
            "GIT_COMMITTER_EMAIL",
        ):
            os.environ.pop(key, None)

    def run(
        self, *args: str, code: int = 0, input: str | None = None, **env: str
    ) -> subprocess.CompletedProcess[str]:
        proc = weeknote_process(*args, env={**self.env, **env}, input=input)
        assert proc.returncode == code, (args, proc.stdout, proc.stderr)
        assert "Traceback" not in proc.stderr
        return proc

    def git(self, *args: str) -> str:
        env = {**os.environ, **self.env}
        return subprocess.run(
            ["git", "-C", str(self.notes), *args],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout


@pytest.fixture
def machines(tmp_path: Path, remote: Path) -> tuple[Machine, Machine]:
    laptop, desktop = Machine(tmp_path, "laptop"), Machine(tmp_path, "desktop")
    made = laptop.run("init", "--git", "--remote", str(remote))
    assert "weeknote sync pulls from and pushes to" in made.stderr
    assert "Synced" in laptop.run("sync").stderr
    subprocess.run(
        ["git", "clone", "-q", str(remote), str(desktop.notes)],
        check=True,
        env={**os.environ, **desktop.env},
    )
    adopted = desktop.run("init", "--git")
    assert "already a git repository" in adopted.stderr and str(remote) in adopted.stderr
    assert desktop.git("status", "--porcelain") == ""
    return laptop, desktop
