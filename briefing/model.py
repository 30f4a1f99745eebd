"""The content model: typed, frozen records and the linked corpus built from them.

Every record field carries a one-line ``doc`` in its metadata. The decoder, the JSON
Schema export and the content reference in EDITING.md all read these annotations and docs
(through briefing.hints), so this file is the one place that says what a dossier may contain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, NewType

from briefing.dates import FuzzyDate, parse_date
from briefing.errors import Location
from briefing.order import Placement, order_edges, placement, placements, reading_order

# Marker types: plain strings at run time, but the decoder checks each kind differently.
Slug = NewType("Slug", str)
"""A safe identifier: lower-case ASCII letters, digits and single hyphens."""
ActorRef = NewType("ActorRef", str)
"""The id of an actor record."""
ArticleRef = NewType("ArticleRef", str)
"""The id of an article record."""
EventRef = NewType("EventRef", str)
"""The id of an event record."""
QuestionRef = NewType("QuestionRef", str)
"""The id of one of the dossier's open questions."""
Markdown = NewType("Markdown", str)
"""Text that may use inline Markdown (emphasis, links); raw HTML is shown as text."""
Edtf = NewType("Edtf", str)
"""A date in the Extended Date/Time Format, level 1 (see EDITING.md)."""
Sha256 = NewType("Sha256", str)
"""64 lower-case hexadecimal digits."""
TextHash = NewType("TextHash", str)
"""8 lower-case hexadecimal digits: the start of a text's SHA-256 (see briefing.status)."""

Language = Literal["ar", "en"]
LANGUAGES: tuple[Language, ...] = ("ar", "en")

EventStatus = Literal[
    "occurred", "announced", "planned", "postponed", "cancelled", "ongoing", "reported", "denied"
]
ActorType = Literal[
    "person",
    "government",
    "ministry",
    "military_body",
    "armed_group",
    "organisation",
    "political_bloc",
    "media_outlet",
    "base",
    "country",
    "place",
]
ActorRole = Literal[
    "initiator",
    "participant",
    "target",
    "speaker",
    "subject",
    "host",
    "mediator",
    "claimed_by",
    "affected",
]
DateBasis = Literal["stated", "inferred", "header_disagrees"]
NoteKind = Literal["scraping_artifact", "typo", "translation_error", "context", "other"]
Confidence = Literal["low", "moderate", "high"]
Stance = Literal["supports", "opposes", "conditional", "denies", "neutral"]
ChangeKind = Literal["update", "correction"]
ChronologyOrder = Literal["oldest_first", "newest_first"]
NameKind = Literal["variant", "misspelling", "mistranslation"]
CounterKind = Literal["evidence", "alternative", "caveat"]
OrderWord = Literal["after", "before"]


def doc(text: str, **extra: object) -> dict[str, object]:
    """Field metadata: the one-line description every field must have."""
    return {"doc": text, **extra}


NOWHERE = Location("<built-in>", 0, 0)
"""The origin of a record that was not read from a file."""


@dataclass(frozen=True)
class Text:
    """A text in both languages; neither may be empty."""

    ar: str = field(metadata=doc("Modern Standard Arabic text."))
    en: str = field(metadata=doc("English text."))
    source: Language | None = field(
        default=None, metadata=doc("Which side is the original the other was translated from.", yaml_key="from")
    )
    source_hash: TextHash | None = field(
        default=None,
        metadata=doc("Hash of the original when it was translated; `build.py status` shows the value.", yaml_key="hash"),
    )

    def in_(self, lang: Language) -> str:
        return self.ar if lang == "ar" else self.en


@dataclass(frozen=True)
class Citation:
    """A claim's evidence: an article and a passage found verbatim in its raw text."""

    article: ArticleRef = field(metadata=doc("Id of the article that supports the claim."))
    excerpt: str = field(
        metadata=doc("Passage copied verbatim from the raw article (only whitespace may differ).")
    )


@dataclass(frozen=True)
class OtherName:
    """Another name or spelling under which an actor appears (Popolo's other_names)."""

    name: str = field(metadata=doc("The name exactly as written."))
    lang: Language = field(metadata=doc("Language of the name: ar or en."))
    note: str = field(default="", metadata=doc("Where or why this form is used (optional)."))
    kind: NameKind = field(
        default="variant",
        metadata=doc("variant (a real spelling), or misspelling / mistranslation: the source's error, kept findable."),
    )


@dataclass(frozen=True)
class ChangeNote:
    """A dated update or correction to a record, shown with it and on the What changed page."""

    date: Edtf = field(metadata=doc("When the record was changed (EDTF day)."))
    kind: ChangeKind = field(metadata=doc("update (new information) or correction (an error fixed)."))
    text: Text = field(metadata=doc("What changed and why."))


@dataclass(frozen=True)
class Position:
    """An actor's stance on one of the dossier's open questions, anchored to a verbatim excerpt."""

    question: QuestionRef = field(metadata=doc("Id of the question (see the dossier's questions)."))
    stance: Stance = field(metadata=doc("supports, opposes, conditional, denies or neutral."))
    actor: ActorRef | None = field(
        default=None, metadata=doc("Whose position it is (on a quote: the speaker unless given).")
    )
    nuance: Text | None = field(default=None, metadata=doc("What the stance depends on, or how it is hedged."))
    evidence: Citation | None = field(
        default=None,
        metadata=doc("The passage that shows it (on a quote: the quote itself unless given; required on an event)."),
    )


@dataclass(frozen=True)
class Question:
    """An open question of the dossier, on which actors take positions."""

    id: Slug = field(metadata=doc("Identifier, used in URLs (`questions/<id>/`)."))
    text: Text = field(metadata=doc("The question, as a reader would ask it."))
    summary: Text | None = field(default=None, metadata=doc("Editors' framing of the question (Markdown, optional)."))


@dataclass(frozen=True)
class Actor:
    """A person, government, ministry, armed group, outlet, base or other party."""

    id: Slug = field(metadata=doc("Stable identifier, used in URLs (`actors/<id>/`)."))
    type: ActorType = field(metadata=doc("What kind of actor this is."))
    name: Text = field(metadata=doc("Name as a reader of each language would know it."))
    role: Text = field(metadata=doc("Position or function, as of the dossier's date."))
    summary: Text = field(metadata=doc("Short profile: who they are and why they matter here."))
    other_names: tuple[OtherName, ...] = field(
        default=(), metadata=doc("Other names and spellings found in the articles.")
    )
    affiliation: ActorRef | None = field(
        default=None, metadata=doc("Id of the actor this one belongs to (a ministry's government).")
    )
    updates: tuple[ChangeNote, ...] = field(default=(), metadata=doc("Dated updates and corrections."))
    draft: bool = field(default=False, metadata=doc("Work in progress: previewed, marked as a draft; left out of a published build."))
    origin: Location = field(default=NOWHERE, metadata=doc("Where the record was read.", decode=False))


@dataclass(frozen=True)
class EventActor:
    """An actor's part in an event."""

    actor: ActorRef = field(metadata=doc("Id of the actor."))
    role: ActorRole = field(metadata=doc("The part the actor played."))


@dataclass(frozen=True)
class OrderRelation:
    """The sources' word that an event came after (or before) another one."""

    event: EventRef = field(metadata=doc("Id of the other event."))
    evidence: Citation = field(metadata=doc("The passage that gives the order (\"بعد الهجوم...\"), verbatim."))


@dataclass(frozen=True)
class Event:
    """Something that happened, was announced or is planned, on a (possibly uncertain) date."""

    id: Slug = field(metadata=doc("Stable identifier, never reused; the event's anchor."))
    date: Edtf = field(metadata=doc("EDTF date at the precision the sources support."))
    status: EventStatus = field(metadata=doc("Whether it occurred, was announced, is planned..."))
    title: Text = field(metadata=doc("One-line headline."))
    summary: Text = field(metadata=doc("What happened, in two or three sentences (Markdown)."))
    sources: tuple[Citation, ...] = field(
        metadata=doc("At least one article excerpt supporting the event.", min_items=1)
    )
    actors: tuple[EventActor, ...] = field(default=(), metadata=doc("Actors and their roles."))
    importance: int = field(
        default=2, metadata=doc("1 (background) to 3 (turning point).", minimum=1, maximum=3)
    )
    tags: tuple[Slug, ...] = field(default=(), metadata=doc("Free slugs grouping related events."))
    date_note: Text | None = field(
        default=None, metadata=doc("How the date was established (relative dates resolved).")
    )
    positions: tuple[Position, ...] = field(default=(), metadata=doc("Positions on open questions it shows."))
    after: tuple[OrderRelation, ...] = field(
        default=(), metadata=doc("Events the sources say this one came after, each with its evidence.")
    )
    before: tuple[OrderRelation, ...] = field(
        default=(), metadata=doc("Events the sources say this one came before, each with its evidence.")
    )
    updates: tuple[ChangeNote, ...] = field(default=(), metadata=doc("Dated updates and corrections."))
    draft: bool = field(default=False, metadata=doc("Work in progress: previewed, marked as a draft; left out of a published build."))
    origin: Location = field(default=NOWHERE, metadata=doc("Where the record was read.", decode=False))

    @property
    def order_relations(self) -> tuple[tuple[OrderWord, OrderRelation], ...]:
        """Its `after` and `before` relations, each with the word that says which it is."""
        return (*(("after", r) for r in self.after), *(("before", r) for r in self.before))


@dataclass(frozen=True)
class Quote:
    """A direct quotation, verbatim in Arabic as the article prints it."""

    id: Slug = field(metadata=doc("Identifier, unique among all quotes; the quote's anchor."))
    speaker: ActorRef = field(metadata=doc("Id of the actor who said it."))
    excerpt: str = field(metadata=doc("The quotation copied verbatim from this article."))
    translation_en: str = field(metadata=doc("Faithful English translation of the excerpt."))
    date: Edtf | None = field(default=None, metadata=doc("When it was said, if the text allows."))
    positions: tuple[Position, ...] = field(default=(), metadata=doc("Positions on open questions it expresses."))
    draft: bool = field(default=False, metadata=doc("Work in progress: previewed, marked as a draft; left out of a published build."))
    origin: Location = field(default=NOWHERE, metadata=doc("Where the record was read.", decode=False))


@dataclass(frozen=True)
class EditorialNote:
    """What a careful reader of the raw article should know."""

    kind: NoteKind = field(metadata=doc("scraping_artifact, typo, translation_error, context..."))
    text: Text = field(metadata=doc("The note itself."))
    excerpt: str = field(default="", metadata=doc("The passage concerned, verbatim (optional)."))


@dataclass(frozen=True)
class Outlet:
    """The publication an article appeared in, and how it was identified."""

    name: Text = field(metadata=doc("Name of the outlet."))
    basis: Text = field(metadata=doc("How the outlet was identified from the text."))
    actor: ActorRef | None = field(default=None, metadata=doc("Id of the outlet's actor record."))


@dataclass(frozen=True)
class Publication:
    """When an article was published, and how that was established."""

    date: Edtf = field(metadata=doc("EDTF publication date."))
    basis: DateBasis = field(metadata=doc("stated, inferred, or header_disagrees."))
    reasoning: Text = field(metadata=doc("The evidence: dateline, weekdays, relative dates..."))
    header_date: Edtf | None = field(
        default=None, metadata=doc("A page header's date where it disagrees with the evidence.")
    )


@dataclass(frozen=True)
class Article:
    """A raw news article kept byte for byte, with the editors' metadata."""

    id: Slug = field(metadata=doc("Stable identifier, used in URLs (`sources/<id>/`)."))
    raw: str = field(metadata=doc("File name of the raw text, beside this YAML file."))
    sha256: Sha256 = field(metadata=doc("SHA-256 of the raw file's bytes; detects tampering."))
    language: Language = field(metadata=doc("Language the article is written in."))
    outlet: Outlet = field(metadata=doc("Where it was published."))
    published: Publication = field(metadata=doc("Publication date and its basis."))
    title: Text = field(metadata=doc("Headline as published, and its translation."))
    summary: Text = field(metadata=doc("What the article reports (Markdown)."))
    key_points: tuple[Text, ...] = field(default=(), metadata=doc("The main points, one each."))
    notes: tuple[EditorialNote, ...] = field(default=(), metadata=doc("Editorial notes."))
    quotes: tuple[Quote, ...] = field(default=(), metadata=doc("Direct quotations that matter."))
    updates: tuple[ChangeNote, ...] = field(default=(), metadata=doc("Dated updates and corrections."))
    draft: bool = field(default=False, metadata=doc("Work in progress: previewed, marked as a draft; left out of a published build."))
    origin: Location = field(default=NOWHERE, metadata=doc("Where the record was read.", decode=False))


@dataclass(frozen=True)
class Counterpoint:
    """What cuts against a judgment: contrary evidence, an alternative it rejects, a caveat."""

    kind: CounterKind = field(metadata=doc("evidence (against the judgment), alternative (rejected) or caveat."))
    text: Text = field(metadata=doc("What it is and how the judgment weighs it (Markdown)."))
    sources: tuple[Citation, ...] = field(metadata=doc("The passages it rests on, verbatim.", min_items=1))


@dataclass(frozen=True)
class KeyJudgment:
    """An analytic judgment with a confidence word, the events behind it and what cuts against it."""

    text: Text = field(metadata=doc("The judgment (Markdown)."))
    confidence: Confidence = field(metadata=doc("low, moderate or high."))
    events: tuple[EventRef, ...] = field(
        metadata=doc("Events that support it.", min_items=1)
    )
    confidence_note: Text | None = field(
        default=None, metadata=doc("Why this confidence: what it rests on, what would change it (Markdown).")
    )
    against: tuple[Counterpoint, ...] = field(
        default=(), metadata=doc("Evidence against it, alternatives it rejects, caveats; each with excerpts.")
    )


@dataclass(frozen=True)
class KeyFigure:
    """A number that matters (troops, deadlines, counts), with its source."""

    value: Text = field(metadata=doc("The figure as displayed, e.g. 2,500 / 2500."))
    label: Text = field(metadata=doc("What the figure counts."))
    source: Citation = field(metadata=doc("Where the figure is stated."))


@dataclass(frozen=True)
class WatchItem:
    """Something to watch for next."""

    text: Text = field(metadata=doc("What to watch (Markdown)."))
    events: tuple[EventRef, ...] = field(default=(), metadata=doc("Related events (optional)."))


@dataclass(frozen=True)
class Discrepancy:
    """Where sources disagree, citing each side."""

    id: Slug = field(metadata=doc("Identifier; the discrepancy's anchor."))
    topic: Text = field(metadata=doc("What the sources disagree about."))
    explanation: Text = field(metadata=doc("The disagreement and how the dossier treats it."))
    sides: tuple[Citation, ...] = field(
        metadata=doc("The conflicting passages, at least two.", min_items=2)
    )


@dataclass(frozen=True)
class Dossier:
    """The briefing's front matter: what the site is about and the analysts' judgments."""

    title: Text = field(metadata=doc("Title of the briefing."))
    as_of: Edtf = field(metadata=doc("Date up to which the dossier is current (EDTF day)."))
    bottom_line: Text = field(metadata=doc("Bottom line up front (Markdown)."))
    description: Text = field(metadata=doc("One sentence for search engines and link previews."))
    about: Text = field(metadata=doc("Method and scope for the about page (Markdown)."))
    publisher: Text | None = field(
        default=None, metadata=doc("Who publishes the briefing, for search engines and link previews (optional).")
    )
    key_judgments: tuple[KeyJudgment, ...] = field(default=(), metadata=doc("Key judgments."))
    key_figures: tuple[KeyFigure, ...] = field(default=(), metadata=doc("Key figures."))
    what_to_watch: tuple[WatchItem, ...] = field(default=(), metadata=doc("What to watch."))
    discrepancies: tuple[Discrepancy, ...] = field(
        default=(), metadata=doc("Disagreements between sources.")
    )
    questions: tuple[Question, ...] = field(default=(), metadata=doc("Open questions actors take positions on."))
    updates: tuple[ChangeNote, ...] = field(default=(), metadata=doc("Dated updates and corrections to the briefing."))
    locale_ar: str = field(
        default="ar_IQ", metadata=doc("Babel locale for Arabic dates (ar_IQ: month names such as آب, أيلول; ar_EG: أغسطس, سبتمبر).")
    )
    locale_en: str = field(default="en_GB", metadata=doc("Babel locale for English dates."))
    chronology_order: ChronologyOrder = field(
        default="oldest_first", metadata=doc("oldest_first or newest_first.")
    )
    origin: Location = field(default=NOWHERE, metadata=doc("Where the record was read.", decode=False))


# ---------------------------------------------------------------------------
# The linked corpus: what the renderer consumes. Cross-links are computed once here.


@dataclass(frozen=True)
class Validated:
    """What validation hands to the model stage: every record decoded and checked."""

    dossier: Dossier
    events: tuple[Event, ...]
    actors: tuple[Actor, ...]
    articles: tuple[Article, ...]
    article_texts: dict[str, str]
    """Raw article text (decoded UTF-8) by article id."""


# Resolved references hold the records they point to, so that the pages never look an id up.
# They are derived from the records, so they take no part in comparing (compare=False):
# briefing.dependencies compares records to find what an edit changed.


@dataclass(frozen=True)
class DatedNote:
    """An update or correction with its parsed date."""

    note: ChangeNote
    date: FuzzyDate


@dataclass(frozen=True)
class Involvement:
    """An actor of an event, and the part it played."""

    actor: Actor
    role: ActorRole


@dataclass(frozen=True)
class ResolvedCitation:
    """A cited passage with the article it is in."""

    excerpt: str
    article: Article
    published: FuzzyDate
    """The article's parsed publication date."""


@dataclass(frozen=True)
class DatedEvent:
    """An event with its parsed date and its references resolved."""

    event: Event
    date: FuzzyDate
    actors: tuple[Involvement, ...] = field(default=(), compare=False)
    """The event's actors, in the order given."""
    sources: tuple[ResolvedCitation, ...] = field(default=(), compare=False)
    updates: tuple[DatedNote, ...] = field(default=(), compare=False)
    placement: Placement | None = None
    """Where the chronology files it, the order relations applied (see briefing.order);
    compared, so that an edit which moves it through another event's relations makes its
    page stale (briefing.dependencies)."""

    @property
    def placed(self) -> Placement:
        return self.placement or placement(self.date)

    @property
    def day_not_given(self) -> bool:
        """Whether the chronology must say that its day is not known (see briefing.order)."""
        return not self.placed.exact


@dataclass(frozen=True)
class DatedArticle:
    """An article with its parsed dates."""

    article: Article
    published: FuzzyDate
    header_date: FuzzyDate | None
    """The date its page header gives, when that differs from the publication date."""


@dataclass(frozen=True)
class SourcedQuote:
    """A quote together with the article it appears in and who said it."""

    quote: Quote
    article: Article
    speaker: Actor
    date: FuzzyDate | None
    """When it was said, parsed, if the quote says."""


@dataclass(frozen=True)
class ResolvedPosition:
    """A position with everything the pages need: who, when, and the passage that shows it."""

    question: Question
    actor: Actor
    stance: Stance
    nuance: Text | None
    date: FuzzyDate
    evidence: Citation
    quote: Quote | None
    """The quote that expresses it, if it came from one."""
    event: Event | None
    """The event that shows it, if it came from one."""


@dataclass(frozen=True)
class Change:
    """An update or correction, with the record it belongs to, for the What changed page."""

    note: ChangeNote
    date: FuzzyDate
    record_kind: Literal["dossier", "event", "actor", "article"]
    record_id: str
    title: Text
    record: DatedEvent | Actor | Article | None = None
    """The record itself (None: the dossier)."""


@dataclass(frozen=True)
class ResolvedCounterpoint:
    """What cuts against a judgment, with its passages."""

    counterpoint: Counterpoint
    sources: tuple[ResolvedCitation, ...]


@dataclass(frozen=True)
class ResolvedJudgment:
    """A key judgment with the events it rests on and what cuts against it."""

    judgment: KeyJudgment
    events: tuple[DatedEvent, ...]
    against: tuple[ResolvedCounterpoint, ...] = ()


@dataclass(frozen=True)
class ResolvedWatchItem:
    """Something to watch, with its related events."""

    item: WatchItem
    events: tuple[DatedEvent, ...]


@dataclass(frozen=True)
class ResolvedFigure:
    """A key figure with the passage that states it."""

    figure: KeyFigure
    source: ResolvedCitation


@dataclass(frozen=True)
class ResolvedDiscrepancy:
    """A disagreement between sources, with the passages on each side."""

    discrepancy: Discrepancy
    sides: tuple[ResolvedCitation, ...]


@dataclass(frozen=True)
class Corpus:
    """The validated dossier with every cross-link resolved."""

    dossier: Dossier
    as_of: FuzzyDate
    events: tuple[DatedEvent, ...]
    """All events in reading order, oldest first: by date, and after the events the
    sources say they came after (briefing.order)."""
    actors: tuple[Actor, ...]
    """All actors, sorted by English name."""
    articles: tuple[Article, ...]
    """All articles, oldest first."""
    article_texts: dict[str, str]
    """Raw article text (decoded UTF-8) by article id."""
    published: dict[str, FuzzyDate]
    """Parsed publication date by article id."""
    actor_by_id: dict[str, Actor]
    article_by_id: dict[str, Article]
    event_by_id: dict[str, DatedEvent]
    events_by_actor: dict[str, tuple[DatedEvent, ...]]
    events_by_article: dict[str, tuple[DatedEvent, ...]]
    quotes_by_speaker: dict[str, tuple[SourcedQuote, ...]]
    members_by_actor: dict[str, tuple[Actor, ...]]
    """Actors whose affiliation is this actor."""
    co_actors: dict[str, tuple[tuple[Actor, int], ...]]
    """Actors that appear in the same events, with how many they share, most first."""
    positions_by_question: dict[str, tuple[ResolvedPosition, ...]]
    """Each question's positions, oldest first."""
    positions_by_actor: dict[str, tuple[ResolvedPosition, ...]]
    changes: tuple[Change, ...]
    """Every update and correction, newest first."""
    dated_articles: tuple[DatedArticle, ...]
    """All articles with their parsed dates, oldest first (as `articles`)."""
    quotes_by_article: dict[str, tuple[SourcedQuote, ...]]
    """Each article's quotes, in the article's order."""
    dossier_updates: tuple[DatedNote, ...]
    updates_by_actor: dict[str, tuple[DatedNote, ...]]
    updates_by_article: dict[str, tuple[DatedNote, ...]]
    key_judgments: tuple[ResolvedJudgment, ...]
    key_figures: tuple[ResolvedFigure, ...]
    what_to_watch: tuple[ResolvedWatchItem, ...]
    discrepancies: tuple[ResolvedDiscrepancy, ...]


def _dated_notes(notes: tuple[ChangeNote, ...]) -> tuple[DatedNote, ...]:
    return tuple(DatedNote(note, parse_date(note.date)) for note in notes)


class _Citations:
    """Resolves citations against the articles, each article's date parsed once."""

    def __init__(self, articles: tuple[Article, ...]) -> None:
        self.by_id: dict[str, Article] = {a.id: a for a in articles}
        self.dated: dict[str, DatedArticle] = {
            a.id: DatedArticle(a, parse_date(a.published.date),
                               parse_date(a.published.header_date) if a.published.header_date else None)
            for a in articles
        }

    def resolve(self, citation: Citation) -> ResolvedCitation:
        dated = self.dated[citation.article]
        return ResolvedCitation(citation.excerpt, dated.article, dated.published)


def _dated_events(validated: Validated, actor_by_id: dict[str, Actor], citations: _Citations) -> tuple[DatedEvent, ...]:
    """Every event with its references resolved, in reading order (briefing.order): by
    date, and after the events the sources say it came after."""
    dates: dict[str, FuzzyDate] = {event.id: parse_date(event.date) for event in validated.events}
    edges = order_edges(
        (event.id, (r.event for r in event.after), (r.event for r in event.before)) for event in validated.events
    )
    placed = placements(dates, edges)
    dated: dict[str, DatedEvent] = {
        event.id: DatedEvent(
            event,
            dates[event.id],
            tuple(Involvement(actor_by_id[part.actor], part.role) for part in event.actors),
            tuple(citations.resolve(source) for source in event.sources),
            _dated_notes(event.updates),
            placed[event.id],
        )
        for event in validated.events
    }
    return tuple(dated[event_id] for event_id in reading_order(placed, edges))


def _events_by(
    events: tuple[DatedEvent, ...], actors: tuple[Actor, ...], articles: tuple[Article, ...]
) -> tuple[dict[str, tuple[DatedEvent, ...]], dict[str, tuple[DatedEvent, ...]]]:
    """The events each actor takes part in, and those each article is cited by, oldest first."""
    by_actor: dict[str, list[DatedEvent]] = {a.id: [] for a in actors}
    by_article: dict[str, list[DatedEvent]] = {a.id: [] for a in articles}
    for dated in events:
        for actor_id in dict.fromkeys(part.actor for part in dated.event.actors):
            by_actor[actor_id].append(dated)
        for article_id in dict.fromkeys(src.article for src in dated.event.sources):
            by_article[article_id].append(dated)
    return {k: tuple(v) for k, v in by_actor.items()}, {k: tuple(v) for k, v in by_article.items()}


def _co_actors(events: tuple[DatedEvent, ...], actors: tuple[Actor, ...], actor_by_id: dict[str, Actor]
               ) -> dict[str, tuple[tuple[Actor, int], ...]]:
    """For each actor, those it shares events with and how many, most first."""
    shared: dict[str, dict[str, int]] = {a.id: {} for a in actors}
    for dated in events:
        involved = list(dict.fromkeys(part.actor for part in dated.event.actors))
        for actor_id in involved:
            for other in involved:
                if other != actor_id:
                    shared[actor_id][other] = shared[actor_id].get(other, 0) + 1
    return {
        k: tuple((actor_by_id[o], n) for o, n in sorted(v.items(), key=lambda item: (-item[1], actor_by_id[item[0]].name.en)))
        for k, v in shared.items()
    }


def _members(actors: tuple[Actor, ...], sorted_actors: tuple[Actor, ...]) -> dict[str, tuple[Actor, ...]]:
    members: dict[str, list[Actor]] = {a.id: [] for a in actors}
    for actor in sorted_actors:
        if actor.affiliation:
            members[actor.affiliation].append(actor)
    return {k: tuple(v) for k, v in members.items()}


def _quotes(sorted_articles: tuple[Article, ...], actor_by_id: dict[str, Actor]) -> dict[str, tuple[SourcedQuote, ...]]:
    """Each article's quotes, with their speakers and dates resolved."""
    return {
        article.id: tuple(
            SourcedQuote(quote, article, actor_by_id[quote.speaker], parse_date(quote.date) if quote.date else None)
            for quote in article.quotes
        )
        for article in sorted_articles
    }


def _by_speaker(actors: tuple[Actor, ...], by_article: dict[str, tuple[SourcedQuote, ...]]
                ) -> dict[str, tuple[SourcedQuote, ...]]:
    """Each actor's quotes, oldest article first (`by_article` is in that order)."""
    quotes: dict[str, list[SourcedQuote]] = {a.id: [] for a in actors}
    for in_article in by_article.values():
        for item in in_article:
            quotes[item.quote.speaker].append(item)
    return {k: tuple(v) for k, v in quotes.items()}


def _changes(dossier: Dossier, events: tuple[DatedEvent, ...], actors: tuple[Actor, ...],
             articles: tuple[Article, ...]) -> tuple[Change, ...]:
    """Every update and correction, newest first."""
    changes = [Change(n, parse_date(n.date), "dossier", "", dossier.title) for n in dossier.updates]
    changes += [Change(n, parse_date(n.date), "event", d.event.id, d.event.title, d) for d in events for n in d.event.updates]
    changes += [Change(n, parse_date(n.date), "actor", a.id, a.name, a) for a in actors for n in a.updates]
    changes += [Change(n, parse_date(n.date), "article", a.id, a.title, a) for a in articles for n in a.updates]
    changes.sort(key=lambda c: (c.date.sort_key, c.record_kind, c.record_id), reverse=True)
    return tuple(changes)


def _judgment(judgment: KeyJudgment, event_by_id: dict[str, DatedEvent], citations: _Citations) -> ResolvedJudgment:
    return ResolvedJudgment(
        judgment,
        tuple(event_by_id[e] for e in judgment.events),
        tuple(
            ResolvedCounterpoint(point, tuple(citations.resolve(source) for source in point.sources))
            for point in judgment.against
        ),
    )


def _front_matter(dossier: Dossier, event_by_id: dict[str, DatedEvent], citations: _Citations) -> tuple[
    tuple[ResolvedJudgment, ...], tuple[ResolvedFigure, ...], tuple[ResolvedWatchItem, ...], tuple[ResolvedDiscrepancy, ...]
]:
    """The dossier's own judgments, figures, things to watch and discrepancies, resolved."""
    return (
        tuple(_judgment(j, event_by_id, citations) for j in dossier.key_judgments),
        tuple(ResolvedFigure(f, citations.resolve(f.source)) for f in dossier.key_figures),
        tuple(ResolvedWatchItem(item, tuple(event_by_id[e] for e in item.events)) for item in dossier.what_to_watch),
        tuple(ResolvedDiscrepancy(d, tuple(citations.resolve(side) for side in d.sides)) for d in dossier.discrepancies),
    )


def _grouped(positions: list[ResolvedPosition], keys: list[str], key_of: Callable[[ResolvedPosition], str]
             ) -> dict[str, tuple[ResolvedPosition, ...]]:
    """The positions under each key, in their order; every key present (a record with no
    position has an empty tuple)."""
    groups: dict[str, list[ResolvedPosition]] = {key: [] for key in keys}
    for position in positions:
        groups[key_of(position)].append(position)
    return {key: tuple(group) for key, group in groups.items()}


def link_corpus(validated: Validated) -> Corpus:
    """Stage 3, model: sort the records and compute every cross-link once, for the renderer."""
    dossier, actors, articles = validated.dossier, validated.actors, validated.articles
    citations = _Citations(articles)
    published = {article_id: dated.published for article_id, dated in citations.dated.items()}
    actor_by_id: dict[str, Actor] = {a.id: a for a in actors}
    events = _dated_events(validated, actor_by_id, citations)
    event_by_id: dict[str, DatedEvent] = {d.event.id: d for d in events}
    events_by_actor, events_by_article = _events_by(events, actors, articles)
    sorted_articles = tuple(sorted(articles, key=lambda a: (published[a.id].sort_key, a.id)))
    sorted_actors = tuple(sorted(actors, key=lambda a: (a.name.en.casefold(), a.id)))
    quotes_by_article = _quotes(sorted_articles, actor_by_id)
    positions = resolve_positions(dossier, events, actor_by_id, list(articles), published)
    key_judgments, key_figures, what_to_watch, discrepancies = _front_matter(dossier, event_by_id, citations)
    return Corpus(
        dossier=dossier,
        as_of=parse_date(dossier.as_of),
        events=events,
        actors=sorted_actors,
        articles=sorted_articles,
        article_texts=validated.article_texts,
        published=published,
        actor_by_id=actor_by_id,
        article_by_id=citations.by_id,
        event_by_id=event_by_id,
        events_by_actor=events_by_actor,
        events_by_article=events_by_article,
        quotes_by_speaker=_by_speaker(actors, quotes_by_article),
        members_by_actor=_members(actors, sorted_actors),
        co_actors=_co_actors(events, actors, actor_by_id),
        positions_by_question=_grouped(positions, [q.id for q in dossier.questions], lambda p: p.question.id),
        positions_by_actor=_grouped(positions, [a.id for a in actors], lambda p: p.actor.id),
        changes=_changes(dossier, events, actors, articles),
        dated_articles=tuple(citations.dated[a.id] for a in sorted_articles),
        quotes_by_article=quotes_by_article,
        dossier_updates=_dated_notes(dossier.updates),
        updates_by_actor={a.id: _dated_notes(a.updates) for a in actors},
        updates_by_article={a.id: _dated_notes(a.updates) for a in articles},
        key_judgments=key_judgments,
        key_figures=key_figures,
        what_to_watch=what_to_watch,
        discrepancies=discrepancies,
    )


def resolve_positions(
    dossier: Dossier,
    events: tuple[DatedEvent, ...],
    actor_by_id: dict[str, Actor],
    articles: list[Article],
    published: dict[str, FuzzyDate],
) -> list[ResolvedPosition]:
    """Positions from quotes and events, with the defaults filled in, oldest first.

    On a quote the actor defaults to the speaker and the evidence to the quote itself; its
    date is the quote's, else the article's publication date. On an event, the event's date.
    """
    questions: dict[str, Question] = {q.id: q for q in dossier.questions}
    resolved: list[ResolvedPosition] = []
    for article in articles:
        for quote in article.quotes:
            when = parse_date(quote.date) if quote.date else published[article.id]
            for position in quote.positions:
                evidence = position.evidence or Citation(ArticleRef(article.id), quote.excerpt)
                actor = actor_by_id[position.actor or quote.speaker]
                resolved.append(ResolvedPosition(questions[position.question], actor, position.stance,
                                                 position.nuance, when, evidence, quote, None))
    for dated in events:
        for position in dated.event.positions:
            assert position.actor and position.evidence  # the validator requires both on events
            resolved.append(ResolvedPosition(questions[position.question], actor_by_id[position.actor], position.stance,
                                             position.nuance, dated.date, position.evidence, None, dated.event))
    resolved.sort(key=lambda p: (p.date.sort_key, p.actor.name.en, p.question.id))
    return resolved
