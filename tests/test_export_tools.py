"""Exports opened by the real consumers: Hugo builds the content, Chromium renders the pages.

Set WEEKNOTE_SCREENSHOTS=DIR to keep Chromium's screenshots in DIR and look at them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


# Raw HTML, a table, strikethrough and a bare URL: the site and Hugo show the same thing.
SAME_EVERYWHERE = (
    "Press <kbd>Ctrl</kbd>+<kbd>C</kbd> to copy, `<kbd>` in code.\n\n"
    "<div>a block</div>\n\n"
    "| bin | day |\n| --- | --: |\n| green | ~~Tue~~ Wed |\n\n"
    "See https://example.org/bins for the rota.\n\n"
    "```\n<pre>kept as written</pre>\n```\n"
)


def test_hugo_and_the_site_show_raw_html_as_text_and_render_tables_alike(
    run: Run, notes_dir: Path, tmp_path: Path
) -> None:
    write_note(notes_dir, "2025-W03", SAME_EVERYWHERE)
    _hugo_build(run, tmp_path)
    hugo = (tmp_path / "public" / "weeknotes" / "2025-w03" / "index.html").read_text()
    assert run("export", "-f", "site", "-o", str(tmp_path / "site")).exit_code == 0
    site = (tmp_path / "site" / "2025-W03.html").read_text()
    for page in (hugo, site):
        assert "<kbd>" not in page and "raw HTML omitted" not in page
        assert "&lt;kbd&gt;Ctrl&lt;/kbd&gt;+&lt;kbd&gt;C&lt;/kbd&gt;" in page
        assert "<code>&lt;kbd&gt;</code>" in page
        assert "&lt;div&gt;a block&lt;/div&gt;" in page
        assert "&lt;pre&gt;kept as written&lt;/pre&gt;" in page
        assert "<th>bin</th>" in page and ("<del>Tue</del>" in page or "<s>Tue</s>" in page)
        assert '<a href="https://example.org/bins">https://example.org/bins</a>' in page


# Puts the two pipe ends where Chromium looks for them (copied above 4 first, as either may
# be 3 or 4 already), then becomes Chromium.
_PIPES_AT_3_AND_4 = (
    "import fcntl, os, sys\n"
    "into, out = (fcntl.fcntl(int(fd), fcntl.F_DUPFD, 5) for fd in sys.argv[1:3])\n"
    "os.dup2(into, 3)\n"
    "os.dup2(out, 4)\n"
    "os.execv(sys.argv[3], sys.argv[3:])\n"
)


class DevTools:
    """A headless Chromium driven through its DevTools protocol over a pipe (fd 3 in, fd 4
    out, each message JSON ended by a NUL): what the page's script-free policy forbids, the
    protocol still does, and no websocket client is needed."""

    def __init__(self, binary: str, profile: Path) -> None:
        profile.mkdir(parents=True, exist_ok=True)
        into, self._to = os.pipe()
        self._from, out = os.pipe()
        args = [*CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe"]
        self.process = subprocess.Popen(
            [sys.executable, "-c", _PIPES_AT_3_AND_4, str(into), str(out), binary, *args],
            pass_fds=(into, out),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(into)
        os.close(out)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []

    def _message(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from, 65536)
            if not chunk:
                raise RuntimeError(f"Chromium closed its pipe (exit {self.process.poll()})")
            self._buffer += chunk
        text, _, self._buffer = self._buffer.partition(b"\0")
        found: dict[str, Any] = json.loads(text)
        return found

    def call(self, method: str, session: str = "", **params: Any) -> dict[str, Any]:
        self._next += 1
        sent: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            sent["sessionId"] = session
        os.write(self._to, json.dumps(sent).encode() + b"\0")
        while True:
            reply = self._message()
            if reply.get("id") == self._next:
                assert "error" not in reply, (method, reply["error"])
                result: dict[str, Any] = reply["result"]
                return result
            self.events.append(reply)

    def wait_for(self, event: str, session: str) -> None:
        while True:
            for index, seen in enumerate(self.events):
                if seen.get("method") == event and seen.get("sessionId") == session:
                    del self.events[: index + 1]
                    return
            self.events.append(self._message())

    def page(self) -> str:
        """A new tab, attached: its session id."""
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        session: str = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        self.call("Page.enable", session)
        return session

    def open(self, session: str, url: str) -> None:
        self.events.clear()
        self.call("Page.navigate", session, url=url)
        self.wait_for("Page.loadEventFired", session)

    def value(self, session: str, expression: str) -> Any:
        found = self.call("Runtime.evaluate", session, expression=expression, returnByValue=True)
        return found["result"]["value"]

    def close(self) -> None:
        os.close(self._to)
        os.close(self._from)
        self.process.kill()
        self.process.wait()


@pytest.fixture
def devtools(tmp_path: Path) -> Iterator[DevTools]:
    browser = DevTools(require_tool("chromium"), tmp_path / "profile")
    yield browser
    browser.close()


LONG_WORD = "Antidisestablishmentarianism-and-the-recycling-rota-spreadsheet-v2-final"
MANY_TAGS = " ".join(
    f"#{name}"
    for name in (
        "waste-and-recycling-team",
        "neighbourhood-planning",
        "digital-inclusion",
        "procurement-reform",
        "accessibility",
        "weekly-retrospective",
    )
)
WIDE_BODY = (
    f"Highlights of a long week {MANY_TAGS}\n\n"
    f"- A word with no place to break: {LONG_WORD}{LONG_WORD}\n"
    "- A long link https://example.org/a/very/long/path/that/goes/on/and/on/and/on/"
    "without-a-single-space-in-it-anywhere?query=string&and=more\n"
    f"- Inline code `{LONG_WORD}.{LONG_WORD}()`\n\n"
    "| Week | Collections | Missed | Complaints | Crews out | Fuel (litres) | Notes |\n"
    "| --- | --: | --: | --: | --: | --: | --- |\n"
    "| 2026-W47 | 12,345 | 67 | 8 | 14 | 3,210.5 | a wet Tuesday, the depot gate jammed |\n\n"
    f"```\n{'x = compute(' * 12}\n```\n\n## Next\n\n- ~~Nothing~~ More of the same\n"
)


def test_every_page_fits_a_phone_and_reads_well_wide(
    run: Run, notes_dir: Path, config_file: Path, tmp_path: Path, devtools: DevTools
) -> None:
    """scrollWidth on every page of a site with long titles, many tags, a wide table and
    long words: never wider than a 320 px phone; at 1280 px, a text column of readable
    width."""
    config_file.write_text(
        '[site]\ntitle = "The Weeknotes of the Neighbourhood Services Directorate"\n'
        'author = "Ann Example-Longsurname-Doublebarrel"\n'
    )
    weeks = ["2025-W51", "2026-W01", "2026-W02", "2026-W46"]
    for number, week in enumerate(weeks):
        write_note(notes_dir, week, WIDE_BODY, title=f"{LONG_WORD} {number} {LONG_WORD}")
    write_note(notes_dir, "2026-W44", "A fortnight's note.\n", weeks=["2026-W43", "2026-W44"])
    site = tmp_path / "site"
    assert run("export", "-f", "site", "-o", str(site)).exit_code == 0
    assert run("export", "-f", "html", "-o", str(site / "all.html")).exit_code == 0
    pages = sorted(site.glob("*.html"))
    assert len(pages) >= 15  # notes, years, tags, the index and the html page

    tab = devtools.page()
    for width, mobile in ((320, True), (1280, False)):
        devtools.call(
            "Emulation.setDeviceMetricsOverride",
            tab,
            width=width,
            height=800,
            deviceScaleFactor=1,
            mobile=mobile,
        )
        wider, column = {}, {}
        for page in pages:
            devtools.open(tab, page.as_uri())
            scroll = devtools.value(tab, "document.documentElement.scrollWidth")
            if scroll > width:
                wider[page.name] = scroll
            text = devtools.value(tab, "document.body.clientWidth")
            if width == 1280 and not 600 <= text <= 760:  # about 70 characters a line
                column[page.name] = text
        assert wider == {}, f"pages wider than {width} px"
        assert column == {}, "a text column too narrow or too wide at 1280 px"
