"""Benchmarks for weeknote: whole-process medians, each as a ratio to a baseline from the same run.

Run from the repository root, after installing the project (see README):

    python bench/bench.py            # every case
    python bench/bench.py capture    # one group: capture, streak, list, export, jrnl

It prints a table and writes it to bench/RESULTS.md. Generated archives come from a
fixed seed, so two runs time the same work.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
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


def _run_once(cmd: Sequence[str], env: dict[str, str]) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        err = subprocess.run(cmd, env=env, capture_output=True, text=True).stderr
        raise SystemExit(f"bench: {' '.join(cmd)} failed: {err[-500:]}")
    return elapsed, usage.ru_maxrss


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
    """``count`` weekly notes ending last week, each with bullets, as `new` writes them;
    returns the bullets' texts."""
    sys.path.insert(0, str(HERE.parent / "src"))
    from weeknote.note import Note, default_title, serialise
    from weeknote.weeks import Week

    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    last = Week.of(date(2026, 11, 16))
    texts: list[str] = []
    for i in range(count):
        week = last - (count - 1 - i)
        mine = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20)))
            for _ in range(bullets_per_note)
        ]
        texts.extend(mine)
        bullets = "\n".join(f"- {text}" for text in mine)
        body = f"Highlights from the week were:\n\n{bullets}\n"
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


def bench_capture(work: Path, runs: int) -> list[Row]:
    app = work / "typer_app.py"
    app.write_text(TYPER_APP.format(path=work / "typer-out.txt"))
    env = base_env(work / "empty", work)
    large = work / "large"
    make_notes(large, 2000)
    text = "Day with the waste team"
    got = measure(
        {
            "pass": ([PY, "-c", "pass"], env),
            "typer": ([PY, str(app), text], env),
            "bullet": ([*WEEKNOTE, "bullet", text], env),
            "bullet-large": ([*WEEKNOTE, "bullet", text], base_env(large, work)),
        },
        runs,
    )
    floor, typer_app = got["pass"][0], got["typer"][0]
    return [
        Row("python -c pass", floor, "", 0.0, ""),
        Row(
            "one-command Typer app (append a line)",
            typer_app,
            "python -c pass",
            typer_app / floor,
            "",
            got["typer"][1],
        ),
        Row(
            "weeknote bullet (empty folder)",
            got["bullet"][0],
            "Typer app",
            got["bullet"][0] / typer_app,
            "<=1.3",
            got["bullet"][1],
        ),
        Row(
            "weeknote bullet (2,000 notes)",
            got["bullet-large"][0],
            "Typer app",
            got["bullet-large"][0] / typer_app,
            "<=1.3",
            got["bullet-large"][1],
        ),
    ]


def bench_streak(work: Path, runs: int) -> list[Row]:
    """`streak` and `list` must read the index cache, not every note: 2,000 notes against 10."""
    small, large = work / "small", work / "large"
    make_notes(small, 10)
    make_notes(large, 2000)
    cases: dict[str, Command] = {}
    for command in ("streak", "list"):
        for label, notes in (("small", small), ("large", large)):
            cases[f"{command}-{label}"] = ([*WEEKNOTE, command], base_env(notes, work))
    got = measure(cases, runs)
    rows = []
    for command in ("streak", "list"):
        small_s, large_s = got[f"{command}-small"], got[f"{command}-large"]
        rows.append(Row(f"weeknote {command} (10 notes)", small_s[0], "", 0.0, "", small_s[1]))
        rows.append(
            Row(
                f"weeknote {command} (2,000 notes)",
                large_s[0],
                f"{command}, 10 notes",
                large_s[0] / small_s[0],
                "<=1.5",
                large_s[1],
            )
        )
    return rows


class PeakRow(Row):
    """A row whose target is on its peak memory: "<60 MiB"."""

    @property
    def verdict(self) -> str:
        limit = float(self.target.removeprefix("<").removesuffix(" MiB"))
        return "met" if self.peak_mib is not None and self.peak_mib < limit else "MISSED"


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
            "site-again": ([*WEEKNOTE, "export", "-f", "site", "-o", str(site)], env),
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
        *speedup("bullet", "jrnl", "add an entry, empty journal", ">=1.5"),
        *speedup("bullet-large", "jrnl-large", "add an entry, 5,000 entries / 2,000 notes", ">=8"),
        *speedup("export", "jrnl-export", "export JSON, 5,000 entries / 2,000 notes", ">=2"),
    ]


GROUPS: dict[str, Callable[[Path, int], list[Row]]] = {
    "capture": bench_capture,
    "streak": bench_streak,
    "export": bench_export,
    "jrnl": bench_jrnl,
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
    text = table(rows)
    print(text)
    header = (
        "# Benchmark results\n\n"
        f"`python bench/bench.py {' '.join(chosen)}` on {date.today().isoformat()}, "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.runs} runs per case.\n\n"
    )
    (HERE / "RESULTS.md").write_text(header + text + "\n", encoding="utf-8")
    return 0 if all(row.verdict != "MISSED" for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
