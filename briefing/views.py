"""Stage 4, views: what the pages show, computed from the linked corpus.

Grouping, selecting and counting happen here, so that the templates only present: the
chronology's years and months, the positions matrix of a question, the actors by kind,
the passages of an article that the dossier cites. (The timeline's layout is in
timeline.py.)
Nothing here knows about templates; wording that depends on the language comes in as
plain arguments (a locale, a heading).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from briefing.dates import FuzzyDate, month_heading, parse_date
from briefing.model import Actor, Article, Corpus, DatedEvent, OrderWord, Question, ResolvedCitation, ResolvedPosition
from briefing.urls import UrlScheme, month_of

LATEST_EVENTS_ON_HOME = 5
# Statuses whose outcome lies in the future when recorded; once their date has passed,
# the sources in the dossier cannot tell us what happened.
FORWARD_LOOKING = frozenset({"planned", "announced", "postponed"})
DATE_EXAMPLES = ("2024-08-15", "2024-08", "2024", "2024-08~", "2024-08-15?", "2024-08-01/2024-08-07")
"""The EDTF forms the about page explains, each with its wording."""


def outcome_unknown(dated: DatedEvent, today: dt.date) -> bool:
    """A forward-looking event whose date has passed: the dossier cannot say how it ended."""
    return dated.event.status in FORWARD_LOOKING and dated.date.upper < today


def latest_events(corpus: Corpus) -> tuple[DatedEvent, ...]:
    """The newest events up to the dossier's date, newest first; planned ones belong under
    "what to watch"."""
    reported = [d for d in corpus.events if d.date.lower <= corpus.as_of.upper]
    return tuple(reversed(reported[-LATEST_EVENTS_ON_HOME:]))


def date_examples() -> list[tuple[str, FuzzyDate]]:
    return [(example, parse_date(example)) for example in DATE_EXAMPLES]


def questions_with_positions(corpus: Corpus) -> list[tuple[Question, tuple[ResolvedPosition, ...]]]:
    return [(q, corpus.positions_by_question[q.id]) for q in corpus.dossier.questions]


@dataclass(frozen=True)
class MonthGroup:
    """Events of one month of the chronology (month 0: only the year is known)."""

    heading: str
    anchor: str
    """The month's id on its page: m01 ... m12, or year-only for month 0."""
    events: tuple[DatedEvent, ...]
    url: str
    """The chronology page that lists these events (see UrlScheme.chronology_page)."""


@dataclass(frozen=True)
class YearGroup:
    year: int
    months: tuple[MonthGroup, ...]
    url: str
    """The year's page: its events, or for a split year the list of its months."""

    @property
    def count(self) -> int:
        return sum(len(month.events) for month in self.months)


@dataclass(frozen=True)
class ChronologyPage:
    """One page of events: a whole year, or one month of a year split by month."""

    url: str
    year: YearGroup
    months: tuple[MonthGroup, ...]
    """All of the year's months, or the one month of a month page."""
    title: str
    """The year, or the month's heading."""

    @property
    def is_month(self) -> bool:
        return self.url != self.year.url

    @property
    def events(self) -> tuple[DatedEvent, ...]:
        return tuple(d for month in self.months for d in month.events)


def chronology_groups(corpus: Corpus, urls: UrlScheme, locale: str, year_only: str) -> tuple[YearGroup, ...]:
    """Events grouped by year, then month, in the dossier's order; year-only dates form
    their own group, headed `year_only` (a format string taking the year)."""
    events = list(corpus.events)
    newest_first = corpus.dossier.chronology_order == "newest_first"
    if newest_first:
        events.reverse()
    by_year: dict[int, dict[int, list[DatedEvent]]] = {}
    for dated in events:
        # By month, not by runs of the same month: the year's events whose month is not
        # known go first in the year (last when newest first), as a group of their own, and
        # a month's events whose day is not known at its end (briefing.order places them).
        by_year.setdefault(dated.placed.year, {}).setdefault(month_of(dated), []).append(dated)
    years: list[YearGroup] = []
    for year, by_month in by_year.items():
        months = tuple(
            MonthGroup(
                month_heading(year, month, locale) if month else year_only.format(year=year),
                f"m{month:02d}" if month else "year-only",
                tuple(by_month[month]),
                urls.chronology_page(by_month[month][0]),
            )
            for month in sorted(by_month, reverse=newest_first)
        )
        years.append(YearGroup(year, months, urls.year(year)))
    return tuple(years)


@dataclass(frozen=True)
class OrderNote:
    """An event's place relative to another, as the sources give it (briefing.order)."""

    word: OrderWord
    other: DatedEvent
    evidence: ResolvedCitation


def order_notes(corpus: Corpus, events: Iterable[DatedEvent]) -> dict[str, tuple[OrderNote, ...]]:
    """What each of these events came after and before, with the passage that says so: the
    chronology shows it, since it is what placed an event whose day is not known."""
    notes: dict[str, tuple[OrderNote, ...]] = {}
    for dated in events:
        notes[dated.event.id] = tuple(
            OrderNote(word, corpus.event_by_id[r.event], ResolvedCitation(
                r.evidence.excerpt, corpus.article_by_id[r.evidence.article], corpus.published[r.evidence.article]))
            for word, r in dated.event.order_relations
            if r.event in corpus.event_by_id
        )
    return notes


def chronology_pages(years: tuple[YearGroup, ...], urls: UrlScheme) -> list[ChronologyPage]:
    """The pages that list events, in reading order: a page per year, or per month in a
    busy year, so that every page stays bounded however long the dossier runs."""
    pages: list[ChronologyPage] = []
    for year in years:
        if year.year not in urls.split_years:
            pages.append(ChronologyPage(year.url, year, year.months, str(year.year)))
            continue
        pages += [ChronologyPage(month.url, year, (month,), month.heading) for month in year.months]
    return pages


@dataclass(frozen=True)
class MatrixRow:
    """One actor's positions on a question, one cell per period (empty cells are empty)."""

    actor: Actor
    cells: tuple[tuple[ResolvedPosition, ...], ...]


@dataclass(frozen=True)
class PositionMatrix:
    """Actors by time for one question."""

    periods: tuple[str, ...]
    """Column headings: a month, or a year where only the year is known."""
    rows: tuple[MatrixRow, ...]
    trails: tuple[tuple[Actor, tuple[ResolvedPosition, ...]], ...]
    """Each actor's positions in order, for the narrative of how they moved."""


def _period(position: ResolvedPosition) -> tuple[int, int]:
    start = position.date.start
    return (start.lower.year, 0 if start.precision == "year" else start.lower.month)


def position_matrix(corpus: Corpus, question_id: str, locale: str) -> PositionMatrix:
    positions = corpus.positions_by_question[question_id]
    keys = sorted({_period(p) for p in positions})
    labels = tuple(str(y) if not m else month_heading(y, m, locale) for y, m in keys)
    cells: dict[tuple[str, tuple[int, int]], list[ResolvedPosition]] = {}
    trails: dict[str, list[ResolvedPosition]] = {}
    for position in positions:
        cells.setdefault((position.actor.id, _period(position)), []).append(position)
        trails.setdefault(position.actor.id, []).append(position)
    actors: dict[str, Actor] = {p.actor.id: p.actor for p in positions}
    rows = tuple(
        MatrixRow(actors[actor_id], tuple(tuple(cells.get((actor_id, key), ())) for key in keys))
        for actor_id in trails
    )
    return PositionMatrix(labels, rows, tuple((actors[a], tuple(t)) for a, t in trails.items()))


def actor_groups(corpus: Corpus, kinds: Iterable[str]) -> list[tuple[str, list[tuple[Actor, int]]]]:
    """The actors by kind, in the order of `kinds`, each with how many events it is in."""
    by_type: dict[str, list[tuple[Actor, int]]] = {}
    for actor in corpus.actors:
        by_type.setdefault(actor.type, []).append((actor, len(corpus.events_by_actor[actor.id])))
    return [(kind, by_type[kind]) for kind in kinds if kind in by_type]


def evidence_by_article(corpus: Corpus) -> dict[str, list[str]]:
    """The excerpts the positions and the order relations cite, by article."""
    evidence: dict[str, list[str]] = {}
    for positions in corpus.positions_by_question.values():
        for position in positions:
            evidence.setdefault(position.evidence.article, []).append(position.evidence.excerpt)
    for dated in corpus.events:
        for _, relation in dated.event.order_relations:
            evidence.setdefault(relation.evidence.article, []).append(relation.evidence.excerpt)
    return evidence


def cited_excerpts(corpus: Corpus, article: Article, evidence: dict[str, list[str]]) -> list[str]:
    """Every passage of this article that the dossier cites, for highlighting and anchors.
    `evidence` is evidence_by_article, worked out once for all articles."""
    article_id: str = article.id
    excerpts = [q.excerpt for q in article.quotes] + [n.excerpt for n in article.notes if n.excerpt]
    for dated in corpus.events_by_article[article_id]:
        excerpts += [s.excerpt for s in dated.event.sources if s.article == article_id]
    dossier = corpus.dossier
    citations = [f.source for f in dossier.key_figures] + [s for d in dossier.discrepancies for s in d.sides]
    citations += [s for j in dossier.key_judgments for point in j.against for s in point.sources]
    excerpts += [c.excerpt for c in citations if c.article == article_id]
    return excerpts + evidence.get(article_id, [])
