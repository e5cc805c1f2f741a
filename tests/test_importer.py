"""The pure core of `weeknote import`: title lines, splitting and dating."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from weeknote.errors import ImportFailure, UsageError
from weeknote.imports.archive_dating import date_archive
from weeknote.imports.plaintext import _read_line, looks_like_title, parse_title, split
from weeknote.imports.titles import WrittenDate
from weeknote.text import archive

TODAY = date(2026, 11, 22)


def dated(notes: list[tuple[str, str]], **options: object) -> list[tuple[str, ...]]:
    """The week ids of each note of the archive made of ``notes``."""
    text = archive.join(notes)
    kwargs: dict[str, object] = {"text": text, "source": "a.txt", "today": TODAY, **options}
    result = date_archive(split(text, "a.txt"), **kwargs)  # type: ignore[arg-type]
    return [item.ids for item in result.notes]


# -- title lines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "dates"),
    [
        ("Weeknote w/c 15 July: mobiles, robots and focus", [(15, 7, None)]),
        ("w/c 14 January: getting partnerships right", [(14, 1, None)]),
        ("Weeknote w/c 4 and 11 March: getting out", [(4, 3, None), (11, 3, None)]),
        ("w/c 21 and 28 January: sniffles", [(21, 1, None), (28, 1, None)]),
        ("Weeknote w/c 6 & 13 January: two weeks", [(6, 1, None), (13, 1, None)]),
        ("w/c 26 October and 2 November: across months", [(26, 10, None), (2, 11, None)]),
        ("Weeknote w/c 15 July 2019: with a year", [(15, 7, 2019)]),
        ("Weeknote w/c 16 November", [(16, 11, None)]),
        ("weeknote W/C 3rd Sept - lower case", [(3, 9, None)]),
    ],
)
def test_wc_titles(line: str, dates: list[tuple[int, int, int | None]]) -> None:
    parsed = parse_title(line)
    assert parsed is not None and parsed.title == line
    assert parsed.dates == tuple(WrittenDate(*d) for d in dates)


@pytest.mark.parametrize(
    ("line", "year_weeks"),
    [
        ("2019.30 Making my hand as famous", ((2019, 30), (2019, 30))),
        ("2019.30", ((2019, 30), (2019, 30))),
        ("2019.29-30: a fortnight", ((2019, 29), (2019, 30))),
        ("2019.52-2020.01: over New Year", ((2019, 52), (2020, 1))),
    ],
)
def test_year_week_titles(line: str, year_weeks: tuple[tuple[int, int], ...]) -> None:
    parsed = parse_title(line)
    assert parsed is not None and parsed.year_weeks == year_weeks


@pytest.mark.parametrize(
    "line",
    [
        "w/c 4 March was busy",  # prose: no colon after the date
        "I wrote it w/c 4 March: then stopped",  # not at the start of the line
        "w/c 4 and 11: no month",
        "w/c 31 February: no such day",
        "2019.54 there is no week 54",
        "2019.30x",
        "2020.5 million people",  # a week number has two digits
        "1500.20 pounds",
        "Weeknote: a title without a date",
        "",
    ],
)
def test_not_titles(line: str) -> None:
    assert parse_title(line) is None


# -- splitting --------------------------------------------------------------------------------

FIRST = "Weeknote w/c 15 July: robots"
SECOND = "Weeknote w/c 8 July: housing"


def test_bodies_are_verbatim_and_a_pasted_post_stays_in_its_note() -> None:
    body = "Para one.\n\n  • a bullet\n\nWhy I'm excited about the launch\n\nToday was good.\n"
    text = f"{FIRST}\n\nIntro.\n\n\n{SECOND}\n\n{body}"
    notes = split(text)
    assert [(n.title, n.body, n.line) for n in notes] == [
        (FIRST, "Intro.\n\n", 1),
        (SECOND, body, 6),
    ]


def test_title_shaped_prose_does_not_split_a_note() -> None:
    body = (
        "We met.\nw/c 4 March: the date of the next show-and-tell\n\n"
        "w/c 11 March: shaped like a title, but a paragraph follows at once\n"
        "and carries on here.\n\nw/c 4 March was busy\n\n"
        "(I'm taking a break this week, so my next weeknote will arrive in w/c 2 March)\n"
    )
    notes = split(f"{FIRST}\n\n{body}")
    assert len(notes) == 1 and notes[0].body == body


def test_last_body_gains_its_final_newline() -> None:
    assert split(f"{FIRST}\n\nNo newline at the end")[0].body == "No newline at the end\n"
    assert split(FIRST)[0].body == ""


def test_blank_lines_before_the_first_title_are_ignored() -> None:
    assert split(f"\n\n{FIRST}\n\nBody.\n")[0].line == 3


def test_text_before_the_first_title_is_refused() -> None:
    with pytest.raises(ImportFailure, match=r"a.txt, line 1: text before the first title"):
        split(f"My blog\n\n{FIRST}\n\nBody.\n", "a.txt")


def test_no_title_is_refused_with_a_hint() -> None:
    with pytest.raises(ImportFailure, match="a.txt holds no weeknote title"):
        split("Just some prose.\n", "a.txt")
    with pytest.raises(ImportFailure, match="line 1 looks like one but needs a blank line"):
        split(f"{FIRST}\nBody straight after the title.\n", "a.txt")


# split(join(notes)) == notes for any titles in the accepted forms and any bodies that hold
# no title-shaped line: a body line that is itself a title (between blank lines) would be
# read as the start of another note, so the generator leaves such lines out.

_months = st.sampled_from(
    ["January", "February", "March", "July", "October", "November", "December", "Sept"]
)
_subtitles = st.text(st.characters(blacklist_categories=["Cc", "Cs", "Zl", "Zp"]), max_size=30).map(
    str.strip
)
_wc_titles = st.builds(
    lambda prefix, day, day2, month, year, subtitle: (
        f"{prefix}w/c {day}{f' and {day2}' if day2 else ''} {month}{year}"
        + (f": {subtitle}" if subtitle else "")
    ),
    st.sampled_from(["Weeknote ", "", "weeknote "]),
    st.integers(1, 20),
    st.none() | st.integers(21, 28),
    _months,
    st.sampled_from(["", " 2019", " 2024"]),
    _subtitles,
)
_year_week_titles = st.builds(
    lambda year, week, subtitle: f"{year}.{week:02d}" + (f" {subtitle}" if subtitle else ""),
    st.integers(1990, 2030),
    st.integers(1, 52),
    _subtitles,
)
_line = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\n"), max_size=40
).filter(  # a body line: no title, nor a line the splitter would question as one
    lambda line: _read_line(line, "monday") is None and not looks_like_title(line)
)
_bodies = st.lists(_line, max_size=6).map(lambda lines: "".join(f"{line}\n" for line in lines))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_wc_titles | _year_week_titles, _bodies), min_size=1, max_size=5))
def test_split_inverts_join(notes: list[tuple[str, str]]) -> None:
    assert [(n.title, n.body) for n in split(archive.join(notes))] == notes


# -- dating -----------------------------------------------------------------------------------


def test_calendar_and_text_years_pin_the_year() -> None:
    notes = [
        ("Weeknote w/c 15 July: a", "See https://example.org/2019/06/09/post/\n"),
        ("Weeknote w/c 8 July: b", "Text.\n"),
    ]
    assert dated(notes) == [("2019-W29",), ("2019-W28",)]


def test_only_candidate_in_the_last_ten_years_is_chosen() -> None:
    # 15 July is a Monday in 1991, 1996, 2002, 2013, 2019 and 2024; on 1 January 2024
    # the 2024 one has not begun, which leaves 2019 as the only one in ten years
    notes = [("w/c 15 July: a", "No years here.\n")]
    assert dated(notes, today=date(2024, 1, 1)) == [("2019-W29",)]


def test_two_fitting_years_stop_and_ask_for_year() -> None:
    notes = [("w/c 15 July: a", "No years here.\n"), ("w/c 8 July: b", "Nor here.\n")]
    with pytest.raises(ImportFailure) as caught:
        dated(notes)
    assert "cannot tell the year" in caught.value.message
    assert "2019 and 2024" in caught.value.message and "--year" in caught.value.message


def test_text_years_that_fit_twice_still_stop() -> None:
    notes = [("w/c 15 July: a", "Back in 2013, and again in 2019.\n")]
    with pytest.raises(ImportFailure, match="of those, its text mentions 2013 and 2019"):
        dated(notes)


def test_no_year_fits() -> None:
    notes = [("w/c 15 July: a", "2019\n"), ("w/c 9 July: b", "\n")]
    with pytest.raises(ImportFailure, match="no year from 1990 to 2026"):
        dated(notes)


def test_year_steps_back_across_new_year_newest_first() -> None:
    notes = [
        ("w/c 13 January: a", "x\n"),
        ("w/c 6 January: b", "x\n"),
        ("w/c 30 December: c", "x\n"),
        ("w/c 23 December: d", "x\n"),
    ]
    assert dated(notes, year=2020) == [("2020-W03",), ("2020-W02",), ("2020-W01",), ("2019-W52",)]


def test_oldest_first_archives_are_detected() -> None:
    notes = [
        ("w/c 23 December: d", "x\n"),
        ("w/c 30 December: c", "x\n"),
        ("w/c 6 January: b", "2020 began.\n"),
        ("w/c 13 January: a", "x\n"),
    ]
    text = archive.join(notes)
    result = date_archive(split(text), text=text, source="a.txt", today=TODAY)
    assert not result.newest_first
    assert [n.ids[0] for n in result.notes] == ["2019-W52", "2020-W01", "2020-W02", "2020-W03"]


def test_a_year_that_misplaces_a_date_is_refused_naming_the_note() -> None:
    notes = [("w/c 15 July: a", "x\n"), ("w/c 8 July: b", "x\n")]
    with pytest.raises(ImportFailure) as caught:
        dated(notes, year=2020)
    message = caught.value.message
    assert message.startswith("a.txt, line 1: --year 2020 puts w/c 15 July of")
    assert "on a Wednesday, not a Monday" in message and "2019 and 2024" in message


def test_a_late_note_out_of_order_is_caught_not_misdated() -> None:
    # 8 July listed above 15 July would step back to 15 July 2018, a Sunday
    notes = [("w/c 8 July: late", "x\n"), ("w/c 15 July: a", "x\n"), ("w/c 1 July: b", "x\n")]
    with pytest.raises(ImportFailure, match=r"line \d+: --year 2019 puts w/c 15 July"):
        dated(notes, year=2019)


def test_a_year_in_a_title_wins_and_dates_its_neighbours() -> None:
    notes = [
        ("w/c 6 January: above", "x\n"),
        ("Weeknote w/c 30 December 2019: anchored", "x\n"),
        ("w/c 23 December: below", "x\n"),
    ]
    assert dated(notes) == [("2020-W02",), ("2020-W01",), ("2019-W52",)]
    assert dated(notes, year=2020) == [("2020-W02",), ("2020-W01",), ("2019-W52",)]


def test_year_week_titles_date_themselves() -> None:
    notes = [("2019.30 Making my hand", "x\n"), ("2019.28-29: two weeks", "x\n")]
    assert dated(notes) == [("2019-W30",), ("2019-W28", "2019-W29")]


def test_fortnights_cover_both_weeks_across_months_and_years() -> None:
    notes = [
        ("w/c 4 and 11 January: a", "x\n"),
        ("w/c 21 and 28 December: b", "x\n"),
        ("w/c 26 October and 2 November: c", "x\n"),
    ]
    assert dated(notes, year=2021) == [
        ("2021-W01", "2021-W02"),
        ("2020-W52", "2020-W53"),
        ("2020-W44", "2020-W45"),
    ]
    over_new_year = [("w/c 30 December and 6 January: d", "x\n")]
    assert dated(over_new_year, year=2019) == [("2020-W01", "2020-W02")]


def test_sunday_weeks_want_sundays() -> None:
    notes = [("w/c 14 July: a", "In 2019.\n")]
    assert dated(notes, week_start="sunday") == [("2019-W29",)]
    with pytest.raises(ImportFailure, match="not a Sunday"):
        dated([("w/c 15 July: a", "x\n")], year=2019, week_start="sunday")


def test_a_title_covering_too_many_weeks_is_refused() -> None:
    with pytest.raises(ImportFailure, match="would cover 10 weeks"):
        dated([("w/c 4 March and 6 May 2019: a", "x\n")])


def test_a_silly_year_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        dated([("w/c 15 July: a", "x\n")], year=20)


def test_long_title_shaped_prose_fails_fast() -> None:
    # a regular expression that backtracks would take minutes on this line
    assert parse_title("w/c " + "1, " * 5000 + "x") is None
    assert parse_title("w/c " + "1, and " * 5000 + "x") is None
