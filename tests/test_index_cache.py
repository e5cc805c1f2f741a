"""The index cache reports read instead of every note: checksummed, so damage of any kind
costs a rebuild and never a wrong answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run, weeknote_process, write_note, write_undecodable_note


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-24")


def listed(run: Run) -> list[tuple[str, str, int]]:
    result = run("list", "--json")
    assert result.exit_code == 0, result.stderr
    assert "Warning" not in result.stderr
    return [(n["week"], n["title"], n["words"]) for n in json.loads(result.stdout)["notes"]]


def index_cache(tmp_path: Path) -> Path:
    (path,) = (tmp_path / "cache").rglob("index-*.json")
    return path


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data.replace(b"Budget", b"Bxdget"),  # one byte changed in a record
        lambda data: data.replace(b"weeknote index 3", b"weeknote index 9"),  # another version
        lambda data: b"",
    ],
    ids=["cut-short", "byte-changed", "other-version", "empty"],
)
def test_a_damaged_cache_gives_the_notes_as_they_are(
    run: Run, notes_dir: Path, tmp_path: Path, damage: object
) -> None:
    write_note(notes_dir, "2026-W46", "One two three.\n", title="Budget week")
    write_note(notes_dir, "2026-W47", "Four five.\n", title="Robots")
    truth = listed(run)
    assert truth == [("2026-W46", "Budget week", 3), ("2026-W47", "Robots", 2)]
    cache = index_cache(tmp_path)
    assert callable(damage)
    cache.write_bytes(damage(cache.read_bytes()))
    assert listed(run) == truth
    assert run("streak").exit_code == 0 and run("status").exit_code == 0
    assert cache.read_bytes().startswith(b"weeknote index 3 ")  # rebuilt


def test_a_note_changed_behind_the_cache_is_read_again(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    path = write_note(notes_dir, "2026-W46", "One two three.\n", title="Before")
    assert listed(run) == [("2026-W46", "Before", 3)]
    path.write_text(path.read_text(encoding="utf-8").replace("Before", "After!"), encoding="utf-8")
    assert listed(run) == [("2026-W46", "After!", 3)]


def test_a_cache_written_again_keeps_every_note_it_already_held(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    import os

    kept = [
        write_note(notes_dir, "2026-W40", "One #robots two.\n", title="Robots"),
        write_note(notes_dir, "2026-W42", "Three.\n", weeks=["2026-W41", "2026-W42"]),
        write_note(notes_dir, "2026-W44", "Four #waste-team five.\n", title="Bins"),
    ]
    listed(run)
    write_note(notes_dir, "2026-W46", "Six.\n", title="Added later")  # the cache is made again
    truth, tags = listed(run), run("tags", "--json").stdout
    assert [week for week, _, _ in truth] == ["2026-W40", "2026-W42", "2026-W44", "2026-W46"]
    for path in kept:  # same size and time: only a cache that still holds them can tell
        stat = path.stat()
        path.write_bytes(b"x" * stat.st_size)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert listed(run) == truth
    assert run("tags", "--json").stdout == tags and "robots" in tags


def test_the_scan_leaves_the_collector_as_it_found_it(run: Run, notes_dir: Path) -> None:
    import gc

    write_note(notes_dir, "2026-W46", "One two three.\n", title="Budget week")
    frozen = gc.get_freeze_count()
    assert gc.isenabled()
    assert listed(run) == [("2026-W46", "Budget week", 3)]
    assert run("search", "budget").exit_code == 0
    assert gc.isenabled() and gc.get_freeze_count() == frozen  # nothing set aside here
    gc.disable()
    try:
        assert run("search", "budget").exit_code == 0 and run("status").exit_code == 0
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_note_removed_while_the_folder_is_scanned_is_left_out(
    run: Run, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weeknote.folder.store import Store

    write_note(notes_dir, "2026-W45", "Kept.\n", title="Kept")
    listed(run)
    gone = write_note(notes_dir, "2026-W46", "Gone.\n", title="Gone")
    original = Store.load_note

    def removed_first(self: Store, path: Path) -> object:
        if path.name == gone.name and path.exists():
            path.unlink()  # as a sync might, between the listing and the reading
        return original(self, path)

    monkeypatch.setattr(Store, "load_note", removed_first)
    assert listed(run) == [("2026-W45", "Kept", 1)]
    assert listed(run) == [("2026-W45", "Kept", 1)]  # and the cache holds no trace of it


def test_a_note_whose_file_name_is_not_utf8_is_listed_and_cached(
    notes_dir: Path, tmp_path: Path
) -> None:
    write_note(notes_dir, "2026-W46", "One two three.\n", title="Budget week")
    write_undecodable_note(notes_dir)
    for _ in range(2):  # read, then from the cache
        result = weeknote_process("list")
        assert (result.returncode, result.stderr) == (0, "")
        assert result.stdout.splitlines() == [
            "2026-W46\t9-15 Nov 2026\tBudget week\t3",
            "2026-W47\t16-22 Nov 2026\tOdd name\t5",
        ]
        assert index_cache(tmp_path).read_bytes().startswith(b"weeknote index 3 ")


def test_the_folder_is_seen_the_same_opened_or_by_path(
    run: Run, notes_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from weeknote.folder import index

    write_note(notes_dir, "2026-W45", "Fine.\n", title="Fine")
    outside = write_note(tmp_path / "elsewhere", "2026-W01", "Secret.\n")
    (notes_dir / "2026-W46.md").symlink_to(notes_dir / "2026-W45.md")  # inside: fine
    (notes_dir / "2026-W47.md").symlink_to(outside)  # outside the folder: left out
    (notes_dir / "2026-W48.md").symlink_to(notes_dir / "nothing.md")  # to nothing
    (notes_dir / "2026-W49.md").mkdir()
    os.mkfifo(notes_dir / "2026-W50.md")

    def seen() -> tuple[str, str]:
        for cache in (tmp_path / "cache").rglob("index-*.json"):
            cache.unlink()  # read afresh each time
        result = run("list")
        assert result.exit_code == 0
        return result.stdout, result.stderr

    opened = seen()
    assert opened[0].count("\n") == 2 and opened[1].count("Warning: left out a note:") == 4
    monkeypatch.setattr(index, "_AT_FOLDER", False)  # as on a system without *at() calls
    assert seen() == opened
