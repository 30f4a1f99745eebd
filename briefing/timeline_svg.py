"""The timeline's horizontal drawing (the layout is in briefing/timeline.py): an SVG with
years and months along the top and the marks in lanes below, the most important with
their title beside them.

Every mark is a link to its event's entry, with an invisible target at least TARGET units
wide and high and the event's date and title as its name. On Arabic pages the drawing is
mirrored, so that time runs from right to left. Colours and line styles come from the
stylesheet (timeline.css), by class: status `brf-tl-s--*`, precision `brf-tl-p--*`,
`brf-tl-approx` for an approximate or uncertain date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from briefing.model import DatedEvent
from briefing.timeline import EM_PER_CHARACTER, LANE, TARGET, WIDTH, Mark, Timeline
from briefing.timeline_axis import Piece

LINE_HEIGHT = {"en": 13.0, "ar": 15.0}
"""A title's lines: Arabic script needs more room above and below its letters."""
HEADER = 34.0
"""Year names, month names and the axis line."""
MONTH_SIZE = 11.0
YEAR_SIZE = 12.0
QUIET_YEAR_SIZE = 11.0
DIGIT_EM = 0.56


@dataclass(frozen=True)
class _Frame:
    """Where things go vertically, and the mirroring."""

    rtl: bool
    header: float
    """The top of the year names."""
    lanes: int

    @property
    def axis(self) -> float:
        return self.header + HEADER - 1

    @property
    def lanes_top(self) -> float:
        return self.axis + 5

    @property
    def bottom(self) -> float:
        return self.lanes_top + max(self.lanes, 1) * LANE + 4

    def lane(self, lane: int) -> float:
        return self.lanes_top + lane * LANE + LANE / 2

    def x(self, x: float) -> float:
        return round(WIDTH - x if self.rtl else x, 1)

    def left(self, x1: float, x2: float) -> float:
        """The left edge of a box from x1 to x2, once mirrored."""
        return self.x(x2) if self.rtl else self.x(x1)


def _n(value: float) -> str:
    return f"{round(value, 1):g}"


# ---------------------------------------------------------------------------
# The axis


def _months_step(piece: Piece, names: dict[int, str], lang: str) -> int | None:
    """Name every month, or every 2nd, 3rd or 6th, or only January: whatever fits."""
    widest = max(len(name) for name in names.values()) * EM_PER_CHARACTER[lang] * MONTH_SIZE
    month = (piece.x1 - piece.x0) / 12
    return next((step for step in (1, 2, 3, 6, 12) if widest + 6 <= step * month), None)


def _busy_year(piece: Piece, frame: _Frame, names: dict[int, str], lang: str) -> list[str]:
    """A busy year's months: a line between each two, and names from where each starts."""
    parts = []
    for month in range(2, 13):
        x = frame.x(piece.x(dt.date(piece.first, month, 1)))
        parts.append(f'<line class="brf-tl-tick" x1="{x}" x2="{x}" y1="{_n(frame.axis)}" y2="{_n(frame.bottom)}"/>')
    step = _months_step(piece, names, lang)
    for month in range(1, 13, step or 13):
        x = piece.x(dt.date(piece.first, month, 1))
        parts.append(
            f'<line class="brf-tl-axis" x1="{frame.x(x)}" x2="{frame.x(x)}" y1="{_n(frame.axis - 4)}" y2="{_n(frame.axis)}"/>'
            f'<text class="brf-tl-month" x="{frame.x(x + 2)}" y="{_n(frame.header + 27)}">{escape(names[month])}</text>'
        )
    return parts


def _year_name(piece: Piece, frame: _Frame, shown_until: float) -> tuple[str, float]:
    """A busy year's name where it starts, a quiet one's in the middle of its column; none
    where it would run into the one before. Returns it and where it ends."""
    size = YEAR_SIZE if piece.kind == "busy" else QUIET_YEAR_SIZE
    width = len(str(piece.first)) * DIGIT_EM * size
    start = piece.x0 + 2 if piece.kind == "busy" else piece.centre - width / 2
    if start < shown_until + 3:
        return "", shown_until
    x = piece.x0 + 2 if piece.kind == "busy" else piece.centre
    return (
        f'<text class="brf-tl-year brf-tl-year--{piece.kind}" x="{frame.x(x)}" y="{_n(frame.header + 12)}">{piece.first}</text>',
        start + width,
    )


def _axis(timeline: Timeline, frame: _Frame, names: dict[int, str], lang: str) -> str:
    """Year bands, month lines and names, year names, and breaks for years left out."""
    parts: list[str] = []
    shown_until = float("-inf")
    for index, piece in enumerate(timeline.axis.pieces):
        if piece.kind == "empty":
            parts.append(_break(piece, frame))
            continue
        parts.append(
            f'<rect class="brf-tl-band brf-tl-band--{piece.kind}{" brf-tl-band--odd" if index % 2 else ""}" '
            f'x="{frame.left(piece.x0, piece.x1)}" y="{_n(frame.axis)}" width="{_n(piece.x1 - piece.x0)}" '
            f'height="{_n(frame.bottom - frame.axis)}"/>'
            f'<line class="brf-tl-axis" x1="{frame.x(piece.x0)}" x2="{frame.x(piece.x1)}" '
            f'y1="{_n(frame.axis)}" y2="{_n(frame.axis)}"/>'
        )
        if piece.kind == "busy":
            parts += _busy_year(piece, frame, names, lang)
        name, shown_until = _year_name(piece, frame, shown_until)
        parts.append(name)
    return "".join(parts)


def _break(piece: Piece, frame: _Frame) -> str:
    """Two slanted strokes across the axis where years without events are left out."""
    centre, y = piece.centre, frame.axis
    strokes = "".join(
        f"M{frame.x(centre + dx - 2)} {_n(y + 5)}L{frame.x(centre + dx + 2)} {_n(y - 5)}" for dx in (-2, 2)
    )
    return f'<path class="brf-tl-break" d="{strokes}"/>'


# ---------------------------------------------------------------------------
# Marks


def _shape(mark: Mark, frame: _Frame) -> str:
    """The visible mark: a dot, a block, a diamond over a dotted year, or a capped bar."""
    y, importance = frame.lane(mark.lane), mark.dated.event.importance
    if mark.shape == "day":
        return f'<circle class="brf-tl-shape" cx="{frame.x(mark.centre)}" cy="{_n(y)}" r="{_n(3.5 + 1.25 * importance)}"/>'
    if mark.shape == "month":
        height = 6 + 2 * importance
        return (
            f'<rect class="brf-tl-shape" x="{frame.left(mark.x1, mark.x2)}" y="{_n(y - height / 2)}" '
            f'width="{_n(mark.x2 - mark.x1)}" height="{_n(height)}" rx="1.5"/>'
        )
    if mark.shape == "year":
        c, half = frame.x(mark.centre), 4 + 1.25 * importance
        return (
            f'<line class="brf-tl-range" x1="{frame.x(mark.x1)}" x2="{frame.x(mark.x2)}" y1="{_n(y)}" y2="{_n(y)}"/>'
            f'<path class="brf-tl-shape" d="M{c} {_n(y - half)}l{_n(half)} {_n(half)}l{_n(-half)} {_n(half)}'
            f'l{_n(-half)} {_n(-half)}z"/>'
        )
    thickness, cap = 2 + 1.5 * importance, 4 + 1.25 * importance
    return (
        f'<rect class="brf-tl-shape" x="{frame.left(mark.x1, mark.x2)}" y="{_n(y - thickness / 2)}" '
        f'width="{_n(mark.x2 - mark.x1)}" height="{_n(thickness)}"/>'
        f'<path class="brf-tl-caps" d="M{frame.x(mark.x1)} {_n(y - cap)}v{_n(2 * cap)}'
        f'M{frame.x(mark.x2)} {_n(y - cap)}v{_n(2 * cap)}"/>'
    )


def _label_text(mark: Mark, frame: _Frame, lang: str) -> str:
    """The title beside the mark, its lines centred on the lane, aligned on the mark's side."""
    label = mark.label
    if label is None:
        return ""
    near = label.left + label.width if label.before else label.left
    anchor = "end" if label.before else "start"
    height = LINE_HEIGHT[lang]
    first = frame.lane(mark.lane) - (len(label.lines) - 1) * height / 2 + 4
    lines = "".join(
        f'<tspan x="{frame.x(near)}" y="{_n(first + index * height)}">{escape(line)}</tspan>'
        for index, line in enumerate(label.lines)
    )
    return f'<text class="brf-tl-label" text-anchor="{anchor}">{lines}</text>'


def _mark(mark: Mark, frame: _Frame, lang: str, name: str, href: str) -> str:
    left, right = mark.hit
    hit = (
        f'<rect class="brf-tl-hit" x="{frame.left(left, right)}" y="{_n(frame.lane(mark.lane) - TARGET / 2)}" '
        f'width="{_n(right - left)}" height="{_n(TARGET)}"/>'
    )
    return (
        f'<a href="{escape(href)}" class="brf-tl-mark {mark.classes}{" brf-tl-mark--labelled" if mark.label else ""}">'
        f"<title>{escape(name)}</title>{hit}{_shape(mark, frame)}{_label_text(mark, frame, lang)}</a>"
    )


def timeline_svg(
    timeline: Timeline,
    *,
    lang: str,
    month_names: dict[int, str],
    title: str,
    description: str,
    name: Callable[[DatedEvent], str],
    href: Callable[[DatedEvent], str],
) -> Markup:
    """The drawing. `name` gives each mark's accessible name and tooltip, `href` its link."""
    frame = _Frame(lang == "ar", 2, timeline.lanes)
    marks = "".join(_mark(m, frame, lang, name(m.dated), href(m.dated)) for m in timeline.marks)
    direction = ' direction="rtl"' if frame.rtl else ""
    return Markup(
        f'<svg class="brf-timeline__svg" viewBox="0 0 {_n(WIDTH)} {_n(frame.bottom)}" '
        f'role="group" aria-labelledby="brf-tl-title brf-tl-desc" xmlns="http://www.w3.org/2000/svg"{direction}>'
        f'<title id="brf-tl-title">{escape(title)}</title><desc id="brf-tl-desc">{escape(description)}</desc>'
        + _axis(timeline, frame, month_names, lang)
        + marks
        + "</svg>"
    )

