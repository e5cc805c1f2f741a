"""Committing what a command changed, when the notes folder is a git repository.

The tool stays a plain-files tool: git (the installed ``git``) does history and syncing.
A failing git never undoes a write; it is reported and the files stay as written.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from weeknote.errors import GitError, UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from weeknote.folder.store import Store

CONFLICT_NAME = re.compile(r"\.conflict(?:-\d+)?\.md$")  # beside a note: another machine's text

NO_GIT = "git is not installed (no git on PATH): install it, or set git.autocommit = false"


# In the git folder while a sync replays this machine's commits (rebase.py).
SYNC_RECORD = "weeknote-sync"

NETWORK_SECONDS = 120  # a fetch or push that takes longer is given up (the next sync retries)


def _git(
    root: Path, *args: str, env: dict[str, str] | None = None, timeout: float | None = None
) -> subprocess.CompletedProcess[str]:
    import os

    try:
        return subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "LC_ALL": "C", **(env or {})},  # messages read below are English
            timeout=timeout,
        )
    except FileNotFoundError:
        raise GitError(NO_GIT) from None


def network_env() -> dict[str, str]:
    """For a fetch or push: never wait for a password or a host that does not answer."""
    import os

    env = {
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_HTTP_LOW_SPEED_LIMIT": "1",
        "GIT_HTTP_LOW_SPEED_TIME": "30",
    }
    if "GIT_SSH_COMMAND" not in os.environ and "GIT_SSH" not in os.environ:
        env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes -o ConnectTimeout=20"
    return env


def require_git(why: str = NO_GIT) -> None:
    """GitError unless git can be run."""
    import shutil

    if shutil.which("git") is None:
        raise GitError(why)


def has_identity(root: Path) -> bool:
    """Whether git knows who commits in ``root`` (a name and an email it can use)."""
    return _git(root, "var", "GIT_COMMITTER_IDENT").returncode == 0


def set_identity(root: Path) -> tuple[str, str]:
    """Give the repository at ``root`` an identity of its own: the login name and host."""
    import getpass
    import socket

    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "weeknote"
    email = f"{name}@{socket.gethostname() or 'localhost'}"
    for key, value in (("user.name", name), ("user.email", email)):
        done = _git(root, "config", key, value)
        if done.returncode != 0:
            raise GitError(f"git config {key} failed: {_first_line(done.stderr)}")
    return name, email


def remote_url(root: Path, name: str = "origin") -> str | None:
    """The URL of the remote ``name`` of the repository at ``root``, None if it has none."""
    found = _git(root, "remote", "get-url", name)
    return found.stdout.strip() if found.returncode == 0 else None


def set_remote(root: Path, url: str, name: str = "origin") -> None:
    """Point the remote ``name`` of the repository at ``root`` to ``url``."""
    current = remote_url(root, name)
    if current == url:
        return
    args = ("remote", "set-url", name, url) if current is not None else ("remote", "add", name, url)
    done = _git(root, *args)
    if done.returncode != 0:
        raise GitError(f"git remote {args[1]} failed: {_first_line(done.stderr)}")


# A repository that `init --git` made keeps to its own remote: the user-wide git.remote
# that earlier versions wrote to the config file is never read for it.
OWN_REMOTE = "weeknote.ownremote"


def keep_own_remote(root: Path) -> None:
    """Mark the repository at ``root`` as one the user-wide git.remote is never read for."""
    done = _git(root, "config", OWN_REMOTE, "true")
    if done.returncode != 0:
        raise GitError(f"git config {OWN_REMOTE} failed: {_first_line(done.stderr)}")


def folder_remote(root: Path) -> str:
    """The remote the notes folder ``root`` syncs with: its repository's origin ("" when it
    has none, or is no repository, or git is not installed)."""
    try:
        return remote_url(root) or ""
    except GitError:
        return ""


def user_remote(root: Path, user_wide: str) -> str:
    """The git.remote left in the user-wide config file by earlier versions, when it is
    still read for the notes folder ``root``: a repository with no remote of its own that
    `init --git` did not make. Else ""."""
    if not user_wide:
        return ""
    try:
        if git_dir(root) is None or remote_url(root) is not None:
            return ""
        marked = _git(root, "config", "--bool", "--get", OWN_REMOTE).stdout.strip()
    except GitError:  # no git: no repository to read it for
        return ""
    return "" if marked == "true" else user_wide


def user_remote_note(root: Path, url: str, config_file: Path, synced: bool) -> str:
    """The line that says a user-wide git.remote was read for ``root``, and what to do."""
    if synced:
        return (
            f"Note: {root} had no remote of its own, so this sync used git.remote = {url} from "
            f"the user-wide config {config_file} and made it the folder's remote origin "
            f"(weeknote config git.remote URL, run for the folder, changes it); remove "
            f"git.remote from {config_file}"
        )
    return (
        f"Note: {root} has no remote of its own, so git.remote = {url} from the user-wide "
        f"config {config_file} is read for it: set the folder's own with weeknote config "
        f"git.remote URL run for it, and remove git.remote from {config_file}"
    )


def set_folder_remote(root: Path, url: str) -> str | None:
    """Point the remote origin of the notes folder ``root`` at ``url``; what it was before."""
    if not url.strip():
        raise UsageError(
            f"git.remote cannot be empty: to take {root}'s remote away, run "
            f"git -C {root} remote remove origin"
        )
    require_git()
    if git_dir(root) is None:
        raise GitError(
            f"{root} is not a git repository, so it has no remote to set: make it one with "
            f"weeknote init --git --remote {url}"
        )
    before = remote_url(root)
    set_remote(root, url)
    return before


def changed(root: Path) -> list[str]:
    """Paths (relative to ``root``) that differ from the last commit: modified, new or
    deleted, staged or not; renames count as both their names."""
    # --no-optional-locks: a status must not take the index lock another commit needs
    porcelain = ("status", "--porcelain", "-z", "--untracked-files=all", "--", ".")
    found = _git(root, "--no-optional-locks", *porcelain)
    if found.returncode != 0:
        return []
    prefix = _git(root, "rev-parse", "--show-prefix").stdout.strip()
    paths = []
    fields = iter(found.stdout.split("\0"))
    for entry in fields:
        if len(entry) < 4:
            continue
        status, path = entry[:2], entry[3:]
        if "R" in status or "C" in status:
            paths.append(next(fields, ""))
        paths.append(path)
    return [p[len(prefix) :] for p in paths if p and p.startswith(prefix)]


def is_repository(root: Path) -> bool:
    return git_dir(root) is not None


def init(root: Path) -> bool:
    """Make ``root`` a repository; False if it already was one."""
    if is_repository(root):
        return False
    result = _git(root, "init", "-q", "-b", "main")
    if result.returncode != 0:
        raise GitError(f"git init in {root} failed: {_first_line(result.stderr)}")
    return True


def _first_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else "no message"


SUBJECT_NAMES = 10  # a commit of more files names these, then says how many more


def subject(command: str, root: Path, paths: Sequence[Path]) -> str:
    """'bullet: 2026-11-22', 'new: 2026-W47': the command and the files' names; an import
    of hundreds: 'import: 2019-W01, …, 2019-W10 and 490 more'."""
    names = list(dict.fromkeys(p.stem if p.suffix in (".md", ".txt") else p.name for p in paths))
    more = len(names) - SUBJECT_NAMES
    if more > 0:
        return f"{command}: {', '.join(names[:SUBJECT_NAMES])} and {more:,} more"
    return f"{command}: {', '.join(names)}"


# Files in a repository's git folder that mean an operation is half done.
_IN_PROGRESS = (
    ("MERGE_HEAD", "a merge"),
    ("rebase-merge", "a rebase"),
    ("rebase-apply", "a rebase"),
    ("CHERRY_PICK_HEAD", "a cherry-pick"),
    ("REVERT_HEAD", "a revert"),
)


def git_dir(root: Path) -> Path | None:
    """The git folder of the repository ``root`` is in, or None if it is in none."""
    if not root.is_dir():
        return None
    found = _git(root, "rev-parse", "--absolute-git-dir")
    return Path(found.stdout.strip()) if found.returncode == 0 else None


def find_git_dir(root: Path) -> Path | None:
    """The git folder of the repository ``root`` is in, found without running git (a few
    stats): ``.git`` in ``root`` or a folder above it, a folder or a ``gitdir:`` file."""
    for place in (root, *root.parents):
        dot = place / ".git"
        if dot.is_dir():
            return dot
        if dot.is_file():
            try:
                text = dot.read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError):
                return None
            if text.startswith("gitdir:"):
                return (place / text[7:].strip()).resolve()
            return None
    return None


def in_progress(folder: Path) -> str | None:
    """'a merge', 'a rebase', … when one is under way in the git folder ``folder``."""
    for name, what in _IN_PROGRESS:
        if (folder / name).exists():
            return what
    return None


def _conflicted(root: Path, relative: Sequence[str]) -> str | None:
    """The first of the files that holds git conflict markers, if any does."""
    from weeknote.folder.bullets import conflict_line

    for name in relative:
        try:
            text = (root / name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if conflict_line(text) is not None:
            return name
    return None


def _inside(root: Path, paths: Sequence[Path]) -> list[str]:
    """The paths under ``root``, relative to it, each once and in their order: linear in
    their number, with each folder on the way resolved once (an import writes thousands
    of files into one folder)."""
    import os

    base = os.path.realpath(root)
    prefix = base.rstrip(os.sep) + os.sep
    folders: dict[str, str] = {}
    inside: dict[str, None] = {}
    for path in paths:
        text = os.fspath(path)
        if ".." in text:  # "link/..": only a resolved path says where that is
            real = os.path.realpath(text)
        else:
            folder, name = os.path.split(os.path.abspath(text))
            if folder not in folders:
                folders[folder] = os.path.realpath(folder)
            real = os.path.join(folders[folder], name)
            if os.path.islink(real):  # the file a link names is the one that changed
                real = os.path.realpath(real)
        if real.startswith(prefix):
            inside[real[len(prefix) :].replace(os.sep, "/")] = None
    return list(inside)


def commit(root: Path, paths: Sequence[Path], message: str) -> bool:
    """Commit exactly ``paths`` (those under ``root``) and nothing else a person staged;
    False when there was nothing to commit or ``root`` is no repository.

    Nothing is staged while a merge, rebase or cherry-pick is under way, or when a file
    holds conflict markers: the person is in the middle of something git will ask them
    to finish. A commit that fails (a hook, a lock) leaves the index as it was.

    Linear in the number of paths, which git is given on its standard input: ``git add``
    and ``git commit --only`` match every file against every path named (50,000 paths
    took minutes, and overflowed the command line). The paths are staged, then committed
    from a temporary index made of HEAD and those paths alone, as ``--only`` does, with
    the hooks run as for any commit. An ignored file that is not tracked yet is left out,
    as ``git add`` would leave it."""
    inside = _inside(root, paths)
    folder = git_dir(root) if inside else None
    if folder is None:
        return False
    from weeknote.folder.files import open_locked

    # One weeknote commit at a time: a process whose commit failed puts back the index
    # entries it saw, which must not be older than another process's commit.
    with open_locked(folder / "weeknote.lock"):
        return _commit(root, folder, inside, message)


def _commit(root: Path, folder: Path, inside: Sequence[str], message: str) -> bool:
    busy = in_progress(folder)
    if busy:
        raise GitError(
            f"{busy} is in progress in {root}, so nothing was committed: finish it "
            "(git status says how), then commit; your changes are saved"
        )
    conflicted = _conflicted(root, inside)
    if conflicted:
        raise GitError(
            f"{conflicted} holds git conflict markers, so nothing was committed: resolve "
            "them, then commit; your changes are saved"
        )
    import os

    prefix = _git(root, "rev-parse", "--show-prefix").stdout.strip()  # root in the repository
    before = _entries(root, prefix, inside)
    tracked = {entry.split("\t", 1)[-1] for entry in before}
    # gone and never kept, or ignored and not kept yet: nothing to commit
    inside = [p for p in inside if prefix + p in tracked or (root / p).exists()]
    new = [p for p in inside if prefix + p not in tracked]
    if new:  # git add leaves out what .gitignore names, unless it is tracked already
        ignored = set(_fed(root, _nul(new), "check-ignore", "-z", "--stdin").stdout.split("\0"))
        inside = [p for p in inside if p not in ignored]
    if not inside:
        return False
    paths = _nul(inside)
    staged = _fed(root, paths, "update-index", "--add", "--remove", "-z", "--stdin")
    if staged.returncode != 0:
        _restore_index(root, paths, before)
        reason = _first_line(staged.stderr)
        raise GitError(f"git could not stage the files: {reason}; the files are saved")
    index = folder / f"weeknote-index.{os.getpid()}"
    only = {"GIT_INDEX_FILE": str(index)}
    try:
        head = _git(root, "rev-parse", "-q", "--verify", "HEAD^{commit}").returncode == 0
        made = _git(root, "read-tree", "HEAD" if head else "--empty", env=only)
        if made.returncode == 0:
            made = _fed(root, paths, "update-index", "--add", "--remove", "-z", "--stdin", env=only)
        done = (
            _fed(root, message, "commit", "-q", "-F", "-", env=only)
            if made.returncode == 0
            else made
        )
    finally:
        for leftover in (index, index.with_name(index.name + ".lock")):
            leftover.unlink(missing_ok=True)
    if done.returncode != 0:
        _restore_index(root, paths, before)
        if "nothing to commit" in done.stdout + done.stderr or "no changes" in done.stdout:
            return False
        reason = _first_line(done.stderr or done.stdout)
        raise GitError(f"git commit failed: {reason}; the files are saved, not committed")
    return True


def _nul(paths: Sequence[str]) -> str:
    return "".join(f"{path}\0" for path in paths)


def _fed(
    root: Path, data: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``git -C root ARGS`` with ``data`` on its standard input."""
    import os

    try:
        return subprocess.run(
            ["git", "-C", str(root), *args],
            input=data,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=False,
            env={**os.environ, "LC_ALL": "C", **(env or {})},
        )
    except FileNotFoundError:
        raise GitError(NO_GIT) from None


def _entries(root: Path, prefix: str, inside: Sequence[str]) -> list[str]:
    """The index entries of ``inside`` as ``git ls-files -s -z --full-name`` lists them
    (the whole listing is read: naming thousands of paths to git costs more)."""
    wanted = {prefix + path for path in inside}
    listed = _git(root, "ls-files", "-s", "-z", "--full-name").stdout.split("\0")
    return [entry for entry in listed if entry and entry.split("\t", 1)[-1] in wanted]


def _restore_index(root: Path, paths: str, entries: Sequence[str]) -> None:
    """Put the index entries of ``paths`` (NUL-separated) back as ``_entries`` listed
    them: every one removed, then those there before put back."""
    _fed(root, paths, "update-index", "--force-remove", "-z", "--stdin")
    if entries:
        _fed(root, "".join(f"{entry}\0" for entry in entries), "update-index", "-z", "--index-info")


@contextmanager
def writing(root: Path, exclusive: bool, wait: float | None = None) -> Iterator[None]:
    """The folder's lock between a sync (exclusive) and the commands that write (shared)."""
    from weeknote.folder import paths
    from weeknote.folder.files import folder_lock

    with folder_lock(paths.lock_path(root, "writing"), exclusive, wait):
        yield


def is_own(store: Store, path: Path) -> bool:
    """Whether a path is one weeknote keeps: a note, a draft, breaks.txt, a template, a
    conflict file, the feed's id or the git files it writes (a deleted one too)."""
    from weeknote.folder.feedid import FEED_ID
    from weeknote.folder.index import NOTE_NAME

    relative = store.relative(path)
    parts = relative.split("/")
    if len(parts) == 1:
        return bool(
            NOTE_NAME.fullmatch(relative) or CONFLICT_NAME.search(relative)
        ) or relative in ("breaks.txt", ".gitignore", ".gitattributes")
    if relative == FEED_ID:
        return True
    return len(parts) == 2 and parts[0] in ("drafts", "templates") and parts[1].endswith(".md")
