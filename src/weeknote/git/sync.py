"""`weeknote sync`: the notes folder's repository and its remote, kept alike.

One sync commits what is pending (files changed outside weeknote), fetches, replays this
machine's commits on the remote's (``git pull --rebase``) and pushes.

- Drafts and ``breaks.txt`` merge by themselves: ``.gitattributes`` names weeknote's merge
  driver for them (linemerge.py), which keeps every line either machine added, drops every
  line either removed, and puts a day's bullets in the order they were added.
- A note (or template) changed on both machines is a real conflict. This machine's text
  stays in the note; the other machine's is put beside it as ``2026-W47.conflict.md``;
  the replay completes, so the folder is never left half-merged, but nothing is pushed and
  the sync stops, naming the note. ``weeknote status`` says what to do, and no sync goes on
  until the conflict file is gone.
- While a sync changes the folder it holds the folder's lock whole; every command that
  writes there holds it shared, an editor it opened included, so neither overwrites the
  other. Fetching and pushing happen outside the lock.
- No network is normal: the sync says so in one line, and the next one tries again.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from weeknote.errors import ConflictError, GitError
from weeknote.folder.store import Store
from weeknote.git import repository
from weeknote.git.linemerge import DRIVER
from weeknote.git.rebase import in_the_way, replay
from weeknote.git.repository import (
    CONFLICT_NAME,
    NETWORK_SECONDS,
    _first_line,
    _git,
    is_own,
    network_env,
    writing,
)

REMOTE = "origin"
MERGED = ("drafts/*.md", "breaks.txt")  # the files weeknote's merge driver merges
ATTRIBUTES = tuple(f"{pattern} merge={DRIVER}" for pattern in MERGED)
OUTSIDE = "changes made outside weeknote"
LOCK_WAIT = 10.0  # seconds a sync waits for a command that is writing to finish

# What git says when the remote cannot be reached at all.
_UNREACHABLE = (
    "could not resolve host",
    "unable to access",
    "connection refused",
    "could not read from remote repository",
    "network is unreachable",
    "timed out",
    "no route to host",
    "unable to connect",
    "connection reset",
)


class Unreachable(GitError):
    """The remote could not be reached: offline, or a host that does not answer."""


class SyncConflict(ConflictError):
    """A note was changed on both machines; both texts are kept, nothing was pushed."""


@dataclass(frozen=True)
class Synced:
    remote: str
    pulled: int  # commits brought in from the remote
    pushed: int  # commits sent to it
    committed: tuple[str, ...]  # subjects of the commits this sync made first
    warnings: tuple[str, ...] = ()  # what two machines' notes now disagree on
    left_out: tuple[str, ...] = ()  # weeknote's files not synced: they hold conflict markers


def conflict_files(root: Path) -> list[Path]:
    """The ``*.conflict.md`` files a sync left beside notes and templates."""
    found = []
    for folder in (root, root / "templates"):
        try:
            names = os.listdir(folder)
        except OSError:  # no such folder (yet): no conflicts in it
            continue
        found += [folder / name for name in names if CONFLICT_NAME.search(name) and name[0] != "."]
    return sorted(found)


def original_of(conflict: Path) -> Path:
    """2026-W47.conflict.md -> 2026-W47.md."""
    return conflict.with_name(CONFLICT_NAME.sub(".md", conflict.name))


def commit_outside(store: Store, exclude: Sequence[Path] = ()) -> str | None:
    """Commit weeknote's own files that were changed by hand since the last commit, in a
    commit of their own; the subject, or None when there were none."""
    folder = repository.git_dir(store.root)
    if folder is None or repository.in_progress(folder):
        return None  # the command's own commit says why nothing is committed, once
    skip = {str(path.resolve()) for path in exclude}
    own = [
        path
        for path in _changed_own(store)
        if str(path.resolve()) not in skip and not _holds_markers(path)
    ]
    if own and repository.commit(store.root, own, OUTSIDE):
        return OUTSIDE
    return None


def _changed_own(store: Store) -> list[Path]:
    return [
        path
        for relative in repository.changed(store.root)
        if is_own(store, path := store.root / relative)
    ]


def with_markers(store: Store) -> list[str]:
    """weeknote's files changed since the last commit that hold git conflict markers, so
    that no commit takes them: the paths, relative to the folder."""
    return sorted(store.relative(path) for path in _changed_own(store) if _holds_markers(path))


def _holds_markers(path: Path) -> bool:
    from weeknote.folder.bullets import conflict_line

    try:
        return conflict_line(path.read_text(encoding="utf-8", errors="replace")) is not None
    except OSError:
        return False


def register_driver(root: Path) -> None:
    """Name weeknote's merge driver in the repository's config (it is machine-local, so every
    machine registers it: init --git, and each sync), run by this very Python."""
    command = f"{shlex.quote(sys.executable)} -m weeknote.git.linemerge %O %A %B %P"
    for key, value in (
        (f"merge.{DRIVER}.name", "weeknote: drafts and breaks, line by line"),
        (f"merge.{DRIVER}.driver", command),
    ):
        if _git(root, "config", key).stdout.strip() != value:
            done = _git(root, "config", key, value)
            if done.returncode != 0:
                raise GitError(f"git config {key} failed: {_first_line(done.stderr)}")


def sync(store: Store, remote_setting: str = "") -> Synced:
    """Commit, pull --rebase, push: see the module's docstring."""
    root = store.root
    folder = repository.git_dir(root)
    if folder is None:
        raise GitError(f"{root} is not a git repository: make it one with weeknote init --git")
    busy = repository.in_progress(folder)
    if busy:
        raise GitError(
            f"{busy} is in progress in {root}: finish it (git status says how), then sync"
        )
    left = conflict_files(root)
    if left:
        raise SyncConflict(_still_there(store, left))
    with writing(root, exclusive=True, wait=LOCK_WAIT):
        committed = [subject for subject in (commit_outside(store),) if subject]
        left_out = with_markers(store)
        _refuse_uncommitted(store)
        register_driver(root)
    url = repository.remote_url(root, REMOTE)
    if url is None and remote_setting:  # git.remote set before the folder had a remote
        repository.set_remote(root, remote_setting, REMOTE)
        url = remote_setting
    if url is None:
        raise GitError(
            f"{root} has no remote to sync with: set one with weeknote config git.remote URL"
        )
    branch = _git(root, "symbolic-ref", "--short", "-q", "HEAD").stdout.strip()
    if not branch:
        raise GitError(f"{root} is on no branch (a detached HEAD): check one out, then sync")
    pulled = 0
    for attempt in range(2):
        _fetch(root, url)
        theirs = _remote_branch(root, branch)
        with writing(root, exclusive=True, wait=LOCK_WAIT):
            count, conflicts = _pull(store, url, branch, theirs)
        pulled += count
        if conflicts:
            raise SyncConflict(_conflict_message(store, conflicts))
        pushed, rejected = _push(root, url, theirs)
        if not rejected:
            warnings = tuple(_disagreements(store))
            return Synced(url, pulled, pushed, tuple(committed), warnings, tuple(left_out))
        if attempt:  # someone pushed between our fetch and our push, twice
            raise GitError(f"{url} kept changing while this synced: run weeknote sync again")
    raise AssertionError("unreachable")


def _still_there(store: Store, left: Sequence[Path]) -> str:
    first = store.relative(left[0])
    note = store.relative(original_of(left[0]))
    more = f" (and {len(left) - 1} more)" if len(left) > 1 else ""
    return (
        f"{first}{more} still holds another machine's text of {note}: keep what you want in "
        f"{note}, delete {first}, then sync (nothing was pulled or pushed)"
    )


def _refuse_uncommitted(store: Store) -> None:
    """A person's own tracked files with changes not committed: a rebase would have to
    stash them, and could hand them back conflicted. Refuse, naming them."""
    found = _git(store.root, "--no-optional-locks", "status", "--porcelain", "-z", "-uno")
    theirs = [
        entry[3:]
        for entry in found.stdout.split("\0")
        if len(entry) > 3 and not is_own(store, store.root / entry[3:])
    ]
    if theirs:
        shown = ", ".join(theirs[:3]) + (f" and {len(theirs) - 3} more" if len(theirs) > 3 else "")
        raise GitError(
            f"{shown} in {store.root} {'has' if len(theirs) == 1 else 'have'} changes not "
            "committed, and are not weeknote's: commit or stash them, then sync"
        )


def _network(root: Path, url: str, step: str, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return _git(root, *args, env=network_env(), timeout=NETWORK_SECONDS)
    except subprocess.TimeoutExpired:
        raise Unreachable(
            f"{url} did not answer within {NETWORK_SECONDS} seconds: nothing was {step}ed; "
            "the notes are saved, and the next sync tries again"
        ) from None


def _fail(url: str, step: str, result: subprocess.CompletedProcess[str]) -> GitError:
    stderr = result.stderr or ""
    lowered = stderr.lower()
    if "does not appear to be a git repository" in lowered or "not found" in lowered:
        return GitError(
            f"{url} is not a git repository that can be reached: check the remote "
            "(git remote -v, or weeknote config git.remote URL)"
        )
    if any(sign in lowered for sign in _UNREACHABLE):
        return Unreachable(
            f"cannot reach {url} to {step}: offline? Nothing was {step}ed; the notes are "
            "saved, and the next sync tries again"
        )
    return GitError(f"git {step} with {url} failed: {_first_line(stderr)}")


def _fetch(root: Path, url: str) -> None:
    fetched = _network(root, url, "pull", "fetch", "-q", REMOTE)
    if fetched.returncode != 0:
        raise _fail(url, "pull", fetched)


def _remote_branch(root: Path, branch: str) -> str:
    """The remote's branch this one syncs with: the one it tracks, else the one of the same
    name, else the remote's only branch, else (the remote is empty) the same name."""
    listed = _git(root, "for-each-ref", "--format=%(refname:strip=3)", f"refs/remotes/{REMOTE}")
    theirs = [name for name in listed.stdout.split() if name != "HEAD"]
    merge = _git(root, "config", f"branch.{branch}.merge").stdout.strip()
    tracked = _git(root, "config", f"branch.{branch}.remote").stdout.strip()
    if tracked == REMOTE and merge.removeprefix("refs/heads/") in theirs:
        return merge.removeprefix("refs/heads/")  # (a clone of a remote whose HEAD names no
        # branch tracks one that does not exist: that is no choice)
    if branch in theirs or not theirs:
        return branch
    if len(theirs) == 1:
        return theirs[0]
    raise GitError(
        f"{REMOTE} has branches {', '.join(theirs)} and none named {branch}: choose one with "
        f"git branch -u {REMOTE}/NAME, then sync"
    )


def adopt(root: Path) -> str | None:
    """In a clone that has nothing checked out (the remote's HEAD named no branch), check
    out the remote's branch, so that its notes are kept; the branch, or None."""
    if _git(root, "rev-parse", "-q", "--verify", "HEAD").returncode == 0:
        return None
    url = repository.remote_url(root, REMOTE)
    if url is None:
        return None
    _fetch(root, url)
    branch = _git(root, "symbolic-ref", "--short", "-q", "HEAD").stdout.strip() or "main"
    theirs = _remote_branch(root, branch)
    upstream = f"refs/remotes/{REMOTE}/{theirs}"
    if _git(root, "rev-parse", "-q", "--verify", upstream).returncode != 0:
        return None  # an empty remote: this folder's first commit will start it
    done = _git(root, "checkout", "-q", "-B", theirs, "--track", f"{REMOTE}/{theirs}")
    if done.returncode != 0:
        raise GitError(f"cannot check out {REMOTE}/{theirs}: {in_the_way(done.stderr)}")
    return theirs


def _pull(store: Store, url: str, branch: str, theirs: str) -> tuple[int, list[tuple[Path, Path]]]:
    """Replay this machine's commits on the remote's: (commits pulled, conflicts kept beside
    their notes)."""
    root = store.root
    upstream = f"refs/remotes/{REMOTE}/{theirs}"
    if _git(root, "rev-parse", "-q", "--verify", upstream).returncode != 0:
        return 0, []  # the remote has nothing yet
    before = _git(root, "rev-parse", "-q", "--verify", "HEAD").stdout.strip()
    counted = _git(root, "rev-list", "--count", f"HEAD..{upstream}" if before else upstream)
    pulled = int(counted.stdout.strip() or 0)
    if not pulled:
        return 0, []
    if not before:  # nothing committed here yet: take the remote's history
        done = _git(root, "checkout", "-q", "-B", branch, "--track", f"{REMOTE}/{theirs}")
        if done.returncode != 0:
            raise GitError(f"cannot check out {REMOTE}/{theirs}: {in_the_way(done.stderr)}")
        return pulled, []
    return pulled, replay(store, url, branch, upstream)


def _push(root: Path, url: str, branch: str) -> tuple[int, bool]:
    """Push to the remote's ``branch``: (commits pushed, whether the remote refused them as
    not a fast-forward: someone pushed meanwhile)."""
    upstream = f"refs/remotes/{REMOTE}/{branch}"
    known = _git(root, "rev-parse", "-q", "--verify", upstream).returncode == 0
    ahead_of = f"{upstream}..HEAD" if known else "HEAD"
    counted = _git(root, "rev-list", "--count", ahead_of)
    ahead = int(counted.stdout.strip() or 0) if counted.returncode == 0 else 0
    if not ahead:
        return 0, False
    pushed = _network(
        root, url, "push", "push", "--porcelain", "-u", REMOTE, f"HEAD:refs/heads/{branch}"
    )
    if pushed.returncode == 0:
        return ahead, False
    said = (pushed.stdout + pushed.stderr).lower()
    if "failed to update ref" in said or "cannot lock ref" in said:
        return 0, True  # another push got there at the same moment: fetch and try again
    if "[remote rejected]" in said:  # a hook or a permission on the server: say its reason
        reason = next(
            (line.strip() for line in (pushed.stdout + pushed.stderr).splitlines()
             if "remote rejected" in line.lower()),
            "refused",
        )  # fmt: skip
        raise GitError(f"{url} refused the push: {reason}")
    if "[rejected]" in said or "non-fast-forward" in said or "fetch first" in said:
        return 0, True
    raise _fail(url, "push", pushed)


def _conflict_message(store: Store, conflicts: Sequence[tuple[Path, Path]]) -> str:
    path, beside = conflicts[0]
    note, other = store.relative(path), store.relative(beside)
    more = f" (and {len(conflicts) - 1} more)" if len(conflicts) > 1 else ""
    return (
        f"{note}{more} changed on both machines: this machine's text is in {note}, the "
        f"other's in {other}. Keep what you want in {note}, delete {other}, then run "
        "weeknote sync (nothing was pushed)"
    )


def _disagreements(store: Store) -> list[str]:
    """Weeks the two machines wrote up differently: covered by two notes, or a break with a
    note."""
    store.forget_scan()
    covering: dict[str, list[str]] = {}
    for entry in store.scan():
        for week in entry.weeks:
            covering.setdefault(week, []).append(entry.name)
    found = [
        f"{week} is covered by {' and '.join(names)}: merge them into one note"
        for week, names in sorted(covering.items())
        if len(names) > 1
    ]
    found += [
        f"{declared.week} is a break and has a note ({covering[declared.week][0]}): "
        f"weeknote skip --undo {declared.week}, or move the note"
        for declared in store.breaks()
        if declared.week in covering
    ]
    return found


def attributes_missing(text: str) -> list[str]:
    """The merge-driver lines a ``.gitattributes`` text lacks."""
    present = {" ".join(line.split()) for line in text.splitlines()}
    return [line for line in ATTRIBUTES if line not in present]
