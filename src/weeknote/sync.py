"""`weeknote sync`: the notes folder's repository and its remote, kept alike.

One sync commits what is pending (files changed outside weeknote), fetches, replays this
machine's commits on the remote's (``git pull --rebase``), puts merged drafts back in the
order their bullets were added, and pushes.

- Drafts and ``breaks.txt`` merge by themselves: ``init --git`` marks them ``merge=union``
  in ``.gitattributes``, so two machines' bullets of one day both stay, and each bullet's
  added-moment puts them in order (see drafts.py).
- A note (or template) changed on both machines is a real conflict. This machine's text
  stays in the note; the other machine's is put beside it as ``2026-W47.conflict.md``;
  the replay completes, so the folder is never left half-merged, but nothing is pushed and
  the sync stops, naming the note. ``weeknote status`` says what to do.
- No network is normal: the sync says so in one line, and the next one tries again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from weeknote import gitsync
from weeknote.errors import ConflictError, GitError
from weeknote.gitsync import _first_line, _git
from weeknote.store import Store

REMOTE = "origin"
CONFLICT_NAME = re.compile(r"\.conflict(?:-\d+)?\.md$")
UNION = ("drafts/*.md merge=union", "breaks.txt merge=union")
OUTSIDE = "changes made outside weeknote"
TIDY = "sync: drafted bullets in the order they were added"

# What git says when the remote cannot be reached at all.
_UNREACHABLE = (
    "could not resolve host",
    "unable to access",
    "connection refused",
    "could not read from remote repository",
    "does not appear to be a git repository",
    "network is unreachable",
    "timed out",
    "no route to host",
    "unable to connect",
    "connection reset",
)


class Unreachable(GitError):
    """The remote could not be reached: offline, or a wrong address."""


class SyncConflict(ConflictError):
    """A note was changed on both machines; both texts are kept, nothing was pushed."""


@dataclass(frozen=True)
class Synced:
    remote: str
    pulled: int  # commits brought in from the remote
    pushed: int  # commits sent to it
    committed: tuple[str, ...]  # subjects of the commits this sync made first


def conflict_files(root: Path) -> list[Path]:
    """The ``*.conflict.md`` files a sync left beside notes and templates."""
    found = [p for p in root.glob("*.md") if CONFLICT_NAME.search(p.name)]
    found += [p for p in (root / "templates").glob("*.md") if CONFLICT_NAME.search(p.name)]
    return sorted(found)


def original_of(conflict: Path) -> Path:
    """2026-W47.conflict.md -> 2026-W47.md."""
    return conflict.with_name(CONFLICT_NAME.sub(".md", conflict.name))


def commit_outside(store: Store, exclude: Sequence[Path] = ()) -> str | None:
    """Commit weeknote's own files that were changed by hand since the last commit, in a
    commit of their own; the subject, or None when there were none."""
    folder = gitsync.git_dir(store.root)
    if folder is None or gitsync.in_progress(folder):
        return None  # the command's own commit says why nothing is committed, once
    skip = {str(path.resolve()) for path in exclude}
    own = [
        path
        for relative in gitsync.changed(store.root)
        if _is_own(store, path := store.root / relative)
        and str(path.resolve()) not in skip
        and not _holds_markers(path)
    ]
    if own and gitsync.commit(store.root, own, OUTSIDE):
        return OUTSIDE
    return None


def _holds_markers(path: Path) -> bool:
    from weeknote.drafts import conflict_line

    try:
        return conflict_line(path.read_text(encoding="utf-8", errors="replace")) is not None
    except OSError:
        return False


def _is_own(store: Store, path: Path) -> bool:
    """Whether a path is one weeknote keeps: a note, a draft, breaks.txt, a template, a
    conflict file or the git files it writes (a deleted one too)."""
    from weeknote.store import NOTE_NAME

    relative = store.relative(path)
    parts = relative.split("/")
    if len(parts) == 1:
        return bool(
            NOTE_NAME.fullmatch(relative) or CONFLICT_NAME.search(relative)
        ) or relative in ("breaks.txt", ".gitignore", ".gitattributes")
    return len(parts) == 2 and parts[0] in ("drafts", "templates") and parts[1].endswith(".md")


def sync(store: Store, remote_setting: str = "") -> Synced:
    """Commit, pull --rebase, push: see the module's docstring."""
    root = store.root
    folder = gitsync.git_dir(root)
    if folder is None:
        raise GitError(f"{root} is not a git repository: make it one with weeknote init --git")
    busy = gitsync.in_progress(folder)
    if busy:
        raise GitError(
            f"{busy} is in progress in {root}: finish it (git status says how), then sync"
        )
    committed = [subject for subject in (commit_outside(store),) if subject]
    url = gitsync.remote_url(root, REMOTE)
    if url is None and remote_setting:  # git.remote set before the folder had a remote
        gitsync.set_remote(root, remote_setting, REMOTE)
        url = remote_setting
    if url is None:
        raise GitError(
            f"{root} has no remote to sync with: set one with weeknote config git.remote URL"
        )
    branch = _git(root, "symbolic-ref", "--short", "-q", "HEAD").stdout.strip()
    if not branch:
        raise GitError(f"{root} is on no branch (a detached HEAD): check one out, then sync")
    for attempt in range(2):
        _fetch(root, url)
        theirs = _remote_branch(root, branch)
        pulled, conflicts, tidied = _pull(store, url, branch, theirs)
        committed += tidied
        if conflicts:
            raise SyncConflict(_conflict_message(conflicts))
        pushed, rejected = _push(root, url, theirs)
        if not rejected:
            return Synced(url, pulled, pushed, tuple(committed))
        if attempt:  # someone pushed between our fetch and our push, twice
            raise GitError(f"{url} keeps changing while syncing: run weeknote sync again")
    raise AssertionError("unreachable")


def _fail(url: str, step: str, result: object) -> GitError:
    stderr = getattr(result, "stderr", "") or ""
    if any(sign in stderr.lower() for sign in _UNREACHABLE):
        return Unreachable(
            f"cannot reach {url} to {step}: offline? Nothing was {step}ed; the notes are "
            "saved, and the next sync tries again"
        )
    return GitError(f"git {step} from {url} failed: {_first_line(stderr)}")


def _fetch(root: Path, url: str) -> None:
    fetched = _git(root, "fetch", "-q", REMOTE)
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
    url = gitsync.remote_url(root, REMOTE)
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
        raise GitError(f"cannot check out {REMOTE}/{theirs}: {_first_line(done.stderr)}")
    return theirs


def _pull(
    store: Store, url: str, branch: str, theirs: str
) -> tuple[int, list[tuple[Path, Path]], list[str]]:
    """Replay this machine's commits on the remote's: (commits pulled, conflicts kept beside
    their notes, subjects of tidying commits)."""
    root = store.root
    upstream = f"refs/remotes/{REMOTE}/{theirs}"
    if _git(root, "rev-parse", "-q", "--verify", upstream).returncode != 0:
        return 0, [], []  # the remote has nothing yet
    before = _git(root, "rev-parse", "-q", "--verify", "HEAD").stdout.strip()
    counted = _git(root, "rev-list", "--count", f"HEAD..{upstream}" if before else upstream)
    pulled = int(counted.stdout.strip() or 0)
    if not pulled:
        return 0, [], []
    editor = {"GIT_EDITOR": "true"}
    if before:
        done = _git(root, "rebase", "--autostash", upstream, env=editor)
    else:  # nothing committed here yet: take the remote's history
        done = _git(root, "checkout", "-q", "-B", branch, "--track", f"{REMOTE}/{theirs}")
    conflicts: list[tuple[Path, Path]] = []
    folder = gitsync.git_dir(root)
    assert folder is not None
    while gitsync.in_progress(folder) == "a rebase":
        unmerged = _git(root, "diff", "--name-only", "--diff-filter=U").stdout.split()
        if not unmerged:
            done = _git(root, "rebase", "--skip", env=editor)  # a commit with nothing left
            continue
        for relative in unmerged:
            try:
                kept = _keep_both(root, relative)
            except GitError:
                _git(root, "rebase", "--abort")  # back to this machine's state, as before
                raise
            if kept is not None and kept[1] != kept[0]:
                conflicts.append(kept)
        done = _git(root, "rebase", "--continue", env=editor)
    if done.returncode != 0 and not gitsync.in_progress(folder):
        head = _git(root, "rev-parse", "HEAD").stdout.strip()
        if head == before:
            raise GitError(f"git pull --rebase from {url} failed: {_first_line(done.stderr)}")
    return pulled, conflicts, _tidy(store, before)


def _keep_both(root: Path, relative: str) -> tuple[Path, Path] | None:
    """Resolve a conflicted file. A draft or breaks.txt: every line of both, in order. A
    note or template: this machine's text in it, the other machine's in a conflict file
    beside it (returned with it). During a rebase stage 3 is the commit being replayed
    (this machine's) and stage 2 the remote's (the other machine's)."""
    path = root / relative
    mine = _stage(root, 3, relative)
    theirs = _stage(root, 2, relative)
    from weeknote.files import write_atomic

    if _unionable(relative):  # a draft or breaks.txt without its merge=union attribute
        lines = (mine or "").splitlines(keepends=True)
        lines += [line for line in (theirs or "").splitlines(keepends=True) if line not in lines]
        merged = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
        from weeknote.breaks import tidy_breaks
        from weeknote.drafts import in_order

        merged = tidy_breaks(merged) if relative == "breaks.txt" else in_order(merged)
        write_atomic(path, merged, overwrite=True, track=False)
        _git(root, "add", "--", relative)
        return None
    if not relative.endswith(".md"):
        raise GitError(
            f"{relative} changed on both machines: merge it by hand (git status), then sync"
        )
    kept = mine if mine is not None else theirs
    if kept is None:
        _git(root, "rm", "-q", "--", relative)  # deleted on both sides
        return None

    write_atomic(path, kept, overwrite=True, track=False)
    beside = path
    if mine is not None and theirs is not None and theirs != mine:
        beside = _free_name(path)
        write_atomic(beside, theirs, overwrite=False, track=False)
        _git(root, "add", "--", store_relative(root, beside))
    _git(root, "add", "--", relative)
    return path, beside


def _unionable(relative: str) -> bool:
    return relative == "breaks.txt" or (relative.startswith("drafts/") and relative.endswith(".md"))


def store_relative(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _stage(root: Path, number: int, relative: str) -> str | None:
    shown = _git(root, "show", f":{number}:{relative}")
    return shown.stdout if shown.returncode == 0 else None


def _free_name(path: Path) -> Path:
    beside = path.with_name(f"{path.stem}.conflict.md")
    count = 2
    while beside.exists():
        beside = path.with_name(f"{path.stem}.conflict-{count}.md")
        count += 1
    return beside


def _tidy(store: Store, before: str) -> list[str]:
    """Drafts and breaks.txt that the pull changed, back in time order and each line once;
    committed, when anything moved."""
    from weeknote.breaks import tidy_breaks
    from weeknote.drafts import in_order
    from weeknote.files import write_atomic

    root = store.root
    since = [before, "HEAD"] if before else ["HEAD"]
    listed = _git(root, "diff", "--name-only", *since) if before else _git(root, "ls-files")
    changed = []
    for relative in listed.stdout.split():
        if relative.startswith("drafts/") and relative.endswith(".md"):
            tidy = in_order
        elif relative == "breaks.txt":
            tidy = tidy_breaks
        else:
            continue
        path = root / relative
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        tidied = tidy(text)
        if tidied != text:
            write_atomic(path, tidied, overwrite=True, track=False)
            changed.append(path)
    if changed and gitsync.commit(root, changed, TIDY):
        return [TIDY]
    return []


def _push(root: Path, url: str, branch: str) -> tuple[int, bool]:
    """Push to the remote's ``branch``: (commits pushed, whether the remote refused them as
    not a fast-forward)."""
    upstream = f"refs/remotes/{REMOTE}/{branch}"
    known = _git(root, "rev-parse", "-q", "--verify", upstream).returncode == 0
    ahead_of = f"{upstream}..HEAD" if known else "HEAD"
    counted = _git(root, "rev-list", "--count", ahead_of)
    ahead = int(counted.stdout.strip() or 0) if counted.returncode == 0 else 0
    if not ahead:
        return 0, False
    pushed = _git(root, "push", "-q", "-u", REMOTE, f"HEAD:refs/heads/{branch}")
    if pushed.returncode == 0:
        return ahead, False
    text = pushed.stderr.lower()
    if "rejected" in text or "fetch first" in text or "non-fast-forward" in text:
        return 0, True
    raise _fail(url, "push", pushed)


def _conflict_message(conflicts: Sequence[tuple[Path, Path]]) -> str:
    path, beside = conflicts[0]
    more = f" (and {len(conflicts) - 1} more)" if len(conflicts) > 1 else ""
    if beside == path:
        return f"{path.name}{more} changed on both machines; this machine's text is kept"
    return (
        f"{path.name}{more} changed on both machines: this machine's text is in {path.name}, "
        f"the other's in {beside.name}. Keep what you want in {path.name}, delete "
        f"{beside.name}, then run weeknote sync (nothing was pushed)"
    )


def attributes_missing(text: str) -> list[str]:
    """The merge=union lines a ``.gitattributes`` text lacks."""
    present = {" ".join(line.split()) for line in text.splitlines()}
    return [line for line in UNION if line not in present]
