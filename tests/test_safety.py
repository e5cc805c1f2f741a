"""Nothing lost, nothing leaked: each hole an attack on the notes folder found, through the
real command line (a separate process where the hole needs one)."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Run, bullets_text, git, tree_digest, weeknote_process, write_note

EMPTY_SHA = hashlib.sha256(b"").hexdigest()


# -- 1. export deletes only inside --output ---------------------------------------------------


def test_a_forged_manifest_cannot_delete_outside_the_output(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    write_note(notes_dir, "2026-W46", "A week.\n")
    site = tmp_path / "site"
    assert run("export", "-f", "site", "-o", str(site)).exit_code == 0
    victim, absolute = tmp_path / "victim.txt", tmp_path / "elsewhere" / "victim2.txt"
    absolute.parent.mkdir()
    victim.write_bytes(b"")
    absolute.write_bytes(b"")
    with (site / ".weeknote-export").open("a") as manifest:
        manifest.write(f"{EMPTY_SHA}  ../victim.txt\n{EMPTY_SHA}  {absolute}\n")
    result = run("export", "-f", "site", "-o", str(site))
    assert result.exit_code == 0, result.stderr
    assert victim.exists() and absolute.exists()
    assert "removed" not in result.stderr
    assert "ignored '../victim.txt'" in result.stderr
    assert f"ignored '{absolute}'" in result.stderr


def test_an_export_writes_nothing_through_a_link_out_of_the_folder(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    write_note(notes_dir, "2026-W46", "A week.\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    site = tmp_path / "blog"
    site.mkdir()
    (site / "content").symlink_to(outside, target_is_directory=True)
    result = run("export", "-f", "hugo", "-o", str(site), "--force")
    assert result.exit_code == 6
    assert "leads outside" in result.stderr and result.stderr.count("\n") == 1
    assert list(outside.iterdir()) == []


# -- 2. git: nothing staged mid-merge, conflicted drafts never read -----------------------------


def _repository(notes: Path) -> None:
    notes.mkdir(parents=True, exist_ok=True)
    git(notes, "init", "-q", "-b", "main")
    write_note(notes, "2026-W46", "Base.\n")
    git(notes, "add", "-A")
    git(notes, "commit", "-q", "-m", "base")


def _conflicted_merge(notes: Path) -> None:
    """A merge of another branch stopped on a conflict in a note."""
    git(notes, "checkout", "-q", "-b", "other")
    write_note(notes, "2026-W46", "Theirs.\n")
    git(notes, "commit", "-q", "-am", "theirs")
    git(notes, "checkout", "-q", "main")
    write_note(notes, "2026-W46", "Ours.\n")
    git(notes, "commit", "-q", "-am", "ours")
    merged = subprocess.run(["git", "-C", str(notes), "merge", "other"], capture_output=True)
    assert merged.returncode != 0


@pytest.mark.usefixtures("git_env")
def test_no_commit_during_a_merge_and_bullets_survive_its_abort(
    run: Run, notes_dir: Path, config_file: Path
) -> None:
    _repository(notes_dir)
    config_file.write_text("git.autocommit = true\n")
    _conflicted_merge(notes_dir)
    result = run("bullet", "--date", "2026-11-20", "Kept through the abort")
    assert result.exit_code == 0
    assert "a merge is in progress" in result.stderr and "saved" in result.stderr
    assert "drafts/2026-11-20.md" not in git(notes_dir, "diff", "--cached", "--name-only")
    git(notes_dir, "merge", "--abort")
    draft = notes_dir / "drafts" / "2026-11-20.md"
    assert bullets_text(draft) == "- Kept through the abort\n"


def _clone_pair(tmp_path: Path) -> tuple[Path, Path]:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    first, second = tmp_path / "laptop", tmp_path / "desktop"
    git(tmp_path, "clone", "-q", str(remote), str(first))
    (first / "drafts").mkdir()
    (first / "drafts" / "2026-11-18.md").write_text("- shared\n")
    git(first, "add", "-A")
    git(first, "commit", "-q", "-m", "start")
    git(first, "push", "-q", "origin", "HEAD:main")
    git(tmp_path, "clone", "-q", str(remote), str(second))
    return first, second


@pytest.mark.usefixtures("git_env")
def test_a_draft_with_conflict_markers_is_never_read_as_bullets(
    tmp_path: Path, config_file: Path
) -> None:
    laptop, desktop = _clone_pair(tmp_path)
    config_file.write_text("git.autocommit = true\n")
    for folder, text in ((laptop, "from the laptop"), (desktop, "from the desktop")):
        proc = weeknote_process(
            "bullet", "--date", "2026-11-18", text, env={"WEEKNOTE_DIR": str(folder)}
        )
        assert proc.returncode == 0, proc.stderr
    git(laptop, "push", "-q", "origin", "HEAD:main")
    pulled = subprocess.run(
        ["git", "-C", str(desktop), "pull", "--no-rebase", "-q", "origin", "main"],
        capture_output=True,
    )
    assert pulled.returncode != 0  # both appended to the same draft: a real conflict
    env = {"WEEKNOTE_DIR": str(desktop), "WEEKNOTE_TODAY": "2026-11-20"}
    draft = desktop / "drafts" / "2026-11-18.md"
    assert "<<<<<<<" in bullets_text(draft)
    staged_before = git(desktop, "ls-files", "-s")
    later = weeknote_process("bullet", "--date", "2026-11-19", "later", env=env)
    assert later.returncode == 0 and "in progress" in later.stderr
    assert git(desktop, "ls-files", "-s") == staged_before
    # new writes no note from half a merge; status says the merge, then the draft it stops on
    refused = weeknote_process("new", "--no-edit", env=env)
    assert refused.returncode == 6, refused.stderr
    assert "a merge is in progress" in refused.stderr and "no note was written" in refused.stderr
    assert refused.stderr.count("\n") == 1
    status = weeknote_process("status", env=env)
    assert status.returncode == 4, status.stderr
    said = status.stderr.splitlines()
    assert len(said) == 2 and "a merge is in progress" in said[0]
    assert "drafts/2026-11-18.md, line 2: git conflict markers" in said[1]
    assert not (desktop / "2026-W47.md").exists()


@pytest.mark.usefixtures("git_env")
def test_a_failed_commit_leaves_the_index_as_it_was(
    run: Run, notes_dir: Path, config_file: Path
) -> None:
    _repository(notes_dir)
    config_file.write_text("git.autocommit = true\n")
    (notes_dir / "mine.txt").write_text("staged by hand\n")
    git(notes_dir, "add", "mine.txt")
    hook = notes_dir / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'hook says no' >&2\nexit 1\n")
    hook.chmod(0o755)
    result = run("bullet", "--date", "2026-11-20", "Saved despite the hook")
    assert result.exit_code == 0
    assert "hook says no" in result.stderr and "saved" in result.stderr
    assert git(notes_dir, "diff", "--cached", "--name-only").split() == ["mine.txt"]
    assert "Saved despite the hook" in bullets_text(notes_dir / "drafts" / "2026-11-20.md")
    hook.unlink()
    assert run("bullet", "--date", "2026-11-20", "Then committed").exit_code == 0
    assert git(notes_dir, "diff", "--cached", "--name-only").split() == ["mine.txt"]
    assert git(notes_dir, "show", "--name-only", "--format=", "HEAD").split() == [
        "drafts/2026-11-20.md"
    ]


# -- 3. an append is all or nothing ---------------------------------------------------------


def _limited(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def _bullet_in_process(
    notes: Path, text: str, limit: int | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WEEKNOTE_DIR": str(notes), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "weeknote", "bullet", "--date", "2026-11-18", text],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        preexec_fn=(lambda: _limited(limit)) if limit else None,  # noqa: PLW1509
    )


def _check_all_or_nothing(notes: Path, full: subprocess.CompletedProcess[str]) -> None:
    draft = notes / "drafts" / "2026-11-18.md"
    assert full.returncode == 1, full.stderr
    assert full.stderr.count("\n") == 1 and "Traceback" not in full.stderr
    assert "drafts/2026-11-18.md" in full.stderr and "it is as it was" in full.stderr
    assert bullets_text(draft) == "- first\n"


def test_a_write_past_the_file_size_limit_leaves_no_fragment(notes_dir: Path) -> None:
    draft = notes_dir / "drafts" / "2026-11-18.md"
    draft.parent.mkdir(parents=True)
    draft.write_text("- first\n")
    full = _bullet_in_process(notes_dir, "x" * 5000, limit=draft.stat().st_size + 100)
    _check_all_or_nothing(notes_dir, full)
    assert _bullet_in_process(notes_dir, "second").returncode == 0
    assert bullets_text(draft) == "- first\n- second\n"


@pytest.fixture
def small_disk(tmp_path: Path) -> Path:
    """A 64 KiB tmpfs, where the machine lets the tests mount one."""
    mount = tmp_path / "small"
    mount.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root and mount; the RLIMIT_FSIZE test covers it")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_leaves_no_half_bullet(small_disk: Path) -> None:
    notes = small_disk / "notes"
    draft = notes / "drafts" / "2026-11-18.md"
    draft.parent.mkdir(parents=True)
    draft.write_text("- first\n")
    filler = small_disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:  # fill the disk: the draft's last page still has room for part of a bullet
        for size in (1024, 1):
            with pytest.raises(OSError):
                while True:
                    os.write(fd, b"\0" * size)
    finally:
        os.close(fd)
    full = _bullet_in_process(notes, "y" * 60_000)
    _check_all_or_nothing(notes, full)
    filler.unlink()
    assert _bullet_in_process(notes, "second").returncode == 0
    assert bullets_text(draft) == "- first\n- second\n"


# -- 4. links out of the folder are never followed ---------------------------------------------


@pytest.fixture
def secrets(tmp_path: Path) -> Path:
    outside = tmp_path / "home"
    outside.mkdir()
    (outside / "id_rsa").write_text("-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n")
    (outside / ".bashrc").write_text("alias ll='ls -l'\n")
    return outside


def test_a_note_linked_outside_is_neither_shown_nor_exported(
    run: Run, notes_dir: Path, secrets: Path
) -> None:
    write_note(notes_dir, "2026-W46", "A week.\n")
    (notes_dir / "2026-W47.md").symlink_to(secrets / "id_rsa")
    exported = run("export", "-f", "md")
    assert exported.exit_code == 0
    assert "secret" not in exported.stdout and "A week." in exported.stdout
    assert "2026-W47.md is a link to" in exported.stderr
    shown = run("show", "2026-W47")
    assert shown.exit_code == 4 and "outside the notes folder" in shown.stderr
    assert "secret" not in shown.stdout
    assert "secret" not in run("search", "secret").stdout


def test_drafts_breaks_and_templates_linked_outside_are_refused(
    run: Run, notes_dir: Path, secrets: Path
) -> None:
    (notes_dir / "drafts").mkdir(parents=True)
    (notes_dir / "drafts" / "2026-11-18.md").symlink_to(secrets / ".bashrc")
    before = tree_digest(secrets)
    result = run("bullet", "--date", "2026-11-18", "rm -rf ~")
    assert result.exit_code == 4 and "is a link to" in result.stderr
    (notes_dir / "breaks.txt").symlink_to(secrets / ".bashrc")
    assert run("skip", "2026-W40").exit_code == 4
    (notes_dir / "templates").mkdir()
    (notes_dir / "templates" / "evil.md").symlink_to(secrets / "id_rsa")
    made = run("new", "2026-W45", "--template", "evil", "--no-edit")
    assert made.exit_code == 4 and "is a link to" in made.stderr
    assert tree_digest(secrets) == before
    assert not (notes_dir / "2026-W45.md").exists()


def test_a_link_that_stays_inside_the_folder_is_followed(run: Run, notes_dir: Path) -> None:
    (notes_dir / "archive").mkdir(parents=True)
    (notes_dir / "drafts").mkdir()
    (notes_dir / "archive" / "day.md").write_text("- linked\n")
    (notes_dir / "drafts" / "2026-11-18.md").symlink_to(notes_dir / "archive" / "day.md")
    result = run("bullet", "--date", "2026-11-18", "appended")
    assert result.exit_code == 0, result.stderr
    assert bullets_text(notes_dir / "archive" / "day.md") == "- linked\n- appended\n"


# -- 5. config edits keep the file's form -------------------------------------------------------


def test_config_set_with_a_multi_line_value_changes_the_right_key(
    run: Run, config_file: Path
) -> None:
    config_file.write_text('editor = """vim\nweek_start = "x"\n"""\nweek_start = "monday"\n')
    result = run("config", "week_start", "sunday")
    assert result.exit_code == 0, result.stderr
    assert config_file.read_text() == (
        'editor = """vim\nweek_start = "x"\n"""\nweek_start = "sunday"\n'
    )


def test_config_set_inside_an_inline_table(run: Run, config_file: Path) -> None:
    config_file.write_text("git = { autocommit = false }  # sync later\n")
    result = run("config", "git.autocommit", "true")
    assert result.exit_code == 0, result.stderr
    assert config_file.read_text() == "git = { autocommit = true }  # sync later\n"
    assert json.loads(run("config", "--json").stdout)["settings"]["git.autocommit"]["value"]


# -- 6 and 7. one clear line, or a graceful result ------------------------------------------------


def test_a_date_at_the_end_of_time_writes_nothing(run: Run, notes_dir: Path) -> None:
    result = run("bullet", "--date", "9999-12-31", "hello")
    assert result.exit_code == 2 and "out of the supported range" in result.stderr
    assert tree_digest(notes_dir) == {}


@pytest.mark.parametrize(
    "damage",
    [
        b"{not json",
        b'{"version": 1, "notes": {"2026-W46.md": 5}}',
        b'{"version": 1, "notes": []}',
        b"[1, 2]",
        b'{"version": 1, "notes": {"2026-W46.md": {"stamp": "STAMP", "week": 3}}}',
        b'{"version": 1, "notes": {"2026-W46.md": {"stamp": "STAMP", "week": "2026-W46",'
        b' "weeks": ["2026-W99"], "title": "x", "date": "2026-11-09", "words": 1}}}',
    ],
    ids=["syntax", "record-not-object", "notes-not-object", "not-object", "bad-week", "w99"],
)
def test_a_damaged_index_cache_is_rebuilt_silently(
    run: Run, notes_dir: Path, tmp_path: Path, damage: bytes
) -> None:
    path = write_note(notes_dir, "2026-W46", "One two three.\n")
    assert run("list").exit_code == 0
    (cache,) = (tmp_path / "cache").rglob("index-*.json")
    stat = path.stat()
    cache.write_bytes(damage.replace(b'"STAMP"', f"[{stat.st_mtime_ns}, {stat.st_size}]".encode()))
    for command in ("list", "streak", "status", "export"):
        result = run(command)
        assert result.exit_code == 0, (command, result.stderr)
        assert "Warning" not in result.stderr
    listed = json.loads(run("list", "--json").stdout)["notes"]
    assert [(n["week"], n["words"]) for n in listed] == [("2026-W46", 3)]


def test_a_byte_order_mark_does_not_hide_the_front_matter(run: Run, notes_dir: Path) -> None:
    path = write_note(notes_dir, "2026-W46", "Body.\n", title="Weeknote with a BOM")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    listed = json.loads(run("list", "--json").stdout)["notes"]
    assert listed[0]["title"] == "Weeknote with a BOM"
    assert "+++" not in run("export", "-f", "md").stdout


def test_one_unreadable_note_blocks_no_report(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W45", "Met the #waste team.\n")
    write_note(notes_dir, "2026-W46", "Another week.\n")
    (notes_dir / "2026-W47.md").write_bytes(b"+++\ntitle = \xff\n+++\n")
    for args in (
        ["list"],
        ["streak", "--as-of", "2026-11-20"],
        ["status"],
        ["search", "waste"],
        ["export", "-f", "json"],
        ["show", "2026-W45"],
        ["list", "--tag", "waste"],
    ):
        result = run(*args)
        assert result.exit_code == 0, (args, result.stderr)
        assert "Warning: left out a note:" in result.stderr and "2026-W47.md" in result.stderr
    assert "Met the" in run("show", "2026-W45").stdout


@pytest.mark.usefixtures("git_env")
def test_init_git_commits_only_weeknotes_files(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W46", "A week.\n")
    (notes_dir / "secret.env").write_text("TOKEN=hunter2\n")
    result = run("init", "--git")
    assert result.exit_code == 0, result.stderr
    committed = git(notes_dir, "ls-files").split()
    assert "2026-W46.md" in committed and "templates/default.md" in committed
    assert "secret.env" not in committed
    assert "secret.env" in result.stderr and "not weeknote's" in result.stderr


# -- 8. portable locks and appends ------------------------------------------------------------

WITHOUT_POSIX = """
import os, sys
sys.modules["fcntl"] = None   # as on Windows: no flock
sys.modules["msvcrt"] = None  # and no Windows locking either: the lock-file fallback
del os.pread
from weeknote.cli import main
main()
"""


def _without_posix(notes: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WITHOUT_POSIX, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "WEEKNOTE_DIR": str(notes), "WEEKNOTE_TODAY": "2026-11-20"},
    )


def test_captures_and_breaks_work_without_flock_or_pread(notes_dir: Path) -> None:
    writers = [
        _without_posix(notes_dir, "bullet", "-d", "2026-11-18", "-")  # one bullet a line
        for _ in range(4)
    ]
    for number, writer in enumerate(writers):
        lines = "".join(f"writer {number} bullet {i}\n" for i in range(40))
        _, err = writer.communicate(lines, timeout=120)
        assert writer.returncode == 0, err
    lines = bullets_text(notes_dir / "drafts" / "2026-11-18.md").splitlines()
    assert len(lines) == 160 and len(set(lines)) == 160
    assert all(line.startswith("- writer ") for line in lines)
    for args in (["skip", "2026-W40"], ["skip", "2026-W41"], ["skip", "--undo", "2026-W40"]):
        proc = _without_posix(notes_dir, *args)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
    assert (notes_dir / "breaks.txt").read_text() == "2026-W41\n"
    assert not list(notes_dir.rglob(".*.lock"))


def test_the_windows_lock_is_taken_and_released(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from weeknote.folder import files

    calls: list[tuple[int, int]] = []

    class FakeMsvcrt:
        LK_LOCK, LK_UNLCK = 1, 0

        @staticmethod
        def locking(fd: int, mode: int, size: int) -> None:
            calls.append((mode, os.lseek(fd, 0, os.SEEK_CUR)))

    monkeypatch.setattr(files, "fcntl", None)
    monkeypatch.setattr(files, "msvcrt", FakeMsvcrt)
    draft = tmp_path / "drafts" / "2026-11-18.md"
    files.append_file(draft, "- one\n")
    files.append_file(draft, "- two\n")
    assert bullets_text(draft) == "- one\n- two\n"
    assert calls == [(1, 0), (0, 0)] * 2


def test_the_editor_command_is_split_the_way_the_platform_does() -> None:
    from weeknote.writing.editor import split_command

    windows = r'"C:\Program Files\Notepad++\notepad++.exe" -multiInst'
    assert split_command(windows, windows=True) == [
        r"C:\Program Files\Notepad++\notepad++.exe",
        "-multiInst",
    ]
    assert split_command("code --wait", windows=True) == ["code", "--wait"]
    assert split_command("vim -c 'set tw=0'", windows=False) == ["vim", "-c", "set tw=0"]


# -- found by a second pass -------------------------------------------------------------------


@pytest.mark.usefixtures("git_env")
def test_concurrent_autocommits_leave_a_clean_index(notes_dir: Path, config_file: Path) -> None:
    _repository(notes_dir)
    config_file.write_text("git.autocommit = true\n")
    env = {**os.environ, "WEEKNOTE_DIR": str(notes_dir)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "weeknote", "bullet", "-d", "2026-11-18", f"bullet {i}"],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(8)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "Warning" not in err, err
    assert git(notes_dir, "status", "--porcelain") == ""
    committed = [
        line.split(" <!-- ")[0]
        for line in git(notes_dir, "show", "HEAD:drafts/2026-11-18.md").splitlines()
    ]
    assert sorted(committed) == sorted(f"- bullet {i}" for i in range(8))


def test_a_note_that_turns_unreadable_after_indexing_is_left_out_of_exports(
    run: Run, notes_dir: Path
) -> None:
    write_note(notes_dir, "2026-W45", "Fine.\n")
    path = write_note(notes_dir, "2026-W46", "Also fine.\n")
    assert run("list").exit_code == 0  # indexed
    stat = path.stat()
    path.write_bytes(b"\xff" * stat.st_size)  # same size, same time: the cache still trusts it
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    result = run("export", "-f", "md")
    assert result.exit_code == 0, result.stderr
    assert "Fine." in result.stdout and "2026-W46.md is not UTF-8" in result.stderr


@pytest.mark.parametrize(
    "make",
    [
        lambda notes: (notes / "9999-W01.md").write_text("No front matter.\n"),
        lambda notes: (
            (notes / "2026-W42.md").symlink_to(notes / "2026-W43.md"),
            (notes / "2026-W43.md").symlink_to(notes / "2026-W42.md"),
        ),
        lambda notes: os.mkfifo(notes / "2026-W41.md"),
    ],
    ids=["year-9999", "link-loop", "fifo"],
)
def test_odd_files_named_like_notes_block_no_report(
    run: Run, notes_dir: Path, make: object
) -> None:
    write_note(notes_dir, "2026-W45", "Fine.\n")
    make(notes_dir)  # type: ignore[operator]
    for args in (["list"], ["streak"], ["status"], ["search", "fine"], ["export"]):
        result = run(*args)
        assert result.exit_code == 0, (args, result.stderr)
        assert "Warning: left out a note:" in result.stderr


def test_a_pipe_named_like_a_draft_is_refused(run: Run, notes_dir: Path) -> None:
    (notes_dir / "drafts").mkdir(parents=True)
    os.mkfifo(notes_dir / "drafts" / "2026-11-18.md")
    result = run("bullet", "--date", "2026-11-18", "x")
    assert result.exit_code == 4 and "not a regular file" in result.stderr


def test_a_first_append_that_fails_leaves_no_empty_file(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir(exist_ok=True)
    full = _bullet_in_process(notes, "x", limit=1)
    assert full.returncode == 1 and "it is as it was" in full.stderr
    assert list(notes.iterdir()) == []


def test_odd_paths_and_a_bom_in_the_config(tmp_path: Path, config_file: Path) -> None:
    odd = tmp_path / "caf\udce9"  # a folder name that is not UTF-8
    odd.mkdir()
    proc = weeknote_process("status", env={"WEEKNOTE_DIR": str(odd)})
    assert proc.returncode == 0, proc.stderr
    config_file.write_bytes('\ufeffcutoff_day = "tuesday"\n'.encode())
    proc = weeknote_process("config", "cutoff_day")
    assert proc.returncode == 0 and proc.stdout == "tuesday\n", proc.stderr
    proc = weeknote_process("list", env={"WEEKNOTE_CONFIG": "~nosuchuser-weeknote/c.toml"})
    assert proc.returncode == 3 and "names no home folder" in proc.stderr


def test_init_writes_nothing_through_a_linked_templates_folder(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    notes_dir.mkdir(exist_ok=True)
    (notes_dir / "templates").symlink_to(outside, target_is_directory=True)
    result = run("init")
    assert result.exit_code == 4 and "is a link to" in result.stderr
    assert list(outside.iterdir()) == []


@pytest.mark.usefixtures("git_env")
def test_an_underlined_heading_is_no_conflict_marker(
    run: Run, notes_dir: Path, config_file: Path
) -> None:
    _repository(notes_dir)
    config_file.write_text("git.autocommit = true\n")
    (notes_dir / "templates").mkdir()
    (notes_dir / "templates" / "plain.md").write_text("Weeknote\n=======\n\n{{ bullets }}\n")
    result = run("new", "2026-W47", "--template", "plain", "--no-edit")
    assert result.exit_code == 0 and "Warning" not in result.stderr, result.stderr
    assert git(notes_dir, "log", "-1", "--format=%s") == "new: 2026-W47\n"


def test_manifest_names_that_are_folders_do_not_stop_exports(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    write_note(notes_dir, "2026-W46", "A week.\n")
    site = tmp_path / "site"
    assert run("export", "-f", "site", "-o", str(site)).exit_code == 0
    (site / "sub").mkdir()
    with (site / ".weeknote-export").open("a") as manifest:
        manifest.write(f"{EMPTY_SHA}  sub\n{EMPTY_SHA}  {'x' * 300}\n")
    result = run("export", "-f", "site", "-o", str(site))
    assert result.exit_code == 0, result.stderr
    assert (site / "sub").is_dir()


def test_a_hash_in_a_windows_editor_path_is_kept() -> None:
    from weeknote.writing.editor import split_command

    assert split_command(r"C:\tools\C#\ed.exe --wait", windows=True) == [
        r"C:\tools\C#\ed.exe",
        "--wait",
    ]
