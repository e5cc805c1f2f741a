"""Shell completion in bash, zsh and fish: Typer's scripts and completers, with the shell
named on the command line, `--option=value` words completed in each shell, and zsh's
quoting and first Tab mended."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from typer import _completion_shared
from typer import completion as typer_completion
from typer._click.shell_completion import CompletionItem, add_completion_class
from typer._completion_classes import BashComplete, FishComplete, ZshComplete, completion_init

__all__ = ["Shell", "install", "show"]


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


def install(ctx: Any, param: Any, value: bool) -> None:
    """--install-completion: for the shell it runs in."""
    typer_completion.install_callback(ctx, param, value)


def show(ctx: Any, param: Any, value: Shell | None) -> None:
    """--show-completion SHELL: print SHELL's script, whichever shell it runs in."""
    typer_completion.show_callback(ctx, param, value.value if value is not None else None)


class _BashComplete(BashComplete):
    """Bash splits `--dir=~/notes` into three words at the `=` (COMP_WORDBREAKS), and
    Typer's script passes them on with spaces between: a lone `=` after an option is
    joined to its neighbours again, as the person typed it."""

    def get_completion_args(self) -> tuple[list[str], str]:
        args, incomplete = super().get_completion_args()
        words: list[str] = []
        rest = iter([*args, incomplete])
        for word in rest:
            if word == "=" and words and words[-1].startswith("-"):
                words[-1] += "=" + next(rest, "")
            else:
                words.append(word)
        return words[:-1], words[-1]


# Installed in $fpath, as --install-completion does it, the script is the body of the
# function _weeknote, run at the first Tab; Typer's only registers the completion for the
# next Tab, so the first one offered nothing.
_ZSH_SCRIPT = (
    ZshComplete.source_template.rstrip()
    + """
if [[ $funcstack[1] == _%(prog_name)s ]]; then %(complete_func)s "$@"; fi
"""
)


class _ZshComplete(ZshComplete):
    """zsh reads Typer's answer twice, in single quotes (`_arguments '…'`), then in double
    quotes (each "value":"help"), so each character special to either is escaped for both;
    Typer's own escaping loses every apostrophe and double quote ("the week's note"). Help
    is plain text, written as it is (see _FishComplete)."""

    source_template = _ZSH_SCRIPT

    def get_completions(self, args: list[str], incomplete: str) -> list[CompletionItem]:
        return _whole_words(super().get_completions(args, incomplete), incomplete)

    def format_completion(self, item: CompletionItem) -> str:
        if item.help:
            return f'"{_zsh_escape(item.value)}":"{_zsh_escape(" ".join(item.help.split()))}"'
        return f'"{_zsh_escape(item.value)}"'


def _zsh_escape(text: str) -> str:
    described = text.replace(":", "\\:")  # _describe: the first bare colon ends the value
    double_quoted = re.sub(r'(["\\$`])', r"\\\1", described)
    return double_quoted.replace("'", "'\\''")


class _FishComplete(FishComplete):
    """Typer's fish completer, with help written as it is: it is plain text here, not Rich
    markup, and rendering it as markup imported Rich's Markdown at each Tab, which doubled
    the time a Tab takes."""

    def get_completions(self, args: list[str], incomplete: str) -> list[CompletionItem]:
        return _whole_words(super().get_completions(args, incomplete), incomplete)

    def format_completion(self, item: CompletionItem) -> str:
        if item.help:
            return f"{item.value}\t{' '.join(item.help.split())}"
        return f"{item.value}"


def _whole_words(items: list[CompletionItem], incomplete: str) -> list[CompletionItem]:
    """zsh and fish replace the whole word under the cursor, so `--format=h` is completed
    as `--format=html`; bash replaces only what follows the `=`."""
    name, equals, _ = incomplete.partition("=")
    if not equals or not name.startswith("-"):
        return items
    return [CompletionItem(f"{name}={item.value}", item.type, help=item.help) for item in items]


# Typer registers its completers only when it adds its own completion options; weeknote
# adds its own, so it registers them here, with its own for each of the three shells.
completion_init()
_completion_shared._completion_scripts[Shell.zsh.value] = _ZSH_SCRIPT
add_completion_class(_BashComplete, Shell.bash.value)
add_completion_class(_ZshComplete, Shell.zsh.value)
add_completion_class(_FishComplete, Shell.fish.value)
