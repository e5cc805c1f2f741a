"""`weeknote review` and the site's year and tag pages, on a generated archive that runs
across a 53-week year (2020 and 2026 both have one), each figure checked against a count
made here from the notes the test wrote, with plain date arithmetic (Thursdays, not
isocalendar)."""

from __future__ import annotations

import json
import random
import re
import statistics
from dataclasses import dataclass
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
import pytest

from conftest import REAL_ARCHIVES, Run, needs_real_archives, weeknote_process, write_note

SVG = "{http://www.w3.org/2000/svg}"
VOID = {"meta", "link", "br", "img", "hr", "input", "source", "wbr"}


def first_thursday(year: int) -> date:
    new_year = date(year, 1, 1)
    return new_year + timedelta(days=(3 - new_year.weekday()) % 7)


def thursdays(year: int) -> int:
    """How many weeks an ISO year has: as many as its Thursdays."""
    count, day = 0, first_thursday(year)
    while day.year == year:
        count, day = count + 1, day + timedelta(days=7)
    return count


def week_id(year: int, number: int) -> str:
    return f"{year}-W{number:02d}"


def thursday_of(week: str) -> date:
    return first_thursday(int(week[:4])) + timedelta(days=7 * (int(week[6:]) - 1))


def weeks_of(year: int) -> list[str]:
    return [week_id(year, n) for n in range(1, thursdays(year) + 1)]


@dataclass
class Made:
    weeks: list[str]
    title: str
    words: int
    tags: list[str]


@dataclass
class Archive:
    notes: list[Made]
    breaks: set[str]


def generate(notes_dir: Path, year: int, seed: int) -> Archive:
    """Notes from the year before to the one after, some weeks missed, some breaks, some
    fortnights, and a fortnight from week 53 into the next year."""
    rng = random.Random(seed)
    last = thursdays(year)
    assert last == 53
    weeks = [*weeks_of(year - 1)[-6:], *weeks_of(year), *weeks_of(year + 1)[:4]]
    made: list[Made] = []
    breaks: set[str] = set()
    spanning = [week_id(year, 53), week_id(year + 1, 1)]
    index = 0
    while index < len(weeks):
        week = weeks[index]
        if week == spanning[0]:
            covered = spanning
        else:
            roll = rng.random()
            if roll < 0.2:
                index += 1
                continue  # missed
            if roll < 0.3:
                breaks.add(week)
                index += 1
                continue
            nxt = weeks[index + 1] if index + 1 < len(weeks) else None
            covered = [week, nxt] if roll < 0.4 and nxt and nxt != spanning[0] else [week]
        words = rng.randint(5, 60)
        tags = rng.sample(["bins", "team", "robots", "learning"], rng.randint(0, 2))
        title = f"Note {covered[0]} " + rng.choice(["robots", "bins", "a [bracket]"])
        body = " ".join(["word"] * (words - len(tags)) + [f"#{tag}" for tag in tags]) + "\n"
        write_note(notes_dir, covered[-1], body, weeks=covered, title=title)
        made.append(Made(covered, title, words, sorted(tags)))
        index += len(covered)
    (notes_dir / "breaks.txt").write_text("".join(f"{week}  away\n" for week in sorted(breaks)))
    return Archive(made, breaks)


def expected(archive: Archive, year: int) -> dict[str, object]:
    """The figures for a year that is over, counted from what the test wrote."""
    weeks = weeks_of(year)
    written = {w for note in archive.notes for w in note.weeks if w[:4] == str(year)}
    breaks = {w for w in archive.breaks if w[:4] == str(year)} - written
    in_year = [n for n in archive.notes if any(w[:4] == str(year) for w in n.weeks)]
    counted = [n for n in in_year if n.weeks[-1][:4] == str(year)]
    gaps, run, longest, length = [], 0, 0, 0
    for week in weeks:
        if week in written:
            length += 1
            longest = max(longest, length)
        elif week not in breaks:
            length = 0
        missed = week not in written and week not in breaks
        if missed:
            run += 1
        elif run:
            gaps.append(run)
            run = 0
    if run:
        gaps.append(run)
    tags: dict[str, int] = {}
    for note in counted:
        for tag in note.tags:
            tags[tag] = tags.get(tag, 0) + 1
    months: dict[tuple[int, int], int] = {}
    for week in written:
        day = thursday_of(week)
        months[day.year, day.month] = months.get((day.year, day.month), 0) + 1
    top = max(months.values())
    quarters: dict[str, str] = {}
    for note in in_year:
        start = next(w for w in note.weeks if w[:4] == str(year))
        quarter = f"{year}-Q{(thursday_of(start).month - 1) // 3 + 1}"
        quarters.setdefault(quarter, note.title)
    return {
        "weeks": len(weeks),
        "weeks_written": len(written),
        "weeks_due": len(weeks) - len(breaks),
        "breaks": sorted(breaks),
        "gaps": gaps,
        "longest": longest,
        "notes": len(in_year),
        "fortnights": sum(1 for n in in_year if len(n.weeks) > 1),
        "words": sum(n.words for n in counted),
        "median": statistics.median(n.words for n in counted),
        "longest_note": max(n.words for n in counted),
        "tags": tags,
        "busiest_weeks": top,
        "busiest_months": {f"{y}-{m:02d}" for (y, m), c in months.items() if c == top},
        "quarters": quarters,
    }


@pytest.mark.parametrize(("year", "seed"), [(2026, 1), (2026, 7), (2020, 3)])
def test_the_figures_of_a_53_week_year(
    run: Run, notes_dir: Path, monkeypatch: pytest.MonkeyPatch, year: int, seed: int
) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", f"{year + 1}-06-15")  # the year is over
    archive = generate(notes_dir, year, seed)
    want = expected(archive, year)
    result = run("review", str(year), "--json")
    assert result.exit_code == 0, result.stderr
    got = json.loads(result.stdout)
    assert got["version"] == 1 and got["year"] == year
    assert (got["from"], got["to"]) == (f"{year}-W01", f"{year}-W53")
    for key in ("weeks", "weeks_written", "weeks_due", "breaks", "notes", "fortnights"):
        assert got[key] == want[key], key
    assert [gap["weeks"] for gap in got["gaps"]] == want["gaps"]
    assert got["longest_streak"]["length"] == want["longest"]
    assert got["words"]["total"] == want["words"]
    assert got["words"]["median"] == want["median"]
    assert got["words"]["longest"]["words"] == want["longest_note"]
    assert {t["tag"]: t["notes"] for t in got["tags"]} == want["tags"]
    assert got["busiest_month"]["weeks_written"] == want["busiest_weeks"]
    assert got["busiest_month"]["month"] in want["busiest_months"]
    assert {q["quarter"]: q["title"] for q in got["quarters"]} == want["quarters"]
    assert len(got["calendar"]) == 53 and got["calendar"][-1]["week"] == f"{year}-W53"
    # The fortnight across the new year is in both years, its words in the second only.
    spanning = [f"{year}-W53", f"{year + 1}-W01"]
    assert spanning in [t["weeks"] for t in got["titles"]]
    after = json.loads(run("review", str(year + 1), "--json").stdout)
    assert spanning in [t["weeks"] for t in after["titles"]]
    assert after["words"]["total"] == expected(archive, year + 1)["words"]


def test_in_the_terminal_and_through_a_pipe(
    run: Run, notes_dir: Path, terminal: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2027-02-01")
    generate(notes_dir, 2026, 1)
    shown = run("review", "2026").stdout
    assert shown.startswith("2026: 29 Dec 2025-3 Jan 2027\n")
    for label in ("Weeks", "Notes", "Breaks", "Gaps", "Longest streak", "Words", "Busiest month"):
        assert re.search(rf"^{label} +\S", shown, re.M), label
    assert "2026 Q1" in shown
    row = next(line for line in shown.splitlines() if line.startswith("2026-W01 "))
    assert len(row.split()[1]) == 53  # a cell a week, week 53 too
    terminal(40)  # type: ignore[operator]
    narrow = run("review", "2026").stdout
    assert all(len(line) <= 40 for line in narrow.splitlines())
    rows = [line.split()[1] for line in narrow.splitlines() if re.match(r"2026-W\d\d ", line)]
    assert sum(map(len, rows)) == 53
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    piped = run("review", "2026").stdout.splitlines()
    assert piped[2].startswith("Weeks: ") and all(line == line.rstrip() for line in piped)


def test_this_year_counts_weeks_up_to_today_as_streak_does(
    run: Run, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for week in ("2026-W40", "2026-W41", "2026-W43", "2026-W44", "2026-W45"):
        write_note(notes_dir, week)
    (notes_dir / "breaks.txt").write_text("2026-W42  half term\n")
    # Tuesday of W47: W46 is still due (the cut-off is Tuesday), W47 is in progress.
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-17")
    got = json.loads(run("review", "--json").stdout)
    streak = json.loads(run("streak", "--json").stdout)
    assert got["year"] == 2026 and got["weeks_written"] == 5
    assert got["weeks_due"] == 5  # W40-W45 less the break; W46 due, W47 in progress
    assert got["current_streak"] == streak["current"]
    assert got["longest_streak"] == streak["longest"]
    kinds = {cell["week"]: cell["kind"] for cell in got["calendar"]}
    assert (kinds["2026-W39"], kinds["2026-W46"], kinds["2026-W47"]) == ("before", "due", "future")
    # A week later W46 is a gap, and W47 is due.
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-24")
    later = json.loads(run("review", "--json").stdout)
    assert later["gaps"] == [{"first": "2026-W46", "last": "2026-W46", "weeks": 1}]


def test_the_streak_at_a_years_end(
    run: Run, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_note(notes_dir, "2026-W52")
    write_note(notes_dir, "2027-W01", weeks=["2026-W53", "2027-W01"])
    # A day into the week after: today's streak, which runs on into 2027.
    monkeypatch.setenv("WEEKNOTE_TODAY", "2027-01-05")
    now = json.loads(run("review", "2026", "--json").stdout)["current_streak"]
    assert (now["length"], now["last"]) == (3, "2027-W01")
    # A month on, 2026 is over: its streak is the one that ran up to its last week.
    monkeypatch.setenv("WEEKNOTE_TODAY", "2027-02-05")
    over = json.loads(run("review", "2026", "--json").stdout)["current_streak"]
    assert (over["length"], over["first"], over["last"]) == (2, "2026-W52", "2026-W53")
    assert "Streak at end: 2 weeks, 2026-W52 to 2026-W53" in run("review", "2026").stdout


def test_from_and_to(run: Run, notes_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2027-03-01")
    write_note(notes_dir, "2026-W52")
    write_note(notes_dir, "2027-W01", weeks=["2026-W53", "2027-W01"])
    got = json.loads(run("review", "--from", "2026-W52", "--to", "2027-W02", "--json").stdout)
    assert (got["year"], got["weeks"], got["weeks_written"], got["notes"]) == (None, 4, 3, 2)
    assert got["fortnights"] == 1 and got["gaps"][0]["first"] == "2027-W02"
    for args, message in (
        (["2026", "--from", "2026-W01"], "not both"),
        (["26"], "not a year"),
        (["--from", "2027-W05", "--to", "2027-W01"], "after"),
        (["--format", "html"], "only md"),
        (["--output", "x.md"], "--format md"),
    ):
        result = run("review", *args)
        assert result.exit_code == 2 and message in result.stderr, args
        assert result.stderr.count("\n") == 1


def test_the_markdown_draft(
    run: Run, notes_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2027-02-01")
    archive = generate(notes_dir, 2026, 7)
    listed = run("list", "--json").stdout
    result = run("review", "2026", "--format", "md")
    draft = notes_dir / "review-2026.md"
    assert result.exit_code == 0 and result.stdout == f"{draft}\n"
    text = draft.read_text()
    assert text.startswith("# A year of weeknotes: 2026\n")
    in_year = [n for n in archive.notes if any(w.startswith("2026") for w in n.weeks)]
    for note in in_year:
        title = note.title.replace("[", "\\[").replace("]", "\\]")
        assert f"[{title}]({note.weeks[-1]}.html)" in text
    assert text.count("\n- 2026-W") + text.count("\n- 2025-W") >= len(in_year)
    # The draft is no note: the folder scan leaves it out.
    assert run("list", "--json").stdout == listed
    # Never written over, said in one line, the file as it was.
    draft.write_text("my edits\n")
    again = run("review", "2026", "--format", "md")
    assert again.exit_code == 6 and "--output" in again.stderr
    assert draft.read_text() == "my edits\n"
    other = tmp_path / "elsewhere.md"
    assert run("review", "2026", "-f", "md", "-o", str(other)).stdout == f"{other}\n"
    assert other.read_text() == text


def test_no_notes_in_the_year(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W10")
    result = run("review", "2024", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["weeks_due"] == 0
    assert "No notes cover a week of 2024" in result.stderr


def test_a_real_process_says_no_traceback(notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W10")
    proc = weeknote_process("review", "1999x")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


# -- the site ----------------------------------------------------------------------------


class _Checker(HTMLParser):
    """Every element closed in order (void elements aside), no script, ids unique."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.ids: set[str] = set()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.problems.append("script")
        for name, value in attrs:
            if name == "id":
                if value in self.ids:
                    self.problems.append(f"id {value} twice")
                self.ids.add(value or "")
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # <rect/> in the SVG

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()


def check_page(text: str) -> None:
    """The checks every site page passes."""
    assert text.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert '<meta name="viewport"' in text and "prefers-color-scheme" in text
    assert "default-src 'none'" in text and 'href="index.html"' in text
    checker = _Checker()
    checker.feed(text)
    checker.close()
    assert not checker.problems and not checker.open, (checker.problems, checker.open)


def _site(run: Run, out: Path) -> None:
    result = run("export", "-f", "site", "-o", str(out))
    assert result.exit_code == 0, result.stderr


def test_year_pages_with_a_heatmap(run: Run, notes_dir: Path, tmp_path: Path) -> None:
    archive = generate(notes_dir, 2026, 1)
    out = tmp_path / "site"
    _site(run, out)
    index = (out / "index.html").read_text()
    for year in (2025, 2026, 2027):
        assert f'href="{year}.html"' in index
        check_page((out / f"{year}.html").read_text())
    page = (out / "2026.html").read_text()
    svg = ET.fromstring(re.search(r"<svg.*?</svg>", page, re.S).group(0))  # type: ignore[union-attr]
    cells = [g for g in svg.iter(f"{SVG}g") if "week" in g.get("class", "").split()]
    weeks = cells[:53]  # then the legend's
    assert len(weeks) == 53
    titles = [g.find(f"{SVG}title").text or "" for g in weeks]  # type: ignore[union-attr]
    assert titles[0].startswith("2026-W01, 29 Dec 2025-4 Jan 2026: ")
    assert titles[52].startswith("2026-W53, 28 Dec 2026-3 Jan 2027: a fortnight's note")
    want = expected(archive, 2026)
    for title, cell in zip(titles, weeks, strict=True):
        kind = cell.get("class", "").split()[1]
        week = title[:8]
        if week in want["breaks"]:  # type: ignore[operator]
            assert kind == "break" and "a break (away)" in title
        mark = cell.find(f"{SVG}text")
        if kind == "fortnight":
            assert mark is not None and mark.text == "2"
        if kind == "missed":
            assert mark is not None and mark.text == "×"
    assert (
        sum(c.get("class", "").split()[1] in ("written", "fortnight") for c in weeks)
        == want["weeks_written"]
    )
    assert "<script" not in page
    # Every note of the year is listed, linked to its page.
    for note in archive.notes:
        if any(w.startswith("2026") for w in note.weeks):
            assert f'href="{note.weeks[-1]}.html"' in page
    assert 'rel="prev" href="2025.html"' in page and 'rel="next" href="2027.html"' in page


def test_tag_pages_and_links_between_notes(run: Run, notes_dir: Path, tmp_path: Path) -> None:
    write_note(notes_dir, "2026-W01", "Start #bins\n")
    write_note(notes_dir, "2026-W02", "Middle #bins #日本\n")
    write_note(notes_dir, "2026-W03", "End\n")
    out = tmp_path / "site"
    _site(run, out)
    bins = (out / "tag-bins.html").read_text()
    check_page(bins)
    assert bins.index('href="2026-W02.html"') < bins.index('href="2026-W01.html"')
    assert 'href="2026-W03.html"' not in bins
    assert (out / "tag-日本.html").exists()
    middle = (out / "2026-W02.html").read_text()
    check_page(middle)
    assert 'rel="prev" href="2026-W01.html"' in middle
    assert 'rel="next" href="2026-W03.html"' in middle
    assert 'href="tag-bins.html">#bins</a>' in middle and 'href="2026.html"' in middle
    index = (out / "index.html").read_text()
    assert 'href="tag-bins.html">#bins</a>&nbsp;(2)' in index


def test_a_year_page_is_made_again_only_when_its_notes_change(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    write_note(notes_dir, "2025-W10")
    write_note(notes_dir, "2026-W10", "Some words #bins\n")
    write_note(notes_dir, "2026-W11")
    out = tmp_path / "site"
    _site(run, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    write_note(notes_dir, "2026-W11", "More words than before.\n")
    _site(run, out)
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    changed = {name for name in after if after[name] != before.get(name)}
    assert "2026.html" in changed and "2025.html" not in changed
    assert "tag-bins.html" not in changed
    (notes_dir / "breaks.txt").write_text("2025-W11  away\n")
    _site(run, out)
    again = {p.name: p.read_bytes() for p in out.iterdir()}
    assert {name for name in again if again[name] != after[name]} <= {
        "2025.html",
        ".weeknote-export",
    }
    assert again["2025.html"] != after["2025.html"]


def test_site_config_in_the_site_the_feed_and_hugo(
    run: Run, notes_dir: Path, tmp_path: Path, config_file: Path
) -> None:
    config_file.write_text(
        '[site]\ntitle = "Ada\'s weeknotes"\nauthor = "Ada L."\n'
        'description = "What I did & learnt"\nbase_url = "https://ada.example/notes"\n'
    )
    write_note(notes_dir, "2026-W10", "Words #bins\n")
    out = tmp_path / "site"
    _site(run, out)
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo
    assert feed.feed.title == "Ada's weeknotes" and feed.feed.author == "Ada L."
    assert feed.feed.subtitle == "What I did & learnt"
    assert feed.entries[0].link == "https://ada.example/notes/2026-W10.html"
    index = (out / "index.html").read_text()
    assert "<h1>Ada&#x27;s weeknotes</h1>" in index and "What I did &amp; learnt" in index
    assert '<meta name="author" content="Ada L.">' in index
    assert "Ada&#x27;s weeknotes" in (out / "2026.html").read_text()
    # The flag still wins over the config.
    flagged = tmp_path / "flagged"
    run("export", "-f", "site", "-o", str(flagged), "--base-url", "https://other.example/")
    assert "https://other.example/2026-W10.html" in (flagged / "feed.xml").read_text()
    hugo = tmp_path / "hugo"
    assert run("export", "-f", "hugo", "-o", str(hugo)).exit_code == 0
    section = (hugo / "content" / "weeknotes" / "_index.md").read_text()
    assert 'title = "Ada\'s weeknotes"' in section and "What I did & learnt" in section
    assert 'author = "Ada L."' in (hugo / "content" / "weeknotes" / "2026-W10.md").read_text()


def test_a_bad_base_url_in_the_config_is_named(
    run: Run, notes_dir: Path, tmp_path: Path, config_file: Path
) -> None:
    config_file.write_text('[site]\nbase_url = "ada.example"\n')
    write_note(notes_dir, "2026-W10")
    result = run("export", "-f", "site", "-o", str(tmp_path / "site"))
    assert result.exit_code == 2 and "config site.base_url 'ada.example'" in result.stderr
    assert not (tmp_path / "site").exists()


# -- the real archives kept beside the project (skipped where absent) ---------------------


@needs_real_archives
@pytest.mark.parametrize("path", REAL_ARCHIVES, ids=lambda p: p.name)
def test_a_real_archive_reviewed(
    run: Run, notes_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: Path
) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-12-01")
    if run("import", str(path)).exit_code != 0:
        pytest.skip(f"{path.name} needs --year")
    listed = json.loads(run("list", "--json").stdout)["notes"]
    year = int(listed[0]["week"][:4])
    got = json.loads(run("review", str(year), "--json").stdout)
    in_year = [n for n in listed if any(w.startswith(str(year)) for w in n["weeks"])]
    assert got["notes"] == len(in_year)
    assert got["fortnights"] == sum(1 for n in in_year if len(n["weeks"]) > 1)
    assert got["weeks_written"] == len({w for n in in_year for w in n["weeks"]})
    assert got["words"]["total"] == sum(n["words"] for n in in_year)
    out = tmp_path / "site"
    assert run("export", "-f", "site", "-o", str(out)).exit_code == 0
    check_page((out / f"{year}.html").read_text())
