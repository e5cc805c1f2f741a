"""`weeknote import` finds a post's week wherever the post states it: its file's name
(2024-W19, 2024-19, week-19-2024, …, in a folder or a zip), its title ("Weeks 24-27",
"Week of June 3, 2024", "— 31st July 2022", "Weekly Wrap 571"), or its body; and an
import in which every post is left out fails, saying why. Through the real command."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from conftest import Run, tree_digest


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def listed(run: Run) -> dict[str, list[str]]:
    """The notes folder as `weeknote list --json` gives it: title -> weeks."""
    result = run("list", "--json")
    assert result.exit_code == 0, result.stderr
    return {note["title"]: note["weeks"] for note in json.loads(result.stdout)["notes"]}


def all_weeks(run: Run) -> list[str]:
    result = run("list", "--json")
    return sorted(week for note in json.loads(result.stdout)["notes"] for week in note["weeks"])


def rows(stdout: str) -> dict[str, list[str]]:
    """The piped dry-run table, keyed by title."""
    return {line.split("\t")[1]: line.split("\t") for line in stdout.splitlines()}


# -- weeks in file names ----------------------------------------------------------------------

# An archive of two years named by ISO year and week, without front matter, each opening
# with "# Weeknotes NN" (numbers restart each year).
NUMBERED = {
    f"{year}-{number:02d}.md": f"# Weeknotes {number}\n\nWhat happened in week {number}.\n"
    for year in (2023, 2024)
    for number in (1, 5, 12, 19, 52)
}
NUMBERED_WEEKS = {f"{y}-W{n:02d}" for y in (2023, 2024) for n in (1, 5, 12, 19, 52)}


def test_a_folder_named_by_year_and_week_comes_in_each_in_its_week(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    archive = write(tmp_path / "weeknotes", NUMBERED)
    dry = run("import", "--dry-run", str(archive))
    assert dry.exit_code == 0, dry.stderr
    table = [line.split("\t") for line in dry.stdout.splitlines()]
    assert len(table) == 10 and {cells[3] for cells in table} == {"file name"}
    assert "left out" not in dry.stderr
    result = run("import", str(archive))
    assert result.exit_code == 0, result.stderr
    assert all_weeks(run) == sorted(NUMBERED_WEEKS)
    assert sorted(path.stem for path in notes_dir.glob("*.md")) == sorted(NUMBERED_WEEKS)
    assert (notes_dir / "2024-W05.md").read_text().endswith("What happened in week 5.\n")
    again = run("import", str(archive))
    assert again.exit_code == 0 and "10 unchanged" in again.stderr


def test_a_zip_of_the_folder_comes_in_the_same(run: Run, notes_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "weeknotes.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in NUMBERED.items():
            archive.writestr(f"weeknotes/{name}", text)
        archive.writestr("weeknotes/.hidden.md", "# Weeknotes 3\n")
        archive.writestr("../outside.md", "# Weeknotes 4\n")
    result = run("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert "weeknotes.zip (a folder of posts): 10 notes." in result.stderr
    assert all_weeks(run) == sorted(NUMBERED_WEEKS)


def test_numbers_up_to_12_are_weeks_when_the_names_beside_them_run_past_12(
    run: Run, tmp_path: Path
) -> None:
    folder = write(tmp_path / "blog", {"2024_05.md": "Quiet.\n", "2024_20.md": "Busy.\n"})
    assert run("import", str(folder)).exit_code == 0
    assert listed(run) == {"2024_05": ["2024-W05"], "2024_20": ["2024-W20"]}


def test_a_folder_of_months_stays_months_and_says_so(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    folder = write(
        tmp_path / "monthly",
        {"2024-05.md": "# May\n\nA month.\n", "2024-06.md": "# June\n\nAnother.\n"},
    )
    for dry in (("--dry-run",), ()):
        result = run("import", *dry, str(folder))
        assert result.exit_code == 7, result.stderr
        assert result.stderr.splitlines()[-1] == (
            "Error: Nothing to import: all 2 posts were left out (its name reads as a month): "
            "give each a first heading naming its week (# Weeknotes 5) or name it 2024-W05.md"
        )
        assert "Traceback" not in result.stderr
    dry = run("import", "--dry-run", str(folder))
    assert "left out: 2024-05.md: its name reads as a month (May 2024), not week 5" in dry.stderr
    assert "left out: 2024-06.md: its name reads as a month (June 2024)" in dry.stderr
    assert not list(notes_dir.glob("*.md"))


def test_a_heading_naming_the_number_makes_a_small_number_a_week(run: Run, tmp_path: Path) -> None:
    folder = write(
        tmp_path / "blog",
        {"2024-05.md": "# Week 5\n\nA week.\n", "2024-06.md": "# June\n\nA month.\n"},
    )
    result = run("import", "--dry-run", str(folder))
    assert result.exit_code == 0, result.stderr
    assert list(rows(result.stdout)) == ["Week 5"]
    assert "2024-06.md: its name reads as a month (June 2024)" in result.stderr


@pytest.mark.parametrize(
    "name",
    [
        "2024-W19",
        "2024W19",
        "2024-19",
        "2024_19",
        "week-19-2024",
        "weeknotes-2024-19",
        "Week 19 2024",
    ],
)
@pytest.mark.parametrize("front_matter", [False, True])
def test_every_name_form_states_its_week(
    run: Run, tmp_path: Path, name: str, front_matter: bool
) -> None:
    text = "A week of names.\n"
    if front_matter:
        text = "---\ntitle: Notes from the garden\ntags: [garden]\n---\n\n" + text
    folder = write(tmp_path / "blog", {f"{name}.md": text})
    result = run("import", str(folder))  # a name that states a week makes a weeknote
    assert result.exit_code == 0, result.stderr
    assert all_weeks(run) == ["2024-W19"]


def test_the_titles_week_wins_over_the_names(run: Run, tmp_path: Path) -> None:
    folder = write(tmp_path / "blog", {"2024-W19.md": "# Weeknotes 2024 W20\n\nLate.\n"})
    assert run("import", str(folder)).exit_code == 0
    assert listed(run) == {"Weeknotes 2024 W20": ["2024-W20"]}


def test_a_week_the_year_lacks_is_refused_naming_the_file(run: Run, tmp_path: Path) -> None:
    folder = write(tmp_path / "blog", {"2024-53.md": "# Weeknotes 53\n\nNo such week.\n"})
    result = run("import", str(folder))
    assert result.exit_code == 7
    assert "2024-53.md: its name states week 53 of 2024, which has 52 weeks" in result.stderr
    assert "Traceback" not in result.stderr


# -- weeks in titles and bodies ---------------------------------------------------------------

# title, published, body -> weeks, "Dated by"
TITLES = [
    ("Weeknotes for weeks 4-5", "2025-02-03", "", ["2025-W04", "2025-W05"], "both agree"),
    ("Weeknotes weeks 7-8", "2025-02-24", "", ["2025-W07", "2025-W08"], "both agree"),
    ("Weeknotes 2025 weeks 16-17", "2025-04-28", "", ["2025-W16", "2025-W17"], "both agree"),
    ("Weeknotes May 2025 weeks 18-19", "2025-05-12", "", ["2025-W18", "2025-W19"], "both agree"),
    ("2025 week 21-22", "2025-06-02", "", ["2025-W21", "2025-W22"], "both agree"),
    ("Weeks 24-27", "2025-07-07", "", [f"2025-W{n}" for n in range(24, 28)], "both agree"),
    (
        "Weeks 30-36: a summer",
        "2025-09-08",
        "",
        [f"2025-W{n}" for n in range(30, 37)],
        "both agree, 7 weeks",
    ),
    ("Weeks 52-1", "2025-01-06", "", ["2024-W52", "2025-W01"], "both agree"),
    ("Week of June 3, 2024", "2024-06-10", "", ["2024-W23"], "both agree"),
    ("Week of Dec. 2: Advent", "2024-12-09", "", ["2024-W49"], "both agree"),
    ("Weeknotes for the week ending Dec. 11, 2021", "2021-12-12", "", ["2021-W49"], "both agree"),
    ("w/e 18/12", "2021-12-19", "", ["2021-W50"], "both agree"),
    (
        "Weeknotes: Anniversarial \u2014 31st July 2022",
        "2022-08-04",
        "",
        ["2022-W30"],
        "they disagree",
    ),
    (
        "Weekly Wrap 571: bins and bots",
        "2021-05-20",
        "My week of Monday 3 to Sunday 9 May 2021.\n\nBins.\n",
        ["2021-W18"],
        "body date",
    ),
    ("Weekly Wrap 572", "2021-05-20", "", ["2021-W20"], "date"),
    (
        "Weekly Digest 12: links",
        "2021-06-20",
        "In the week of June 7, 2021.\n",
        ["2021-W23"],
        "body date",
    ),
]


def _blog(tmp_path: Path) -> Path:
    files = {}
    for number, (title, published, body, _, _) in enumerate(TITLES):
        files[f"_posts/{published}-post-{number}.md"] = (
            f"---\ntitle: {json.dumps(title)}\ndate: {published}\n---\n\n{body or 'Words.'}\n"
        )
    files["_posts/2021-05-21-weekly.md"] = "---\ntitle: Weekly thoughts on soup\n---\n\nSoup.\n"
    return write(tmp_path / "site", files)


def test_every_title_form_gives_its_weeks(run: Run, tmp_path: Path) -> None:
    site = _blog(tmp_path)
    dry = run("import", "--dry-run", str(site))
    assert dry.exit_code == 0, dry.stderr
    table = rows(dry.stdout)
    for title, _, _, _, how in TITLES:
        assert table[title][3] == how, title
    assert 'left out: _posts/2021-05-21-weekly.md "Weekly thoughts on soup": not a weeknote' in (
        dry.stderr
    )
    result = run("import", str(site))
    assert result.exit_code == 0, result.stderr
    notes = listed(run)
    for title, _, _, weeks, _ in TITLES:
        assert notes[title] == weeks, title


def test_weeks_without_a_year_and_without_a_date_are_refused_with_a_hint(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    folder = write(tmp_path / "blog", {"post.md": "---\ntitle: Weeks 24-27\n---\n\nHi.\n"})
    before = tree_digest(notes_dir)
    result = run("import", str(folder))
    assert result.exit_code == 7
    assert 'post.md: "Weeks 24-27" gives no year and the post has no published date' in (
        result.stderr
    )
    assert tree_digest(notes_dir) == before


def test_a_folder_of_undated_files_fails_naming_the_reason(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    folder = write(tmp_path / "drafts", {"ideas.md": "Some ideas.\n", "todo.md": "To do.\n"})
    result = run("import", "--dry-run", str(folder))
    assert result.exit_code == 7
    assert "  left out: ideas.md: no front matter, and its name states no date or week" in (
        result.stderr
    )
    assert result.stderr.splitlines()[-1] == (
        "Error: Nothing to import: all 2 posts were left out (no front matter, and its name "
        "states no date or week): name each by its week (2024-W19.md) or give it front "
        "matter with a date"
    )


def test_a_plain_archive_reads_weeks_with_their_year_and_refuses_them_without(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "blog.txt"
    archive.write_text(
        "2025 weeks 30-36: a summer\n\nLong.\n\n2025 weeks 28-29: before\n\nShort.\n",
        encoding="utf-8",
    )
    result = run("import", str(archive))
    assert result.exit_code == 0, result.stderr
    assert all_weeks(run) == [f"2025-W{n}" for n in range(28, 37)]
    yearless = tmp_path / "yearless.txt"
    yearless.write_text("Weeks 24-27: a summer\n\nLong.\n", encoding="utf-8")
    refused = run("import", str(yearless))
    assert refused.exit_code == 7
    assert '"Weeks 24-27: a summer" names week numbers without a year' in refused.stderr


def test_one_file_named_by_its_week_is_a_post(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path / "vault", {"2024-19.md": "# Weeknotes 19\n\nOne week.\n"})
    result = run("import", str(path / "2024-19.md"))
    assert result.exit_code == 0, result.stderr
    assert listed(run) == {"Weeknotes 19": ["2024-W19"]}
