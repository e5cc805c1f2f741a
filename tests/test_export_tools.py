"""Exports opened by the real consumers: Hugo builds the content, Chromium renders the pages.

Set WEEKNOTE_SCREENSHOTS=DIR to keep Chromium's screenshots in DIR and look at them.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import Run, require_tool, write_note

# A throwaway theme: Hugo turns content into pages only through layouts.
HUGO_CONFIG = 'baseURL = "https://example.org/"\ntitle = "Weeknotes"\n'
HUGO_LAYOUTS = {
    "single.html": "<h1>{{ .Title }}</h1>{{ .Content }}",
    "list.html": '{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}',
}
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


@pytest.fixture
def notes(notes_dir: Path) -> list[str]:
    """Past weeks (Hugo skips notes dated after today), over two years, one unsafe."""
    weeks = ["2024-W50", "2024-W52", "2025-W01", "2025-W02"]
    for week in weeks[:-1]:
        write_note(
            notes_dir, week, f"Highlights:\n\n- Worked on {week} #team\n\n## Next\n\n- More\n"
        )
    write_note(notes_dir, weeks[-1], "- <script>alert(1)</script> [x](javascript:alert(2))\n")
    return weeks


def _hugo_build(run: Run, tmp_path: Path) -> None:
    hugo = require_tool("hugo")
    site = tmp_path / "blog"
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "hugo.toml").write_text(HUGO_CONFIG)
    for name, text in HUGO_LAYOUTS.items():
        (site / "layouts" / "_default" / name).write_text(text)
    # The site has its own files, so the first export into it needs --force.
    result = run("export", "-f", "hugo", "-o", str(site), "--force")
    assert result.exit_code == 0, result.stderr
    public, cache = tmp_path / "public", tmp_path / "hugo-cache"  # a cache of its own
    proc = subprocess.run(
        [hugo, "--source", str(site), "--destination", str(public), "--cacheDir", str(cache)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_hugo_builds_one_page_per_note(run: Run, notes: list[str], tmp_path: Path) -> None:
    _hugo_build(run, tmp_path)
    pages = sorted((tmp_path / "public" / "weeknotes").glob("*/index.html"))
    assert [p.parent.name for p in pages] == sorted(week.lower() for week in notes)
    built = (tmp_path / "public" / "weeknotes" / "2024-w50" / "index.html").read_text()
    assert "<h1>Weeknote 2024-W50</h1>" in built and "Worked on 2024-W50" in built
    unsafe = (tmp_path / "public" / "weeknotes" / "2025-w02" / "index.html").read_text()
    assert "<script" not in unsafe
    assert "/tags/team/" in (tmp_path / "public" / "tags" / "index.html").read_text()


def test_notes_holding_shortcode_syntax_build_and_show_as_written(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    body = (
        "- Embedding {{< youtube abc123 >}} needs a theme\n"
        "- Percent form {{% note %}} too\n"
        "- A lone {{< without its end\n\n"
        "```\n{{< gist someone 1 >}}\n```\n"
    )
    write_note(notes_dir, "2025-W03", body)
    _hugo_build(run, tmp_path)
    page = (tmp_path / "public" / "weeknotes" / "2025-w03" / "index.html").read_text()
    assert "Embedding {{&lt; youtube abc123 &gt;}} needs a theme" in page
    assert "Percent form {{% note %}} too" in page
    assert "A lone {{&lt; without its end" in page
    assert "{{&lt; gist someone 1 &gt;}}" in page


def _chromium(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_pages_render_in_chromium(run: Run, notes: list[str], tmp_path: Path) -> None:
    chromium = require_tool("chromium")
    site = tmp_path / "site"
    assert run("export", "-f", "site", "-o", str(site)).exit_code == 0
    assert run("export", "-f", "html", "-o", str(tmp_path / "all.html")).exit_code == 0
    dom = _chromium(chromium, tmp_path / "p0", "--dump-dom", (site / "2025-W02.html").as_uri())
    assert dom.returncode == 0, dom.stderr
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom.stdout
    assert "<script" not in dom.stdout and 'href="javascript' not in dom.stdout
    # The year page's heatmap is drawn without a script; the tag page lists its notes.
    year = _chromium(chromium, tmp_path / "py", "--dump-dom", (site / "2025.html").as_uri())
    assert year.returncode == 0, year.stderr
    assert year.stdout.count('<g class="week ') >= 52 and "<script" not in year.stdout
    tag = _chromium(chromium, tmp_path / "pt", "--dump-dom", (site / "tag-team.html").as_uri())
    assert tag.stdout.count('href="2025-W0') == 1 and 'href="2024-W52.html"' in tag.stdout
    shots = Path(os.environ.get("WEEKNOTE_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    views = {
        "index-light.png": (site / "index.html", "1200,900", []),
        "note-dark-phone.png": (site / "2024-W52.html", "390,844", ["--force-dark-mode"]),
        "html-phone.png": (tmp_path / "all.html", "390,1400", []),
        "year-dark-phone.png": (site / "2025.html", "390,1400", ["--force-dark-mode"]),
        "tag-light.png": (site / "tag-team.html", "1200,900", []),
    }
    for number, (name, (page, size, extra)) in enumerate(views.items(), start=1):
        shot = shots / name
        proc = _chromium(
            chromium,
            tmp_path / f"p{number}",
            f"--window-size={size}",
            *extra,
            f"--screenshot={shot}",
            page.as_uri(),
        )
        assert proc.returncode == 0, proc.stderr
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 5000
