"""The chronology's timeline, laid out at build time for two layouts without JavaScript.

Wide columns get a horizontal drawing (briefing/timeline_svg.py): time runs along an axis
that gives the busy years the room (briefing/timeline_axis.py), each event is a mark in
the first lane below the axis where it fits, and the turning points have their title
written beside their mark, in its lane. Phones get a vertical list of the same marks
(templates/_timeline.md.j2): a row per quiet year, a row per month of the busy years.
The stylesheet shows one of the two, by the width of the column.

Each mark's shape says how precise its date is: a dot for a known day, a block for a
month, a diamond for a year (with a dotted line over the year: somewhere in it, not all
of it), a bar with end caps for an interval; a dashed outline for an approximate or
uncertain date. Colour says the status, size the importance.

The drawing stays bounded whatever the dossier: at most MAX_LANES marks overlap at any
point of the axis (where more would, the most important are kept and the description
says how many are drawn), and at most MAX_LABELS titles are written on it.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Literal

from babel.dates import get_month_names

from briefing.dates import FuzzyDate
from briefing.model import DatedEvent
from briefing.timeline_axis import Axis, build_axis

Shape = Literal["day", "month", "year", "interval"]

WIDTH = 660.0
"""The drawing's width in its own units; the stylesheet shows it only in a column at least
this many CSS pixels wide, so a unit is never smaller than a pixel."""
PAD = 10.0
TARGET = 24.0
"""A mark's link is at least this wide and high (WCAG 2.2 target size)."""
LANE = 26.0
"""A lane: a target, or two lines of a title, and a little air."""
MAX_LANES = 20
MIN_BLOCK = 8.0
"""A month narrower than this on the axis is drawn this wide."""
MIN_BAR = 6.0

LABEL_SIZE = 12.0
LABEL_WIDTH = 320.0
LABEL_LINES = 2
MAX_LABELS = 8
PHONE_LABELS = 12
EM_PER_CHARACTER = {"en": 0.55, "ar": 0.48}
"""A generous average advance per character (Arial-like Latin, Noto Naskh Arabic), to
wrap titles at build time without running into the next mark."""


def shape_of(date: FuzzyDate) -> Shape:
    if date.end is not None:
        return "interval"
    return date.start.precision


def is_approximate(date: FuzzyDate) -> bool:
    return bool(date.start.qualifier or (date.end and date.end.qualifier))


@dataclass(frozen=True)
class Label:
    """An event's title written beside its mark, in a box from `left`, in one or two lines."""

    lines: tuple[str, ...]
    left: float
    width: float
    before: bool
    """Written before the mark (after it, the title would run off the drawing)."""


@dataclass(frozen=True)
class Mark:
    """One event on the drawing: its shape, where it starts and ends, its lane, its title."""

    dated: DatedEvent
    shape: Shape
    x1: float
    x2: float
    """A day's or a block's extent, an interval's ends, a year's first and last day."""
    lane: int = 0
    label: Label | None = None

    @property
    def centre(self) -> float:
        return (self.x1 + self.x2) / 2

    @property
    def approximate(self) -> bool:
        return is_approximate(self.dated.date)

    @property
    def classes(self) -> str:
        """The classes that style it, in the drawing, the phone layout and the legend alike:
        status, precision, importance, and an approximate or uncertain date."""
        event = self.dated.event
        classes = f"brf-tl-s--{event.status} brf-tl-p--{self.shape} brf-tl-i--{event.importance}"
        return classes + (" brf-tl-approx" if self.approximate else "")

    @property
    def hit(self) -> tuple[float, float]:
        """The link's target: the shape, and at least TARGET around its centre, moved
        inside the drawing near its edges."""
        left, right = min(self.x1, self.centre - TARGET / 2), max(self.x2, self.centre + TARGET / 2)
        shift = max(0.0, -left) - max(0.0, right - WIDTH)
        return left + shift, right + shift

    @property
    def room(self) -> tuple[float, float]:
        """What it takes of its lane: the target and the title."""
        left, right = self.hit
        if self.label:
            return min(left, self.label.left), max(right, self.label.left + self.label.width)
        return left, right


def _extent(dated: DatedEvent, shape: Shape, axis: Axis) -> tuple[float, float]:
    lower, upper = dated.date.lower, dated.date.upper
    x1, x2 = axis.x(lower), axis.x(upper, end_of_day=True)
    if shape == "day":
        return (x1 + x2) / 2, (x1 + x2) / 2
    least = MIN_BLOCK if shape == "month" else MIN_BAR if shape == "interval" else 0.0
    if x2 - x1 < least:
        centre = (x1 + x2) / 2
        return centre - least / 2, centre + least / 2
    return x1, x2


def _priority(dated: DatedEvent) -> tuple[int, int, object, str]:
    """Most important first, then the best sourced, then the earliest."""
    return -dated.event.importance, -len(dated.event.sources), dated.date.sort_key, dated.event.id


def _free(row: list[tuple[float, float]], left: float, right: float) -> int | None:
    """Where (left, right) would go in a sorted row of extents, or None if it overlaps one."""
    at = bisect.bisect_left(row, (left, right))
    if (at == 0 or row[at - 1][1] + 2 <= left) and (at == len(row) or right + 2 <= row[at][0]):
        return at
    return None


class _Lanes:
    """Rows below the axis, each holding marks whose room does not overlap. Two lines of a
    title may be taller than a lane, so titles in neighbouring lanes must not overlap
    either; marks are small enough to sit beside one."""

    def __init__(self) -> None:
        self.taken: list[list[tuple[float, float]]] = []
        self.titles: list[list[tuple[float, float]]] = []

    def _title_fits(self, index: int, mark: Mark) -> bool:
        """Whether the mark's title, if any, clears the titles of the lanes either side."""
        if mark.label is None:
            return True
        box = (mark.label.left, mark.label.left + mark.label.width)
        return all(_free(self.titles[i], *box) is not None for i in (index - 1, index + 1) if 0 <= i < len(self.titles))

    def place(self, options: list[Mark]) -> Mark | None:
        """The first of `options` (one mark drawn different ways) that fits in the first lane
        with room for one, in its lane; None when every lane is full."""
        rooms = [mark.room for mark in options]
        for index in range(MAX_LANES):
            if index == len(self.taken):
                self.taken.append([])
                self.titles.append([])
            for mark, (left, right) in zip(options, rooms, strict=True):
                at = _free(self.taken[index], left, right)
                if at is not None and self._title_fits(index, mark):
                    self.taken[index].insert(at, (left, right))
                    if mark.label:
                        bisect.insort(self.titles[index], (mark.label.left, mark.label.left + mark.label.width))
                    return replace(mark, lane=index)
        return None


def turning_points(events: Iterable[DatedEvent], limit: int) -> frozenset[str]:
    """The ids of at most `limit` of the most important events (importance 3) to write with
    their title: the best sourced of each year first, so that a long dossier's titles are
    spread over its years, then the next best."""
    ranked = sorted((d for d in events if d.event.importance == 3), key=_priority)
    years: set[int] = set()
    first: list[str] = []
    for dated in ranked:
        if dated.date.lower.year not in years:
            years.add(dated.date.lower.year)
            first.append(dated.event.id)
    rest = [d.event.id for d in ranked if d.event.id not in set(first)]
    return frozenset((first + rest)[:limit])


def _choose(events: tuple[DatedEvent, ...], axis: Axis, title: Callable[[DatedEvent], str], lang: str
            ) -> list[Mark]:
    """The marks that fit, chosen most important first. The turning points are written
    with their title where it fits beside them, on the side where it covers fewer marks."""
    titled = turning_points(events, MAX_LABELS)
    # The titled first: they need the most room.
    ordered = [Mark(d, shape, *_extent(d, shape, axis))
               for d in sorted(events, key=lambda d: (d.event.id not in titled, _priority(d)))
               for shape in (shape_of(d.date),)]
    starts = sorted(m.hit[0] for m in ordered)
    ends = sorted(m.hit[1] for m in ordered)

    def covered(mark: Mark) -> int:
        left, right = mark.room
        return bisect.bisect_left(starts, right) - bisect.bisect_right(ends, left)

    lanes = _Lanes()
    chosen: list[Mark] = []
    for plain in ordered:
        placed = None
        if plain.dated.event.id in titled:
            placed = lanes.place(sorted(_titled(plain, title(plain.dated), lang), key=covered))
        placed = placed or lanes.place([plain])
        if placed:
            chosen.append(placed)
    return chosen


def place_marks(events: tuple[DatedEvent, ...], axis: Axis, title: Callable[[DatedEvent], str], lang: str
                ) -> tuple[Mark, ...]:
    """The marks that fit (see _choose), in the events' order. Once chosen, they are packed again:
    the titled ones at the top, the others from the earliest on, which fills each lane
    before opening the next, so the drawing is no taller than it needs to be."""
    chosen = _choose(events, axis, title, lang)
    lanes = _Lanes()
    repacked: list[Mark] = []
    for mark in sorted(chosen, key=lambda m: (m.label is None, m.room[0] if m.label is None else m.lane)):
        placed = lanes.place([mark])
        if placed is None:
            repacked = chosen
            break
        repacked.append(placed)
    reading_order = {dated.event.id: index for index, dated in enumerate(events)}  # see briefing.order
    return tuple(sorted(repacked, key=lambda m: reading_order[m.dated.event.id]))


# ---------------------------------------------------------------------------
# Titles on the drawing


def wrap(text: str, width: int, lines: int = LABEL_LINES) -> tuple[str, ...]:
    """`text` in at most `lines` lines of at most `width` characters, cut at a word with an
    ellipsis when it is longer."""
    wrapped: list[str] = []
    for word in text.split():
        if wrapped and len(wrapped[-1]) + 1 + len(word) <= width:
            wrapped[-1] += " " + word
        else:
            wrapped.append(word[:width])
    if len(wrapped) <= lines:
        return tuple(wrapped)
    last = wrapped[lines - 1]
    while len(last) + 1 > width and " " in last:
        last = last.rsplit(" ", 1)[0]
    return (*wrapped[: lines - 1], last[: width - 1] + "…")


def _titled(mark: Mark, text: str, lang: str) -> list[Mark]:
    """The mark with its title after it, or before it, whichever stays inside the drawing."""
    advance = EM_PER_CHARACTER[lang] * LABEL_SIZE
    widest = int(LABEL_WIDTH / advance)
    # The narrowest lines that hold the whole title, if any up to LABEL_WIDTH does.
    for chars in range(min(widest, max(len(text) // LABEL_LINES + 1, 16)), widest + 1):
        lines = wrap(text, chars)
        if not lines[-1].endswith("…"):
            break
    width = max(len(line) for line in lines) * advance
    left, right = mark.hit
    options = []
    if right + 2 + width <= WIDTH - PAD:
        options.append(replace(mark, label=Label(lines, right + 2, width, before=False)))
    if left - 2 - width >= PAD:
        options.append(replace(mark, label=Label(lines, left - 2 - width, width, before=True)))
    return options


# ---------------------------------------------------------------------------
# The phone layout: rows of years and months


@dataclass(frozen=True)
class Row:
    """A row of the phone layout: a quiet year, a busy year's heading, or one of its months."""

    year: int
    month: int | None
    marks: tuple[Mark, ...]
    """The events that start in it, in date order, without the titled ones."""
    titled: tuple[Mark, ...]
    """The events shown with their title."""
    after_break: bool
    """Years without events come just before it."""
    heading: bool
    """A busy year's own row, above its months."""
    last_month: int | None = None
    """For a run of months without events, shown as one row: the last of them."""

    @property
    def empty(self) -> bool:
        return not (self.marks or self.titled)


def _row_key(mark: Mark, busy: frozenset[int]) -> tuple[int, int | None]:
    """The row a mark belongs to: in a busy year, the month the chronology files it under
    (briefing.order: its start's, or the one the order relations place it in) if known."""
    start = mark.dated.date.start
    year = start.lower.year
    placed = mark.dated.placed
    if year in busy and placed.year == year and placed.month:
        return year, placed.month
    return year, None


def _month_keys(axis: Axis, keys: set[tuple[int, int | None]]) -> list[tuple[int, int | None]]:
    """Every row in order: each year with its own row, and the months of the busy years,
    from the first month with an event to the last."""
    months = sorted(key for key in keys if key[1] is not None)
    first, last = (months[0], months[-1]) if months else ((0, 0), (0, 0))
    ordered: list[tuple[int, int | None]] = []
    for piece in axis.pieces:
        if piece.kind == "empty":
            continue
        ordered.append((piece.first, None))
        if piece.kind == "busy":
            ordered += [(piece.first, m) for m in range(1, 13) if first <= (piece.first, m) <= last]
    return ordered


def phone_rows(axis: Axis, marks: tuple[Mark, ...], titled: frozenset[str]) -> tuple[Row, ...]:
    """The phone layout's rows, top to bottom. A busy year's own row holds its events known
    only to the year; rows of quiet years follow the axis' breaks."""
    busy = frozenset(axis.busy_years)
    by_row: dict[tuple[int, int | None], list[Mark]] = {}
    for mark in marks:
        by_row.setdefault(_row_key(mark, busy), []).append(mark)
    rows: list[Row] = []
    previous_year: int | None = None
    for year, month in _month_keys(axis, set(by_row)):
        here = by_row.get((year, month), [])
        after_break = month is None and previous_year is not None and year > previous_year + 1
        row = Row(
            year, month,
            tuple(m for m in here if m.dated.event.id not in titled),
            tuple(m for m in here if m.dated.event.id in titled),
            after_break,
            month is None and year in busy,
        )
        previous = rows[-1] if rows else None
        if previous and previous.month and row.month and previous.empty and row.empty:
            row = replace(previous, last_month=row.month)  # months without events: one row
            rows.pop()
        rows.append(row)
        previous_year = year
    return tuple(rows)


# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Timeline:
    """Both layouts of one language's timeline."""

    axis: Axis
    marks: tuple[Mark, ...]
    rows: tuple[Row, ...]
    total: int
    """How many events the dossier has (the marks may be fewer)."""

    @property
    def lanes(self) -> int:
        return max((m.lane for m in self.marks), default=-1) + 1


def lay_out(events: tuple[DatedEvent, ...], title: Callable[[DatedEvent], str], lang: str) -> Timeline:
    """The timeline of these events, titles from `title` wrapped for `lang`."""
    axis = build_axis(events, PAD, WIDTH - PAD)
    marks = place_marks(events, axis, title, lang)
    titled = turning_points((m.dated for m in marks), PHONE_LABELS)
    return Timeline(axis, marks, phone_rows(axis, marks, titled), len(events))


def month_names(locale: str) -> dict[int, str]:
    """Short month names; some locales' are the full ones (ar_IQ: تشرين الثاني)."""
    return dict(get_month_names("abbreviated", context="format", locale=locale))


def statuses_present(events: tuple[DatedEvent, ...]) -> list[str]:
    """The statuses to explain in the legend, in a fixed order."""
    order = ("occurred", "announced", "planned", "postponed", "cancelled", "ongoing", "reported", "denied")
    return [status for status in order if any(d.event.status == status for d in events)]
