"""`weeknote gather`: real git repositories and real calendars, made by each test, read into the
week's candidates; drafted with --add or the picker (in a real pseudo-terminal); gathered again
without repeats; and `status` and `new` saying what is not drafted yet."""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import Run, git, require_tool

TODAY = "2026-12-04"  # a Friday: 2026-W49 runs from Mon 30 Nov to Sun 6 Dec
ME, OLD_ME, COLLEAGUE = "me@example.org", "me@old.example.org", "sam@example.org"


@pytest.fixture(autouse=True)
def week(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Friday 4 December 2026, in Berlin (an hour east of UTC): days are local days."""
    monkeypatch.setenv("WEEKNOTE_TODAY", TODAY)
    monkeypatch.setenv("TZ", "Europe/Berlin")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def commit(repo: Path, when: str, subject: str, email: str = ME) -> str:
    """A commit of a new file, authored and committed at ``when`` (local time) by ``email``."""
    (repo / f"{subject.replace(' ', '-').replace(chr(39), '')}.txt").write_text(subject)
    git(repo, "add", "-A")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": email.split("@")[0],
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": email.split("@")[0],
        "GIT_COMMITTER_EMAIL": email,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(["git", "-C", str(repo), "commit", "-qm", subject], check=True, env=env)
    return git(repo, "rev-parse", "HEAD").strip()


def new_repo(path: Path, email: str = ME) -> Path:
    path.mkdir(parents=True)
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "user.email", email)
    git(path, "config", "user.name", "Me")
    return path


@pytest.fixture
def repos(tmp_path: Path) -> Path:
    """A folder of two repositories: ``weeknote`` (two authors, a branch merged, several
    days, last week and tomorrow too) and ``site`` (committed as an address only
    gather.emails names)."""
    require_tool("git")
    src = tmp_path / "src"
    weeknote = new_repo(src / "weeknote")
    commit(weeknote, "2026-11-27T16:00:00", "last week's work")
    commit(weeknote, "2026-11-30T09:15:00", "tag pages")
    commit(weeknote, "2026-11-30T11:40:00", "feed limit")
    commit(weeknote, "2026-11-30T12:00:00", "their fix", email=COLLEAGUE)
    git(weeknote, "checkout", "-q", "-b", "side")
    commit(weeknote, "2026-12-01T10:00:00", "search cache")
    git(weeknote, "checkout", "-q", "main")
    commit(weeknote, "2026-12-01T09:00:00", "help text")
    merged = "2026-12-01T17:00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": merged, "GIT_COMMITTER_DATE": merged}
    subprocess.run(
        ["git", "-C", str(weeknote), "merge", "-q", "--no-ff", "-m", "Merge side", "side"],
        check=True,
        env=env,
    )
    commit(weeknote, "2026-12-05T10:00:00", "saturday's work")  # after today
    commit(weeknote, "2026-12-03T23:30:00", "late night fix")
    site = new_repo(src / "site", email="someone@elsewhere.org")
    commit(site, "2026-12-02T14:00:00", "new theme", email=OLD_ME)
    commit(site, "2026-12-02T15:00:00", "their theme", email=COLLEAGUE)
    (src / "not-a-repo").mkdir()
    return src


ICS_HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//weeknote tests//EN\r\n"


def event(uid: str, *lines: str) -> str:
    return "".join(
        f"{line}\r\n"
        for line in ("BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20261101T090000Z", *lines, "END:VEVENT")
    )


CALENDAR = (
    ICS_HEAD
    # a weekly meeting whose instance this week moved to Tuesday afternoon
    + event(
        "planning@example.org",
        "DTSTART;TZID=Europe/London:20261102T100000",
        "DTEND;TZID=Europe/London:20261102T110000",
        "RRULE:FREQ=WEEKLY;BYDAY=MO",
        "SUMMARY:Planning with the waste team",
    )
    + event(
        "planning@example.org",
        "RECURRENCE-ID;TZID=Europe/London:20261130T100000",
        "DTSTART;TZID=Europe/London:20261201T140000",
        "DTEND;TZID=Europe/London:20261201T150000",
        "SUMMARY:Planning with the waste team (moved)",
    )
    + event(
        "away@example.org",
        "DTSTART;VALUE=DATE:20261203",
        "DTEND;VALUE=DATE:20261204",
        "SUMMARY:Team away day",
    )
    # 23:30 in New York on Tuesday is 05:30 on Wednesday in Berlin
    + event(
        "boston@example.org",
        "DTSTART;TZID=America/New_York:20261201T233000",
        "DTEND;TZID=America/New_York:20261202T000000",
        "SUMMARY:Call with the Boston office",
    )
    + event(
        "review@example.org",
        "DTSTART:20261202T090000Z",
        "DTEND:20261202T100000Z",
        "SUMMARY:Design review",
        f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{ME.upper()}",
        f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{COLLEAGUE}",
    )
    + event(
        "declined@example.org",
        "DTSTART:20261202T120000Z",
        "DTEND:20261202T130000Z",
        "SUMMARY:Budget meeting",
        f"ATTENDEE;PARTSTAT=DECLINED:mailto:{ME}",
        f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{COLLEAGUE}",
    )
    + event(
        "others@example.org",
        "DTSTART:20261202T130000Z",
        "DTEND:20261202T140000Z",
        "SUMMARY:Their stand-up",
        f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{COLLEAGUE}",
    )
    + event(
        "cancelled@example.org",
        "DTSTART:20261203T100000Z",
        "DTEND:20261203T110000Z",
        "STATUS:CANCELLED",
        "SUMMARY:Retro",
    )
    + event(
        "doctor@example.org",
        "DTSTART:20261204T080000Z",
        "DTEND:20261204T090000Z",
        "CLASS:PRIVATE",
        "SUMMARY:Doctor's appointment",
    )
    + event(
        "saturday@example.org",
        "DTSTART:20261205T100000Z",
        "DTEND:20261205T110000Z",
        "SUMMARY:Saturday market",
    )
    + "END:VCALENDAR\r\n"
)


@pytest.fixture
def calendar(tmp_path: Path) -> Path:
    path = tmp_path / "work.ics"
    path.write_text(CALENDAR, encoding="utf-8", newline="")
    return path


@pytest.fixture
def configured(config_file: Path, repos: Path, calendar: Path) -> Path:
    config_file.write_text(
        "[gather]\n"
        f'repos = ["{repos}"]\n'
        f'calendars = ["{calendar}"]\n'
        f'emails = ["{ME}", "{OLD_ME}"]\n',
        encoding="utf-8",
    )
    return config_file


def candidates(run: Run, *args: str) -> list[dict[str, object]]:
    result = run("gather", "--json", *args)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)  # the whole of stdout
    assert document["version"] == 1
    found: list[dict[str, object]] = document["candidates"]
    return found


def texts(found: list[dict[str, object]]) -> list[tuple[object, object]]:
    return [(item["day"], item["text"]) for item in found]


EXPECTED = [
    ("2026-11-30", "weeknote, 2 commits: tag pages, feed limit"),
    ("2026-12-01", "weeknote, 2 commits: help text, search cache"),
    ("2026-12-01", "Met: Planning with the waste team (moved)"),
    ("2026-12-02", "Met: Call with the Boston office"),
    ("2026-12-02", "Met: Design review"),
    ("2026-12-02", "site, 1 commit: new theme"),
    ("2026-12-03", "Met: Team away day"),
    ("2026-12-03", "weeknote, 1 commit: late night fix"),
    ("2026-12-04", "busy"),
]


def test_the_weeks_commits_and_meetings_by_day(run: Run, configured: Path) -> None:
    found = candidates(run)
    assert texts(found) == EXPECTED
    assert [item["number"] for item in found] == list(range(1, len(EXPECTED) + 1))
    assert {item["source"] for item in found} == {"weeknote", "site", "work"}
    assert [item["private"] for item in found] == [False] * 8 + [True]
    assert "Doctor" not in json.dumps(found)  # a private event's title is never shown
    listed = run("gather")
    assert listed.exit_code == 0
    assert listed.stdout.splitlines()[:3] == [
        "Mon 30 Nov",
        "  1  09:15 weeknote, 2 commits: tag pages, feed limit  [git weeknote]",
        "Tue 1 Dec",
    ]
    assert "  9  09:00 busy  [calendar work] (private: drafted only by number)" in listed.stdout
    assert "9 things gathered for 2026-W49" in listed.stderr


def test_added_bullets_name_their_source_and_are_not_offered_again(
    run: Run, configured: Path, notes_dir: Path, repos: Path
) -> None:
    added = run("gather", "--add", "all", "--section", "learning")
    assert added.exit_code == 0, added.output
    assert "8 bullets gathered into 2026-W49's drafts." in added.stderr
    monday = (notes_dir / "drafts" / "2026-11-30.md").read_text(encoding="utf-8")
    line = monday.splitlines()[0]
    assert line.startswith(
        "- #learning weeknote, 2 commits: tag pages, feed limit <!-- 2026-12-04T"
    )
    assert line.endswith(" -->") and " git-" in line
    friday = notes_dir / "drafts" / "2026-12-04.md"
    assert not friday.exists()  # the private event is drafted only when picked by number
    shown = run("show", "this").stdout
    assert "weeknote, 2 commits: tag pages, feed limit" in shown and "<!--" not in shown
    assert candidates(run) == []  # all drafted, the private one passed over
    again = candidates(run, "--all")
    assert texts(again) == [("2026-12-04", "busy")]
    assert run("gather", "--all", "--add", "1").exit_code == 0
    assert friday.read_text(encoding="utf-8").startswith("- busy <!-- ")  # as "busy"
    # a commit later on a day already gathered: only it is offered
    commit(repos / "weeknote", "2026-12-01T19:00:00", "evening fix")
    assert texts(candidates(run, "--all")) == [("2026-12-01", "weeknote, 1 commit: evening fix")]


def test_a_gathered_bullet_is_taken_back_like_any_other(run: Run, configured: Path) -> None:
    assert run("gather", "--add", "9").exit_code == 0
    undone = run("bullet", "--undo")
    assert undone.exit_code == 0, undone.output
    assert "busy" in undone.output
    # taken back, it is no longer drafted: offered again (the rest were passed over)
    assert texts(candidates(run)) == [("2026-12-04", "busy")]


def test_numbers_out_of_range_are_refused(run: Run, configured: Path) -> None:
    result = run("gather", "--add", "3,12")
    assert result.exit_code == 2
    assert "no candidate 12 (the candidates are 1 to 9)" in result.stderr
    assert run("gather", "--add", "first").exit_code == 2


def test_status_and_new_say_what_is_not_drafted(
    run: Run, configured: Path, notes_dir: Path
) -> None:
    assert "Gathered" not in run("status").stdout  # never gathered: nothing to say
    run("gather")
    status = run("status")
    assert "Gathered: 9 things gathered this week are not drafted: weeknote gather" in status.stdout
    assert json.loads(run("status", "--json").stdout)["gathered_not_drafted"] == 9
    run("gather", "--add", "1-3")
    made = run("new", "--no-edit")
    assert made.exit_code == 0
    assert "things gathered" not in made.stderr  # the rest were passed over
    assert "Gathered" not in run("status").stdout


def test_status_reads_no_source(run: Run, configured: Path, calendar: Path) -> None:
    run("gather")
    calendar.unlink()
    assert "9 things gathered this week" in run("status").stdout


def test_a_source_that_cannot_be_read_is_one_warning(
    run: Run, config_file: Path, repos: Path, calendar: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.ics"
    broken.write_text("BEGIN:VCALENDAR\r\nthis is not a calendar\r\n", encoding="utf-8")
    config_file.write_text(
        f'[gather]\nrepos = ["{repos}", "{tmp_path / "gone"}"]\n'
        f'calendars = ["{tmp_path / "gone.ics"}", "{broken}"]\nemails = ["{ME}"]\n',
        encoding="utf-8",
    )
    result = run("gather", "--json", "--calendar", str(calendar))
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 3, lines
    assert lines[0] == f"Warning: gather.repos {tmp_path / 'gone'}: no such folder; left out"
    assert lines[1] == f"Warning: calendar {tmp_path / 'gone.ics'}: no such file; left out"
    assert lines[2].startswith(f"Warning: calendar {broken}: is not a calendar")
    assert "Traceback" not in result.output
    assert len(json.loads(result.stdout)["candidates"]) == 8  # the site's address: not mine


def test_sources_for_one_run(run: Run, repos: Path, calendar: Path) -> None:
    found = candidates(run, "--repo", str(repos / "weeknote"), "--calendar", str(calendar))
    assert ("2026-11-30", "weeknote, 2 commits: tag pages, feed limit") in texts(found)
    # with no address configured, the repository's user.email is the person, and every event
    # counts (who attends cannot be told)
    assert ("2026-12-02", "Met: Budget meeting") in texts(found)
    assert not any(item["source"] == "site" for item in found)


def test_the_filters(run: Run, configured: Path, repos: Path) -> None:
    with configured.open("a", encoding="utf-8") as handle:
        handle.write('skip = ["site"]\nleave_out = ["*BOSTON*"]\nhours = "10:30-18:00"\n')
    found = texts(candidates(run))
    assert ("2026-12-02", "Met: Call with the Boston office") not in found
    assert ("2026-12-02", "site, 1 commit: new theme") not in found
    assert ("2026-12-03", "Met: Team away day") in found  # all-day: kept
    assert ("2026-12-04", "busy") not in found  # 09:00-10:00: before the working hours
    assert ("2026-12-02", "Met: Design review") in found  # 10:00-11:00 in Berlin


def test_gather_keys_are_listed_and_checked(run: Run, configured: Path) -> None:
    listed = run("config").stdout
    for key in ("gather.repos", "gather.calendars", "gather.emails", "gather.skip",
                "gather.leave_out", "gather.hours"):  # fmt: skip
        assert key in listed
    bad = run("config", "gather.hours", "9 to 5")
    assert bad.exit_code == 2  # a bad value typed for config is a usage error
    assert bad.stderr.count("\n") == 1 and '"09:00-18:00"' in bad.stderr
    with configured.open("a", encoding="utf-8") as handle:
        handle.write('hours = "18:00-09:00"\n')
    refused = run("gather")
    assert refused.exit_code == 3
    assert f"config {configured}, line" in refused.stderr


def test_a_calendar_is_parsed_once(calendar: Path, tmp_path: Path) -> None:
    from datetime import date

    from weeknote.gather.calendar import week_events

    cache = str(tmp_path / "cache")
    first, cached = week_events(str(calendar), date(2026, 11, 30), date(2026, 12, 6), cache)
    assert not cached
    second, cached = week_events(str(calendar), date(2026, 11, 30), date(2026, 12, 6), cache)
    assert cached and second == first
    calendar.write_text(CALENDAR.replace("Team away day", "Away day"), encoding="utf-8")
    third, cached = week_events(str(calendar), date(2026, 11, 30), date(2026, 12, 6), cache)
    assert not cached and any(item["summary"] == "Away day" for item in third)


class _Calendars(http.server.BaseHTTPRequestHandler):
    asked: list[tuple[str, str]] = []

    def do_GET(self) -> None:  # noqa: N802 (the server's name for it)
        self.asked.append((self.path, self.headers.get("If-None-Match", "")))
        if self.path != "/team.ics":
            self.send_error(404)
            return
        if self.headers.get("If-None-Match") == '"v1"':
            self.send_response(304)
            self.end_headers()
            return
        body = CALENDAR.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        self.send_header("ETag", '"v1"')
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Calendars.asked = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Calendars)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def test_a_calendar_served_over_http(run: Run, server: str, config_file: Path) -> None:
    config_file.write_text(f'[gather]\nemails = ["{ME}"]\n', encoding="utf-8")
    url = f"{server}/team.ics"
    found = candidates(run, "--calendar", url, "--calendar", f"{server}/gone.ics")
    assert texts(found)[0] == ("2026-12-01", "Met: Planning with the waste team (moved)")
    assert len(found) == 5  # declined, not invited, cancelled and Saturday's left out
    again = run("gather", "--json", "--calendar", url)
    assert json.loads(again.stdout)["candidates"] == found
    assert ("/team.ics", '"v1"') in _Calendars.asked  # asked again only if it changed
    missing = run("gather", "--calendar", f"{server}/gone.ics")
    assert missing.exit_code == 0
    assert f"Warning: calendar {server}/gone.ics: the server answered 404" in missing.stderr


def test_bullet_imports_nothing_of_gather(run: Run) -> None:
    code = (
        "import sys, runpy; sys.argv = ['weeknote', 'bullet', 'x']\n"
        "try:\n    runpy.run_module('weeknote', run_name='__main__')\n"
        "except SystemExit: pass\n"
        "bad = [m for m in sys.modules if m.startswith(('weeknote.gather', 'icalendar',"
        " 'recurring_ical_events', 'questionary'))]\n"
        "print(bad)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr


def test_the_picker_in_a_terminal(configured: Path, notes_dir: Path) -> None:
    """The real `weeknote gather` in a pseudo-terminal: the first candidate and the private
    event (the last) are picked with the space bar, the list accepted with enter, and what
    the busy hour was is typed in place of "busy"."""
    pytest.importorskip("questionary")
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: the real command, on the terminal
        os.environ["TERM"] = "xterm"
        os.environ.pop("NO_COLOR", None)
        os.execv(sys.executable, [sys.executable, "-m", "weeknote", "gather"])
    seen = b""

    def wait_for(text: bytes) -> None:
        nonlocal seen
        while text not in seen:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                chunk = b""
            if not chunk:
                raise AssertionError(f"the picker ended before {text!r}: {seen[-2000:]!r}")
            seen += chunk

    wait_for(b"Draft which?")
    wait_for(b"Fri 4 Dec")  # every choice drawn
    os.write(fd, b" ")
    wait_for(b"\xe2\x97\x8f")  # the first box ticked
    os.write(fd, b"\x1b[B" * 8 + b" ")  # down to the ninth, the private event
    os.write(fd, b"\r")
    wait_for(b"what was it?")
    os.write(fd, b"\x7f" * len("busy") + b"Dentist\r")
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0, seen[-2000:]
    monday = (notes_dir / "drafts" / "2026-11-30.md").read_text(encoding="utf-8")
    assert monday.startswith("- weeknote, 2 commits: tag pages, feed limit <!-- ")
    friday = (notes_dir / "drafts" / "2026-12-04.md").read_text(encoding="utf-8")
    assert friday.startswith("- Dentist <!-- ")
    assert len(list((notes_dir / "drafts").iterdir())) == 2
    # the rest were passed over: not offered again, unless --all
    from typer.testing import CliRunner

    from weeknote.cli import app

    offered = CliRunner().invoke(app, ["gather", "--json"])
    assert json.loads(offered.stdout)["candidates"] == []


def test_no_sources_is_said_and_keeps_nothing(run: Run, notes_dir: Path) -> None:
    result = run("gather")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.startswith("No sources to gather from: set gather.repos")
    assert not (notes_dir / ".weeknote").exists()
    assert "Gathered" not in run("status").stdout


def test_a_gathered_line_is_a_bullet_like_any_other() -> None:
    """The source id beside the moment: read back by every reader of drafts, and merged and
    ordered by moment as any bullet when two machines' drafts meet."""
    from datetime import date

    from weeknote.folder.bullets import draft_line, source_of, split_added
    from weeknote.folder.drafts import in_order, parse_draft
    from weeknote.git.linemerge import merge_lines

    gathered = draft_line("learning", "Met: Design review", "2026-12-02T16:00:00Z", "cal-1a2b3c")
    assert gathered == "- #learning Met: Design review <!-- 2026-12-02T16:00:00Z cal-1a2b3c -->\n"
    assert split_added(gathered.rstrip()) == (
        "- #learning Met: Design review",
        "2026-12-02T16:00:00Z",
    )
    assert source_of(gathered) == "cal-1a2b3c"
    typed = draft_line("highlights", "Fixed the feed", "2026-12-02T09:00:00Z")
    assert source_of(typed) == ""
    base = ""
    merged = merge_lines(base, gathered, typed, "drafts/2026-12-02.md")
    assert in_order(merged) == typed + gathered
    bullets = parse_draft(merged, date(2026, 12, 2), ["highlights", "learning"])
    assert [(b.section, b.text, b.added) for b in bullets] == [
        ("highlights", "Fixed the feed", "2026-12-02T09:00:00Z"),
        ("learning", "Met: Design review", "2026-12-02T16:00:00Z"),
    ]
