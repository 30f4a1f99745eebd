"""The timeline's time axis: the years where the dossier's events cluster get the space.

A dossier usually has a busy period (the story itself) and sparse background years before
it and planned dates after it. A linear axis over the whole span would squeeze the busy
period into a sliver. Here each year is one of three kinds:

- busy: at least a fifth as many events start in it as in the busiest year; busy years
  share the room left by the others equally, so time runs linearly across them;
- quiet: some event starts or ends in it; a narrow column of its own;
- empty: runs of years where nothing starts or ends collapse into a short break.

Positions are in the drawing's own units, left to right; the SVG mirrors them for
right-to-left pages. The same years and kinds give the phone layout its rows.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from briefing.model import DatedEvent

YearKind = Literal["busy", "quiet", "empty"]

BUSY_SHARE = 5
"""A year is busy when at least 1/BUSY_SHARE as many events start in it as in the busiest."""
QUIET_WIDTH = 28.0
"""A quiet year's column: room for one mark's 24-unit target and its year label."""
BREAK_WIDTH = 8.0
"""A run of empty years."""


@dataclass(frozen=True)
class Piece:
    """A stretch of the axis drawn to one scale: one busy or quiet year, or a run of empty ones."""

    first: int
    last: int
    """The last year, inclusive."""
    kind: YearKind
    x0: float
    x1: float

    def x(self, day: dt.date, end_of_day: bool = False) -> float:
        """Where a day starts (or ends) within this piece."""
        start = dt.date(self.first, 1, 1).toordinal()
        stop = dt.date(self.last + 1, 1, 1).toordinal()
        elapsed = day.toordinal() + (1 if end_of_day else 0) - start
        return self.x0 + (self.x1 - self.x0) * elapsed / (stop - start)

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Axis:
    """The pieces, in order, from `left` to `right`."""

    pieces: tuple[Piece, ...]

    def piece(self, year: int) -> Piece:
        for piece in self.pieces:
            if piece.first <= year <= piece.last:
                return piece
        raise ValueError(f"{year} is outside the axis")

    def x(self, day: dt.date, end_of_day: bool = False) -> float:
        # A day ending on 31 December ends where the next piece starts.
        return self.piece(day.year).x(day, end_of_day)

    @property
    def busy_years(self) -> tuple[int, ...]:
        return tuple(p.first for p in self.pieces if p.kind == "busy")


def year_kinds(events: Iterable[DatedEvent]) -> dict[int, YearKind]:
    """Each year from the first event's to the last one's, by how much happens in it."""
    starts: Counter[int] = Counter()
    ends: set[int] = set()
    for dated in events:
        starts[dated.date.lower.year] += 1
        ends.add(dated.date.upper.year)
    if not starts:
        return {}
    busiest = max(starts.values())
    touched = set(starts) | ends
    kinds: dict[int, YearKind] = {}
    for year in range(min(touched), max(touched) + 1):
        if starts[year] * BUSY_SHARE >= busiest:
            kinds[year] = "busy"
        else:
            kinds[year] = "quiet" if year in touched else "empty"
    return kinds


def _runs(kinds: dict[int, YearKind]) -> list[tuple[int, int, YearKind]]:
    """Busy and quiet years one by one, runs of empty years together."""
    runs: list[tuple[int, int, YearKind]] = []
    for year, kind in kinds.items():
        if kind == "empty" and runs and runs[-1][2] == "empty":
            runs[-1] = (runs[-1][0], year, kind)
        else:
            runs.append((year, year, kind))
    return runs


def _widths(runs: list[tuple[int, int, YearKind]], width: float) -> dict[YearKind, float]:
    """The width of a busy year, a quiet year and a break. When quiet years would leave the
    busy ones less than two quiet columns each, every year with events gets the same width."""
    breaks = sum(1 for *_, kind in runs if kind == "empty")
    gap = min(BREAK_WIDTH, width * 0.15 / max(breaks, 1))
    busy = sum(1 for *_, kind in runs if kind == "busy")
    quiet = len(runs) - busy - breaks
    room = width - breaks * gap - quiet * QUIET_WIDTH
    if room / busy >= 2 * QUIET_WIDTH:
        return {"busy": room / busy, "quiet": QUIET_WIDTH, "empty": gap}
    even = (width - breaks * gap) / (busy + quiet)
    return {"busy": even, "quiet": even, "empty": gap}


def build_axis(events: Iterable[DatedEvent], left: float, right: float) -> Axis:
    """The axis for these events between `left` and `right`."""
    runs = _runs(year_kinds(events))
    if not runs:
        return Axis(())
    widths = _widths(runs, right - left)
    pieces: list[Piece] = []
    x = left
    for first, last, kind in runs:
        pieces.append(Piece(first, last, kind, x, x + widths[kind]))
        x += widths[kind]
    return Axis(tuple(pieces))
