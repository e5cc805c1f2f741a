"""The capture path: `weeknote bullet TEXT` without Typer, Rich or the rest of the package.

A bullet is typed many times a week, often from an editor or a launcher binding, so it must
cost little more than starting Python. The entry point hands the common forms here:

    weeknote [--dir PATH] bullet [-s NAME | --section NAME] [-d DATE | --date DATE] [--] TEXT...
    weeknote [--dir PATH] bullet [...] -          (one bullet a line from stdin)

They are checked with the same functions the full command uses (config.load, the template's
sections, draftline.clean_bullet and split_section, files.append_file, the link guard) and
say the same lines, on paths spelt as text (os.path) where the full command has Paths:
pathlib alone would cost this path more than all its work. Anything else (help,
completion, --undo, an unknown option, git autocommit or sync, a #tag to check against the
folder, any error) is handed to the Typer app untouched, which then says what the full
command says. Once standard input has been read it cannot be handed on, so from then on
errors are said here, in the same words.
"""

from __future__ import annotations

import os
import sys

from weeknote.errors import UsageError, WeeknoteError
from weeknote.weeks.days import date, datetime

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from weeknote.folder.config import Config

_SECTION = ("-s", "--section")
_DATE = ("-d", "--date")


def stdin_text() -> str:
    """Standard input as UTF-8 text; anything else is refused, not guessed at."""
    raw = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"standard input is not UTF-8 text (byte {exc.start}): convert it, e.g. with iconv"
        ) from None


def stdin_bullets() -> list[str]:
    """One bullet a line of standard input; none at all is a UsageError."""
    texts = [line for line in stdin_text().splitlines() if line.strip()]
    if not texts:
        raise UsageError("no bullets on stdin: give one bullet per line")
    return texts


def added_text(
    added: int, day: date, sections: Sequence[str], week_id: str, total: int | None
) -> str:
    """'Added 1 bullet to Mon 23 Nov 2026 (highlights); 2026-W48 holds 3 bullets now.'"""
    from weeknote.weeks.days import describe_day

    said = f"Added {_plural(added, 'bullet')} to {describe_day(day)} ({', '.join(sections)})"
    if total is None:
        return f"{said}."
    return f"{said}; {week_id} holds {_plural(total, 'bullet')} now."


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _say(message: str) -> None:
    from weeknote.text.layout import message_lines

    sys.stderr.write("\n".join(message_lines(message, sys.stderr)) + "\n")
    sys.stderr.flush()


def _options(argv: Sequence[str]) -> tuple[str | None, list[str]] | None:
    """(--dir, the arguments after `bullet`), or None when this is not `bullet`."""
    notes_dir = None
    index = 0
    while index < len(argv) and argv[index].startswith("--dir"):
        arg = argv[index]
        if arg == "--dir" and index + 1 < len(argv):
            notes_dir, index = argv[index + 1], index + 2
        elif arg.startswith("--dir="):
            notes_dir, index = arg[len("--dir=") :], index + 1
        else:
            return None
    if index >= len(argv) or argv[index] != "bullet":
        return None
    return notes_dir, list(argv[index + 1 :])


def _bullet_args(args: Sequence[str]) -> tuple[str | None, str | None, list[str]] | None:
    """(--section, --date, words) of a common `bullet` form, else None."""
    section = day = None
    words: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            words.extend(args[index + 1 :])
            break
        name, equals, value = arg.partition("=")
        if arg in _SECTION or arg in _DATE:
            if index + 1 >= len(args):
                return None
            value, index = args[index + 1], index + 1
            name = arg
        elif not (equals and name in ("--section", "--date")):
            if arg.startswith("-") and arg != "-":
                return None  # --undo, -h, a typo: the full command says what to say
            words.append(arg)
            index += 1
            continue
        if name in _SECTION:
            section = value
        else:
            day = value
        index += 1
    return (section, day, words) if words else None


def capture(argv: Sequence[str]) -> int | None:
    """Capture through the short path; the exit code, or None to hand the command on."""
    found = _options(argv)
    parsed = _bullet_args(found[1]) if found else None
    if found is None or parsed is None:
        return None
    notes_dir, (section, day_text, words) = found[0], parsed
    try:
        plan = _plan(notes_dir, section, day_text)
        if plan is None:
            return None
        if words != ["-"]:
            filed = _file([" ".join(words)], plan)
            if _tagged(filed):
                return None  # the full command checks the tag against the folder's
    except (WeeknoteError, ValueError):
        return None  # the full command says it, in its own words
    try:
        if words == ["-"]:  # read once: from here on it cannot be handed on
            texts = stdin_bullets()
            filed = _file(texts, plan)
            if _tagged(filed):
                return _with_tags(plan, texts)
        return _write(plan, filed)
    except WeeknoteError as exc:
        _say(f"Error: {exc.message}")
        return exc.exit_code
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        _say(f"Error: {where}{exc.strerror or exc}: check the path and its permissions")
        return 1


class _Plan:
    """What a capture needs, checked before standard input is read or anything written."""

    __slots__ = ("config", "day", "today", "template", "sections", "section")

    def __init__(
        self,
        config: Config,
        day: date,
        today: date,
        template: str,
        sections: list[str],
        section: str | None,
    ) -> None:
        self.config, self.day, self.today = config, day, today
        self.template, self.sections, self.section = template, sections, section


def _plan(notes_dir: str | None, section: str | None, day_text: str | None) -> _Plan | None:
    """None for whatever the short path leaves to the full command (git, a folder that is
    a file, a day ahead); a WeeknoteError or ValueError for anything it would refuse."""
    from weeknote.folder import config as config_mod

    fixed = os.environ.get("WEEKNOTE_TODAY")
    today = date.fromisoformat(fixed) if fixed else date.today()
    config = config_mod.load(notes_dir or None)
    if config.git_autocommit or config.git_autosync:
        return None
    root = config.dir_text
    if os.path.exists(os.path.join(root, ".git")) or (
        os.path.exists(root) and not os.path.isdir(root)
    ):
        return None
    if day_text is None:
        day = today
    elif len(day_text) == 10 and day_text[4] == "-":
        day = date.fromisoformat(day_text)
    else:
        from weeknote.weeks.parse import parse_date

        day = parse_date(day_text, today)
    if day > today:
        return None
    from weeknote.weeks.days import iso_week

    iso_week(day, config.week_start)  # a day out of range: said by the full command
    template, sections = _sections(config)
    if section is not None:
        section = section.lstrip("#").lower()
        if section not in sections:
            return None
    return _Plan(config, day, today, template, sections, section)


def _file(texts: Sequence[str], plan: _Plan) -> list[tuple[str, str]]:
    """(section, text) of each bullet, cleaned."""
    from weeknote.folder.bullets import clean_bullet, split_section

    cleaned = [clean_bullet(text) for text in texts]
    if plan.section is not None:
        return [(plan.section, text) for text in cleaned]
    return [split_section(text, plan.sections) for text in cleaned]


def _tagged(filed: Sequence[tuple[str, str]]) -> bool:
    """Whether a bullet holds a #tag (beyond a leading section word): then a new tag is
    checked against the folder's, which the full command does."""
    return any("#" in text for _, text in filed)


def _sections(config: Config) -> tuple[str, list[str]]:
    """The template's name and its sections, as Store.template reads them."""
    from weeknote.folder.files import check_inside, read_text, real_root
    from weeknote.writing.template import Template, default_template, is_template_name

    name = config.template
    if not is_template_name(name):
        raise UsageError(f"template name {name!r} is not a plain file name")
    path = os.path.join(config.dir_text, "templates", f"{name}.md")
    if os.path.isfile(path):
        check_inside(path, real_root(config.dir_text))
        return name, Template(name, path, read_text(path, "template")).sections()
    if name != "default":
        raise UsageError(f"no template {name!r}")
    return name, default_template().sections()


def _write(plan: _Plan, filed: Sequence[tuple[str, str]]) -> int:
    from weeknote.folder.bullets import count_bullets, draft_line, stamp
    from weeknote.folder.files import append_file, check_inside, read_text, real_root
    from weeknote.weeks.days import iso_week, week_days, week_id

    config, day = plan.config, plan.day
    root = config.dir_text
    created = not os.path.exists(root)
    os.makedirs(root, exist_ok=True)
    inside = real_root(root)
    drafts = os.path.join(root, "drafts")
    path = os.path.join(drafts, f"{day.isoformat()}.md")
    check_inside(path, inside)
    added = stamp(datetime.now())
    append_file(path, "".join(draft_line(name, text, added) for name, text in filed))
    total: int | None = 0
    problem = None
    for other in week_days(day, config.week_start):
        draft = os.path.join(drafts, f"{other.isoformat()}.md")
        try:
            check_inside(draft, inside)
            total = (total or 0) + count_bullets(read_text(draft, "draft"), draft)
        except FileNotFoundError:
            continue
        except WeeknoteError as exc:  # the bullet is saved; the count can wait
            total, problem = None, exc.message
            break
    week = week_id(*iso_week(day, config.week_start))
    used = tuple(dict.fromkeys(name for name, _ in filed))
    _say(added_text(len(filed), day, used, week, total))
    if problem is not None:
        _say(f"Warning: {problem}")
    if created:
        _say(f"Created the notes folder {root}.")
    return 0


def _with_tags(plan: _Plan, texts: Sequence[str]) -> int:
    """Bullets with a #tag read from standard input: captured as the full command does,
    hint included (which reads the folder's tags)."""
    from weeknote import render
    from weeknote.find.tags import typo_hints
    from weeknote.folder.store import Store
    from weeknote.writing.capture import capture as full_capture

    store = Store(plan.config.dir, plan.config.week_start)
    created = not store.root.exists()
    template = store.template(plan.config.template)
    result = full_capture(store, template, plan.day, texts, plan.section, plan.today)
    render.captured(result, store)
    render.tag_hints(typo_hints(store, template.sections(), result.day, result.filed))
    from weeknote.folder import index

    index.save_caches()  # as the full command does once it has succeeded
    if created:
        _say(f"Created the notes folder {store.root}.")
    for problem in store.problems():
        _say(f"Warning: left out a note: {problem}")
    return 0
