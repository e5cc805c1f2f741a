"""Many writers at once: nothing lost, nothing torn, counted exactly."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from conftest import Run, bullets_text

# Each worker says on stdout when its first bullet is in, and says nothing else there.
WORKER = """
import sys
from weeknote.cli import app
worker, count, day = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
for i in range(count):
    try:
        app(["bullet", "--date", day, f"w{worker} n{i} " + "z" * (i % 97)], standalone_mode=False)
    except SystemExit as exc:
        if exc.code:
            raise
    if i == 0:
        print("first bullet in", file=sys.__stdout__, flush=True)
"""


def _workers(count: int, each: int, day: str) -> list[subprocess.Popen[bytes]]:
    env = dict(os.environ)
    return [
        subprocess.Popen([sys.executable, "-c", WORKER, str(w), str(each), day], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        for w in range(count)
    ]  # fmt: skip


def _first_bullets_in(procs: list[subprocess.Popen[bytes]]) -> None:
    """Wait until each worker has said its first bullet is in the draft."""
    for proc in procs:
        assert proc.stdout is not None
        assert proc.stdout.readline() == b"first bullet in\n", "a worker ended before a bullet"


def _ended(procs: list[subprocess.Popen[bytes]]) -> list[int]:
    for proc in procs:
        proc.communicate(timeout=600)
    return [proc.returncode for proc in procs]


def test_eight_processes_times_a_hundred_bullets(notes_dir: Path) -> None:
    procs = _workers(8, 100, "2026-11-18")
    assert _ended(procs) == [0] * 8
    lines = bullets_text(notes_dir / "drafts" / "2026-11-18.md").splitlines()
    expected = [f"- w{w} n{i} {'z' * (i % 97)}".rstrip() for w in range(8) for i in range(100)]
    assert len(lines) == 800
    assert sorted(lines) == sorted(expected)
    for w in range(8):  # each writer's bullets stay in the order it wrote them
        mine = [line for line in lines if line.startswith(f"- w{w} ")]
        assert mine == [line for line in expected if line.startswith(f"- w{w} ")]


def test_capture_while_new_writes_the_same_week(run: Run, notes_dir: Path) -> None:
    procs = _workers(2, 60, "2026-11-17")
    _first_bullets_in(procs)  # so `new` runs once both have begun
    with ThreadPoolExecutor(1) as pool:
        made = pool.submit(run, "new", "2026-W47", "--no-edit").result()
    assert made.exit_code == 0, made.stderr
    assert _ended(procs) == [0, 0]
    lines = bullets_text(notes_dir / "drafts" / "2026-11-17.md").splitlines()
    assert len(lines) == 120 and len(set(lines)) == 120
    note = (notes_dir / "2026-W47.md").read_text()
    in_note = sum(1 for line in lines if line in note)
    again = run("new", "2026-W47", "--no-edit")
    missing = 120 - in_note
    if missing:
        assert f"{missing} drafted bullet" in again.stderr
    else:
        assert "not in it yet" not in again.stderr
