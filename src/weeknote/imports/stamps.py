"""The day a platform's timestamp names, in the time zone it was written in."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?![\d])")


def matched_day(match: re.Match[str] | None) -> date | None:
    """The day a match's first three groups name (year, month, day), if there is one."""
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def day_of(stamp: str | None) -> date | None:
    """The calendar day of an ISO 8601 ("2024-05-12T23:30:00+01:00") or RFC 822 ("Sun, 12
    May 2024 23:30:00 +0100") timestamp, as written: its own offset, not converted to UTC.
    None when there is no stamp or it names no real day."""
    if not stamp or not stamp.strip():
        return None
    match = _ISO_DAY.match(stamp)
    if match:
        return matched_day(match)
    try:
        parsed = parsedate_to_datetime(stamp.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.date()


def day_in_zone(stamp: str | None, zone: str | None) -> date | None:
    """The day of an ISO timestamp once moved to the time zone ``zone`` (an IANA name, as
    Ghost's settings give it); as written when there is no zone, or it is unknown."""
    if not stamp or not zone:
        return day_of(stamp)
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        moment = datetime.fromisoformat(stamp.strip().replace("Z", "+00:00"))
        if moment.tzinfo is None:
            return moment.date()
        return moment.astimezone(ZoneInfo(zone)).date()
    except (ValueError, ZoneInfoNotFoundError):
        return day_of(stamp)
