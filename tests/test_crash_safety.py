"""Kill writers with SIGKILL at random moments: every file is its old or its new content,
never partial, and what a killed writer leaves behind trips no later command.

Each writer is a process looping over the real write path as fast as it can, so a kill
lands inside a write far more often than it would between whole commands. The kill comes a
random moment after the writer has said it finished its first round (a line on a pipe), so
however slow the machine, there is always something whole on disk to check.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from conftest import Run, bullets_text

ROUNDS = 12
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")


def _kill_at_random(setup: str, step: str, env: dict[str, str], seed: int) -> None:
    """Run ``setup``, then ``step`` for i = 0, 1, 2, ... in a fresh interpreter, and SIGKILL
    it a random moment after it has said, on a pipe of its own, that its first step is done."""
    said_r, said_w = os.pipe()
    code = (
        f"{setup}\nimport itertools, os\n"
        f"for i in itertools.count():\n{textwrap.indent(step, '    ')}\n"
        f"    if i == 0:\n        os.write({said_w}, b'stepped\\n')\n        os.close({said_w})\n"
    )
    with tempfile.TemporaryFile() as err:  # a file, so no amount of talk blocks the writer
        proc = subprocess.Popen(
            [sys.executable, "-c", code],
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=err,
            pass_fds=(said_w,),
        )
        os.close(said_w)
        with os.fdopen(said_r, "rb") as said:
            first = said.readline()  # b"" if it ended before: the pipe closed
        if first != b"stepped\n":
            proc.wait()
            err.seek(0)
            raise AssertionError(f"writer ended before its first step: {err.read()!r}")
        time.sleep(random.Random(seed).uniform(0.0, 0.3))  # anywhere in a later step
        proc.send_signal(signal.SIGKILL)
        proc.wait()


def test_atomic_overwrite_is_old_or_new(tmp_path: Path) -> None:
    target = tmp_path / "big.txt"
    target.write_text("0" * 200_000)
    setup = (
        "from pathlib import Path\nfrom weeknote.folder.store import write_atomic\n"
        f"p = Path({str(target)!r})"
    )
    step = "write_atomic(p, str(i % 10) * 200_000, overwrite=True)"
    for round_ in range(ROUNDS):
        _kill_at_random(setup, step, {}, round_)
        text = target.read_text()
        assert len(text) == 200_000 and len(set(text)) == 1, f"torn file in round {round_}"
    leftovers = [p.name for p in tmp_path.iterdir() if p.is_file() and p.name != "big.txt"]
    assert all(re.fullmatch(r"\.big\.txt\.\d+\.\d+\.tmp", name) for name in leftovers)


def test_config_write_is_old_or_new(tmp_path: Path, run: Run, config_file: Path) -> None:
    config_file.write_text('# mine\neditor = "start"\n')
    setup = (
        "from pathlib import Path\nfrom weeknote.folder.config import set_key\n"
        f"p = Path({str(config_file)!r})"
    )
    step = "set_key(p, 'editor', f'editor-{i} ' + 'x' * (i % 500))"
    for round_ in range(ROUNDS):
        _kill_at_random(setup, step, {}, 100 + round_)
        result = run("config", "editor")
        assert result.exit_code == 0, result.stderr
        assert re.fullmatch(r"(start|editor-\d+ x*)\n", result.stdout)
        assert config_file.read_text().startswith("# mine\n")


def test_note_creation_and_capture_survive_kills(tmp_path: Path, run: Run, notes_dir: Path) -> None:
    setup = (
        "from datetime import date\n"
        "from weeknote.folder import config\nfrom weeknote.writing.compose import compose\n"
        "from weeknote.folder.store import Store\nfrom weeknote.weeks.week import Week\n"
        "from weeknote.writing import capture\n"
        "c = config.load()\ns = Store(c.dir)\n"
        "start = Week.from_id('2000-W01')"
    )
    step = (
        "week = start + i\n"
        "plan = capture.plan(c, 'highlights', week.start.isoformat(), date(2026, 11, 20))\n"
        "capture.capture(plan, [('highlights', f'bullet {i} ' + 'y' * 300)])\n"
        "if s.find(week) is None:\n"
        "    compose(s, c, date(2026, 11, 20), week)"
    )
    for round_ in range(ROUNDS):
        _kill_at_random(setup, step, {}, 200 + round_)
        listed = run("list", "--json")
        assert listed.exit_code == 0, listed.stderr
    notes = json.loads(run("list", "--json").stdout)["notes"]
    assert notes, "the writer never got as far as a note"
    for note in notes:
        text = (notes_dir / note["path"]).read_text()
        assert text.startswith("+++\n") and "## … and onto week" in text, note["path"]
    for draft in (notes_dir / "drafts").glob("*.md"):
        for line in bullets_text(draft).splitlines():
            assert re.fullmatch(r"- bullet \d+ y{300}", line), f"torn line in {draft.name}"
    # writing on where the killed writers stopped still works
    result = run("new", "2026-W47", "--no-edit")
    assert result.exit_code == 0, result.stderr


ARCHIVE = (
    "Weeknote w/c 15 July 2019: robots\n\n- Mobiles agreed.\n\n"
    "Weeknote w/c 8 July 2019: housing\n\nA walk round the estate.\n\n"
    "Weeknote w/c 24 June and 1 July 2019: a fortnight\n\nTwo weeks in one.\n"
)


def test_import_survives_kills_and_completes_after(tmp_path: Path, run: Run) -> None:
    archive = tmp_path / "blog.txt"
    archive.write_text(ARCHIVE)
    reference = tmp_path / "reference"
    assert run("--dir", str(reference), "import", str(archive)).exit_code == 0
    expected = {p.name: p.read_text() for p in reference.glob("*.md")}
    folders = tmp_path / "runs"
    setup = (
        "from datetime import date\nfrom pathlib import Path\n"
        "from weeknote.imports.run import Options, import_sources\n"
        "from weeknote.folder.store import Store\n"
        f"root = Path({str(folders)!r})"
    )
    step = (
        f"import_sources(Store(root / str(i)), [Path({str(archive)!r})], "
        "Options(today=date(2026, 11, 20)))"
    )
    for round_ in range(ROUNDS // 2):
        _kill_at_random(setup, step, {}, 300 + round_)
        for folder in folders.iterdir():
            for note in folder.glob("*.md"):
                assert note.read_text() == expected[note.name], f"partial {note}"
    last = max(folders.iterdir(), key=lambda p: int(p.name))
    finish = run("--dir", str(last), "import", str(archive))
    assert finish.exit_code == 0, finish.stderr
    assert {p.name: p.read_text() for p in last.glob("*.md")} == expected


def test_export_is_old_or_new_when_killed(tmp_path: Path, run: Run) -> None:
    from conftest import write_note

    small, large = tmp_path / "small", tmp_path / "large"
    for index in range(1, 40):
        week = f"2026-W{index:02d}"
        write_note(large, week, f"- bullet {index} " + "w" * 2000 + "\n")
        if index <= 5:
            write_note(small, week, f"- bullet {index}\n")
    out = tmp_path / "export.json"
    references = set()
    for folder in (small, large):
        result = run("--dir", str(folder), "export", "--format", "json")
        references.add(result.stdout)
    setup = "from weeknote.cli import app"
    step = (
        f"folder = {str(small)!r} if i % 2 else {str(large)!r}\n"
        "args = ['--dir', folder, 'export', '--format', 'json', '--force']\n"
        f"args += ['--output', {str(out)!r}]\n"
        "try:\n    app(args, standalone_mode=False)\nexcept SystemExit:\n    pass"
    )
    for round_ in range(ROUNDS // 2):
        _kill_at_random(setup, step, {}, 400 + round_)
        if out.exists():
            assert out.read_text() in references, f"torn export in round {round_}"
