"""The calendar source: the events of the week the person attends, one candidate each.

A calendar is an ``.ics`` file or an ``https://``/``webcal://`` address (read with a
10-second timeout). It is parsed with icalendar and its recurrences expanded with
recurring-ical-events (exceptions, time zones and all-day events as RFC 5545 has them);
the week's events are kept in the cache, keyed on the file's digest or the address's ETag,
so the next gather of an unchanged calendar parses nothing. What is kept are the events as
they are; who attends, titles left out and working hours are decided afterwards, from the
config in force.
"""

from __future__ import annotations

import contextlib
import fnmatch
import hashlib
import json
import os
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from weeknote.errors import WeeknoteError
from weeknote.gather.model import Candidate, Reading, Request, plain

TIMEOUT = 10  # seconds an address has to answer
CACHE_VERSION = 1
BUSY = "busy"
PRIVATE = ("PRIVATE", "CONFIDENTIAL")


class Unreadable(Exception):
    """A calendar that cannot be read: its one warning line."""


def is_address(source: str) -> bool:
    return source.lower().startswith(("https://", "http://", "webcal://"))


def _fetched(url: str, etag: str) -> tuple[bytes | None, str]:
    """The calendar at ``url`` and its ETag; None when it is the one tagged ``etag``."""
    import urllib.error
    import urllib.request

    if url.lower().startswith("webcal://"):
        url = "https://" + url[len("webcal://") :]
    request = urllib.request.Request(url, headers={"User-Agent": "weeknote"})
    if etag:
        request.add_header("If-None-Match", etag)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.read(), response.headers.get("ETag", "") or ""
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return None, etag
        raise Unreadable(f"the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise Unreadable(f"cannot be reached ({exc.reason})") from None
    except TimeoutError:
        raise Unreadable(f"did not answer in {TIMEOUT} seconds") from None
    except OSError as exc:
        raise Unreadable(f"cannot be read ({exc.strerror or exc})") from None


def _cache_path(cache_dir: str, source: str) -> str:
    key = hashlib.sha1(source.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return os.path.join(cache_dir, f"calendar-{key}.json")


def _kept(path: str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as handle:
            kept = json.load(handle)
    except (OSError, ValueError):
        return {}
    return kept if isinstance(kept, dict) and kept.get("version") == CACHE_VERSION else {}


def week_events(
    source: str, first: date, last: date, cache_dir: str
) -> tuple[list[dict[str, Any]], bool]:
    """The events of ``source`` from ``first`` to ``last`` (local days), and whether they
    came from the cache. Unreadable when the calendar cannot be read or parsed."""
    path = _cache_path(cache_dir, source)
    kept = _kept(path)
    span = f"{first.isoformat()}..{last.isoformat()}"
    if is_address(source):
        data, etag = _fetched(source, str(kept.get("etag", "")))
        key = etag or (hashlib.sha256(data).hexdigest() if data is not None else "")
        if data is None:  # not modified
            key = str(kept.get("key", ""))
    else:
        try:
            with open(os.path.expanduser(source), "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            raise Unreadable("no such file") from None
        except IsADirectoryError:
            raise Unreadable("is a folder, not an .ics file") from None
        except OSError as exc:
            raise Unreadable(f"cannot be read ({exc.strerror})") from None
        etag, key = "", hashlib.sha256(data).hexdigest()
    spans = kept.get("spans", {}) if kept.get("key") == key else {}
    if span in spans:
        return spans[span], True
    if data is None:  # not modified, but this week was never kept: fetch it whole
        data, etag = _fetched(source, "")
        assert data is not None
        key = etag or hashlib.sha256(data).hexdigest()
    events = _expanded(data, first, last)
    spans = {**{k: v for k, v in spans.items() if k != span}, span: events}
    record = {"version": CACHE_VERSION, "key": key, "etag": etag, "spans": spans}
    from pathlib import Path

    from weeknote.folder.files import write_atomic

    with contextlib.suppress(WeeknoteError):  # not kept: it is parsed again next time
        write_atomic(Path(path), json.dumps(record), overwrite=True, sync=False)
    return events, False


def _expanded(data: bytes, first: date, last: date) -> list[dict[str, Any]]:
    """The events of the calendar ``data`` holds that touch the local days given."""
    import icalendar
    import recurring_ical_events

    start = datetime.combine(first, time()).astimezone()
    end = datetime.combine(last + timedelta(days=1), time()).astimezone()
    try:
        calendar = icalendar.Calendar.from_ical(data)
        found = recurring_ical_events.of(calendar).between(start, end)
    except Exception as exc:  # the libraries raise many kinds for a bad calendar
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise Unreadable(f"is not a calendar icalendar can read ({message[:120]})") from None
    return [_event(component) for component in found]


def _event(component: Any) -> dict[str, Any]:
    begins = component.get("DTSTART")
    ends = component.get("DTEND")
    start = begins.dt if begins is not None else None
    all_day = isinstance(start, date) and not isinstance(start, datetime)
    finish = ends.dt if ends is not None else start
    attendees = component.get("ATTENDEE") or []
    if not isinstance(attendees, list):
        attendees = [attendees]
    organizer = component.get("ORGANIZER")
    return {
        "uid": str(component.get("UID", "")),
        "summary": plain(str(component.get("SUMMARY", ""))),
        "start": _iso(start),
        "end": _iso(finish),
        "all_day": all_day,
        "status": str(component.get("STATUS", "")).upper(),
        "class": str(component.get("CLASS", "")).upper(),
        "organizer": _address(organizer) if organizer is not None else "",
        "attendees": [
            [_address(who), str(who.params.get("PARTSTAT", "")).upper()] for who in attendees
        ],
    }


def _address(who: Any) -> str:
    text = str(who).strip()
    address: str = text[7:] if text.lower().startswith("mailto:") else text
    return address.lower()


def _iso(value: Any) -> str:
    if isinstance(value, datetime):
        moment: datetime = value.astimezone() if value.tzinfo is not None else value  # local
        return moment.replace(tzinfo=None).isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return ""


def attended(event: dict[str, Any], emails: set[str]) -> bool:
    """Whether the person attends: the event has no attendees, or one of theirs has not
    declined (or they organise it). With no address configured, every event counts."""
    attendees = event["attendees"]
    if not attendees or not emails:
        return True
    if event["organizer"] in emails:
        return True
    return any(address in emails and state != "DECLINED" for address, state in attendees)


def candidates(
    events: Sequence[dict[str, Any]],
    name: str,
    days: set[date],
    emails: set[str],
    leave_out: Sequence[str],
    hours: tuple[int, int] | None,
    covered: set[str],
) -> list[Candidate]:
    """The events kept, as candidates: attended, not cancelled, not left out by title or
    outside the working hours, on one of ``days``."""
    found = []
    for event in events:
        if event["status"] == "CANCELLED" or not attended(event, emails):
            continue
        title = event["summary"]
        if any(fnmatch.fnmatchcase(title.lower(), pattern.lower()) for pattern in leave_out):
            continue
        start = event["start"]
        if not start:
            continue
        day = date.fromisoformat(start[:10])
        if event["all_day"]:
            day = max(day, min(days)) if days else day
        elif hours is not None and not _in_hours(event, hours):
            continue
        if day not in days:
            continue
        member = f"{event['uid']}@{start}"
        if member in covered:
            continue
        private = event["class"] in PRIVATE
        text = BUSY if private else (f"Met: {title}" if title else "Met: (no title)")
        found.append(
            Candidate(
                day=day,
                kind="calendar",
                source=name,
                text=text,
                members=(member,),
                when="" if event["all_day"] else start[11:16],
                private=private,
            )
        )
    return found


def _in_hours(event: dict[str, Any], hours: tuple[int, int]) -> bool:
    """Whether a timed event overlaps the working hours of its first day."""
    start = datetime.fromisoformat(event["start"])
    end = datetime.fromisoformat(event["end"]) if event["end"] else start
    begin = start.hour * 60 + start.minute
    finish = begin + max(int((end - start).total_seconds() // 60), 0)
    return begin < hours[1] and (finish > hours[0] or (finish == begin and begin >= hours[0]))


def read(sources: Sequence[str], request: Request, reading: Reading) -> None:
    """Add to ``reading`` the candidates of each calendar for the days asked for; a
    calendar that cannot be read is one warning, and the others are read."""
    if not request.days:
        return
    mine = {address.lower() for address in request.emails}
    wanted = set(request.days)
    for source in sources:
        try:
            events, _ = week_events(source, request.first, request.last, request.cache_dir)
        except Unreadable as exc:
            reading.warnings.append(f"calendar {source}: {exc}; left out")
            continue
        reading.read.append(source)
        found = candidates(
            events, _name(source), wanted, mine, request.leave_out, request.hours,
            reading.covered,
        )  # fmt: skip
        reading.candidates.extend(found)


def _name(source: str) -> str:
    """How the list names a calendar: its file's name without .ics, or the address's."""
    tail = source.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0]
    return tail.removesuffix(".ics") or source
