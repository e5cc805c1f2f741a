"""YAML front matter beside TOML: written by new, kept by every writer, read by every
command, converted both ways; and the published and updated moments a note keeps."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import Run, git, weeknote_process, write_note
from weeknote.folder import yamlmatter
from weeknote.folder.note import Note, parse, serialise, split_front_matter

TITLE = "bins"  # new's subtitle: the title is "Weeknote w/c 16 November: bins"


@pytest.fixture
def yaml_notes(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-20")
    assert run("config", "note.front_matter", "yaml").exit_code == 0


def _front(path: Path) -> dict[str, object]:
    """The front matter as PyYAML or tomllib reads it: what other tools see."""
    text = path.read_text(encoding="utf-8")
    front, _, _ = split_front_matter(text, str(path))
    assert front is not None
    if text.startswith("---"):
        found = yaml.safe_load(front)
    else:
        import tomllib

        found = tomllib.loads(front)
    assert isinstance(found, dict)
    return found


def test_new_writes_yaml_that_obsidian_and_jekyll_read(
    run: Run, notes_dir: Path, yaml_notes: None
) -> None:
    made = run("new", "2026-W47", "--title", TITLE, "--no-edit")
    assert made.exit_code == 0, made.stderr
    path = notes_dir / "2026-W47.md"
    text = path.read_text()
    assert text.startswith('---\ntitle: "Weeknote w/c 16 November: bins"\ndate: 2026-11-16\n')
    front = _front(path)
    assert front["title"] == "Weeknote w/c 16 November: bins"  # the colon kept it a title
    assert front["date"] == date(2026, 11, 16)
    assert front["weeks"] == ["2026-W47"]
    published = front["published"]
    assert isinstance(published, datetime) and published.tzinfo is not None
    assert published.date() == date(2026, 11, 20) and front["updated"] == published


def test_a_title_that_needs_quotes_reads_back_the_same(run: Run, notes_dir: Path) -> None:
    for title in ['w/c 16 November: bins', "- a list?", "#not a comment", "yes", "2026-11-16",
                  'she said "hello" \\ left', "null", "[x]: {y}", "ünïcode — 日本"]:  # fmt: skip
        note = Note("2026-W47", ("2026-W47",), title, date(2026, 11, 16), "Body.\n",
                    ("tag: one", "два"), front_matter="yaml")  # fmt: skip
        text = serialise(note)
        assert parse(text, "n.md") == note
        front = split_front_matter(text, "n.md")[0]
        assert front is not None
        assert yaml.safe_load(front)["title"] == title
        assert yaml.safe_load(front)["tags"] == ["tag: one", "два"]


@given(
    meta=st.dictionaries(
        st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True),
        st.one_of(
            st.text(),
            st.lists(st.text(), max_size=3),
            st.dates(),
            st.integers(min_value=-(10**17), max_value=10**17),
            st.booleans(),
        ),
        max_size=6,
    )
)
def test_the_quick_yaml_reader_reads_what_pyyaml_reads(meta: dict[str, object]) -> None:
    front = yamlmatter.dumps(meta)
    assert yamlmatter._plain(front) == meta  # the quick reader reads all weeknote writes
    assert (yaml.safe_load(front) or {}) == meta


def test_yaml_front_matter_written_by_another_tool_is_read_whole(tmp_path: Path) -> None:
    text = (
        "---\ntitle: A plain title # with a comment\ntags:\n  - bins\n  - robots\n"
        "week: 2026-W47\n---\n\nBody.\n"
    )
    note = parse(text, "n.md")
    assert (note.title, note.tags, note.week, note.body) == (
        "A plain title",
        ("bins", "robots"),
        "2026-W47",
        "Body.\n",
    )
    assert note.front_matter == "yaml"


def test_a_hand_written_note_opening_with_a_rule_has_no_front_matter() -> None:
    text = "---\n\nA rule, then words.\n\n---\n"
    note = parse(text, "2026-W47.md", "2026-W47")
    assert note.body == text and note.week == "2026-W47"


def test_every_command_reads_yaml_and_toml_notes_in_one_folder(
    run: Run, notes_dir: Path, tmp_path: Path, yaml_notes: None
) -> None:
    write_note(notes_dir, "2026-W45", "Toml week with the #robots.\n", title="Toml one")
    assert run("new", "2026-W47", "--title", TITLE, "--no-edit").exit_code == 0
    path = notes_dir / "2026-W47.md"
    path.write_text(path.read_text() + "\nA day with the #bins crew at Millfields.\n")
    listed = json.loads(run("list", "--json").stdout)
    assert [each["week"] for each in listed["notes"]] == ["2026-W45", "2026-W47"]
    assert listed["notes"][1]["title"] == "Weeknote w/c 16 November: bins"
    found = run("search", "millfields")
    assert found.exit_code == 0 and "2026-W47" in found.stdout
    tags = run("tags", "--json").stdout
    assert '"bins"' in tags and '"robots"' in tags
    shown = run("show", "2026-W47")
    assert "A day with the #bins crew" in shown.stdout
    exported = json.loads(run("export", "-f", "json").stdout)
    bodies = {each["week"]: each["body"] for each in exported["notes"]}
    assert "Millfields" in bodies["2026-W47"] and "title:" not in bodies["2026-W47"]
    site = run("export", "-f", "site", "-o", str(tmp_path / "site"))
    assert site.exit_code == 0, site.stderr
    page = (tmp_path / "site" / "2026-W47.html").read_text()
    assert "Millfields" in page and "weeks:" not in page
    md = run("export").stdout
    assert "# Weeknote w/c 16 November: bins" in md and "# Toml one" in md


def test_bad_yaml_is_one_line_naming_the_file_and_line(notes_dir: Path) -> None:
    (notes_dir / "2026-W47.md").write_text('---\ntitle: "open\nweek: [\n---\n\nBody.\n')
    done = weeknote_process("show", "2026-W47")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "2026-W47.md" in done.stderr and "YAML" in done.stderr


def test_update_keeps_the_kind_and_moves_updated_only(
    run: Run, notes_dir: Path, monkeypatch: pytest.MonkeyPatch, yaml_notes: None
) -> None:
    assert run("new", "2026-W47", "--no-edit").exit_code == 0
    path = notes_dir / "2026-W47.md"
    before = _front(path)
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-22")
    assert run("bullet", "-d", "2026-11-19", "Late one about the depot").exit_code == 0
    assert run("new", "2026-W47", "--update", "--no-edit").exit_code == 0
    text = path.read_text()
    assert text.startswith("---\n") and "- Late one about the depot" in text
    after = _front(path)
    assert after["published"] == before["published"]
    assert isinstance(after["updated"], datetime) and after["updated"].date() == date(2026, 11, 22)
    assert {k: v for k, v in after.items() if k != "updated"} == {
        k: v for k, v in before.items() if k != "updated"
    }


def test_an_edit_in_the_editor_moves_updated(
    run: Run, notes_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-20")
    assert run("new", "2026-W47", "--no-edit").exit_code == 0
    path = notes_dir / "2026-W47.md"
    published = _front(path)["published"]
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf "\\nMore words.\\n" >> "$1"\n')
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-24")
    assert run("edit", "2026-W47").exit_code == 0
    front = _front(path)
    assert front["published"] == published
    assert isinstance(front["updated"], datetime) and front["updated"].date() == date(2026, 11, 24)
    assert path.read_text().endswith("More words.\n")


def test_convert_both_ways_keeps_bodies_byte_for_byte(
    run: Run, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-20")
    assert run("new", "2026-W47", "--title", TITLE, "--no-edit").exit_code == 0
    odd = "Lines a parser could trip on:\n+++\n---\n...\n\ttab, CRLF\r\n#tag: 'quoted'\n"
    write_note(notes_dir, "2026-W45", odd, weeks=["2026-W44", "2026-W45"], title="a: b")
    (notes_dir / "2026-W01.md").write_text("# By hand\n\nNo front matter.\n")
    bodies = {
        path.name: split_front_matter(path.read_text(), "x")[2] for path in notes_dir.glob("*.md")
    }
    notes = {p.name: parse(p.read_text(), p.name, p.name[:8]) for p in notes_dir.glob("*.md")}
    done = run("convert", "--front-matter", "yaml")
    assert done.exit_code == 0, done.stderr
    assert "Converted 2 notes to YAML front matter." in done.stderr
    assert "2026-W01.md" in done.stderr  # left as it is: it has no front matter
    assert (notes_dir / "2026-W01.md").read_text() == "# By hand\n\nNo front matter.\n"
    for name in ("2026-W47.md", "2026-W45.md"):
        text = (notes_dir / name).read_text()
        assert text.startswith("---\n")
        assert split_front_matter(text, name)[2] == bodies[name]
        again = parse(text, name)
        assert again.front_matter == "yaml" and again.extra == notes[name].extra
    assert run("convert", "--front-matter", "toml").exit_code == 0
    for path in notes_dir.glob("*.md"):
        text = path.read_text()
        assert split_front_matter(text, path.name)[2] == bodies[path.name]
        assert parse(text, path.name, path.name[:8]) == notes[path.name]


def test_convert_commits_with_git_on(
    run: Run, notes_dir: Path, git_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("init", "--git").exit_code == 0
    assert run("new", "2026-W47", "--no-edit").exit_code == 0
    assert run("convert", "--front-matter", "yaml").exit_code == 0
    assert git(notes_dir, "status", "--porcelain") == ""
    assert git(notes_dir, "log", "-1", "--format=%s").startswith("convert")
    assert git(notes_dir, "show", "HEAD:2026-W47.md").startswith("---\n")


def test_convert_refuses_an_unknown_kind(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W47")
    done = weeknote_process("convert", "--front-matter", "json")
    assert done.returncode == 2 and "toml" in done.stderr and "yaml" in done.stderr
    assert (notes_dir / "2026-W47.md").read_text().startswith("+++\n")


def test_a_value_toml_cannot_hold_stops_the_conversion_before_any_write(
    run: Run, notes_dir: Path
) -> None:
    write_note(notes_dir, "2026-W45")
    yaml_note = '---\ntitle: "x"\nweek: "2026-W47"\nreviewed: null\n---\n\nBody.\n'
    (notes_dir / "2026-W47.md").write_text(yaml_note)
    before = (notes_dir / "2026-W45.md").read_text()
    done = weeknote_process("convert", "--front-matter", "toml")
    assert done.returncode != 0 and "2026-W47.md" in done.stderr and "Traceback" not in done.stderr
    assert (notes_dir / "2026-W47.md").read_text() == yaml_note
    assert (notes_dir / "2026-W45.md").read_text() == before


def test_send_records_in_the_notes_own_kind() -> None:
    from datetime import UTC

    from weeknote.publish.sentlog import Send, sends, with_sends

    note = Note("2026-W47", ("2026-W47",), "T: x", date(2026, 11, 16), "Body.\n",
                front_matter="yaml")  # fmt: skip
    text = serialise(note)
    at = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    once = with_sends(text, "n.md", None, [Send("ann@example.org", at)])
    twice = with_sends(once, "n.md", None, [Send("bo@example.org", at)])
    assert re.search(r'^sent: \[\{to: "ann@example.org", date: 2026-11-20T09:00:00', twice, re.M)
    assert twice.startswith("---\n") and twice.endswith("\n\nBody.\n")
    assert [each.to for each in sends(parse(twice, "n.md"), "n.md")] == [
        "ann@example.org",
        "bo@example.org",
    ]
    assert yaml.safe_load(split_front_matter(twice, "n.md")[0] or "")["sent"][1]["to"] == (
        "bo@example.org"
    )


def test_import_writes_new_notes_in_the_configured_kind(
    run: Run, notes_dir: Path, tmp_path: Path, yaml_notes: None
) -> None:
    archive = tmp_path / "blog.txt"
    archive.write_text("Weeknote w/c 16 November 2026\n\nThe depot.\n")
    done = run("import", str(archive))
    assert done.exit_code == 0, done.stderr
    (path,) = notes_dir.glob("2026-W47*.md")
    assert path.read_text().startswith("---\n")
    assert _front(path)["title"] == parse(path.read_text(), path.name).title


def test_import_update_keeps_the_notes_kind_and_moves_updated(
    run: Run, notes_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-20")
    archive = tmp_path / "blog.txt"
    archive.write_text("Weeknote w/c 16 November 2026\n\nThe depot.\n")
    assert run("import", str(archive)).exit_code == 0
    (path,) = notes_dir.glob("2026-W47*.md")
    assert run("convert", "--front-matter", "yaml").exit_code == 0
    assert "updated" not in _front(path)
    archive.write_text("Weeknote w/c 16 November 2026\n\nThe depot, and the bins.\n")
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-25")
    done = run("import", str(archive), "--update")
    assert done.exit_code == 0, done.stderr
    assert path.read_text().startswith("---\n") and "the bins" in path.read_text()
    updated = _front(path)["updated"]
    assert isinstance(updated, datetime) and updated.date() == date(2026, 11, 25)
