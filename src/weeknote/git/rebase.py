"""Replaying this machine's commits on the remote's, so that a sync cut off loses nothing.

sync.py fetches and pushes; the replay in between is where a sync cut off could drop a
bullet, so it keeps four rules:

1. Before ``git rebase`` starts, a record (``.git/weeknote-sync``) names the branch and the
   commit it was at. Every sync that ends removes it. One that a later command finds (the
   sync was killed) is settled then, before that command reads a note: a rebase still
   under way is aborted back to the recorded commit; one that git finished is kept if it
   kept every line (rule 4), else undone. Either way one line says which.
2. SIGINT or SIGTERM during the replay: git is let finish its step (it removes its own
   locks), the rebase is aborted back to where it started, then the command stops.
3. A stop with nothing to resolve is skipped only when git shows that the commit's changes
   are already on the new base; any other stop aborts the rebase.
4. Before anything is pushed, every line that this machine's commits added to a note, a
   draft or ``breaks.txt`` must still be there, unless the other machine removed that same
   line (as ``bullet --undo`` does). Otherwise the branch goes back to this machine's
   commits and nothing is pushed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from weeknote.errors import GitError, WeeknoteError, WriteError
from weeknote.folder.feedid import FEED_ID
from weeknote.folder.store import Store
from weeknote.git import repository
from weeknote.git.repository import _first_line, _git, is_own

# The files sync's promise covers, relative to the notes folder.
KEPT = (":(glob)*.md", ":(glob)drafts/*.md", "breaks.txt")
# git's own lock files a killed git can leave behind; removed only when a sync of ours was
# cut off, nothing of weeknote's is running and they are older than this many seconds.
STALE_SECONDS = 60
_GIT_LOCKS = ("index.lock", "HEAD.lock", "ORIG_HEAD.lock", "AUTO_MERGE.lock")


_STOPPING = (signal.SIGINT, signal.SIGTERM)


class Interrupted(WeeknoteError):
    """SIGINT or SIGTERM during a sync; what it had started was undone."""

    exit_code = 130


class _Terminated(BaseException):
    """SIGTERM, raised where SIGINT raises KeyboardInterrupt."""


@dataclass(frozen=True)
class Started:
    """What a sync records before it replays: the branch, and the commits involved."""

    branch: str
    head: str  # this machine's commit before the replay
    onto: str  # the remote's commit it is replayed onto


# -- the record ------------------------------------------------------------------------------


def _record_path(folder: Path) -> Path:
    return folder / repository.SYNC_RECORD


def _write_record(folder: Path, started: Started) -> None:
    from weeknote.folder.files import write_atomic

    text = json.dumps({"branch": started.branch, "head": started.head, "onto": started.onto})
    write_atomic(_record_path(folder), text + "\n", overwrite=True)


def read_record(folder: Path) -> Started | None:
    try:
        data = json.loads(_record_path(folder).read_text(encoding="utf-8"))
        return Started(str(data["branch"]), str(data["head"]), str(data["onto"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return Started("", "", "")  # unreadable: settled as one that cannot be checked


def _clear_record(folder: Path) -> None:
    with suppress(FileNotFoundError):
        os.unlink(_record_path(folder))


# -- a step the tests can stop at ---------------------------------------------------------


def step(name: str) -> None:
    """A point where a test may stop this process: with WEEKNOTE_SYNC_PAUSE naming a folder
    that holds a FIFO ``go``, the step's name is appended to its ``steps`` file and the
    sync waits until the test opens ``go`` (or makes a file ``free`` there)."""
    where = os.environ.get("WEEKNOTE_SYNC_PAUSE")
    if not where or os.path.exists(os.path.join(where, "free")):
        return
    with open(os.path.join(where, "steps"), "a", encoding="utf-8") as steps:
        steps.write(name + "\n")
    with open(os.path.join(where, "go"), encoding="utf-8") as go:
        go.read()


# -- signals ---------------------------------------------------------------------------------


@contextmanager
def _stopped_by_term() -> Iterator[None]:
    """While the replay runs, SIGTERM stops it the way SIGINT does, so that it is undone."""

    def on_term(signum: int, frame: FrameType | None) -> None:
        raise _Terminated

    try:
        previous = signal.signal(signal.SIGTERM, on_term)
    except ValueError:  # not the main thread: nothing to install
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def _deaf() -> Iterator[None]:
    """No SIGINT or SIGTERM while the replay is undone (git, started meanwhile, inherits
    that too): the undoing must finish."""
    try:
        previous = [(sig, signal.signal(sig, signal.SIG_IGN)) for sig in _STOPPING]
    except ValueError:
        yield
        return
    try:
        yield
    finally:
        for sig, handler in previous:
            signal.signal(sig, handler)


def _git_step(
    root: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """git, let finish when this process is interrupted: killed mid-step, it would leave
    its lock files and a half-written index."""
    try:
        proc = subprocess.Popen(
            ["git", "-C", str(root), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "LC_ALL": "C", **(env or {})},
        )
    except FileNotFoundError:
        raise GitError(repository.NO_GIT) from None
    try:
        out, err = proc.communicate()
    except BaseException:
        if proc.poll() is None:
            with suppress(OSError):
                proc.send_signal(signal.SIGTERM)  # git removes its locks on SIGTERM
        while True:
            try:
                proc.wait()
                break
            except (KeyboardInterrupt, _Terminated):
                continue
        raise
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


# -- the replay ----------------------------------------------------------------------------


def replay(store: Store, url: str, branch: str, upstream: str) -> list[tuple[Path, Path]]:
    """Replay this machine's commits on ``upstream``; the notes whose two texts were kept
    side by side. Called with the folder's lock held whole."""
    root = store.root
    folder = repository.git_dir(root)
    assert folder is not None
    started = Started(
        branch,
        _git(root, "rev-parse", "HEAD").stdout.strip(),
        _git(root, "rev-parse", upstream).stdout.strip(),
    )
    with _stopped_by_term():
        try:
            _write_record(folder, started)
            step("recorded")
            conflicts = _rebase(store, url, folder, upstream)
            step("replayed")
            lost = lost_lines(root, started)
            if lost:
                raise GitError(
                    f"the replay lost {_lost_text(lost)}, so nothing was pushed and this "
                    "machine's commits are as they were: run weeknote sync again"
                )
        except BaseException as exc:
            with _deaf():
                _undo(root, folder, started)
                _clear_record(folder)
            if isinstance(exc, KeyboardInterrupt | _Terminated):
                raise Interrupted(
                    "interrupted: the sync was undone, this machine's notes and commits are "
                    "as they were before it and nothing was pushed; run weeknote sync again"
                ) from None
            raise
        _clear_record(folder)
    return conflicts


def _rebase(store: Store, url: str, folder: Path, upstream: str) -> list[tuple[Path, Path]]:
    root = store.root
    editor = {"GIT_EDITOR": "true"}
    done = _git_step(root, "rebase", upstream, env=editor)
    conflicts: list[tuple[Path, Path]] = []
    for _ in range(10_000):  # a bound, not a limit: one round per replayed commit
        if repository.in_progress(folder) != "a rebase":
            break
        step("stopped")
        unmerged = _unmerged(root)
        for relative in unmerged:
            kept = keep_both(store, relative)
            if kept is not None and kept[1] != kept[0]:
                conflicts.append(kept)
        if unmerged:
            step("resolved")
            done = _git_step(root, "rebase", "--continue", env=editor)
            if done.returncode != 0 and repository.in_progress(folder) and not _unmerged(root):
                if _has_staged(root):
                    raise GitError(f"git pull --rebase from {url} stopped: {_why(done)}")
                # the resolution left nothing of the commit: every line of it is already
                # on the new base (the lines are checked again before pushing)
                done = _git_step(root, "rebase", "--skip", env=editor)
        elif not _has_staged(root) and _already_upstream(root):
            done = _git_step(root, "rebase", "--skip", env=editor)
        else:
            raise GitError(
                f"git pull --rebase from {url} stopped on a commit with nothing to resolve "
                f"({_why(done)})"
            )
    if done.returncode != 0 and not repository.in_progress(folder):
        raise GitError(f"git pull --rebase from {url} failed: {_why(done)}")
    return conflicts


def _why(done: subprocess.CompletedProcess[str]) -> str:
    return in_the_way(done.stderr or done.stdout)


def _unmerged(root: Path) -> list[str]:
    return _git(root, "diff", "--name-only", "--diff-filter=U").stdout.split()


def _has_staged(root: Path) -> bool:
    return _git(root, "diff", "--cached", "--quiet").returncode != 0


def _already_upstream(root: Path) -> bool:
    """Whether the commit the rebase stopped on changes nothing on the new base: its diff,
    taken back, applies to what is there."""
    patch = _git(root, "diff", "--binary", "REBASE_HEAD~1", "REBASE_HEAD")
    if patch.returncode != 0:
        return False  # git stopped before it named the commit: nothing proves it is there
    if not patch.stdout:
        return True  # an empty commit
    check = subprocess.run(
        ["git", "-C", str(root), "apply", "--check", "--cached", "-R", "-"],
        input=patch.stdout,
        capture_output=True,
        text=True,
        check=False,
    )
    return check.returncode == 0


def _undo(root: Path, folder: Path, started: Started) -> None:
    """Back to the recorded commit: a rebase under way is aborted, one git finished is
    reset (keeping files changed since, where git can)."""
    if repository.in_progress(folder) == "a rebase":
        done = _git(root, "rebase", "--abort")
        if done.returncode == 0:
            return
        if repository.in_progress(folder) == "a rebase":
            raise GitError(
                f"git rebase --abort in {root} failed ({_first_line(done.stderr)}): run it "
                "again when no git is running; this machine's commits are kept in git"
            )
    head = _git(root, "rev-parse", "HEAD").stdout.strip()
    if started.head and head != started.head:
        done = _git(root, "reset", "-q", "--keep", started.head)
        if done.returncode != 0:
            raise GitError(
                f"cannot go back to this machine's commit {started.head[:12]} in {root}: "
                f"{_first_line(done.stderr)}"
            )


def in_the_way(stderr: str) -> str:
    """git's complaint, with the files it names (listed on the lines after its first)."""
    lines = [line.strip() for line in stderr.strip().splitlines() if line.strip()]
    if not lines:
        return "no message"
    files = [line for line in lines[1:] if not line.lower().startswith(("please", "aborting"))]
    if files and lines[0].endswith(":"):
        return f"{lines[0]} {', '.join(files[:3])}: move them away, then sync"
    return lines[0]


def keep_both(store: Store, relative: str) -> tuple[Path, Path] | None:
    """Resolve a conflicted file. A draft or breaks.txt: merged line by line. The feed's
    id: the remote's. A note or template: this machine's text in it, the other machine's
    in a conflict file beside it (returned with it). During a rebase stage 3 is the
    commit being replayed (this machine's), stage 2 the remote's (the other machine's) and
    stage 1 their ancestor."""
    from weeknote.folder.files import write_atomic

    root = store.root
    path = root / relative
    base, theirs, mine = (_stage(root, number, relative) for number in (1, 2, 3))
    if merged_by_lines(relative):  # the merge driver was not there: do its work here
        from weeknote.git.linemerge import merge_lines

        merged = merge_lines(base or "", theirs or "", mine or "", relative)
        write_atomic(path, merged, overwrite=True)
        _git(root, "add", "--", relative)
        return None
    if relative == FEED_ID and theirs is not None:
        # Made on both machines before they first synced: the one the remote already has
        # stays, so the feed keeps one id (this machine's id goes, as it was never shared).
        write_atomic(path, theirs, overwrite=True)
        _git(root, "add", "--", relative)
        return None
    if not is_own(store, path) or not relative.endswith(".md"):
        raise GitError(
            f"{relative} was changed on both machines and is not one of weeknote's files: "
            f"merge it by hand (git pull --rebase origin), then sync; nothing was changed"
        )
    kept = mine if mine is not None else theirs
    if kept is None:
        _git(root, "rm", "-q", "--", relative)  # deleted on both sides
        return None
    write_atomic(path, kept, overwrite=True)
    beside = path
    if mine is not None and theirs is not None and theirs != mine:
        beside = free_name(path)
        write_atomic(beside, theirs, overwrite=False)
        _git(root, "add", "--", store.relative(beside))
    _git(root, "add", "--", relative)
    return path, beside


def merged_by_lines(relative: str) -> bool:
    return relative == "breaks.txt" or (relative.startswith("drafts/") and relative.endswith(".md"))


def _stage(root: Path, number: int, relative: str) -> str | None:
    shown = _git(root, "show", f":{number}:{relative}")
    return shown.stdout if shown.returncode == 0 else None


def free_name(path: Path) -> Path:
    beside = path.with_name(f"{path.stem}.conflict.md")
    count = 2
    while beside.exists():
        beside = path.with_name(f"{path.stem}.conflict-{count}.md")
        count += 1
    return beside


# -- rule 4: every line this machine added is kept ---------------------------------------


def lost_lines(root: Path, started: Started) -> list[tuple[str, str]]:
    """Lines this machine's commits (since the merge base) added to a note, a draft or
    breaks.txt that HEAD no longer holds, though the other machine did not remove them:
    (file, line) pairs."""
    base = _git(root, "merge-base", started.head, started.onto).stdout.strip()
    if not base:
        base = _git(root, "hash-object", "-t", "tree", "/dev/null").stdout.strip()
    added = _changed_lines(root, base, started.head, "+")
    if not added:
        return []
    removed = _changed_lines(root, base, started.onto, "-")
    lost = []
    for path, lines in added.items():
        shown = _git(root, "show", f"HEAD:./{path}")
        present = set(shown.stdout.splitlines()) if shown.returncode == 0 else set()
        gone = removed.get(path, set())
        lost += [(path, line) for line in lines if line not in present and line not in gone]
    return lost


def _changed_lines(root: Path, old: str, new: str, sign: str) -> dict[str, set[str]]:
    diff = _git(
        root, "diff", "--no-color", "--no-ext-diff", "--no-renames", "--relative", "-U0",
        old, new, "--", *KEPT,
    )  # fmt: skip
    found: dict[str, set[str]] = {}
    path = ""
    for line in diff.stdout.splitlines():
        if line.startswith("+++ ") or line.startswith("--- "):
            if line[:3] == ("+++" if sign == "+" else "---") and line[4:] != "/dev/null":
                path = line[6:]  # "+++ b/drafts/…"
            continue
        if line.startswith(sign) and line[1:].strip():
            found.setdefault(path, set()).add(line[1:])
    return found


def _lost_text(lost: list[tuple[str, str]]) -> str:
    path, line = lost[0]
    more = f" and {len(lost) - 1} more" if len(lost) > 1 else ""
    return f"a line of {path} ({line.strip()[:60]!r}){more}"


# -- settling a sync that was cut off --------------------------------------------------------


def settle(root: Path) -> str | None:
    """If a sync of this folder was cut off (its record is there and no sync runs), finish
    or undo what it left: the line that says which, or None when there was nothing to do."""
    folder = repository.find_git_dir(root)
    if folder is None:
        return None
    started = read_record(folder)
    if started is None:
        return None
    try:
        with repository.writing(root, exclusive=True, wait=0):
            return _settle(root, folder, started)
    except WriteError:
        return None  # a sync (or a writer) is running: it is not cut off


def _settle(root: Path, folder: Path, started: Started) -> str | None:
    if read_record(folder) is None:
        return None  # settled by another command meanwhile
    rebasing = repository.in_progress(folder) == "a rebase"
    if rebasing and not _ours(folder, started):
        _clear_record(folder)  # someone else's rebase: theirs to finish
        return None
    _remove_stale_locks(folder)
    if not rebasing and started.head:
        if _git(root, "rev-parse", "HEAD").stdout.strip() == started.head:
            _clear_record(folder)
            return (
                "A sync was cut off before it changed anything: nothing was lost; weeknote "
                "sync tries again"
            )
        if not lost_lines(root, started):
            _clear_record(folder)
            return (
                "A sync that was cut off had replayed this machine's commits: they are "
                "kept; weeknote sync pushes them"
            )
    edits = _edits(root) if rebasing else {}
    with _deaf():
        _undo(root, folder, started)
        _clear_record(folder)
    _put_back(root, edits)
    return (
        "A sync that was cut off was undone: this machine's notes and commits are as they "
        "were before it; weeknote sync tries again"
    )


def _ours(folder: Path, started: Started) -> bool:
    try:
        orig = (folder / "rebase-merge" / "orig-head").read_text().strip()
    except OSError:
        try:
            orig = (folder / "rebase-apply" / "orig-head").read_text().strip()
        except OSError:
            return False
    return not started.head or orig == started.head


def _remove_stale_locks(folder: Path) -> None:
    """git's lock files a git killed with the sync left behind (no weeknote command is
    running: this one holds the folder whole)."""
    branch_locks = [str(p.relative_to(folder)) for p in (folder / "refs" / "heads").rglob("*.lock")]
    for name in (*_GIT_LOCKS, *branch_locks):
        path = folder / name
        try:
            if time.time() - path.stat().st_mtime > STALE_SECONDS:
                path.unlink()
        except OSError:
            continue


def _edits(root: Path) -> dict[str, tuple[str, str]]:
    """Files changed in the work tree since the rebase stopped (a person's edits, which
    undoing the rebase would overwrite): their index text and their text."""
    unmerged = set(_unmerged(root))
    names = _git(root, "diff", "--name-only", "--relative", "--", *KEPT).stdout.split()
    edits = {}
    for name in names:
        if name in unmerged:
            continue
        staged = _git(root, "show", f":./{name}")
        try:
            text = (root / name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        edits[name] = (staged.stdout if staged.returncode == 0 else "", text)
    return edits


def _put_back(root: Path, edits: dict[str, tuple[str, str]]) -> None:
    """Edits saved by _edits, merged into the files as the undoing left them: drafts and
    breaks.txt line by line; any other file is its edited text if the undoing did not
    change it, else that text goes beside it as a conflict file."""
    if not edits:
        return
    from weeknote.folder.files import write_atomic
    from weeknote.git.linemerge import merge_lines

    for name, (base, edited) in edits.items():
        path = root / name
        try:
            now = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            now = ""
        if merged_by_lines(name):
            write_atomic(path, merge_lines(base, now, edited, name), overwrite=True)
        elif now == base:
            write_atomic(path, edited, overwrite=True)
        elif now != edited:
            write_atomic(free_name(path), edited, overwrite=False)
