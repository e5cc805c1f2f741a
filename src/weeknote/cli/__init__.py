"""The command line's entry point: `weeknote` and `python -m weeknote`.

It checks the arguments, builds only the command that was asked for (Typer builds every
command's parser before running one, and `bullet` is run many times a day), and turns the
parser's complaints into one line with a hint, the way every other error is said.
"""

from __future__ import annotations

import errno
import gc
import os
import sys

from weeknote.errors import OutputError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = ["app", "main", "run"]

# The modules whose commands make up the app.
COMMANDS = (
    "capture", "gathering", "writing", "habit", "finding", "publishing", "review", "sending",
    "folder", "sync", "helping", "remind",
)  # fmt: skip


def load_app() -> Any:
    """The Typer app with every command registered."""
    import importlib

    from weeknote.cli.core import app

    for name in COMMANDS:
        importlib.import_module(f"weeknote.cli.{name}")
    return app


def __getattr__(name: str) -> Any:
    if name == "app":
        return load_app()
    raise AttributeError(name)


_GLOBAL_OPTIONS_WITH_VALUES = {"--dir"}


def _invoked_command(argv: list[str]) -> str | None:
    """The sub-command named on the command line, skipping the global options."""
    args = iter(argv)
    for arg in args:
        if arg in _GLOBAL_OPTIONS_WITH_VALUES:
            next(args, None)
        elif not arg.startswith("-"):
            return arg
        elif arg == "--":
            return next(args, None)
    return None


def _refuse_undecodable(argv: list[str]) -> None:
    """Arguments that were not UTF-8 reach Python as lone surrogates: stop with one line
    before anything can be written with them."""
    for number, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            from weeknote.text.layout import message_lines

            message = (
                f"Error: argument {number} ({shown!r}) is not UTF-8 text: check the "
                "terminal's encoding (LANG, LC_ALL)"
            )
            sys.stderr.write("\n".join(message_lines(message, sys.stderr)) + "\n")
            raise SystemExit(2) from None


def _no_such_option(exc: Any, name: str | None, argv: list[str]) -> str:
    """'No such option: --resaon. Did you mean --reason?', and for a bullet that starts
    with a dash, how to write it."""
    option = exc.option_name
    possible = sorted(exc.possibilities or ())
    message = f"No such option: {option}."
    if possible:
        message += f" Did you mean {' or '.join(possible[:2])}?"
    if name == "bullet":
        text = next((arg for arg in argv if arg.startswith(option[:2]) and arg != option), option)
        message += f' To start a bullet with a dash, write: weeknote bullet -- "{text}"'
    elif name:
        message += f" See: weeknote {name} -h"
    return message


def main() -> None:
    """Entry point. Typer builds every command's parser before running one; building only
    the command that was asked for keeps start-up flat as commands are added (`bullet` is
    run many times a day). Help, completion and typos still see every command. The parser's
    complaints are one line with a hint, as every other error is. The common forms of
    `bullet` take a shorter path first (cli/fast.py)."""
    _run(leave_at_once=False)


def run() -> None:
    """The `weeknote` command (and `python -m weeknote`): main(), except that a capture
    that took the short path exits without the interpreter's tear-down, which would cost
    it a good part of its time. It leaves nothing to tear down: its draft is closed and
    written, and what it said is flushed here."""
    _run(leave_at_once=True)


def _run(leave_at_once: bool) -> None:
    guard_streams()
    code: Any = None
    try:
        code = _before_the_app(sys.argv[1:])
        if code is None:
            full_main(sys.argv[1:])
        elif leave_at_once:
            code = _settled(code)
            sys.stderr.flush()
            os._exit(code)
    except SystemExit as exc:
        code = exc.code
    except OutputError as exc:
        code = _said(exc)
    sys.exit(_settled(code))


class _Guarded:
    """stdout or stderr for the life of the process, so that no way it can fail ends in a
    traceback. A reader that went away (``| head -1``, quitting ``less``: EPIPE) is
    silence: what is left to write goes nowhere and the command runs on to its own end and
    exit status. Any other failure to write stdout (``>&-``, a full disk) is an OutputError,
    raised once: one line on stderr and exit status 1. A stderr that cannot be written
    takes the messages nowhere. Everything else is the stream's own."""

    def __init__(self, stream: Any, fd: int, closed: bool) -> None:
        self._stream = stream
        self._fd = fd
        self._closed = closed  # the descriptor was closed when the process started
        self._gone = False

    def write(self, text: str) -> int:
        if not text or self._gone:  # "": the stream's own answer (Click writes b"" to ask)
            return len(text) if self._gone else int(self._stream.write(text))
        try:
            if self._closed:
                raise OSError(errno.EBADF, "it is closed")
            return int(self._stream.write(text))
        except OSError as exc:
            self._give_up(exc)
            return len(text)

    def flush(self) -> None:
        if self._gone or self._closed:
            return
        try:
            self._stream.flush()
        except OSError as exc:
            self._give_up(exc)

    def _give_up(self, exc: OSError) -> None:
        self._gone = True
        try:  # what the stream still holds goes nowhere when Python flushes it at exit
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self._fd)
            os.close(null)
        except OSError:
            pass
        if self._fd == 1 and exc.errno != errno.EPIPE:
            raise OutputError(
                f"cannot write to standard output ({exc.strerror or exc}): give the command "
                "somewhere to write, such as a file (> out.txt) or a pipe"
            ) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def guard_streams() -> None:
    """Put stdin, stdout and stderr in the hands of _Guarded (stdin: a closed one reads as
    empty). A descriptor that was closed is opened on the null device, so that no file
    the command opens takes its number (and a child process's output with it)."""
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        stream = getattr(sys, name)
        closed = stream is None
        if closed:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            stream = open(fd, "r" if fd == 0 else "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        if fd == 0:
            sys.stdin = stream
        elif not isinstance(stream, _Guarded):
            setattr(sys, name, _Guarded(stream, fd, closed and fd == 1))


def _said(exc: OutputError) -> int:
    from weeknote import render

    render.error(exc.message)
    return exc.exit_code


def _settled(code: Any) -> Any:
    """The exit status, once what stdout holds is written: 1 (said) if it cannot be."""
    try:
        sys.stdout.flush()
    except OutputError as exc:
        return code or _said(exc)
    return code


def _before_the_app(argv: list[str]) -> int | None:
    """The checks and the short capture path that come before the Typer app: the exit
    code of a command done here, or None for the app to run it."""
    gc.disable()  # see full_main
    _refuse_undecodable(argv)
    completing = any(key.endswith("_COMPLETE") for key in os.environ)
    if not argv and not completing:
        from weeknote.cli.welcome import welcome

        sys.exit(welcome())
    if not completing and "bullet" in argv:
        from weeknote.cli.fast import capture

        return capture(argv)
    return None


def full_main(argv: list[str]) -> None:
    """The command line through the Typer app: every command, its help and its errors."""
    import copy

    import typer
    from typer._click import exceptions  # typer 0.28 carries its own click (pinned)

    from weeknote import render

    completing = any(key.endswith("_COMPLETE") for key in os.environ)
    app = load_app()
    name = _invoked_command(argv)
    wanted = [
        info
        for info in app.registered_commands
        if (info.name or (info.callback.__name__ if info.callback else "")) == name
    ]
    only = app
    from weeknote.cli.flow import policy_of

    if len(wanted) == 1 and not completing and not policy_of(wanted[0].callback).every_command:
        only = copy.copy(app)
        only.registered_commands = wanted
    groups = [info for info in app.registered_groups if info.name == name]  # remind …
    if len(groups) == 1 and not completing:
        only = copy.copy(app)
        only.registered_commands, only.registered_groups = [], groups
    command = typer.main.get_command(only)
    # The cyclic collector would walk every object the imports made, again and again, for
    # garbage they never leave: set those aside, and collect only what the command makes
    # (reading the notes' caches sets its own objects aside too: see collector.py).
    gc.freeze()
    from weeknote.cli.flow import stop_on_sigterm
    from weeknote.folder import collector

    stop_on_sigterm()

    collector.ONE_COMMAND = True
    gc.enable()
    try:
        code = command.main(args=argv, prog_name="weeknote", standalone_mode=False)
    except exceptions.NoSuchOption as exc:
        render.error(_no_such_option(exc, name, argv))
        sys.exit(2)
    except exceptions.UsageError as exc:
        where = f"weeknote {name} -h" if name and (wanted or groups) else "weeknote --help"
        message = (
            exc.format_message()
            .strip()
            .replace("'?", "?")
            .replace("Did you mean '", "Did you mean ")
        )
        if not message.endswith((".", "?")):
            message += "."
        render.error(f"{message} See: {where}")
        sys.exit(2)
    except exceptions.ClickException as exc:
        render.error(exc.format_message())
        sys.exit(exc.exit_code)
    except typer.Abort:
        render.error("interrupted: nothing more was done")
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
