"""A reminder shown (`weeknote remind run`): a desktop notification where the scheduler can
reach the desktop (notify-send with a display or a session bus, osascript on macOS), else an
email to ``email.from`` through the server `send` uses, else the line printed (by render, so
that cron mails it). The first way that works is taken; ``ways`` is the one decision."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from weeknote.errors import WeeknoteError
from weeknote.folder.config import Config
from weeknote.habit.remind import Reminder

DESKTOP = ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")
NOTIFY_TIMEOUT = 30.0  # seconds a notification may take to be shown


@dataclass(frozen=True)
class Shown:
    """How a reminder went: ``way`` is notify-send, osascript, email or print; ``to`` is
    who an email went to; ``failure`` is why an email could not go (the line is printed)."""

    way: str
    to: str = ""
    failure: WeeknoteError | None = None


def ways(config: Config, environ: Mapping[str, str], platform: str) -> list[str]:
    """How to show a reminder here, in the order tried; print is always last."""
    found = []
    path = environ.get("PATH")
    if platform == "darwin" and shutil.which("osascript", path=path):
        found.append("osascript")
    elif any(environ.get(name) for name in DESKTOP) and shutil.which("notify-send", path=path):
        found.append("notify-send")
    return [*found, *_email(config), "print"]


def ways_under(scheduler: str, config: Config, environ: Mapping[str, str]) -> list[str]:
    """How a reminder run by ``scheduler`` will be shown, said when it is installed: a
    systemd user timer and a launchd agent reach the desktop, cron and a task do not."""
    desktop = {"systemd": "notify-send", "launchd": "osascript"}.get(scheduler)
    found = [desktop] if desktop and shutil.which(desktop, path=environ.get("PATH")) else []
    return [*found, *_email(config), "print"]


def _email(config: Config) -> list[str]:
    return ["email"] if config.smtp_host.strip() and config.email_from.strip() else []


def _notify(argv: list[str], environ: Mapping[str, str]) -> bool:
    try:
        done = subprocess.run(
            argv, capture_output=True, env=dict(environ), timeout=NOTIFY_TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def desktop_argv(way: str, reminder: Reminder) -> list[str]:
    """The notification's command: the text goes as arguments, never into a script."""
    if way == "osascript":
        return [
            "osascript",
            "-e", "on run argv",
            "-e", "display notification (item 1 of argv) with title (item 2 of argv)",
            "-e", "end run",
            reminder.text, reminder.title,
        ]  # fmt: skip
    return ["notify-send", "--app-name=weeknote", reminder.title, reminder.text]


def email(reminder: Reminder, email_from: str, now: datetime) -> EmailMessage:
    """The reminder as a message from and to ``email.from``."""
    from weeknote.publish import message as mail

    sender = mail.sender(email_from)
    message = EmailMessage()
    message["From"] = sender
    message["To"] = sender
    message["Subject"] = reminder.title
    message["Date"] = format_datetime(now.astimezone())
    message["Message-ID"] = make_msgid("remind", mail.domain(sender))
    message.set_content(reminder.text + "\n")
    return message


def show(
    reminder: Reminder, config: Config, environ: Mapping[str, str], platform: str, now: datetime
) -> Shown:
    """Show ``reminder`` the first way that works here (``ways``)."""
    failure: WeeknoteError | None = None
    for way in ways(config, environ, platform):
        if way in ("notify-send", "osascript"):
            if _notify(desktop_argv(way, reminder), environ):
                return Shown(way)
        elif way == "email":
            from weeknote.publish.send import send_one

            try:
                message = email(reminder, config.email_from, now)
                send_one(config, environ, message)
            except WeeknoteError as exc:  # a SendError, or a ConfigError (email.from)
                failure = exc
                continue
            return Shown(way, to=str(message["To"]))
    return Shown("print", failure=failure)
