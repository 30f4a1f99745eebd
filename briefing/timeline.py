"""The chronology's timeline: an SVG drawn at build time, readable without JavaScript.

One row per year with events, each row a true calendar axis (January to December), so a
dossier that spans decades but is dense in one year stays legible. Exact days are dots,
months, years, intervals and approximate dates are bars; colour says the status, size the
importance, a dashed outline an approximate or uncertain date. On Arabic pages the drawing
is mirrored so that time runs from right to left. Every mark links to its entry.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from babel.dates import get_month_names
from markupsafe import Markup, escape

from briefing.model import DatedEvent

WIDTH = 960
GUTTER = 88  # year labels
MARGIN = 24
AXIS = 30  # month labels
LANE = 18
ROW_PADDING = 8
MIN_SPAN = 7  # narrower spans are drawn as dots
STATUS_COLOURS = {
    "occurred": "#283593",
    "announced": "#00695c",
    "planned": "#8d6e00",
    "postponed": "#c62828",
    "cancelled": "#616161",
    "ongoing": "#4e342e",
    "reported": "#4527a0",
    "denied": "#455a64",
}
HOLLOW = frozenset({"planned", "announced", "postponed"})  # not (yet) happened when recorded


@dataclass(frozen=True)
class _Segment:
    """The part of one event that falls within one year's row, in plot coordinates."""

    dated: DatedEvent
    x1: float
    x2: float

    @property
    def is_dot(self) -> bool:
        return self.x2 - self.x1 < MIN_SPAN


def _x(day: dt.date, end_of_day: bool = False) -> float:
    """Position within the year row: the fraction of the year elapsed."""
    days = 366 if calendar.isleap(day.year) else 365
    ordinal = day.timetuple().tm_yday - (0 if end_of_day else 1)
    return GUTTER + (WIDTH - GUTTER - MARGIN) * ordinal / days


def _segments(events: tuple[DatedEvent, ...]) -> list[tuple[str, list[_Segment]]]:
    """Rows of segments, labelled by year. Consecutive years in which nothing starts or ends
    (only long intervals passing through) share one row, labelled e.g. 2018–2022."""
    by_year: dict[int, list[_Segment]] = {}
    for dated in events:
        lower, upper = dated.date.lower, dated.date.upper
        for year in range(lower.year, upper.year + 1):
            start = max(lower, dt.date(year, 1, 1))
            end = min(upper, dt.date(year, 12, 31))
            by_year.setdefault(year, []).append(_Segment(dated, _x(start), _x(end, end_of_day=True)))

    def passing_through(year: int) -> tuple[str, ...] | None:
        segments = by_year[year]
        if all(s.dated.date.lower.year < year < s.dated.date.upper.year for s in segments):
            return tuple(sorted(s.dated.event.id for s in segments))
        return None

    rows: list[tuple[str, list[_Segment]]] = []
    years = sorted(by_year)
    index = 0
    while index < len(years):
        year, key = years[index], passing_through(years[index])
        last = index
        while key and last + 1 < len(years) and years[last + 1] == years[last] + 1 and passing_through(years[last + 1]) == key:
            last += 1
        label = str(year) if last == index else f"{year}–{years[last]}"
        rows.append((label, by_year[year]))
        index = last + 1
    return rows


def _lanes(segments: list[_Segment]) -> list[tuple[_Segment, int]]:
    """Greedy lane assignment so that no two marks of a row overlap."""
    lane_ends: list[float] = []
    placed: list[tuple[_Segment, int]] = []
    for segment in sorted(segments, key=lambda s: (s.x1, -s.x2, s.dated.event.id)):
        left = segment.x1 - (LANE / 2 if segment.is_dot else 0)
        right = max(segment.x2, segment.x1 + LANE / 2) if segment.is_dot else segment.x2
        lane = next((i for i, end in enumerate(lane_ends) if end + 2 <= left), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(right)
        else:
            lane_ends[lane] = right
        placed.append((segment, lane))
    return placed


@dataclass(frozen=True)
class _Marks:
    """How the marks of one figure are drawn: mirrored or not, named and linked how."""

    rtl: bool
    label: Callable[[DatedEvent], str]
    href: Callable[[DatedEvent], str]

    def x(self, x: float) -> float:
        """A plot position, mirrored on Arabic pages so that time runs right to left."""
        return round(WIDTH - x if self.rtl else x, 1)

    def mark(self, segment: _Segment, centre_y: float) -> str:
        """One event's dot or bar, linked to its entry."""
        dated = segment.dated
        event = dated.event
        colour = STATUS_COLOURS.get(event.status, "#333")
        fill = "none" if event.status in HOLLOW else colour
        dashed = ' stroke-dasharray="3 2"' if (dated.date.start.qualifier or (dated.date.end and dated.date.end.qualifier)) else ""
        if segment.is_dot:
            radius = 2.5 + event.importance
            shape = (
                f'<circle cx="{self.x((segment.x1 + segment.x2) / 2)}" cy="{centre_y}" r="{radius}" '
                f'fill="{fill}" stroke="{colour}" stroke-width="1.5"{dashed}/>'
            )
        else:
            bar = 3 + 2 * event.importance
            left = self.x(segment.x2) if self.rtl else self.x(segment.x1)
            shape = (
                f'<rect x="{left}" y="{centre_y - bar / 2}" width="{round(segment.x2 - segment.x1, 1)}" '
                f'height="{bar}" rx="2" fill="{fill}" fill-opacity="0.85" stroke="{colour}" stroke-width="1.5"{dashed}/>'
            )
        return (
            f'<a href="{escape(self.href(dated))}" class="brf-tl-mark brf-tl-mark--{event.status}">'
            f"<title>{escape(self.label(dated))}</title>{shape}</a>"
        )

    def row(self, year: str, segments: list[_Segment], y: int) -> tuple[str, int]:
        """One year's row, drawn from `y` down, and its height."""
        placed = _lanes(segments)
        height = (max(lane for _, lane in placed) + 1) * LANE + ROW_PADDING
        band = self.x(GUTTER) if not self.rtl else self.x(WIDTH - MARGIN)
        head = (
            f'<g class="brf-tl-row"><rect class="brf-tl-band" x="{band}" y="{y}" width="{WIDTH - GUTTER - MARGIN}" '
            f'height="{height}"/><text class="brf-tl-year" x="{self.x(GUTTER / 2)}" y="{y + height / 2 + 4}">{year}</text>'
        )
        marks = "".join(self.mark(segment, y + ROW_PADDING / 2 + lane * LANE + LANE / 2) for segment, lane in placed)
        return head + marks + "</g>", height

    def month_axis(self, locale: str, bottom: int) -> str:
        """The month names above the rows and a tick line between months, drawn for a leap
        year so that the twelve columns line up with every row."""
        months = list(get_month_names("abbreviated", context="format", locale=locale).values())
        # Some locales' "abbreviated" names are the full ones (ar_IQ: تشرين الثاني): shrink them.
        month_class = "brf-tl-month" + (" brf-tl-month--long" if max(map(len, months)) > 6 else "")
        axis = []
        for index, name in enumerate(months):
            start, end = _x(dt.date(2024, index + 1, 1)), _x(dt.date(2024, index + 1, calendar.monthrange(2024, index + 1)[1]), True)
            axis.append(f'<text class="{month_class}" x="{self.x((start + end) / 2)}" y="{AXIS - 10}">{escape(name)}</text>')
            if index:
                axis.append(f'<line class="brf-tl-tick" x1="{self.x(start)}" x2="{self.x(start)}" y1="{AXIS - 4}" y2="{bottom}"/>')
        return "".join(axis)


def timeline_svg(
    events: tuple[DatedEvent, ...],
    *,
    rtl: bool,
    locale: str,
    title: str,
    description: str,
    label: Callable[[DatedEvent], str],
    href: Callable[[DatedEvent], str],
) -> Markup:
    """The whole figure's SVG. `label` gives each mark's accessible name and tooltip."""
    marks = _Marks(rtl, label, href)
    rows: list[str] = []
    y = AXIS
    for year, segments in _segments(events):
        row, height = marks.row(year, segments, y)
        rows.append(row)
        y += height + 2
    direction = ' direction="rtl"' if rtl else ""
    return Markup(
        f'<svg class="brf-timeline__svg" viewBox="0 0 {WIDTH} {round(y + 4)}" width="100%" '
        f'role="group" aria-labelledby="brf-tl-title brf-tl-desc" xmlns="http://www.w3.org/2000/svg"{direction}>'
        f'<title id="brf-tl-title">{escape(title)}</title><desc id="brf-tl-desc">{escape(description)}</desc>'
        + marks.month_axis(locale, y)
        + "".join(rows)
        + "</svg>"
    )


def statuses_present(events: tuple[DatedEvent, ...]) -> list[str]:
    """The statuses to explain in the legend, in a fixed order."""
    return [status for status in STATUS_COLOURS if any(d.event.status == status for d in events)]
