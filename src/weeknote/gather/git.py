"""The git source: the person's commits of the week, one candidate per repository and day.

Each repository is read by one ``git log`` (every branch, remote and tag; merges left out;
git itself keeps to the week with ``--since``/``--until``), all of them at once, and the
person is every address ``git config user.email`` gives in the repository, with
``gather.emails``. A commit is on the day of its author date, in local time.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from weeknote.gather.model import Candidate, Reading, Request, plain, shortened

TEXT_LIMIT = 120  # characters of a candidate's text: the subjects are cut to fit

_FORMAT = "--format=%H%x1f%ae%x1f%at%x1f%s"


def repositories(named: str) -> list[str] | None:
    """The repositories a configured path stands for: itself, or the repositories one
    level down in a folder that is none (sorted); None if it is no folder."""
    path = os.path.expanduser(named)
    if not os.path.isdir(path):
        return None
    if os.path.exists(os.path.join(path, ".git")):
        return [path]
    try:
        names = sorted(os.listdir(path))
    except OSError:
        return None
    return [
        os.path.join(path, name)
        for name in names
        if os.path.exists(os.path.join(path, name, ".git"))
    ]


def _bound(day: date) -> str:
    """Local midnight at the start of ``day``, as git reads a date."""
    moment = datetime.combine(day, time()).astimezone()
    return moment.strftime("%Y-%m-%d %H:%M:%S %z")


def read(paths: Sequence[str], request: Request, reading: Reading) -> None:
    """Add to ``reading`` the candidates of ``paths`` (repositories, already expanded) for
    the days asked for (a week up to today), one per repository and day."""
    days, emails = request.days, request.emails
    if not paths or not days:
        return
    first, last = min(days), max(days)
    since, until = _bound(first), _bound(last + timedelta(days=1))
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    started = []
    try:
        # user.email outside any repository (the global and system settings), asked once
        everywhere = _emails(["git", "-C", os.path.abspath(os.sep)], env)
        for path in paths:
            log = subprocess.Popen(
                ["git", "-C", path, "log", "-z", "--no-merges", "--branches", "--remotes",
                 "--tags", f"--since={since}", f"--until={until}", _FORMAT],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
            )  # fmt: skip
            started.append((path, log))
    except OSError as exc:
        reading.warnings.append(f"git cannot be run ({exc.strerror or exc}); no repository read")
        return
    wanted = set(days)
    for path, log in started:
        out, err = log.communicate()
        own = _local_emails(path, env)
        if own is None:  # a setting git alone can read (an include, a worktree): ask it
            own = _emails(["git", "-C", path], env)
        else:
            own += everywhere
        if log.returncode != 0:
            said = err.decode("utf-8", "replace").strip().splitlines()
            reading.warnings.append(
                f"{path}: git log failed ({said[-1] if said else log.returncode}); left out"
            )
            continue
        mine = {address.lower() for address in [*own, *emails]}
        reading.read.append(path)
        reading.candidates.extend(_candidates(path, out, mine, wanted, reading.covered))


def _emails(git: list[str], env: dict[str, str]) -> list[str]:
    """``git config --get-all user.email`` as ``git`` (``git -C PATH``) finds it."""
    done = subprocess.run(
        [*git, "config", "--get-all", "user.email"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    return done.stdout.decode("utf-8", "replace").split()


_USER = re.compile(r"^\s*\[\s*user\s*\]\s*$", re.IGNORECASE)
_SECTION = re.compile(r"^\s*\[")
_EMAIL = re.compile(r"^\s*email\s*=\s*\"?([^\"#;\s]+)\"?", re.IGNORECASE)


def _local_emails(path: str, env: dict[str, str]) -> list[str] | None:
    """The user.email a repository's own config file sets, read as text (no process per
    repository); None when only git can tell (the file includes others, the repository is
    a worktree, GIT_CONFIG or GIT_DIR are set)."""
    if any(name in env for name in ("GIT_DIR", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS")):
        return None
    try:
        with open(os.path.join(path, ".git", "config"), encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return None
    if "[include" in text.lower():
        return None
    found = []
    inside = False
    for line in text.splitlines():
        if _SECTION.match(line):
            inside = bool(_USER.match(line))
        elif inside:
            matched = _EMAIL.match(line)
            if matched:
                found.append(matched.group(1))
    return found


def _candidates(
    path: str, out: bytes, mine: set[str], days: set[date], covered: set[str]
) -> list[Candidate]:
    by_day: dict[date, dict[str, tuple[int, str]]] = defaultdict(dict)
    for record in out.decode("utf-8", "replace").split("\0"):
        fields = record.strip("\n").split("\x1f")
        if len(fields) != 4:
            continue
        commit, email, stamp, subject = fields
        if email.lower() not in mine or commit in covered:
            continue
        moment = datetime.fromtimestamp(int(stamp))
        if moment.date() in days:
            by_day[moment.date()][commit] = (int(stamp), plain(subject))
    name = plain(os.path.basename(os.path.normpath(path)))
    found = []
    for day, commits in by_day.items():
        ordered = sorted(commits.items(), key=lambda item: item[1][0])
        subjects = ", ".join(subject for _, (_, subject) in ordered if subject)
        count = len(ordered)
        head = f"{name}, {count} commit{'s' if count != 1 else ''}: "
        first = datetime.fromtimestamp(ordered[0][1][0]).strftime("%H:%M")
        found.append(
            Candidate(
                day=day,
                kind="git",
                source=name,
                text=head + shortened(subjects, max(TEXT_LIMIT - len(head), 24)),
                members=tuple(commit for commit, _ in ordered),
                when=first,
            )
        )
    return found
