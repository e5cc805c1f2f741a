"""The configuration: a frozen Config, read with tomllib, written with tomli-w.

Precedence for every key: command-line flag > environment > config file > default.
Keys in a TOML table are named with a dot: ``git.autocommit`` is ``autocommit`` under
``[git]`` (or ``git.autocommit = true`` at the top of the file).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence

from weeknote.errors import ConfigError, UsageError
from weeknote.folder import paths
from weeknote.weeks.days import WEEK_STARTS, WEEKDAYS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

TITLE_STYLES = ("wc", "yearweek")
# what makes a blog post a weeknote, for `import` ("N" stands for any number)
IMPORT_MATCH = ("weeknote", "weeknotes", "week note", "w/c", "week N")
SMTP_SECURITY = ("starttls", "tls", "none")
FRONT_MATTER = ("toml", "yaml")
# Kept by each notes folder (its repository's remote origin), never in the config file; a
# value earlier versions wrote there is still read for a folder with no remote (gitsync).
FOLDER_REMOTE = "git.remote"


class Config:
    """Effective settings, and where each one came from. A plain class rather than a
    dataclass: every command reads the config, `weeknote bullet` too, and importing
    dataclasses costs that path more than all its work. The notes folder and the config
    file are kept as given and made Paths when first asked for: the capture path works on
    their text (``dir_text``, ``config_file_text``) and never imports pathlib."""

    __slots__ = (
        "dir_text", "_dir", "week_start", "cutoff_day", "write_day", "editor", "template",
        "title_style", "git_autocommit", "git_remote", "git_autosync", "import_match",
        "carry_forward",
        "plans_heading", "email_from", "smtp_host", "smtp_port", "smtp_user", "smtp_security",
        "smtp_password_env", "smtp_password_command", "site_title", "site_author",
        "site_description", "site_base_url", "site_feed_entries", "note_front_matter",
        "config_file_text", "_config_file", "sources",
        "gather_repos", "gather_calendars", "gather_emails", "gather_skip", "gather_leave_out",
        "gather_hours",
    )  # fmt: skip

    def __init__(
        self,
        dir: Path | str,
        week_start: str = "monday",
        cutoff_day: str = "wednesday",
        write_day: str = "friday",
        editor: str = "",
        template: str = "default",
        title_style: str = "wc",
        git_autocommit: bool = False,
        git_remote: str = "",
        git_autosync: bool = False,
        import_match: Sequence[str] = IMPORT_MATCH,
        carry_forward: bool = True,
        plans_heading: str = "",
        email_from: str = "",
        smtp_host: str = "",
        smtp_port: int = 0,
        smtp_user: str = "",
        smtp_security: str = "starttls",
        smtp_password_env: str = "WEEKNOTE_SMTP_PASSWORD",
        smtp_password_command: str = "",
        site_title: str = "",
        site_author: str = "",
        site_description: str = "",
        site_base_url: str = "",
        site_feed_entries: int = 20,
        note_front_matter: str = "toml",
        config_file: Path | str = "config.toml",
        sources: Mapping[str, str] | None = None,
        gather_repos: Sequence[str] = (),
        gather_calendars: Sequence[str] = (),
        gather_emails: Sequence[str] = (),
        gather_skip: Sequence[str] = (),
        gather_leave_out: Sequence[str] = (),
        gather_hours: str = "",
    ) -> None:
        self.dir_text, self._dir = os.fspath(dir), None if isinstance(dir, str) else dir
        self.config_file_text = os.fspath(config_file)
        self._config_file = None if isinstance(config_file, str) else config_file
        self.week_start, self.cutoff_day, self.write_day = week_start, cutoff_day, write_day
        self.editor, self.template, self.title_style = editor, template, title_style
        self.git_autocommit, self.git_remote = git_autocommit, git_remote
        self.git_autosync = git_autosync
        self.import_match = list(import_match)
        self.carry_forward, self.plans_heading = carry_forward, plans_heading
        self.email_from, self.smtp_host, self.smtp_port = email_from, smtp_host, smtp_port
        self.smtp_user, self.smtp_security = smtp_user, smtp_security
        self.smtp_password_env = smtp_password_env
        self.smtp_password_command = smtp_password_command
        self.site_title, self.site_author = site_title, site_author
        self.site_description, self.site_base_url = site_description, site_base_url
        self.site_feed_entries, self.note_front_matter = site_feed_entries, note_front_matter
        self.sources: Mapping[str, str] = {} if sources is None else sources
        self.gather_repos, self.gather_calendars = list(gather_repos), list(gather_calendars)
        self.gather_emails, self.gather_skip = list(gather_emails), list(gather_skip)
        self.gather_leave_out, self.gather_hours = list(gather_leave_out), gather_hours

    @property
    def gathers(self) -> bool:
        """Whether `gather` has sources configured (repositories or calendars)."""
        return bool(self.gather_repos or self.gather_calendars)

    @property
    def dir(self) -> Path:
        """The notes folder."""
        if self._dir is None:
            from pathlib import Path

            self._dir = Path(self.dir_text)
        return self._dir

    @property
    def config_file(self) -> Path:
        """The config file these settings were read from (it may not exist)."""
        if self._config_file is None:
            from pathlib import Path

            self._config_file = Path(self.config_file_text)
        return self._config_file


class Key:
    """What a config key holds: its type, the values allowed (if only some are), and help."""

    __slots__ = ("kind", "allowed", "help")

    def __init__(self, kind: type, allowed: tuple[str, ...] | None, help: str) -> None:
        self.kind, self.allowed, self.help = kind, allowed, help


KEYS: dict[str, Key] = {
    "dir": Key(str, None, "the notes folder (WEEKNOTE_DIR and --dir override it)"),
    "week_start": Key(str, WEEK_STARTS, "the first day of a week"),
    "cutoff_day": Key(
        str, WEEKDAYS, "until this weekday, `new` writes up last week if it has no note yet"
    ),
    "write_day": Key(
        str, WEEKDAYS, "from this weekday on, `new` writes up this week (before it, last week)"
    ),
    "editor": Key(str, None, "used when neither VISUAL nor EDITOR is set, e.g. 'code --wait'"),
    "template": Key(str, None, "the template `new` uses: 'default' or a file in <dir>/templates/"),
    "title_style": Key(
        str, TITLE_STYLES, "'wc' (Weeknote w/c 16 November) or 'yearweek' (2026.47)"
    ),
    "git.autocommit": Key(
        bool, None, "commit every change to the notes folder when it is a git repository"
    ),
    "git.remote": Key(
        str,
        None,
        "the repository `weeknote sync` pulls from and pushes to: the folder's remote origin, "
        "set for each folder, never in this file",
    ),
    "git.autosync": Key(bool, None, "sync after every command that writes (quietly)"),
    "import.match": Key(
        list,
        None,
        "what makes a blog post a weeknote for `import`: words its title, tags or categories "
        "hold (N is any number)",
    ),
    "carry_forward": Key(
        bool, None, "`new` quotes last week's plans under \"Last week I said I'd…\""
    ),
    "plans_heading": Key(
        str, None, 'the heading of the plans section, if not the template\'s "onto week" one'
    ),
    "email.from": Key(str, None, "the From of `export --format email` and `send`"),
    "smtp.host": Key(str, None, "the mail server `send` uses, e.g. smtp.example.org"),
    "smtp.port": Key(int, None, "its port (0: 587 for starttls, 465 for tls, 25 for none)"),
    "smtp.user": Key(str, None, "the user to log in as (none: no login)"),
    "smtp.security": Key(str, SMTP_SECURITY, "starttls, tls (implicit) or none"),
    "smtp.password_env": Key(
        str, None, "the environment variable holding the password (never this file)"
    ),
    "smtp.password_command": Key(
        str,
        None,
        "a command whose first line of output is the password, run by sh when the "
        "variable is empty, e.g. 'pass show mail'",
    ),
    "site.title": Key(str, None, "the site's title, for the site, Hugo and feed exports"),
    "site.author": Key(str, None, "the author named by the site and the feed"),
    "site.description": Key(str, None, "one line about the site, for its index and feed"),
    "site.base_url": Key(str, None, "where the site is published, e.g. https://example.org/"),
    "site.feed_entries": Key(int, None, "how many of the newest notes the site's feed holds"),
    "note.front_matter": Key(
        str,
        FRONT_MATTER,
        "the front matter new notes get: toml (+++, Hugo) or yaml (---, Obsidian, Jekyll); "
        "weeknote convert --front-matter KIND rewrites the notes already written",
    ),
    "gather.repos": Key(
        list,
        None,
        "git repositories `gather` reads the week's commits from; a folder that is no "
        "repository stands for the repositories in it (one level down)",
    ),
    "gather.calendars": Key(
        list,
        None,
        "calendars `gather` reads the week's events from: .ics files, https:// or "
        "webcal:// addresses",
    ),
    "gather.emails": Key(
        list,
        None,
        "your addresses, beside each repository's user.email: commits by them and events "
        "they attend are yours",
    ),
    "gather.skip": Key(
        list, None, "repositories or calendars `gather` leaves out (paths, folder names, URLs)"
    ),
    "gather.leave_out": Key(
        list, None, 'event titles `gather` leaves out, as patterns: ["Lunch", "*standup*"]'
    ),
    "gather.hours": Key(
        str,
        None,
        'working hours, e.g. "09:00-18:00": events wholly outside them are left '
        "out (all-day events are kept; empty: every hour)",
    ),
}
TABLES = {key.split(".")[0] for key in KEYS if "." in key}


def _attr(key: str) -> str:
    return key.replace(".", "_")


def _key_line(text: str, key: str) -> int | None:
    """The line a key is set on, for error messages (dotted or under its table)."""
    leaf = key.rsplit(".", 1)[-1]
    for candidate in (key, leaf):
        pattern = re.compile(rf"^\s*[\"']?{re.escape(candidate)}[\"']?\s*=", re.MULTILINE)
        match = pattern.search(text)
        if match:
            return text.count("\n", 0, match.start()) + 1
    return None


def _where(path: Path | str, text: str, key: str) -> str:
    line = _key_line(text, key)
    return f"{path}, line {line}" if line else str(path)


def _flatten(table: Mapping[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        if key in TABLES and isinstance(value, dict):
            flat.update({f"{key}.{leaf}": item for leaf, item in value.items()})
        else:
            flat[key] = value
    return flat


def check(key: str, value: Any, where: str) -> None:
    """Refuse an unknown key, a wrong type or a value outside the allowed ones. ``where``
    names the file and line (empty for a value typed on the command line)."""
    where = f"config {where}: " if where else ""
    if key not in KEYS:
        raise ConfigError(f"{where}unknown key {key!r}; valid keys are {', '.join(KEYS)}")
    spec = KEYS[key]
    if not isinstance(value, spec.kind) or (spec.kind is int and isinstance(value, bool)):
        kind = {
            str: "string",
            bool: "boolean (true or false)",
            list: 'list of strings, e.g. ["weeknote", "week N"]',
            int: "whole number",
        }.get(spec.kind, spec.kind.__name__)
        raise ConfigError(f"{where}{key!r} must be a {kind}, not {type(value).__name__}")
    if isinstance(value, list) and key.startswith("gather."):
        if not all(isinstance(item, str) and item.strip() for item in value):
            raise ConfigError(f'{where}{key!r} must list text, e.g. ["~/src/weeknote"]')
    elif isinstance(value, list):
        if not value or not all(isinstance(item, str) and item.strip() for item in value):
            raise ConfigError(
                f'{where}{key!r} must list words, e.g. ["weeknote", "week N"]; '
                "`import --all` takes every post"
            )
        if any("\x00" in item for item in value):
            raise ConfigError(f"{where}{key!r} holds a NUL character: remove it")
    if isinstance(value, str) and "\x00" in value:
        raise ConfigError(f"{where}{key!r} holds a NUL character: remove it")
    if key == "dir" and isinstance(value, str):
        dir_text(value, f"{where}'dir'")
    if key == "gather.hours" and value and working_hours(value) is None:
        raise ConfigError(
            f"{where}'gather.hours' is {value!r}; write the hours as \"09:00-18:00\" "
            "(empty: every hour)"
        )
    if key == "smtp.port" and not 0 <= value <= 65535:
        raise ConfigError(f"{where}'smtp.port' is {value}; a port is 1 to 65535 (0: the usual one)")
    if key == "site.feed_entries" and not 1 <= value <= 100_000:
        raise ConfigError(
            f"{where}'site.feed_entries' is {value}; the feed holds 1 or more notes (20 is usual)"
        )
    if spec.allowed is not None and str(value).lower() not in spec.allowed:
        raise ConfigError(f"{where}{key!r} is {value!r}; use one of {', '.join(spec.allowed)}")


def working_hours(text: str) -> tuple[int, int] | None:
    """``"09:00-18:00"`` as minutes from midnight (540, 1080); None if it is not so written
    or ends before it starts."""
    found = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*", text)
    if found is None:
        return None
    h1, m1, h2, m2 = (int(part) for part in found.groups())
    if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2 == 24 and m2):
        return None
    start, end = h1 * 60 + m1, h2 * 60 + m2
    return (start, end) if start < end else None


def dir_text(value: str, what: str) -> str:
    """A notes folder as written in the config or the environment, with ``~`` expanded
    (as Path.expanduser expands it: a leading ``~`` or ``~user``)."""
    if not value.strip():
        raise ConfigError(f"{what} is empty: name a folder, e.g. ~/Documents/weeknotes")
    if "\x00" in value:
        raise ConfigError(f"{what} holds a NUL character: remove it")
    plain = paths.normal(value)  # "./~/notes" is "~/notes" to pathlib too
    expanded = os.path.expanduser(plain) if plain.startswith("~") else plain
    if expanded.startswith("~"):  # "~someone" with no such user, or no home folder at all
        user = plain.split("/", 1)[0]
        raise ConfigError(
            f"{what} is {value!r}, but {user} names no home folder here: write the full path"
        ) from None
    return expanded


def _read_text(path: Path | str) -> str | None:
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise ConfigError(
            f"config {path} is a folder, not a file: remove it or set WEEKNOTE_CONFIG"
        ) from None
    except OSError as exc:
        raise ConfigError(f"config {path} cannot be read: {exc.strerror}") from None
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise ConfigError(f"config {path} is not UTF-8 text: save it as UTF-8") from None


def parse_text(text: str, path: Path | str) -> dict[str, Any]:
    """The validated keys of a config file's text, flattened to dotted names."""
    from weeknote.folder import plaintoml

    table = plaintoml.loads(text)
    if table is None:  # more than plain keys and values: the whole of TOML
        import tomllib

        try:
            table = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config {path}: {exc}: fix the TOML syntax there") from None
    flat = _flatten(table)
    for key, value in flat.items():
        try:
            check(key, value, "")
        except ConfigError:  # said again, naming the line: found only when needed
            check(key, value, _where(path, text, key))
            raise
    return flat


def read_file(path: Path | str) -> dict[str, Any]:
    """The validated keys of a config file ({} when there is none)."""
    text = _read_text(path)
    return {} if text is None else parse_text(text, path)


def load(dir_flag: Path | str | None = None, config_flag: Path | None = None) -> Config:
    """The effective Config: flag > env > file > default. The folder is kept as the text
    it was given or found as (``~`` expanded); ``Config.dir`` makes it a Path."""
    config_file: Path | str = config_flag or paths.normal(paths.config_path_text())
    table = read_file(config_file)
    sources = dict.fromkeys(KEYS, "default")
    values: dict[str, Any] = {}
    for key, value in table.items():
        values[_attr(key)] = (
            value.lower() if KEYS[key].allowed and isinstance(value, str) else value
        )
        sources[key] = f"file {config_file}"
    env_dir = os.environ.get("WEEKNOTE_DIR")
    if dir_flag is not None:
        notes_dir, sources["dir"] = dir_text(os.fspath(dir_flag), "--dir"), "flag --dir"
    elif env_dir:
        notes_dir, sources["dir"] = dir_text(env_dir, "WEEKNOTE_DIR"), "env WEEKNOTE_DIR"
    elif "dir" in values:
        notes_dir = dir_text(values["dir"], f"config {config_file}: 'dir'")
    else:
        notes_dir = paths.default_notes_dir_text()
    values.pop("dir", None)
    return Config(dir=paths.normal(notes_dir), config_file=config_file, sources=sources, **values)


def effective(config: Config) -> list[tuple[str, Any, str]]:
    """(key, value, source) for every key, in the documented order."""
    return [(key, getattr(config, _attr(key)), config.sources.get(key, "default")) for key in KEYS]


def parse_value(key: str, raw: str) -> Any:
    """A value typed on the command line, converted to the key's type and checked: a
    UsageError (a bad argument, exit 2) if it is not one the key takes. A ConfigError is
    for the config file."""
    try:
        return _parse_value(key, raw)
    except ConfigError as exc:
        raise UsageError(exc.message) from None


def _list_value(key: str, raw: str) -> list[str]:
    """A list typed on the command line: words with a comma between them ("weeknote,
    week N"), or a list as the config file writes it (["~/src/a", "~/src/b"]), so what
    `weeknote config` shows can be typed back."""
    if not raw.lstrip().startswith("["):
        return [item.strip() for item in raw.split(",") if item.strip()]
    import tomllib

    try:
        found = tomllib.loads(f"value = {raw.strip()}")["value"]
    except tomllib.TOMLDecodeError:
        found = None
    if not isinstance(found, list) or not all(isinstance(item, str) for item in found):
        raise ConfigError(
            f"{key!r} takes a list of strings: {raw!r} is not one; write it as "
            '["one", "two"] or as one, two'
        )
    return found


def _parse_value(key: str, raw: str) -> Any:
    if key not in KEYS:
        raise ConfigError(f"unknown key {key!r}; valid keys are {', '.join(KEYS)}")
    value: Any = raw
    if KEYS[key].kind is list:
        value = _list_value(key, raw)
    if KEYS[key].kind is int:
        try:
            value = int(raw.strip())
        except ValueError:
            raise ConfigError(f"{key!r} must be a whole number, not {raw!r}") from None
    if KEYS[key].kind is bool:
        lowered = raw.strip().lower()
        if lowered not in ("true", "false", "yes", "no", "on", "off", "1", "0"):
            raise ConfigError(f"{key!r} must be true or false, not {raw!r}")
        value = lowered in ("true", "yes", "on", "1")
    check(key, value, "")
    if KEYS[key].allowed and isinstance(value, str):
        value = value.lower()  # Sunday is sunday
    return value


def _toml_line(key: str, value: Any) -> str:
    import tomli_w

    leaf = key.rsplit(".", 1)[-1]
    if isinstance(value, list):  # on one line, as people write short lists
        items = (tomli_w.dumps({"v": item})[len("v = ") :].rstrip("\n") for item in value)
        return f"{leaf} = [{', '.join(items)}]"
    return tomli_w.dumps({leaf: value}).rstrip("\n")


def with_key_set(text: str, key: str, value: Any, path: Path) -> str:
    """The config text with one key set, every other line (comments, multi-line strings,
    inline tables) kept as it was: edited with tomlkit, which keeps a TOML document's form."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        document = tomlkit.parse(text)
        table, _, leaf = key.rpartition(".")
        if not table:
            document[key] = value
        elif table in document:
            document[table][leaf] = value  # a [table], an inline table or dotted keys
        else:
            document.append(tomlkit.key([table, leaf]), value)
        updated = tomlkit.dumps(document)
    except (TOMLKitError, TypeError, KeyError) as exc:
        raise ConfigError(
            f"config {path}: cannot set {key} in this file ({exc}): edit it by hand"
        ) from None
    if not updated.endswith("\n"):
        updated += "\n"
    if parse_text(updated, path).get(key) != value:  # never write what we could not read back
        raise ConfigError(f"config {path}: setting {key} did not take: edit the file by hand")
    return updated


def default_file_text(notes_dir: Path) -> str:
    """A commented config holding the defaults, each line written with tomli-w."""
    defaults = Config(dir=notes_dir)
    lines = ["# weeknote configuration: every key is optional.", ""]
    for key, spec in KEYS.items():
        if key == FOLDER_REMOTE:
            continue
        lines.append(f"# {spec.help}")
        if spec.allowed:
            lines.append(f"# one of: {', '.join(spec.allowed)}")
        value = defaults.dir_text if key == "dir" else getattr(defaults, _attr(key))
        table = key.rpartition(".")[0]
        lines.append((f"{table}." if table else "") + _toml_line(key, value))
        lines.append("")
    return "\n".join(lines)


def set_key(config_file: Path, key: str, raw: str) -> Any:
    """Set one key in the config file (created if missing), atomically; returns the value."""
    from weeknote.folder.files import write_atomic

    if key == FOLDER_REMOTE:
        raise ConfigError(
            f"{key} is kept by each notes folder, not in {config_file}: run "
            f"weeknote config {key} URL for the folder"
        )
    value = parse_value(key, raw)
    text = _read_text(config_file) or ""
    if text:
        parse_text(text, config_file)  # a broken file is reported, not overwritten
    write_atomic(config_file, with_key_set(text, key, value, config_file), overwrite=True)
    return value
