"""Shell completion, through each real shell: bash, zsh and fish load the script that
`weeknote --show-completion SHELL` prints (or that --install-completion installed) and
complete a typed line with it.

bash and zsh complete only at a terminal's Tab, so each runs interactively on a pseudo-
terminal: bash on one opened here, zsh on one of its zpty module. fish completes a line on
request (`complete -C`). Each prints what it would offer, and quits."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import git, require_tool, write_note

Completions = dict[str, str]  # each value offered, with its description ("" if none)
Complete = Callable[[str], Completions]

SHELLS = ["bash", "zsh", "fish"]
# seconds before a shell that never answers is given up: each completion takes well under
# one, and the slack is for a machine busy with other work (no test waits it out)
TIMEOUT = 120

# The lines the tests complete: all are completed up front, in parallel, in each shell.
# OTHER is a second notes folder, named with --dir.
LINES = [
    "weeknote ne",
    "weeknote sk",
    "weeknote skip --re",
    "weeknote new --no",
    "weeknote new la",
    "weeknote show 2026-W",
    "weeknote search waste --from la",
    "weeknote new --template mo",
    "weeknote --dir OTHER new --template q",
    "weeknote --dir=OTHER new --template q",
    "weeknote export --format=h",
    "weeknote config title_",
    "weeknote hel",
    "weeknote help ne",
    "weeknote skip ne",
    "weeknote show ne",
    "weeknote edit ne",
]

WEEK_IDS = [f"2026-W{number}" for number in range(48, 36, -1)]  # as of 2026-11-24


def test_commands(complete: Complete) -> None:
    assert list(complete("weeknote ne")) == ["new"]
    assert list(complete("weeknote sk")) == ["skip"]


def test_help_and_the_commands_it_shows(complete: Complete) -> None:
    assert list(complete("weeknote hel")) == ["help"]
    assert list(complete("weeknote help ne")) == ["new"]


def test_next_only_where_a_week_ahead_is_taken(complete: Complete) -> None:
    assert list(complete("weeknote skip ne")) == ["next"]
    assert "next" not in complete("weeknote show ne")
    assert "next" not in complete("weeknote edit ne")


def test_options_of_a_command(complete: Complete) -> None:
    assert list(complete("weeknote skip --re")) == ["--reason"]
    assert list(complete("weeknote new --no")) == ["--no-edit"]


def test_week_words_and_ids(complete: Complete) -> None:
    assert "last" in complete("weeknote new la")
    assert sorted(complete("weeknote show 2026-W"), reverse=True) == WEEK_IDS
    assert "last" in complete("weeknote search waste --from la")


def test_template_names_from_the_notes_folder(complete: Complete) -> None:
    assert list(complete("weeknote new --template mo")) == ["monthly"]
    assert list(complete("weeknote --dir OTHER new --template q")) == ["quarterly"]
    assert list(complete("weeknote --dir=OTHER new --template q")) == ["quarterly"]


def test_an_option_and_its_value_in_one_word(shell: str, complete: Complete) -> None:
    # bash replaces what follows the "=", zsh and fish the whole word
    prefix = "" if shell == "bash" else "--format="
    assert set(complete("weeknote export --format=h")) == {f"{prefix}html", f"{prefix}hugo"}


def test_config_keys(complete: Complete) -> None:
    assert list(complete("weeknote config title_")) == ["title_style"]


@pytest.mark.parametrize("shell", ["zsh", "fish"], indirect=True)  # bash shows none
def test_descriptions(complete: Complete) -> None:
    assert complete("weeknote ne")["new"].startswith("Write the week's note")
    assert complete("weeknote skip --re")["--reason"] == "Why, e.g. holiday."
    assert complete("weeknote new la")["last"] == "2026-W47 (16-22 Nov 2026)"
    assert complete("weeknote help ne")["new"].startswith("Write the week's note")


def test_install_completion_completes_from_the_first_tab(
    shell: str, environment: dict[str, str], tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {**environment, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    no_startup_files = {"bash": ["--norc", "--noprofile"], "zsh": ["-f"], "fish": ["--no-config"]}
    installed = subprocess.run(
        [shell, *no_startup_files[shell], "-c", "weeknote --install-completion; true"],
        capture_output=True,
        text=True,
        env=env,
        timeout=TIMEOUT,
    )
    assert f"{shell} completion installed" in installed.stdout, installed.stderr
    for folder in (home, home / ".zfunc"):  # zsh's compinit refuses group-writable folders
        if folder.exists():
            folder.chmod(0o755)
    # now the shell reads its startup files, as a new terminal does
    assert list(DRIVERS[shell](_support(shell, tmp_path), "weeknote ne", env)) == ["new"]


def test_a_tab_writes_and_commits_nothing(
    environment: dict[str, str], tmp_path: Path, git_env: None
) -> None:
    require_tool("bash")
    notes = tmp_path / "notes"
    write_note(notes, "2026-W40")  # written by hand, not committed yet
    git(notes, "init", "-q")
    config = tmp_path / "config.toml"
    config.write_text("git.autocommit = true\n")
    env = {
        **environment,
        **{key: value for key, value in os.environ.items() if key.startswith("GIT_")},
        "WEEKNOTE_DIR": str(notes),
        "WEEKNOTE_CONFIG": str(config),
    }
    support = _support("bash", tmp_path)
    (support / "weeknote.bash").write_text(_script("bash", env))
    env["WEEKNOTE_SCRIPT"] = str(support / "weeknote.bash")
    assert "default" in _complete_bash(support, "weeknote new --template ", env)
    assert git(notes, "status", "--porcelain") == "?? 2026-W40.md\n"
    assert git(notes, "rev-list", "--all", "--count") == "0\n"


def test_show_completion_prints_the_named_shells_script(environment: dict[str, str]) -> None:
    scripts = {shell: _script(shell, environment) for shell in SHELLS}
    assert "COMPREPLY" in scripts["bash"] and "complete -o default" in scripts["bash"]
    assert scripts["zsh"].startswith("#compdef weeknote")
    assert scripts["fish"].startswith("complete --command weeknote")


# How each shell is driven: each returns what it offers. With WEEKNOTE_SCRIPT in the
# environment the shell reads that script and no startup file; without, its startup files.

# The interactive bash reads this first. A wrapper round the function the script
# registered prints what it offers.
BASH_RC = r"""
PS1= PS2=
if [[ -n $WEEKNOTE_SCRIPT ]]; then source "$WEEKNOTE_SCRIPT"; else source ~/.bashrc; fi
spec=$(complete -p weeknote); spec=${spec#* -F }; registered=${spec%% *}
_capture() {
  "$registered" "$@"
  (( ${#COMPREPLY[@]} )) && printf '<match>%s\n' "${COMPREPLY[@]}"
  printf '<done>\n'; exit
}
complete -F _capture weeknote
printf '<ready>\n'
"""


def _complete_bash(support: Path, line: str, env: dict[str, str]) -> Completions:
    """An interactive bash on a pseudo-terminal, given the line and a Tab: readline splits
    the words and sets COMP_WORDS, as at a prompt."""
    argv = ["bash", "--noprofile", "--rcfile", str(support / "bashrc"), "-i"]
    output = _at_a_terminal(argv, line, env)
    return dict.fromkeys(re.findall(r"<match>(.*?)\r?\n", output), "")


def _at_a_terminal(argv: list[str], line: str, env: dict[str, str]) -> str:
    """Start argv on a new pseudo-terminal, wait for it to print <ready>, type the line
    and a Tab, and return what it printed then, up to <done>."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        argv, stdin=follower, stdout=follower, stderr=follower, env=env, start_new_session=True
    )
    os.close(follower)
    output = b""
    deadline = time.monotonic() + TIMEOUT

    def read_until(marker: bytes) -> None:
        nonlocal output
        while marker not in output:
            ready, _, _ = select.select([leader], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise TimeoutError(f"{argv[0]} did not print {marker!r}: {output!r}")
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the shell has gone
                chunk = b""
            if not chunk:
                raise AssertionError(f"{argv[0]} quit before {marker!r}: {output!r}")
            output += chunk

    try:
        read_until(b"<ready>")
        output = b""
        os.write(leader, line.encode() + b"\t")
        read_until(b"<done>")
    finally:
        proc.kill()
        proc.wait()
        os.close(leader)
    return output.decode("utf-8", "replace")


# The interactive zsh sources this. Every completion function ends in compadd: this one
# prints each match, with what zsh would show for it, instead of adding it.
ZSH_SETUP = r"""
PS1= PS2= RPS1=
if [[ -n $WEEKNOTE_SCRIPT ]]; then
  autoload -Uz compinit && compinit -u -C  # the dump in $HOME, made before
  source "$WEEKNOTE_SCRIPT"
fi
compadd() {
  # a caller asking for matches in an array only (-O, -A, -D) adds none
  if [[ ${@[1,(i)(-|--)]} == *-[OAD]\ * ]]; then builtin compadd "$@"; return; fi
  local -a hits displays
  local at=${@[(i)-d]}
  if (( at < $# )); then
    if [[ ${@[at+1]} == \(* ]]; then
      eval "displays=${@[at+1]}"
    else
      displays=("${(@P)@[at+1]}")
    fi
  fi
  builtin compadd -A hits -D displays "$@"
  local i
  for (( i = 1; i <= $#hits; i++ )); do print -r -- "<match>${hits[i]}<display>${displays[i]}"; done
}
_capture_done() { print -r -- '<done>'; exit }
comppostfuncs=(_capture_done)
bindkey '^I' complete-word
print -r -- '<ready>'
"""

# zsh -f driver.zsh SETUP LINE: an interactive zsh on a zpty terminal sources SETUP, then
# is typed LINE and a Tab; the matches it prints are printed here.
ZSH_DRIVER = r"""
zmodload zsh/zpty || exit 3
if [[ -n $WEEKNOTE_SCRIPT ]]; then zpty shell zsh -f -i; else zpty shell zsh -d -i; fi
zpty -w shell "source ${(q)1}"
local line
while zpty -r shell line; do [[ $line == *'<ready>'* ]] && break; done
zpty -w -n shell "$2"$'\t'
while zpty -r shell line; do
  [[ $line == *'<match>'* ]] && print -rn -- "${line#*<match>}"
  [[ $line == *'<done>'* ]] && break
done
zpty -d shell
"""


def _complete_zsh(support: Path, line: str, env: dict[str, str]) -> Completions:
    """An interactive zsh on zpty's terminal, given the line and a Tab: zsh's completion
    system runs as at a prompt, up to compadd."""
    done = subprocess.run(
        ["zsh", "-f", str(support / "driver.zsh"), str(support / "setup.zsh"), line],
        capture_output=True,
        text=True,
        env=env,
        timeout=TIMEOUT,
    )
    assert done.returncode == 0, done.stderr
    offered: Completions = {}
    for found in filter(None, map(str.strip, done.stdout.splitlines())):
        value, _, display = found.partition("<display>")
        offered[value] = display.partition(" -- ")[2]  # zsh shows "value  -- description"
    return offered


def _complete_fish(support: Path, line: str, env: dict[str, str]) -> Completions:
    """fish's own `complete -C`: what fish offers at a Tab, with descriptions."""
    if env.get("WEEKNOTE_SCRIPT"):
        argv = ["fish", "--no-config", "-c", "source $WEEKNOTE_SCRIPT; complete -C $argv[1]"]
    else:  # the installed script is loaded the first time weeknote is completed
        argv = ["fish", "-c", "complete -C $argv[1]"]
    done = subprocess.run([*argv, line], capture_output=True, text=True, env=env, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr
    return dict(found.partition("\t")[::2] for found in done.stdout.splitlines())


DRIVERS = {"bash": _complete_bash, "zsh": _complete_zsh, "fish": _complete_fish}
SUPPORT = {"bash": {"bashrc": BASH_RC}, "zsh": {"setup.zsh": ZSH_SETUP, "driver.zsh": ZSH_DRIVER}}


def _support(shell: str, folder: Path) -> Path:
    """The folder with the files that drive the shell."""
    for name, text in SUPPORT.get(shell, {}).items():
        (folder / name).write_text(text)
    return folder


def _script(shell: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        ["weeknote", "--show-completion", shell],
        capture_output=True,
        text=True,
        env=env,
        timeout=TIMEOUT,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


# Fixtures: the environment the shells run in, and each shell's completions.


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A notes folder with a monthly template, another (OTHER) with a quarterly one, a
    home of its own, and the installed weeknote first on PATH."""
    exe = Path(sys.executable).with_name("weeknote")
    if not exe.exists():
        if os.environ.get("CI"):
            pytest.fail(f"no {exe}, and CI is set: .ci/run installs weeknote with pip")
        pytest.skip(f"needs the installed weeknote script next to {sys.executable}")
    root = tmp_path_factory.mktemp("completion")
    for folder, template in (("notes", "monthly"), ("other", "quarterly")):
        (root / folder / "templates").mkdir(parents=True)
        (root / folder / "templates" / f"{template}.md").write_text("# {title}\n")
    (root / "home").mkdir()
    return {
        **{key: value for key, value in os.environ.items() if key in {"LANG", "LC_ALL"}},
        "PATH": f"{exe.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "TERM": "dumb",
        "HOME": str(root / "home"),
        "XDG_CONFIG_HOME": str(root / "home" / ".config"),
        "XDG_CACHE_HOME": str(root / "cache"),
        "WEEKNOTE_DIR": str(root / "notes"),
        "WEEKNOTE_CONFIG": str(root / "config.toml"),
        "WEEKNOTE_TODAY": "2026-11-24",
        "OTHER": str(root / "other"),
        "NO_COLOR": "1",
    }


@pytest.fixture(params=SHELLS, scope="module")
def shell(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    require_tool(name)
    return name


@pytest.fixture(scope="module")
def complete(
    shell: str, environment: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Complete:
    """complete("weeknote ne") -> what the shell offers for that line, from the script
    --show-completion printed."""
    support = _support(shell, tmp_path_factory.mktemp(shell))
    script = support / f"weeknote.{shell}"
    script.write_text(_script(shell, environment))
    env = {**environment, "WEEKNOTE_SCRIPT": str(script)}
    if shell == "zsh":  # compinit's dump, made once here, is read by every zsh at once
        compinit = "autoload -Uz compinit && compinit -u -C"
        subprocess.run(["zsh", "-f", "-c", compinit], env=env, check=True, timeout=TIMEOUT)

    def run(line: str) -> Completions:
        return DRIVERS[shell](support, line.replace("OTHER", environment["OTHER"]), env)

    with ThreadPoolExecutor(max_workers=4) as pool:
        offered = dict(zip(LINES, pool.map(run, LINES), strict=True))

    def lookup(line: str) -> Completions:
        if line not in offered:
            offered[line] = run(line)
        return offered[line]

    return lookup
