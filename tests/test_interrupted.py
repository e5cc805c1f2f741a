"""Commands stopped part-way (Ctrl-C, SIGTERM, a kill) are finished by running them again,
and outputs that are devices or pipes are written to, never read.

A real process is stopped at a known point with the writer's test hook: WEEKNOTE_TEST_PAUSE
makes it announce its Nth whole-file write on one pipe and wait on another, so a signal
always lands while a temp file is open, never by timing luck.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import Run, tree_digest, weeknote_process, write_note
from weeknote.publish.folder import MANIFEST

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX signals and /dev")
NOTES = 5_000
ARCHIVE = "".join(
    f"Weeknote w/c {day} July 2019: week {day}\n\nWords of the week of {day} July.\n\n"
    for day in (29, 22, 15, 8, 1)
)


def _temps(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob(".*.tmp"))


def _many_notes(notes: Path, count: int) -> None:
    """``count`` notes of consecutive weeks, written straight to disk (fast)."""
    from weeknote.folder.note import Note, serialise
    from weeknote.weeks.week import Week

    first = Week.from_id("1920-W01")
    notes.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        week = first + number
        body = f"- Bullet {number} #tag{number % 7}\n"
        note = Note(week.id, (week.id,), f"Weeknote {number}", week.start, body)
        (notes / f"{week.id}.md").write_text(serialise(note), encoding="utf-8")


def _paused(args: list[str], env: dict[str, str], at: int) -> subprocess.Popen[bytes]:
    """The real command, started and stopped at its ``at``th whole-file write: it has said
    so on one pipe, and waits on another that is never written."""
    ready_r, ready_w = os.pipe()
    go_r, go_w = os.pipe()
    pause = os.pathsep.join([str(at), f"/dev/fd/{ready_w}", f"/dev/fd/{go_r}"])
    proc = subprocess.Popen(
        [sys.executable, "-m", "weeknote", *args],
        env={**os.environ, **env, "WEEKNOTE_TEST_PAUSE": pause},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        pass_fds=(ready_w, go_r),
    )
    os.close(ready_w)
    os.close(go_r)
    with os.fdopen(ready_r, encoding="utf-8") as ready:
        said = ready.readline()  # "" if it ended before the point: the pipe closed
    if said != f"{at}\n":
        os.close(go_w)
        _, err = proc.communicate()
        pytest.fail(f"the command never reached its write {at}: {err.decode()}")
    proc.go = go_w  # type: ignore[attr-defined]  # closed once it has ended
    return proc


def _end(proc: subprocess.Popen[bytes], how: signal.Signals) -> tuple[int, str, str]:
    proc.send_signal(how)
    out, err = proc.communicate()
    os.close(proc.go)  # type: ignore[attr-defined]
    return proc.returncode, out.decode(), err.decode()


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """5,000 notes, and the site a whole export of them makes."""
    root = tmp_path_factory.mktemp("many")
    notes = root / "notes"
    _many_notes(notes, NOTES)
    reference = root / "reference"
    env = {"WEEKNOTE_DIR": str(notes), "XDG_CACHE_HOME": str(root / "cache")}
    done = weeknote_process("export", "-f", "site", "-o", str(reference), env=env)
    assert done.returncode == 0, done.stderr
    return notes, tree_digest(reference)


@posix_only
@pytest.mark.slow
@pytest.mark.parametrize(
    "how", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=lambda how: how.name
)
def test_a_stopped_export_is_finished_by_running_it_again(
    many: tuple[Path, dict[str, bytes]], tmp_path: Path, how: signal.Signals
) -> None:
    notes, reference = many
    out = tmp_path / "site"
    env = {"WEEKNOTE_DIR": str(notes)}
    args = ["export", "-f", "site", "-o", str(out)]
    proc = _paused(args, env, at=2_000)
    assert len(_temps(out)) == 1  # the page it was writing
    code, stdout, stderr = _end(proc, how)
    partial = tree_digest(out)
    assert MANIFEST in partial and 1_900 < len(partial) < len(reference)
    for name, data in partial.items():  # what it wrote is whole
        if name != MANIFEST and not name.endswith(".tmp"):
            assert data == reference[name], name
    if how == signal.SIGKILL:
        assert code == -signal.SIGKILL
        (left,) = _temps(out)  # its writer is gone: removed once it is a minute old
        os.utime(left, (left.stat().st_atime - 120, left.stat().st_mtime - 120))
    else:
        assert code == (130 if how == signal.SIGINT else 143)
        assert stderr == "Stopped: run it again to finish.\n" and stdout == ""
        assert _temps(out) == []

    again = weeknote_process(*args, env=env)
    assert again.returncode == 0, again.stderr
    assert again.stdout == f"{out}\n"
    assert tree_digest(out) == reference  # every page, the manifest, no temp file


def test_a_stopped_export_vouched_for_what_it_wrote(
    run: Run, notes_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stopped part-way, then a note changes: the next export replaces the pages the
    stopped one wrote without --force, since its manifest names them."""
    from weeknote.folder import files

    for number in range(1, 21):
        write_note(notes_dir, f"2026-W{number:02d}", f"- Week {number}\n")
    out = tmp_path / "site"
    original, commits = files.Spool.commit, []

    def stop_at_the_sixth(spool: files.Spool, **options: bool) -> None:
        commits.append(spool.path.name)
        if len(commits) == 6:
            raise KeyboardInterrupt
        original(spool, **options)

    with monkeypatch.context() as patched:
        patched.setattr(files.Spool, "commit", stop_at_the_sixth)
        stopped = run("export", "-f", "site", "-o", str(out))
    assert stopped.exit_code == 130 and stopped.stderr == "Stopped: run it again to finish.\n"
    written = [name for name in commits[1:5] if name.startswith("2026-W")]
    assert written and all((out / name).is_file() for name in written)
    for name in written:  # each page the stopped export wrote now changes
        write_note(notes_dir, name.removesuffix(".html"), "- Changed since.\n")
    again = run("export", "-f", "site", "-o", str(out))
    assert again.exit_code == 0, again.stderr
    reference = tmp_path / "reference"
    assert run("export", "-f", "site", "-o", str(reference)).exit_code == 0
    assert tree_digest(out) == tree_digest(reference)
    assert "Changed since." in (out / written[0]).read_text()


@posix_only
def test_a_killed_import_writes_no_note_and_leaves_temp_files_the_next_import_removes(
    tmp_path: Path, notes_dir: Path, run: Run
) -> None:
    archive = tmp_path / "blog.txt"
    archive.write_text(ARCHIVE)
    proc = _paused(["import", str(archive)], {}, at=3)
    code, _, _ = _end(proc, signal.SIGKILL)
    assert code == -signal.SIGKILL
    left = _temps(notes_dir)
    assert len(left) == 3  # the notes are put in place together, after one flush: none yet
    assert list(notes_dir.glob("*.md")) == []

    for temp in left:
        os.utime(temp)  # fresh, however long the kill took on a busy machine
    result = run("import", str(archive))  # fresh temp files: their writer may be at work
    assert result.exit_code == 0, result.stderr
    assert _temps(notes_dir) == left
    assert len(list(notes_dir.glob("*.md"))) == 5
    for temp in left:
        old = temp.stat().st_mtime - 120
        os.utime(temp, (old, old))
    assert run("import", str(archive)).exit_code == 0
    assert _temps(notes_dir) == []
    assert len(list(notes_dir.glob("*.md"))) == 5


def test_an_import_removes_only_the_temp_files_of_notes_whose_writer_is_gone(
    tmp_path: Path, notes_dir: Path, run: Run
) -> None:
    archive = tmp_path / "blog.txt"
    archive.write_text(ARCHIVE)
    old = os.path.getmtime(archive) - 120
    names = {
        "gone": ".2019-W27.md.4242.0.tmp",  # a note's, a minute old, unlocked: removed
        "fresh": ".2019-W28.md.4242.1.tmp",  # perhaps being written: kept
        "locked": ".2019-W29.md.4242.2.tmp",  # its writer holds it: kept
        "other": ".breaks.txt.4242.3.tmp",  # not an import's: kept
        "mine": ".2019-W30.md.tmp",  # not named as weeknote names its temp files: kept
    }
    for key, name in names.items():
        (notes_dir / name).write_text("half a note")
        if key != "fresh":
            os.utime(notes_dir / name, (old, old))
    locked = os.open(notes_dir / names["locked"], os.O_RDONLY)
    try:
        if sys.platform != "win32":
            import fcntl

            fcntl.flock(locked, fcntl.LOCK_EX)
        result = run("import", str(archive))
    finally:
        os.close(locked)
    assert result.exit_code == 0, result.stderr
    left = {p.name for p in notes_dir.iterdir() if p.name.endswith(".tmp")}
    assert left == set(names.values()) - {names["gone"]}


def test_a_dry_run_or_refused_import_removes_nothing(
    tmp_path: Path, notes_dir: Path, run: Run
) -> None:
    archive = tmp_path / "blog.txt"
    archive.write_text(ARCHIVE)
    left = notes_dir / ".2019-W27.md.4242.0.tmp"
    left.write_text("half a note")
    os.utime(left, (0, 0))
    assert run("import", str(archive), "--dry-run").exit_code == 0
    write_note(notes_dir, "2019-W31", "Mine.\n")  # the archive's newest week: a conflict
    assert run("import", str(archive)).exit_code == 6
    assert left.exists()


def test_an_export_removes_the_temp_file_an_export_left(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    write_note(notes_dir, "2026-W47", "- Words.\n")
    page = tmp_path / "notes.html"
    assert run("export", "-f", "html", "-o", str(page)).exit_code == 0
    left = tmp_path / ".notes.html.4242.0.tmp"
    left.write_text("<html>half")
    os.utime(left, (0, 0))
    assert "1 unchanged" in run("export", "-f", "html", "-o", str(page)).stderr
    assert not left.exists()


# -- outputs that are devices or pipes -------------------------------------------------------


@pytest.fixture
def page(run: Run, notes_dir: Path) -> str:
    """The html export of two notes, as a file export writes it."""
    write_note(notes_dir, "2026-W46", "- Last week.\n")
    write_note(notes_dir, "2026-W47", "- This week.\n")
    return run("export", "-f", "html").stdout


@posix_only
def test_dev_null_is_written_to_and_never_read(run: Run, page: str) -> None:
    for _ in range(2):  # nothing is compared: the second is written as the first
        result = run("export", "-f", "html", "-o", os.devnull)
        assert result.exit_code == 0, result.stderr
        assert result.stdout == ""  # no path to open
        assert "1 file written" in result.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_dev_full_fails_at_once_with_one_line(page: str) -> None:
    result = weeknote_process("export", "-f", "html", "-o", "/dev/full")
    assert result.returncode == 1
    assert result.stderr == (
        "Error: could not write the export to /dev/full: No space left on device\n"
    )
    assert result.stdout == ""


@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="no /dev/stdout here")
def test_dev_stdout_is_the_document_whether_a_pipe_or_a_file(page: str, tmp_path: Path) -> None:
    result = weeknote_process("export", "-f", "html", "-o", "/dev/stdout")
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip("\n") == page.rstrip("\n")
    redirected = tmp_path / "out.html"
    with redirected.open("w") as stdout:  # as the shell's `> out.html` leaves it
        done = subprocess.run(
            [sys.executable, "-m", "weeknote", "export", "-f", "html", "-o", "/dev/stdout"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    assert redirected.read_text().rstrip("\n") == page.rstrip("\n")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@posix_only
def test_a_named_pipe_is_written_to(run: Run, page: str, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()  # opening the pipe waits for the export to open it too
    result = run("export", "-f", "html", "-o", str(fifo))
    reader.join()
    assert result.exit_code == 0, result.stderr
    assert got[0].rstrip("\n") == page.rstrip("\n")


@posix_only
def test_a_folder_format_refuses_a_device_in_one_line(run: Run, page: str) -> None:
    result = run("export", "-f", "site", "-o", os.devnull)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: --output {os.devnull} is no folder (a device or a pipe); --format site "
        "writes a folder: name a folder\n"
    )
