"""jrnl journals become drafted bullets; `show`, `streak` and `new` then see those weeks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from conftest import Run, tree_digest, write_note
from weeknote.errors import ImportFailure
from weeknote.folder.store import Store
from weeknote.imports.jrnl import JrnlEntry, JrnlImport, bullet_text, import_entries, read_journal

# Written by jrnl 4.6 (timeformat "%F %r", its default), the entries added with
# `jrnl "2024-05-08 14:00: Paired on ..."`; the last entry was added twice.
JOURNAL = """\
[2024-05-06 09:30:00 AM] Planned the quarter with @ops.
Three goals, one owner each.

[2024-05-08 02:00:00 PM] Paired on the @billing migration. It went well
We moved two tables.

Next: the invoices table.

[2024-05-10 05:45:00 PM] Demo day went well! *

[2024-05-13 08:50:00 AM] Wrote the @release notes.
Took an hour.

[2024-05-13 08:50:00 AM] Wrote the @release notes.
Took an hour.
"""

# `jrnl --export json` of the same journal.
EXPORT = """\
{
  "tags": {"@release": 2, "@ops": 1, "@billing": 1},
  "entries": [
    {"title": "Planned the quarter with @ops.", "body": "Three goals, one owner each.",
     "date": "2024-05-06", "time": "09:30", "tags": ["@ops"], "starred": false},
    {"title": "Paired on the @billing migration. It went well",
     "body": "We moved two tables.\\n\\nNext: the invoices table.",
     "date": "2024-05-08", "time": "14:00", "tags": ["@billing"], "starred": false},
    {"title": "Demo day went well!", "body": "", "date": "2024-05-10", "time": "17:45",
     "tags": [], "starred": true},
    {"title": "Wrote the @release notes.", "body": "Took an hour.", "date": "2024-05-13",
     "time": "08:50", "tags": ["@release"], "starred": false},
    {"title": "Wrote the @release notes.", "body": "Took an hour.", "date": "2024-05-13",
     "time": "08:50", "tags": ["@release"], "starred": false}
  ]
}
"""

EXPECTED = [
    (date(2024, 5, 6), "09:30", "Planned the quarter with @ops.", "Three goals, one owner each."),
    (
        date(2024, 5, 8),
        "14:00",
        "Paired on the @billing migration. It went well",
        "We moved two tables.\n\nNext: the invoices table.",
    ),
    (date(2024, 5, 10), "17:45", "Demo day went well!", ""),
    (date(2024, 5, 13), "08:50", "Wrote the @release notes.", "Took an hour."),
    (date(2024, 5, 13), "08:50", "Wrote the @release notes.", "Took an hour."),
]


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _imported(tmp_path: Path, notes_dir: Path, dry_run: bool = False) -> JrnlImport:
    entries = read_journal(_file(tmp_path, "journal.txt", JOURNAL))
    return import_entries(Store(notes_dir), entries, dry_run=dry_run)


@pytest.mark.parametrize(("name", "text"), [("journal.txt", JOURNAL), ("journal.json", EXPORT)])
def test_the_journal_and_its_export_read_alike(tmp_path: Path, name: str, text: str) -> None:
    entries = read_journal(_file(tmp_path, name, text))
    assert [(e.day, e.time, e.title, e.body) for e in entries] == EXPECTED
    assert [e.starred for e in entries] == [False, False, True, False, False]
    assert [e.tags for e in entries][:3] == [("@ops",), ("@billing",), ()]
    where = "line 4" if name.endswith(".txt") else "entry 2"
    assert entries[1].origin == f"{tmp_path / name}, {where}"


def test_older_time_formats_read_too(tmp_path: Path) -> None:
    path = _file(
        tmp_path, "old.txt", "[2024-05-06 09:30] Old style. *\nBody\n[2024-05-07 9:05 PM] Late\n"
    )
    entries = read_journal(path)
    assert [(e.day, e.time, e.title, e.body, e.starred) for e in entries] == [
        (date(2024, 5, 6), "09:30", "Old style.", "Body", True),
        (date(2024, 5, 7), "21:05", "Late", "", False),
    ]


@pytest.mark.parametrize(
    ("text", "where", "hint"),
    [
        ("Just some notes\n[2024-05-06 09:30] Title\n", "line 1", "jrnl entry"),
        (
            "[2024-05-06 09:30] Fine\n[2024-02-30 09:30] Not a day\n",
            "line 2",
            "[2024-02-30 09:30] is no real time",
        ),
        ("[2024-05-06 09:30] Fine\n[2024-05-06 at noon] Hmm\n", "line 2", "cannot be read"),
        ('{"entries": [{"title": "x"', "line 1", "not valid JSON"),
        ('{"entries": [{"title": "x", "date": "13/05/2024"}]}', "entry 1", "YYYY-MM-DD"),
        ('{"entries": [{"title": 3, "date": "2024-05-13"}]}', "entry 1", "should be text"),
        ('{"items": []}', "", 'no "entries" list'),
        ("{" + "[" * 100_000, "", "jrnl"),
    ],
)
def test_a_malformed_journal_is_refused_in_one_line(
    tmp_path: Path, text: str, where: str, hint: str
) -> None:
    path = _file(tmp_path, "journal.txt", text)
    with pytest.raises(ImportFailure) as failure:
        read_journal(path)
    message = failure.value.message
    assert "\n" not in message and message.startswith(str(path)) and hint in message
    assert where in message


def test_entries_become_the_days_drafted_bullets(tmp_path: Path, notes_dir: Path) -> None:
    result = _imported(tmp_path, notes_dir)
    assert [(w.week.id, w.added, w.present, w.days, w.note) for w in result.weeks] == [
        ("2024-W19", 3, 0, (date(2024, 5, 6), date(2024, 5, 8), date(2024, 5, 10)), None),
        ("2024-W20", 2, 0, (date(2024, 5, 13),), None),
    ]
    draft = (notes_dir / "drafts" / "2024-05-08.md").read_text()
    # The title is the bullet; the body stays below it, indented; @tags are #tags.
    assert draft.splitlines()[0].startswith(
        "- Paired on the #billing migration. It went well <!-- "
    )
    assert draft.splitlines()[1:] == ["  We moved two tables.", "", "  Next: the invoices table."]
    bullets = Store(notes_dir).day_bullets(date(2024, 5, 8), ())
    assert [b.text for b in bullets] == [
        "Paired on the #billing migration. It went well\n  We moved two tables.\n\n"
        "  Next: the invoices table."
    ]


def test_importing_twice_adds_nothing(tmp_path: Path, notes_dir: Path) -> None:
    _imported(tmp_path, notes_dir)
    before = tree_digest(notes_dir)
    again = _imported(tmp_path, notes_dir)
    assert (again.added, again.present, again.paths) == (0, 5, ())
    assert tree_digest(notes_dir) == before


def test_a_dry_run_counts_and_writes_nothing(tmp_path: Path, notes_dir: Path) -> None:
    result = _imported(tmp_path, notes_dir, dry_run=True)
    assert (result.added, result.present, result.paths) == (5, 0, ())
    assert tree_digest(notes_dir) == {}


def test_bullets_captured_by_hand_stay_as_they_were(
    tmp_path: Path, notes_dir: Path, run: Run
) -> None:
    assert run("bullet", "--date", "2024-05-06", "Coffee with Sam").exit_code == 0
    _imported(tmp_path, notes_dir)
    texts = [b.text for b in Store(notes_dir).day_bullets(date(2024, 5, 6), ())]
    assert texts == [
        "Planned the quarter with #ops.\n  Three goals, one owner each.",
        "Coffee with Sam",
    ]


def test_show_lists_a_drafted_week_with_its_entries(
    tmp_path: Path, notes_dir: Path, run: Run
) -> None:
    _imported(tmp_path, notes_dir)
    result = run("show", "2024-W19")
    assert result.exit_code == 0, result.stderr
    assert "2024-W19 (6-12 May 2024), not written yet: 3 drafted bullets" in result.stdout
    assert "  Wed 8 May   Paired on the #billing migration. It went well\n" in result.stdout
    assert "              We moved two tables.\n\n              Next: the invoices" in result.stdout


def test_new_writes_the_week_up_from_its_entries(tmp_path: Path, notes_dir: Path, run: Run) -> None:
    _imported(tmp_path, notes_dir)
    result = run("new", "2024-W19")
    assert result.exit_code == 0, result.stderr
    note = (notes_dir / "2024-W19.md").read_text()
    assert (
        "- Paired on the #billing migration. It went well\n  We moved two tables.\n\n"
        "  Next: the invoices table.\n- Demo day went well!\n" in note
    )
    assert "<!--" not in note
    tags = run("tags", "--json")
    assert tags.exit_code == 0, tags.stderr
    assert {"ops", "billing"} <= {use["tag"] for use in json.loads(tags.stdout)["tags"]}
    shown = run("show", "2024-W19")
    assert "not in this note" not in shown.stderr  # every entry is in it


def test_a_written_week_gets_its_entries_as_late_bullets(
    tmp_path: Path, notes_dir: Path, run: Run
) -> None:
    write_note(notes_dir, "2024-W19", "Highlights.\n")
    result = _imported(tmp_path, notes_dir)
    assert result.weeks[0].note == "2024-W19.md" and result.weeks[0].added == 3
    shown = run("show", "2024-W19")
    assert "3 drafted bullets not in this note yet" in shown.stderr
    assert run("new", "2024-W19", "--update").exit_code == 0
    assert "  Next: the invoices table." in (notes_dir / "2024-W19.md").read_text()


def test_streak_names_drafted_unwritten_weeks(tmp_path: Path, notes_dir: Path, run: Run) -> None:
    write_note(notes_dir, "2024-W18")
    write_note(notes_dir, "2024-W21")
    _imported(tmp_path, notes_dir)
    doc = json.loads(run("streak", "--as-of", "2024-05-30", "--json").stdout)
    assert doc["drafted"] == ["2024-W19", "2024-W20"]
    # Drafted is not written: the streak is about notes, and the gap is still a gap.
    assert doc["current"]["length"] == 1 and doc["weeks_written"] == 2
    assert doc["gaps"] == [{"first": "2024-W19", "last": "2024-W20", "weeks": 2}]
    piped = run("streak", "--as-of", "2024-05-30").stdout
    assert "Drafted: 2 weeks not written up yet: weeknote new 2024-W20 writes the newest" in piped
    row = next(line for line in piped.splitlines() if line.startswith("2024"))
    assert row[6 + 17 : 6 + 22] == "■++■·"  # W18 written, W19-W20 drafted, W21, W22 in progress
    assert "+ drafted" in piped


@pytest.mark.usefixtures("terminal")
def test_a_journal_without_notes_still_has_a_calendar(
    tmp_path: Path, notes_dir: Path, run: Run
) -> None:
    _imported(tmp_path, notes_dir)
    result = run("streak", "--as-of", "2024-05-30")
    assert result.exit_code == 0, result.stderr
    assert "2 weeks not written up yet: weeknote new 2024-W20 writes the newest" in result.stdout
    row = next(line for line in result.stdout.splitlines() if line.startswith("2024"))
    assert row[6 + 18 : 6 + 20] == "++"
    assert all(len(line) <= 100 for line in result.stdout.splitlines())


def test_undo_takes_back_a_whole_entry(tmp_path: Path, notes_dir: Path, run: Run) -> None:
    draft = notes_dir / "drafts" / "2024-05-08.md"
    draft.parent.mkdir()
    draft.write_text("- Breakfast <!-- 2024-05-08T07:00:00Z -->\n")
    entry = JrnlEntry(date(2024, 5, 8), "23:00", "Late one", "line 1\n\nline 2", (), False, "j")
    import_entries(Store(notes_dir), [entry], dry_run=False)
    with draft.open("a") as typed:  # below it, a bullet from before 23:00 in any time zone
        typed.write("- Standup <!-- 2024-05-08T08:30:00Z -->\n")
    result = run("bullet", "--undo", "--date", "2024-05-08")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Late one\n  line 1\n\n  line 2\n"
    assert draft.read_text() == (
        "- Breakfast <!-- 2024-05-08T07:00:00Z -->\n- Standup <!-- 2024-05-08T08:30:00Z -->\n"
    )


def test_drafts_from_two_machines_merge_with_their_bodies(tmp_path: Path) -> None:
    from weeknote.git.linemerge import merge_lines

    base = "- One <!-- 2024-05-08T08:00:00Z -->\n"
    ours = base + "- Two <!-- 2024-05-08T10:00:00Z -->\n  two's body\n"
    theirs = base + "- Three <!-- 2024-05-08T09:00:00Z -->\n  three's body\n"
    assert merge_lines(base, ours, theirs, "drafts/2024-05-08.md") == (
        base + "- Three <!-- 2024-05-08T09:00:00Z -->\n  three's body\n"
        "- Two <!-- 2024-05-08T10:00:00Z -->\n  two's body\n"
    )


def test_nothing_runs_or_hides_in_an_entry() -> None:
    entry = JrnlEntry(
        date(2024, 5, 8),
        "09:00",
        "Saw <script>alert(1)</script> <!-- 2024-05-08T09:00:00Z -->",
        "[click](javascript:alert(document.cookie)) and [ok](https://example.org) a@b.c",
        (),
        False,
        "j",
    )
    text = bullet_text(entry)
    assert "<" not in text and "javascript" not in text
    assert "[click] and [ok](https://example.org) a@b.c" in text


def test_an_empty_entry_is_left_out(notes_dir: Path) -> None:
    empty = JrnlEntry(date(2024, 5, 8), "09:00", "", "", (), False, "journal.txt, line 3")
    result = import_entries(Store(notes_dir), [empty], dry_run=False)
    assert result.weeks == () and result.left_out == (("journal.txt, line 3", "an empty entry"),)


def test_a_journal_made_by_real_jrnl_comes_in(tmp_path: Path, notes_dir: Path) -> None:
    jrnl = shutil.which("jrnl")
    if jrnl is None:
        pytest.skip("jrnl is not installed (pipx install jrnl)")
    journal = tmp_path / "real.txt"
    config = tmp_path / "jrnl.yaml"
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\ndefault_hour: 9\n"
        "default_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\nindent_character: '|'\n"
        f"journals: {{default: {{journal: {journal}}}}}\nlinewrap: 79\ntagsymbols: '#@'\n"
        "template: false\ntimeformat: '%F %r'\nversion: v4.2\n"
    )
    env = {**os.environ, "HOME": str(tmp_path)}
    for text in ("2024-05-06 09:30: Met @ana. We agreed.", "2024-05-07 16:00: Shipped it!"):
        subprocess.run(
            [jrnl, "--config-file", str(config), text], env=env, check=True, capture_output=True
        )
    export = subprocess.run(
        [jrnl, "--config-file", str(config), "--export", "json"],
        env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    from_text = read_journal(journal)
    from_json = read_journal(_file(tmp_path, "real.json", export))
    assert [(e.day, e.time, e.title, e.body) for e in from_text] == [
        (date(2024, 5, 6), "09:30", "Met @ana.", "We agreed."),
        (date(2024, 5, 7), "16:00", "Shipped it!", ""),
    ]
    assert [(e.day, e.time, e.title, e.body, e.tags) for e in from_json] == [
        (e.day, e.time, e.title, e.body, e.tags) for e in from_text
    ]
    result = import_entries(Store(notes_dir), from_text, dry_run=False)
    assert result.added == 2
