"""`weeknote new`: the week's note from the template and the drafts."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from conftest import Run, tree_digest, weeknote_process, write_note
from weeknote.folder.note import parse


def _fake_editor(tmp_path: Path, code: int = 0) -> Path:
    script = tmp_path / "fake-editor"
    script.write_text(f'#!/bin/sh\necho "edited by $0" >> "$1"\nexit {code}\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def test_acceptance_bullets_then_new(run: Run, notes_dir: Path) -> None:
    run("bullet", "--date", "2026-11-16", "alpha")
    run("bullet", "--date", "2026-11-18", "--section", "learning", "beta")
    result = run("new", "2026-W47", "--no-edit")
    assert result.exit_code == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path == notes_dir / "2026-W47.md"
    text = path.read_text()
    assert "w/c 16 November" in text
    body = parse(text, str(path)).body
    highlights, _, rest = body.partition("## Something I'm learning")
    assert "- alpha" in highlights and "beta" not in highlights
    learning, _, plans = rest.partition("## … and onto week 48")
    assert "- beta" in learning and "alpha" not in learning
    before = path.read_bytes()
    again = run("new", "2026-W47", "--no-edit")
    assert again.exit_code == 0
    assert again.stdout.strip() == str(path)
    assert "2026-W47.md: 2026-W47 (16-22 Nov 2026) is written already." in again.stderr
    assert path.read_bytes() == before
    listed = run("list", "--json")
    assert '"week": "2026-W47"' in listed.stdout


def test_front_matter_has_title_week_weeks_and_date(run: Run, notes_dir: Path) -> None:
    path = Path(run("new", "2026-W47", "--no-edit", "--title", "robots").stdout.strip())
    note = parse(path.read_text(), str(path))
    assert note.title == "Weeknote w/c 16 November: robots"
    assert (note.week, note.weeks, note.date.isoformat()) == (
        "2026-W47",
        ("2026-W47",),
        "2026-11-16",
    )


def test_visual_editor_runs_on_the_new_note(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", str(_fake_editor(tmp_path)))
    monkeypatch.setenv("EDITOR", "false")
    result = run("new", "2026-W46")
    assert result.exit_code == 0, result.stderr
    assert (
        Path(result.stdout.strip())
        .read_text()
        .rstrip()
        .endswith("edited by " + str(tmp_path / "fake-editor"))
    )


def test_editor_with_arguments(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "ed.sh"
    script.write_text('#!/bin/sh\necho "$1 $2" > "$3"\n')
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", f"{script} --wait 'two words'")
    path = Path(run("new", "2026-W46").stdout.strip())
    assert path.read_text() == "--wait two words\n"


def test_failing_editor_keeps_the_note_and_says_so(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", str(_fake_editor(tmp_path, code=3)))
    result = run("new", "2026-W46")
    assert result.exit_code != 0
    assert "exited with status 3" in result.stderr and "kept" in result.stderr
    assert "Traceback" not in result.stderr
    assert (Path(result.stdout.strip())).exists()


def test_missing_editor_is_reported(
    run: Run, monkeypatch: pytest.MonkeyPatch, notes_dir: Path
) -> None:
    monkeypatch.setenv("VISUAL", "no-such-editor-anywhere")
    result = run("new", "2026-W46")
    assert result.exit_code != 0
    assert "'no-such-editor-anywhere' was not found" in result.stderr
    assert (notes_dir / "2026-W46.md").exists()


def test_no_editor_and_no_terminal_launches_nothing(run: Run) -> None:
    result = run("new", "2026-W46")
    assert result.exit_code == 0 and result.stdout.strip().endswith("2026-W46.md")


def test_default_week_is_last_week_until_the_cutoff(
    run: Run, monkeypatch: pytest.MonkeyPatch, notes_dir: Path
) -> None:
    write_note(notes_dir, "2026-W45")  # the habit has begun
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-18")  # a Wednesday
    first = run("new", "--no-edit")
    assert first.stdout.strip().endswith("2026-W46.md")
    assert "Wednesday" in first.stderr and "last week has no note yet" in first.stderr
    # Last week is written, and this week is not due before Friday: nothing is written.
    second = run("new", "--no-edit")
    assert second.exit_code == 0 and second.stdout == ""
    assert second.stderr == (
        "Nothing to write up yet: last week (2026-W46) already has a note, and 2026-W47 is "
        "due from Fri 20 Nov.\nTo write 2026-W47 now: weeknote new this. To open last week's "
        "note: weeknote edit last\n"
    )
    assert sorted(p.name for p in notes_dir.glob("*.md")) == ["2026-W45.md", "2026-W46.md"]
    # Thursday of the next week: last week (2026-W47) is late, but is still written first.
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-26")
    third = run("new", "--no-edit")
    assert third.stdout.strip().endswith("2026-W47.md")
    assert "it is late (the Wednesday cut-off has passed)" in third.stderr
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-27")  # Friday: this week's write-up day
    fourth = run("new", "--no-edit")
    assert fourth.stdout.strip().endswith("2026-W48.md")
    assert "it is Friday, the write-up day" in fourth.stderr


def test_write_day_is_configurable(
    run: Run, monkeypatch: pytest.MonkeyPatch, notes_dir: Path, config_file: Path
) -> None:
    write_note(notes_dir, "2026-W46")
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-19")  # Thursday
    assert run("new", "--no-edit").stdout == ""
    assert run("config", "write_day", "thursday").exit_code == 0
    made = run("new", "--no-edit")
    assert made.stdout.strip().endswith("2026-W47.md")
    assert "it is Thursday, the write-up day" in made.stderr
    assert run("config", "write_day", "someday").exit_code != 0


def test_a_newcomers_first_monday_is_about_this_week(
    run: Run, monkeypatch: pytest.MonkeyPatch, notes_dir: Path
) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-16")  # Monday, empty folder
    assert run("status").stdout.startswith("2026-W47 (16-22 Nov 2026)")
    made = run("new", "--no-edit")
    assert made.stdout.strip().endswith("2026-W47.md")
    assert "the folder has no note yet, so the first is this week's" in made.stderr
    (notes_dir / "2026-W47.md").unlink()
    run("bullet", "--date", "2026-11-13", "something to write up")  # drafted last week
    assert run("status").stdout.startswith("2026-W46 (9-15 Nov 2026)")


def test_fortnight_note(run: Run, notes_dir: Path) -> None:
    run("bullet", "--date", "2019-03-05", "first week")
    run("bullet", "--date", "2019-03-12", "second week")
    result = run("new", "2019-W11", "--weeks", "2", "--no-edit")
    path = Path(result.stdout.strip())
    assert path.name == "2019-W11.md"
    note = parse(path.read_text(), str(path))
    assert note.title == "Weeknote w/c 4 and 11 March"
    assert note.weeks == ("2019-W10", "2019-W11")
    assert "- first week" in note.body and "- second week" in note.body
    # each of its weeks is covered: new for either finds this note
    assert run("new", "2019-W10", "--no-edit").stdout.strip() == str(path)


def test_a_week_is_covered_by_one_note_only(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2019-W10")
    before = tree_digest(notes_dir)
    result = run("new", "2019-W11", "--weeks", "2", "--no-edit")
    assert result.exit_code != 0
    assert "2019-W10 already covered by 2019-W10.md" in result.stderr
    assert tree_digest(notes_dir) == before


def test_bullets_added_after_the_note_are_counted(run: Run) -> None:
    run("bullet", "--date", "2026-11-16", "alpha")
    run("new", "2026-W47", "--no-edit")
    run("bullet", "--date", "2026-11-19", "late news")
    result = run("new", "2026-W47", "--no-edit")
    assert "1 drafted bullet not in it yet" in result.stderr


def test_yearweek_titles(run: Run, config_file: Path) -> None:
    config_file.write_text('title_style = "yearweek"\n')
    path = Path(run("new", "2019-W30", "--no-edit", "-t", "Making my hand famous").stdout.strip())
    assert 'title = "2019.30: Making my hand famous"' in path.read_text()


def test_user_template_with_placeholders(
    run: Run, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2027-01-04")  # 2026-W53 has begun
    (notes_dir / "templates").mkdir(parents=True)
    (notes_dir / "templates" / "short.md").write_text(
        "{{ title }} ({{ week }}, {{ first_day }} to {{ last_day }})\n\n"
        "{{ bullets:highlights }}\n\nOnto week {{ next_week_number }}.\n"
    )
    run("bullet", "--date", "2026-12-30", "year end")
    result = run("new", "2026-W53", "--template", "short", "--no-edit")
    note = parse(Path(result.stdout.strip()).read_text(), "n")
    assert note.body == (
        "Weeknote w/c 28 December (2026-W53, 28 December 2026 to 3 January 2027)\n\n"
        "- year end\n\nOnto week 1.\n"
    )


def test_unknown_placeholder_names_template_and_line(run: Run, notes_dir: Path) -> None:
    (notes_dir / "templates").mkdir(parents=True)
    (notes_dir / "templates" / "bad.md").write_text("ok\n\n{{ weather }}\n")
    before = tree_digest(notes_dir)
    result = run("new", "2026-W47", "--template", "bad", "--no-edit")
    assert result.exit_code != 0
    assert "bad.md, line 3" in result.stderr and "weather" in result.stderr
    assert tree_digest(notes_dir) == before


def test_attribute_access_in_a_template_is_refused(run: Run, notes_dir: Path) -> None:
    (notes_dir / "templates").mkdir(parents=True)
    (notes_dir / "templates" / "evil.md").write_text("{{ title.__class__ }}\n")
    result = run("new", "2026-W47", "--template", "evil", "--no-edit")
    assert result.exit_code != 0
    assert "no attribute or index access" in result.stderr


def test_init_writes_config_and_template_once(run: Run, notes_dir: Path, config_file: Path) -> None:
    result = run("init")
    assert result.exit_code == 0
    text = config_file.read_text()
    assert 'week_start = "monday"' in text and "# " in text
    assert (notes_dir / "templates" / "default.md").exists()
    config_file.write_text('cutoff_day = "tuesday"\n')
    again = run("init")
    assert "Kept existing config" in again.stderr
    assert config_file.read_text() == 'cutoff_day = "tuesday"\n'


def test_new_notes_get_normal_permissions(run: Run, notes_dir: Path) -> None:
    mask = os.umask(0o022)
    try:
        path = Path(run("new", "2026-W47", "--no-edit").stdout.strip())
    finally:
        os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_minus_n_is_a_week_not_an_option(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-20")
    assert run("new", "-3", "--no-edit").stdout.strip().endswith("2026-W44.md")
    mistyped = weeknote_process("new", "--no-edti")
    assert mistyped.returncode == 2
    assert (
        mistyped.stderr
        == "Error: No such option: --no-edti. Did you mean --no-edit? See: weeknote new -h\n"
    )


@pytest.mark.parametrize("week_start", ["monday", "sunday"])
@pytest.mark.parametrize(
    ("today", "week", "outside"),
    [("9998-12-31", "9998-W53", "next"), ("1000-01-01", "1000-W01", "last")],
    ids=["last-week", "first-week"],
)
def test_the_first_and_last_supported_weeks_are_written_like_any_other(
    run: Run,
    notes_dir: Path,
    config_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    today: str,
    week: str,
    outside: str,
    week_start: str,
) -> None:
    config_file.write_text(f'week_start = "{week_start}"\n')
    monkeypatch.setenv("WEEKNOTE_TODAY", today)
    assert run("bullet", "at the edge of time").exit_code == 0
    made = run("new", "--no-edit")
    assert made.exit_code == 0, made.stderr
    assert Path(made.stdout.strip()) == notes_dir / f"{week}.md"
    assert "- at the edge of time" in (notes_dir / f"{week}.md").read_text()
    for args in (
        ["show", week],
        ["list"],
        ["status"],
        ["streak"],
        ["review"],
        ["export", "--format", "json"],
        ["export", "--format", "site", "--output", str(notes_dir.parent / "site")],
    ):
        result = run(*args)
        assert result.exit_code == 0, (args, result.stderr)
        assert "out of the supported range" not in result.stderr
    assert week in run("list").stdout
    assert "Current streak: 1 week" in run("streak").stdout
    assert f'"{week}"' in run("export", "--format", "json").stdout
    # a week beyond the supported ones is refused, saying so, and nothing is written
    before = tree_digest(notes_dir)
    refused = run("skip", outside)
    assert refused.exit_code == 2
    assert f"'{outside}' is out of the supported range of dates" in refused.stderr
    assert tree_digest(notes_dir) == before
