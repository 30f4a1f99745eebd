"""The events' reading order: by date, and where the sources say that one event came after
another, after it.

Editors record the order the sources give as `after:` / `before:` relations on events
(model.OrderRelation). Here they become edges "earlier -> later" between event ids, from
which come:

- the range each event's date leaves once the relations are applied (`narrowed_bounds`):
  a January-2024 event that came after one on 27 January lies in 27–31 January;
- where each event is filed and placed (`placement`): an event known to the day on its
  first day; one that is not, next to the event a relation ties it to, or else at the end
  of its month (first in its year when only the year is known), where a label says that
  its day is not given instead of it passing for the first of the month;
- the reading order itself (`reading_order`): a stable topological order of the edges,
  which otherwise keeps the placements' order.

The validator (checks.order_relations) rejects unknown events, contradictions with the
dates and cycles; the functions here still terminate on any input (a cycle's events keep
their date order).
"""

from __future__ import annotations

import calendar
import datetime as dt
import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from briefing.dates import FuzzyDate

Edge = tuple[str, str]
"""(earlier event id, later event id)."""

Bounds = tuple[dt.date, dt.date]
"""The earliest and the latest day an event can have taken place."""

Key = tuple[dt.date, int, dt.date, str]
"""An event's place in date order: (day, rank among that day's events, tie-break, id)."""


def order_edges(relations: Iterable[tuple[str, Iterable[str], Iterable[str]]]) -> list[Edge]:
    """Edges "earlier -> later" from each event's (id, ids it came after, ids it came
    before), without self-loops or repeats."""
    edges: dict[Edge, None] = {}
    for event_id, after, before in relations:
        for other in after:
            if other != event_id:
                edges[(other, event_id)] = None
        for other in before:
            if other != event_id:
                edges[(event_id, other)] = None
    return list(edges)


def _successors(ids: Iterable[str], edges: Iterable[Edge]) -> dict[str, list[str]]:
    graph: dict[str, list[str]] = {event_id: [] for event_id in ids}
    for earlier, later in edges:
        if earlier in graph and later in graph:
            graph[earlier].append(later)
    return graph


def topological(keys: Mapping[str, Key], edges: Iterable[Edge]) -> list[str]:
    """The ids in the order of their keys, except that each comes after every id an edge
    says is earlier (Kahn's algorithm, always taking the smallest key available). Ids on a
    cycle, which the validator rejects, follow in key order."""
    by_key = sorted(keys, key=keys.__getitem__)
    graph = _successors(keys, edges)
    if not any(graph.values()):
        return by_key
    rank = {event_id: index for index, event_id in enumerate(by_key)}  # the heap compares ints, not keys
    waiting = dict.fromkeys(keys, 0)
    for later_ids in graph.values():
        for later in later_ids:
            waiting[later] += 1
    ready = [rank[event_id] for event_id, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    ordered: list[str] = []
    while ready:
        event_id = by_key[heapq.heappop(ready)]
        ordered.append(event_id)
        for later in graph[event_id]:
            waiting[later] -= 1
            if waiting[later] == 0:
                heapq.heappush(ready, rank[later])
    placed = set(ordered)
    return ordered + [event_id for event_id in by_key if event_id not in placed]


def narrowed_bounds(dates: Mapping[str, FuzzyDate], edges: Sequence[Edge]) -> dict[str, Bounds]:
    """Each event's range once the relations are applied: a later event begins no earlier
    than the earliest day of every event before it, an earlier one ends no later than the
    latest day of every event after it."""
    bounds = {event_id: (date.lower, date.upper) for event_id, date in dates.items()}
    known = [(a, b) for a, b in edges if a in bounds and b in bounds]
    order = topological({event_id: (date.lower, 0, date.upper, event_id) for event_id, date in dates.items()}, known)
    by_earlier = _successors(bounds, known)
    for earlier in order:  # forward: push earliest days down the edges
        for later in by_earlier[earlier]:
            lower, upper = bounds[later]
            bounds[later] = (max(lower, bounds[earlier][0]), upper)
    by_later: dict[str, list[str]] = {event_id: [] for event_id in bounds}
    for earlier, later in known:
        by_later[later].append(earlier)
    for later in reversed(order):  # backward: pull latest days up the edges
        for earlier in by_later[later]:
            lower, upper = bounds[earlier]
            bounds[earlier] = (lower, min(upper, bounds[later][1]))
    return bounds


def known_to_the_day(date: FuzzyDate) -> bool:
    """Whether the date names days: a day, or an interval between two days."""
    return date.start.precision == "day" and (date.end is None or date.end.precision == "day")


@dataclass(frozen=True)
class Placement:
    """Where an event goes in the chronology."""

    earliest: dt.date
    latest: dt.date
    """The range its date leaves once the order relations are applied."""
    year: int
    month: int
    """The year and month it is filed under; month 0: the year's events whose month is not known."""
    key: tuple[dt.date, int, dt.date]
    """Its place in date order (day, rank among that day's events, tie-break), from its date
    and the range the relations leave it; the relations' order itself comes on top
    (`reading_order`)."""
    exact: bool
    """Dated to the day (or to an interval of days): only such an event may be shown among a
    month's events as one of them; any other says that its day is not given."""


# Ranks among the events placed on one day: an event not dated to the day that came before
# one of that day's events, then the day's own events, then an event that came after one of
# them (not dated to that day), and, on the last day of a month, the month's events whose
# day is not known. (Year-only events rank first on 1 January, as their own group.)
_RANK_YEAR_ONLY, _RANK_BEFORE, _RANK_DAY, _RANK_AFTER, _RANK_MONTH_END = -1, 0, 1, 2, 3


def _in_first_period(date: FuzzyDate, day: dt.date) -> bool:
    """Whether the day lies in the month (the year, when only the year is known) the date
    begins in."""
    if date.start.precision == "year":
        return day.year == date.lower.year
    return (day.year, day.month) == (date.lower.year, date.lower.month)


def placement(date: FuzzyDate, bounds: Bounds | None = None) -> Placement:
    """Where an event of this date goes, given the range the relations leave it."""
    earliest, latest = bounds or (date.lower, date.upper)
    if known_to_the_day(date):  # on its first day, or the later one an event it came after leaves it
        rank = _RANK_DAY if earliest == date.lower else _RANK_AFTER
        return Placement(earliest, latest, earliest.year, earliest.month, (earliest, rank, date.upper), True)
    if earliest > date.lower:  # it came after an event: just after that event's earliest day
        return Placement(earliest, latest, earliest.year, earliest.month, (earliest, _RANK_AFTER, latest), False)
    if latest < date.upper and _in_first_period(date, latest):
        # It came before an event of its own month (or year): just before that event. (A
        # bound from further off says nothing of where in its month it belongs.)
        return Placement(earliest, latest, latest.year, latest.month, (latest, _RANK_BEFORE, earliest), False)
    if date.start.precision == "year":  # the year's own group, first in the year
        first = dt.date(date.lower.year, 1, 1)
        return Placement(earliest, latest, date.lower.year, 0, (first, _RANK_YEAR_ONLY, date.upper), False)
    month_end = dt.date(date.lower.year, date.lower.month, calendar.monthrange(date.lower.year, date.lower.month)[1])
    return Placement(earliest, latest, date.lower.year, date.lower.month, (month_end, _RANK_MONTH_END, date.lower), False)


def placements(dates: Mapping[str, FuzzyDate], edges: Sequence[Edge]) -> dict[str, Placement]:
    """Every event's placement."""
    bounds = narrowed_bounds(dates, edges)
    return {event_id: placement(date, bounds[event_id]) for event_id, date in dates.items()}


def reading_order(placed: Mapping[str, Placement], edges: Iterable[Edge]) -> list[str]:
    """The event ids in reading order (oldest first)."""
    return topological({event_id: (*p.key, event_id) for event_id, p in placed.items()}, edges)


def find_cycle(ids: Iterable[str], edges: Iterable[Edge]) -> list[str] | None:
    """A cycle of the edges as the ids along it (the first repeated at the end), or None.
    Follows the ids in the order given, so the first cycle found starts at the earliest id
    on it that can reach it."""
    graph = _successors(ids, edges)
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in graph:
        if start in state:
            continue
        path: list[str] = [start]
        stack = [iter(graph[start])]
        state[start] = 1
        while stack:
            following = next(stack[-1], None)
            if following is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(following) == 1:
                return path[path.index(following):] + [following]
            elif following not in state:
                state[following] = 1
                path.append(following)
                stack.append(iter(graph[following]))
    return None
