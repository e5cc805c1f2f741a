"""`weeknote streak` and the pure streak rules behind it."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import Run, tree_digest, write_note
from weeknote.habit.streak import compute_streak, risk
from weeknote.weeks.week import Week

ACCEPTANCE_WEEKS = [30, 31, 32, 33, 34, 35, 37, 38, 39, 40, 42, 43, 44]


def _acceptance(notes_dir: Path, run: Run) -> None:
    for number in ACCEPTANCE_WEEKS:
        write_note(notes_dir, f"2026-W{number}")
    result = run("skip", "2026-W41", "--reason", "holiday")
    assert result.exit_code == 0, result.stderr


def test_acceptance_json(run: Run, notes_dir: Path) -> None:
    _acceptance(notes_dir, run)
    result = run("streak", "--as-of", "2026-11-05", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {
        "version": 1,
        "as_of": "2026-11-05",
        "current": {"length": 7, "first": "2026-W37", "last": "2026-W44", "state": "in progress"},
        "longest": {"length": 7, "first": "2026-W37", "last": "2026-W44"},
        "notes": 13,
        "weeks_written": 13,
        "due": None,
        "breaks": ["2026-W41"],
        "break_reasons": {"2026-W41": "holiday"},
        "drafted": [],
        "gaps": [{"first": "2026-W36", "last": "2026-W36", "weeks": 1}],
    }


@pytest.mark.usefixtures("terminal")
def test_heatmap_reads_without_colour(run: Run, notes_dir: Path) -> None:
    _acceptance(notes_dir, run)
    write_note(notes_dir, "2026-W46", weeks=["2026-W45", "2026-W46"])
    result = run("streak", "--as-of", "2026-11-20")
    assert result.exit_code == 0, result.stderr
    assert "\x1b[" not in result.stdout  # NO_COLOR is set by conftest
    lines = result.stdout.splitlines()
    row = next(line for line in lines if line.startswith("2026"))
    # 29 weeks before the first note, W30-W35, W36 missed, W37-W40, W41 a break,
    # W42-W44, the fortnight W45-W46, W47 in progress, then the future up to W53.
    assert row == "2026  " + " " * 29 + "■" * 6 + "×" + "■" * 4 + "○" + "■" * 3 + "◆◆" + "·" * 7
    legend = next(line for line in lines if "written" in line and "break" in line)
    for word in ("■ written", "◆ fortnight", "○ break", "× missed", "· to come"):
        assert word in legend
    assert all(len(line) <= 80 for line in lines)
    assert "Current streak  9 weeks, 2026-W37 to 2026-W46 (in progress)" in result.stdout
    assert "2026-W36" in result.stdout.split("1 gap, 1 week missed")[1]


def test_fortnight_note_counts_both_weeks(run: Run) -> None:
    assert run("new", "2026-W40", "--weeks", "2", "--no-edit").exit_code == 0
    doc = json.loads(run("streak", "--as-of", "2026-10-02", "--json").stdout)
    assert doc["current"] == {
        "length": 2,
        "first": "2026-W39",
        "last": "2026-W40",
        "state": "written",
    }
    assert (doc["notes"], doc["weeks_written"]) == (1, 2)


@pytest.mark.usefixtures("terminal")
def test_empty_folder_is_zeros_and_friendly(run: Run, notes_dir: Path) -> None:
    result = run("streak", "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["current"] == {"length": 0, "first": None, "last": None, "state": "none"}
    assert (doc["notes"], doc["weeks_written"], doc["gaps"], doc["breaks"]) == (0, 0, [], [])
    people = run("streak")
    assert people.exit_code == 0 and "No notes yet" in people.stderr
    assert "Current streak  0 weeks (no notes yet)" in people.stdout
    assert not any(notes_dir.iterdir())  # nothing written


def test_missed_last_week_ends_the_streak(run: Run, notes_dir: Path) -> None:
    for number in (40, 41, 42):
        write_note(notes_dir, f"2026-W{number}")
    # Thursday of W44: past the Wednesday cut-off, so W43 is missed.
    doc = json.loads(run("streak", "--as-of", "2026-10-29", "--json").stdout)
    assert doc["current"]["state"] == "none" and doc["current"]["length"] == 0
    assert doc["longest"] == {"length": 3, "first": "2026-W40", "last": "2026-W42"}
    assert doc["gaps"] == [{"first": "2026-W43", "last": "2026-W43", "weeks": 1}]
    assert doc["due"] is None
    # On the Wednesday itself W43 is still due: no gap, and the streak is alive.
    doc = json.loads(run("streak", "--as-of", "2026-10-28", "--json").stdout)
    assert doc["current"] == {
        "length": 3, "first": "2026-W40", "last": "2026-W42", "state": "in progress"
    }  # fmt: skip
    assert doc["gaps"] == [] and doc["due"] == {"week": "2026-W43", "by": "2026-10-28"}


def test_later_weeks_do_not_count_as_of_an_earlier_day(run: Run, notes_dir: Path) -> None:
    for number in (40, 41, 45):
        write_note(notes_dir, f"2026-W{number}")
    doc = json.loads(run("streak", "--as-of", "2026-10-07", "--json").stdout)  # W41
    assert doc["current"]["state"] == "written" and doc["current"]["length"] == 2
    assert (doc["notes"], doc["weeks_written"], doc["gaps"]) == (2, 2, [])


def test_bad_as_of_is_a_usage_error(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W40")
    before = tree_digest(notes_dir)
    result = run("streak", "--as-of", "someday soon")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: not a date") and result.stderr.count("\n") == 1
    assert tree_digest(notes_dir) == before


def test_a_malformed_breaks_line_is_named(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W40")
    (notes_dir / "breaks.txt").write_text("# breaks\n2026-W41  holiday\nnext tuesday\n")
    result = run("streak")
    assert result.exit_code == 4
    assert "breaks.txt, line 3" in result.stderr and "'next'" in result.stderr


@pytest.mark.usefixtures("terminal")
def test_list_folds_long_titles_to_fit(
    run: Run, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    title = "Weeknote w/c 16 November: bins, mobiles and a very long day at the depot"
    write_note(notes_dir, "2026-W47", "one two three\n", title=title)
    write_note(notes_dir, "2026-W48", "один два\n", title="Заметка ✓")
    monkeypatch.setenv("COLUMNS", "60")
    lines = run("list").stdout.splitlines()
    assert lines[0].split() == ["Week", "Dates", "Title", "Words"]
    assert all(len(line) <= 60 for line in lines)
    assert lines[1].startswith("2026-W47  16-22 Nov 2026") and lines[1].endswith("  3")
    folded = [lines[1][26:].rsplit("  ", 1)[0].strip()] + [line.strip() for line in lines[2:-1]]
    assert " ".join(folded) == title
    assert lines[-1].endswith("  2") and "Заметка ✓" in lines[-1]


# -- the pure rules, against a brute-force count ---------------------------------------------

BASE = Week.from_id("2025-W40")  # the range crosses a year end
offsets = st.frozensets(st.integers(min_value=0, max_value=30), max_size=24)


def _brute(written: set[int], breaks: set[int], today: int) -> dict[str, object]:
    w = {i for i in written if i <= today}
    b = {i for i in breaks if i <= today} - w

    def bridged(first: int, last: int) -> bool:
        return all(i in w or i in b for i in range(first, last + 1))

    runs = [
        (first, last, sum(1 for i in range(first, last + 1) if i in w))
        for first in w
        for last in w
        if first <= last and bridged(first, last)
    ]
    longest = max((n for _, _, n in runs), default=0)
    longest_span = max(
        ((f, la) for f, la, n in runs if n == longest), key=lambda r: r[1], default=None
    )
    ends = [
        last
        for last in w
        if all(i in b for i in range(last + 1, today)) and (today not in w or last == today)
    ]
    current_runs = [(n, f, la) for f, la, n in runs if la in ends]
    current = max(current_runs, default=(0, None, None))
    missed = [i for i in range(min(w), today) if i not in w and i not in b] if w else []
    gaps: list[tuple[int, int]] = []
    for i in missed:
        if gaps and gaps[-1][1] == i - 1:
            gaps[-1] = (gaps[-1][0], i)
        else:
            gaps.append((i, i))
    state = "none" if not current[0] else "written" if today in w else "in progress"
    return {
        "current": (current[0], current[1], current[2], state),
        "longest": (longest, *(longest_span or (None, None))),
        "gaps": gaps,
    }


def _week(offset: int | None) -> str | None:
    return None if offset is None else (BASE + offset).id


@given(offsets, offsets, st.integers(min_value=0, max_value=34), st.integers(0, 6))
def test_streaks_and_gaps_match_a_brute_force_count(
    written: frozenset[int], breaks: frozenset[int], today: int, weekday: int
) -> None:
    as_of = (BASE + today).start + timedelta(days=weekday)
    report = compute_streak([[(BASE + i).id] for i in written], [_week(i) for i in breaks], as_of)
    expected = _brute(set(written), set(breaks), today)
    n, first, last, state = expected["current"]  # type: ignore[misc]
    assert (report.current.length, report.state) == (n, state)
    assert (_id(report.current.first), _id(report.current.last)) == (_week(first), _week(last))
    n, first, last = expected["longest"]  # type: ignore[misc]
    assert report.longest.length == n
    assert (_id(report.longest.first), _id(report.longest.last)) == (_week(first), _week(last))
    assert [(g.first.id, g.last.id, g.weeks) for g in report.gaps] == [
        (_week(f), _week(la), la - f + 1)
        for f, la in expected["gaps"]  # type: ignore[attr-defined]
    ]
    assert report.current.length <= report.longest.length


def _id(week: Week | None) -> str | None:
    return week.id if week else None


@given(offsets, offsets, st.integers(min_value=0, max_value=34))
def test_every_past_week_is_written_a_break_or_missed(
    written: frozenset[int], breaks: frozenset[int], today: int
) -> None:
    as_of = (BASE + today).start
    report = compute_streak([[(BASE + i).id] for i in written], [_week(i) for i in breaks], as_of)
    kinds = {kind for _, row in report.calendar() for kind in row}
    assert kinds <= {"written", "break", "missed", "future", "before"}
    missed = sum(g.weeks for g in report.gaps)
    counted = sum(1 for _, row in report.calendar() for kind in row if kind == "missed")
    assert missed == counted


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 10, 13), ("2026-W41", 2)),  # Tuesday: last week unwritten, before cut-off
        (date(2026, 10, 15), None),  # Thursday: past the cut-off, too early for this week
        (date(2026, 10, 17), None),  # Saturday of W42: W41 already missed
    ],
)
def test_risk_of_an_unwritten_last_week(today: date, expected: tuple[str, int] | None) -> None:
    report = compute_streak([["2026-W39"], ["2026-W40"]], [], today)
    found = risk(report, today, "wednesday")
    assert ((found.week.id, found.streak) if found else None) == expected


def test_risk_of_an_unwritten_week_near_its_end() -> None:
    notes = [["2026-W39"], ["2026-W40"], ["2026-W41"]]
    assert (
        risk(compute_streak(notes, [], date(2026, 10, 15)), date(2026, 10, 15), "wednesday") is None
    )
    friday = date(2026, 10, 16)
    found = risk(compute_streak(notes, [], friday), friday, "wednesday")
    assert found is not None and (found.week.id, found.streak) == ("2026-W42", 3)
    assert risk(compute_streak(notes, ["2026-W42"], friday), friday, "wednesday") is None
