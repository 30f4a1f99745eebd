"""The timeline's layout (briefing/timeline.py, timeline_axis.py, timeline_svg.py): where
the room goes, what each precision looks like, that nothing overlaps or runs off the
drawing, and that a long dossier's drawing stays bounded. What a reader sees in Chromium
is in test_timeline_browser.py."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re

import pytest

from briefing.dates import parse_date
from briefing.model import Citation, DatedEvent, Event, Text
from briefing.timeline import (
    LABEL_WIDTH, LANE, MAX_LABELS, MAX_LANES, PAD, TARGET, WIDTH, Mark, Timeline, lay_out, month_names,
    wrap,
)
from briefing.timeline_axis import QUIET_WIDTH, build_axis, year_kinds
from briefing.timeline_svg import timeline_svg


def event(date: str, importance: int = 2, status: str = "occurred", ident: str = "", sources: int = 1,
          title: str = "") -> DatedEvent:
    ident = ident or f"e-{date.replace('/', '-').replace('~', 'a').replace('?', 'u')}-{importance}"
    words = title or f"Event of {date} with a title long enough to be wrapped over two lines"
    record = Event(
        id=ident, date=date, status=status, title=Text(ar="حدث " + words, en=words), summary=Text(ar="ملخص", en="Summary"),
        sources=tuple(Citation("a001", f"excerpt {n}") for n in range(sources)), importance=importance,
    )
    return DatedEvent(record, parse_date(date))


def dossier() -> tuple[DatedEvent, ...]:
    """Like the bundled one: background years, a busy 2023–2024, planned dates after."""
    background = [event(year, 1) for year in ("2003", "2008", "2011", "2014", "2017")]
    busy = [event(f"2023-{month:02d}-{day:02d}", 1 + (day % 2), ident=f"b23-{month}-{day}") for month in (6, 10) for day in (3, 17, 25)]
    busy += [event(f"2024-{month:02d}-{day:02d}", 2, ident=f"b24-{month}-{day}") for month in range(1, 10) for day in (2, 12, 22)]
    busy += [event("2023-10/2024-02", 3, sources=3), event("2024-09-27", 3, sources=2), event("2024-01~", 3)]
    planned = [event("2025-09", 3, "planned"), event("2026-09", 2, "planned")]
    return tuple(sorted(background + busy + planned, key=lambda d: (d.date.sort_key, d.event.id)))


def laid_out(events: tuple[DatedEvent, ...], lang: str = "en") -> Timeline:
    return lay_out(events, lambda d: d.event.title.in_(lang), lang)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# The axis


def test_busy_years_get_the_room_quiet_ones_a_column_empty_runs_a_break() -> None:
    events = dossier()
    kinds = year_kinds(events)
    assert {y for y, k in kinds.items() if k == "busy"} == {2023, 2024}
    assert {y for y, k in kinds.items() if k == "quiet"} == {2003, 2008, 2011, 2014, 2017, 2025, 2026}
    axis = build_axis(events, PAD, WIDTH - PAD)
    widths = {(p.first, p.last): p.x1 - p.x0 for p in axis.pieces}
    assert widths[(2018, 2022)] < QUIET_WIDTH == widths[(2017, 2017)] == widths[(2025, 2025)]
    assert widths[(2023, 2023)] == widths[(2024, 2024)] > 6 * QUIET_WIDTH  # the busy years share the room
    assert axis.pieces[0].x0 == PAD and axis.pieces[-1].x1 == pytest.approx(WIDTH - PAD)
    # Time runs one way, without gaps between pieces.
    days = [dt.date(2003, 1, 1) + dt.timedelta(days=n) for n in range(0, 24 * 365, 7)]
    xs = [axis.x(day) for day in days]
    assert xs == sorted(xs)
    assert all(a.x1 == b.x0 for a, b in itertools.pairwise(axis.pieces))


def test_a_dossier_spread_evenly_gets_an_even_axis() -> None:
    events = tuple(event(f"{year}-{month:02d}-10", ident=f"x{year}{month}") for year in range(2016, 2026) for month in range(1, 13))
    axis = build_axis(events, PAD, WIDTH - PAD)
    assert {p.kind for p in axis.pieces} == {"busy"}
    assert len({round(p.x1 - p.x0, 6) for p in axis.pieces}) == 1


# ---------------------------------------------------------------------------
# Marks


def _mark(timeline: Timeline, date: str) -> Mark:
    return next(m for m in timeline.marks if m.dated.date.edtf == date)


def test_each_precision_has_its_own_shape_and_a_year_is_never_a_bar() -> None:
    events = (event("2024-03-05"), event("2024-03"), event("2024"), event("2024-03-01/2024-03-20"), event("2024-05~"),
              event("2023-05-01"), event("2025-01-01"))
    timeline = laid_out(events)
    shapes = {d: _mark(timeline, d).shape for d in ("2024-03-05", "2024-03", "2024", "2024-03-01/2024-03-20", "2024-05~")}
    assert shapes == {"2024-03-05": "day", "2024-03": "month", "2024": "year", "2024-03-01/2024-03-20": "interval", "2024-05~": "month"}
    assert _mark(timeline, "2024-05~").approximate and not _mark(timeline, "2024-03").approximate
    assert "brf-tl-approx" in _mark(timeline, "2024-05~").classes
    svg = str(timeline_svg(timeline, lang="en", month_names=month_names("en_GB"), title="t", description="d",
                           name=lambda d: d.event.id, href=lambda d: f"x/#{d.event.id}"))
    links = dict(re.findall(r'<a href="x/#([^"]+)"[^>]*>(.*?)</a>', svg))
    year_only = links[event("2024").event.id]
    # A diamond on a dotted line over the year; no filled shape as wide as the year.
    assert '<path class="brf-tl-shape" d="M' in year_only and 'class="brf-tl-range"' in year_only
    assert '<rect class="brf-tl-shape"' not in year_only
    assert '<circle class="brf-tl-shape"' in links[event("2024-03-05").event.id]
    assert '<path class="brf-tl-caps"' in links[event("2024-03-01/2024-03-20").event.id]


def test_marks_never_overlap_and_every_target_is_big_enough() -> None:
    timeline = laid_out(dossier())
    by_lane: dict[int, list[tuple[float, float]]] = {}
    for mark in timeline.marks:
        left, right = mark.hit
        assert right - left >= TARGET
        assert left >= PAD - TARGET / 2 and right <= WIDTH
        by_lane.setdefault(mark.lane, []).append(mark.room)
    for rooms in by_lane.values():
        rooms.sort()
        assert all(a[1] < b[0] for a, b in itertools.pairwise(rooms))
    assert LANE >= TARGET


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_turning_points_carry_their_title_inside_the_drawing(lang: str) -> None:
    timeline = laid_out(dossier(), lang)
    titled = [m for m in timeline.marks if m.label]
    assert {m.dated.date.edtf for m in titled} == {"2023-10/2024-02", "2024-09-27", "2024-01~", "2025-09"}
    for mark in titled:
        assert mark.label is not None
        assert mark.label.left >= PAD and mark.label.left + mark.label.width <= WIDTH - PAD
        assert mark.label.width <= LABEL_WIDTH and 1 <= len(mark.label.lines) <= 2
        assert " ".join(mark.label.lines).rstrip("…") in mark.dated.event.title.in_(lang)  # type: ignore[arg-type]
    # Titles in the same or neighbouring lanes never overlap.
    for a in titled:
        for b in titled:
            if a is not b and abs(a.lane - b.lane) <= 1:
                assert a.label and b.label
                assert a.label.left + a.label.width < b.label.left or b.label.left + b.label.width < a.label.left


def test_wrap_cuts_at_a_word_with_an_ellipsis() -> None:
    assert wrap("one two three", 20) == ("one two three",)
    assert wrap("one two three four five six", 9) == ("one two", "three…")
    assert all(len(line) <= 9 for line in wrap("internationalisation of everything", 9))


def test_the_drawing_of_ten_thousand_events_stays_bounded() -> None:
    rng = random.Random(14)
    start = dt.date(2016, 1, 1)
    events = []
    for n in range(10_000):
        day = start + dt.timedelta(days=rng.randrange(3650))
        date = rng.choice([day.isoformat(), day.isoformat()[:7], f"{day.isoformat()}/{(day + dt.timedelta(days=rng.randrange(1, 60))).isoformat()}"])
        events.append(event(date, rng.choice((1, 2, 2, 3)), ident=f"ev-{n:05d}", sources=rng.randrange(1, 4)))
    timeline = laid_out(tuple(sorted(events, key=lambda d: (d.date.sort_key, d.event.id))))
    assert timeline.total == 10_000
    assert timeline.lanes <= MAX_LANES
    assert 100 < len(timeline.marks) < 700
    assert sum(1 for m in timeline.marks if m.label) == MAX_LABELS
    # The most important are the ones kept.
    assert sum(m.dated.event.importance == 3 for m in timeline.marks) > 0.9 * len(timeline.marks)
    # Titles spread over the years.
    assert len({m.dated.date.lower.year for m in timeline.marks if m.label}) == MAX_LABELS
    svg = timeline_svg(timeline, lang="en", month_names=month_names("en_GB"), title="t", description="d",
                       name=lambda d: d.event.title.en, href=lambda d: f"x/#{d.event.id}")
    assert len(svg) < 250_000


# ---------------------------------------------------------------------------
# The phone layout


def test_phone_rows_hold_every_mark_once_in_time_order() -> None:
    events = dossier()
    timeline = laid_out(events)
    shown = [m.dated.event.id for row in timeline.rows for m in (*row.marks, *row.titled)]
    assert sorted(shown) == sorted(m.dated.event.id for m in timeline.marks)
    keys = [(row.year, row.month or 0) for row in timeline.rows]
    assert keys == sorted(keys)
    # A quiet year is one row, a busy year's months have their own; years left out break the line.
    assert [row.year for row in timeline.rows if row.after_break] == [2008, 2011, 2014, 2017, 2023]
    assert [row.month for row in timeline.rows if row.year == 2017] == [None]
    months_2024 = [row.month for row in timeline.rows if row.year == 2024]
    assert months_2024 == [None, *range(1, 10)]
    # Months without events between busy ones share a row.
    assert [(row.month, row.last_month) for row in timeline.rows if row.year == 2023 and row.month in (7, 11)] == [(7, 9), (11, 12)]
    assert {m.dated.date.edtf for row in timeline.rows for m in row.titled} == {"2023-10/2024-02", "2024-09-27", "2024-01~", "2025-09"}


def test_a_mark_at_the_very_start_or_end_keeps_its_whole_target_inside_the_drawing() -> None:
    timeline = laid_out((event("2020-01-01", ident="first"), event("2020-06-01"), event("2021-12-31", ident="last")))
    for mark in timeline.marks:
        left, right = mark.hit
        assert left >= 0 and right <= WIDTH and right - left >= TARGET, mark.dated.event.id
