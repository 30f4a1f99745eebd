"""Which pages an edit makes stale, so that a preview re-renders only those.

Records are events, actors and articles (an article with its raw text, quotes and the
positions they express; an event with its positions). A record *refers to* another when
it names it: an event its actors and sources, an article its outlet and speakers, an
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

from collections.abc import Iterable

from briefing.model import Corpus, Position
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


def references(corpus: Corpus) -> dict[RecordKey, set[RecordKey]]:
    """The records each record refers to."""
    refers: dict[RecordKey, set[RecordKey]] = {}
    for dated in corpus.events:
        event = dated.event
        refers[("event", event.id)] = (
            {("actor", part.actor) for part in event.actors}
            | {("article", citation.article) for citation in event.sources}
            | _position_refs(event.positions)
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


def subject_pages(corpus: Corpus) -> dict[RecordKey, str]:
    """The page (URL without language) each record is a subject of."""
    return UrlScheme.of(corpus).record_pages(corpus)


def _stale_in(corpus: Corpus, changed: set[RecordKey], pages: dict[RecordKey, str]) -> set[str]:
    """The subject pages (`pages`, from subject_pages) within reach of a changed record."""
    refers = references(corpus)
    referred_by: dict[RecordKey, set[RecordKey]] = {}
    for record, refs in refers.items():
        for ref in refs:
            referred_by.setdefault(ref, set()).add(record)

    def around(record: RecordKey) -> set[RecordKey]:
        return {record} | refers.get(record, set()) | referred_by.get(record, set())

    # A page shows R when R is within reach of a subject S: S itself, what S refers to or
    # what refers to S (one step either way), or what one of those refers to. Walked back
    # from R: the subjects in around(R), and in around(X) for every X that refers to R.
    subjects: set[RecordKey] = set()
    for record in changed:
        subjects |= around(record)
        for referrer in referred_by.get(record, ()):
            subjects |= around(referrer)
    return {pages[s] for s in subjects if s in pages}


def stale_pages(old: Corpus, new: Corpus) -> set[str] | None:
    """The subject pages (URLs without language) an edit from `old` to `new` makes stale;
    None when every page is."""
    if old.dossier != new.dossier or old.as_of != new.as_of:
        return None
    old_pages, new_pages = subject_pages(old), subject_pages(new)
    if _chronology_pages(old_pages) != _chronology_pages(new_pages):
        return None  # every chronology page links to its neighbours
    before, after = record_values(old), record_values(new)
    changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    if not changed:
        return set()  # a file saved with no record changed (a comment, a reformatting)
    subjects = _stale_in(old, changed, old_pages) | _stale_in(new, changed, new_pages)
    return subjects | _stale_questions(old, changed) | _stale_questions(new, changed)


def _stale_questions(corpus: Corpus, changed: set[RecordKey]) -> set[str]:
    """The question pages that show a changed record: a question's page shows each of its
    positions with the actor, the passage that shows it (its article) and where it came
    from (the event or the quote's article)."""
    quoted_in = {quote.id: article.id for article in corpus.articles for quote in article.quotes}
    stale: set[str] = set()
    for question_id, positions in corpus.positions_by_question.items():
        shown: set[RecordKey] = set()
        for position in positions:
            shown |= {("actor", position.actor.id), ("article", position.evidence.article)}
            if position.event is not None:
                shown.add(("event", position.event.id))
            if position.quote is not None:
                shown.add(("article", quoted_in[position.quote.id]))
        if shown & changed:
            stale.add(UrlScheme.question(question_id))
    return stale


def _chronology_pages(pages: dict[RecordKey, str]) -> set[str]:
    return {url for (kind, _), url in pages.items() if kind == "event"}
