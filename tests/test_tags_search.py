"""Tags and search as the week is lived: what a tag is, `weeknote tags`, the typo hint on
`weeknote bullet`, and whole-word search that shows a written-up bullet once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import Run, bullets_text, write_note


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-24")  # a Tuesday in 2026-W48


def tag_counts(run: Run, *args: str) -> list[tuple[str, int, str]]:
    result = run("tags", "--json", *args)
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["version"] == 1
    return [(t["tag"], t["count"], t["last_week"]) for t in doc["tags"]]


def tag_names(run: Run) -> list[str]:
    return sorted(tag for tag, _, _ in tag_counts(run))


# -- what a tag is -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "tags"),
    [
        ("- Met the #learning group\n", ["learning"]),
        ("- Tried #café-2, #ünïcode and #日本\n", ["café-2", "ünïcode", "日本"]),
        ("- Accents as written or decomposed: #cafe\u0301 #CAFÉ\n", ["café"]),
        ("- Devanagari keeps its vowel signs: #हिन्दी\n", ["हिन्दी"]),
        ("- #Learning, #LEARNING and #learning are one tag\n", ["learning"]),
        ("- Digits and underscores: #2026_plans #q4-review\n", ["2026_plans", "q4-review"]),
        ("Weeknote #42, issue #7 and #2026\n", []),
        ("- #42nd street\n", ["42nd"]),
        ("- Trailing dashes go: #tag- and #other_ and #both-_\n", ["both", "other", "tag"]),
        ("- (#paren) [#bracket], #end.\n", ["bracket", "end", "paren"]),
        ("See https://x.org/#frag and example.org/page#section\n", []),
        ("Read <https://x.org/a-#frag> and www.x.org/#top\n", []),
        ("## Learning\n\n# Title\n\n###### Deep\n", []),
        ("## Reading #books ##\n", ["books"]),
        ("C# and F#, &#x41; and ##double\n", []),
        ("- Run `#not-a-tag` but #yes, and ``a ` #nor-this``\n", ["yes"]),
        ("```\n#in-fence\n```\n\n~~~~ python\n#tilde\n~~~\n#still-in\n~~~~\n#after\n", ["after"]),
        ("  ```\n  #indented-fence\n  ```\n- #out\n", ["out"]),
        ("- a#b is no tag\n", []),
    ],
)
def test_what_a_tag_is(run: Run, notes_dir: Path, body: str, tags: list[str]) -> None:
    write_note(notes_dir, "2026-W46", body)
    assert tag_names(run) == sorted(tags)


def test_front_matter_tags_count_with_body_tags(run: Run, notes_dir: Path) -> None:
    notes_dir.mkdir(parents=True, exist_ok=True)
    (notes_dir / "2026-W46.md").write_text(
        '+++\nweek = "2026-W46"\ntags = ["Bins", "#Mobiles"]\n+++\n\n- Met #bins\n',
        encoding="utf-8",
    )
    assert tag_names(run) == ["bins", "mobiles"]
    listed = json.loads(run("list", "--tag", "#MOBILES", "--json").stdout)["notes"]
    assert [note["week"] for note in listed] == ["2026-W46"]


def test_list_tag_matches_any_case_of_any_script(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W45", "- #Ünïcode and #日本\n")
    for asked in ("ünïcode", "#ÜNÏCODE", "日本"):
        listed = json.loads(run("list", "--tag", asked, "--json").stdout)["notes"]
        assert [note["week"] for note in listed] == ["2026-W45"], asked


def test_a_leading_section_word_files_the_bullet_and_is_no_tag(run: Run) -> None:
    run("bullet", "--date", "2026-11-23", "#learning Book a clear day")
    run("bullet", "--date", "2026-11-23", "--section", "next", "Plan the retro")
    run("bullet", "--date", "2026-11-23", "#robots in the contact centre")
    run("bullet", "--date", "2026-11-23", "Reading about #focus for #next week")
    assert tag_names(run) == ["focus", "next", "robots"]


def test_no_tags_is_said_kindly(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W46", "No tags here.\n")
    result = run("tags")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No #tags" in result.stderr and "weeknote bullet" in result.stderr
    assert json.loads(run("tags", "--json").stdout) == {"version": 1, "tags": []}
    ranged = run("tags", "--from", "2026-W47")
    assert ranged.exit_code == 0 and "in those weeks" in ranged.stderr


# -- weeknote tags -------------------------------------------------------------------------------


@pytest.fixture
def tagged(run: Run, notes_dir: Path) -> None:
    """#bins in W44, W45 and W48 (drafts); #mobiles in W44 and a W46+W47 fortnight note;
    #stale only in a W45 draft, whose week has a note; three tags once each in W48."""
    write_note(notes_dir, "2026-W44", "- #bins and #mobiles\n- #bins again\n")
    run("bullet", "--date", "2026-11-03", "Met the #bins team about #stale things")
    write_note(notes_dir, "2026-W45", "- Met the #bins team about #stale things\n")
    write_note(notes_dir, "2026-W47", "- #mobiles\n", weeks=["2026-W46", "2026-W47"])
    run("bullet", "--date", "2026-11-23", "#zeta #new #alpha")
    run("bullet", "--date", "2026-11-24", "#bins and #bins")
    run("bullet", "--date", "2026-11-25", "more #bins")


@pytest.mark.usefixtures("tagged")
def test_tags_count_weeks_most_used_first(run: Run) -> None:
    assert tag_counts(run) == [
        ("bins", 3, "2026-W48"),  # W44, W45 (the note), W48 (three bullets, one week)
        ("mobiles", 3, "2026-W47"),  # W44 and both weeks of the fortnight; W47 is earlier
        ("alpha", 1, "2026-W48"),  # ties on count and last week: by name
        ("new", 1, "2026-W48"),
        ("zeta", 1, "2026-W48"),
        ("stale", 1, "2026-W45"),  # the note's line; the draft it came from is not counted
    ]


def test_a_written_up_draft_is_not_counted_twice(run: Run, notes_dir: Path) -> None:
    run("bullet", "--date", "2026-11-17", "Robots in the #contact-centre")
    run("bullet", "--date", "2026-11-17", "#learning Pair on the #contact-centre rota")
    assert tag_counts(run) == [("contact-centre", 1, "2026-W47")]
    assert run("new", "2026-W47", "--no-edit").exit_code == 0
    assert tag_counts(run) == [("contact-centre", 1, "2026-W47")]
    run("bullet", "--date", "2026-11-18", "Only in the draft: #late")
    assert tag_counts(run) == [("contact-centre", 1, "2026-W47")]  # the week has its note


@pytest.mark.usefixtures("tagged")
def test_tags_from_and_to_take_any_week(run: Run) -> None:
    assert tag_counts(run, "--from", "2026-W46") == [
        ("mobiles", 2, "2026-W47"),
        ("alpha", 1, "2026-W48"),
        ("bins", 1, "2026-W48"),
        ("new", 1, "2026-W48"),
        ("zeta", 1, "2026-W48"),
    ]
    assert tag_counts(run, "--to", "2026-W45") == [
        ("bins", 2, "2026-W45"),
        ("stale", 1, "2026-W45"),
        ("mobiles", 1, "2026-W44"),
    ]
    assert tag_counts(run, "--from", "-2", "--to", "last") == [("mobiles", 2, "2026-W47")]
    bad = run("tags", "--from", "someday")
    assert bad.exit_code == 2 and "someday" in bad.stderr


@pytest.mark.usefixtures("tagged")
@pytest.mark.usefixtures("terminal")
def test_tags_table_for_people(run: Run) -> None:
    result = run("tags")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Tag", "Weeks", "Last", "week"]
    assert lines[1].split() == ["#bins", "3", "2026-W48"]
    assert lines[2].split() == ["#mobiles", "3", "2026-W47"]
    assert len(lines) == 7
    assert result.stderr == ""


# -- the typo hint -----------------------------------------------------------------------------


def _learning_in(run: Run, notes_dir: Path, weeks: int) -> None:
    """#learning in ``weeks`` weeks: notes from 2026-W44 on, the last week as drafts only."""
    for number in range(44, 44 + weeks - 1):
        write_note(notes_dir, f"2026-W{number}", "- Read a book #learning\n")
    run("bullet", "--date", "2026-11-17", "Pairing #learning")  # 2026-W47, no note


HINT = "new tag #learnign; did you mean #learning?"


def test_a_likely_typo_of_a_much_used_tag_is_hinted(run: Run, notes_dir: Path) -> None:
    _learning_in(run, notes_dir, 3)
    result = run("bullet", "Book a clear day #learnign")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == HINT
    assert len(result.stderr.splitlines()) == 2
    draft = notes_dir / "drafts" / "2026-11-24.md"
    assert bullets_text(draft) == "- Book a clear day #learnign\n"
    swapped = run("bullet", "Two edits: #lerning-", "and #laerning")
    assert HINT not in swapped.stderr
    assert "new tag #lerning; did you mean #learning?" in swapped.stderr
    assert "new tag #laerning; did you mean #learning?" in swapped.stderr


def test_no_hint_for_a_tag_used_in_only_two_weeks(run: Run, notes_dir: Path) -> None:
    _learning_in(run, notes_dir, 2)
    run("bullet", "--date", "2026-11-18", "Again #learning")  # the same week: still two
    result = run("bullet", "Book a clear day #learnign")
    assert result.exit_code == 0
    assert "did you mean" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_no_hint_for_a_tag_used_before(run: Run, notes_dir: Path) -> None:
    _learning_in(run, notes_dir, 3)
    write_note(notes_dir, "2026-W40", "- Odd one: #learnign\n")
    result = run("bullet", "Book a clear day #learnign")
    assert "did you mean" not in result.stderr
    first = run("bullet", "--date", "2026-11-23", "Typo of a typo #learnin")
    assert "did you mean #learning?" in first.stderr
    again = run("bullet", "--date", "2026-11-23", "Once more #learnin")  # in this week now
    assert "did you mean" not in again.stderr
    assert "did you mean" not in run("bullet", "Right this time #Learning").stderr


def test_no_hint_for_a_section_word(run: Run, notes_dir: Path) -> None:
    for number in (44, 45, 46):
        write_note(notes_dir, f"2026-W{number}", "- Planning the #nexts\n")
    result = run("bullet", "#next Plan the retro")
    assert "did you mean" not in result.stderr
    assert bullets_text(notes_dir / "drafts" / "2026-11-24.md") == "- #next Plan the retro\n"
    inside = run("bullet", "Plan the #next retro")  # not leading: a tag
    assert "new tag #next; did you mean #nexts?" in inside.stderr


def test_one_hint_per_new_tag_from_stdin(run: Run, notes_dir: Path) -> None:
    _learning_in(run, notes_dir, 3)
    result = run("bullet", "-", input="First #learnign\nSecond #learnign\n")
    assert result.stderr.count("did you mean") == 1
    assert bullets_text(notes_dir / "drafts" / "2026-11-24.md") == (
        "- First #learnign\n- Second #learnign\n"
    )


def test_no_hint_for_short_tags_two_edits_apart(run: Run, notes_dir: Path) -> None:
    for number in (44, 45, 46):
        write_note(notes_dir, f"2026-W{number}", "- #ux review\n")
    assert "did you mean" not in run("bullet", "Talk on #ai").stderr
    assert "new tag #ua; did you mean #ux?" in run("bullet", "Talk on #ua").stderr


def test_bullet_never_imports_rich_nor_scans_for_a_tag(notes_dir: Path) -> None:
    """A tagged bullet is checked against the folder's summary (kept by the report before
    it), as an untagged one is: neither reads the index nor loads the tag report."""
    status = [sys.executable, "-m", "weeknote", "status"]
    assert subprocess.run(status, capture_output=True).returncode == 0
    for text in ("Day with the waste team", "Day with the #waste-team"):
        code = (
            "import sys\n"
            f"sys.argv = ['weeknote', 'bullet', {text!r}]\n"
            "from weeknote.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'"
            " or m in ('weeknote.find.tags', 'weeknote.folder.note', 'weeknote.folder.index')))\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "[]", text


# -- search --------------------------------------------------------------------------------------


def results(run: Run, *args: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(run("search", *args, "--json").stdout)["results"]
    return found


def texts(run: Run, *args: str) -> list[str]:
    return [line["text"] for hit in results(run, *args) for line in hit["lines"]]


def test_search_matches_whole_words_unless_partial(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W46", "Something odd.\nNothing else.\n")
    missed = run("search", "thing")
    assert missed.exit_code == 1
    assert missed.stdout == ""
    assert missed.stderr == "No note or draft holds 'thing'.\n"
    partial = run("search", "thing", "--partial")
    assert partial.exit_code == 0
    assert "Something odd." in partial.stdout and "Nothing else." in partial.stdout
    write_note(notes_dir, "2026-W47", "Thing one: a thing, THINGS and things_to_do.\n")
    assert texts(run, "thing") == ["Thing one: a thing, THINGS and things_to_do."]
    assert [hit["week"] for hit in results(run, "thing", "--partial")] == ["2026-W46", "2026-W47"]


def test_search_whole_words_in_any_script(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W45", "- Café with Zoë\n- Cafés all week\n- Straße works\n")
    write_note(notes_dir, "2026-W46", "- 日本語を勉強した\n- हिन्दी सीखी\n")
    assert texts(run, "CAFÉ") == ["- Café with Zoë"]
    assert texts(run, "zoë") == ["- Café with Zoë"]
    assert texts(run, "straße") == ["- Straße works"]
    assert texts(run, "日本") == ["- 日本語を勉強した"]  # written without spaces: no edges to see
    assert texts(run, "हिन्दी") == ["- हिन्दी सीखी"]
    assert run("search", "हिन").exit_code == 1  # a vowel sign is part of the word
    assert texts(run, "हिन", "--partial") == ["- हिन्दी सीखी"]


def test_search_needs_every_word_and_shows_lines_with_any(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W46", "Visited the depot.\nThe waste team.\nOther.\n")
    assert texts(run, "depot", "team") == ["Visited the depot.", "The waste team."]
    assert run("search", "depot", "teams").exit_code == 1
    assert texts(run, "depot", "teams", "--partial") == []  # exits 1 with no results


def test_a_written_up_bullet_is_shown_once(run: Run, notes_dir: Path) -> None:
    run("bullet", "--date", "2026-11-17", "Robots in the contact centre")
    run("bullet", "--date", "2026-11-17", "--section", "learning", "Robots need a clear day")
    assert {hit["kind"] for hit in results(run, "robots")} == {"draft"}
    assert run("new", "2026-W47", "--no-edit").exit_code == 0
    run("bullet", "--date", "2026-11-18", "Robots again, after the note")
    found = results(run, "robots")
    assert [(hit["kind"], hit["date"]) for hit in found] == [
        ("note", None),
        ("draft", "2026-11-18"),
    ]
    note_lines = [line["text"] for line in found[0]["lines"]]
    assert note_lines == ["- Robots in the contact centre", "- Robots need a clear day"]
    assert found[1]["lines"] == [{"line": 1, "text": "- Robots again, after the note"}]
    people = run("search", "robots")
    assert people.stdout.count("Robots in the contact centre") == 1
    assert people.stderr == "3 matching lines, in 1 note and 1 draft.\n"


def test_a_bullet_the_note_no_longer_holds_is_still_found(run: Run, notes_dir: Path) -> None:
    run("bullet", "--date", "2026-11-17", "Robots in the contact centre")
    run("new", "2026-W47", "--no-edit")
    note = notes_dir / "2026-W47.md"
    note.write_text(note.read_text().replace("Robots", "Machines"))
    assert [hit["kind"] for hit in results(run, "robots")] == ["draft"]


def test_search_with_no_match_exits_1_even_with_json(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W46", "Visited the depot.\n")
    result = run("search", "zebra", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {"version": 1, "query": "zebra", "results": []}
    assert "No note or draft holds 'zebra'." in result.stderr
    empty = run("search", "depot", "--from", "2026-W47")
    assert empty.exit_code == 1 and empty.stderr == (
        "Weeks from 2026-W47 (16-22 Nov 2026) on.\nNo note or draft holds 'depot'.\n"
    )


def test_search_with_no_match_still_warns_of_an_unreadable_note(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W46", "Visited the depot.\n")
    (notes_dir / "2026-W45.md").write_text("+++\nweek = \n+++\nzebra\n")
    result = run("search", "zebra")
    assert result.exit_code == 1
    assert "Warning: left out a note" in result.stderr and "2026-W45.md" in result.stderr
    assert result.stderr.endswith("No note or draft holds 'zebra'.\n")
