"""A gather from start to end: the places to read, the sources read, what was drafted or
passed over before left out, the candidates chosen drafted, and the record kept."""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from weeknote.errors import UsageError
from weeknote.folder import gathered as record
from weeknote.folder.config import Config, working_hours
from weeknote.folder.store import Store
from weeknote.gather import SOURCES
from weeknote.gather.model import Candidate, Reading, Request
from weeknote.weeks.week import Week


@dataclass
class Gathered:
    """A gather's outcome: the week, its candidates (numbered from 1 in this order), the
    warnings, and what it drafted."""

    week: Week
    days: tuple[date, ...]
    candidates: list[Candidate]
    warnings: list[str]
    read: dict[str, int]  # sources read, by kind
    weeks: dict[str, Any]  # the record as it was read
    drafted: set[str]  # ids of the week's gathered bullets
    passed: set[str]  # ids passed over before
    added: list[tuple[Candidate, str, str]] = field(default_factory=list)  # (it, text, path)
    asked: bool = False  # candidates were chosen (by --add or the picker), maybe none


def _matches_skip(place: str, skip: Sequence[str]) -> bool:
    if not skip:
        return False
    real = os.path.realpath(os.path.expanduser(place))
    name = os.path.basename(os.path.normpath(place))
    for pattern in skip:
        if pattern in (place, name):
            return True
        is_address = re.match(r"^[a-z]+://", pattern, re.IGNORECASE)
        if not is_address and os.path.realpath(os.path.expanduser(pattern)) == real:
            return True
    return False


def _places(config: Config, kind: str, extra: Sequence[str], reading: Reading) -> list[str]:
    """The places of one kind to read: the configured ones and those named for this run,
    each once, less what gather.skip names; a repository folder stands for the
    repositories in it."""
    source = next(found for found in SOURCES if found.kind == kind)
    configured = config.gather_repos if kind == "git" else config.gather_calendars
    named = [(place, source.key) for place in configured]
    named += [(place, source.option) for place in extra]
    places: list[str] = []
    for place, where in named:
        if _matches_skip(place, config.gather_skip):
            continue
        if kind != "git":
            if place not in places:
                places.append(place)
            continue
        from weeknote.gather.git import repositories

        found = repositories(place)
        if found is None:
            reading.warnings.append(f"{where} {place}: no such folder; left out")
            continue
        if not found:
            reading.warnings.append(f"{where} {place}: holds no git repository; left out")
        for path in found:
            seen = {os.path.realpath(p) for p in places}
            if os.path.realpath(path) not in seen and not _matches_skip(path, config.gather_skip):
                places.append(path)
    return places


def section_of(config: Config, section: str | None, today: date) -> str | None:
    """The section ``--section`` names, as a capture files it (refused if the template has
    no such section); None: the default one, as for `weeknote bullet`."""
    from weeknote.writing.capture import plan

    return plan(config, section, None, today).section


def week_to_gather(store: Store, config: Config, today: date) -> Week:
    """The week a gather is for when none is named: the week `new` writes now, else this
    week (nothing is due yet: its bullets are gathered as it goes)."""
    from weeknote.writing.compose import choose_week

    reasons = store.break_reasons()
    choice = choose_week(store, today, config.cutoff_day, config.write_day, reasons)
    return choice.week or Week.of(today, store.week_start)


def gather(
    store: Store,
    config: Config,
    week: Week | None,
    today: date,
    repos: Sequence[str] = (),
    calendars: Sequence[str] = (),
    everything: bool = False,
) -> Gathered:
    """The week's candidates, up to today: what was drafted from a gather before never
    again, what was passed over only with ``everything``."""
    from weeknote.folder.paths import cache_dir

    if week is None:
        week = week_to_gather(store, config, today)
    days = tuple(day for day in week.days() if day <= today)
    weeks = record.read_record(store.root)
    kept = _week_record(weeks, week.id)
    offered = kept.get("offered") or {}
    drafted = record.drafted_sources(store.root, week.days())
    passed = set(kept.get("passed") or ())
    settled = drafted | (set() if everything else passed)
    covered = {
        member
        for name in settled
        if isinstance(offered.get(name), dict)
        for member in offered[name].get("members", ())
    }
    reading = Reading(covered=covered)
    hours = working_hours(config.gather_hours) if config.gather_hours else None
    request = Request(
        days=days,
        first=week.start,
        last=week.end,
        emails=tuple(config.gather_emails),
        leave_out=tuple(config.gather_leave_out),
        hours=hours,
        cache_dir=str(cache_dir()),
    )
    extra = {"git": repos, "calendar": calendars}
    counts = {}
    for source in SOURCES:
        places = _places(config, source.kind, extra[source.kind], reading)
        before = len(reading.read)
        if places:
            importlib.import_module(source.reader).read(places, request, reading)
        counts[source.kind] = len(reading.read) - before
    found = [
        candidate
        for candidate in reading.candidates
        if candidate.id not in drafted and (everything or candidate.id not in passed)
    ]
    found.sort(key=lambda c: (c.day, c.when != "", c.when, c.kind, c.source, c.text))
    return Gathered(week, days, found, reading.warnings, counts, weeks, drafted, passed)


def chosen(spec: str, candidates: Sequence[Candidate]) -> list[tuple[Candidate, str]]:
    """The candidates ``--add`` names, each with its text: ``all`` (private events aside:
    they are added only by number), or numbers and ranges, ``1,3-5``."""
    if spec.strip().lower() == "all":
        return [(c, c.text) for c in candidates if not c.private]
    numbers: list[int] = []
    for part in spec.replace(" ", "").split(","):
        found = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if found is None:
            raise UsageError(
                f"--add {spec!r}: name candidates by number, e.g. --add 1,3-5, or --add all"
            )
        low = int(found.group(1))
        high = int(found.group(2) or low)
        if low > high:
            low, high = high, low
        numbers += range(low, high + 1)
    outside = [n for n in numbers if not 1 <= n <= len(candidates)]
    if outside:
        have = f"the candidates are 1 to {len(candidates)}" if candidates else "nothing to gather"
        raise UsageError(f"--add {spec!r}: there is no candidate {outside[0]} ({have})")
    return [(candidates[n - 1], candidates[n - 1].text) for n in dict.fromkeys(numbers)]


def settle(
    store: Store,
    config: Config,
    result: Gathered,
    picked: Sequence[tuple[Candidate, str]] | None,
    section: str | None,
    today: date,
) -> None:
    """Draft what was picked (each candidate with its text, maybe retyped) and pass over
    the rest; with nothing asked (None: a listing), only keep what was offered, in a notes
    folder that is there (a listing of nothing, in a week never gathered, keeps nothing)."""
    if picked is None:
        if store.root.is_dir() and (result.candidates or result.week.id in result.weeks):
            remember(store, result, set(), set())
        return
    draft(store, config, result, picked, section, today)


def draft(
    store: Store,
    config: Config,
    result: Gathered,
    picked: Sequence[tuple[Candidate, str]],
    section: str | None,
    today: date,
) -> None:
    """Draft each picked candidate (with the text it is drafted as) as a bullet of its day,
    by the capture every bullet goes through, its id beside the moment it is drafted;
    the candidates offered and not picked are passed over. Keeps the record."""
    from weeknote.writing import capture as capturing

    result.asked = True
    by_day: dict[date, list[tuple[Candidate, str]]] = {}
    for candidate, text in picked:
        by_day.setdefault(candidate.day, []).append((candidate, text))
    plans = {day: capturing.plan(config, section, day.isoformat(), today) for day in by_day}
    if by_day:
        store.ensure_root()
    for day, items in sorted(by_day.items()):
        plan = plans[day]
        filed = capturing.file(plan, [text for _, text in items])
        captured = capturing.capture(plan, filed, [c.id for c, _ in items])
        store.written.append(Path(captured.path))
        for (candidate, _), (_, text) in zip(items, filed, strict=True):
            result.added.append((candidate, text, captured.path))
    taken = {candidate.id for candidate, _ in picked}
    remember(store, result, {c.id for c in result.candidates if c.id not in taken}, taken)


def remember(store: Store, result: Gathered, passed: set[str], taken: set[str]) -> None:
    """Keep what this gather offered (with what was drafted or passed over before), the
    ids passed over now and before (less those drafted now)."""
    weeks = dict(result.weeks)
    kept = _week_record(weeks, result.week.id)
    before = kept.get("offered") or {}
    was_passed = set(kept.get("passed") or ()) | passed
    settled = result.drafted | taken | was_passed
    offered = {name: entry for name, entry in before.items() if name in settled}
    for candidate in result.candidates:
        offered[candidate.id] = {
            "day": candidate.day.isoformat(),
            "kind": candidate.kind,
            "source": candidate.source,
            "text": candidate.text,
            "members": list(candidate.members),
        }
    weeks[result.week.id] = {
        "gathered": _now(),
        "offered": offered,
        "passed": sorted(was_passed - taken),
    }
    record.write_record(store.root, weeks)


def _week_record(weeks: dict[str, Any], week_id: str) -> dict[str, Any]:
    kept = weeks.get(week_id)
    return kept if isinstance(kept, dict) else {}


def _now() -> str:
    from weeknote.folder.bullets import stamp
    from weeknote.weeks.days import moment_now

    return stamp(moment_now())
