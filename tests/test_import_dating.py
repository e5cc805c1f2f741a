"""Dating imported posts and plain-text archives: title, published date, body, anchor."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import REAL_ARCHIVES, needs_real_archives
from weeknote.errors import ImportFailure, UsageError
from weeknote.imports.dating import body_date, date_post
from weeknote.imports.model import (
    AGREE,
    BY_ANCHOR,
    BY_ARCHIVE,
    BY_BODY,
    BY_DATE,
    BY_TITLE,
    DISAGREE,
    Post,
)
from weeknote.imports.plaintext import ArchiveDating, parse_anchor, read_archive_text
from weeknote.text import archive
from weeknote.weeks.week import Week

TODAY = date(2026, 11, 22)


def dated(title: str, published: date | None = None, **options: str) -> tuple[list[str], str]:
    post = Post(title, "Body.\n", "blog.xml, item 3", published)
    settings = {"week_start": "monday", "cutoff_day": "tuesday", **options}
    result = date_post(post, **settings)
    return list(result.ids), result.how


# -- body dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "day"),
    [
        ("Week commencing Monday, 1 January 2024\n\nHello.\n", date(2024, 1, 1)),
        ("My week of Monday 3 to Sunday 9 May 2021.\n", date(2021, 5, 3)),
        ("Notes.\n\nw/c 3 June 2024: the launch\n", date(2024, 6, 3)),
        ("The week of 28 December to 3 January 2021 was quiet.\n", date(2020, 12, 28)),
        ("Week beginning the 2nd of September, 2019\n", date(2019, 9, 2)),
        ("Nothing dated here, though 2024 was a year.\n", None),
        ("w/c 3 June: no year, so no date\n", None),
        ("A long top.\n" + "x" * 1000 + "\nw/c 3 June 2024\n", None),  # not near the top
    ],
)
def test_body_date(body: str, day: date | None) -> None:
    assert body_date(body) == day


# -- date_post --------------------------------------------------------------------------------


def test_title_alone() -> None:
    assert dated("Weeknotes 2024 W19: AI slop") == (["2024-W19"], BY_TITLE)


def test_title_and_date_agree() -> None:
    # Monday 13 May 2024, before the Tuesday cut-off: last week, 2024-W19
    assert dated("Weeknotes 2024 W19: AI slop", date(2024, 5, 13)) == (["2024-W19"], AGREE)


def test_title_wins_when_they_disagree() -> None:
    assert dated("Week 19, 2024", date(2024, 6, 20)) == (["2024-W19"], DISAGREE)


def test_a_fortnight_agrees_with_its_last_week() -> None:
    assert dated("w/c 4 and 11 March 2024", date(2024, 3, 18)) == (
        ["2024-W10", "2024-W11"],
        AGREE,
    )


@pytest.mark.parametrize(
    ("published", "week"),
    [
        (date(2024, 5, 13), "2024-W19"),  # Monday: up to the cut-off, the week before
        (date(2024, 5, 14), "2024-W19"),  # Tuesday, the cut-off day itself
        (date(2024, 5, 15), "2024-W20"),  # Wednesday: that week
        (date(2024, 5, 19), "2024-W20"),  # Sunday
    ],
)
def test_published_date_up_to_the_cutoff_is_the_week_before(published: date, week: str) -> None:
    assert dated("Some thoughts on the week", published) == ([week], BY_DATE)


def test_the_cutoff_day_is_configurable() -> None:
    assert dated("Notes", date(2024, 5, 13), cutoff_day="monday") == (["2024-W19"], BY_DATE)
    assert dated("Notes", date(2024, 5, 14), cutoff_day="monday") == (["2024-W20"], BY_DATE)


def test_sunday_weeks_by_date() -> None:
    # Sunday 12 May 2024 starts 2024-W20 for Sunday weeks; up to Tuesday it is the week before
    assert dated("Notes", date(2024, 5, 12), week_start="sunday") == (["2024-W19"], BY_DATE)
    assert dated("Notes", date(2024, 5, 16), week_start="sunday") == (["2024-W20"], BY_DATE)


@pytest.mark.parametrize(
    ("title", "published", "ids"),
    [
        ("Weeknote w/c 30 December", date(2025, 1, 3), ["2025-W01"]),  # 30 Dec 2024
        ("Weeknote w/c 30 December", date(2024, 12, 31), ["2025-W01"]),
        ("w/c 1 January", date(2024, 1, 8), ["2024-W01"]),
        ("Weeknote w/c 15 July", date(2024, 7, 22), ["2024-W29"]),
        ("w/c 15 July", date(2025, 2, 1), ["2024-W29"]),  # published late: still the year before
        ("w/c 30 December and 6 January", date(2020, 1, 13), ["2020-W01", "2020-W02"]),
        ("w/e 7 June", date(2024, 6, 6), ["2024-W23"]),  # published a day early
    ],
)
def test_a_day_without_a_year_goes_nearest_before_the_published_date(
    title: str, published: date, ids: list[str]
) -> None:
    assert dated(title, published)[0] == ids


def test_numbered_series_by_published_date_keep_their_number() -> None:
    post = Post("Weeknote #42: spring", "Body.\n", "feed.xml, item 1", date(2024, 5, 15))
    result = date_post(post, week_start="monday", cutoff_day="tuesday")
    assert (result.ids, result.how, result.number) == (("2024-W20",), BY_DATE, 42)


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("Some thoughts", "names no week and has no published date"),
        ("Weeknote #42", "is numbered, not dated, and has no published date"),
        ("w/c 15 July", "gives no year and the post has no published date"),
    ],
)
def test_no_week_and_no_date_is_refused_with_a_hint(title: str, words: str) -> None:
    with pytest.raises(ImportFailure) as caught:
        dated(title)
    message = caught.value.message
    assert message.startswith(f'blog.xml, item 3: "{title}" {words}')
    assert "front matter" in message and "\n" not in message


def test_an_impossible_title_week_is_refused_naming_it() -> None:
    with pytest.raises(ImportFailure) as caught:
        dated("2019.53 Christmas", date(2019, 12, 30))
    assert caught.value.message.startswith(
        'blog.xml, item 3: "2019.53 Christmas" names week 53 of 2019, which has only 52 weeks'
    )


def test_more_than_five_weeks_is_refused() -> None:
    with pytest.raises(ImportFailure, match="would cover 6 weeks; a note covers 1 to 5"):
        dated("2024.10-15: a long one")


def test_a_day_that_does_not_exist_is_refused() -> None:
    with pytest.raises(ImportFailure, match="names a day that does not exist"):
        dated("w/c 29 February 2023")


# -- the plain-text archive -------------------------------------------------------------------


def read(notes: list[tuple[str, str]], **options: object) -> list[tuple[tuple[str, ...], str]]:
    result = read_text(archive.join(notes), **options)
    return [(note.ids, note.how) for note in result.notes]


def read_text(text: str, **options: object) -> ArchiveDating:
    settings: dict[str, object] = {"today": TODAY, "year": None, "week_start": "monday"}
    return read_archive_text(text, "a.txt", **{**settings, **options})  # type: ignore[arg-type]


def test_archive_posts_keep_title_body_and_line() -> None:
    notes = [("Weeknote w/c 15 July 2019: a", "Para.\n\n  • one\n"), ("2019.28 b", "Two.\n")]
    result = read_text(archive.join(notes))
    assert [(n.post.title, n.post.body, n.post.origin) for n in result.notes] == [
        ("Weeknote w/c 15 July 2019: a", "Para.\n\n  • one\n", "a.txt, line 1"),
        ("2019.28 b", "Two.\n", "a.txt, line 7"),
    ]
    assert [n.how for n in result.notes] == [BY_TITLE, BY_TITLE]


def test_calendar_dated_notes_are_by_archive() -> None:
    notes = [("w/c 15 July: a", "See /2019/07/.\n"), ("w/c 8 July: b", "x\n")]
    assert read(notes) == [(("2019-W29",), BY_ARCHIVE), (("2019-W28",), BY_ARCHIVE)]


def test_new_title_forms_split_an_archive() -> None:
    notes = [
        ("Weeknotes: Dizzy \u2014 Week 19, 2024", "x\n"),
        ("## 2024.18", "x\n"),
        ("KW 17 / 2024", "x\n"),
        ("Busy days (w/c 15 April 2024)", "x\n"),
    ]
    assert [ids for ids, _ in read(notes)] == [
        ("2024-W19",),
        ("2024-W18",),
        ("2024-W17",),
        ("2024-W16",),
    ]


def test_a_heading_title_loses_its_marks() -> None:
    result = read_text("## 2024.19\n\nBody.\n")
    assert result.notes[0].post.title == "2024.19"


def test_numbered_archive_by_body_dates() -> None:
    notes = [
        ("Weeknote #43: later", "Week commencing Monday, 8 January 2024\n\nMore.\n"),
        ("Weeknote #42: first", "My week of Monday 1 to Sunday 7 January 2024.\n"),
    ]
    result = read_text(archive.join(notes))
    assert [(n.ids, n.how, n.number) for n in result.notes] == [
        (("2024-W02",), BY_BODY, 43),
        (("2024-W01",), BY_BODY, 42),
    ]
    assert "bodies" in result.reason


def test_numbered_archive_by_anchor() -> None:
    notes = [("Weeknote #52: c", "x\n"), ("Weeknote #51: b", "x\n"), ("Week 50: a", "x\n")]
    anchors = dict([parse_anchor("50=2024-W01")])
    assert read(notes, anchors=anchors) == [
        (("2024-W03",), BY_ANCHOR),
        (("2024-W02",), BY_ANCHOR),
        (("2024-W01",), BY_ANCHOR),
    ]


def test_the_nearest_anchor_counts() -> None:
    # the series skipped a week between 51 and 52: a second anchor sets the rest right
    notes = [("Weeknote #52: c", "x\n"), ("Weeknote #51: b", "x\n")]
    anchors = dict([parse_anchor("50=2024-W01"), parse_anchor("52=2024-W04")])
    assert [ids for ids, _ in read(notes, anchors=anchors)] == [("2024-W04",), ("2024-W02",)]


def test_a_body_date_beats_an_anchor_and_mixed_archives_date_both() -> None:
    notes = [
        ("Weeknote #2: b", "w/c 15 January 2024\n"),
        ("Weeknote #1: a", "x\n"),
        ("2023.52 before the series", "x\n"),
    ]
    assert read(notes, anchors={1: Week(2024, 1)}) == [
        (("2024-W03",), BY_BODY),
        (("2024-W01",), BY_ANCHOR),
        (("2023-W52",), BY_TITLE),
    ]


def test_numbered_without_date_or_anchor_is_refused_with_the_hint() -> None:
    text = archive.join([("Weeknote #43: b", "x\n"), ("Weeknote #42", "x\n")])
    with pytest.raises(ImportFailure) as caught:
        read_text(text)
    assert caught.value.message.startswith(
        'a.txt, line 1: "Weeknote #43: b" is numbered, not dated: add --anchor 43=YYYY-Www ('
    )


@pytest.mark.parametrize("bad", ["50", "50=", "fifty=2024-W01", "50=2024-W60", "50:2024-W01"])
def test_malformed_anchors_are_usage_errors(bad: str) -> None:
    with pytest.raises(UsageError, match="--anchor"):
        parse_anchor(bad)


def test_parse_anchor() -> None:
    assert parse_anchor("50=2024-W01") == (50, Week(2024, 1))
    assert parse_anchor(" #7 = 2019-W30 ", "sunday") == (7, Week(2019, 30, True))


UNREAD = "Weeknote w/c 8 Jully: a typo"


def test_an_unread_title_line_is_refused_with_its_line() -> None:
    text = archive.join([("Weeknote w/c 15 July 2019: a", "Para.\n"), (UNREAD, "Para.\n")])
    with pytest.raises(ImportFailure) as caught:
        read_text(text)
    message = caught.value.message
    assert message.startswith(f'a.txt, line 5: "{UNREAD}" looks like a title but names no week')
    assert "--lenient" in message and "\n" not in message


def test_lenient_keeps_an_unread_title_line_in_the_note_above_and_warns() -> None:
    text = archive.join([("Weeknote w/c 15 July 2019: a", "Para.\n"), (UNREAD, "Para.\n")])
    result = read_text(text, lenient=True)
    assert len(result.notes) == 1
    assert result.notes[0].post.body == f"Para.\n\n{UNREAD}\n\nPara.\n"
    assert result.warnings == [
        f'a.txt, line 5: "{UNREAD}" looks like a title but names no week weeknote can read, '
        "so it is kept as text of the note above"
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Weeknote: a title without a date",
        "Week of the launch: busy",
        "## Week 3 of the project",
        "2019.7 x",
    ],
)
def test_title_shaped_lines_are_caught(line: str) -> None:
    text = archive.join([("2019.30 a", "x\n"), (line, "x\n")])
    with pytest.raises(ImportFailure, match=r"line 5: .* looks like a title"):
        read_text(text)


@pytest.mark.parametrize(
    "line",
    [
        "w/c 4 March was busy",
        "Weeknotes are a habit worth keeping.",
        "We met (w/c 3 June) to plan it.",
        "## This week",
        "(I'm taking a break this week, so my next weeknote will arrive in w/c 2 March)",
    ],
)
def test_prose_that_mentions_weeks_stays_in_its_note(line: str) -> None:
    text = archive.join([("2019.30 a", f"Before.\n\n{line}\n\nAfter.\n")])
    result = read_text(text)
    assert len(result.notes) == 1 and line in result.notes[0].post.body
    assert result.warnings == []


def test_an_impossible_week_line_is_refused_saying_so() -> None:
    text = archive.join([("2019.52 a", "x\n"), ("2019.53 b", "x\n")])
    with pytest.raises(ImportFailure) as caught:
        read_text(text)
    assert caught.value.message.startswith(
        'a.txt, line 5: "2019.53 b" names week 53 of 2019, which has only 52 weeks'
    )


def test_titles_without_a_year_or_a_wc_date_need_year() -> None:
    notes = [("w/e 14 June: b", "In 2024.\n"), ("w/e 7 June: a", "x\n")]
    with pytest.raises(ImportFailure, match="no w/c date to tell one by: pass --year"):
        read(notes)
    assert read(notes, year=2024) == [(("2024-W24",), BY_ARCHIVE), (("2024-W23",), BY_ARCHIVE)]


@needs_real_archives
def test_real_archives_read_without_warnings() -> None:
    for path in REAL_ARCHIVES:
        result = read_text(path.read_text(encoding="utf-8"))
        assert result.warnings == [] and result.notes
        assert all(note.how == BY_ARCHIVE for note in result.notes)
