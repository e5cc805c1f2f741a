"""The one error hierarchy: every failure a person can cause is a WeeknoteError.

The CLI turns these into a single line on stderr and the exit code below; nothing
else in the package prints or exits.
"""

from __future__ import annotations


class WeeknoteError(Exception):
    """A failure with a message a person can act on."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(WeeknoteError):
    """A bad argument on the command line (a WEEK, a date, an empty bullet, a value a config
    key does not take)."""

    exit_code = 2


class ConfigError(WeeknoteError):
    """The config file is malformed, holds an unknown key or a wrong type, or lacks a key
    the command needs."""

    exit_code = 3


class NoteError(WeeknoteError):
    """A note or draft on disk cannot be read."""

    exit_code = 4


class LinkError(NoteError):
    """A file in the notes folder is a symbolic link that leads outside it."""


class TemplateError(WeeknoteError):
    """A template names an unknown placeholder or tries attribute access."""

    exit_code = 5


class ConflictError(WeeknoteError):
    """Writing would clobber or double-cover something a person wrote."""

    exit_code = 6


class NotFoundError(WeeknoteError):
    """The note, template or file asked for does not exist."""

    exit_code = 1


class ImportFailure(WeeknoteError):
    """An archive cannot be split or dated."""

    exit_code = 7


class EditorError(WeeknoteError):
    """The editor could not be started or exited with a failure."""

    exit_code = 8


class WriteError(WeeknoteError):
    """A file could not be written (a full disk, no permission); it is left as it was."""

    exit_code = 1


class GitError(WeeknoteError):
    """git is missing or failed (only `init --git` stops on it; otherwise it is a warning)."""

    exit_code = 9


class NoMatch(WeeknoteError):
    """A search found nothing: exit 1, as grep does. An answer rather than a failure, so its
    message is shown as it is and the command's warnings are shown too."""

    exit_code = 1


class SendError(WeeknoteError):
    """A message could not be sent: there is no password for the mail server, or it could
    not be reached, or refused the login, the sender or a recipient."""

    exit_code = 10


class ScheduleError(WeeknoteError):
    """The system's scheduler (systemd, cron, launchd, the Task Scheduler) is missing or
    refused the reminder."""

    exit_code = 11


class OutputError(WeeknoteError):
    """Standard output cannot be written: it was closed (``>&-``), or its file is full or
    was opened for reading. (A reader that went away, as ``| head`` does, is no error.)"""

    exit_code = 1
