"""The import sources and the export formats are each one list that everything reads: a
source added to ``weeknote.imports.SOURCES`` is recognised, read, offered by ``--from``,
its help and completion, and named in the report; a format added to
``weeknote.publish.formats.FORMATS`` is exported as its line says, with no other file
changed."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import Run, write_note
from weeknote import imports
from weeknote.imports import TEXT, Source
from weeknote.imports.detect import detect
from weeknote.publish import formats
from weeknote.publish.formats import Format
from weeknote.publish.formats.model import Files, Item, Options

FIXTURES = Path(__file__).parent / "fixtures" / "imports"

# A source of a made-up platform, as its own module: it recognises its files from their
# first line and reads each block below it as a post.
FAKE_MODULE = """
from datetime import date

from weeknote.imports.model import Post, Reading


def recognise(probe):
    return probe.first_line() == "FAKEBLOG 1"


def read(path):
    blocks = path.read_text(encoding="utf-8").split("\\n\\n")[1:]
    posts = []
    for number, block in enumerate(blocks, start=1):
        head, body = block.split("\\n", 1)
        day, title = head.split(" ", 1)
        posts.append(
            Post(title, body, f"{path.name}, post {number}", published=date.fromisoformat(day))
        )
    return Reading("fakeblog", str(path), posts)
"""

FAKE_ENTRY = Source(
    "fakeblog",
    names=("fakeblog", "fb"),
    called="a FakeBlog export",
    summary="a FakeBlog export file",
    shapes=(TEXT,),
    recognise="fakeblog:recognise",
    read="fakeblog:read",
)

FAKE_EXPORT = (
    "FAKEBLOG 1\n\n2024-05-13 Weeknote 2024-W20\nA quiet week.\n\n"
    "2024-05-06 Weeknote 2024-W19\nA busy week.\n"
)


def _complete(line: str) -> list[str]:
    """What bash completion offers for the last word of ``line``, through the CLI."""
    from weeknote.cli import app

    words = line.split(" ")
    env = {
        "_WEEKNOTE_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(words) - 1),
    }
    result = CliRunner().invoke(app, [], env=env, prog_name="weeknote")
    return result.stdout.split()


@pytest.fixture
def fake_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Source]:
    """The made-up source: its module, and its one line added to the registry."""
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "fakeblog.py").write_text(FAKE_MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(lib))
    monkeypatch.setattr(imports, "SOURCES", (*imports.SOURCES, FAKE_ENTRY))
    yield FAKE_ENTRY
    sys.modules.pop("fakeblog", None)


def _samples(root: Path) -> dict[str, Path]:
    """A file or folder of each --from name's own kind."""
    root.mkdir()
    (root / "post.md").write_text(
        "---\ntitle: Weeknote 2024-W19\ndate: 2024-05-12\n---\nBody.\n", encoding="utf-8"
    )
    substack = root / "substack"
    (substack / "posts").mkdir(parents=True)
    (substack / "posts.csv").write_text(
        "post_id,post_date,is_published,type,audience,title\n"
        "1.weeknote,2024-05-12T10:00:00.000Z,true,newsletter,everyone,Weeknote 2024-W19\n",
        encoding="utf-8",
    )
    (substack / "posts" / "1.weeknote.html").write_text("<p>Hello.</p>", encoding="utf-8")
    (root / "journal.txt").write_text("[2024-05-12 09:30] Met the team.\n", encoding="utf-8")
    (root / "archive.txt").write_text("Weeknote 2024-W19\n\nBody.\n", encoding="utf-8")
    return {
        "feed": FIXTURES / "rss.xml",
        "wordpress": FIXTURES / "wordpress.xml",
        "folder": root / "post.md",
        "ghost": FIXTURES / "ghost.json",
        "substack": substack,
        "jrnl": root / "journal.txt",
        "text": root / "archive.txt",
    }


def test_every_source_is_in_the_help_completion_and_from(run: Run, tmp_path: Path) -> None:
    names = imports.from_names()
    help_text = " ".join(run("import", "--help").stdout.split())
    for source in imports.SOURCES:
        assert source.summary in help_text
        for name in source.names:
            assert name in help_text
    assert f"cannot tell: {', '.join(names)}." in help_text
    assert _complete("weeknote import --from ") == list(names)
    samples = _samples(tmp_path / "samples")
    assert set(samples) == set(names), "a sample of each --from name's kind"
    for name, path in samples.items():
        result = run("import", str(path), "--from", name, "--dry-run", "--all")
        assert result.exit_code == 0, (name, result.stderr)
        assert "Dry run" in result.stderr or "would be drafted" in result.stderr
    refused = run("import", str(samples["text"]), "--from", "blog")
    assert refused.exit_code == 2
    assert f"use one of {', '.join(names)}" in refused.stderr


def test_a_new_source_is_one_module_and_one_line(
    run: Run, fake_source: Source, tmp_path: Path, notes_dir: Path
) -> None:
    path = tmp_path / "blog.export"
    path.write_text(FAKE_EXPORT, encoding="utf-8")
    assert detect(path) == "fakeblog"
    dry = run("import", str(path), "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert "Weeknote 2024-W20" in dry.stdout and "Weeknote 2024-W19" in dry.stdout
    assert "post 1" in dry.stdout
    assert f"{path} (a FakeBlog export): 2 notes." in dry.stderr
    assert run("import", str(path), "--from", "fb", "--dry-run").stdout == dry.stdout
    assert _complete("weeknote import --from f") == ["feed", "folder", "fakeblog", "fb"]
    refused = run("import", str(path), "--from", "blog")
    assert "folder, ghost, substack, jrnl, text, fakeblog, fb" in refused.stderr
    assert run("import", str(path)).exit_code == 0
    assert sorted(p.name for p in notes_dir.glob("*.md")) == ["2024-W19.md", "2024-W20.md"]


def test_a_new_source_is_in_the_import_help(tmp_path: Path) -> None:
    """Help is made when the CLI is loaded: a process whose registry has one more line."""
    (tmp_path / "fakeblog.py").write_text(FAKE_MODULE, encoding="utf-8")
    code = (
        "import sys\n"
        "from weeknote import imports\n"
        "from weeknote.imports import TEXT, Source\n"
        f"imports.SOURCES += ({FAKE_ENTRY!r},)\n"
        "from weeknote.cli import main\n"
        "sys.argv = ['weeknote', 'import', '--help']\n"
        "main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "COLUMNS": "100"}
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout
    assert "substack, jrnl, text, fakeblog, fb." in " ".join(shown.split())
    assert "fakeblog, fb  a FakeBlog export file" in shown


# -- export formats --------------------------------------------------------------------------


def _fake_pages(items: Sequence[Item], options: Options) -> Files:
    files = Files()
    for item in items:
        text = f"{item.note.title} at {options.base_url}{item.slug}\n"
        files.add(f"{item.slug}.txt", text, lambda given, made: [given], text)
    return files


@pytest.fixture
def fake_format(monkeypatch: pytest.MonkeyPatch) -> Format:
    """A format writing a folder whose links --base-url makes absolute: its module, and
    its one line in the registry."""
    module = types.ModuleType("weeknote.publish.formats.fakepages")
    module.export = _fake_pages  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    entry = Format("a page per note, as text", folder=True, links=True)
    monkeypatch.setitem(formats.FORMATS, "fakepages", entry)
    return entry


def test_a_new_format_is_one_module_and_one_line(
    run: Run, fake_format: Format, notes_dir: Path, tmp_path: Path
) -> None:
    write_note(notes_dir, "2026-W47", title="Bins")
    folder = run("export", "-f", "fakepages")
    assert folder.exit_code == 2
    assert folder.stderr.startswith("Error: --format fakepages writes a folder: add --output DIR")
    assert "--mbox" not in folder.stderr
    out = tmp_path / "pages"
    made = run("export", "-f", "fakepages", "-o", str(out), "--base-url", "https://example.org/w")
    assert made.exit_code == 0, made.stderr
    assert (out / "2026-W47.txt").read_text() == "Bins at https://example.org/w/2026-W47\n"
    assert "Exported 1 note as fakepages" in made.stderr
    elsewhere = run("export", "-f", "md", "--base-url", "https://example.org/")
    said = "--base-url is for --format site, --format email or --format fakepages"
    assert said in elsewhere.stderr
    mbox = run("export", "-f", "fakepages", "-o", str(out), "--mbox")
    assert "--mbox is for --format email:" in mbox.stderr
