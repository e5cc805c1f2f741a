"""Benchmarks for weeknote: whole-process medians, each as a ratio to a baseline from the same run.

Run from the repository root, after installing the project (see README):

    python bench/bench.py            # every case
    python bench/bench.py capture    # one group: capture, reports, memory, export, jrnl,
                                     # frontmatter, gather, import

It prints a table and writes it to bench/RESULTS.md. Generated archives come from a
fixed seed, so two runs time the same work.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
WEEKNOTE = [str(Path(PY).with_name("weeknote"))]
if not Path(WEEKNOTE[0]).exists():
    WEEKNOTE = [PY, "-m", "weeknote"]

TYPER_APP = """
import typer

app = typer.Typer()


@app.command()
def main(text: list[str], path: str = "{path}") -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(" ".join(text) + "\\n")


app()
"""

WORDS = [
    "team",
    "waste",
    "housing",
    "data",
    "mobiles",
    "robots",
    "focus",
    "budget",
    "partners",
    "colleagues",
    "suppliers",
    "digital",
    "service",
    "design",
    "review",
    "meeting",
    "workshop",
    "learning",
    "strategy",
    "users",
    "research",
]


@dataclass
class Row:
    name: str
    seconds: float
    baseline: str
    ratio: float
    target: str
    peak_mib: float | None = None

    @property
    def verdict(self) -> str:
        if not self.target:
            return ""
        op, value = self.target[:2], float(self.target[2:])
        met = self.ratio <= value if op == "<=" else self.ratio >= value
        return "met" if met else "MISSED"


Command = tuple[Sequence[str], dict[str, str]]
FINDINGS: list[str] = []  # lines printed and written under the table


# Runs each command for the bench and reports its time and peak memory. A forked child's
# peak counts the pages it shares with its parent before it execs, so the commands are
# started by this small process, made before the bench imports or generates anything.
SPAWNER = """
import json, os, sys, time
for line in sys.stdin:
    cmd, env = json.loads(line)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        try:
            os.execvpe(cmd[0], cmd, env)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    print(json.dumps([elapsed, os.waitstatus_to_exitcode(status), usage.ru_maxrss]), flush=True)
"""
_spawner: subprocess.Popen[str] | None = None


def _run_once(cmd: Sequence[str], env: dict[str, str]) -> tuple[float, int]:
    global _spawner
    if _spawner is None:
        _spawner = subprocess.Popen(
            [PY, "-c", SPAWNER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
    assert _spawner.stdin is not None and _spawner.stdout is not None
    _spawner.stdin.write(json.dumps([list(cmd), env]) + "\n")
    _spawner.stdin.flush()
    elapsed, code, maxrss = json.loads(_spawner.stdout.readline())
    if code != 0:
        err = subprocess.run(cmd, env=env, capture_output=True, text=True).stderr
        raise SystemExit(f"bench: {' '.join(cmd)} failed: {err[-500:]}")
    return elapsed, maxrss


def measure(cases: dict[str, Command], runs: int) -> dict[str, tuple[float, float]]:
    """Median wall time and peak RSS (MiB) per case, over ``runs`` whole-process runs.

    The cases take turns, run by run, so a slow patch of a noisy machine hits them all alike.
    """
    times: dict[str, list[float]] = {name: [] for name in cases}
    peaks = dict.fromkeys(cases, 0)
    for cmd, env in cases.values():  # one warm-up each: disk caches, bytecode
        _run_once(cmd, env)
    for _ in range(runs):
        for name, (cmd, env) in cases.items():
            elapsed, rss = _run_once(cmd, env)
            times[name].append(elapsed)
            peaks[name] = max(peaks[name], rss)
    # Linux reports ru_maxrss in KiB, macOS in bytes.
    scale = 1024 * (1024 if sys.platform == "darwin" else 1)
    return {name: (statistics.median(times[name]), peaks[name] / scale) for name in cases}


def make_notes(root: Path, count: int, bullets_per_note: int = 5, seed: int = 7) -> list[str]:
    """``count`` weekly notes ending last week, as `new` writes them and of the size real
    weeknotes are (150 to 300 words): an opening paragraph, the week's bullets with a
    couple of #tags, a "Something I'm learning" paragraph and next week's plans. Returns
    the bullets' texts."""
    sys.path.insert(0, str(HERE.parent / "src"))
    from weeknote.folder.note import Note, default_title, serialise
    from weeknote.weeks.week import Week

    rng = random.Random(seed)

    def words(low: int, high: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))

    root.mkdir(parents=True, exist_ok=True)
    last = Week.of(date(2026, 11, 16))
    texts: list[str] = []
    for i in range(count):
        week = last - (count - 1 - i)
        mine = [words(8, 20) for _ in range(bullets_per_note)]
        for at in rng.sample(range(bullets_per_note), 2):
            mine[at] += f" #{rng.choice(WORDS)}"
        if i % 500 == 0 or i == count - 1:  # a rare word, for search: a few notes hold it
            mine[0] += " at Millfields"
        texts.extend(mine)
        bullets = "\n".join(f"- {text}" for text in mine)
        plans = "\n".join(f"- {words(5, 10)}" for _ in range(3))
        body = (
            f"{words(30, 50).capitalize()}.\n\nHighlights from the week were:\n\n{bullets}\n\n"
            f"## Something I'm learning\n\n{words(35, 60).capitalize()}.\n\n"
            f"## Next week\n\n{plans}\n"
        )
        note = Note(week.id, (week.id,), default_title([week]), week.start, body)
        (root / f"{week.id}.md").write_text(serialise(note), encoding="utf-8")
    return texts


def base_env(notes: Path, work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        WEEKNOTE_DIR=str(notes),
        WEEKNOTE_CONFIG=str(work / "no-config.toml"),
        XDG_CACHE_HOME=str(work / "cache"),
        WEEKNOTE_TODAY="2026-11-22",
        NO_COLOR="1",
    )
    return env


def default_env(home: Path) -> dict[str, str]:
    """A person's set-up: no WEEKNOTE_* variables, so every location is a default one (the
    config and notes folders found under HOME as the platform's rules say)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WEEKNOTE_", "XDG_"))}
    env.update(HOME=str(home), WEEKNOTE_TODAY="2026-11-22", NO_COLOR="1")
    return env


def bench_capture(work: Path, runs: int) -> list[Row]:
    """`bullet` against the interpreter's own start: an empty folder, a folder of 10,000
    notes (capture must not look at them; with a #tag or into a week whose note is written
    it reads the folder's summary, made by the warm-up run), and a person's set-up with
    default locations."""
    app = work / "typer_app.py"
    app.write_text(TYPER_APP.format(path=work / "typer-out.txt"))
    env = base_env(work / "empty", work)
    large = work / "large"
    make_notes(large, 10_000)
    home = work / "home"
    home.mkdir()
    # the config file as `init` writes it: every key, each one checked on every run
    subprocess.run([*WEEKNOTE, "init"], env=default_env(home), check=True, capture_output=True)
    text = "Day with the waste team"
    splitting, added = import_cases(env)
    got = measure(
        {
            **splitting,
            "pass": ([PY, "-c", "pass"], env),
            "typer": ([PY, str(app), text], env),
            "bullet": ([*WEEKNOTE, "bullet", text], env),
            "bullet-large": ([*WEEKNOTE, "bullet", text], base_env(large, work)),
            # A #tag is checked against the folder's tags, and a bullet into a week whose
            # note is written says so: both from the folder's summary, not its index.
            "bullet-tagged": ([*WEEKNOTE, "bullet", f"{text} #waste-team"], base_env(large, work)),
            "bullet-written": (
                [*WEEKNOTE, "bullet", "-d", "2026-11-16", text],
                base_env(large, work),
            ),
            "bullet-home": ([*WEEKNOTE, "bullet", text], default_env(home)),
        },
        runs,
    )
    floor = got["pass"][0]
    FINDINGS.append(where_the_time_goes(got, added))
    return [
        Row("python -c pass", floor, "", 0.0, ""),
        Row("one-command Typer app (append a line)", got["typer"][0], "python -c pass",
            got["typer"][0] / floor, "", got["typer"][1]),
        Row("weeknote bullet (empty folder)", got["bullet"][0], "python -c pass",
            got["bullet"][0] / floor, "<=3", got["bullet"][1]),
        Row("weeknote bullet (10,000 notes)", got["bullet-large"][0], "python -c pass",
            got["bullet-large"][0] / floor, "<=3", got["bullet-large"][1]),
        Row("weeknote bullet with a #tag (10,000 notes)", got["bullet-tagged"][0],
            "python -c pass", got["bullet-tagged"][0] / floor, "<=3", got["bullet-tagged"][1]),
        Row("weeknote bullet into a written week (10,000 notes)", got["bullet-written"][0],
            "python -c pass", got["bullet-written"][0] / floor, "<=3",
            got["bullet-written"][1]),
        Row("weeknote bullet (default locations, config from init)", got["bullet-home"][0],
            "python -c pass", got["bullet-home"][0] / floor, "<=3", got["bullet-home"][1]),
    ]  # fmt: skip


def _imports(cmd: Sequence[str], env: dict[str, str]) -> dict[str, int]:
    """Each top-level import of a run, in order, with its cumulative microseconds as
    -X importtime reports them."""
    proc = subprocess.run(
        [PY, "-X", "importtime", *cmd], env=env, capture_output=True, text=True, check=True
    )
    found = {}
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|")
        if name.startswith(" ") and not name.startswith("  "):  # a top-level import
            with contextlib.suppress(ValueError):
                found[name.strip()] = int(cumulative)
    return found


def import_cases(env: dict[str, str]) -> tuple[dict[str, Command], dict[str, int]]:
    """Two processes to split `bullet`'s time with, and the imports `bullet` adds to the
    interpreter's own (cumulative microseconds by -X importtime). Both processes leave as
    a capture does, without the interpreter's tear-down: "start" only starts, "imports"
    also imports what `bullet` imports."""
    cmd = [*WEEKNOTE[1:], "bullet", "Where the time goes"]
    if len(WEEKNOTE) == 1:
        cmd = [WEEKNOTE[0], *cmd]
    baseline = _imports(["-c", "pass"], env)
    # Twice: the first capture in a new folder makes the folder's summary (the full command,
    # as after any change to the folder); the second is the common case.
    _imports(cmd, env)
    added = {k: v for k, v in _imports(cmd, env).items() if k not in baseline}
    leave = "import os; os._exit(0)"
    # with the cyclic collector off, as `weeknote` turns it off before its imports
    only_imports = "; ".join(["import gc", "gc.disable()", *(f"import {n}" for n in added), leave])
    cases: dict[str, Command] = {
        "start": ([PY, "-c", leave], env),
        "imports": ([PY, "-c", only_imports], env),
    }
    return cases, added


def where_the_time_goes(got: dict[str, tuple[float, float]], added: dict[str, int]) -> str:
    """A line splitting `bullet`'s median into the interpreter's start, the imports it adds
    (the heaviest named, by -X importtime) and the work left, from processes timed in the
    same run: where to look when capture slows down."""
    bullet, start, imports = got["bullet"][0], got["start"][0], got["imports"][0]
    ranked = sorted(added.items(), key=lambda item: -item[1])[:4]
    heaviest = ", ".join(f"{name} {micro / 1000:.1f}" for name, micro in ranked)
    return (
        f"where the time goes, weeknote bullet: {bullet * 1000:.1f} ms = interpreter start "
        f"{start * 1000:.1f} + imports {(imports - start) * 1000:.1f} (the heaviest, in ms by "
        f"-X importtime: {heaviest}) + work {(bullet - imports) * 1000:.1f}"
    )


REPORT_RUNS = 4  # times the runs of the other groups (see bench_reports)
REPORTS: dict[str, list[str]] = {
    "status": ["status"],
    "list": ["list"],
    "streak": ["streak"],
    "show": ["show"],
    "search": ["search", "Millfields"],
    "tags": ["tags"],
}


def bench_reports(work: Path, runs: int) -> list[Row]:
    """The reports read the index cache (and search its words cache), not every note: at
    2,000 notes against 10, and against the one-command Typer app."""
    app = work / "typer_app.py"
    app.write_text(TYPER_APP.format(path=work / "typer-out.txt"))
    small, large = work / "small", work / "large"
    make_notes(small, 10)
    make_notes(large, 2000)
    cases: dict[str, Command] = {"typer": ([PY, str(app), "text"], base_env(small, work))}
    for name, args in REPORTS.items():
        for label, notes in (("small", small), ("large", large)):
            cases[f"{name}-{label}"] = ([*WEEKNOTE, *args], base_env(notes, work))
    # Each target compares two medians some 20 ms apart, where single runs of one command
    # spread over a quarter of its time either way on a busy machine (65-108 ms for `list`
    # of 10 notes): four times the runs, so that the ratio is the folder's size and not the
    # noise (a median of 60 such runs still moves some 2 ms).
    got = measure(cases, REPORT_RUNS * runs)
    typer_app = got["typer"][0]
    rows = [Row("one-command Typer app (append a line)", typer_app, "", 0.0, "", got["typer"][1])]
    for name, args in REPORTS.items():
        small_s, large_s = got[f"{name}-small"], got[f"{name}-large"]
        command = " ".join(["weeknote", *args])
        rows += [
            Row(f"{command} (10 notes)", small_s[0], "", 0.0, "", small_s[1]),
            Row(f"{command} (2,000 notes)", large_s[0], f"{name}, 10 notes",
                large_s[0] / small_s[0], "<=1.3", large_s[1]),
            Row(f"{command} (2,000 notes)", large_s[0], "Typer app",
                large_s[0] / typer_app, "<=2", large_s[1]),
        ]  # fmt: skip
    return rows


class PeakRow(Row):
    """A row whose target is on its peak memory: "<60 MiB"."""

    @property
    def verdict(self) -> str:
        limit = float(self.target.removeprefix("<").removesuffix(" MiB"))
        return "met" if self.peak_mib is not None and self.peak_mib < limit else "MISSED"


def bench_memory(work: Path, runs: int) -> list[Row]:
    """Peak memory of every command on a folder of 10,000 notes, each run as a person would
    (a command that writes gets the same starting point each run)."""
    notes = work / "notes"
    make_notes(notes, 10_000)
    env = base_env(notes, work)
    env["EDITOR"] = "true"  # `edit` opens the note and returns at once
    archive = work / "archive.txt"
    archive.write_text("Weeknote w/c 4 March 1822\n\n- A day at the mill\n", encoding="utf-8")
    site, hugo = work / "site", work / "hugo"
    fresh = 'rm -rf "$0" && exec "$@"'

    def afresh(path: Path, *args: str) -> list[str]:
        return ["sh", "-c", fresh, str(path), *WEEKNOTE, *args]

    commands: dict[str, list[str]] = {
        "bullet": [*WEEKNOTE, "bullet", "Day with the waste team"],
        "new": afresh(notes / "2026-W47.md", "new", "2026-W47", "--no-edit"),
        "show": [*WEEKNOTE, "show", "2026-W47"],
        "edit": [*WEEKNOTE, "edit", "2026-W47"],
        "status": [*WEEKNOTE, "status"],
        "streak": [*WEEKNOTE, "streak"],
        "list": [*WEEKNOTE, "list"],
        "list --json": [*WEEKNOTE, "list", "--json"],
        "search, a rare word": [*WEEKNOTE, "search", "Millfields"],
        "search, a word in every note": [*WEEKNOTE, "search", "team"],
        "tags": [*WEEKNOTE, "tags"],
        "skip": [*WEEKNOTE, "skip", "next", "--reason", "holiday"],
        "config": [*WEEKNOTE, "config"],
        "export -f json": [*WEEKNOTE, "export", "-f", "json"],
        "export -f md": [*WEEKNOTE, "export", "-f", "md"],
        "export -f html": [*WEEKNOTE, "export", "-f", "html"],
        "export -f site": afresh(site, "export", "-f", "site", "-o", str(site)),
        "export -f hugo": afresh(hugo, "export", "-f", "hugo", "-o", str(hugo)),
        "import": afresh(notes / "1822-W10.md", "import", str(archive)),
    }
    got = measure({name: (cmd, env) for name, cmd in commands.items()}, runs)
    return [
        PeakRow(f"weeknote {name} (10,000 notes): peak memory", got[name][0], "", 0.0,
                "<60 MiB", got[name][1])
        for name in commands
    ]  # fmt: skip


def bench_export(work: Path, runs: int) -> list[Row]:
    """Export 2,000 notes (10,000 bullets) to JSON and to a static site, against `weeknote
    list --json` on the same notes: the same scan, without reading bodies or rendering. A
    re-export with nothing changed makes no page again (it knows what each was made from),
    so it costs little more than the scan. Then the peak memory of a site export of 10,000
    notes, which is written as it is made, never held whole."""
    notes = work / "notes"
    make_notes(notes, 2000)
    env = base_env(notes, work)
    site = work / "site"
    # A fresh folder each run, so every page is rendered and written (not found unchanged).
    fresh_site = f'rm -rf "{site}" && exec "$@"'
    got = measure(
        {
            "list": ([*WEEKNOTE, "list", "--json"], env),
            "json": ([*WEEKNOTE, "export", "--format", "json"], env),
            "site": (
                ["sh", "-c", fresh_site, "sh", *WEEKNOTE, "export", "-f", "site", "-o", str(site)],
                env,
            ),
            # A folder of its own, made by the warm-up run: re-exported as a site is, some
            # time after it was made (pages seconds old are read again, as git's are).
            "site-again": ([*WEEKNOTE, "export", "-f", "site", "-o", str(work / "again")], env),
        },
        runs,
    )
    many = work / "notes-10000"
    make_notes(many, 10_000)
    large_site = work / "site-10000"
    fresh_large = f'rm -rf "{large_site}" && exec "$@"'
    export_large = [*WEEKNOTE, "export", "-f", "site", "-o", str(large_site)]
    # The peak hardly varies from run to run: one run after the warm-up.
    large = measure(
        {"site-10000": (["sh", "-c", fresh_large, "sh", *export_large], base_env(many, work))}, 1
    )["site-10000"]
    floor = got["list"][0]
    return [
        Row("weeknote list --json (2,000 notes)", floor, "", 0.0, "", got["list"][1]),
        *(
            Row(label, got[key][0], "list --json", got[key][0] / floor, target, got[key][1])
            for key, label, target in (
                ("json", "weeknote export -f json (2,000 notes)", ""),
                ("site", "weeknote export -f site, new folder (2,002 files)", ""),
                ("site-again", "weeknote export -f site, nothing changed", "<=2"),
            )
        ),
        PeakRow(
            "weeknote export -f site, new folder (10,000 notes): peak memory",
            large[0],
            "",
            0.0,
            "<60 MiB",
            large[1],
        ),
    ]


JRNL_CONFIG = """colors:
  body: none
  date: none
  tags: none
  title: none
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: v4.6
"""


def install_jrnl(work: Path) -> Path:
    """jrnl, from the package registry, in a throwaway virtual environment."""
    venv = work / "jrnl-venv"
    subprocess.run([PY, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "pip"), "install", "-q", "jrnl"]
    if subprocess.run(pip, capture_output=True, text=True).returncode != 0:
        raise SystemExit("bench: could not install jrnl from the package registry")
    return venv / "bin" / "jrnl"


def make_journal(work: Path, name: str, texts: list[str], entries: int) -> list[str]:
    """A jrnl journal holding ``texts`` spread over ``entries`` daily entries; the config
    arguments that point jrnl at it."""
    journal = work / f"{name}.txt"
    per_entry = max(1, len(texts) // entries) if entries else 0
    day = date(2026, 11, 20)
    parts = []
    for index in range(entries):
        chunk = texts[index * per_entry : (index + 1) * per_entry]
        when = day.fromordinal(day.toordinal() - (entries - index))
        parts.append(f"[{when.isoformat()} 09:00] {chunk[0].capitalize()}.\n")
        parts.append("".join(f"{text}.\n" for text in chunk[1:]) + "\n")
    journal.write_text("".join(parts), encoding="utf-8")
    config = work / f"{name}.yaml"
    config.write_text(JRNL_CONFIG.format(journal=journal), encoding="utf-8")
    return ["--config-file", str(config)]


def bench_jrnl(work: Path, runs: int) -> list[Row]:
    jrnl = str(install_jrnl(work))
    notes = work / "notes"
    texts = make_notes(notes, 2000)  # 10,000 bullets
    empty_cfg = make_journal(work, "empty", [], 0)
    large_cfg = make_journal(work, "large", texts, 5000)
    env_empty = base_env(work / "empty-notes", work)
    env_large = base_env(notes, work)
    entry = "Day with the waste team at Millfields."
    got = measure(
        {
            "bullet": ([*WEEKNOTE, "bullet", entry], env_empty),
            "jrnl": ([jrnl, *empty_cfg, entry], env_empty),
            "bullet-large": ([*WEEKNOTE, "bullet", entry], env_large),
            "jrnl-large": ([jrnl, *large_cfg, entry], env_large),
            "export": ([*WEEKNOTE, "export", "--format", "json"], env_large),
            "jrnl-export": ([jrnl, *large_cfg, "--export", "json"], env_large),
        },
        runs,
    )

    def speedup(ours: str, theirs: str, label: str, target: str) -> list[Row]:
        return [
            Row(f"jrnl: {label}", got[theirs][0], "", 0.0, "", got[theirs][1]),
            Row(f"weeknote: {label}", got[ours][0], "jrnl (speed-up)",
                got[theirs][0] / got[ours][0], target, got[ours][1]),
        ]  # fmt: skip

    return [
        *speedup("bullet", "jrnl", "add an entry, empty journal", ">=3"),
        *speedup("bullet-large", "jrnl-large", "add an entry, 5,000 entries / 2,000 notes", ">=10"),
        *speedup("export", "jrnl-export", "export JSON, 5,000 entries / 2,000 notes", ">=2"),
    ]


def bench_front_matter(work: Path, runs: int) -> list[Row]:
    """A cold read (no index cache) of 10,000 notes with YAML front matter, against the same
    notes with TOML: `weeknote convert` makes the YAML folder from a copy of the TOML one."""
    import shutil

    toml_notes, yaml_notes = work / "toml", work / "yaml"
    make_notes(toml_notes, 10_000)
    shutil.copytree(toml_notes, yaml_notes)
    subprocess.run(
        [*WEEKNOTE, "convert", "--front-matter", "yaml"],
        env=base_env(yaml_notes, work),
        check=True,
        capture_output=True,
    )
    cases: dict[str, Command] = {}
    for name, notes in (("toml", toml_notes), ("yaml", yaml_notes)):
        env = base_env(notes, work)
        env["XDG_CACHE_HOME"] = str(work / f"cache-{name}")
        cold = f'rm -rf "{env["XDG_CACHE_HOME"]}" && exec "$@"'
        cases[name] = (["sh", "-c", cold, "sh", *WEEKNOTE, "list", "--json"], env)
    got = measure(cases, runs)
    toml_s, yaml_s = got["toml"], got["yaml"]
    return [
        Row("weeknote list --json, cold, TOML front matter (10,000 notes)", toml_s[0], "", 0.0,
            "", toml_s[1]),
        Row("weeknote list --json, cold, YAML front matter (10,000 notes)", yaml_s[0],
            "the same, TOML", yaml_s[0] / toml_s[0], "<=1.5", yaml_s[1]),
    ]  # fmt: skip


class SecondsRow(Row):
    """A row whose target is on its median time and its peak memory: "<1 s", "<1 s, <60 MiB"."""

    @property
    def verdict(self) -> str:
        met = True
        for part in self.target.split(","):
            limit = float(part.strip().removeprefix("<").split()[0])
            if part.strip().endswith("MiB"):
                met = met and self.peak_mib is not None and self.peak_mib < limit
            else:
                met = met and self.seconds < limit
        return "met" if met else "MISSED"


GATHER_EMAIL = "ann@example.org"


def make_repos(root: Path, count: int, commits: int, seed: int = 11) -> None:
    """``count`` repositories of ``commits`` commits each, made with `git fast-import`: a
    commit every two hours up to the bench's today (2026-11-22), two in three by the
    person, on one branch."""
    rng = random.Random(seed)
    end = 1795384800  # 2026-11-22T18:00:00Z
    for number in range(count):
        repo = root / f"repo{number:02d}"
        subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
        subprocess.run(["git", "-C", str(repo), "config", "user.email", GATHER_EMAIL], check=True)
        chunks = []
        for index in range(commits):
            when = end - (commits - index) * 7200
            who = GATHER_EMAIL if rng.random() < 0.67 else "sam@example.org"
            message = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {index}\n".encode()
            chunks.append(
                b"commit refs/heads/main\n"
                + f"author A <{who}> {when} +0000\ncommitter A <{who}> {when} +0000\n".encode()
                + f"data {len(message)}\n".encode()
                + message
                + b"\n"
            )
        subprocess.run(
            ["git", "-C", str(repo), "fast-import", "--quiet"],
            input=b"".join(chunks), check=True,
        )  # fmt: skip


def make_calendar(path: Path, events: int, seed: int = 13) -> None:
    """A calendar of ``events`` events over three years to the bench's today: one in ten a
    weekly or daily meeting (some with an instance moved, some with days left out), the
    rest single meetings, a few all-day."""
    rng = random.Random(seed)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//weeknote bench//EN"]
    first = date(2023, 11, 20).toordinal()
    for number in range(events):
        day = date.fromordinal(first + rng.randrange(3 * 365))
        hour = rng.randrange(8, 18)
        start = f"{day:%Y%m%d}T{hour:02d}0000"
        uid = f"event-{number}@bench"
        title = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)}"
        lines += ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20231101T000000Z"]
        if number % 10 == 0:
            london = "TZID=Europe/London"

            def at(later: int, minute: str = "00", day: date = day, hour: int = hour) -> str:
                return f"{date.fromordinal(day.toordinal() + later):%Y%m%d}T{hour:02d}{minute}00"

            every = "WEEKLY" if number % 20 else "DAILY"
            lines += [
                f"DTSTART;{london}:{start}",
                f"DTEND;{london}:{at(0, '30')}",
                f"RRULE:FREQ={every};COUNT={rng.randrange(20, 200)}",
                f"EXDATE;{london}:{at(7)}",
                f"SUMMARY:{title}",
                "END:VEVENT",
                "BEGIN:VEVENT",
                f"UID:{uid}",
                "DTSTAMP:20231101T000000Z",
                f"RECURRENCE-ID;{london}:{at(14)}",
                f"DTSTART;{london}:{at(15)}",
                f"DTEND;{london}:{at(15, '30')}",
                f"SUMMARY:{title} (moved)",
            ]
        elif number % 25 == 0:
            lines += [f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"SUMMARY:{title} day"]
        else:
            lines += [f"DTSTART:{start}Z", f"DTEND:{day:%Y%m%d}T{hour:02d}4500Z"]
            lines += [f"SUMMARY:{title}", f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{GATHER_EMAIL}"]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8", newline="")


def bench_gather(work: Path, runs: int) -> list[Row]:
    """`gather` over 20 repositories of 10,000 commits each, and over a calendar of 5,000
    events with recurrences: cold (the calendar parsed and its week expanded) and warm (the
    week's events read from the cache, keyed on the file's digest)."""
    repos, notes = work / "repos", work / "notes"
    notes.mkdir()
    make_repos(repos, 20, 10_000)
    calendar = work / "calendar.ics"
    make_calendar(calendar, 5_000)
    env = base_env(notes, work)
    cache = work / "cache"
    gather = [*WEEKNOTE, "gather", "--json"]
    cold = ["sh", "-c", 'rm -f "$0"/weeknote/calendar-*.json && exec "$@"', str(cache), *gather]
    got = measure(
        {
            "repos": ([*gather, "--repo", str(repos)], env),
            "warm": ([*gather, "--calendar", str(calendar)], env),
            "both": ([*gather, "--repo", str(repos), "--calendar", str(calendar)], env),
        },
        runs,
    )
    cold_got = measure({"cold": ([*cold, "--calendar", str(calendar)], env)}, min(runs, 3))
    size = calendar.stat().st_size / 2**20
    return [
        SecondsRow("weeknote gather (20 repositories of 10,000 commits)", got["repos"][0], "",
                   0.0, "<1 s", got["repos"][1]),
        Row(f"weeknote gather (calendar of 5,000 events, {size:.1f} MiB), cold",
            cold_got["cold"][0], "", 0.0, "", cold_got["cold"][1]),
        SecondsRow("weeknote gather (calendar of 5,000 events), warm", got["warm"][0], "", 0.0,
                   "<1 s, <60 MiB", got["warm"][1]),
        SecondsRow("weeknote gather (20 repositories and the calendar), warm", got["both"][0],
                   "", 0.0, "<1 s, <60 MiB", got["both"][1]),
    ]  # fmt: skip


IMPORT_POSTS = 2000
SITE = "https://weeks.example"


def _post_text(rng: random.Random, number: int) -> tuple[str, list[tuple[str, str]], list[str]]:
    """One generated post of about 200 words: a subtitle, paragraphs of (text, link) pieces
    and a list's items."""
    subtitle = " and ".join(rng.sample(WORDS, 2))
    paragraphs = []
    for _ in range(3):
        words = [rng.choice(WORDS) for _ in range(rng.randint(40, 55))]
        link = f"{SITE}/{rng.choice(WORDS)}/{number}/"
        paragraphs.append((" ".join(words).capitalize(), link))
    items = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 9))) for _ in range(4)]
    return subtitle, paragraphs, items


def _wrap(text: str, width: int = 72) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


def make_blog(work: Path, count: int = IMPORT_POSTS, seed: int = 11) -> tuple[Path, Path]:
    """One blog of ``count`` weekly posts, twice: a Jekyll folder (front matter, hard-wrapped
    Markdown) and its Atom feed (the same posts as HTML, links absolute)."""
    from xml.sax.saxutils import escape

    sys.path.insert(0, str(HERE.parent / "src"))
    from weeknote.weeks.week import Week

    rng = random.Random(seed)
    folder = work / "blog"
    (folder / "_posts").mkdir(parents=True)
    last = Week.of(date(2026, 11, 16))
    entries = []
    for index in range(count):
        week = last - (count - 1 - index)
        day = week.start.fromordinal(week.start.toordinal() + 4)  # the Friday
        subtitle, paragraphs, items = _post_text(rng, index)
        title = f"Weeknotes {week.id}: {subtitle}"
        path = f"/{day:%Y/%m/%d}/weeknotes-{week.id.lower()}/"
        markdown = "\n\n".join(
            _wrap(f"{text} (see [the {text.split()[0].lower()} notes]({link[len(SITE) :]}))")
            for text, link in paragraphs
        )
        markdown += "\n\n" + "\n".join(f"* {item}" for item in items) + "\n"
        (folder / "_posts" / f"{day}-weeknotes-{week.id.lower()}.md").write_text(
            f'---\nlayout: post\ntitle: "{title}"\ndate: {day} 17:00:00 +0000\n'
            f"tags: [weeknotes, {rng.choice(WORDS)}]\npermalink: {path}\n---\n\n{markdown}",
            encoding="utf-8",
        )
        html = "".join(
            f'<p>{text} (see <a href="{link}">the {text.split()[0].lower()} notes</a>)</p>\n'
            for text, link in paragraphs
        )
        html += "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>\n"
        entries.append(
            f'<entry><title>{escape(title)}</title><link href="{SITE}{path}"/>'
            f"<id>{SITE}{path}</id><published>{day}T17:00:00+00:00</published>"
            f'<updated>{day}T17:00:00+00:00</updated><category term="weeknotes"/>'
            f'<content type="html">{escape(html)}</content></entry>\n'
        )
    feed = work / "blog.atom"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Weeks</title><id>{SITE}/</id><updated>2026-11-20T17:00:00+00:00</updated>"
        f'<link href="{SITE}/"/>\n' + "".join(reversed(entries)) + "</feed>\n",
        encoding="utf-8",
    )
    return folder, feed


def bench_import(work: Path, runs: int) -> list[Row]:
    """`weeknote import` of a whole blog into an empty folder: its 2,000-entry Atom feed
    (HTML bodies of some 200 words, with links and a list) and its 2,000-post Jekyll folder;
    then the feed into the notes the folder gave (every post the same post, nothing written).
    Each import is of thousands of notes, so a third of the runs of the other groups."""
    folder, feed = make_blog(work)
    notes = work / "notes"

    def afresh(source: Path) -> list[str]:
        # An empty folder of its own each run ($$, the shell's pid): removing the last run's
        # thousands of notes is not the import's work, and is not timed with it.
        return ["sh", "-c", 'WEEKNOTE_DIR="$0/$$" exec "$@"', str(notes), *WEEKNOTE, "import",
                str(source)]  # fmt: skip

    env = base_env(notes, work)
    done = work / "done"
    subprocess.run([*WEEKNOTE, "import", str(folder)], env=base_env(done, work), check=True,
                   capture_output=True)  # fmt: skip
    got = measure(
        {
            "feed": (afresh(feed), env),
            "folder": (afresh(folder), env),
            "again": ([*WEEKNOTE, "import", str(feed)], base_env(done, work)),
        },
        max(3, runs // 3),
    )
    return [
        SecondsRow("weeknote import, an Atom feed of 2,000 posts", got["feed"][0], "", 0.0,
                   "<8 s", got["feed"][1]),
        PeakRow("weeknote import, an Atom feed of 2,000 posts: peak memory", got["feed"][0],
                "", 0.0, "<60 MiB", got["feed"][1]),
        SecondsRow("weeknote import, a Jekyll folder of 2,000 posts", got["folder"][0], "",
                   0.0, "<3 s", got["folder"][1]),
        PeakRow("weeknote import, a Jekyll folder of 2,000 posts: peak memory",
                got["folder"][0], "", 0.0, "<60 MiB", got["folder"][1]),
        Row("weeknote import, the feed into the folder's 2,000 notes (same posts)",
            got["again"][0], "", 0.0, "", got["again"][1]),
    ]  # fmt: skip


GROUPS: dict[str, Callable[[Path, int], list[Row]]] = {
    "capture": bench_capture,
    "reports": bench_reports,
    "memory": bench_memory,
    "export": bench_export,
    "jrnl": bench_jrnl,
    "frontmatter": bench_front_matter,
    "gather": bench_gather,
    "import": bench_import,
}


def table(rows: list[Row]) -> str:
    lines = [
        "| case | median s | baseline | ratio | target | verdict | peak MiB |",
        "| --- | ---: | --- | ---: | --- | --- | ---: |",
    ]
    for row in rows:
        ratio = f"{row.ratio:.2f}" if row.baseline else ""
        peak = f"{row.peak_mib:.1f}" if row.peak_mib is not None else ""
        lines.append(
            f"| {row.name} | {row.seconds:.3f} | {row.baseline} | {ratio} | {row.target} "
            f"| {row.verdict} | {peak} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("groups", nargs="*", metavar="GROUP", help=f"any of {', '.join(GROUPS)}")
    parser.add_argument("--runs", type=int, default=15, help="runs per case (median taken)")
    args = parser.parse_args(argv)
    chosen = args.groups or list(GROUPS)
    unknown = [name for name in chosen if name not in GROUPS]
    if unknown:
        parser.error(f"unknown group {unknown[0]!r}; choose from {', '.join(GROUPS)}")
    _run_once([PY, "-c", "pass"], dict(os.environ))  # the spawner, while this process is small
    # A pip install writes bytecode for the package; an editable install under
    # PYTHONDONTWRITEBYTECODE does not, so compile it once as an install would.
    import compileall

    import weeknote

    compileall.compile_dir(Path(weeknote.__file__).parent, quiet=1)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="weeknote-bench-") as tmp:
        for name in chosen:
            work = Path(tmp) / name
            work.mkdir()
            rows.extend(GROUPS[name](work, args.runs))
    text = table(rows) + "".join(f"\n\n{line}" for line in FINDINGS)
    print(text)
    header = (
        "# Benchmark results\n\n"
        f"`python bench/bench.py {' '.join(chosen)}` on {date.today().isoformat()}, "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.runs} runs per case "
        f"({REPORT_RUNS * args.runs} for reports).\n\n"
    )
    (HERE / "RESULTS.md").write_text(header + text + "\n", encoding="utf-8")
    return 0 if all(row.verdict != "MISSED" for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
