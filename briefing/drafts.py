"""What a published build leaves out: the records an editor marked `draft: true` (events,
actors, articles, quotes). A preview and `check` keep them (the pages mark them as drafts);
a published build (build.py, mkdocs build) leaves them out with a line each, and refuses a
published record that refers to one, where it does, since its page would point nowhere.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from briefing.errors import ContentError, ContentErrors, Location
from briefing.model import Actor, Article, Citation, Dossier, Event, Position, Validated


@dataclasses.dataclass(frozen=True)
class _Drafts:
    """The ids of the drafts, by kind."""

    events: frozenset[str]
    actors: frozenset[str]
    articles: frozenset[str]

    @classmethod
    def of(cls, validated: Validated) -> _Drafts:
        return cls(
            frozenset(e.id for e in validated.events if e.draft),
            frozenset(a.id for a in validated.actors if a.draft),
            frozenset(a.id for a in validated.articles if a.draft),
        )

    def refused(self, origin: Location, what: str, kind: str, ids: Iterable[str | None],
                otherwise: str = "make this record a draft too") -> Iterator[ContentError]:
        """An error for each id of `ids` that is a draft of this kind."""
        drafts = {"event": self.events, "actor": self.actors, "article": self.articles}[kind]
        for record_id in dict.fromkeys(i for i in ids if i in drafts):
            yield ContentError(origin, (
                f"{what} the draft {kind} {record_id!r}, which a published build leaves out: publish it "
                f"(remove its draft: true) or {otherwise}"
            ))


def _position_refs(positions: Iterable[Position]) -> tuple[list[str | None], list[str | None]]:
    actors: list[str | None] = [p.actor for p in positions]
    articles: list[str | None] = [p.evidence.article if p.evidence else None for p in positions]
    return actors, articles


def _citations(citations: Iterable[Citation]) -> list[str | None]:
    return [c.article for c in citations]


def _event_errors(event: Event, drafts: _Drafts) -> Iterator[ContentError]:
    actors, articles = _position_refs(event.positions)
    relations = [relation for _, relation in event.order_relations]
    yield from drafts.refused(event.origin, "it names", "actor", [p.actor for p in event.actors] + actors)
    cited = _citations(event.sources) + articles + _citations(r.evidence for r in relations)
    yield from drafts.refused(event.origin, "it cites", "article", cited)
    yield from drafts.refused(event.origin, "its order relations name", "event", [r.event for r in relations])


def _article_errors(article: Article, drafts: _Drafts) -> Iterator[ContentError]:
    yield from drafts.refused(article.origin, "its outlet is", "actor", [article.outlet.actor])
    for quote in article.quotes:
        if not quote.draft:
            actors, articles = _position_refs(quote.positions)
            yield from drafts.refused(quote.origin, "its speaker or a position names", "actor", [quote.speaker, *actors])
            yield from drafts.refused(quote.origin, "a position cites", "article", articles)


def _dossier_errors(dossier: Dossier, drafts: _Drafts) -> Iterator[ContentError]:
    events = [e for j in dossier.key_judgments for e in j.events] + [e for w in dossier.what_to_watch for e in w.events]
    yield from drafts.refused(dossier.origin, "a judgment or a thing to watch names", "event", events, "name another")
    cited = [f.source.article for f in dossier.key_figures] + [s.article for d in dossier.discrepancies for s in d.sides]
    yield from drafts.refused(dossier.origin, "a key figure or a discrepancy cites", "article", cited, "cite another")


def _errors(validated: Validated, drafts: _Drafts) -> Iterator[ContentError]:
    for event in validated.events:
        if not event.draft:
            yield from _event_errors(event, drafts)
    for article in validated.articles:
        if not article.draft:
            yield from _article_errors(article, drafts)
    for actor in validated.actors:
        if not actor.draft:
            yield from drafts.refused(actor.origin, "it belongs to", "actor", [actor.affiliation])
    yield from _dossier_errors(validated.dossier, drafts)


def drafts_left_out(validated: Validated) -> tuple[Validated, list[str]]:
    """The content without its drafts, and a line for each draft left out. Raises
    ContentErrors when a published record refers to a draft."""
    drafts = _Drafts.of(validated)
    errors = list(_errors(validated, drafts))
    if errors:
        raise ContentErrors(errors)
    lines = [f"{r.origin}: left out of this build: the draft {kind} {r.id!r}"
             for kind, records in (("event", validated.events), ("actor", validated.actors), ("article", validated.articles))
             for r in records if r.draft]
    lines += [f"{q.origin}: left out of this build: the draft quote {q.id!r}"
              for a in validated.articles if not a.draft for q in a.quotes if q.draft]
    articles = tuple(
        dataclasses.replace(a, quotes=tuple(q for q in a.quotes if not q.draft)) for a in validated.articles if not a.draft
    )
    kept = Validated(
        validated.dossier,
        tuple(e for e in validated.events if not e.draft),
        tuple(a for a in validated.actors if not a.draft),
        articles,
        {i: t for i, t in validated.article_texts.items() if i not in drafts.articles},
    )
    return kept, lines


def inside_drafts(validated: Validated) -> list[Location]:
    """Where each draft record was written: its TODO placeholders are let be."""
    records: list[Event | Actor | Article] = [*validated.events, *validated.actors, *validated.articles]
    quotes = [q.origin for a in validated.articles for q in a.quotes if q.draft]
    return [r.origin for r in records if r.draft] + quotes
