"""Dating a post: the week its title names, else the week its published date points to.

Pure: a post in, a ``DatedPost`` out. The rules, as ``import --dry-run`` reports them:

- A title that names its week wins (BY_TITLE). When the post also has a published date,
  the date rule below is checked against the title's last week: AGREE when it gives that
  week, DISAGREE (the title still wins) when it gives another.
- A title's days without a year ("w/c 30 December") go in the year that puts the first
  week they name nearest before (or on) the published date.
- Otherwise the published date, read the way ``weeknote new`` chooses a week: from the
  week's first day up to the cut-off day, the week before; later, that week (BY_DATE).
- A title that says "weeks N-M" may cover any number of weeks (up to a year's): more than
  ``MAX_SPAN`` is said in the "Dated by" column ("title, 6 weeks"). Week numbers without a
  year go in the year that puts the first nearest before (or on) the published date.
- Otherwise a week the file's name states ("2024-W19.md", see ``names``) (BY_NAME).
- A numbered series ("Weeknote #42", "Weekly Wrap 571") is dated by the week its body
  states near its top ("My week of Monday 3 to Sunday 9 May 2021") (BY_BODY), else by its
  published date, and keeps its number.
"""

from __future__ import annotations

import re
from datetime import date

from weeknote.errors import ImportFailure, UsageError
from weeknote.imports.model import (
    AGREE,
    BY_BODY,
    BY_DATE,
    BY_NAME,
    BY_TITLE,
    DISAGREE,
    DatedPost,
    Post,
)
from weeknote.imports.titles import (
    MONTH_FIRST_DAY,
    MONTH_NUMBERS,
    TitleWeeks,
    loose_day,
    read_title,
)
from weeknote.weeks.week import MAX_SPAN, Week, cutoff_date, weeks_in_year

MAX_WEEKS = 5  # "w/c 1, 8, 15, 22 and 29 March" is the longest a title plausibly covers
MAX_SAID = 53  # "Weeks 1-52": a span said outright covers up to a year
TOP = 600  # characters of a body read for the date it states
_YEARS_BACK = 8  # how far back a day-only title may sit (29 February waits up to 8 years)

_MONTH = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
_WEEKDAY = r"(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:[a-z]*day)?\.?,?\s+"
_BODY_DATE = re.compile(
    rf"\b(?:week\s+(?:commencing|beginning|starting|of)|w/c|w/b)\s*:?\s+"
    rf"(?:{_WEEKDAY})?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:\s+(?:of\s+)?(?P<month>{_MONTH})\b\.?(?:,?\s+(?P<year>\d{{4}})\b)?)?"
    rf"(?:\s*(?:[-\u2010-\u2015]+|to|until|till)\s*(?:{_WEEKDAY})?(?:the\s+)?"
    rf"(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH})\b\.?"
    rf",?\s+(?P<year2>\d{{4}})\b)?",
    re.IGNORECASE,
)
_BODY_MONTH_FIRST = re.compile(
    rf"\b(?:week\s+(?:commencing|beginning|starting|of)|w/c|w/b)\s*:?\s+(?P<day>{MONTH_FIRST_DAY})",
    re.IGNORECASE,
)


def body_date(text: str) -> date | None:
    """The first day of the week a body states near its top ("Week commencing Monday,
    1 January 2024", "My week of Monday 3 to Sunday 9 May 2021", "w/c 3 June 2024",
    "the week of June 3, 2024"), or None. The date needs its year, written with it or with
    the end of its range."""
    top = text[:TOP]
    for match in _BODY_DATE.finditer(top):
        found = _as_date(match)
        if found is not None:
            return found
    for match in _BODY_MONTH_FIRST.finditer(top):
        written = loose_day(match["day"])
        if written is not None and written.year is not None:
            try:
                return date(written.year, written.month, written.day)
            except ValueError:
                continue
    return None


def _as_date(match: re.Match[str]) -> date | None:
    day = int(match["day"])
    month_name = match["month"] or match["month2"]
    year_text = match["year"] or match["year2"]
    if not month_name or not year_text:
        return None
    month, year = MONTH_NUMBERS[month_name.lower()], int(year_text)
    if not match["year"] and match["month2"]:
        # "28 December to 3 January 2021": the range's first day is in the year before
        last = MONTH_NUMBERS[match["month2"].lower()], int(match["day2"])
        year -= (month, day) > last
    try:
        return date(year, month, day)
    except ValueError:
        return None


def published_week(day: date, *, week_start: str, cutoff_day: str) -> Week:
    """The week a post published on ``day`` is about, as ``weeknote new`` would choose:
    up to the cut-off day, last week; after it, this week (and in the first supported week,
    which has none before it)."""
    week = Week.of(day, week_start)
    if day <= cutoff_date(day, cutoff_day, week_start):
        return week.step(-1) or week
    return week


def place_days(found: TitleWeeks, published: date, week_start: str) -> tuple[Week, ...] | None:
    """The weeks of a title's days without a year, in the year that puts the first of them
    nearest before (or on) ``published``; None when no year within reach gives them all."""
    for year in range(published.year + 1, published.year - _YEARS_BACK, -1):
        try:
            weeks = found.place(year, week_start)
        except (ValueError, UsageError):
            continue
        if weeks[0].start <= published:
            return weeks
    return None


def named_week(post: Post, week_start: str) -> Week | None:
    """The week ``post``'s file name states, or None; an ImportFailure when that week does
    not exist."""
    if post.named_week is None:
        return None
    year, number = post.named_week
    if not 1 <= number <= weeks_in_year(year):
        raise ImportFailure(
            f"{post.origin}: its name states week {number} of {year}, which has "
            f"{weeks_in_year(year)} weeks: rename it (2024-W19.md) or date it in its front matter"
        )
    return Week(year, number, week_start == "sunday")


def date_post(post: Post, *, week_start: str, cutoff_day: str) -> DatedPost:
    """The weeks ``post``'s note covers and how they were found (see the module docstring).
    Raises ImportFailure, naming the post, when it cannot be dated."""
    found = read_title(post.title, week_start=week_start)
    by_date = None
    if post.published is not None:
        by_date = published_week(post.published, week_start=week_start, cutoff_day=cutoff_day)
    if found is not None and found.problem:
        raise ImportFailure(
            f'{post.origin}: "{post.title}" {found.problem}: correct the title, then import again'
        )
    named = named_week(post, week_start)
    if found is not None and found.number is None:
        try:
            weeks = _title_weeks(post, found, week_start)
        except ImportFailure:
            if named is None:
                raise
            return DatedPost(post, (named,), BY_NAME)
        longest = MAX_SAID if found.weeks_span else MAX_WEEKS
        if not 1 <= len(weeks) <= longest:
            raise ImportFailure(
                f'{post.origin}: "{post.title}" would cover {len(weeks)} weeks; a note covers '
                f"1 to {longest}: check the weeks in the title"
            )
        how = BY_TITLE if by_date is None else AGREE if by_date == weeks[-1] else DISAGREE
        if len(weeks) > MAX_SPAN:
            how = f"{how}, {len(weeks)} weeks"
        return DatedPost(post, weeks, how)
    number = found.number if found is not None else None
    if named is not None:
        # "# Weeknotes 19" in 2024-19.md is the week's number, not a series of its own
        return DatedPost(post, (named,), BY_NAME, None if number == named.number else number)
    if number is not None:
        day = body_date(post.body)
        if day is not None:
            return DatedPost(post, (Week.of(day, week_start),), BY_BODY, number)
    if by_date is None:
        what = "is numbered, not dated," if found is not None else "names no week"
        raise ImportFailure(
            f'{post.origin}: "{post.title}" {what} and has no published date: give it a '
            "date in its front matter (date = 2024-05-12) or a week in its title"
        )
    return DatedPost(post, (by_date,), BY_DATE, number)


def _title_weeks(post: Post, found: TitleWeeks, week_start: str) -> tuple[Week, ...]:
    if not found.floating:
        try:
            return found.place(None, week_start)
        except (ValueError, UsageError):
            raise ImportFailure(
                f'{post.origin}: "{post.title}" names a day that does not exist: '
                "correct the title, then import again"
            ) from None
    if post.published is None:
        raise ImportFailure(
            f'{post.origin}: "{post.title}" gives no year and the post has no published date: '
            "give it a date in its front matter (date = 2024-05-12) or a year in its title"
        )
    weeks = place_days(found, post.published, week_start)
    if weeks is None:
        raise ImportFailure(
            f'{post.origin}: "{post.title}" names a day that falls in no year before '
            f"{post.published.isoformat()}, when it was published: check the title's dates"
        )
    return weeks
