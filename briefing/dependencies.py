"""Which pages an edit makes stale, so that a preview re-renders only those.

Records are events, actors and articles (an article with its raw text, quotes and the
positions they express; an event with its positions). A record *refers to* another when
it names it: an event its actors, sources and the events it came after or before (which
place it, and which it places: briefing.order), an article its outlet and speakers, an
actor its parent body. Three kinds of page are about one or a few records, their
*subjects*: a chronology page (the events of its year or month), an actor page, a source
page. Such a
page shows its subjects, the records they refer to and the records that refer to them,
and what all of those refer to (names, titles and dates): that is everything it can
show. Every other page (home, indexes, questions, what changed, about) is rendered on
every pass.

An edit changes some records. A subject page is stale when a changed record is within
that reach of one of its subjects, in the old corpus or in the new one (an event moved
to another year or given another actor is stale on both sides). Anything beyond records
(the dossier file, the set of years that have pages) makes every page stale.
`tests/test_incremental.py` checks that pages rendered this way equal a full render.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from briefing.dates import FuzzyDate
from briefing.markup import SOURCE_SCHEME, source_references
from briefing.model import Article, Corpus, Dossier, Position, Text
from briefing.urls import UrlScheme

RecordKey = tuple[str, str]
"""('event' | 'actor' | 'article', id)."""


def record_values(corpus: Corpus) -> dict[RecordKey, object]:
    """Every record, with what decides how it renders (an event's parsed date, an
    article's raw text), for comparing two corpora."""
    values: dict[RecordKey, object] = {("event", d.event.id): d for d in corpus.events}
    values.update({("actor", a.id): a for a in corpus.actors})
    values.update(
        {("article", a.id): (a, corpus.published[a.id], corpus.article_texts[a.id]) for a in corpus.articles}
    )
    return values


def _position_refs(positions: Iterable[Position]) -> set[RecordKey]:
    refs: set[RecordKey] = set()
    for position in positions:
        if position.actor:
            refs.add(("actor", position.actor))
        if position.evidence:
            refs.add(("article", position.evidence.article))
    return refs


def _linked_articles(texts: Iterable[Text | None]) -> set[RecordKey]:
    """The articles that editors' texts link to (the pages name them by outlet and title)."""
    return {("article", article_id) for text in texts if text is not None
            for article_id in source_references(text.ar) + source_references(text.en)}


def _position_texts(record: RecordKey, positions: Iterable[Position]) -> Iterator[tuple[RecordKey, Text | None]]:
    """A position's nuance shows on its record's page and on its actor's."""
    for position in positions:
        yield record, position.nuance
        if position.actor:
            yield ("actor", position.actor), position.nuance


def _texts(corpus: Corpus) -> Iterator[tuple[RecordKey, Text | None]]:
    """Every text that may link an article, with each record whose page shows it."""
    for dated in corpus.events:
        event, key = dated.event, ("event", dated.event.id)
        yield from ((key, text) for text in (event.summary, event.date_note, *(n.text for n in event.updates)))
        yield from _position_texts(key, event.positions)
    for article in corpus.articles:
        key = ("article", article.id)
        notes = [note.text for note in article.notes] + [note.text for note in article.updates]
        texts = (article.summary, article.outlet.basis, article.published.reasoning, *article.key_points, *notes)
        yield from ((key, text) for text in texts)
        yield from _position_texts(key, (p for quote in article.quotes for p in quote.positions))
    for actor in corpus.actors:
        key = ("actor", actor.id)
        yield from ((key, text) for text in (actor.summary, *(n.text for n in actor.updates)))


def links(corpus: Corpus) -> dict[RecordKey, set[RecordKey]]:
    """For each article, the records whose pages show a text that links it. Such a text
    shows only the article's outlet and title (see stale_pages)."""
    linked_by: dict[RecordKey, set[RecordKey]] = {}
    for record, text in _texts(corpus):
        if text is not None and (SOURCE_SCHEME in text.ar or SOURCE_SCHEME in text.en):
            for article in _linked_articles((text,)):
                linked_by.setdefault(article, set()).add(record)
    return linked_by


def references(corpus: Corpus) -> dict[RecordKey, set[RecordKey]]:
    """The records each record refers to."""
    refers: dict[RecordKey, set[RecordKey]] = {}
    for dated in corpus.events:
        event = dated.event
        refers[("event", event.id)] = (
            {("actor", part.actor) for part in event.actors}
            | {("article", citation.article) for citation in event.sources}
            | _position_refs(event.positions)
            | {("event", relation.event) for _, relation in event.order_relations}
            | {("article", relation.evidence.article) for _, relation in event.order_relations}
        )
    for article in corpus.articles:
        refs: set[RecordKey] = {("actor", quote.speaker) for quote in article.quotes}
        refs |= _position_refs(p for quote in article.quotes for p in quote.positions)
        if article.outlet.actor:
            refs.add(("actor", article.outlet.actor))
        refers[("article", article.id)] = refs
    for actor in corpus.actors:
        refers[("actor", actor.id)] = {("actor", actor.affiliation)} if actor.affiliation else set()
    return refers


def _question_shows(corpus: Corpus) -> dict[str, set[RecordKey]]:
    """The records each question's page shows: each of its positions with the actor, the
    passage that shows it (its article) and where it came from (the event or the quote's
    article)."""
    quoted_in = {quote.id: article.id for article in corpus.articles for quote in article.quotes}
    shows: dict[str, set[RecordKey]] = {}
    for question_id, positions in corpus.positions_by_question.items():
        shown = shows[question_id] = set()
        for position in positions:
            shown |= {("actor", position.actor.id), ("article", position.evidence.article)}
            if position.event is not None:
                shown.add(("event", position.event.id))
            if position.quote is not None:
                shown.add(("article", quoted_in[position.quote.id]))
    return shows


@dataclass(frozen=True)
class RecordGraph:
    """One corpus's records, what refers to what, and the pages they are subjects of."""

    dossier: Dossier
    as_of: FuzzyDate
    values: dict[RecordKey, object]
    """record_values"""
    refers: dict[RecordKey, set[RecordKey]]
    """references"""
    referred_by: dict[RecordKey, set[RecordKey]]
    pages: dict[RecordKey, str]
    """The page (URL without language) each record is a subject of."""
    question_shows: dict[str, set[RecordKey]]
    linked_by: dict[RecordKey, set[RecordKey]]
    """links"""

    @classmethod
    def of(cls, corpus: Corpus) -> RecordGraph:
        refers = references(corpus)
        referred_by: dict[RecordKey, set[RecordKey]] = {}
        for record, refs in refers.items():
            for ref in refs:
                referred_by.setdefault(ref, set()).add(record)
        pages = UrlScheme.of(corpus).record_pages(corpus)
        return cls(corpus.dossier, corpus.as_of, record_values(corpus), refers, referred_by, pages, _question_shows(corpus),
                   links(corpus))

    def source_name(self, record: RecordKey) -> object:
        """What a link to an article shows of it: its outlet's name and its title."""
        value = self.values.get(record)
        if record[0] != "article" or not isinstance(value, tuple):
            return None
        article: Article = value[0]
        return article.outlet.name, article.title

    def linking_pages(self, renamed: set[RecordKey]) -> set[str]:
        """The subject pages that show a text linking one of the `renamed` articles."""
        return {self.pages[record] for article in renamed for record in self.linked_by.get(article, ())
                if record in self.pages}

    def around(self, record: RecordKey) -> set[RecordKey]:
        return {record} | self.refers.get(record, set()) | self.referred_by.get(record, set())

    def stale_subject_pages(self, changed: set[RecordKey]) -> set[str]:
        """The subject pages within reach of a changed record."""
        # A page shows R when R is within reach of a subject S: S itself, what S refers to or
        # what refers to S (one step either way), or what one of those refers to. Walked back
        # from R: the subjects in around(R), and in around(X) for every X that refers to R.
        subjects: set[RecordKey] = set()
        for record in changed:
            subjects |= self.around(record)
            for referrer in self.referred_by.get(record, ()):
                subjects |= self.around(referrer)
        return {self.pages[s] for s in subjects if s in self.pages}

    def stale_questions(self, changed: set[RecordKey]) -> set[str]:
        return {UrlScheme.question(q) for q, shown in self.question_shows.items() if shown & changed}

    def chronology_pages(self) -> set[str]:
        return {url for (kind, _), url in self.pages.items() if kind == "event"}


def stale_pages(before: RecordGraph, after: RecordGraph) -> set[str] | None:
    """The subject pages (URLs without language) an edit makes stale, from the graph of the
    corpus before it to the graph after; None when every page is."""
    if before.dossier != after.dossier or before.as_of != after.as_of:
        return None
    if before.chronology_pages() != after.chronology_pages():
        return None  # every chronology page links to its neighbours
    changed = {key for key in before.values.keys() | after.values.keys() if before.values.get(key) != after.values.get(key)}
    if not changed:
        return set()  # a file saved with no record changed (a comment, a reformatting)
    renamed = {record for record in changed if before.source_name(record) != after.source_name(record)}
    return (before.stale_subject_pages(changed) | after.stale_subject_pages(changed)
            | before.stale_questions(changed) | after.stale_questions(changed)
            | before.linking_pages(renamed) | after.linking_pages(renamed))
