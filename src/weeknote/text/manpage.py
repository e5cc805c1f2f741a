"""weeknote's manual page, weeknote(1), in roff's man macros: made from what the commands
say of themselves (their help, arguments, options and examples), the config keys and the
exit codes, so it says what ``--help`` says. Pure: data in, the page's text out.

Help is written for Click's formatter: paragraphs split by blank lines, and a paragraph
after a line holding only ``\\b`` kept as its lines are (an example, a list of formats).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

_NO_WRAP = "\b"


@dataclass(frozen=True)
class Param:
    """An option (``--to``, ``-o``) or an argument (``[WEEK]``) and its help."""

    names: tuple[str, ...]  # ("--output", "-o"), or ("WEEK",) for an argument
    metavar: str = ""  # what follows an option: "PATH"; "" for a flag
    help: str = ""


@dataclass(frozen=True)
class Command:
    name: str
    usage: str  # what follows the command's name: "[OPTIONS] [WEEK]"
    help: str  # its docstring: the summary, then more paragraphs
    params: tuple[Param, ...] = ()
    epilog: str = ""  # "Examples:" and the like, as Click shows them


@dataclass(frozen=True)
class Manual:
    version: str
    summary: str  # the one line the program's help begins with
    options: tuple[Param, ...]  # the options before a command
    commands: tuple[Command, ...]
    keys: tuple[tuple[str, str], ...]  # (config key, what it holds)
    exit_codes: tuple[tuple[int, str], ...]  # (code, meaning), in order
    files: tuple[tuple[str, str], ...] = ()  # (path, what it is)
    environment: tuple[tuple[str, str], ...] = ()  # (variable, what it does)
    see_also: str = ""


def escape(text: str) -> str:
    """Text as roff prints it: a backslash shown, every ``-`` a minus (so that options
    copied from the page work), a character beyond ASCII named (``\\[u2026]``, which
    groff and mandoc read whatever the page's encoding), and no line read as a request."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    if not text.isascii():
        text = "".join(char if char.isascii() else f"\\[u{ord(char):04X}]" for char in text)
    return "\n".join(
        "\\&" + line if line.startswith((".", "'")) else line for line in text.split("\n")
    )


def _bold(text: str) -> str:
    return f"\\fB{escape(text)}\\fR"


def _italic(text: str) -> str:
    return f"\\fI{escape(text)}\\fR"


def _paragraphs(text: str) -> Iterator[tuple[bool, str]]:
    """(kept as its lines, text) for each paragraph of Click-style help."""
    for block in text.strip("\n").split("\n\n"):
        lines = block.split("\n")
        if lines and lines[0].strip() == _NO_WRAP:
            kept = lines[1:]
            if kept:
                yield True, "\n".join(kept)
        elif block.strip():
            yield False, " ".join(line.strip() for line in lines if line.strip())


def _prose(text: str) -> list[str]:
    """Help text as man paragraphs: prose filled by the formatter, a kept block as it is."""
    out: list[str] = []
    for kept, paragraph in _paragraphs(text):
        out.append(".PP")
        if kept:
            lines = paragraph.split("\n")
            heading = lines[0] if lines[0].endswith(":") and not lines[0][:1].isspace() else ""
            if heading:
                out.append(escape(heading))
                lines = lines[1:]
            body = [line[2:] if line.startswith("  ") else line for line in lines]
            out += [".RS 4", ".nf", *(escape(line) for line in body), ".fi", ".RE"]
        else:
            out.append(escape(paragraph))
    return out


def _param(param: Param) -> list[str]:
    if param.metavar or param.names[0].startswith("-"):
        names = ", ".join(_bold(name) for name in param.names)
        shown = f"{names} {_italic(param.metavar)}" if param.metavar else names
    else:
        shown = _italic(param.names[0])
    return [".TP", shown, escape(param.help) if param.help else ""]


def _params(params: Sequence[Param]) -> list[str]:
    out: list[str] = []
    for param in params:
        out += [line for line in _param(param) if line]
    return out


def _table(rows: Sequence[tuple[str, str]], shown: Callable[[str], str] = _bold) -> list[str]:
    out: list[str] = []
    for name, meaning in rows:
        out += [".TP", shown(name), escape(meaning)]
    return out


def page(manual: Manual) -> str:
    """weeknote(1) as roff text."""
    commands = " | ".join(command.name for command in manual.commands)
    lines = [
        f'.TH WEEKNOTE 1 "" "weeknote {escape(manual.version)}" "User Commands"',
        ".SH NAME",
        f"weeknote \\- {escape(manual.summary[:1].lower() + manual.summary[1:].rstrip('.'))}",
        ".SH SYNOPSIS",
        ".B weeknote\n[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]...",
        ".br",
        f".B weeknote\n\\fB\\-\\-help\\fR | \\fBhelp\\fR [\\fI{escape(commands)}\\fR]",
        ".SH DESCRIPTION",
        escape(manual.summary),
        ".PP",
        "Notes are plain Markdown files in a folder, one a week; bullets captured during the "
        "week wait in drafts until the week is written up. Each command below is also "
        "described by \\fBweeknote\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR.",
        ".SH OPTIONS",
        *_params(manual.options),
        ".SH COMMANDS",
    ]
    for command in manual.commands:
        lines.append(f'.SS "weeknote {escape(command.name)} {escape(command.usage)}"')
        lines += _prose(command.help)
        if command.params:
            lines.append(".PP")
            lines += _params(command.params)
        if command.epilog:
            lines += _prose(command.epilog)
    lines += [
        ".SH CONFIGURATION",
        "Every key is optional; a command\\-line flag beats the environment, which beats "
        "the config file, which beats the default. Set one with "
        "\\fBweeknote config\\fR \\fIKEY\\fR \\fIVALUE\\fR; see them all with "
        "\\fBweeknote config\\fR.",
        *_table(manual.keys),
        ".SH EXIT STATUS",
        *_table([(str(code), meaning) for code, meaning in manual.exit_codes]),
    ]
    if manual.files:
        lines += [".SH FILES", *_table(manual.files, _italic)]
    if manual.environment:
        lines += [".SH ENVIRONMENT", *_table(manual.environment)]
    if manual.see_also:
        lines += [".SH SEE ALSO", escape(manual.see_also)]
    return "\n".join(lines) + "\n"
