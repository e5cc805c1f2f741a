from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from weeknote.errors import NoteError
from weeknote.folder.note import Note, default_title, find_tags, parse, serialise
from weeknote.weeks.week import Week

week_ids = st.builds(lambda y, w: f"{y}-W{w:02d}", st.integers(1990, 2060), st.integers(1, 52))
texts = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300)
bodies = st.lists(st.one_of(texts, st.just("+++"), st.just(""), st.just("+++\r")), max_size=8).map(
    "\n".join
)


@given(week_ids, texts, bodies, st.lists(st.from_regex(r"[a-z]{1,8}", fullmatch=True), max_size=3))
def test_parse_inverts_serialise(week: str, title: str, body: str, tags: list[str]) -> None:
    note = Note(week, (week,), title, Week.from_id(week).start, body, tuple(tags))
    assert parse(serialise(note), "x.md") == note


def test_front_matter_is_toml_between_plus_lines() -> None:
    note = Note(
        "2026-W47",
        ("2026-W46", "2026-W47"),
        "Weeknote w/c 9 and 16 November",
        date(2026, 11, 9),
        "- alpha\n",
    )
    text = serialise(note)
    assert text.startswith("+++\n")
    assert 'week = "2026-W47"' in text
    assert "date = 2026-11-09" in text
    assert text.endswith("+++\n\n- alpha\n")


def test_a_hand_written_note_takes_its_week_from_the_file_name() -> None:
    note = parse("# My week\n\nDid things.\n", "2026-W10.md", "2026-W10")
    assert note.week == "2026-W10" and note.weeks == ("2026-W10",)
    assert note.title == "My week"
    assert note.date == date(2026, 3, 2)


def test_unknown_front_matter_keys_are_kept() -> None:
    text = '+++\ntitle = "T"\nweek = "2026-W47"\ndraft = true\n+++\n\nbody\n'
    note = parse(text, "n.md")
    assert note.extra == {"draft": True}
    assert "draft = true" in serialise(note)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('+++\ntitle = "T"\n', "never closed"),
        ('+++\ntitle = "T\n+++\n', "line 2"),
        ('+++\nweek = "2026-W60"\n+++\n', "2026 has 53 ISO weeks"),
        ("+++\nweek = 47\n+++\n", "'week' must be a week id"),
        ('+++\nweek = "2026-W47"\ndate = "soon"\n+++\n', "'date' must be a date"),
        ('+++\nweek = "2026-W47"\ntags = "x"\n+++\n', "'tags' must be a list"),
    ],
)
def test_broken_front_matter_names_file_and_problem(text: str, fragment: str) -> None:
    with pytest.raises(NoteError) as caught:
        parse(text, "notes/2026-W47.md")
    assert "notes/2026-W47.md" in caught.value.message
    assert fragment in caught.value.message


def test_titles_as_writers_write_them() -> None:
    w = Week.from_id
    assert default_title([w("2026-W47")]) == "Weeknote w/c 16 November"
    assert default_title([w("2019-W10"), w("2019-W11")]) == "Weeknote w/c 4 and 11 March"
    assert default_title([w("2026-W44"), w("2026-W45")]) == "Weeknote w/c 26 October and 2 November"
    assert default_title([w("2019-W30")], "yearweek", "Robots") == "2019.30: Robots"
    assert default_title([w("2026-W46"), w("2026-W47")], "yearweek") == "2026.46-47"


def test_tags_skip_headings_and_links() -> None:
    body = "## Heading\n- Met #waste-team about #bins\nSee https://x.org/#anchor and C#\n"
    assert find_tags(body) == ["waste-team", "bins"]


def test_archive_join_is_title_blank_body_blank() -> None:
    from weeknote.text.archive import join

    text = join([("Weeknote w/c 8 July: b", "Second.\n"), ("Weeknote w/c 1 July: a", "First.")])
    assert text == "Weeknote w/c 8 July: b\n\nSecond.\n\nWeeknote w/c 1 July: a\n\nFirst.\n"
