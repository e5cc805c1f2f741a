"""The bad-input corpus: every malformed config, note, template, archive, date or argument
gets one clear line on stderr naming the culprit, a non-zero exit code, no traceback, and
leaves the notes folder exactly as it was. Each case runs the real program in a process."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import tree_digest, weeknote_process, write_note

CORPUS = Path(__file__).parent / "bad_inputs"


@dataclass
class Case:
    id: str
    args: list[str]
    code: int
    fragment: str  # what stderr must say: the culprit, by name or value
    config: str | None = None  # a corpus file used as the config file
    note: str | None = None  # a corpus file placed as notes/2026-W47.md
    template: str | None = None  # a corpus file placed as notes/templates/bad.md
    archive: str | None = None  # a corpus file passed where the args say ARCHIVE
    draft: str | None = None  # a corpus file placed as notes/drafts/2026-11-18.md
    breaks: str | None = None  # a corpus file placed as notes/breaks.txt
    stdin: str | bytes | None = None
    env: dict[str, str] = field(default_factory=dict)
    setup: Callable[[Path], None] | None = None


def _note_dir(notes: Path) -> None:
    (notes / "2026-W47.md").mkdir()


def _notes_is_a_file(notes: Path) -> None:
    shutil.rmtree(notes)
    notes.write_text("not a folder\n")


def _config_dir(notes: Path) -> None:
    (notes.parent / "config.toml").mkdir()


def _outside(notes: Path) -> Path:
    secret = notes.parent / "home" / "secret.txt"
    secret.parent.mkdir(exist_ok=True)
    secret.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n")
    return secret


def _draft_link(notes: Path) -> None:
    (notes / "drafts").mkdir()
    (notes / "drafts" / "2026-11-20.md").symlink_to(_outside(notes))


def _note_link(notes: Path) -> None:
    (notes / "2026-W47.md").symlink_to(_outside(notes))


def _breaks_link(notes: Path) -> None:
    (notes / "breaks.txt").symlink_to(_outside(notes))


def _template_link(notes: Path) -> None:
    (notes / "templates").mkdir()
    (notes / "templates" / "bad.md").symlink_to(_outside(notes))


def _hugo_link(notes: Path) -> None:
    (notes.parent / "blog").mkdir()
    (notes.parent / "blog" / "content").symlink_to(_outside(notes).parent)


def _fifo(notes: Path) -> None:
    os.mkfifo(notes.parent / "pipe.txt")


def _huge_archive(notes: Path) -> None:
    with (notes.parent / "huge.txt").open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)  # sparse: costs no disk


CASES = [
    # configs
    Case("config-syntax", ["list"], 3, "TOML syntax", config="config_syntax.toml"),
    Case("config-unknown-key", ["list"], 3, "unknown key 'colour'",
         config="config_unknown_key.toml"),
    Case("config-wrong-type", ["bullet", "x"], 3, "'week_start' must be a string",
         config="config_wrong_type.toml"),
    Case("config-bad-value", ["new", "--no-edit"], 3, "'cutoff_day' is 'someday'",
         config="config_bad_value.toml"),
    Case("config-git-not-table", ["list"], 3, "unknown key 'git'",
         config="config_git_not_table.toml"),
    Case("config-autocommit-string", ["list"], 3, "'git.autocommit' must be a boolean",
         config="config_autocommit_string.toml"),
    Case("config-latin1", ["list"], 3, "not UTF-8", config="config_latin1.toml"),
    Case("config-is-a-folder", ["list"], 3, "is a folder", setup=_config_dir),
    Case("config-set-unknown", ["config", "colour", "blue"], 2, "unknown key 'colour'"),
    Case("config-set-bad-bool", ["config", "git.autocommit", "perhaps"], 2, "true or false"),
    Case("config-nul", ["list"], 3, "'dir' holds a NUL character", config="config_nul.toml"),
    Case("config-no-such-user", ["list"], 3, "names no home folder",
         config="config_no_such_user.toml"),
    Case("config-empty-dir", ["bullet", "x"], 3, "'dir' is empty", config="config_empty_dir.toml"),
    Case("config-set-empty-dir", ["config", "dir", ""], 2, "'dir' is empty"),
    Case("env-dir-empty-user", ["list"], 3, "WEEKNOTE_DIR",
         env={"WEEKNOTE_DIR": "~nosuchuser-weeknote/notes"}),
    # weeks and dates
    Case("week-word", ["new", "banana", "--no-edit"], 2, "'banana'"),
    Case("week-60", ["new", "2026-W60", "--no-edit"], 2, "2026 has 53 ISO weeks"),
    Case("week-53-of-52", ["new", "2025-W53", "--no-edit"], 2, "2025 has 52 ISO weeks"),
    Case("week-month-13", ["new", "2026-13-01", "--no-edit"], 2, "'2026-13-01'"),
    Case("week-feb-30", ["new", "2026-02-30", "--no-edit"], 2, "'2026-02-30'"),
    Case("week-year-10000", ["new", "10000-01-01", "--no-edit"], 2, "'10000-01-01'"),
    Case("week-far-past", ["new", "-999999", "--no-edit"], 2, "out of the supported range"),
    Case("bullet-date", ["bullet", "--date", "31/02/2026", "x"], 2, "'31/02/2026'"),
    Case("weeks-zero", ["new", "2026-W47", "--weeks", "0", "--no-edit"], 2, "--weeks must be"),
    Case("weeks-nine", ["new", "2026-W47", "--weeks", "9", "--no-edit"], 2, "--weeks must be"),
    Case("today-env", ["bullet", "x"], 2, "WEEKNOTE_TODAY", env={"WEEKNOTE_TODAY": "someday"}),
    Case("search-from", ["search", "x", "--from", "W99"], 2, "'W99'"),
    # bullets
    Case("bullet-empty", ["bullet", ""], 2, "empty"),
    Case("bullet-blank", ["bullet", "   "], 2, "empty"),
    Case("bullet-stdin-empty", ["bullet", "-"], 2, "no bullets on stdin", stdin="\n\n"),
    Case("bullet-huge", ["bullet", "-"], 2, "the limit is", stdin="x" * 10_000_000 + "\n"),
    Case("bullet-section", ["bullet", "--section", "gossip", "x"], 2, "no section 'gossip'"),
    Case("bullet-end-of-time", ["bullet", "--date", "9999-12-31", "x"], 2,
         "out of the supported range"),
    Case("bullet-not-utf8-argument", ["bullet", "caf\udce9"], 2, "argument 2"),
    Case("bullet-not-utf8-stdin", ["bullet", "-"], 2, "standard input is not UTF-8",
         stdin=b"caf\xe9\n"),
    Case("new-not-utf8-title", ["new", "--title", "\udcff", "--no-edit"], 2, "argument 3"),
    # notes on disk
    Case("note-unclosed", ["show", "2026-W47"], 4, "never closed", note="note_unclosed.md"),
    Case("note-bad-toml", ["show", "2026-W47"], 4, "2026-W47.md, line 2",
         note="note_bad_toml.md"),
    Case("note-bad-week", ["show", "2026-W47"], 4, "2026 has 53 ISO weeks",
         note="note_bad_week.md"),
    Case("note-bad-date", ["show", "2026-W47"], 4, "'date' must be a date",
         note="note_bad_date.md"),
    Case("note-latin1", ["show", "2026-W47"], 4, "2026-W47.md is not UTF-8",
         note="note_latin1.md"),
    Case("note-weeks-string", ["show", "2026-W47"], 4, "'weeks' must be a list",
         note="note_weeks_string.md"),
    Case("note-is-a-folder", ["show", "2026-W47"], 4, "2026-W47.md is a folder", setup=_note_dir),
    Case("new-onto-folder", ["new", "2026-W47", "--no-edit"], 4, "is a folder", setup=_note_dir),
    Case("notes-folder-is-a-file", ["bullet", "x"], 4, "is a file", setup=_notes_is_a_file),
    Case("draft-conflicted", ["new", "--no-edit"], 4, "2026-11-18.md, line 2: git conflict",
         draft="draft_conflicted.md"),
    Case("status-draft-conflicted", ["status"], 4, "git conflict markers",
         draft="draft_conflicted.md"),
    Case("breaks-conflicted", ["streak"], 4, "breaks.txt, line 2: git conflict",
         breaks="breaks_conflicted.txt"),
    # links out of the notes folder
    Case("draft-link", ["bullet", "x"], 4, "2026-11-20.md is a link to", setup=_draft_link),
    Case("note-link", ["show", "2026-W47"], 4, "outside the notes folder", setup=_note_link),
    Case("breaks-link", ["skip", "2026-W40"], 4, "breaks.txt is a link to", setup=_breaks_link),
    Case("template-link", ["new", "2026-W47", "--template", "bad", "--no-edit"], 4,
         "bad.md is a link to", setup=_template_link),
    Case("export-through-link", ["export", "-f", "hugo", "-o", "{tmp}/blog", "--force"], 6,
         "leads outside", setup=_hugo_link),
    # templates
    Case("template-unknown", ["new", "2026-W47", "--template", "bad", "--no-edit"], 5,
         "bad.md, line 3: unknown placeholder '{{ weather }}'", template="template_unknown.md"),
    Case("template-attribute", ["new", "2026-W47", "--template", "bad", "--no-edit"], 5,
         "no attribute or index access", template="template_attribute.md"),
    Case("template-index", ["new", "2026-W47", "--template", "bad", "--no-edit"], 5,
         "no attribute or index access", template="template_index.md"),
    Case("template-latin1", ["new", "2026-W47", "--template", "bad", "--no-edit"], 4, "not UTF-8",
         template="template_latin1.md"),
    Case("template-missing", ["new", "2026-W47", "--template", "nope", "--no-edit"], 1,
         "no template 'nope'"),
    # archives
    Case("archive-no-titles", ["import", "ARCHIVE"], 7, "archive_no_titles.txt",
         archive="archive_no_titles.txt"),
    Case("archive-latin1", ["import", "ARCHIVE"], 7, "archive_latin1.txt is not UTF-8",
         archive="archive_latin1.txt"),
    Case("archive-missing", ["import", "no-such-blog.txt"], 1, "no-such-blog.txt"),
    Case("import-year", ["import", "--year", "19", "ARCHIVE"], 2, "--year",
         archive="archive_latin1.txt"),
    Case("import-device", ["import", "/dev/zero"], 7, "/dev/zero is not a regular file"),
    Case("import-pipe", ["import", "{tmp}/pipe.txt"], 7, "not a regular file", setup=_fifo),
    Case("import-huge", ["import", "{tmp}/huge.txt"], 7, "limited to 50 MB",
         setup=_huge_archive),
    # reading and publishing
    Case("show-no-note", ["show", "2026-W40"], 1, "2026-W40"),
    Case("edit-no-note", ["edit", "2026-W40"], 1, "2026-W40"),
    Case("skip-bad-week", ["skip", "2026-W00"], 2, "'2026-W00'"),
    Case("streak-as-of", ["streak", "--as-of", "yesterweek"], 2, "'yesterweek'"),
    Case("export-format", ["export", "--format", "pdf"], 2, "no format 'pdf'"),
    Case("export-site-no-output", ["export", "--format", "site"], 2, "--output"),
    Case("export-from-after-to", ["export", "--from", "2026-W47", "--to", "2026-W40"], 2,
         "after --to"),
    Case("template-path", ["new", "2026-W47", "--template", "../etc/passwd", "--no-edit"], 2,
         "not a plain file name"),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_is_one_clear_line(case: Case, tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    write_note(notes, "2026-W46", "A week that was fine.\n")
    config = tmp_path / "config.toml"
    if case.config:
        shutil.copy(CORPUS / case.config, config)
    if case.note:
        shutil.copy(CORPUS / case.note, notes / "2026-W47.md")
    if case.template:
        (notes / "templates").mkdir()
        shutil.copy(CORPUS / case.template, notes / "templates" / "bad.md")
    if case.draft:
        (notes / "drafts").mkdir()
        shutil.copy(CORPUS / case.draft, notes / "drafts" / "2026-11-18.md")
    if case.breaks:
        shutil.copy(CORPUS / case.breaks, notes / "breaks.txt")
    if case.setup:
        case.setup(notes)
    args = [str(CORPUS / case.archive) if a == "ARCHIVE" and case.archive else a for a in case.args]
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    before = tree_digest(tmp_path)
    env = {
        "WEEKNOTE_DIR": str(notes),
        "WEEKNOTE_CONFIG": str(config),
        "WEEKNOTE_TODAY": "2026-11-20",
        **case.env,
    }
    proc = weeknote_process(*args, env=env, input=case.stdin)
    assert proc.returncode == case.code, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stderr.startswith("Error: ")
    assert case.fragment in proc.stderr
    assert tree_digest(tmp_path) == before


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 70
    used = {c.config for c in CASES} | {c.note for c in CASES} | {c.template for c in CASES}
    used |= {c.archive for c in CASES} | {c.draft for c in CASES} | {c.breaks for c in CASES}
    files = {p.name for p in CORPUS.iterdir() if p.name != "README.md"}
    assert files <= used


@pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="needs root and setpriv to run as an unprivileged user",
)
def test_read_only_notes_folder(tmp_path: Path) -> None:
    # Root ignores permissions, so the program runs as `nobody` against a folder it may
    # read but not write.
    # Outside tmp_path, whose parents only root may enter; a name no other run can have.
    base = Path(tempfile.mkdtemp(prefix="weeknote-ro-"))
    notes = base / "notes"
    try:
        write_note(notes, "2026-W46", "Fine.\n")
        base.chmod(0o755)
        notes.chmod(0o555)
        before = tree_digest(notes)
        import subprocess
        import sys

        proc = subprocess.run(
            ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
             sys.executable, "-m", "weeknote", "bullet", "--date", "2026-11-20", "x"],
            capture_output=True, text=True, timeout=60,
            env={**os.environ, "WEEKNOTE_DIR": str(notes), "WEEKNOTE_CONFIG": str(base / "c.toml"),
                 "XDG_CACHE_HOME": str(base / "cache"), "HOME": str(base)},
        )  # fmt: skip
        if "No module named" in proc.stderr or "Permission denied: '/" in proc.stderr:
            pytest.skip(f"the unprivileged user cannot run this Python: {proc.stderr[-200:]}")
        assert proc.returncode == 1, proc.stderr
        assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1
        assert "Permission denied" in proc.stderr and "drafts" in proc.stderr
        assert tree_digest(notes) == before
    finally:
        notes.chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)
