"""The values every import source shares: a post as its platform gives it, and what a
reader found in one file or folder."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from weeknote.folder.note import without_controls
from weeknote.weeks.week import Week

# Shows how far a long import has gone: progress(items, label) yields the items (render/
# draws a bar on a terminal, for many items). A reader whose Source line says ``progress``
# takes it as ``progress=``, to go through its posts with.
Progress = Callable[[Sequence[Any], str], Iterable[Any]]


@dataclass(frozen=True)
class Post:
    """One candidate note, as a source gives it, before it is chosen and dated."""

    title: str  # as published, on one line
    body: str  # Markdown, as the note will keep it
    origin: str  # where it is, for messages: "blog.xml, item 4", "_posts/2024-05-12-w19.md"
    published: date | None = None  # the day the platform says it was published
    # A post read from a site's source file, still in the site's markup (MARKDOWN or HTML,
    # its template code in it) until clean.py makes it a note's Markdown; "" once it is.
    markup: str = ""
    line: int = 0  # the line of its file the body starts on, for what cleaning says
    url: str | None = None  # kept in the note's front matter as `source`
    tags: tuple[str, ...] = ()  # the platform's tags, as written
    categories: tuple[str, ...] = ()
    key: str = ""  # a stable id within its source: a guid, a post id, a file's path
    named_week: tuple[int, int] | None = None  # (year, week) its file name states: 2024-W19.md

    def __post_init__(self) -> None:
        # Every source makes its posts here, so this is where text from outside is made
        # inert: no control characters (an ESC sequence in a feed's title would act on the
        # terminal that lists it), and a title and its tags on one line.
        set_text = object.__setattr__  # frozen
        set_text(self, "title", without_controls(self.title, line=True))
        set_text(self, "body", without_controls(self.body))
        set_text(self, "tags", tuple(without_controls(tag, line=True) for tag in self.tags))
        set_text(
            self,
            "categories",
            tuple(without_controls(term, line=True) for term in self.categories),
        )


@dataclass(frozen=True)
class Reading:
    """What a reader found: the published posts, and what it left out and why."""

    kind: str  # "feed", "wordpress", "folder", "ghost", "substack", "jrnl", "text"
    source: str  # the file or folder, as named
    posts: list[Post]
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (what, why)
    warnings: list[str] = field(default_factory=list)  # read, but with something to say
    address: str = ""  # where the site is published, as the source says ("" not known)
    address_from: str = ""  # what says so: "_config.yml (url and baseurl)", "the feed's link"


MARKDOWN, HTML = "markdown", "html"  # a site's source post's markup (Post.markup)

# How a post's weeks were found, as `import --dry-run` says it.
BY_TITLE, BY_DATE, AGREE, DISAGREE = "title", "date", "both agree", "they disagree"
BY_ANCHOR, BY_BODY, BY_ARCHIVE = "anchor", "body date", "title + year"
BY_NAME = "file name"


@dataclass(frozen=True)
class DatedPost:
    """A post with the weeks its note covers, and how they were found."""

    post: Post
    weeks: tuple[Week, ...]
    how: str  # one of the BY_* / AGREE / DISAGREE names above
    number: int | None = None  # its number in a numbered series ("Weeknote #42")
    kind: str = ""  # the kind of source it was read from (Reading.kind), for the report

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(week.id for week in self.weeks)
