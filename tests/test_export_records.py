"""`export --format json` keeps each note's record in a cache: a second export reads no note
that has not changed, and says exactly what reading every note would say."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from conftest import Run, write_note, write_undecodable_note
from weeknote.folder.store import Store
from weeknote.publish import export as publish
from weeknote.publish.formats import json as json_format
from weeknote.publish.formats.model import Options


@pytest.fixture
def notes(notes_dir: Path) -> Path:
    write_note(notes_dir, "2026-W47", "- Day with the waste team #bins\n- Tabs\tand é\n")
    write_note(notes_dir, "2026-W45", "Two weeks.\n", weeks=["2026-W44", "2026-W45"])
    (notes_dir / "2026-W01.md").write_text("# By hand\n\nNo front matter. #handmade\n")
    write_note(notes_dir, "2025-W52", "Year end.\n")
    return notes_dir


def _records(tmp_path: Path) -> Path:
    found = list((tmp_path / "cache" / "weeknote").glob("records-*.txt"))
    assert len(found) == 1, found
    return found[0]


def _read_notes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the notes each export reads, from here on."""
    read: list[str] = []
    original = Store.indexed_note

    def counting(self: Store, entry):  # type: ignore[no-untyped-def]
        read.append(entry.name)
        return original(self, entry)

    monkeypatch.setattr(Store, "indexed_note", counting)
    return read


def _uncached(notes: Path, *args: str) -> str:
    """The document made from every note read, as the json exporter makes it."""
    store = Store(notes, "monday")
    tag = args[1] if args[:1] == ("--tag",) else None
    items = publish.select(store, None, None, tag)
    return "".join(json_format.export(items, Options()))


def _export(run: Run, *args: str) -> str:
    result = run("export", "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_a_second_export_reads_no_note_and_says_the_same(
    run: Run, notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = _read_notes(monkeypatch)
    first = _export(run)
    assert sorted(read) == ["2025-W52.md", "2026-W01.md", "2026-W45.md", "2026-W47.md"]
    read.clear()
    second = _export(run)
    assert read == []
    assert second == first == _uncached(notes)
    assert json.loads(first)["notes"][0]["body"].endswith("Tabs\tand é\n")
    assert _records(tmp_path).read_bytes().startswith(b"weeknote json records ")


def test_a_changed_note_is_read_again_even_at_the_same_size(
    run: Run, notes: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _export(run)
    read = _read_notes(monkeypatch)
    note = notes / "2025-W52.md"
    before = note.stat()
    note.write_text(note.read_text().replace("Year end.", "Year END."))
    os.utime(note, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    assert note.stat().st_size == before.st_size
    text = _export(run)
    assert read == ["2025-W52.md"]
    assert "Year END." in text and "Year end." not in text
    assert text == _uncached(notes)


def test_a_removed_note_leaves_the_export_and_a_new_one_joins_it(
    run: Run, notes: Path, tmp_path: Path
) -> None:
    _export(run)
    (notes / "2026-W01.md").unlink()
    write_note(notes, "2026-W48", "New one.\n")
    text = _export(run)
    assert [n["week"] for n in json.loads(text)["notes"]] == [
        "2026-W48",
        "2026-W47",
        "2026-W45",
        "2025-W52",
    ]
    assert text == _uncached(notes)
    assert b"2026-W01.md" not in _records(tmp_path).read_bytes()


@pytest.mark.parametrize("damage", ["flipped", "truncated", "other-version", "not-utf8"])
def test_a_damaged_cache_is_not_used(
    run: Run, notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    want = _export(run)
    cache = _records(tmp_path)
    data = cache.read_bytes()
    if damage == "flipped":  # a word of a record changed, the checksum left as it was
        data = data.replace(b"Two weeks.", b"Two wEEks.")
    elif damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "other-version":
        data = re.sub(rb"^weeknote json records \d+ ", b"weeknote json records 999 ", data)
    else:
        header, _, body = data.partition(b"\n")
        import zlib

        body = body.replace(b"\xc3\xa9", b"\xe9")
        data = b"%s %08x\n%s" % (header.rsplit(b" ", 1)[0], zlib.crc32(body), body)
    cache.write_bytes(data)
    read = _read_notes(monkeypatch)
    assert _export(run) == want
    assert len(read) == 4  # every note read again
    read.clear()
    assert _export(run) == want and read == []  # and the cache made whole again


def test_filters_choose_among_the_cached_records(run: Run, notes: Path) -> None:
    _export(run)
    assert _export(run, "--tag", "bins") == _uncached(notes, "--tag", "bins")
    doc = json.loads(_export(run, "--from", "2026-W44", "--to", "2026-W46"))
    assert [n["week"] for n in doc["notes"]] == ["2026-W45"]
    result = run("export", "-f", "json", "--tag", "nothing")
    assert result.exit_code != 0 and "no notes tagged #nothing" in result.stderr


def test_a_note_broken_since_it_was_cached_is_left_out_and_said(
    run: Run, notes: Path, tmp_path: Path
) -> None:
    _export(run)
    (notes / "2026-W45.md").write_bytes(b'+++\ntitle = "x"\n\xff\xfe')
    out = tmp_path / "out.json"
    result = run("export", "-f", "json", "--output", str(out))
    assert result.exit_code == 0
    assert "Warning: left out a note" in result.stderr and "2026-W45.md" in result.stderr
    assert [n["week"] for n in json.loads(out.read_text())["notes"]] == [
        "2026-W47",
        "2026-W01",
        "2025-W52",
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its permissions")
def test_a_note_no_longer_readable_is_left_out_though_cached(run: Run, notes: Path) -> None:
    _export(run)
    note = notes / "2026-W47.md"
    note.chmod(0)
    try:
        result = run("export", "-f", "json")
    finally:
        note.chmod(0o644)
    assert result.exit_code == 0 and "left out a note" in result.stderr
    assert "2026-W47" not in [n["week"] for n in json.loads(result.stdout)["notes"]]


def test_a_note_replaced_by_another_file_is_read_again(run: Run, notes: Path) -> None:
    _export(run)
    note = notes / "2025-W52.md"
    before = note.stat()
    other = notes / ".replacement"
    other.write_text(note.read_text().replace("Year end.", "Year new."))
    os.utime(other, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(other, note)  # same size and modification time, another file
    text = _export(run)
    assert "Year new." in text and text == _uncached(notes)


def test_a_note_whose_file_name_is_not_utf8_is_exported_as_its_name_is(
    notes_dir: Path, tmp_path: Path
) -> None:
    import subprocess
    import sys

    write_note(notes_dir, "2026-W46", "One two three.\n", title="Budget week")
    write_undecodable_note(notes_dir)

    def export(*args: str) -> subprocess.CompletedProcess[bytes]:
        command = [sys.executable, "-m", "weeknote", "export", "-f", "json", *args]
        return subprocess.run(command, capture_output=True, timeout=120)

    first, again = export(), export()  # read, then from the cache
    assert first.returncode == again.returncode == 0, first.stderr
    assert first.stdout == again.stdout and first.stderr == again.stderr == b""
    assert b'"path": "2026-W47 \xff.md"' in first.stdout  # the name's own bytes
    out = tmp_path / "notes.json"
    assert export("-o", str(out)).returncode == 0
    assert out.read_bytes() == first.stdout
    second = export("-o", str(out))
    assert second.returncode == 0 and b"1 unchanged" in second.stderr, second.stderr
