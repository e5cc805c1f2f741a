"""Every JSON document weeknote prints (each report's `--json` and `export --format json`) has
a JSON Schema in the package, and what the commands print holds to it: run through the real
CLI on a folder that fills every key at least once, checked with the jsonschema library. A
key the schema does not name fails, and so does a key the README does not list."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import typer.main
from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from typer.testing import CliRunner

from test_gather import ICS_HEAD, ME, commit, event, new_repo
from weeknote.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
BASE = "https://weeknote.example/schemas/"
SCHEMAS = files("weeknote") / "schemas"
MISSING = os.path.join(os.devnull, "site")  # a --repo that cannot be a folder: one warning

# Each document, and the runs that print it: (the day it is run on, the arguments). Between
# them the runs fill every key of the document's schema (a null or empty value fills none).
DOCUMENTS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "list": [("2026-11-05", ("list", "--json"))],
    "streak": [
        ("2026-11-05", ("streak", "--json")),
        ("2026-11-05", ("streak", "--as-of", "2026-09-08", "--json")),  # W36 is due
    ],
    "status": [
        ("2026-11-05", ("status", "--json")),
        ("2026-11-06", ("status", "--json")),
        ("2026-09-08", ("status", "--json")),  # last week due, the streak at risk
    ],
    "review": [
        ("2026-11-05", ("review", "2026", "--json")),
        ("2026-11-05", ("review", "--from", "2026-W40", "--to", "2026-W46", "--json")),
    ],
    "search": [("2026-11-06", ("search", "bins", "--json"))],
    "tags": [("2026-11-05", ("tags", "--json"))],
    "config": [("2026-11-05", ("config", "--json"))],
    "export-json": [("2026-11-05", ("export", "--format", "json"))],
    "gather": [
        ("2026-11-05", ("gather", "2026-W44", "--add", "1", "--json")),  # the rest passed over
        ("2026-11-05", ("gather", "2026-W45", "--repo", MISSING, "--json")),  # none drafted
    ],
}
# Documents whose runs change the folder (a second `gather --add 1` would draft another
# candidate): each run is made once, as the folder is made, and what it printed read again.
RUN_ONCE = {"gather"}

# Gathered from: the person's meetings of W44 and W45 (12:00 UTC keeps each on its day in any
# time zone a test is run in), one they attend, one left out, a private one, a day away.
CALENDAR = (
    ICS_HEAD
    + event(
        "planning@example.org",
        "DTSTART:20261027T120000Z",
        "DTEND:20261027T130000Z",
        "SUMMARY:Planning with the waste team",
    )
    + event(
        "rota@example.org",
        "DTSTART:20261103T120000Z",
        "DTEND:20261103T130000Z",
        "SUMMARY:Bins rota review",
        f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{ME}",
    )
    + event(
        "lunch@example.org",
        "DTSTART:20261103T121500Z",
        "DTEND:20261103T124500Z",
        "SUMMARY:Lunch",
    )
    + event(
        "doctor@example.org",
        "DTSTART:20261104T120000Z",
        "DTEND:20261104T130000Z",
        "CLASS:PRIVATE",
        "SUMMARY:Doctor's appointment",
    )
    + event(
        "away@example.org",
        "DTSTART;VALUE=DATE:20261105",
        "DTEND;VALUE=DATE:20261106",
        "SUMMARY:Team away day",
    )
    + "END:VCALENDAR\r\n"
)

ARCHIVE = """Weeknote w/c 1 June 2026

We met the #garden-club and planted beans.

Weeknote w/c 8 June 2026

More beans, and a talk on compost.
"""


def schema(name: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads((SCHEMAS / f"{name}-1.json").read_text(encoding="utf-8"))
    return found


# -- the folder ------------------------------------------------------------------------------


class Folder:
    """A notes folder of its own, and the CLI run on it as of a day."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.notes = root / "notes"
        self.env = {
            "WEEKNOTE_DIR": str(self.notes),
            "WEEKNOTE_CONFIG": str(root / "config.toml"),
            "XDG_CACHE_HOME": str(root / "cache"),
            "NO_COLOR": "1",
            "TERM": "dumb",
            "TTY_COMPATIBLE": None,
            "FORCE_COLOR": None,
            "VISUAL": None,
            "EDITOR": None,
            "GIT_CONFIG_GLOBAL": os.devnull,  # gather reads the repositories' user.email only
            "GIT_CONFIG_NOSYSTEM": "1",
        }
        self.runner = CliRunner()
        self.printed: dict[tuple[str, ...], str] = {}

    def run(self, day: str, *args: str) -> str:
        env = {**self.env, "WEEKNOTE_TODAY": day}
        result = self.runner.invoke(app, list(args), env=env, catch_exceptions=False)
        assert result.exit_code == 0, (args, result.stderr)
        return result.stdout

    def once(self, day: str, *args: str) -> str:
        """What the run printed the first time it was made (see RUN_ONCE)."""
        if (day, *args) not in self.printed:
            self.printed[(day, *args)] = self.run(day, *args)
        return self.printed[(day, *args)]

    def sources(self) -> None:
        """What `gather` reads, in the config: a folder of repositories (the person's
        commits in W44 and W45, one in a repository gather.skip names) and a calendar."""
        src = self.root / "src"
        src.mkdir()
        if shutil.which("git"):  # CI has it; without it, the calendar fills the document
            with pytest.MonkeyPatch.context() as env:
                env.setenv("GIT_CONFIG_GLOBAL", os.devnull)
                env.setenv("GIT_CONFIG_NOSYSTEM", "1")
                bins = new_repo(src / "bins")
                commit(bins, "2026-10-29T10:00:00", "bins report outline")
                commit(bins, "2026-11-03T09:40:00", "rota page")
                commit(bins, "2026-11-03T15:05:00", "rota page for phones")
                commit(bins, "2026-11-04T16:20:00", "fix the rota's dates")
                commit(new_repo(src / "scratch"), "2026-11-04T11:00:00", "trying things")
        calendar = self.root / "work.ics"
        calendar.write_text(CALENDAR, encoding="utf-8", newline="")
        day = "2026-11-05"
        self.run(day, "config", "gather.repos", str(src))
        self.run(day, "config", "gather.calendars", str(calendar))
        self.run(day, "config", "gather.emails", ME)
        self.run(day, "config", "gather.skip", "scratch")
        self.run(day, "config", "gather.leave_out", "Lunch")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Folder:
    """Notes and a fortnight note from 2026-W27 to W45, two of them imported, tagged, with
    plans carried, breaks with and without a reason, a missed week with drafted bullets,
    bullets drafted after their note was written, a text a sync kept beside a note, and
    W44 and W45 gathered from a repository and a calendar (W45's candidates not drafted)."""
    root = tmp_path_factory.mktemp("schemas")
    made = Folder(root)
    made.notes.mkdir()
    day = "2026-11-05"
    made.run(day, "bullet", "-d", "2026-10-27", "Met the #waste-team about bins")
    made.run(day, "bullet", "-d", "2026-10-28", "#next Finish the bins report")
    for week in (30, 31, 32, 33, 34, 35, 37, 38, 39, 40, 42, 43, 44):
        made.run(day, "new", f"2026-W{week}", "--no-edit")
    made.run(day, "new", "2026-W28", "--weeks", "2", "--title", "robots", "--no-edit")
    archive = root / "archive.txt"
    archive.write_text(ARCHIVE, encoding="utf-8")
    made.run(day, "import", str(archive))
    made.run(day, "skip", "2026-W41", "--reason", "holiday")
    made.run(day, "skip", "2026-W47")
    made.run(day, "skip", "2026-W48", "--reason", "half term")
    made.run(day, "bullet", "-d", "2026-09-02", "Drafted in a week left unwritten")
    made.run(day, "bullet", "-d", "2026-11-01", "Ran 10k in the rain")  # after W44's note
    made.run(day, "bullet", "#learning Ask for help sooner")
    made.run("2026-11-06", "new", "2026-W45", "--no-edit")
    made.run("2026-11-06", "bullet", "Fixed the bins rota")  # after W45's note
    made.run(day, "config", "site.base_url", "https://example.org/weeknotes/")
    note = made.notes / "2026-W44.md"
    (made.notes / "2026-W44.conflict.md").write_bytes(note.read_bytes())
    made.sources()
    for day, args in DOCUMENTS["gather"]:
        made.once(day, *args)
    return made


def documents(folder: Folder, name: str) -> Iterator[Any]:
    run = folder.once if name in RUN_ONCE else folder.run
    for day, args in DOCUMENTS[name]:
        yield json.loads(run(day, *args))


# -- walking a schema and a document ---------------------------------------------------------


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """The node, its local `$ref` followed; of a `oneOf`, the branch that is not null."""
    while True:
        if "$ref" in node:
            name = node["$ref"].removeprefix("#/$defs/")
            node = root["$defs"][name]
        elif "oneOf" in node:
            branches = [b for b in node["oneOf"] if b != {"type": "null"}]
            assert len(branches) == 1, node
            node = branches[0]
        else:
            return node


def declared(node: dict[str, Any], root: dict[str, Any], path: str = "") -> set[str]:
    """The path of every value the schema names: `.key`, `[]` an item, `.*` a map's value."""
    node = _resolve(node, root)
    found = set()
    for key, sub in node.get("properties", {}).items():
        found |= {f"{path}.{key}"} | declared(sub, root, f"{path}.{key}")
    if isinstance(node.get("additionalProperties"), dict):
        found |= {f"{path}.*"} | declared(node["additionalProperties"], root, f"{path}.*")
    if "items" in node:
        found |= {f"{path}[]"} | declared(node["items"], root, f"{path}[]")
    return found


def filled(node: dict[str, Any], root: dict[str, Any], value: Any, path: str = "") -> set[str]:
    """The paths of the document that hold a value (not null, not an empty list or map)."""
    if value is None or value == [] or value == {}:
        return set()
    node = _resolve(node, root)
    found = {path} if path else set()
    if isinstance(value, dict):
        properties = node.get("properties", {})
        for key, sub in value.items():
            if key in properties:
                found |= filled(properties[key], root, sub, f"{path}.{key}")
            else:
                found |= filled(node["additionalProperties"], root, sub, f"{path}.*")
    elif isinstance(value, list):
        for item in value:
            found |= filled(node["items"], root, item, f"{path}[]")
    return found


def objects(node: Any) -> Iterator[dict[str, Any]]:
    """Every schema of an object in the document's schema, however deep."""
    if isinstance(node, dict):
        if node.get("type") == "object" or "properties" in node:
            yield node
        for sub in node.values():
            yield from objects(sub)
    elif isinstance(node, list):
        for sub in node:
            yield from objects(sub)


# -- the schemas -----------------------------------------------------------------------------


def test_every_json_document_has_a_schema_and_no_schema_is_left_over() -> None:
    group: Any = typer.main.get_command(app)
    reports = {
        name
        for name, command in group.commands.items()
        if any("--json" in param.opts for param in command.params)
    }
    from weeknote.publish.formats import FORMATS

    assert "json" in FORMATS
    shipped = {path.name for path in SCHEMAS.iterdir() if path.name.endswith(".json")}
    assert reports | {"export-json"} == set(DOCUMENTS)
    assert shipped == {f"{name}-1.json" for name in DOCUMENTS}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_each_schema_is_a_draft_2020_12_schema_that_allows_no_other_key(name: str) -> None:
    found = schema(name)
    Draft202012Validator.check_schema(found)
    assert found["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert found["$id"] == f"{BASE}{name}-1.json"
    assert found["title"].startswith("weeknote ") and found["title"].endswith(", version 1")
    assert found["properties"]["version"] == {"const": 1}
    for node in objects(found):
        assert node.get("additionalProperties") is not True, node
        assert "additionalProperties" in node, f"{name}: an object that allows any key: {node}"


def test_the_schemas_are_package_data() -> None:
    import tomllib

    project = tomllib.loads((README.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert "schemas/*.json" in project["tool"]["setuptools"]["package-data"]["weeknote"]
    assert "jsonschema" in " ".join(project["project"]["optional-dependencies"]["test"])


# -- the documents ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", DOCUMENTS)
def test_what_each_command_prints_holds_to_its_schema_and_fills_it(
    folder: Folder, name: str
) -> None:
    found = schema(name)
    validator = Draft202012Validator(found, format_checker=FormatChecker())
    seen: set[str] = set()
    for document in documents(folder, name):
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
        assert not errors, f"{name}: {errors}"
        seen |= filled(found, found, document)
    never = declared(found, found) - seen
    assert not never, f"{name}: the fixture folder never fills {sorted(never)}"


@pytest.mark.parametrize(
    ("name", "where"),
    [
        ("status", ()),
        ("status", ("now",)),
        ("streak", ("gaps", 0)),
        ("list", ("notes", 0)),
        ("export-json", ("notes", 0)),
        ("review", ("words",)),
        ("config", ("settings",)),
        ("config", ("settings", "dir")),
        ("search", ("results", 0, "lines", 0)),
        ("tags", ("tags", 0)),
        ("gather", ()),
        ("gather", ("candidates", 0)),
        ("gather", ("added", 0)),
    ],
)
def test_a_key_the_schema_does_not_name_fails(
    folder: Folder, name: str, where: tuple[str | int, ...]
) -> None:
    document = next(documents(folder, name))
    validator = Draft202012Validator(schema(name), format_checker=FormatChecker())
    validator.validate(document)
    node = document
    for step in where:
        node = node[step]
    node["undocumented"] = 1
    with pytest.raises(ValidationError, match="'undocumented' was unexpected"):
        validator.validate(document)


def test_config_names_every_key_of_the_configuration_table(folder: Folder) -> None:
    settings = schema("config")["properties"]["settings"]["properties"]
    printed = json.loads(folder.run("2026-11-05", "config", "--json"))["settings"]
    table = _readme_section("## Configuration")
    documented = re.findall(r"^\| `([a-z_.]+)` \|", table, flags=re.M)
    assert set(settings) == set(printed) == set(documented), (
        "a config key is in `config --json`, in src/weeknote/schemas/config-1.json's settings "
        "and in the README's Configuration table alike"
    )


# -- the README ------------------------------------------------------------------------------


def _readme_section(heading: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n{heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def _blocks(text: str) -> list[str]:
    """The README's blocks: paragraphs, tables, headings and fenced code (blank lines and all)."""
    blocks: list[str] = []
    lines: list[str] = []
    fenced = False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        if not line.strip() and not fenced:
            if lines:
                blocks.append("\n".join(lines))
            lines = []
        else:
            lines.append(line)
    if lines:
        blocks.append("\n".join(lines))
    return blocks


KEY = re.compile(r'(?<![:|]\s)(?<![:|])"([a-z_]+)"(?=\s*[:,}])')


def readme_keys(name: str, names: set[str]) -> set[str]:
    """The keys the README lists for a document: those in the code of the block that names
    its schema (the line, in a table), the JSON example after it and the paragraphs after
    that begin with one of its keys."""
    blocks = _blocks(README.read_text(encoding="utf-8"))
    others = [f"`{other}-1.json`" for other in DOCUMENTS if other != name]
    at = [
        i
        for i, block in enumerate(blocks)
        if f"`{name}-1.json`" in block and not any(other in block for other in others)
    ]
    assert len(at) == 1, f"the README names {name}-1.json beside its document once, not {len(at)}"
    first = blocks[at[0]]
    if first.startswith("|"):
        first = next(line for line in first.splitlines() if f"`{name}-1.json`" in line)
    region = [first]
    for block in blocks[at[0] + 1 :]:
        lead = re.match(r"`([a-z_]+)`", block)
        if not (block.startswith("```json") or (lead and lead.group(1) in names)):
            break
        region.append(block)
    code = ""
    for block in region:
        if block.startswith("```"):
            code += block
        else:  # the code spans that hold JSON, joined across the prose between them
            code += "".join(span for span in re.findall(r"`([^`]*)`", block) if '"' in span)
    return set(KEY.findall(code))


def property_names(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        found |= set(node.get("properties", {}))
        for sub in node.values():
            found |= property_names(sub)
    elif isinstance(node, list):
        for sub in node:
            found |= property_names(sub)
    return found


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_readme_lists_the_keys_each_schema_names(name: str) -> None:
    found = schema(name)
    names = property_names(found)
    if name == "config":  # its keys are the Configuration table's (the test above)
        names -= set(found["properties"]["settings"]["properties"])
    assert readme_keys(name, names) == names


def test_the_readme_says_where_the_schemas_are() -> None:
    scripts = _readme_section("## In scripts")
    for name in DOCUMENTS:
        assert f"`{name}-1.json`" in scripts
    assert "draft 2020-12" in scripts and BASE in scripts
