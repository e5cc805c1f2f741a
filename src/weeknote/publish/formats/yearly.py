"""The site's year pages, ``2026.html``: the year's figures as `weeknote review` counts
them, a heatmap of its weeks drawn as inline SVG, and every note of the year.

A static site has no today: a year is counted as of the week after the newest note
exported, so the page is the same however late it is made, and weeks after that note are
"to come". The heatmap needs no script and no colour: each week is a cell with a
``<title>`` (its dates, what it is, its note), a written week is filled, a fortnight's
cells are filled and marked "2", a break is hatched, a missed week is crossed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from html import escape

from weeknote.folder.index import NoteEntry
from weeknote.habit.review import Review, compute_review, year_span
from weeknote.habit.streak import StreakReport, compute_streak
from weeknote.publish.formats.model import Item, Options
from weeknote.weeks.week import LAST_DAY, Week, weeks_in_year

CELL, STEP, LEFT, TOP = 20, 24, 40, 4
ROW = 13  # weeks a row: a quarter (the 53rd week ends the last row)
MARKS = {"fortnight": "2", "missed": "×", "drafted": "+", "due": "?"}
WORDS = {
    "written": "written",
    "fortnight": "a fortnight's note",
    "break": "a break",
    "missed": "missed",
    "drafted": "drafted, not written up",
    "due": "due",
    "future": "to come",
    "before": "before the first note",
}

YEAR_CSS = """
.heatmap{display:block;width:100%;max-width:28rem;height:auto;margin:1rem 0}
.heatmap text{font:11px system-ui,sans-serif;fill:var(--muted)}
.heatmap .week rect{fill:none;stroke:var(--muted);stroke-width:1}
.heatmap .written rect,.heatmap .fortnight rect{fill:var(--accent);stroke:var(--accent)}
.heatmap .week text{font-weight:700;fill:var(--fg)}
.heatmap .fortnight text{fill:var(--bg)}
.heatmap .break rect{fill:url(#hm-hatch)}
.heatmap .hatch{fill:var(--muted)}
.heatmap .future rect,.heatmap .before rect{stroke:var(--rule);stroke-dasharray:2 2}
dl.figures{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dl.figures dt{color:var(--muted)}
dl.figures dd{margin:0}
@media (max-width:32rem){dl.figures{grid-template-columns:1fr}dl.figures dd{margin:0 0 .4rem}}
""".strip()


def year_page(year: int) -> str:
    return f"{year}.html"


class Years:
    """The year pages of an export: which years, what each is made from, and each page."""

    def __init__(self, items: Sequence[Item], options: Options) -> None:
        self.options = options
        self.by_name = {item.entry.name: item for item in items}
        self.entries = sorted(
            (item.entry for item in items), key=lambda e: (e.weeks[0], e.week, e.name)
        )
        self.of_year: dict[int, list[NoteEntry]] = {}
        for entry in self.entries:
            for year in sorted({int(week[:4]) for week in entry.weeks}):
                self.of_year.setdefault(year, []).append(entry)
        self.years = sorted(self.of_year)
        newest = max((entry.weeks[-1] for entry in self.entries), default=None)
        self.after = _week_after(Week.from_id(newest)) if newest else None

    def as_of(self, year: int) -> date:
        """The day a year is counted as of: the week after the newest note, or after the
        year's end if sooner (so an old year's page does not change as notes are added)."""
        assert self.after is not None
        return min(self.after, _week_after(Week(year, weeks_in_year(year))))

    def breaks(self, year: int) -> tuple[tuple[str, str], ...]:
        return tuple(pair for pair in self.options.breaks if pair[0][:4] == str(year))

    def review(self, year: int) -> Review:
        """The year's review, the streak counted over every note (a streak may run in from
        the year before)."""
        as_of = self.as_of(year)
        report = self._report(as_of)
        over = as_of > year_span(year)[1].end
        return compute_review(self.of_year[year], report, *year_span(year), over=over)

    def _report(self, as_of: date) -> StreakReport:
        """The streak as of ``as_of``, from the notes begun by then; made for each page and
        not kept, as a site spanning many years would otherwise hold a report a year."""
        until = Week.of(as_of).id
        return compute_streak(
            [entry.weeks for entry in self.entries if entry.weeks[0] <= until],
            [week for week, _ in self.options.breaks if week <= until],
            as_of,
            reasons=[pair for pair in self.options.breaks if pair[0] <= until],
        )

    def page(
        self, year: int, head: Callable[[str, str], str], meta: Callable[[Item], str]
    ) -> Iterator[str]:
        """The page, its head made by ``head(title, description)``."""
        from weeknote.text.wording import plural

        review = self.review(year)
        written = f"{review.weeks_written} of {plural(review.weeks_due, 'week')} due written"
        notes = plural(len(review.notes), "note")
        yield head(
            f"{year} · {self.options.title}", f"{year} in {self.options.title}: {notes}, {written}."
        )
        yield from year_content(review, self.by_name, meta)
        yield _pager(self.years, year)


def _week_after(week: Week) -> date:
    """The Monday after ``week``, as of which it is past; for the last supported week,
    whose next Monday is out of range, the last supported day."""
    following = week.step(1)
    return following.monday if following is not None else LAST_DAY


def _pager(years: Sequence[int], year: int) -> str:
    at = years.index(year)
    older = years[at - 1] if at > 0 else None
    newer = years[at + 1] if at + 1 < len(years) else None
    links = [f'<a rel="prev" href="{year_page(older)}">← {older}</a>' if older else "<span></span>"]
    if newer:
        links.append(f'<a rel="next" href="{year_page(newer)}">{newer} →</a>')
    return f'<nav class="pager">\n{chr(10).join(links)}\n</nav>\n'


def year_content(
    review: Review, items: dict[str, Item], meta: Callable[[Item], str]
) -> Iterator[str]:
    from weeknote.render.review import review_pairs
    from weeknote.text.wording import plural, span

    assert review.year is not None
    yield (
        f"<main>\n<h1>{review.year}</h1>\n"
        f'<p class="meta">{escape(span(review.first.start, review.last.end))} · '
        f"{len(review.kinds)} weeks · {plural(len(review.notes), 'note')}</p>\n"
    )
    yield heatmap_svg(review, {name: item.title for name, item in items.items()})
    yield '<dl class="figures">\n'
    for label, value in review_pairs(review):
        yield f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>\n"
    yield '</dl>\n<h2>Every note</h2>\n<ol class="notes">\n'
    for entry in review.notes:
        item = items[entry.name]
        link = f'<a href="{item.slug}.html">{escape(item.title)}</a>'
        yield f"<li>{link}{meta(item)}</li>\n"
    yield "</ol>\n</main>\n"


def heatmap_svg(review: Review, titles: dict[str, str]) -> str:
    """The year's weeks as an inline SVG: a row a quarter, a cell a week, each with a title."""
    by_week: dict[str, str] = {}
    for entry in review.notes:
        for covered in entry.weeks:
            by_week.setdefault(covered, titles.get(entry.name, entry.title))
    reasons = dict(review.reasons)
    from weeknote.text.wording import span

    rows = 4
    shown = [kind for kind in WORDS if kind in review.kinds and kind != "before"]
    legend_rows = (len(shown) + 1) // 2
    width = LEFT + (ROW + 1) * STEP
    height = TOP + rows * STEP + 8 + legend_rows * STEP
    written, due = review.weeks_written, review.weeks_due
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="hm-title hm-desc">\n'
        f'<title id="hm-title">{review.year}: {written} of {due} weeks due written</title>\n'
        '<desc id="hm-desc">A square a week, a row a quarter: filled is written, marked 2 '
        "a fortnight's note, hatched a break, crossed missed, dashed to come.</desc>\n"
        '<defs><pattern id="hm-hatch" width="4" height="4" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect class="hatch" width="2" height="4"/>'
        "</pattern></defs>\n"
    ]
    for row in range(rows):
        y = TOP + row * STEP
        parts.append(f'<text x="0" y="{y + 14}">W{row * ROW + 1:02d}</text>\n')
    for number, (week, kind) in enumerate(zip(review.weeks, review.kinds, strict=True)):
        row = min(number // ROW, rows - 1)
        x, y = LEFT + (number - row * ROW) * STEP, TOP + row * STEP
        words = WORDS[kind]
        if kind == "break" and reasons.get(week.id):
            words += f" ({reasons[week.id]})"
        if week.id in by_week:
            words += f": {by_week[week.id]}"
        title = f"{week.id}, {span(week.start, week.end)}: {words}"
        parts.append(_cell(x, y, kind, title))
    y = TOP + rows * STEP + 8
    for index, kind in enumerate(shown):
        x = LEFT + (index % 2) * 7 * STEP
        row_y = y + (index // 2) * STEP
        parts.append(_cell(x, row_y, kind, WORDS[kind]))
        parts.append(f'<text x="{x + STEP}" y="{row_y + 14}">{escape(WORDS[kind])}</text>\n')
    parts.append("</svg>\n")
    return "".join(parts)


def _cell(x: int, y: int, kind: str, title: str) -> str:
    mark = MARKS.get(kind)
    text = (
        f'<text x="{x + CELL // 2}" y="{y + 14}" text-anchor="middle">{mark}</text>' if mark else ""
    )
    return (
        f'<g class="week {kind}"><title>{escape(title)}</title>'
        f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" rx="3"/>{text}</g>\n'
    )
