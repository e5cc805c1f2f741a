"""The week as it is lived: breaks everywhere, one grace window, this week's bullets in hand.
Every test drives the real command line with a fixed today."""

from __future__ import annotations

import difflib
import json
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import Run, bullets_text, tree_digest, weeknote_process, write_note


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> object:
    def set_today(day: str) -> None:
        monkeypatch.setenv("WEEKNOTE_TODAY", day)

    return set_today


# -- breaks everywhere ----------------------------------------------------------------------


def test_new_goes_past_a_break_and_says_why(run: Run, notes_dir: Path, today: object) -> None:
    write_note(notes_dir, "2026-W46")
    run("skip", "2026-W47", "--reason", "holiday")
    today("2026-11-24")  # Tuesday of W48: before the cut-off, last week (W47) is a break
    result = run("new", "--no-edit")
    assert result.exit_code == 0 and result.stdout == "", result.stderr
    assert "2026-W47) is a break (holiday), and 2026-W48 is due from Fri 27" in result.stderr
    today("2026-11-27")  # Friday: this week is written, never the break
    result = run("new", "--no-edit")
    assert result.exit_code == 0, result.stderr
    assert (notes_dir / "2026-W48.md").exists() and not (notes_dir / "2026-W47.md").exists()


def test_a_break_this_week_leaves_nothing_to_write_yet(
    run: Run, notes_dir: Path, today: object
) -> None:
    write_note(notes_dir, "2026-W47")
    today("2026-11-26")  # Thursday of W48
    run("skip", "--reason", "conference")
    before = tree_digest(notes_dir)
    result = run("new", "--no-edit")
    assert result.exit_code == 0 and result.stdout == ""
    assert "Nothing to write up yet" in result.stderr and "(conference)" in result.stderr
    assert "2026-W49 starts on Mon 30 Nov" in result.stderr
    assert tree_digest(notes_dir) == before


def test_status_and_the_first_screen_agree_with_new_in_a_break_week(
    run: Run, notes_dir: Path, today: object
) -> None:
    write_note(notes_dir, "2026-W47")
    today("2026-11-26")  # Thursday of W48, declared a break
    run("skip", "--reason", "conference")
    status = run("status").stdout
    assert "Note: not due yet: weeknote new writes it from Mon 30 Nov" in status
    assert "not written yet" not in status
    first = weeknote_process().stdout.splitlines()  # `weeknote` alone, through a pipe
    assert first[0] == "Now: 2026-W48 (23-29 Nov 2026) is a break (conference)."
    assert first[2] == "Next: weeknote new writes 2026-W49 from Mon 30 Nov."


def test_new_on_a_break_writes_the_note_and_lifts_the_break(run: Run, notes_dir: Path) -> None:
    run("skip", "2026-W41", "--reason", "half term")
    run("skip", "2026-W42")
    result = run("new", "2026-W41", "--no-edit")
    assert result.exit_code == 0, result.stderr
    assert "2026-W41 was a break (half term); now it has a note" in result.stderr
    assert (notes_dir / "breaks.txt").read_text() == "2026-W42\n"


@pytest.mark.usefixtures("terminal")
def test_breaks_are_named_with_their_reasons(run: Run, notes_dir: Path, today: object) -> None:
    today("2026-11-20")
    for week in ("2026-W44", "2026-W46", "2026-W47"):
        write_note(notes_dir, week)
    run("skip", "2026-W45", "--reason", "half term")
    run("skip", "next", "--reason", "holiday")
    listed = run("list").stdout
    assert "2026-W45  2-8 Nov 2026" in listed and "break: half term" in listed
    assert json.loads(run("list", "--json").stdout)["breaks"] == [
        {"week": "2026-W45", "reason": "half term"},
        {"week": "2026-W48", "reason": "holiday"},
    ]
    assert "Breaks: 2026-W45 (half term), 2026-W48 (holiday)" in run("streak").stdout
    status = run("status").stdout
    assert "Break     2026-W48, next week: holiday" in status
    shown = run("show", "2026-W45")
    assert shown.exit_code == 0 and "2026-W45 (2-8 Nov 2026) is a break: half term" in shown.stdout


def test_skip_of_a_written_week_names_the_note(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W45", weeks=["2026-W44", "2026-W45"])
    result = run("skip", "2026-W44")
    assert result.exit_code == 6 and "2026-W45.md" in result.stderr


# -- one story of the grace window ----------------------------------------------------------


def _streak_figure(status_text: str) -> int:
    line = next(line for line in status_text.splitlines() if line.startswith("Streak"))
    return int(line.split()[1])


@pytest.mark.usefixtures("terminal")
def test_status_and_streak_tell_one_story_every_day(
    run: Run, notes_dir: Path, today: object
) -> None:
    # Written W40 to W45, a break in W43; W46 left unwritten; walk Mon 16 to Sun 29 Nov.
    for number in (40, 41, 42, 44, 45):
        write_note(notes_dir, f"2026-W{number}")
    run("skip", "2026-W43", "--reason", "half term")
    start = date(2026, 11, 9)  # Monday of W46
    seen = []
    for offset in range(14):
        day = start + timedelta(days=offset)
        today(day.isoformat())
        streak = json.loads(run("streak", "--json").stdout)
        status = json.loads(run("status", "--json").stdout)
        text = run("status").stdout
        assert streak["current"]["length"] == status["streak"]["length"] == _streak_figure(text)
        assert streak["due"] == status["due"]
        assert "missed" not in json.dumps(streak["current"])
        seen.append((day.isoformat(), streak["current"]["length"], streak["due"]))
        gaps = [gap["first"] for gap in streak["gaps"]]
        if offset < 7:  # during W46 nothing is due or missed: W45 is written
            assert streak["due"] is None and gaps == []
        elif offset <= 9:  # Mon-Wed of W47: W46 is due, the streak of 5 is alive
            assert streak["due"] == {"week": "2026-W46", "by": "2026-11-18"}
            assert gaps == [] and streak["current"]["length"] == 5
            assert "Due" in run("streak").stdout
            assert "At risk   last week (2026-W46) has no note: write it by Wednesday" in text
        else:  # from Thursday W46 is a gap and the streak is over
            assert streak["due"] is None and gaps == ["2026-W46"]
            assert streak["current"]["length"] == 0
    assert [length for _, length, _ in seen] == [5] * 10 + [0] * 4


# -- this week's bullets in hand -------------------------------------------------------------


def test_show_without_a_week_shows_this_weeks_drafts(
    run: Run, notes_dir: Path, today: object
) -> None:
    today("2026-11-24")
    run("bullet", "--date", "2026-11-23", "Day with the waste team")
    run("bullet", "--date", "2026-11-24", "--section", "learning", "Book a clear day")
    run("bullet", "Robots in the contact centre")
    result = run("show")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "2026-W48 (23-29 Nov 2026), not written yet: 3 drafted bullets",
        "",
        "Highlights from the week were:",
        "  Mon 23 Nov  Day with the waste team",
        "  Tue 24 Nov  Robots in the contact centre",
        "",
        "Something I'm learning",
        "  Tue 24 Nov  Book a clear day",
    ]


def test_show_of_an_empty_week(run: Run, today: object) -> None:
    today("2026-11-24")
    result = run("show")
    assert result.exit_code == 0 and "Nothing drafted for 2026-W48" in result.stderr
    named = run("show", "2026-W40")
    assert named.exit_code == 1 and "2026-W40" in named.stderr


def _drafts(notes_dir: Path, **days: str) -> None:
    """Drafts written by hand, each bullet with the moment it was captured: d2026_11_24="…"."""
    (notes_dir / "drafts").mkdir(exist_ok=True)
    for name, text in days.items():
        (notes_dir / "drafts" / f"{name[1:].replace('_', '-')}.md").write_text(text)


def test_bullet_undo_takes_back_the_newest(run: Run, notes_dir: Path, today: object) -> None:
    today("2026-11-24")
    _drafts(
        notes_dir,
        d2026_11_24="- First <!-- 2026-11-24T09:00:00Z -->\n",
        d2026_11_23="- Typo'd bullet <!-- 2026-11-24T09:00:07Z -->\n",  # captured after, -d
    )
    result = run("bullet", "--undo")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Typo'd bullet\n"
    assert "Mon 23 Nov 2026" in result.stderr
    assert not (notes_dir / "drafts" / "2026-11-23.md").exists()
    assert bullets_text(notes_dir / "drafts" / "2026-11-24.md") == "- First\n"
    assert run("bullet", "--undo").stdout == "First\n"
    nothing = run("bullet", "--undo")
    assert nothing.exit_code == 1 and "no drafted bullet" in nothing.stderr


def test_bullet_undo_goes_by_when_each_bullet_was_captured(
    run: Run, notes_dir: Path, today: object
) -> None:
    """Taking back one of Tuesday's bullets does not make Tuesday's draft the newest."""
    today("2026-11-26")  # a Thursday
    _drafts(
        notes_dir,
        d2026_11_24="- Tuesday one <!-- 2026-11-24T17:00:00Z -->\n"
        "- Tuesday two <!-- 2026-11-26T09:05:00Z -->\n",  # added on Thursday with -d tuesday
        d2026_11_25="# Wednesday\n"
        "- From the laptop <!-- 2026-11-25T18:00:00Z -->\n"
        "  with a line of its own\n"
        "- From the desktop <!-- 2026-11-25T12:00:00Z -->\n",  # merged out of order
        d2026_11_26="- Thursday <!-- 2026-11-26T10:00:00Z -->\n",
    )
    tuesday = run("bullet", "--undo", "-d", "tuesday")
    assert tuesday.exit_code == 0, tuesday.stderr
    assert tuesday.stdout == "Tuesday two\n" and "Tue 24 Nov 2026" in tuesday.stderr
    latest = run("bullet", "--undo")
    assert latest.stdout == "Thursday\n" and "Thu 26 Nov 2026" in latest.stderr
    assert not (notes_dir / "drafts" / "2026-11-26.md").exists()
    wednesday = run("bullet", "--undo")  # the latest of the rest, wherever it is in its draft
    assert wednesday.stdout == "From the laptop\n  with a line of its own\n"
    assert (notes_dir / "drafts" / "2026-11-25.md").read_text() == (
        "# Wednesday\n- From the desktop <!-- 2026-11-25T12:00:00Z -->\n"
    )
    assert run("bullet", "--undo").stdout == "From the desktop\n"
    assert run("bullet", "--undo").stdout == "Tuesday one\n"
    assert (notes_dir / "drafts" / "2026-11-25.md").read_text() == "# Wednesday\n"


def test_bullet_undo_looks_back_two_weeks(run: Run, notes_dir: Path, today: object) -> None:
    today("2026-11-26")
    _drafts(
        notes_dir,
        d2026_11_12="- Fourteen days ago <!-- 2026-11-26T11:00:00Z -->\n",
        d2026_11_13="- Thirteen days ago <!-- 2026-11-26T10:00:00Z -->\n",
        d2026_11_26="- Today <!-- 2026-11-26T09:00:00Z -->\n",
    )
    assert run("bullet", "--undo").stdout == "Thirteen days ago\n"
    assert run("bullet", "--undo").stdout == "Today\n"
    before = tree_digest(notes_dir)
    nothing = run("bullet", "--undo")
    assert nothing.exit_code == 1 and nothing.stdout == ""
    assert nothing.stderr.count("\n") == 1
    assert "no drafted bullet from Fri 13 Nov to Thu 26 Nov 2026" in nothing.stderr
    assert "weeknote bullet --undo -d" in nothing.stderr
    assert tree_digest(notes_dir) == before
    assert run("bullet", "--undo", "-d", "2026-11-12").stdout == "Fourteen days ago\n"


def test_bullet_undo_takes_bullets_typed_by_hand_last(
    run: Run, notes_dir: Path, today: object
) -> None:
    today("2026-11-25")
    _drafts(
        notes_dir,
        d2026_11_23="- Captured on Monday <!-- 2026-11-23T09:00:00Z -->\n",
        d2026_11_24="- Typed on Tuesday\n",
        d2026_11_25="- Captured on Wednesday <!-- 2026-11-25T09:00:00Z -->\n"
        "- Typed on Wednesday\n"
        "- Typed after it\n",
    )
    taken = [run("bullet", "--undo").stdout for _ in range(5)]
    assert taken == [
        "Captured on Wednesday\n",
        "Captured on Monday\n",  # older, but captured: a typed line has no moment
        "Typed after it\n",  # then typed lines: the latest day's, the last in its file first
        "Typed on Wednesday\n",
        "Typed on Tuesday\n",
    ]
    assert not (notes_dir / "drafts").exists() or not any((notes_dir / "drafts").iterdir())


def test_bullet_undo_refuses_a_bullet_already_in_a_note(
    run: Run, notes_dir: Path, today: object
) -> None:
    today("2026-11-20")
    run("bullet", "Written up already")
    run("new", "--no-edit")
    before = tree_digest(notes_dir)
    result = run("bullet", "--undo")
    assert result.exit_code == 6
    assert "already in 2026-W47.md" in result.stderr and "weeknote edit 2026-W47" in result.stderr
    assert tree_digest(notes_dir) == before


def _recording_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    log = tmp_path / "opened.txt"
    script = tmp_path / "editor.sh"
    script.write_text(f'#!/bin/sh\nfor f in "$@"; do echo "$f" >> {log}; done\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("VISUAL", str(script))
    return log


def test_edit_drafts_opens_the_weeks_draft_files(
    run: Run, notes_dir: Path, today: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    today("2026-11-24")
    run("bullet", "--date", "2026-11-23", "one")
    run("bullet", "two")
    run("bullet", "--date", "2026-11-16", "last week")
    log = _recording_editor(tmp_path, monkeypatch)
    result = run("edit", "--drafts")
    assert result.exit_code == 0, result.stderr
    drafts = notes_dir / "drafts"
    expected = [str(drafts / "2026-11-23.md"), str(drafts / "2026-11-24.md")]
    assert log.read_text().splitlines() == expected
    assert result.stdout.splitlines() == expected
    empty = run("edit", "--drafts", "2026-W40")
    assert empty.exit_code == 1 and "no drafted bullets for 2026-W40" in empty.stderr


def test_late_bullets_are_counted_and_added_by_update(
    run: Run, notes_dir: Path, today: object
) -> None:
    today("2026-11-20")
    run("bullet", "--date", "2026-11-16", "Met the waste team")
    run("new", "--no-edit", "--title", "bins")
    path = notes_dir / "2026-W47.md"
    path.write_text(
        path.read_text().replace("- Met the waste team\n", "- Met the waste team\n\nMore.\n")
    )
    written = path.read_text()
    run("bullet", "Late highlight")
    run("bullet", "--section", "learning", "Late lesson")
    run("bullet", "--section", "next", "Plan for next week")
    assert "3 drafted bullets are not in it" in run("status").stdout
    assert "3 drafted bullets not in this note yet" in run("show", "2026-W47").stderr
    result = run("new", "2026-W47", "--update", "--no-edit")
    assert result.exit_code == 0, result.stderr
    assert "Added 3 drafted bullets to the note for 2026-W47 (16-22 Nov 2026)." in result.stderr
    after = path.read_text()
    changes = [
        line
        for line in difflib.ndiff(written.splitlines(), after.splitlines())
        if line[:1] in "+-" and not line[2:].startswith("updated = ")  # when it changed: moved
    ]
    assert all(change.startswith("+ ") for change in changes)  # lines added, none changed
    assert written.count("\nupdated = ") == after.count("\nupdated = ") == 1
    assert sorted(change[2:] for change in changes) == [
        "",
        "",
        "- Late highlight",
        "- Late lesson",
        "- Plan for next week",
    ]
    body = after.split("+++\n\n", 1)[1]
    assert body.index("- Met the waste team") < body.index("- Late highlight") < body.index("More.")
    assert body.index("## Something I'm learning") < body.index("- Late lesson")
    assert body.rstrip().endswith("## … and onto week 48\n\n- Plan for next week")
    again = run("new", "2026-W47", "--update", "--no-edit")
    assert "Nothing to add" in again.stderr and path.read_text() == after


def test_update_adds_a_missing_section_heading(run: Run, notes_dir: Path, today: object) -> None:
    today("2026-11-20")
    write_note(notes_dir, "2026-W47", "Hand-written, no sections.\n")
    run("bullet", "--section", "learning", "A lesson")
    result = run("new", "2026-W47", "--update", "--no-edit")
    assert 'Added the heading "## Something I\'m learning"' in result.stderr
    assert (
        (notes_dir / "2026-W47.md")
        .read_text()
        .endswith("Hand-written, no sections.\n\n## Something I'm learning\n\n- A lesson\n")
    )


def test_update_of_a_week_with_no_note(run: Run) -> None:
    result = run("new", "2026-W40", "--update", "--no-edit")
    assert result.exit_code == 1 and "weeknote new 2026-W40" in result.stderr


# -- the week of Tuesday 24 November 2026, as a new user lived it ------------------------------


def test_the_week_of_tuesday_24_november_2026(run: Run, notes_dir: Path, today: object) -> None:
    today("2026-11-24")
    drafts = notes_dir / "drafts"
    # Dates as people say them: a bullet records what happened, so they resolve to the past.
    for said, day in [
        ("monday", "2026-11-23"),
        ("friday", "2026-11-20"),
        ("30 Dec", "2025-12-30"),
        ("last friday", "2026-11-20"),
        ("3 days ago", "2026-11-21"),
    ]:
        result = run("bullet", "-d", said, f"said {said}")
        assert result.exit_code == 0, (said, result.stderr)
        assert f"said {said}" in (drafts / f"{day}.md").read_text()
    assert "Added 1 bullet to Mon 23 Nov 2026" in run("bullet", "-d", "mon", "again").stderr
    for bad, words in [("Nov", "names no day"), ("2026-11-27", "is in 3 days")]:
        refused = run("bullet", "-d", bad, "never saved")
        assert refused.exit_code == 2 and words in refused.stderr, refused.stderr
    assert "use `last friday` for 20 Nov" in run("bullet", "-d", "2026-11-27", "x").stderr
    assert not any("never saved" in p.read_text() for p in drafts.iterdir())

    # A break declared for last week: new and status go past it, naming it.
    write_note(notes_dir, "2026-W45", "The week before.\n")
    write_note(notes_dir, "2026-W46", "A good week.\n")
    run("skip", "2026-W47", "--reason", "holiday")
    status = run("status").stdout
    assert status.startswith("Nothing to write up yet: last week (2026-W47) is a break (holiday)")
    made = run("new", "--no-edit")
    assert made.stdout == "" and "2026-W48 is due from Fri 27 Nov" in made.stderr
    assert run("new", "this", "--no-edit").stdout.strip().endswith("2026-W48.md")  # early
    assert not (notes_dir / "2026-W47.md").exists()

    # Monday to Wednesday, one story: the streak is alive and nothing is missed.
    for day in ("2026-11-23", "2026-11-24", "2026-11-25"):
        today(day)
        streak = json.loads(run("streak", "--json").stdout)
        assert streak["gaps"] == [] and streak["current"]["length"] == 3
        assert json.loads(run("status", "--json").stdout)["streak"]["length"] == 3

    # This week's bullets in hand.
    today("2026-11-24")
    shown = run("show")
    assert shown.exit_code == 0 and "Weeknote" in shown.stdout  # W48's note is written now
    run("bullet", "Late: robots in the contact centre")
    assert run("bullet", "--undo").stdout == "Late: robots in the contact centre\n"
    run("bullet", "Really late")
    assert "1 drafted bullet not in this note" in run("show").stderr
    assert "Added 1 drafted bullet" in run("new", "--update", "--no-edit").stderr
    assert "Really late" in (notes_dir / "2026-W48.md").read_text()

    # Tags of any script, and a hint for a near miss of a well-used tag.
    for day in ("2026-10-06", "2026-10-13", "2026-10-20"):  # weeks with no note
        run("bullet", "-d", day, "Notes on #learning, #ünïcode and #日本")
    hinted = run("bullet", "Reading about #learnign")
    assert "new tag #learnign; did you mean #learning?" in hinted.stderr
    used = {t["tag"] for t in json.loads(run("tags", "--json").stdout)["tags"]}
    assert {"learning", "ünïcode", "日本"} <= used

    # Search: whole words, and a written-up bullet shown once.
    run("bullet", "-d", "2026-11-16", "Something to tell")
    assert run("search", "thing").exit_code == 1
    hits = json.loads(run("search", "Really", "late", "--json").stdout)["results"]
    assert [hit["kind"] for hit in hits] == ["note"]
