"""`weeknote remind`: the reminder set up with each scheduler, checked by the unit files,
crontab lines, agent and task it writes (the schedulers' programs are scripts here that
record how they were called, and keep a crontab in a file; systemd's own checker reads the
units where the machine has it), and `remind run` deciding and showing the nudge: printed,
as a desktop notification, or as an email through a real SMTP server started here."""

from __future__ import annotations

import os
import plistlib
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import Run, weeknote_process, write_note
from weeknote.schedule import SCHEDULERS
from weeknote.schedule.job import At, parse_at

TIMER_AT_16 = (
    "[Unit]\n"
    "Description=weeknote remind: every Fri 16:00\n"
    "\n"
    "[Timer]\n"
    "OnCalendar=Fri *-*-* 16:00:00\n"
    "Persistent=true\n"
    "\n"
    "[Install]\n"
    "WantedBy=timers.target\n"
)

FAKES = {
    "systemctl": 'case "$*" in "--user show-environment") exit "${SYSTEMD_UP:-0}";; esac\n',
    "crontab": (
        'if [ "$1" = -l ]; then\n'
        '  [ -f "$CRONTAB" ] || { echo "no crontab for me" >&2; exit 1; }\n'
        '  cat "$CRONTAB"; exit 0\n'
        "fi\n"
        '[ "$1" = - ] && { cat > "$CRONTAB"; exit 0; }\n'
        "exit 2\n"
    ),
    "launchctl": "",
    "schtasks": "",
    "notify-send": 'exit "${NOTIFY_EXIT:-0}"\n',
}


class Machine:
    """A home of its own, and the schedulers' programs as scripts first on PATH."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.home = tmp_path / "home"
        self.home.mkdir()
        self.bin = tmp_path / "bin"
        self.bin.mkdir()
        self.calls_file = tmp_path / "calls.log"
        self.crontab = tmp_path / "crontab"
        self.monkeypatch = monkeypatch
        monkeypatch.setenv("HOME", str(self.home))
        monkeypatch.setenv("CALLS", str(self.calls_file))
        monkeypatch.setenv("CRONTAB", str(self.crontab))
        monkeypatch.setenv("PATH", f"{self.bin}{os.pathsep}{os.environ.get('PATH', '')}")
        for name in ("XDG_CONFIG_HOME", "LOCALAPPDATA", "SYSTEMD_UP", "NOTIFY_EXIT"):
            monkeypatch.delenv(name, raising=False)
        for name in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"):
            monkeypatch.delenv(name, raising=False)
        # never the machine's own: a user manager that answers, and a crontab in a file
        self.fake("systemctl", "crontab")

    def fake(self, *names: str) -> None:
        for name in names:
            path = self.bin / name
            path.write_text(f'#!/bin/sh\necho "{name} $*" >> "$CALLS"\n{FAKES[name]}')
            path.chmod(0o755)

    def calls(self, program: str = "") -> list[str]:
        """How the programs were called since last asked (only ``program``, if named)."""
        if not self.calls_file.exists():
            return []
        lines = self.calls_file.read_text().splitlines()
        self.calls_file.unlink()
        return [line for line in lines if line.startswith(program)]

    @property
    def units(self) -> Path:
        return self.home / ".config" / "systemd" / "user"


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Machine:
    return Machine(tmp_path, monkeypatch)


def ok(result: Any) -> Any:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return result


# -- --at ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("fri 16:00", At(4, 16, 0)),
        ("Friday 9:30", At(4, 9, 30)),
        ("16:00", At(3, 16, 0)),  # on the write-up day (Thursday here)
        ("thurs 7:05", At(3, 7, 5)),
        ("tue 4pm", At(1, 16, 0)),
        ("sat 12am", At(5, 0, 0)),
        ("mon 12:30pm", At(0, 12, 30)),
        ("  sun   23:59 ", At(6, 23, 59)),
    ],
)
def test_at_reads_a_day_and_a_time(text: str, at: At) -> None:
    assert parse_at(text, "thursday") == at


@pytest.mark.parametrize("text", ["fri 25:00", "blursday 10:00", "16", "13pm", "", "fri", "s 9:00"])
def test_a_bad_at_is_a_usage_error_naming_it(run: Run, machine: Machine, text: str) -> None:
    machine.fake("systemctl")
    result = run("remind", "install", "--at", text)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: --at {text!r} is not a day and a time")
    assert result.stderr.count("\n") == 1
    assert machine.calls() == [] and not machine.units.exists()


# -- systemd ---------------------------------------------------------------------------------


def service_text(notes: Path, config: Path) -> str:
    return (
        "[Unit]\n"
        "Description=weeknote remind: a nudge to write the week's note\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f'Environment="WEEKNOTE_DIR={notes}" "WEEKNOTE_CONFIG={config}"\n'
        f'ExecStart="{sys.executable}" "-m" "weeknote" "remind" "run"\n'
    )


def test_systemd_timer_installed_updated_shown_and_removed(
    run: Run, machine: Machine, notes_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    machine.fake("systemctl")
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-12-07")
    config = tmp_path / "config" / "config.toml"
    result = ok(run("remind", "install"))
    assert (machine.units / "weeknote-remind.timer").read_text() == TIMER_AT_16
    assert (machine.units / "weeknote-remind.service").read_text() == service_text(
        notes_dir, config
    )
    assert machine.calls("systemctl") == [
        "systemctl --user show-environment",  # is there a user manager? (then: for cron?)
        "systemctl --user show-environment",
        "systemctl --user daemon-reload",
        "systemctl --user enable --now weeknote-remind.timer",
    ]
    assert result.stderr == (
        "Reminder set up as a systemd user timer, every Fri 16:00; next Fri 11 Dec 2026 16:00, "
        f"for the notes in {notes_dir}.\n"
        "When it fires, it is printed to the journal (journalctl --user -u weeknote-remind); "
        "to have it emailed, set smtp.host and email.from.\n"
    )
    machine.fake("notify-send")
    ok(run("config", "email.from", "Ann <ann@example.org>"))
    ok(run("config", "smtp.host", "smtp.example.org"))
    result = ok(run("remind", "install"))
    assert result.stderr.splitlines()[1] == (
        "When it fires, a desktop notification shows it (notify-send, while you are at the "
        "desktop), else it is emailed to Ann <ann@example.org>, else it is printed to the "
        "journal (journalctl --user -u weeknote-remind)."
    )
    machine.calls()

    # again, at another time: the same two files, rewritten, and the timer restarted
    ok(run("remind", "install", "--at", "thursday 9:30"))
    assert sorted(p.name for p in machine.units.iterdir()) == [
        "weeknote-remind.service",
        "weeknote-remind.timer",
    ]
    timer = (machine.units / "weeknote-remind.timer").read_text()
    assert "OnCalendar=Thu *-*-* 09:30:00\n" in timer and timer.count("OnCalendar") == 1
    assert machine.calls("systemctl")[-1] == "systemctl --user restart weeknote-remind.timer"

    shown = ok(run("remind", "status"))
    assert shown.stdout.splitlines() == [
        "Reminder: systemd user timer, every Thu 09:30; next Thu 10 Dec 2026 09:30",
        f"Folder: {notes_dir}",
        f"Config: {config}",
        f"Kept in: {machine.units}/weeknote-remind.timer, {machine.units}/weeknote-remind.service",
    ]
    assert shown.stderr == ""

    gone = ok(run("remind", "uninstall"))
    assert gone.stderr == "Reminder removed from the systemd user timer.\n"
    assert list(machine.units.iterdir()) == []
    assert machine.calls("systemctl") == [
        "systemctl --user show-environment",
        "systemctl --user disable --now weeknote-remind.timer",
        "systemctl --user daemon-reload",
    ]
    assert ok(run("remind", "status")).stdout == (
        "Reminder: none: set one up with weeknote remind install\n"
    )
    assert ok(run("remind", "uninstall")).stderr == "No reminder is set up: nothing was removed.\n"


def test_the_default_time_is_the_write_up_day_at_four(
    run: Run, machine: Machine, config_file: Path
) -> None:
    machine.fake("systemctl")
    config_file.write_text('write_day = "thursday"\n')
    ok(run("remind", "install"))
    assert (
        "OnCalendar=Thu *-*-* 16:00:00\n" in (machine.units / "weeknote-remind.timer").read_text()
    )
    ok(run("remind", "install", "--at", "7:45"))
    assert (
        "OnCalendar=Thu *-*-* 07:45:00\n" in (machine.units / "weeknote-remind.timer").read_text()
    )


def test_the_folder_named_by_dir_is_the_one_the_reminder_reads(
    run: Run, machine: Machine, tmp_path: Path
) -> None:
    machine.fake("systemctl")
    other = tmp_path / "other notes 100%"
    other.mkdir()
    ok(run("--dir", str(other), "remind", "install"))
    service = (machine.units / "weeknote-remind.service").read_text()
    assert f'"WEEKNOTE_DIR={tmp_path}/other notes 100%%"' in service
    status = ok(run("remind", "status"))
    assert f"Folder: {other}\n" in status.stdout
    assert status.stderr.startswith(f"The reminder reads {other}, not ")


def test_where_systemctl_does_not_answer_the_units_are_written_and_the_start_said(
    run: Run, machine: Machine
) -> None:
    machine.fake("systemctl")
    machine.monkeypatch.setenv("SYSTEMD_UP", "1")
    result = ok(run("remind", "install", "--scheduler", "systemd"))
    assert (machine.units / "weeknote-remind.timer").read_text() == TIMER_AT_16
    assert "Warning: systemctl --user did not answer, so the timer is not started" in result.stderr
    assert machine.calls("systemctl") == ["systemctl --user show-environment"]


def test_a_failing_systemctl_is_one_line(run: Run, machine: Machine) -> None:
    (machine.bin / "systemctl").write_text(
        '#!/bin/sh\n[ "$2" = enable ] && { echo "Failed to enable unit: Access denied" >&2; '
        "exit 1; }\nexit 0\n"
    )
    (machine.bin / "systemctl").chmod(0o755)
    result = run("remind", "install")
    assert result.exit_code == 11
    assert result.stderr == (
        "Error: systemctl --user enable --now failed (exit 1: Failed to enable unit: Access "
        f"denied); the units are in {machine.units}: see systemctl --user status "
        "weeknote-remind.timer\n"
    )


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd is not here")
def test_systemd_itself_reads_the_units(run: Run, machine: Machine, tmp_path: Path) -> None:
    """systemd's own checker (systemd-analyze verify) takes both units, and reads the
    timer's calendar as written; a unit it refuses fails the check (the last lines)."""
    machine.fake("systemctl")
    folder = tmp_path / 'odd $HOME 100% "notes"'
    folder.mkdir()
    ok(run("--dir", str(folder), "remind", "install", "--at", "sun 7:05"))
    service = (machine.units / "weeknote-remind.service").read_text()
    # Environment= takes no $VARIABLE (written as it is); a % is a specifier, doubled
    assert f'"WEEKNOTE_DIR={tmp_path}/odd $HOME 100%% \\"notes\\""' in service
    verify = ["systemd-analyze", "verify", "weeknote-remind.timer", "weeknote-remind.service"]
    done = subprocess.run(verify, cwd=machine.units, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    timer = machine.units / "weeknote-remind.timer"
    [spec] = re.findall(r"^OnCalendar=(.*)$", timer.read_text(), re.M)
    calendar = subprocess.run(["systemd-analyze", "calendar", spec], capture_output=True, text=True)
    assert "Normalized form: Sun *-*-* 07:05:00" in calendar.stdout
    # the next time status names is the one systemd computes
    found = re.search(r"Next elapse: \w+ (\d+)-(\d+)-(\d+) (\d\d:\d\d)", calendar.stdout)
    assert found
    year, month, day, hour = found.groups()
    month_name = date(2026, int(month), 1).strftime("%b")
    status = ok(run("remind", "status")).stdout
    assert f"next Sun {int(day)} {month_name} {year} {hour}\n" in status
    timer.write_text(timer.read_text().replace("Sun *", "Sunnday *"))
    assert subprocess.run(verify, cwd=machine.units, capture_output=True).returncode != 0


def test_the_unit_runs_weeknote_on_the_folder_it_names(
    run: Run, machine: Machine, notes_dir: Path, tmp_path: Path
) -> None:
    """ExecStart= and Environment= of the unit, run as systemd would run them, remind of the
    folder's week."""
    machine.fake("systemctl")
    ok(run("remind", "install"))
    service = (machine.units / "weeknote-remind.service").read_text()
    line = {k: v for k, _, v in (x.partition("=") for x in service.splitlines()) if v}
    env = {
        key: value
        for key, _, value in (word.partition("=") for word in shlex.split(line["Environment"]))
    }
    assert env == {
        "WEEKNOTE_DIR": str(notes_dir),
        "WEEKNOTE_CONFIG": str(tmp_path / "config" / "config.toml"),
    }
    clean = {k: v for k, v in os.environ.items() if not k.startswith("WEEKNOTE_")}
    done = subprocess.run(
        shlex.split(line["ExecStart"]),
        env={**clean, **env, "WEEKNOTE_TODAY": "2026-12-11"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert (
        done.stdout
        == "2026-W50 (7-13 Dec 2026) is not written yet: no bullets drafted. weeknote new\n"
    )


# -- cron ------------------------------------------------------------------------------------

OTHER_LINES = "MAILTO=me@example.org\n# backups\n30 8 * * 1 /usr/local/bin/backup --all\n"


def cron_line(notes: Path, config: Path, at: str = "0 16 * * 5") -> str:
    return (
        f"{at} WEEKNOTE_DIR={shlex.quote(str(notes))} "
        f"WEEKNOTE_CONFIG={shlex.quote(str(config))} "
        f"{shlex.quote(sys.executable)} -m weeknote remind run # weeknote remind"
    ).replace("%", "\\%")


def test_cron_where_systemd_is_absent_keeps_every_other_line(
    run: Run, machine: Machine, notes_dir: Path, tmp_path: Path
) -> None:
    machine.fake("systemctl", "crontab")
    machine.monkeypatch.setenv("SYSTEMD_UP", "1")  # systemctl here, but no user manager
    machine.crontab.write_text(OTHER_LINES)
    config = tmp_path / "config" / "config.toml"
    result = ok(run("remind", "install"))
    assert "Reminder set up as a cron" in result.stderr
    assert result.stderr.endswith(
        "When it fires, it is printed, and cron mails it to you where the machine sends mail; "
        "to have it emailed, set smtp.host and email.from.\n"
    )
    assert machine.crontab.read_text() == OTHER_LINES + cron_line(notes_dir, config) + "\n"
    assert not machine.units.exists()
    assert machine.calls()[-3:] == ["crontab -l", "crontab -", "crontab -l"]

    ok(run("remind", "install", "--at", "mon 8:15"))
    assert machine.crontab.read_text() == (
        OTHER_LINES + cron_line(notes_dir, config, "15 8 * * 1") + "\n"
    )
    status = ok(run("remind", "status")).stdout
    assert status.startswith("Reminder: cron job, every Mon 08:15; next ")
    assert f"Folder: {notes_dir}\n" in status and "Kept in: crontab\n" in status

    ok(run("remind", "uninstall"))
    assert machine.crontab.read_text() == OTHER_LINES


def test_cron_with_no_crontab_yet_and_a_folder_with_a_percent(
    run: Run, machine: Machine, tmp_path: Path
) -> None:
    machine.fake("crontab")  # and no systemctl that answers (the machine's own, if any)
    folder = tmp_path / "it's 100% notes"
    folder.mkdir()
    ok(run("--dir", str(folder), "remind", "install", "--scheduler", "cron"))
    [line] = machine.crontab.read_text().splitlines()
    assert "\\%" in line and "%" not in line.replace("\\%", "")
    assert f"Folder: {folder}\n" in ok(run("--dir", str(folder), "remind", "status")).stdout
    # the line as cron runs it: % taken back, then sh
    command = line.split(" ", 5)[5].replace("\\%", "%")
    probe = command.replace(f"{shlex.quote(sys.executable)} -m weeknote remind run", "env")
    shown = subprocess.run(["sh", "-c", probe], capture_output=True, text=True).stdout
    assert f"WEEKNOTE_DIR={folder}\n" in shown
    ok(run("remind", "uninstall"))
    assert machine.crontab.read_text() == ""


# -- launchd and the Task Scheduler ----------------------------------------------------------


def test_launchd_agent(run: Run, machine: Machine, notes_dir: Path, tmp_path: Path) -> None:
    machine.fake("launchctl")
    ok(run("remind", "install", "--scheduler", "launchd", "--at", "sun 18:30"))
    path = machine.home / "Library" / "LaunchAgents" / "org.weeknote.remind.plist"
    agent = plistlib.loads(path.read_bytes())
    assert agent == {
        "Label": "org.weeknote.remind",
        "ProgramArguments": [sys.executable, "-m", "weeknote", "remind", "run"],
        "EnvironmentVariables": {
            "WEEKNOTE_DIR": str(notes_dir),
            "WEEKNOTE_CONFIG": str(tmp_path / "config" / "config.toml"),
        },
        "StartCalendarInterval": {"Weekday": 0, "Hour": 18, "Minute": 30},
        "ProcessType": "Background",
    }
    uid = os.getuid()
    assert machine.calls("launchctl") == [f"launchctl bootstrap gui/{uid} {path}"]
    ok(run("remind", "install", "--scheduler", "launchd"))
    assert machine.calls("launchctl") == [
        f"launchctl bootout gui/{uid} {path}",
        f"launchctl bootstrap gui/{uid} {path}",
    ]
    assert "Reminder: launchd agent, every Fri 16:00" in ok(run("remind", "status")).stdout
    ok(run("remind", "uninstall"))
    assert not path.exists()
    if shutil.which("plutil"):  # macOS's own reader of property lists
        assert subprocess.run(["plutil", "-lint", str(path)]).returncode == 0


def test_scheduled_task(run: Run, machine: Machine, notes_dir: Path, tmp_path: Path) -> None:
    machine.fake("schtasks")
    machine.monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    ok(run("remind", "install", "--scheduler", "schtasks"))
    script = tmp_path / "local" / "weeknote" / "remind.cmd"
    assert machine.calls("schtasks") == [
        f'schtasks /Create /F /TN weeknote-remind /SC WEEKLY /D FRI /ST 16:00 /TR "{script}"'
    ]
    assert script.read_text().splitlines() == [
        "@echo off",
        "rem weeknote remind: Fri 16:00",
        f'set "WEEKNOTE_DIR={notes_dir}"',
        f'set "WEEKNOTE_CONFIG={tmp_path / "config" / "config.toml"}"',
        f"{sys.executable} -m weeknote remind run",
    ]
    status = ok(run("remind", "status")).stdout
    assert "Reminder: scheduled task, every Fri 16:00" in status
    assert f"Folder: {notes_dir}\n" in status
    ok(run("remind", "uninstall"))
    assert machine.calls("schtasks") == ["schtasks /Delete /F /TN weeknote-remind"]
    assert not script.exists()


def test_installing_with_another_scheduler_takes_it_out_of_the_first(
    run: Run, machine: Machine
) -> None:
    machine.fake("systemctl", "crontab")
    ok(run("remind", "install"))
    moved = ok(run("remind", "install", "--scheduler", "cron"))
    assert "taken out of the systemd user timer it was in before" in moved.stderr
    assert not (machine.units / "weeknote-remind.timer").exists()
    assert len(machine.crontab.read_text().splitlines()) == 1
    assert ok(run("remind", "status")).stdout.count("Reminder:") == 1


def test_an_unknown_or_missing_scheduler_is_one_line(run: Run, machine: Machine) -> None:
    result = run("remind", "install", "--scheduler", "anacron")
    assert result.exit_code == 2 and "use one of systemd, cron, launchd, schtasks" in result.stderr
    result = run("remind", "install", "--scheduler", "launchd")
    assert result.exit_code == 11
    assert result.stderr == "Error: launchd agent: its program is not found on this machine\n"


# -- remind run ------------------------------------------------------------------------------


@pytest.fixture
def week(notes_dir: Path, monkeypatch: pytest.MonkeyPatch, machine: Machine) -> Path:
    """Friday 11 December 2026: W46 to W49 written, three bullets drafted this week."""
    for number in (46, 47, 48, 49):
        write_note(notes_dir, f"2026-W{number}")
    drafts = notes_dir / "drafts"
    drafts.mkdir()
    (drafts / "2026-12-08.md").write_text("- Met the waste team\n- Fixed the feed\n")
    (drafts / "2026-12-10.md").write_text("- Planned the budget\n")
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-12-11")
    return notes_dir


LINE = (
    "2026-W50 (7-13 Dec 2026) is not written yet: 3 bullets drafted; your 4-week streak "
    "ends if it stays unwritten. weeknote new"
)


def test_run_prints_the_line_where_nothing_else_can_show_it(run: Run, week: Path) -> None:
    result = ok(run("remind", "run"))
    assert result.stdout == LINE + "\n"
    assert result.stderr == ""


def test_run_says_nothing_when_the_week_is_written_or_a_break(
    run: Run, week: Path, machine: Machine
) -> None:
    machine.fake("notify-send")
    machine.monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus")
    write_note(week, "2026-W50")
    written = ok(run("remind", "run"))
    assert (written.stdout, written.stderr) == ("", "")
    (week / "2026-W50.md").unlink()
    ok(run("skip", "this", "--reason", "holiday"))
    on_break = ok(run("remind", "run"))
    assert (on_break.stdout, on_break.stderr) == ("", "")
    assert machine.calls() == []
    dry = ok(run("remind", "run", "--dry-run"))
    assert dry.stderr.startswith("Nothing to remind of")


def test_run_before_the_write_up_day_says_nothing(
    run: Run, week: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-12-08")  # Tuesday: W49 written, W50 not due
    assert ok(run("remind", "run")).stdout == ""


def test_run_with_no_streak_and_no_bullets(
    run: Run, notes_dir: Path, monkeypatch: pytest.MonkeyPatch, machine: Machine
) -> None:
    write_note(notes_dir, "2026-W40")
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-12-11")
    assert ok(run("remind", "run")).stdout == (
        "2026-W50 (7-13 Dec 2026) is not written yet: no bullets drafted. weeknote new\n"
    )


def test_run_shows_a_desktop_notification_where_there_is_a_desktop(
    run: Run, week: Path, machine: Machine
) -> None:
    machine.fake("notify-send")
    machine.monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus")
    result = ok(run("remind", "run"))
    assert (result.stdout, result.stderr) == ("", "")
    assert machine.calls() == [
        f"notify-send --app-name=weeknote weeknote: 2026-W50 is not written yet {LINE}"
    ]
    dry = ok(run("remind", "run", "--dry-run"))
    assert dry.stdout == LINE + "\n" and "shown by notify-send" in dry.stderr
    assert machine.calls() == []


def test_a_notification_that_fails_falls_back_to_the_line(
    run: Run, week: Path, machine: Machine
) -> None:
    machine.fake("notify-send")
    machine.monkeypatch.setenv("NOTIFY_EXIT", "1")
    machine.monkeypatch.setenv("DISPLAY", ":0")
    assert ok(run("remind", "run")).stdout == LINE + "\n"


# -- remind run by email ---------------------------------------------------------------------


from test_email import smtp as smtp  # noqa: E402 - the real SMTP server send's tests use


def mail_config(run: Run, port: int) -> None:
    for key, value in {
        "email.from": "Ann Example <ann@example.org>",
        "smtp.host": "127.0.0.1",
        "smtp.port": str(port),
        "smtp.security": "none",
    }.items():
        ok(run("config", key, value))


def test_run_sends_an_email_to_oneself_where_there_is_no_desktop(
    run: Run, week: Path, machine: Machine, smtp: Callable[[], tuple[Any, int]]
) -> None:
    from email import message_from_bytes, policy

    machine.fake("notify-send")  # here, but no display or session bus: as under cron
    recorder, port = smtp()
    mail_config(run, port)
    result = ok(run("remind", "run"))
    assert (result.stdout, result.stderr) == ("", "")
    [(mail_from, rcpt, data)] = recorder.received
    assert (mail_from, rcpt) == ("ann@example.org", ["ann@example.org"])
    message = message_from_bytes(data, policy=policy.default)
    assert message["From"] == message["To"] == "Ann Example <ann@example.org>"
    assert message["Subject"] == "weeknote: 2026-W50 is not written yet"
    assert message.get_content().strip() == LINE  # type: ignore[attr-defined]
    assert machine.calls() == []


def test_run_needs_the_password_send_needs(
    run: Run, week: Path, machine: Machine, smtp: Callable[[], tuple[Any, int]]
) -> None:
    recorder, port = smtp()
    mail_config(run, port)
    ok(run("config", "smtp.user", "ann"))
    machine.monkeypatch.delenv("WEEKNOTE_SMTP_PASSWORD", raising=False)
    result = run("remind", "run")
    assert result.exit_code == 10
    assert result.stdout == LINE + "\n"  # cron mails it, at least
    assert "$WEEKNOTE_SMTP_PASSWORD holds no password" in result.stderr
    assert recorder.received == []


def test_an_email_that_cannot_go_prints_the_line_and_fails(
    run: Run, week: Path, machine: Machine
) -> None:
    import socket

    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        mail_config(run, held.getsockname()[1])
        result = run("remind", "run")
    assert result.exit_code == 10
    assert result.stdout == LINE + "\n"
    assert result.stderr.startswith("Error: cannot connect to 127.0.0.1:")
    assert result.stderr.count("\n") == 1


def test_remind_alone_is_its_help_and_a_mistake_points_there(run: Run) -> None:
    alone = ok(run("remind"))
    assert alone.stdout == ok(run("remind", "-h")).stdout
    assert "install" in alone.stdout and "Examples:" in alone.stdout
    assert ok(run("help", "remind")).stdout == alone.stdout
    for args in (["remind", "bogus"], ["remind", "install", "--bogus"]):
        result = weeknote_process(*args)
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and "See: weeknote remind -h" in result.stderr


def test_where_no_scheduler_answers_install_says_so(run: Run, machine: Machine) -> None:
    (machine.bin / "crontab").unlink()
    machine.monkeypatch.setenv("SYSTEMD_UP", "1")
    machine.monkeypatch.setenv("PATH", str(machine.bin))  # the machine's own crontab too
    result = run("remind", "install")
    assert result.exit_code == 11
    assert result.stderr == (
        "Error: no scheduler answers here (looked for systemd and cron): install cron, or run "
        "weeknote remind run from a scheduler of your own\n"
    )
    assert not machine.units.exists()


def test_run_before_the_cut_off_reminds_of_last_week(
    run: Run, week: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEEKNOTE_TODAY", "2026-12-14")  # Monday: W50 is due until Wednesday
    assert ok(run("remind", "run")).stdout == LINE + "\n"


# -- the machine's own schedulers ------------------------------------------------------------

REAL = "WEEKNOTE_TEST_REAL_SCHEDULERS"


def real_scheduler(name: str, works: list[str]) -> None:
    """Skip unless the machine has the scheduler, it answers, and the person running the
    tests lets them change their own (the reminder is set up in their account, then taken
    out again: every other line and unit is left as it was)."""
    if shutil.which(works[0]) is None:
        pytest.skip(f"{name}: {works[0]} is not installed here")
    if works[1:] and subprocess.run(works, capture_output=True).returncode != 0:
        pytest.skip(f"{name}: `{' '.join(works)}` does not answer here")
    if os.environ.get(REAL) != "1":
        pytest.skip(f"{name} is here, and changing your own needs {REAL}=1")


def test_the_real_crontab(run: Run, notes_dir: Path) -> None:
    real_scheduler("cron", ["crontab"])
    before = subprocess.run(["crontab", "-l"], capture_output=True, text=True).stdout
    try:
        ok(run("remind", "install", "--scheduler", "cron", "--at", "sat 3:17"))
        now = subprocess.run(["crontab", "-l"], capture_output=True, text=True).stdout
        assert now.startswith(before)
        assert now[len(before) :].startswith("17 3 * * 6 WEEKNOTE_DIR=")
    finally:
        ok(run("remind", "uninstall"))
    assert subprocess.run(["crontab", "-l"], capture_output=True, text=True).stdout == before


def test_the_real_systemd_user_manager(run: Run) -> None:
    real_scheduler("systemd", ["systemctl", "--user", "show-environment"])
    try:
        ok(run("remind", "install", "--scheduler", "systemd", "--at", "sat 3:17"))
        shown = subprocess.run(
            ["systemctl", "--user", "list-timers", "weeknote-remind.timer"],
            capture_output=True,
            text=True,
        ).stdout
        assert "weeknote-remind.timer" in shown and " Sat " in shown
    finally:
        ok(run("remind", "uninstall"))
    enabled = ["systemctl", "--user", "is-enabled", "weeknote-remind.timer"]
    assert subprocess.run(enabled, capture_output=True).returncode != 0


def test_completion_offers_the_sub_commands_and_the_schedulers() -> None:
    def offered(line: str) -> list[str]:
        words = line.split(" ")
        env = {
            "_WEEKNOTE_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(words) - 1),
        }
        return weeknote_process(env=env).stdout.split()

    assert offered("weeknote rem") == ["remind"]
    assert offered("weeknote remind ") == ["install", "uninstall", "status", "run"]
    assert offered("weeknote remind install --scheduler ") == list(SCHEDULERS)
    assert offered("weeknote remind install --scheduler c") == ["cron"]


def test_a_scheduler_that_fails_to_give_up_an_old_reminder_is_a_warning(
    run: Run, machine: Machine
) -> None:
    refusing = "#!/bin/sh\necho 'crontab: permission denied' >&2\nexit 1\n"
    (machine.bin / "crontab").write_text(refusing)
    result = ok(run("remind", "install"))
    assert (machine.units / "weeknote-remind.timer").exists()
    assert result.stderr.splitlines()[-1] == (
        "Warning: the cron job may hold a reminder too: crontab -l failed (exit 1: crontab: "
        "permission denied); check that cron lets you keep a crontab"
    )


def test_a_folder_not_made_yet_gets_no_reminder(
    run: Run, machine: Machine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WEEKNOTE_DIR")
    monkeypatch.setenv("HOME", str(tmp_path / "new home"))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "new home" / "Documents"))
    result = run("remind", "install")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no notes folder at ")
    assert result.stderr.endswith(
        "yet: start it (weeknote init, or a first weeknote bullet), then set up the reminder\n"
    )
    assert machine.calls("systemctl") == []
