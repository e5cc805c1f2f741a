"""Carry forward: `new` quotes last week's plans under "Last week I said I'd…", and `status`
shows them, for notes in the shapes weeknote writers use."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REAL_ARCHIVES, Run, needs_real_archives, write_note
from weeknote.folder.note import parse
from weeknote.text.layout import cells
from weeknote.writing.plans import Plan, find_plans

# A note in the archives' shape: plain-text sub-headings, "  • " items, and a closing
# "…and onto week 31" line followed by a paragraph of plans.
PLAIN = """Getting there with the bins

We spent a day with the waste team at Millfields.

Other highlights from last week were:

  • A good retro with the platform team
  • Budget setting for next year

…and onto week 31

Next week is about the mobile rollout: getting the last 40 handsets out
and closing down the old contract.
"""

MARKDOWN = """Highlights from the week were:

- Met the bins team

## Something I'm learning

- Ask for help sooner

## … and onto week 31

- Finish the mobiles rollout
- Hire a delivery manager
"""


@pytest.fixture(autouse=True)
def august(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-08-07")  # Friday of 2026-W32


def body_of(path: Path) -> str:
    return parse(path.read_text(), str(path)).body


def new(run: Run, *args: str) -> Path:
    result = run("new", *args, "--no-edit")
    assert result.exit_code == 0, result.stderr
    return Path(result.stdout.strip())


def test_a_lead_in_line_and_its_paragraph_are_carried(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W30", PLAIN)
    result = run("new", "2026-W31", "--no-edit")
    assert result.exit_code == 0, result.stderr
    assert 'Quoted 1 plan from 2026-W30.md under "Last week I said I\'d…"' in result.stderr
    body = body_of(Path(result.stdout.strip()))
    assert body.startswith(
        "## Last week I said I'd…\n\n"
        "> Next week is about the mobile rollout: getting the last 40 handsets out\n"
        "> and closing down the old contract.\n\n"
        "Highlights from the week were:"
    )
    assert "retro" not in body  # the highlights before the plans stay behind


def test_a_markdown_heading_and_late_next_bullets(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W30", MARKDOWN)
    # drafted in week 30 under `next` after its note was written, and one the note holds
    run("bullet", "--date", "2026-07-24", "--section", "next", "Book the away day")
    run("bullet", "--date", "2026-07-24", "#next Hire a delivery manager")
    body = body_of(new(run, "2026-W31"))
    quote, _, rest = body.partition("\n\n## Something I'm learning")
    assert quote.splitlines()[:5] == [
        "## Last week I said I'd…",
        "",
        "> - Finish the mobiles rollout",
        "> - Hire a delivery manager",
        "> - Book the away day",
    ]
    assert body.count("Hire a delivery manager") == 1
    assert "## … and onto week 32" in rest


@pytest.mark.parametrize(
    "lead",
    [
        "... and onto week 31",
        "...and onto week 31",
        "And onto week 31",
        "Onto week 31:",
        "Next week",
        "Plans for next week:",
        "### Next week",
        "**Next week**",
        "Next week I'm going to:",
    ],
)
def test_the_writers_wordings_open_the_plans(lead: str) -> None:
    body = f"Highlights\n\n- Met the team\n\n{lead}\n\n  • Finish the rollout\n  • Hire\n\nBye!\n"
    assert find_plans(body) == [Plan("Finish the rollout"), Plan("Hire")]


@pytest.mark.parametrize(
    "body",
    [
        "We'll see next week.\n\nNext week we'll know more.\n",  # sentences, not a lead-in
        "Some words\nNext week\nmore words in the same paragraph\n",
        "## … and onto week 31\n",  # the template's heading with nothing under it
        "```\nNext week\n\n- not a plan\n```\n",
    ],
)
def test_prose_about_next_week_is_no_plans(body: str) -> None:
    assert find_plans(body) == []


def test_a_configured_heading_comes_first(run: Run, notes_dir: Path, config_file: Path) -> None:
    config_file.write_text('plans_heading = "Coming up"\n')
    write_note(
        notes_dir,
        "2026-W30",
        "## Coming up\n\n- Write the strategy\n\n## Next week\n\n- Not this one\n",
    )
    body = body_of(new(run, "2026-W31"))
    assert "> - Write the strategy" in body
    assert "Not this one" not in body


def test_a_fortnight_note_before_is_last_week(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W30", MARKDOWN, weeks=["2026-W29", "2026-W30"])
    run("bullet", "--date", "2026-07-14", "--section", "next", "Drafted in the first week")
    body = body_of(new(run, "2026-W31"))
    assert "> - Finish the mobiles rollout" in body
    assert "> - Drafted in the first week" in body


def test_a_fortnight_note_carries_from_the_week_before_it_starts(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W30", MARKDOWN)
    path = new(run, "2026-W32", "--weeks", "2")
    assert path.name == "2026-W32.md"
    assert "> - Finish the mobiles rollout" in body_of(path)


def test_the_first_week_of_a_year_carries_from_week_53(
    run: Run, notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2027-01-08")
    write_note(notes_dir, "2026-W53", MARKDOWN.replace("week 31", "week 1"))
    assert "> - Finish the mobiles rollout" in body_of(new(run, "2027-W01"))


def test_a_break_before_carries_from_the_note_before_it(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W29", MARKDOWN)
    run("skip", "2026-W30", "--reason", "holiday")
    body = body_of(new(run, "2026-W31"))
    assert body.startswith("## Before the break I said I'd…\n\n> - Finish the mobiles rollout")


def test_a_missed_week_before_carries_nothing(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W29", MARKDOWN)  # 2026-W30: no note, and no break declared
    result = run("new", "2026-W31", "--no-edit")
    assert "I said I'd" not in body_of(Path(result.stdout.strip()))
    assert "Quoted" not in result.stderr


@pytest.mark.parametrize(
    "body",
    ["Highlights from the week were:\n\n- Met the bins team\n", "## … and onto week 31\n\n"],
)
def test_a_note_with_no_plans_carries_nothing(run: Run, notes_dir: Path, body: str) -> None:
    write_note(notes_dir, "2026-W30", body)
    result = run("new", "2026-W31", "--no-edit")
    text = body_of(Path(result.stdout.strip()))
    assert "I said I'd" not in text
    assert text.startswith("Highlights from the week were:")
    assert "Quoted" not in result.stderr
    status = json.loads(run("status", "--json").stdout)
    assert status["plans"] == [] and status["plans_from"] is None


def test_carry_forward_false_turns_it_off(run: Run, notes_dir: Path, config_file: Path) -> None:
    config_file.write_text("carry_forward = false\n")
    write_note(notes_dir, "2026-W31", MARKDOWN)
    assert "Planned" not in run("status").stdout
    assert json.loads(run("status", "--json").stdout)["plans"] == []
    body = body_of(new(run, "2026-W32"))
    assert "I said I'd" not in body and "mobiles" not in body


def test_rerunning_new_and_update_do_not_duplicate(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W30", MARKDOWN)
    path = new(run, "2026-W31")
    before = path.read_bytes()
    assert new(run, "2026-W31") == path
    assert path.read_bytes() == before
    run("bullet", "--date", "2026-07-29", "Jotted after the note")
    updated = run("new", "2026-W31", "--update", "--no-edit")
    assert updated.exit_code == 0, updated.stderr
    body = body_of(path)
    assert "- Jotted after the note" in body
    assert body.count("I said I'd") == 1 and body.count("Finish the mobiles rollout") == 1
    again = run("new", "2026-W31", "--update", "--no-edit")
    assert "Nothing to add" in again.stderr
    assert body_of(path) == body


def test_update_adds_a_plan_drafted_late_to_the_quote_once(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W30", MARKDOWN)
    path = new(run, "2026-W31")
    run("bullet", "--date", "2026-07-26", "--section", "next", "Book the away day")
    result = run("new", "2026-W31", "--update", "--no-edit")
    assert (
        'Added 1 plan from 2026-W30.md to the quote under "Last week I said I\'d…"' in result.stderr
    )
    lines = body_of(path).splitlines()
    at = lines.index("> - Hire a delivery manager")
    assert lines[at + 1] == "> - Book the away day"
    assert lines[at + 2] == ""
    run("new", "2026-W31", "--update", "--no-edit")
    assert body_of(path).count("Book the away day") == 1


def test_update_leaves_a_note_whose_writer_took_the_quote_out(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W30", MARKDOWN)
    write_note(notes_dir, "2026-W31", "Highlights from the week were:\n\n- Done it\n")
    before = (notes_dir / "2026-W31.md").read_bytes()
    result = run("new", "2026-W31", "--update", "--no-edit")
    assert "Nothing to add" in result.stderr
    assert (notes_dir / "2026-W31.md").read_bytes() == before


def test_a_template_places_the_quote_with_carried(run: Run, notes_dir: Path) -> None:
    (notes_dir / "templates").mkdir()
    (notes_dir / "templates" / "mine.md").write_text(
        "# {{ title }}\n\nThe week.\n\n{{ carried }}\n\n## … and onto week {{ next_week_number }}\n"
    )
    write_note(notes_dir, "2026-W30", MARKDOWN)
    body = body_of(new(run, "2026-W31", "--template", "mine"))
    assert body.startswith("# Weeknote w/c 27 July\n\nThe week.\n\n## Last week I said I'd…\n")
    empty = body_of(new(run, "2026-W32", "--template", "mine"))  # week 31 has no plans
    assert empty == "# Weeknote w/c 3 August\n\nThe week.\n\n## … and onto week 33\n"


PLANS = [
    "Finish the mobiles rollout, " + ("with every handset counted and signed for " * 3).strip(),
    "Hire a delivery manager",
    "Book the away day",
    "Write the strategy",
    "Close the old contract",
]


@pytest.fixture
def planned(notes_dir: Path) -> None:
    items = "".join(f"  • {plan}\n" for plan in PLANS)
    write_note(notes_dir, "2026-W31", f"Highlights\n\n…and onto week 32\n\n{items}")


@pytest.mark.usefixtures("planned")
def test_status_through_a_pipe_and_as_json(run: Run) -> None:
    out = run("status").stdout.splitlines()
    assert out[0].startswith("2026-W32 (3-9 Aug 2026)")
    assert [line for line in out if line.startswith("Planned:")] == [
        f"Planned: {PLANS[0]}",
        f"Planned: {PLANS[1]}",
        f"Planned: {PLANS[2]}",
        "Planned: and 2 more in 2026-W31.md",
    ]
    document = json.loads(run("status", "--json").stdout)
    assert document["plans"] == PLANS
    assert document["plans_from"] == "2026-W31.md"


@pytest.mark.usefixtures("planned")
@pytest.mark.parametrize("width", [80, 40])
def test_status_in_a_terminal_cuts_each_plan_to_the_width(
    run: Run, terminal: Callable[[int], None], width: int
) -> None:
    terminal(width)
    out = run("status").stdout.splitlines()
    assert all(cells(line) <= width for line in out)
    at = next(n for n, line in enumerate(out) if line.startswith("Planned"))
    assert out[at].startswith("Planned   Finish the mobiles rollout")
    assert out[at].endswith("…")
    assert out[at + 1 : at + 3] == [" " * 10 + PLANS[1], " " * 10 + PLANS[2]]
    assert out[at + 3] == " " * 10 + "and 2 more in 2026-W31.md"


def test_status_shows_plans_under_a_written_week_too(run: Run, notes_dir: Path) -> None:
    write_note(notes_dir, "2026-W31", MARKDOWN.replace("week 31", "week 32"))
    new(run, "2026-W32")
    out = run("status").stdout
    assert "Note: 2026-W32.md" in out
    assert "Planned: Finish the mobiles rollout\nPlanned: Hire a delivery manager\n" in out


@needs_real_archives
def test_the_real_archives_prose_is_not_taken_for_plans() -> None:
    for path in REAL_ARCHIVES:
        assert find_plans(path.read_text(encoding="utf-8")) == [], path.name
