"""Stage 2, validate, second half: the rules that need the whole dossier, one function each.

Each check reads the decoded content and yields the errors it finds; `CHECKS` lists them
in the order `validate()` runs them (mkdocs' `config/base.py` validates the same way:
small named validators, run in turn, every error collected).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath

import babel

from briefing import model
from briefing.dates import DateError, FuzzyDate, parse_date
from briefing.decode import LANGUAGE_NAMES, DecodedFile, Occurrence, suggest
from briefing.errors import ContentError, Location
from briefing.excerpts import ArticleText, Passage, normalise_whitespace, original_index
from briefing.limits import MAX_FILE_BYTES, megabytes
from briefing.load import position_in_scalar
from briefing.markup import source_references
from briefing.order import Edge, find_cycle, narrowed_bounds

# MkDocs renders theme templates without autoescaping and Material prints the site name and
# description raw inside HTML attributes: these characters there would become markup.
SITE_TEXT_FORBIDDEN = re.compile(r'[<>"]')

_KINDS: dict[str, type] = {
    "actor": model.Actor,
    "article": model.Article,
    "event": model.Event,
    "question": model.Question,
    "quote": model.Quote,
    "discrepancy": model.Discrepancy,
}
"""The records that have ids, by the word the messages use for them."""


@dataclass
class Content:
    """What the checks read: every record decoded (with where it and its fields were
    written), the ids of records that failed to decode, and the raw article files."""

    occurrences: dict[type, list[Occurrence]]
    partial_ids: dict[type, set[str]]
    unreadable: set[str]
    """Kinds with a file that could not be parsed: references into them are not checked."""
    raw_files: Mapping[str, bytes]
    sources: Mapping[str, bytes]
    """Every YAML file's bytes, by display path: a message may point inside a value."""

    @classmethod
    def gather(
        cls, files: Iterable[DecodedFile], unreadable: set[str], raw_files: Mapping[str, bytes], sources: Mapping[str, bytes]
    ) -> Content:
        occurrences: dict[type, list[Occurrence]] = {}
        partial_ids: dict[type, set[str]] = {}
        for decoded in files:
            for occurrence in decoded.occurrences:
                occurrences.setdefault(type(occurrence.record), []).append(occurrence)
            for record_class, ids in decoded.partial_ids.items():
                partial_ids.setdefault(record_class, set()).update(ids)
        return cls(occurrences, partial_ids, unreadable, raw_files, sources)

    def of(self, record_class: type) -> list[Occurrence]:
        """The records of one class, in the order they were decoded."""
        return self.occurrences.get(record_class, [])

    @cached_property
    def first_by_id(self) -> dict[str, dict[str, Occurrence]]:
        """The first record of each id, by kind: the one a reference means."""
        firsts: dict[str, dict[str, Occurrence]] = {}
        for kind, record_class in _KINDS.items():
            first = firsts[kind] = {}
            for occurrence in self.of(record_class):
                first.setdefault(occurrence.record.id, occurrence)
        return firsts

    @cached_property
    def raw_articles(self) -> list[tuple[Occurrence, str | ContentError]]:
        """Each article's raw text, or why it cannot be used."""
        return [(occurrence, _raw_text(occurrence, self.raw_files)) for occurrence in self.of(model.Article)]

    @cached_property
    def article_texts(self) -> dict[str, str]:
        """The raw text of every article whose raw file is usable, by article id."""
        return {occurrence.record.id: text for occurrence, text in self.raw_articles if isinstance(text, str)}

    @cached_property
    def searchable(self) -> dict[str, ArticleText]:
        """The same texts, ready to find excerpts in."""
        return {article_id: ArticleText(text) for article_id, text in self.article_texts.items()}

    def reference(self, occurrence: Occurrence, field_name: str, value: str | None, kind: str) -> tuple[ContentError, ...]:
        """An error when `value` names no record of this kind. (Returns a tuple, not a
        generator: this runs for every reference of the dossier.)"""
        known = self.first_by_id[kind]
        if value is None or value in known or f"{kind}s" in self.unreadable:
            return ()
        if value in self.partial_ids.get(_KINDS[kind], ()):
            return ()
        return (occurrence.at(field_name, f"unknown {kind} {value!r}{suggest(value, known)}"),)

    def excerpt(self, occurrence: Occurrence, field_name: str, excerpt: str, article_id: str) -> tuple[ContentError, ...]:
        """An error when the excerpt is not in the article (when the article's text is known):
        pointing at the first character that differs from the passage it was copied from,
        with that passage ready to paste, or saying that no passage comes close."""
        article = self.searchable.get(article_id)
        if article is None or article.contains(excerpt):
            return ()
        if not normalise_whitespace(excerpt):
            return (occurrence.at(field_name, "the excerpt is empty"),)
        message = f"excerpt not found verbatim in article {article_id!r} (only whitespace may differ)"
        raw_path = self.raw_paths[article_id]
        passage = article.closest(excerpt)
        if passage is None:
            return (occurrence.at(field_name, f"{message}, and no passage of {raw_path} comes close"),)
        message += (
            f"; the closest passage is at {raw_path}:{passage.line}:{passage.column}, where "
            f"{passage.describe_differences()}; paste it verbatim: {json.dumps(passage.verbatim, ensure_ascii=False)}"
        )
        return (ContentError(self._first_difference(occurrence, field_name, excerpt, passage), message),)

    def _first_difference(self, occurrence: Occurrence, field_name: str, excerpt: str, passage: Passage) -> Location:
        at = occurrence.fields.get(field_name, occurrence.location)
        source = self.sources.get(at.path)
        if source is None or not passage.differences:
            return at
        index = original_index(excerpt, passage.differences[0].offset)
        return position_in_scalar(source.decode("utf-8-sig", errors="replace"), at, excerpt, index)

    @cached_property
    def raw_paths(self) -> dict[str, str]:
        """Each article's raw file, by article id, as messages show it."""
        return {occurrence.record.id: _raw_path(occurrence) for occurrence in self.of(model.Article)}


def _raw_path(occurrence: Occurrence) -> str:
    article: model.Article = occurrence.record
    return (PurePosixPath(occurrence.location.path).parent / article.raw).as_posix()


def _raw_text(occurrence: Occurrence, raw_files: Mapping[str, bytes]) -> str | ContentError:
    article: model.Article = occurrence.record
    raw_path = _raw_path(occurrence)
    if "/" in article.raw or article.raw in ("", ".", ".."):
        return occurrence.at("raw", f"expected a file name beside the YAML file, got {article.raw!r}")
    data = raw_files.get(raw_path)
    if data is None:
        return occurrence.at("raw", f"the raw file {raw_path} does not exist")
    if len(data) > MAX_FILE_BYTES:
        return occurrence.at(
            "raw", f"the raw file {raw_path} is {megabytes(len(data))}, over the limit of {megabytes(MAX_FILE_BYTES)}"
        )
    digest = hashlib.sha256(data).hexdigest()
    if digest != article.sha256:
        return occurrence.at(
            "sha256",
            f"the raw file {raw_path} no longer matches its recorded sha256 "
            f"(expected {article.sha256[:12]}..., found {digest[:12]}...); restore the original "
            "bytes, or record the new hash if the change is deliberate",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return occurrence.at("raw", f"the raw file {raw_path} is not valid UTF-8")


def _by_record(occurrences: Iterable[Occurrence]) -> dict[int, Occurrence]:
    """Occurrences by their record's identity, to find a nested record's from its parent
    (two equal records at different places are different occurrences)."""
    return {id(occurrence.record): occurrence for occurrence in occurrences}


# -- the checks, in the order they run -------------------------------------------------


def unique_ids(content: Content) -> Iterator[ContentError]:
    """No two records of a kind share an id."""
    for kind, record_class in _KINDS.items():
        first = content.first_by_id[kind]
        for occurrence in content.of(record_class):
            earlier = first[occurrence.record.id]
            if earlier is not occurrence:
                where = earlier.fields["id"]
                yield occurrence.at("id", f"duplicate {kind} id {occurrence.record.id!r} (first defined at {where})")


def raw_articles(content: Content) -> Iterator[ContentError]:
    """Each article's raw file is beside it, unchanged since curation (its sha256), and UTF-8."""
    for _, text in content.raw_articles:
        if isinstance(text, ContentError):
            yield text


def unused_raw_files(content: Content) -> Iterator[ContentError]:
    """Every raw file in articles/ is an article's: one that no article names would
    otherwise be dropped without a word (an article whose YAML was never written)."""
    if "articles" in content.unreadable or content.partial_ids.get(model.Article):
        return  # an article file that cannot be read or decoded may be the one that names it
    if any(isinstance(text, ContentError) for _, text in content.raw_articles):
        return  # an article that names a raw file wrongly is reported: it may mean this one
    named = set(content.raw_paths.values())
    for path in sorted(set(content.raw_files) - named):
        yield ContentError(
            Location(path, 0, 0),
            "no article names this raw file: write its YAML with `python build.py new article`, or remove it",
        )


def citations(content: Content) -> Iterator[ContentError]:
    """A citation names a known article, and its excerpt is in that article verbatim."""
    for occurrence in content.of(model.Citation):
        citation: model.Citation = occurrence.record
        yield from content.reference(occurrence, "article", citation.article, "article")
        yield from content.excerpt(occurrence, "excerpt", citation.excerpt, citation.article)


def quotes(content: Content) -> Iterator[ContentError]:
    """A quote's speaker is a known actor, and its excerpt is in its article verbatim."""
    places = _by_record(content.of(model.Quote))
    for article_occurrence in content.of(model.Article):
        article: model.Article = article_occurrence.record
        for quote in article.quotes:
            occurrence = places[id(quote)]
            yield from content.reference(occurrence, "speaker", quote.speaker, "actor")
            yield from content.excerpt(occurrence, "excerpt", quote.excerpt, article.id)


def note_excerpts(content: Content) -> Iterator[ContentError]:
    """An editorial note's excerpt, when it has one, is in its article verbatim."""
    places = _by_record(content.of(model.EditorialNote))
    for article_occurrence in content.of(model.Article):
        article: model.Article = article_occurrence.record
        for note in article.notes:
            if note.excerpt:
                yield from content.excerpt(places[id(note)], "excerpt", note.excerpt, article.id)


def actor_references(content: Content) -> Iterator[ContentError]:
    """An outlet's actor and each actor of an event are known actors."""
    for record_class in (model.Outlet, model.EventActor):
        for occurrence in content.of(record_class):
            yield from content.reference(occurrence, "actor", occurrence.record.actor, "actor")


def event_references(content: Content) -> Iterator[ContentError]:
    """The events behind a key judgment or a watch item are known events."""
    for record_class in (model.KeyJudgment, model.WatchItem):
        for occurrence in content.of(record_class):
            for index, event_id in enumerate(occurrence.record.events):
                yield from content.reference(occurrence, f"events[{index}]", event_id, "event")


def position_references(content: Content) -> Iterator[ContentError]:
    """A position is on a known question, by a known actor."""
    for occurrence in content.of(model.Position):
        position: model.Position = occurrence.record
        yield from content.reference(occurrence, "question", position.question, "question")
        yield from content.reference(occurrence, "actor", position.actor, "actor")


def _text_fields(record_class: type) -> tuple[str, ...]:
    """The fields of a record class that hold texts (Text, optional or in a tuple)."""
    fields = dataclasses.fields(record_class)
    return tuple(f.name for f in fields if re.search(r"\bText\b", str(f.type)))


def _texts(record: object, names: tuple[str, ...]) -> Iterator[tuple[str, model.Text]]:
    """A record's own texts (not those of the records inside it), by field name."""
    for name in names:
        value = getattr(record, name)
        if isinstance(value, model.Text):
            yield name, value
        elif isinstance(value, tuple):
            yield from ((f"{name}[{i}]", item) for i, item in enumerate(value) if isinstance(item, model.Text))


def source_links(content: Content) -> Iterator[ContentError]:
    """A link to a source in editors' text, `[](source:<id>)`, names a known article."""
    for record_class, occurrences in content.occurrences.items():
        names = _text_fields(record_class)
        for occurrence in occurrences if names else ():
            for field_name, text in _texts(occurrence.record, names):
                for article_id in dict.fromkeys(source_references(text.ar) + source_references(text.en)):
                    yield from content.reference(occurrence, field_name, article_id, "article")


def event_positions(content: Content) -> Iterator[ContentError]:
    """A position on an event names its actor and its evidence (a quote supplies its own)."""
    for event_occurrence in content.of(model.Event):
        for index, position in enumerate(event_occurrence.record.positions):
            for needed in ("actor", "evidence"):
                if getattr(position, needed) is None:
                    message = f"missing required key {needed!r} (a position on an event must name its {needed})"
                    yield event_occurrence.at(f"positions[{index}]", message)


@dataclass(frozen=True)
class _Relation:
    """One `after`/`before` relation of an event, where it was written, as an edge."""

    occurrence: Occurrence
    event_id: str
    other_id: str
    word: model.OrderWord

    @property
    def edge(self) -> Edge:
        return (self.other_id, self.event_id) if self.word == "after" else (self.event_id, self.other_id)


def _relations(content: Content) -> list[_Relation]:
    """Every order relation, in the order written."""
    places = _by_record(content.of(model.OrderRelation))
    return [
        _Relation(places[id(relation)], occurrence.record.id, relation.event, word)
        for occurrence in content.of(model.Event)
        for word, relation in occurrence.record.order_relations
    ]


def _event_dates(content: Content) -> dict[str, FuzzyDate]:
    """The parsed date of every event whose date parses, by id (the first of each id)."""
    dates: dict[str, FuzzyDate] = {}
    for event_id, occurrence in content.first_by_id["event"].items():
        try:
            dates[event_id] = parse_date(occurrence.record.date)
        except DateError:
            continue  # reported by the decoder
    return dates


def _contradiction(relation: _Relation, dates: Mapping[str, FuzzyDate]) -> str | None:
    """Why the two events' own dates cannot be in this order, if they cannot."""
    earlier_id, later_id = relation.edge
    earlier, later = dates[earlier_id], dates[later_id]
    if later.upper >= earlier.lower:
        return None
    event, other = dates[relation.event_id], dates[relation.other_id]
    if relation.word == "after":
        why = f"its latest possible day ({event.upper}) is before the other's earliest ({other.lower})"
    else:
        why = f"its earliest possible day ({event.lower}) is after the other's latest ({other.upper})"
    return (
        f"{relation.event_id!r}, dated {event.edtf}, cannot have come {relation.word} "
        f"{relation.other_id!r}, dated {other.edtf}: {why}"
    )


def _chain_contradiction(relation: _Relation, bounds: Mapping[str, tuple[dt.date, dt.date]]) -> str | None:
    """Why the events cannot be in this order once the other relations are applied."""
    earlier_id, later_id = relation.edge
    if bounds[later_id][1] >= bounds[earlier_id][0]:
        return None
    return (
        f"{relation.event_id!r} cannot have come {relation.word} {relation.other_id!r} given the other order "
        f"relations: they leave {earlier_id!r} no earlier than {bounds[earlier_id][0]} "
        f"and {later_id!r} no later than {bounds[later_id][1]}"
    )


def _cycles(relations: list[_Relation], ids: Iterable[str]) -> Iterator[ContentError]:
    """Each cycle of the relations, at the relation that closes it (at most a few: each
    found is taken out to look for the next)."""
    by_edge: dict[Edge, _Relation] = {}
    for relation in relations:
        by_edge.setdefault(relation.edge, relation)
    edges = list(by_edge)
    for _ in range(10):
        cycle = find_cycle(ids, edges)
        if cycle is None:
            return
        closing = by_edge[(cycle[-2], cycle[-1])]
        edges.remove(closing.edge)
        chain = " -> ".join(repr(event_id) for event_id in cycle)
        yield closing.occurrence.at("event", f"the order relations form a cycle (each came before the next): {chain}")


def order_relations(content: Content) -> Iterator[ContentError]:
    """An event's `after`/`before` relations name other known events, agree with the
    events' dates (with each other's too) and form no cycle."""
    known = content.first_by_id["event"]
    relations: list[_Relation] = []
    for relation in _relations(content):
        if relation.other_id == relation.event_id:
            yield relation.occurrence.at("event", f"an event cannot come {relation.word} itself")
        elif relation.other_id in known:
            relations.append(relation)
        else:
            yield from content.reference(relation.occurrence, "event", relation.other_id, "event")
    dates = _event_dates(content)
    dated = [r for r in relations if r.event_id in dates and r.other_id in dates]
    contradictions = [(r, _contradiction(r, dates)) for r in dated]
    for relation, why in contradictions:
        if why:
            yield relation.occurrence.at("event", why)
    cycles = list(_cycles(relations, known))
    yield from cycles
    if cycles or any(why for _, why in contradictions):
        return  # the chains through them would only repeat the same errors
    bounds = narrowed_bounds(dates, [r.edge for r in dated])
    for relation in dated:
        why = _chain_contradiction(relation, bounds)
        if why:
            yield relation.occurrence.at("event", why)


def change_dates(content: Content) -> Iterator[ContentError]:
    """An update or correction is dated to the day."""
    for occurrence in content.of(model.ChangeNote):
        date = occurrence.record.date
        if not parse_date(date).is_exact_day:
            yield occurrence.at("date", f"expected the day of the change (YYYY-MM-DD), got {date!r}")


def affiliations(content: Content) -> Iterator[ContentError]:
    """An actor's affiliation is a known actor, not itself, and not part of a cycle (the
    actor pages' breadcrumbs follow affiliations)."""
    actors = content.first_by_id["actor"]
    for occurrence in content.of(model.Actor):
        actor: model.Actor = occurrence.record
        yield from content.reference(occurrence, "affiliation", actor.affiliation, "actor")
        if actor.affiliation == str(actor.id):
            yield occurrence.at("affiliation", "an actor cannot be affiliated with itself")
            continue
        chain: list[str] = [actor.id]
        current = actor.affiliation
        while current in actors and current not in chain:
            chain.append(current)
            current = actors[current].record.affiliation
        if current == str(actor.id):
            yield occurrence.at("affiliation", "affiliations form a cycle: " + " -> ".join([*chain, actor.id]))


def site_texts(content: Content) -> Iterator[ContentError]:
    """The dossier's title and description contain no character that HTML attributes would
    take as markup."""
    for occurrence in content.of(model.Dossier):
        for field_name in ("title", "description"):
            for lang in model.LANGUAGES:
                found = SITE_TEXT_FORBIDDEN.search(getattr(occurrence.record, field_name).in_(lang))
                if found:
                    yield occurrence.at(
                        field_name,
                        f"the {LANGUAGE_NAMES[lang]} {field_name} cannot contain {found.group()!r} "
                        "(it becomes the site's name or description in HTML attributes); "
                        "use typographic quotes such as “ ” or « »",
                    )


def locales(content: Content) -> Iterator[ContentError]:
    """The dossier's date locales are Babel locales of their language."""
    for occurrence in content.of(model.Dossier):
        for field_name in ("locale_ar", "locale_en"):
            locale = getattr(occurrence.record, field_name)
            expected = field_name[-2:]
            try:
                language = babel.Locale.parse(locale).language
            except (ValueError, babel.UnknownLocaleError):
                yield occurrence.at(field_name, f"expected a Babel locale such as ar_IQ or en_GB, got {locale!r}")
                continue
            if language != expected:
                yield occurrence.at(field_name, f"expected a locale of language {expected!r}, got {locale!r}")


Check = Callable[[Content], Iterable[ContentError]]

CHECKS: tuple[Check, ...] = (
    unique_ids,
    raw_articles,
    unused_raw_files,
    citations,
    quotes,
    note_excerpts,
    actor_references,
    event_references,
    source_links,
    position_references,
    event_positions,
    order_relations,
    change_dates,
    affiliations,
    site_texts,
    locales,
)
"""Every rule across files, run in this order by `validate()`."""
