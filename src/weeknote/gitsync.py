"""Committing what a command changed, when the notes folder is a git repository.

The tool stays a plain-files tool: git (the installed ``git``) does history and syncing.
A failing git never undoes a write; it is reported and the files stay as written.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

from weeknote.errors import GitError


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise GitError("git is not installed: install it or set git.autocommit = false") from None


def is_repository(root: Path) -> bool:
    return root.is_dir() and _git(root, "rev-parse", "--is-inside-work-tree").returncode == 0


def init(root: Path) -> bool:
    """Make ``root`` a repository; False if it already was one."""
    if is_repository(root):
        return False
    result = _git(root, "init", "-q")
    if result.returncode != 0:
        raise GitError(f"git init in {root} failed: {_first_line(result.stderr)}")
    return True


def _first_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else "no message"


def subject(command: str, root: Path, paths: Sequence[Path]) -> str:
    """'bullet: 2026-11-22', 'new: 2026-W47': the command and the files' names."""
    names = []
    for path in paths:
        name = path.stem if path.suffix in (".md", ".txt") else path.name
        if name not in names:
            names.append(name)
    return f"{command}: {', '.join(names)}"


def commit(root: Path, paths: Sequence[Path], message: str) -> str | None:
    """Commit exactly ``paths`` (those under ``root``); the commit's short hash, or None when
    there was nothing to commit or ``root`` is no repository."""
    inside = []
    base = root.resolve()
    for path in paths:
        try:
            relative = path.resolve().relative_to(base).as_posix()
        except ValueError:
            continue
        if relative not in inside:
            inside.append(relative)
    if not inside or not is_repository(root):
        return None
    added = _git(root, "add", "--", *inside)
    if added.returncode != 0:
        raise GitError(f"git add failed: {_first_line(added.stderr)}; the files are saved")
    done = _git(root, "commit", "-q", "-m", message, "--", *inside)
    if done.returncode != 0:
        if "nothing to commit" in done.stdout + done.stderr:
            return None
        raise GitError(f"git commit failed: {_first_line(done.stderr)}; the files are saved")
    head = _git(root, "rev-parse", "--short", "HEAD")
    return head.stdout.strip() or None
