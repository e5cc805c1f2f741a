"""Fill a template with a week's facts and bullets.

A template is Markdown with ``{{ name }}`` placeholders. The set of names is small and
fixed (see PLACEHOLDERS); ``{{ bullets:SECTION }}`` is a section's bullets and
``{{ bullets }}`` every bullet whose section the template does not name. Filling runs
no code and allows no attribute or index access: ``{{ title.upper }}`` is an error.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence

from weeknote.errors import TemplateError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from weeknote.weeks.week import Week

DEFAULT_SECTION = "highlights"
SECTION_PREFIX = "bullets:"
CARRIED = "carried"  # the placeholder of last week's plans

PLACEHOLDERS = {
    "title": "the note's title, e.g. 'Weeknote w/c 16 November'",
    "week": "the note's week id, e.g. 2026-W47 (the last week it covers)",
    "week_number": "the ISO week number, e.g. 47",
    "next_week_number": "next week's number, e.g. 48 (for '… and onto week 48')",
    "year": "the ISO year of the note's week",
    "first_day": "the first day covered, e.g. '16 November 2026'",
    "last_day": "the last day covered, e.g. '22 November 2026'",
    "first_date": "the first day covered as an ISO date",
    "last_date": "the last day covered as an ISO date",
    "carried": "last week's plans, quoted under \"Last week I said I'd…\" (else at the top)",
    "bullets": "bullets in sections the template does not name",
    "bullets:NAME": "the bullets filed under section NAME",
}

_PLACEHOLDER = r"\{\{(.*?)\}\}"  # compiled where a note is filled in (re keeps it)

# What `weeknote bullet` checks on every capture is read with str methods, not regular
# expressions: compiling them would cost a capture more than the reading does.
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") | _LOWER
_FILE_CHARS = _ALNUM | frozenset("_.-")
_SECTION_CHARS = _LOWER | frozenset("0123456789_-")


def is_template_name(name: str) -> bool:
    """Whether ``name`` can name a file in <dir>/templates/: ASCII letters, digits, ``_``,
    ``.`` and ``-``, starting with a letter or digit."""
    return bool(name) and name[0] in _ALNUM and all(char in _FILE_CHARS for char in name)


def _is_placeholder_name(raw: str) -> bool:
    """``title``-like (lower case letters and ``_``) or ``bullets:NAME`` (a lower case
    letter, then lower case letters, digits, ``_`` and ``-``)."""
    if raw.startswith(SECTION_PREFIX):
        name = raw[len(SECTION_PREFIX) :]
        return bool(name) and name[0] in _LOWER and all(char in _SECTION_CHARS for char in name)
    return bool(raw) and all(char in _LOWER or char == "_" for char in raw)


def _placeholders_in(line: str) -> list[str]:
    """What each ``{{ … }}`` of a line holds, as ``_PLACEHOLDER.finditer`` finds them."""
    found = []
    start = line.find("{{")
    while start != -1:
        end = line.find("}}", start + 2)
        if end == -1:  # no later "{{" can be closed either
            break
        found.append(line[start + 2 : end])
        start = line.find("{{", end + 2)
    return found


class Template:
    """A template: its name, where it came from (for errors) and its text. A plain class,
    not a dataclass: `weeknote bullet` reads a template's sections and must not pay for
    importing dataclasses."""

    __slots__ = ("name", "source", "text")

    def __init__(self, name: str, source: str, text: str) -> None:
        self.name, self.source, self.text = name, source, text

    def __repr__(self) -> str:
        return f"Template({self.name!r}, {self.source!r})"

    def sections(self) -> list[str]:
        """Section names the template places, in order; the default section is always one."""
        names = [
            name.removeprefix(SECTION_PREFIX)
            for name, _ in self.placeholders()
            if name.startswith(SECTION_PREFIX)
        ]
        if DEFAULT_SECTION not in names:
            names.insert(0, DEFAULT_SECTION)
        return list(dict.fromkeys(names))

    def placeholders(self) -> list[tuple[str, int]]:
        """Every placeholder as (name, line), checked: unknown names are TemplateErrors."""
        found = []
        for number, line in enumerate(self.text.splitlines(), start=1):
            for inside in _placeholders_in(line):
                raw = inside.strip()
                if not _is_placeholder_name(raw) or (
                    raw not in PLACEHOLDERS and not raw.startswith(SECTION_PREFIX)
                ):
                    raise TemplateError(self._unknown(raw, number))
                found.append((raw, number))
        return found

    def _unknown(self, raw: str, line: int) -> str:
        where = f"template {self.source}, line {line}"
        if any(ch in raw for ch in ".[]()"):
            return (
                f"{where}: '{{{{ {raw} }}}}' is not allowed: placeholders are plain names "
                "with no attribute or index access"
            )
        known = ", ".join(sorted(PLACEHOLDERS))
        return f"{where}: unknown placeholder '{{{{ {raw} }}}}'; known ones are {known}"


def section_leads(template: Template, values: Mapping[str, str]) -> dict[str, str]:
    """For each section the template places, the line that introduces it: the nearest
    non-blank line above its ``{{ bullets:NAME }}`` (a heading such as "## Something I'm
    learning", or a lead-in such as "Highlights from the week were:"), filled in."""
    leads: dict[str, str] = {}
    previous = ""
    placeholder = re.compile(_PLACEHOLDER)
    for line in template.text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        names = [match.group(1).strip() for match in placeholder.finditer(stripped)]
        if names and not placeholder.sub("", stripped).strip():  # placeholders only
            for name in names:
                if name.startswith(SECTION_PREFIX) and previous:
                    leads.setdefault(name.removeprefix(SECTION_PREFIX), previous)
            continue
        previous = fill_values(stripped, values)
    return leads


def fill_values(text: str, values: Mapping[str, str]) -> str:
    """``text`` with its plain placeholders filled (bullet placeholders left out)."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        return values.get(name, "")

    return re.sub(_PLACEHOLDER, replace, text)


TEMPLATES = "templates"  # the folder of a notes folder's own templates


def find_template(root: str, name: str) -> Template:
    """The template ``name`` of the notes folder ``root``: its own file in templates/, else
    the built-in default; a name that is no plain file name, or no template, is refused."""
    from weeknote.errors import NotFoundError, UsageError
    from weeknote.folder.files import check_inside, read_text, real_root

    if not is_template_name(name):
        raise UsageError(f"template name {name!r} is not a plain file name, e.g. 'monthly'")
    path = os.path.join(root, TEMPLATES, f"{name}.md")
    if os.path.isfile(path):
        check_inside(path, real_root(root))
        return Template(name, path, read_text(path, "template"))
    if name == "default":
        return default_template()
    available = ", ".join(template_names(root)) or "default"
    raise NotFoundError(f"no template {name!r}: create {path} or use one of: {available}")


def template_names(root: str) -> list[str]:
    """The names of the templates a notes folder offers, the built-in default among them."""
    folder = os.path.join(root, TEMPLATES)
    names = {"default"}
    try:
        listed = os.listdir(folder)
    except OSError:
        listed = []
    names.update(
        name[:-3]
        for name in listed
        if name.endswith(".md")
        and not name.startswith(".")
        and not _is_conflict(name[:-3])
        and os.path.isfile(os.path.join(folder, name))
    )
    return sorted(names)


def _is_conflict(stem: str) -> bool:
    """A sync's other text of a template: ``NAME.conflict`` or ``NAME.conflict-2``."""
    _, found, tail = stem.rpartition(".conflict")
    return bool(found) and (not tail or (tail[0] == "-" and tail[1:].isdigit()))


def default_template() -> Template:
    with open(
        os.path.join(os.path.dirname(os.path.dirname(__file__)), "templates", "default.md"),
        encoding="utf-8",
    ) as handle:
        text = handle.read()
    return Template("default", "default (built in)", text)


def format_bullets(texts: Sequence[str]) -> str:
    return "\n".join(f"- {text}" for text in texts)


def fill(
    template: Template,
    values: Mapping[str, str],
    bullets: Mapping[str, Sequence[str]],
) -> tuple[str, list[str]]:
    """The filled text, and the bullets the template had no place for (appended at the end).

    ``values`` holds every plain placeholder; ``bullets`` maps section to bullet texts.
    """
    names = {name for name, _ in template.placeholders()}
    placed = {n.removeprefix(SECTION_PREFIX) for n in names if n.startswith(SECTION_PREFIX)}
    loose = [text for section, texts in bullets.items() if section not in placed for text in texts]

    def replace(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        if name == "bullets":
            return format_bullets(loose)
        if name.startswith(SECTION_PREFIX):
            return format_bullets(bullets.get(name.removeprefix(SECTION_PREFIX), []))
        return values[name]

    text = re.sub(_PLACEHOLDER, replace, template.text)
    unplaced = [] if "bullets" in names else loose
    if unplaced:
        text = text.rstrip("\n") + "\n\n" + format_bullets(unplaced) + "\n"
    # An empty section leaves its placeholder's line blank: fold runs of blank lines.
    text = re.sub(r"\n{3,}", "\n\n", text).lstrip("\n")
    return text, unplaced


def week_values(weeks: Sequence[Week], title: str) -> dict[str, str]:
    """The plain placeholders of a note covering ``weeks``."""
    from datetime import timedelta

    from weeknote.weeks.week import format_day

    week = weeks[-1]
    first, last = weeks[0].start, weeks[-1].end
    return {
        "title": title,
        "week": week.id,
        "week_number": str(week.number),
        # the week after the last supported one is still numbered: 9999-W01
        "next_week_number": str((week.monday + timedelta(weeks=1)).isocalendar().week),
        "year": str(week.year),
        "first_day": format_day(first, with_year=True),
        "last_day": format_day(last, with_year=True),
        "first_date": first.isoformat(),
        "last_date": last.isoformat(),
        CARRIED: "",  # filled in by compose when there are plans to carry
    }
