"""A sync cut off at any step loses nothing: real processes stopped with SIGINT, SIGTERM and
SIGKILL at each step of the replay, made deterministic by a pause the sync (and a git hook,
inside git's own steps) announces and then waits at, until this test says go. The next
command finishes or undoes what was left, and both machines and the remote end with every
bullet."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path

import pytest

from conftest import Machine, bullets_text

pytestmark = pytest.mark.slow

LAPTOP = ["Laptop on Tuesday", "Laptop on Wednesday"]
DESKTOP = ["Desktop on Wednesday", "Desktop on Thursday", "Desktop again on Wednesday"]
DAYS = {
    "Laptop on Tuesday": "2026-11-17",
    "Laptop on Wednesday": "2026-11-18",
    "Desktop on Wednesday": "2026-11-18",
    "Desktop on Thursday": "2026-11-19",
    "Desktop again on Wednesday": "2026-11-18",
}
# The reference-transaction hook runs at every ref update git makes, during each pick too.
HOOK = """#!/bin/sh
cat > /dev/null
[ -e "{pause}/free" ] && exit 0
echo "git-$1" >> "{pause}/steps"
timeout 120 cat "{pause}/go" > /dev/null  # a git that outlived the test gives up
exit 0
"""


def bullets(machine: Machine) -> list[str]:
    found = []
    drafts = machine.notes / "drafts"
    for path in sorted(drafts.glob("*.md")) if drafts.is_dir() else []:
        found += [line[2:] for line in bullets_text(path).splitlines() if line.startswith("- ")]
    return sorted(found)


@pytest.fixture
def diverged(machines: tuple[Machine, Machine]) -> tuple[Machine, Machine]:
    """The laptop has pushed two bullets; the desktop has three of its own, unpushed."""
    laptop, desktop = machines
    for text in LAPTOP:
        laptop.run("bullet", "-d", DAYS[text], text)
    laptop.run("sync")
    for text in DESKTOP:
        desktop.run("bullet", "-d", DAYS[text], text)
    return laptop, desktop


class Paused:
    """`weeknote sync` in a process group of its own, held at each step it announces."""

    def __init__(self, machine: Machine, base: Path) -> None:
        self.dir = base / "pause"
        self.dir.mkdir()
        os.mkfifo(self.dir / "go")
        (self.dir / "steps").touch()
        self.hook = machine.notes / ".git" / "hooks" / "reference-transaction"
        self.seen = 0
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "weeknote", "sync"],
            env={**os.environ, **machine.env, "WEEKNOTE_SYNC_PAUSE": str(self.dir)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )

    def next_step(self) -> str | None:
        """The next step the sync announces, once it waits there; None once it ended."""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            steps = (self.dir / "steps").read_text().splitlines()
            if len(steps) > self.seen:
                self.seen += 1
                return steps[self.seen - 1]
            if self.proc.poll() is not None:
                return None
            time.sleep(0.005)
        raise AssertionError("the sync neither announced a step nor ended")

    def inside_git(self) -> None:
        """From here on, git's own steps are paused at too: each update of a ref."""
        self.hook.write_text(HOOK.format(pause=self.dir))
        self.hook.chmod(0o755)

    def go(self) -> None:
        with open(self.dir / "go", "w"):  # meets the reader waiting at the step
            pass

    def stop(self, how: signal.Signals, group: bool) -> tuple[int, str]:
        """Signal the sync where it waits, let every later step pass, and wait for it."""
        if group:
            os.killpg(self.proc.pid, how)
        else:
            self.proc.send_signal(how)
        (self.dir / "free").touch()
        deadline = time.monotonic() + 120
        while True:
            with suppress(OSError):  # a step still waiting (a git that outlived it): go on
                os.close(os.open(self.dir / "go", os.O_WRONLY | os.O_NONBLOCK))
            try:
                _, err = self.proc.communicate(timeout=0.05)
                break
            except subprocess.TimeoutExpired:
                assert time.monotonic() < deadline, "the stopped sync never ended"
        self.hook.unlink(missing_ok=True)
        return self.proc.returncode, err


def run_to(paused: Paused, wanted: str, count: int, inside_git: bool) -> bool:
    """Let the sync through its steps until the ``count``-th ``wanted`` (with
    ``inside_git``, a step of git's during the replay); False if it ended first."""
    met = 0
    if inside_git:
        if paused.next_step() != "recorded":
            return False
        paused.inside_git()
        paused.go()
    while (step := paused.next_step()) is not None:
        if step == wanted:
            met += 1
            if met == count:
                return True
        paused.go()
    return False


def age_git_locks(machine: Machine) -> None:
    """git's lock files a killed git left: as they are a minute later."""
    for lock in (machine.notes / ".git").rglob("*.lock"):
        past = time.time() - 120
        os.utime(lock, (past, past))


# Each way a person or the system stops a sync, at each step of its replay.
SIGNALS = [
    pytest.param(signal.SIGINT, True, id="ctrl-c"),  # a terminal signals the whole group
    pytest.param(signal.SIGTERM, False, id="kill"),
    pytest.param(signal.SIGKILL, True, id="kill-9"),
]
STEPS = [
    pytest.param("recorded", 1, False, id="before-the-rebase"),
    pytest.param("git-prepared", 1, True, id="first-pick"),
    pytest.param("git-prepared", 3, True, id="a-later-pick"),
    pytest.param("git-committed", 2, True, id="after-a-pick"),
    pytest.param("replayed", 1, False, id="after-the-rebase"),
]


@pytest.mark.parametrize(("wanted", "count", "inside_git"), STEPS)
@pytest.mark.parametrize(("how", "group"), SIGNALS)
def test_a_sync_cut_off_at_any_step_loses_nothing(
    diverged: tuple[Machine, Machine],
    tmp_path: Path,
    wanted: str,
    count: int,
    inside_git: bool,
    how: signal.Signals,
    group: bool,
) -> None:
    laptop, desktop = diverged
    mine = desktop.git("rev-parse", "HEAD").strip()
    paused = Paused(desktop, tmp_path)
    assert run_to(paused, wanted, count, inside_git), f"the sync never reached {wanted} #{count}"
    code, err = paused.stop(how, group)
    assert "Traceback" not in err
    if how == signal.SIGKILL:
        assert code == -signal.SIGKILL
        age_git_locks(desktop)
        settled = desktop.run("status").stderr
        assert "A sync" in settled and "cut off" in settled, settled
        assert len(re.findall(r"cut off", settled)) == 1
    else:
        assert code == 130, err
        assert "interrupted: the sync was undone" in err
        assert desktop.git("rev-parse", "HEAD").strip() == mine  # as it was before
        assert desktop.run("status").stderr.count("cut off") == 0  # nothing left to settle
    assert not (desktop.notes / ".git" / "rebase-merge").exists()
    assert bullets(desktop) == sorted(DESKTOP + LAPTOP) or bullets(desktop) == sorted(DESKTOP)
    desktop.run("sync")
    laptop.run("sync")
    everything = sorted(LAPTOP + DESKTOP)
    assert bullets(desktop) == everything
    assert bullets(laptop) == everything
    pushed = subprocess.run(
        ["git", "--git-dir", str(tmp_path / "remote.git"), "rev-parse", "main"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert laptop.git("rev-parse", "HEAD") == pushed == desktop.git("rev-parse", "HEAD")


def test_a_commit_git_stopped_on_is_never_skipped(
    diverged: tuple[Machine, Machine], tmp_path: Path
) -> None:
    """git stopped mid-pick with nothing unmerged and nothing staged (its pick was cut
    short): the commit is not on the new base, so the replay is undone, not skipped."""
    laptop, desktop = diverged
    hook = desktop.notes / ".git" / "hooks" / "reference-transaction"
    # refuse the second pick's update of HEAD, as an interrupted git leaves it
    hook.write_text(
        '#!/bin/sh\ncat > /dev/null\n[ "$1" = prepared ] || exit 0\n'
        f'n=$(cat "{tmp_path}/n" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "{tmp_path}/n"\n'
        '[ "$n" = 2 ] && exit 1\nexit 0\n'
    )
    hook.chmod(0o755)
    mine = desktop.git("rev-parse", "HEAD").strip()
    stopped = desktop.run("sync", code=9)
    assert "stopped" in stopped.stderr and "Synced" not in stopped.stderr
    assert desktop.git("rev-parse", "HEAD").strip() == mine
    assert not (desktop.notes / ".git" / "rebase-merge").exists()
    hook.unlink()
    desktop.run("sync")
    laptop.run("sync")
    assert bullets(laptop) == sorted(LAPTOP + DESKTOP)


def test_a_rebase_someone_else_left_is_said_and_new_waits(
    diverged: tuple[Machine, Machine],
) -> None:
    _, desktop = diverged
    desktop.git("fetch", "-q", "origin")
    done = subprocess.run(
        ["git", "-C", str(desktop.notes), "rebase", "-q", "--exec", "false", "origin/main"],
        capture_output=True,
        text=True,
        env={**os.environ, **desktop.env},
    )
    assert done.returncode != 0 and (desktop.notes / ".git" / "rebase-merge").exists()
    shown = desktop.run("status")
    assert "a rebase is in progress" in shown.stderr and "not weeknote's" in shown.stderr
    refused = desktop.run("new", "--no-edit", code=6)
    assert "no note was written" in refused.stderr
    saved = desktop.run("bullet", "-d", "2026-11-19", "Typed while git waits")
    assert "a rebase is in progress" in saved.stderr
    assert "Typed while git waits" in bullets(desktop)


def test_sync_names_a_draft_it_left_out(machines: tuple[Machine, Machine]) -> None:
    laptop, _ = machines
    laptop.run("bullet", "-d", "2026-11-18", "kept")
    drafts = laptop.notes / "drafts"
    (drafts / "2026-11-19.md").write_text("<<<<<<< HEAD\n- one\n=======\n- two\n>>>>>>> x\n")
    synced = laptop.run("sync", code=6)
    assert "Left out drafts/2026-11-19.md: it holds git conflict markers" in synced.stderr
    assert "drafts/2026-11-19.md" not in laptop.git("ls-files")
