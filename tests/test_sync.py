"""Notes on every machine: git commits a person can trust, and `weeknote sync` between two
machines, each with its own HOME, through a bare repository, with the real git."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest

from conftest import Machine, bullets_text, require_tool, tree_digest, weeknote_process, write_note
from weeknote.folder.drafts import in_order, parse_draft
from weeknote.git.linemerge import merge_lines

# -- drafts keep the order bullets were added in --------------------------------------------


def test_a_merged_draft_is_read_in_the_order_its_bullets_were_added() -> None:
    merged = (
        "- one <!-- 2026-11-18T09:00:00Z -->\n"
        "- three <!-- 2026-11-18T11:00:00Z -->\n"
        "- typed by hand after three\n"
        "- two <!-- 2026-11-18T10:00:00Z -->\n"
    )
    bullets = parse_draft(merged, date(2026, 11, 18), ["highlights"])
    assert [b.text for b in bullets] == ["one", "two", "three", "typed by hand after three"]
    assert in_order(merged) == (
        "- one <!-- 2026-11-18T09:00:00Z -->\n"
        "- two <!-- 2026-11-18T10:00:00Z -->\n"
        "- three <!-- 2026-11-18T11:00:00Z -->\n"
        "- typed by hand after three\n"
    )


def test_the_merge_driver_keeps_additions_and_removals_of_both_sides() -> None:
    a, b, c, d = (f"- {name} <!-- 2026-11-20T09:0{n}:00Z -->\n" for n, name in enumerate("abcd"))
    base = a + b
    ours = a + b + d  # this machine added d
    theirs = a + c  # the other took b back (bullet --undo) and added c
    assert merge_lines(base, ours, theirs, "drafts/2026-11-20.md") == a + c + d
    same = "- Call with Sam <!-- 2026-11-20T09:00:00Z -->\n"
    assert merge_lines("", same * 2, "", "drafts/x.md") == same * 2  # two bullets stay two
    breaks = merge_lines("2026-W50  holiday\n", "", "2026-W50  holiday\n2026-W51\n", "breaks.txt")
    assert breaks == "2026-W51\n"  # one side's skip --undo holds


# -- two machines --------------------------------------------------------------------------


def _folder(machine: Machine) -> dict[str, bytes]:
    return {
        name: data
        for name, data in tree_digest(machine.notes).items()
        if not name.startswith(".git/") and name != ".git"
    }


def _editor(tmp_path: Path, name: str, line: str) -> str:
    script = tmp_path / f"{name}.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "{line}" >> "$1"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_two_machines_end_alike_with_every_bullet_once(
    machines: tuple[Machine, Machine], tmp_path: Path
) -> None:
    laptop, desktop = machines
    # The same day's draft on both, the bullets taking turns; breaks and different notes.
    for who, text in ((laptop, "laptop one"), (desktop, "desktop one"),
                      (laptop, "laptop two"), (desktop, "desktop two")):  # fmt: skip
        who.run("bullet", "-d", "2026-11-18", text)
        time.sleep(1.05)  # the added-moment is to the second
    laptop.run("skip", "2026-W49", "--reason", "holiday")
    desktop.run("skip", "2026-W50", "--reason", "conference")
    desktop.run("skip", "2026-W49", "--reason", "holiday")  # both declared it
    laptop.run("new", "2026-W46", "--no-edit")
    desktop.run("new", "2026-W45", "--no-edit")
    for _ in range(2):
        for machine in (laptop, desktop):
            machine.run("sync")
    assert _folder(laptop) == _folder(desktop)
    assert laptop.git("rev-parse", "HEAD") == desktop.git("rev-parse", "HEAD")
    assert laptop.git("status", "--porcelain") == desktop.git("status", "--porcelain") == ""
    draft = bullets_text(laptop.notes / "drafts" / "2026-11-18.md")
    assert draft == "- laptop one\n- desktop one\n- laptop two\n- desktop two\n"
    breaks = (laptop.notes / "breaks.txt").read_text().splitlines()
    assert sorted(breaks) == ["2026-W49  holiday", "2026-W50  conference"]
    assert (laptop.notes / "2026-W45.md").exists() and (laptop.notes / "2026-W46.md").exists()
    assert "Already in sync" in laptop.run("sync").stderr


def test_a_note_edited_on_both_machines_keeps_both_texts(
    machines: tuple[Machine, Machine], tmp_path: Path
) -> None:
    laptop, desktop = machines
    laptop.run("new", "2026-W46", "--no-edit")
    laptop.run("sync")
    desktop.run("sync")
    laptop.run("edit", "2026-W46", VISUAL=_editor(tmp_path, "a", "Written on the laptop."))
    desktop.run("edit", "2026-W46", VISUAL=_editor(tmp_path, "b", "Written on the desktop."))
    assert laptop.git("log", "-1", "--format=%s").strip() == "edit: 2026-W46"
    laptop.run("sync")
    stopped = desktop.run("sync", code=6)
    assert "2026-W46.md changed on both machines" in stopped.stderr
    assert "2026-W46.conflict.md" in stopped.stderr and stopped.stderr.count("\n") == 1
    note = (desktop.notes / "2026-W46.md").read_text()
    beside = (desktop.notes / "2026-W46.conflict.md").read_text()
    assert "Written on the desktop." in note and "Written on the laptop." not in note
    assert "Written on the laptop." in beside
    assert "ahead of" in desktop.git("status")  # a state git explains; nothing half-merged
    status = desktop.run("status", TTY_COMPATIBLE="1", COLUMNS="200").stdout
    assert "Conflict  2026-W46.conflict.md holds another machine's text of 2026-W46.md" in status
    listed = json.loads(desktop.run("list", "--json").stdout)["notes"]
    assert [note["week"] for note in listed] == ["2026-W46"]  # the conflict file is no note
    # The person keeps both paragraphs, deletes the conflict file, and syncs.
    (desktop.notes / "2026-W46.md").write_text(note + "Written on the laptop.\n")
    (desktop.notes / "2026-W46.conflict.md").unlink()
    desktop.run("sync")
    laptop.run("sync")
    merged = (laptop.notes / "2026-W46.md").read_text()
    assert "Written on the desktop." in merged and "Written on the laptop." in merged
    assert not (laptop.notes / "2026-W46.conflict.md").exists()
    assert _folder(laptop) == _folder(desktop)


def test_a_clone_of_a_remote_whose_head_names_no_branch_is_adopted(
    tmp_path: Path,
) -> None:
    require_tool("git")
    bare = tmp_path / "plain.git"  # a server's bare repository whose HEAD names "master"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "master", str(bare)], check=True)
    laptop, desktop = Machine(tmp_path, "laptop"), Machine(tmp_path, "desktop")
    laptop.run("init", "--git", "--remote", str(bare))
    laptop.run("bullet", "-d", "2026-11-18", "from the laptop")
    laptop.run("sync")
    clone = subprocess.run(
        ["git", "clone", "-q", str(bare), str(desktop.notes)],
        capture_output=True,
        text=True,
        env={**os.environ, **desktop.env},
    )
    assert "nonexistent ref" in clone.stderr  # nothing checked out
    adopted = desktop.run("init", "--git")
    assert "Checked out the remote's branch main" in adopted.stderr
    assert "from the laptop" in bullets_text(desktop.notes / "drafts" / "2026-11-18.md")
    desktop.run("bullet", "-d", "2026-11-18", "from the desktop")
    desktop.run("sync")
    laptop.run("sync")
    assert _folder(laptop) == _folder(desktop)
    branches = subprocess.run(
        ["git", "-C", str(bare), "branch", "--format=%(refname:short)"],
        capture_output=True,
        text=True,
    ).stdout.split()
    assert branches == ["main"]


def test_offline_is_one_line(machines: tuple[Machine, Machine], tmp_path: Path) -> None:
    laptop, _ = machines
    laptop.git("remote", "set-url", "origin", str(tmp_path / "gone.git"))
    wrong = laptop.run("sync", code=9)
    assert "is not a git repository that can be reached" in wrong.stderr
    laptop.git("remote", "set-url", "origin", "http://127.0.0.1:9/notes.git")  # nothing there
    failed = laptop.run("sync", code=9)
    assert "cannot reach" in failed.stderr and failed.stderr.count("\n") == 1
    (laptop.home / "config.toml").write_text("git.autocommit = true\ngit.autosync = true\n")
    quiet = laptop.run("bullet", "-d", "2026-11-18", "written offline")
    assert "Warning: not synced: cannot reach" in quiet.stderr
    assert laptop.git("log", "-1", "--format=%s").strip() == "bullet: 2026-11-18"


def test_autosync_keeps_the_other_machine_up_to_date(machines: tuple[Machine, Machine]) -> None:
    laptop, desktop = machines
    for machine in machines:
        machine.run("config", "git.autosync", "true")
    laptop.run("bullet", "-d", "2026-11-18", "synced by itself")
    pulled = desktop.run("bullet", "-d", "2026-11-19", "and this one")
    assert "Warning" not in pulled.stderr
    assert "synced by itself" in bullets_text(desktop.notes / "drafts" / "2026-11-18.md")
    laptop.run("sync")
    assert "and this one" in bullets_text(laptop.notes / "drafts" / "2026-11-19.md")


# -- everything committed -------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Machine:
    require_tool("git")
    machine = Machine(tmp_path, "me")
    machine.run("init", "--git")
    return machine


def test_editor_edits_are_committed(repo: Machine, tmp_path: Path) -> None:
    editor = _editor(tmp_path, "e", "Typed in the editor.")
    repo.run("bullet", "-d", "2026-11-18", "one")
    repo.run("new", "2026-W47", VISUAL=editor)
    repo.run("edit", "2026-W47", VISUAL=editor)
    repo.run("edit", "--drafts", "2026-W47", VISUAL=editor)
    subjects = repo.git("log", "--format=%s").splitlines()
    assert subjects[:4] == ["edit: 2026-11-18", "edit: 2026-W47", "edit: 2026-W47", "new: 2026-W47"]
    assert repo.git("status", "--porcelain") == ""


def test_changes_made_outside_are_committed_first_and_alone(repo: Machine) -> None:
    repo.run("bullet", "-d", "2026-11-18", "one")
    draft = repo.notes / "drafts" / "2026-11-18.md"
    draft.write_text(draft.read_text() + "- typed by hand\n")
    (repo.notes / "2026-W40.md").write_text("# Written by hand\n")
    (repo.notes / "templates" / "default.md").unlink()
    (repo.notes / "secret.env").write_text("TOKEN=x\n")
    repo.run("bullet", "-d", "2026-11-19", "two")
    assert repo.git("log", "-2", "--format=%s").splitlines() == [
        "bullet: 2026-11-19",
        "changes made outside weeknote",
    ]
    outside = repo.git("show", "--name-only", "--format=", "HEAD~1").split()
    assert sorted(outside) == ["2026-W40.md", "drafts/2026-11-18.md", "templates/default.md"]
    assert repo.git("show", "--name-only", "--format=", "HEAD").split() == ["drafts/2026-11-19.md"]
    assert repo.git("status", "--porcelain") == "?? secret.env\n"


def test_a_persons_staged_work_is_never_swept_in(repo: Machine) -> None:
    (repo.notes / "plan.txt").write_text("mine\n")
    repo.git("add", "plan.txt")
    repo.run("bullet", "-d", "2026-11-18", "one")
    assert repo.git("show", "--name-only", "--format=", "HEAD").split() == ["drafts/2026-11-18.md"]
    assert repo.git("diff", "--cached", "--name-only").split() == ["plan.txt"]


def test_a_failing_hook_is_reported_and_the_write_kept(repo: Machine) -> None:
    hook = repo.notes / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'lint says no' >&2\nexit 1\n")
    hook.chmod(0o755)
    result = repo.run("bullet", "-d", "2026-11-18", "kept")
    assert "Warning: git commit failed: lint says no" in result.stderr
    assert "kept" in bullets_text(repo.notes / "drafts" / "2026-11-18.md")


def test_an_import_of_many_notes_is_one_commit_naming_the_first_ten(
    repo: Machine, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.xml"
    entries = "".join(
        f"<entry><title>Weeknote {n}</title><id>urn:e:{n}</id>"
        f"<published>{date.fromordinal(date(2019, 1, 7).toordinal() + 7 * n)}T09:00:00Z"
        f"</published><content>Week {n}.</content></entry>"
        for n in range(300)
    )
    feed.write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:f</id>'
        f"<updated>2026-01-01T00:00:00Z</updated>{entries}</feed>"
    )
    (repo.notes / "plan.txt").write_text("mine\n")
    repo.git("add", "plan.txt")  # staged by the person: not swept in
    repo.run("import", str(feed))
    message = repo.git("log", "-1", "--format=%s")
    assert message.startswith("import: 2019-W01, 2019-W02, ")
    assert message.endswith(" and 290 more\n")
    committed = repo.git("show", "--name-only", "--format=", "HEAD").split()
    assert len(committed) == 300 and all(name.endswith(".md") for name in committed)
    assert repo.git("status", "--porcelain") == "A  plan.txt\n"


def test_a_note_git_ignores_is_left_out_of_the_commit(repo: Machine) -> None:
    (repo.notes / ".git" / "info" / "exclude").write_text("2026-W46.md\n")
    repo.run("new", "2026-W46", "--no-edit")
    repo.run("new", "2026-W47", "--no-edit")
    assert "2026-W46.md" not in repo.git("log", "--name-only", "--format=")
    assert repo.git("show", "--name-only", "--format=", "HEAD").split() == ["2026-W47.md"]


def test_a_folder_inside_a_repository_commits_and_a_failed_commit_changes_no_index(
    tmp_path: Path,
) -> None:
    require_tool("git")
    machine = Machine(tmp_path, "me")
    top = machine.notes.parent
    subprocess.run(["git", "init", "-q", str(top)], check=True, env={**os.environ, **machine.env})
    machine.notes.mkdir()
    (machine.home / "config.toml").write_text("[git]\nautocommit = true\n")
    machine.run("bullet", "-d", "2026-11-18", "one")
    machine.run("new", "2026-W47", "--no-edit")
    assert machine.git("show", "--name-only", "--format=", "HEAD").split() == ["notes/2026-W47.md"]
    staged = machine.git("ls-files", "-s", "--full-name")
    hook = top / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nexit 1\n")
    hook.chmod(0o755)
    failed = machine.run("bullet", "-d", "2026-11-18", "two")
    assert "Warning: git commit failed" in failed.stderr
    assert machine.git("ls-files", "-s", "--full-name") == staged


def test_nothing_is_committed_while_a_rebase_is_in_progress(repo: Machine) -> None:
    (repo.notes / ".git" / "rebase-merge").mkdir()
    result = repo.run("bullet", "-d", "2026-11-18", "kept")
    assert result.stderr.count("a rebase is in progress") == 1
    untracked = repo.git("status", "--porcelain", "--untracked-files=all").strip()
    assert untracked == "?? drafts/2026-11-18.md"
    stopped = repo.run("sync", code=9)
    assert "a rebase is in progress" in stopped.stderr


# -- init --git ------------------------------------------------------------------------------


def test_init_git_without_an_identity_sets_one_for_the_folder(tmp_path: Path) -> None:
    require_tool("git")
    machine = Machine(tmp_path, "nobody")
    # An identity git will not guess: no name or email, and no guessing from the host.
    (machine.home / ".gitconfig").write_text("[user]\n\tuseConfigOnly = true\n")
    made = machine.run("init", "--git")
    assert "git had no identity here" in made.stderr
    assert machine.git("log", "--format=%s").strip() == "init: weeknote folder"
    assert machine.git("config", "--local", "user.email").strip()
    assert machine.git("status", "--porcelain") == ""
    assert "drafts/*.md merge=weeknote" in (machine.notes / ".gitattributes").read_text()
    assert "weeknote.git.linemerge" in machine.git("config", "merge.weeknote.driver")


def test_init_git_leaves_nothing_new_when_it_fails(tmp_path: Path) -> None:
    require_tool("git")
    machine = Machine(tmp_path, "me")
    machine.notes.mkdir()
    (machine.notes / ".gitattributes").mkdir()  # in the way: the attributes cannot be written
    before = tree_digest(machine.home)
    failed = machine.run("init", "--git", code=4)
    assert failed.stderr.count("\n") == 1
    assert tree_digest(machine.home) == before


def test_no_git_on_path(tmp_path: Path) -> None:
    machine = Machine(tmp_path, "me")
    empty = tmp_path / "bin"
    empty.mkdir()
    no_git = {**machine.env, "PATH": str(empty)}  # Python itself is run by its full path
    failed = weeknote_process("init", "--git", env=no_git)
    assert failed.returncode == 9 and "git is not installed" in failed.stderr, failed.stderr
    assert failed.stderr.count("\n") == 1 and not machine.notes.exists()
    (machine.home / "config.toml").write_text("git.autocommit = true\n")
    saved = weeknote_process("bullet", "x", env=no_git)
    assert saved.returncode == 0 and saved.stderr.count("git is not installed") == 1
    assert "x" in bullets_text(next((machine.notes / "drafts").iterdir()))


# -- found by a second pass ----------------------------------------------------------------


def test_what_one_machine_took_back_stays_gone(machines: tuple[Machine, Machine]) -> None:
    laptop, desktop = machines
    laptop.run("bullet", "-d", "2026-11-18", "kept")
    time.sleep(1.05)
    laptop.run("bullet", "-d", "2026-11-18", "a typo'd bullet")
    laptop.run("skip", "2026-W50", "--reason", "holiday")
    laptop.run("sync")
    desktop.run("sync")
    assert laptop.run("bullet", "--undo").stdout == "a typo'd bullet\n"
    laptop.run("skip", "--undo", "2026-W50")
    desktop.run("bullet", "-d", "2026-11-18", "from the desktop")
    desktop.run("skip", "2026-W51")
    for machine in (laptop, desktop, laptop):
        machine.run("sync")
    for machine in (laptop, desktop):
        draft = bullets_text(machine.notes / "drafts" / "2026-11-18.md")
        assert draft == "- kept\n- from the desktop\n"
        assert (machine.notes / "breaks.txt").read_text() == "2026-W51\n"


def test_two_identical_bullets_stay_two(machines: tuple[Machine, Machine]) -> None:
    laptop, desktop = machines
    laptop.run("bullet", "-d", "2026-11-18", "-", input="Call with Sam\nCall with Sam\n")
    desktop.run("bullet", "-d", "2026-11-18", "other")
    for machine in (laptop, desktop, laptop):
        machine.run("sync")
    draft = bullets_text(laptop.notes / "drafts" / "2026-11-18.md")
    assert draft.count("Call with Sam") == 2


def test_an_unresolved_conflict_is_never_pushed(machines: tuple[Machine, Machine]) -> None:
    laptop, desktop = machines
    (laptop.notes / "2026-W47.conflict.md").write_text("another machine's text\n")
    stopped = laptop.run("sync", code=6)
    assert "2026-W47.conflict.md still holds another machine's text" in stopped.stderr


def test_an_export_inside_the_folder_is_not_committed(repo: Machine) -> None:
    write_note(repo.notes, "2026-W46", "A week.\n")
    repo.run("new", "2026-W47", "--no-edit")
    repo.run("export", "-f", "site", "-o", str(repo.notes / "site"))
    tracked = repo.git("ls-files").split()
    assert not any(name.startswith("site/") for name in tracked)


def test_a_persons_uncommitted_file_stops_the_sync(machines: tuple[Machine, Machine]) -> None:
    laptop, _ = machines
    (laptop.notes / "todo.txt").write_text("one\n")
    laptop.git("add", "todo.txt")
    laptop.git("commit", "-q", "-m", "my list")
    (laptop.notes / "todo.txt").write_text("two\n")
    stopped = laptop.run("sync", code=9)
    assert "todo.txt" in stopped.stderr and "commit or stash them" in stopped.stderr
    assert (laptop.notes / "todo.txt").read_text() == "two\n"


def test_a_sync_waits_for_no_writer_forever(repo: Machine, monkeypatch: pytest.MonkeyPatch) -> None:
    from weeknote.errors import WriteError
    from weeknote.git.repository import writing

    monkeypatch.setenv("XDG_CACHE_HOME", repo.env["XDG_CACHE_HOME"])
    with (
        writing(repo.notes, exclusive=False),  # a command writing, or its editor open
        pytest.raises(WriteError, match="being written"),
        writing(repo.notes, exclusive=True, wait=0.2),
    ):
        pass
    with writing(repo.notes, exclusive=True, wait=0.2):  # and once it is done
        pass


def test_a_failed_init_takes_back_the_config_it_wrote(tmp_path: Path) -> None:
    require_tool("git")
    machine = Machine(tmp_path, "me")
    hooks = machine.home / "hooks"
    hooks.mkdir()
    (hooks / "pre-commit").write_text("#!/bin/sh\necho 'hook says no' >&2\nexit 1\n")
    (hooks / "pre-commit").chmod(0o755)
    with (machine.home / ".gitconfig").open("a") as config:
        config.write(f"[core]\n\thooksPath = {hooks}\n")
    before = tree_digest(machine.home)
    failed = machine.run("init", "--git", code=9)
    assert "hook says no" in failed.stderr
    assert tree_digest(machine.home) == before


# -- a remote lives with its folder --------------------------------------------------------


def _bare(path: Path) -> Path:
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(path)], check=True)
    return path


def _log(folder: Path) -> list[str]:
    return subprocess.run(
        ["git", "-C", str(folder), "log", "--format=%s"], capture_output=True, text=True
    ).stdout.splitlines()


def _setting(machine: Machine, folder: Path, key: str) -> dict[str, str]:
    shown = machine.run("config", "--json", WEEKNOTE_DIR=str(folder))
    return dict(json.loads(shown.stdout)["settings"][key])


def test_a_remote_given_to_one_folder_is_never_another_folders(
    tmp_path: Path, remote: Path
) -> None:
    me = Machine(tmp_path, "me")
    config = me.home / "config.toml"
    me.run("init", "--git", "--remote", str(remote))
    me.run("bullet", "-d", "2026-11-18", "in the first folder")
    me.run("sync")
    assert "git.remote" not in config.read_text()  # the folder's repository keeps it
    assert str(remote) not in config.read_text()
    assert _setting(me, me.notes, "git.remote") == {
        "value": str(remote),
        "source": f"git remote origin of {me.notes}",
    }
    other = me.home / "other"
    made = me.run("init", "--git", WEEKNOTE_DIR=str(other))
    assert str(remote) not in made.stderr
    refused = me.run("sync", code=9, WEEKNOTE_DIR=str(other))
    assert f"{other} has no remote to sync with" in refused.stderr
    assert _log(other) == ["init: weeknote folder"]  # nothing of the first folder's pulled
    assert not (other / "drafts").exists()
    assert _setting(me, other, "git.remote")["value"] == ""
    # Setting it for the second folder points that folder's origin, and nothing else.
    second = _bare(tmp_path / "second.git")
    config_before = config.read_bytes()
    done = me.run("config", "git.remote", str(second), WEEKNOTE_DIR=str(other))
    assert f"its remote origin is {second} now" in done.stderr
    assert config.read_bytes() == config_before
    assert me.run("config", "git.remote", WEEKNOTE_DIR=str(other)).stdout == f"{second}\n"
    assert me.git("remote", "get-url", "origin").strip() == str(remote)
    me.run("sync", WEEKNOTE_DIR=str(other))
    assert _log(second) == ["init: weeknote folder"]
    assert len(_log(remote)) == 2  # the first folder's init and bullet, and no more


def test_a_remote_cannot_be_set_for_a_folder_without_a_repository(tmp_path: Path) -> None:
    require_tool("git")
    me = Machine(tmp_path, "me")
    me.run("init")
    config = me.home / "config.toml"
    before = config.read_bytes()
    refused = me.run("config", "git.remote", "git@example.org:me/notes.git", code=9)
    assert refused.stderr.count("\n") == 1
    assert f"{me.notes} is not a git repository" in refused.stderr
    assert "weeknote init --git --remote git@example.org:me/notes.git" in refused.stderr
    empty = me.run("config", "git.remote", "", code=2)
    assert "git.remote cannot be empty" in empty.stderr
    assert config.read_bytes() == before


def test_a_user_wide_remote_from_before_is_read_only_by_a_folder_without_one(
    tmp_path: Path, remote: Path
) -> None:
    laptop = Machine(tmp_path, "laptop")
    laptop.run("init", "--git", "--remote", str(remote))
    laptop.run("bullet", "-d", "2026-11-18", "from the laptop")
    laptop.run("sync")
    me = Machine(tmp_path, "me")
    me.run("init", "--git")
    me.git("config", "--unset", "weeknote.ownremote")  # as a repository made before
    config = me.home / "config.toml"
    config.write_text(config.read_text() + f'git.remote = "{remote}"\n')
    shown = me.run("config", "git.remote")
    assert shown.stdout == f"{remote}\n"
    (note,) = shown.stderr.splitlines()
    assert note.startswith(f"Note: {me.notes} has no remote of its own, so git.remote = ")
    assert "weeknote config git.remote URL run for it" in note
    synced = me.run("sync")
    assert "this sync used git.remote" in synced.stderr
    assert me.git("remote", "get-url", "origin").strip() == str(remote)
    assert "from the laptop" in bullets_text(me.notes / "drafts" / "2026-11-18.md")
    assert "Note:" not in me.run("sync").stderr  # the folder's own remote now
    # A new folder never takes it: init says so, and a sync has no remote to go to.
    new = me.home / "new"
    made = me.run("init", "--git", WEEKNOTE_DIR=str(new))
    assert f"git.remote = {remote} in {config} is not this new folder's" in made.stderr
    assert _setting(me, new, "git.remote")["value"] == ""
    me.run("sync", code=9, WEEKNOTE_DIR=str(new))
    assert _log(new) == ["init: weeknote folder"]
