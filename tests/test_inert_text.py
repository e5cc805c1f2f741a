"""Text from outside stays inert: what an import brings in holds no control characters,
nothing printed acts on a terminal or splits a record, no page, feed or message carries a
control character; and a closed or broken stdout or stderr is never a traceback."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import Run, bullets_text

# Anything a terminal would act on, or a record would split at: C0 controls (tab and
# newline aside: checked where a line must stay one), DEL, C1 controls, the line and
# paragraph separators and the bidi controls.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# What no note an import writes, and no page, feed or message, may hold.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
CODER = "\U0001f469\u200d\U0001f4bb"  # woman technologist: an emoji made with a joiner
BIDI = "\u202e"

# A note written by hand, as hostile as a file can be: its title clears the screen, sets
# the window's title, turns the text red, reverses it, holds a NUL and a C1 CSI, and a CR
# LF that would start a new line (a "Bcc:" in a header); its tags and body are no better.
HOSTILE_TITLE = (
    "Weeknote \x1b[2J\x1b]0;PWNED\x07\x1b[31m \u202eevil\u202c\r\nBcc: eve@example.org "
    f"\x00 \x9b31m {CODER}"
)
HOSTILE_BODY = (
    "Bins \x1b]52;c;cHduZWQ=\x07 day: clipboard; NUL \x00; DEL \x7f; C1 \x9b; "
    f"bidi {BIDI}; tab\tin; #bins {CODER}\r\n\nA second paragraph.\n"
)


def hostile_note(notes: Path) -> Path:
    from weeknote.folder.note import Note, serialise
    from weeknote.weeks.week import Week

    note = Note(
        "2026-W47",
        ("2026-W47",),
        HOSTILE_TITLE,
        Week.from_id("2026-W47").start,
        HOSTILE_BODY,
        tags=("tagged\x1b[31m", "tab\there"),
    )
    path = notes / "2026-W47.md"
    path.write_text(serialise(note), encoding="utf-8")
    return path


@pytest.fixture
def hostile(notes_dir: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The hostile note, and a drafted bullet of the week before that is no better."""
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-20")
    path = hostile_note(notes_dir)
    captured = run("bullet", "-d", "2026-11-11", f"drafted \x1b[31mred\x1b[0m {BIDI}x {CODER}")
    assert captured.exit_code == 0, captured.stderr
    return path


def inert(text: str) -> None:
    """Nothing in ``text`` acts on a terminal; the emoji and its joiner are still there."""
    assert not RAW.search(text), repr(RAW.search(text))


# -- imports ----------------------------------------------------------------------------------


FEED = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Hostile</title>
  <id>https://h.example.net/</id>
  <updated>2024-05-20T08:00:00Z</updated>
  <entry>
    <title>Weeknote w/c 6 May &#x1b;[2J&#x1b;]0;PWNED&#x7;&#x1b;[31m {BIDI}evil {CODER}</title>
    <id>urn:one</id>
    <published>2024-05-12T07:30:00Z</published>
    <updated>2024-05-12T07:30:00Z</updated>
    <category term="bins&#x1b;[31m"/>
    <content type="text">Clip &#x1b;]52;c;cHduZWQ=&#x7; board; NUL &#x0; here; DEL \x7f; CR&#xd;LF;
tab&#x9;in; {CODER}</content>
  </entry>
</feed>
"""

POST = (
    "---\n"
    'title: "Weeknotes 2024 W21: \\e]52;c;cHduZWQ=\\a clip\\r\\nBcc: eve \\0 \\x9b31m '
    f'{CODER}"\n'
    'tags: ["bins\\e[31m", "tab\\tthen"]\n'
    "---\n\n"
    f"The week \x1b[2Jcleared; a bell \x07; DEL \x7f; CR\rLF\r\n; tab\tkept; {BIDI}; {CODER}\n"
)


def test_imported_posts_keep_no_control_characters(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    """From a feed and from a folder of Markdown posts: titles, tags and bodies lose every
    control character (tab and newline aside in a body), the emoji and its joiner stay."""
    feed = tmp_path / "feed.xml"
    feed.write_text(FEED, encoding="utf-8")
    posts = tmp_path / "site" / "_posts"
    posts.mkdir(parents=True)
    (posts / "2024-05-24-weeknotes-2024-w21.md").write_text(POST, encoding="utf-8")
    result = run("import", "--all", str(feed), str(tmp_path / "site"))
    assert result.exit_code == 0, result.stderr
    inert(result.stdout + result.stderr)
    assert len(result.stdout.splitlines()) == 2  # a row a note, whatever the titles hold

    from weeknote.folder.store import Store

    store = Store(notes_dir)
    notes = {note.week: note for note in map(store.load_note, sorted(notes_dir.glob("*.md")))}
    assert sorted(notes) == ["2024-W19", "2024-W21"]
    for note in notes.values():
        for text in (note.title, *note.tags):
            assert not CONTROL.search(text) and "\n" not in text and "\t" not in text, text
        assert not CONTROL.search(note.body), note.body
        assert CODER in note.title and CODER in note.body
    assert notes["2024-W19"].title == f"Weeknote w/c 6 May [2J]0;PWNED[31m {BIDI}evil {CODER}"
    clip = "]52;c;cHduZWQ= clip"
    assert notes["2024-W21"].title == f"Weeknotes 2024 W21: {clip} Bcc: eve 31m {CODER}"
    assert notes["2024-W21"].tags == ("bins[31m", "tab then")
    assert "tab\tkept" in notes["2024-W21"].body and "CRLF\n;" in notes["2024-W21"].body
    for path in notes_dir.glob("*.md"):  # the files themselves
        assert not CONTROL.search(path.read_text(encoding="utf-8").replace("\t", " "))


def test_jrnl_entries_keep_no_control_characters(run: Run, notes_dir: Path, tmp_path: Path) -> None:
    journal = tmp_path / "journal.json"
    entry = {
        "title": "Fixed the \x1b[2Jbins\x07",
        "body": "Called \x1b]52;c;eA==\x07 them.\r\nTwice\x00.",
        "date": "2026-11-18",
        "time": "09:15",
        "tags": ["@bins\x1b[31m"],
        "starred": False,
    }
    journal.write_text(json.dumps({"tags": {}, "entries": [entry]}), encoding="utf-8")
    result = run("import", str(journal))
    assert result.exit_code == 0, result.stderr
    drafted = bullets_text(notes_dir / "drafts" / "2026-11-18.md")
    assert not CONTROL.search(drafted) and "Fixed the [2Jbins" in drafted
    assert "Called ]52;c;eA== them." in drafted and "Twice." in drafted


# -- what is printed ----------------------------------------------------------------------------


def _rows(stdout: str, fields: int) -> list[list[str]]:
    rows = [line.split("\t") for line in stdout.splitlines()]
    assert all(len(row) == fields for row in rows), rows
    return rows


@pytest.mark.usefixtures("hostile")
def test_piped_rows_are_one_record_a_line_with_everything_escaped(run: Run) -> None:
    listed = run("list")
    assert listed.exit_code == 0, listed.stderr
    inert(listed.stdout)
    [row] = _rows(listed.stdout, 4)
    assert row[2] == (
        "Weeknote \\x1b[2J\\x1b]0;PWNED\\x07\\x1b[31m \\u202eevil\\u202c\\r\\nBcc: "
        f"eve@example.org \\x00 \\x9b31m {CODER}"
    )
    tags = run("tags")
    inert(tags.stdout)
    assert sorted(row[0] for row in _rows(tags.stdout, 3)) == [
        "#bins",
        "#tab\\there",
        "#tagged\\x1b[31m",
    ]
    found = run("search", "bins")
    assert found.exit_code == 0, found.stderr
    inert(found.stdout + found.stderr)
    [line] = found.stdout.splitlines()  # as grep -n: file, line number, the line
    assert line.startswith("2026-W47.md:") and "tab\\tin" in line and CODER in line
    assert "clipboard; NUL \\x00; DEL \\x7f; C1 \\x9b; bidi \\u202e" in line
    status = run("status")
    inert(status.stdout)
    [note_line] = [line for line in status.stdout.splitlines() if line.startswith("Note: ")]
    assert "\\r\\nBcc: eve@example.org" in note_line and CODER in note_line
    drafted = run("show", "2026-W46")  # drafted bullets: lines, escaped
    inert(drafted.stdout)
    assert f"drafted \\x1b[31mred\\x1b[0m \\u202ex {CODER}" in drafted.stdout


@pytest.mark.usefixtures("hostile", "terminal")
def test_a_terminal_is_shown_every_control_character_escaped(run: Run) -> None:
    for args in (
        ("list",),
        ("tags",),
        ("search", "bins"),
        ("search", "drafted"),
        ("status",),
        ("show", "2026-W47"),
        ("show", "2026-W46"),
        ("streak",),
        ("export", "-f", "md"),
        ("export", "-f", "text"),
    ):
        result = run(*args)
        assert result.exit_code == 0, (args, result.stderr)
        inert(result.stdout + result.stderr)
        assert CODER in result.stdout or args[0] in ("streak", "tags"), args
    shown = run("show", "2026-W47").stdout
    assert "\\x1b]0;PWNED\\x07" in shown and "\\x1b]52;c;cHduZWQ=\\x07" in shown
    listed = run("list").stdout
    assert "\\x1b[2J" in listed and "\\r\\nBcc" in listed


@pytest.mark.usefixtures("hostile")
@pytest.mark.parametrize("args", [("list",), ("tags",), ("status",), ("search", "bins")])
def test_json_stays_valid_with_the_text_escaped_as_json_escapes_it(
    run: Run, terminal: object, args: tuple[str, ...]
) -> None:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    inert(result.stdout)
    document = json.loads(result.stdout)
    if args[0] == "list":
        assert document["notes"][0]["title"] == HOSTILE_TITLE  # the same text, escaped
    if args[0] == "search":
        assert document["results"][0]["lines"][0]["text"] == HOSTILE_BODY.split("\r\n")[0]
    if args[0] == "tags":
        assert "tagged\x1b[31m" in [each["tag"] for each in document["tags"]]
    assert CODER in result.stdout or args[0] == "tags"


def test_a_bidi_control_in_json_is_a_json_escape(run: Run, notes_dir: Path) -> None:
    from conftest import write_note

    write_note(notes_dir, "2026-W47", title=f"Plain {BIDI}reversed\u2066 and \x85 and \x7f")
    result = run("list", "--json")
    assert '"Plain \\u202ereversed\\u2066 and \\u0085 and \\u007f"' in result.stdout
    assert json.loads(result.stdout)["notes"][0]["title"] == (
        f"Plain {BIDI}reversed\u2066 and \x85 and \x7f"
    )


def test_a_note_that_needs_no_escaping_is_printed_as_it_is(run: Run, notes_dir: Path) -> None:
    from conftest import write_note

    title = f"Tea & tabs: naïve café, 日本語, עברית and {CODER}"
    write_note(notes_dir, "2026-W47", f"Text\twith a tab.\n{CODER}\n", title=title)
    assert run("list").stdout.split("\t")[2] == title
    assert run("show", "2026-W47").stdout == (notes_dir / "2026-W47.md").read_text()


def test_layout_shown_escapes_and_leaves_alone() -> None:
    from weeknote.text.layout import shown

    plain = f"Plain text, naïve, {CODER}, \\x1b written out"
    assert shown(plain) is plain and shown(plain, lines=True) is plain
    assert shown("a\tb\nc\rd\x1be\x00f\x7fg\x9bh\u202ei\u2069j") == (
        "a\\tb\\nc\\rd\\x1be\\x00f\\x7fg\\x9bh\\u202ei\\u2069j"
    )
    assert shown("a\tb\nc\x1b", lines=True) == "a\tb\nc\\x1b"
    assert shown(shown("\x1b\n")) == "\\x1b\\n"  # escaping twice changes nothing


@given(st.text())
def test_nothing_printed_holds_a_control_and_nothing_else_changes(text: str) -> None:
    from weeknote.text.layout import shown

    line, lines = shown(text), shown(text, lines=True)
    assert not RAW.search(line) and "\n" not in line and "\t" not in line
    assert not RAW.search(lines) and lines.count("\n") == text.count("\n")
    if not RAW.search(text):
        assert lines == text
        if "\n" not in text and "\t" not in text:
            assert line == text


@given(st.text())
def test_text_from_outside_keeps_no_control(text: str) -> None:
    from weeknote.folder.note import without_controls

    body, title = without_controls(text), without_controls(text, line=True)
    assert not CONTROL.search(body) and not CONTROL.search(title)
    assert "\n" not in title and "\t" not in title
    if not CONTROL.search(text):
        assert body == text


# -- pages, feeds and mail --------------------------------------------------------------------


@pytest.mark.usefixtures("hostile")
def test_pages_feeds_and_messages_carry_no_control_characters(run: Run, tmp_path: Path) -> None:
    run("config", "email.from", "ann@example.org")
    written = []
    for name in ("site", "email", "hugo"):
        result = run("export", "-f", name, "-o", str(tmp_path / name))
        assert result.exit_code == 0, result.stderr
        written += [path for path in (tmp_path / name).rglob("*") if path.is_file()]
    for name in ("html", "md", "text"):
        result = run("export", "-f", name, "-o", str(tmp_path / f"one.{name}"))
        assert result.exit_code == 0, result.stderr
        written.append(tmp_path / f"one.{name}")
    for path in written:
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\t", " ")
        assert not CONTROL.search(text), (path, CONTROL.search(text))
    page = (tmp_path / "site" / "2026-W47.html").read_text(encoding="utf-8")
    assert CODER in page and "<title>Weeknote [2J]0;PWNED[31m" in page
    assert "PWNED[31m \u202eevil\u202c Bcc: eve@example.org" in page  # one line
    assert not feedparser.parse((tmp_path / "site" / "feed.xml").read_bytes()).bozo


# -- closed and broken streams --------------------------------------------------------------------


def _weeknote(*args: str) -> list[str]:
    return [sys.executable, "-m", "weeknote", *args]


def _with_redirect(redirect: str, *args: str) -> subprocess.CompletedProcess[str]:
    """weeknote run by sh with ``redirect`` (``>&-``: stdout closed, ``1</dev/null``: a
    stdout that refuses writes), exactly as a person's shell would start it."""
    return subprocess.run(
        ["sh", "-c", f'exec "$@" {redirect}', "sh", *_weeknote(*args)],
        capture_output=True,
        text=True,
    )


def _into_a_gone_reader(*args: str, stream: str = "stdout") -> subprocess.CompletedProcess[str]:
    """weeknote writing stdout (or stderr) into a pipe whose reader has gone: every write
    to it fails with EPIPE, as it does once `head -1` has its line."""
    read, write = os.pipe()
    os.close(read)
    try:
        if stream == "stdout":
            return subprocess.run(_weeknote(*args), stdout=write, stderr=subprocess.PIPE, text=True)
        return subprocess.run(_weeknote(*args), stdout=subprocess.PIPE, stderr=write, text=True)
    finally:
        os.close(write)


PRINTING = [
    ("--version",),
    ("--help",),
    ("list", "--help"),
    ("list",),
    ("list", "--json"),
    ("export", "-f", "json"),
    ("export", "-f", "md"),
    ("show", "2026-W47"),
    ("status",),
    ("status", "--json"),
    ("search", "bins"),
    ("search", "bins", "--json"),
    ("tags",),
    ("streak",),
    ("config",),
]


@pytest.fixture
def folder(notes_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from conftest import write_note

    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-20")
    write_note(notes_dir, "2026-W46", "Met the #bins team.\n")
    write_note(notes_dir, "2026-W47", "More #bins.\n")
    return notes_dir


@pytest.mark.usefixtures("folder")
@pytest.mark.parametrize("redirect", [">&-", "1</dev/null"])
@pytest.mark.parametrize("args", PRINTING, ids=" ".join)
def test_a_stdout_that_cannot_be_written_is_one_line_and_status_1(
    args: tuple[str, ...], redirect: str
) -> None:
    result = _with_redirect(redirect, *args)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("Error: cannot write to standard output (")
    assert result.stderr.count("\n") == 1, result.stderr


@pytest.mark.usefixtures("folder")
@pytest.mark.parametrize("args", PRINTING, ids=" ".join)
def test_a_reader_that_went_away_is_silence_and_status_0(args: tuple[str, ...]) -> None:
    result = _into_a_gone_reader(*args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "Error" not in result.stderr
    assert "Broken pipe" not in result.stderr and "Exception ignored" not in result.stderr


@pytest.mark.parametrize("stream", ["stdout", "stderr"])
@pytest.mark.parametrize("args", [("bullet", "Met the team"), ("bullet", "-")])
def test_a_capture_does_its_work_whatever_its_streams_are(
    notes_dir: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], stream: str
) -> None:
    """The short path of `bullet` (which prints only to stderr): a closed stream or a
    reader that went away leaves the bullet captured and the status 0."""
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-11-20")
    draft = notes_dir / "drafts" / "2026-11-20.md"
    shell = ">&-" if stream == "stdout" else "2>&-"
    closed = subprocess.run(
        ["sh", "-c", f'exec "$@" {shell}', "sh", *_weeknote(*args)],
        input="Met the team\n",
        capture_output=True,
        text=True,
    )
    assert closed.returncode == 0, closed.stderr
    assert "Traceback" not in closed.stderr
    read, write = os.pipe()
    os.close(read)
    try:
        gone = subprocess.run(
            _weeknote(*args),
            input="Met the team\n",
            text=True,
            stdout=write if stream == "stdout" else subprocess.PIPE,
            stderr=write if stream == "stderr" else subprocess.PIPE,
        )
    finally:
        os.close(write)
    assert gone.returncode == 0
    assert bullets_text(draft) == "- Met the team\n" * 2


@pytest.mark.usefixtures("folder")
def test_a_closed_stderr_takes_the_messages_nowhere(notes_dir: Path) -> None:
    ok = subprocess.run(
        ["sh", "-c", 'exec "$@" 2>&-', "sh", *_weeknote("list")], capture_output=True, text=True
    )
    assert ok.returncode == 0 and ok.stdout.count("\n") == 2
    failed = _into_a_gone_reader("show", "not-a-week", stream="stderr")
    assert failed.returncode == 2 and failed.stdout == ""


@pytest.fixture
def many_notes(notes_dir: Path) -> Path:
    """Enough notes that what `list`, `search` or an export prints is many times what a
    pipe holds."""
    from conftest import write_note
    from weeknote.weeks.week import Week

    first = Week.from_id("2010-W01")
    for number in range(400):
        title = f"Week {number} " + "long title " * 70
        write_note(notes_dir, (first + number).id, "bins " * 200 + "\n", title=title)
    return notes_dir


@pytest.mark.usefixtures("many_notes")
@pytest.mark.parametrize(
    "args", [("list",), ("search", "bins"), ("export", "-f", "json")], ids=" ".join
)
def test_a_command_piped_into_a_reader_of_one_line(run: Run, args: tuple[str, ...]) -> None:
    """`weeknote list | head -1`: the reader takes one line and closes the pipe while
    weeknote is still writing (it writes many times what a pipe holds, so it is blocked in
    a write when the reader goes); weeknote stops quietly, with status 0."""
    whole = run(*args).stdout
    assert len(whole) > 4 * 65536
    proc = subprocess.Popen(
        _weeknote(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline() == whole.splitlines(keepends=True)[0]
    proc.stdout.close()
    error = proc.stderr.read()
    assert proc.wait() == 0, error
    assert "Error" not in error and "Traceback" not in error and "Exception" not in error
