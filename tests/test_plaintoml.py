"""The plain-TOML reader gives what tomllib gives, or leaves the text to tomllib."""

from __future__ import annotations

import tomllib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from weeknote.folder import plaintoml
from weeknote.folder.config import default_file_text

KEYS = st.sampled_from(["dir", "editor", "git", "git.autocommit", "a-b_c", "x.y.z", "weird key"])
VALUES = st.sampled_from(
    [
        '"plain"',
        '"with # hash"',
        '"C:\\\\Users"',
        '"quote \\" inside"',
        "'literal \\ backslash'",
        "''",
        '""',
        "true",
        "false",
        "True",
        "0",
        "-3",
        "+7",
        "012",
        "1_000",
        "3.5",
        "[1, 2]",
        "{ a = 1 }",
        "2026-11-20",
        '"café ☕"',
        '"tab\there"',
        '["weeknote", "week N"]',
        "['it''s']",
        "[ 'a' , \"b\" , ]",
        '["a" "b"]',
        '["a",, "b"]',
        "[,]",
        "[]",
        '["it\'s", \'say "hi"\']',
        '["esc\\"x"]',
        '[["nested"]]',
        '["a", 1]',
    ]
)
LINES = st.one_of(
    st.builds(lambda k, v, c: f"{k} = {v}{c}", KEYS, VALUES, st.sampled_from(["", " # note", "#"])),
    st.builds(lambda k, v: f"{k}={v}", KEYS, VALUES),
    st.sampled_from(
        ["", "# a comment", "  # indented", "[git]", "[export]", "[ git ]", "[git.sub]", "\t", "x"]
    ),
)


@settings(max_examples=600)
@given(st.lists(LINES, max_size=8), st.sampled_from(["\n", "\r\n"]))
def test_a_plain_text_reads_as_tomllib_reads_it(lines: list[str], end: str) -> None:
    text = end.join(lines)
    plain = plaintoml.loads(text)
    if plain is None:
        return  # left to tomllib, whatever it makes of it
    assert plain == tomllib.loads(text)


def test_the_config_init_writes_is_plain() -> None:
    text = (
        "# weeknote configuration: every key is optional.\n\n"
        '# the notes folder\ndir = "/home/me/notes"\n\nweek_start = "monday"\n'
        'editor = ""\ngit.autocommit = false\ngit.remote = ""\n'
    )
    assert plaintoml.loads(text) == tomllib.loads(text)
    assert plaintoml.loads(text) is not None
    assert plaintoml.loads("[git]\nautocommit = true\n") == {"git": {"autocommit": True}}
    written = default_file_text(Path("/home/me/notes"))
    assert plaintoml.loads(written) is not None
    assert plaintoml.loads(written) == tomllib.loads(written)


def test_anything_else_is_left_to_tomllib() -> None:
    for text in ['dir = "a\\tb"', "x = [1]", "a = 1\na = 2", "[git]\n[git]", "a.b = 1\n[a]"]:
        assert plaintoml.loads(text) is None
