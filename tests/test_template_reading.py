"""The template is read with str methods on the capture path; they find exactly what the
regular expressions a template is described by would find."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from weeknote.writing.template import _is_placeholder_name, _placeholders_in, is_template_name

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")
PLACEHOLDER_NAME = re.compile(r"[a-z_]+|bullets:[a-z][a-z0-9_-]*")
TEMPLATE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")

# lines made mostly of the characters that matter, so braces meet often
LINES = st.text(alphabet=st.sampled_from("{}{}ab: _-.\t\u00e9"), max_size=40)
NAMES = st.one_of(
    st.text(alphabet=st.sampled_from("abz_:-09AZ.é \n"), max_size=12),
    st.builds(lambda rest: "bullets:" + rest, st.text(alphabet="ab0_-:Z.", max_size=8)),
)


@given(LINES)
def test_placeholders_are_found_as_the_pattern_finds_them(line: str) -> None:
    assert _placeholders_in(line) == [m.group(1) for m in PLACEHOLDER.finditer(line)]


@given(NAMES)
def test_placeholder_names_are_checked_as_the_pattern_checks_them(raw: str) -> None:
    assert _is_placeholder_name(raw) == bool(PLACEHOLDER_NAME.fullmatch(raw))


@given(NAMES)
def test_template_names_are_checked_as_the_pattern_checks_them(name: str) -> None:
    assert is_template_name(name) == bool(TEMPLATE_NAME.fullmatch(name))


def test_the_edges_the_patterns_agree_on() -> None:
    assert _placeholders_in("{{{ x }}}") == [m.group(1) for m in PLACEHOLDER.finditer("{{{ x }}}")]
    assert _placeholders_in("{{a}} {{ b }}{{") == ["a", " b "]
    assert _placeholders_in("{{}}") == [""]
    assert not is_template_name("") and not is_template_name("-x") and is_template_name("wk.2")
    assert not is_template_name("é") and not is_template_name("a\n")
    assert _is_placeholder_name("bullets:a-1") and not _is_placeholder_name("bullets:")
