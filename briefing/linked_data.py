"""Machine-readable metadata for readers' tools: schema.org JSON-LD blocks and Atom feeds.

JSON-LD goes into the generated pages as `<script type="application/ld+json">`; its text is
escaped so that no editor's text can close the script element. The Atom feeds (one per
language, the events whose records changed last first) are written beside the pages:
`feed.xml` and `ar/feed.xml`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from markupsafe import Markup

from briefing.dates import FuzzyDate
from briefing.model import Actor, Article, Change, Corpus, DatedEvent, Language, Text
from briefing.urls import fragment

ATOM = "http://www.w3.org/2005/Atom"
FEED_NAMESPACE = uuid.UUID("6f1c4b8e-5d0b-4f7e-9a55-2b7f2b6d3c11")
"""Fixed namespace for the feeds' entry ids (urn:uuid), so an entry keeps its id forever."""
PERSON_TYPES = frozenset({"person"})
PLACE_TYPES = frozenset({"base", "place", "country"})
EVENT_STATUS = {
    "occurred": "https://schema.org/EventScheduled",
    "ongoing": "https://schema.org/EventScheduled",
    "announced": "https://schema.org/EventScheduled",
    "planned": "https://schema.org/EventScheduled",
    "reported": "https://schema.org/EventScheduled",
    "postponed": "https://schema.org/EventPostponed",
    "cancelled": "https://schema.org/EventCancelled",
}
"""schema.org's eventStatus for each status (documented in EDITING.md). schema.org has no
status for an event that took place: EventScheduled means "takes or took place on its date
as planned". A denied event has none: it is left without one rather than called scheduled."""
PAGE_REFERENCES = ("@id", "url")
"""The keys whose values the pages give relative to the page (see absolute_references)."""

_LD_SCRIPT = re.compile(r'(<script type="application/ld\+json">)(.*?)(</script>)', re.DOTALL)


def _ld_text(data: dict[str, Any]) -> str:
    """JSON whose text cannot end a script element early, whatever an editor wrote."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def json_ld(data: dict[str, Any]) -> Markup:
    """A JSON-LD script element whose content cannot end the element early. Its `@id` and
    `url` values are relative to the page (the pages do not know the site's address: the
    engine makes them absolute, see absolute_references)."""
    return Markup(f'<script type="application/ld+json">{_ld_text({"@context": "https://schema.org", **data})}</script>')


def _resolve(value: Any, page_url: str | None) -> Any:
    if isinstance(value, list):
        return [_resolve(item, page_url) for item in value]
    if not isinstance(value, dict):
        return value
    resolved = {}
    for key, item in value.items():
        if key not in PAGE_REFERENCES:
            resolved[key] = _resolve(item, page_url)
        elif page_url:
            resolved[key] = urljoin(page_url, item)
    return resolved


def absolute_references(html: str, page_url: str | None) -> str:
    """A built page with the `@id` and `url` of its JSON-LD made absolute from the page's
    own address; without one (no site_url), left out: a relative identifier would name a
    different thing on every copy of the site."""
    if "application/ld+json" not in html:
        return html

    def resolve(match: re.Match[str]) -> str:
        data = _resolve(json.loads(match.group(2)), page_url)
        return match.group(1) + _ld_text(data) + match.group(3)

    return _LD_SCRIPT.sub(resolve, html)


def schema_date(date: FuzzyDate, end: bool = False) -> str:
    """ISO 8601 at the date's own precision (schema.org accepts 2024, 2024-08, 2024-08-15)."""
    point = (date.end or date.start) if end else date.start
    day = point.upper if end else point.lower
    if point.precision == "year":
        return f"{day.year:04d}"
    if point.precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


Describe = Callable[[Text], str]
"""Editors' text in the page's language, links to sources named (Words.named_sources)."""


def article_ld(corpus: Corpus, article: Article, lang: Language, describe: Describe) -> Markup:
    """The source article the page shows (its address is the page where it is read here)."""
    return json_ld(
        {
            "@type": "NewsArticle",
            "@id": "#article",
            "url": "",
            "headline": article.title.in_(article.language),
            "alternativeHeadline": article.title.in_(lang) if lang != article.language else article.title.en,
            "inLanguage": article.language,
            "datePublished": schema_date(corpus.published[article.id]),
            "publisher": {"@type": "Organization", "name": article.outlet.name.in_(lang)},
            "description": describe(article.summary),
        }
    )


def actor_ld(corpus: Corpus, actor: Actor, lang: Language, describe: Describe) -> Markup:
    kind = "Person" if actor.type in PERSON_TYPES else "Place" if actor.type in PLACE_TYPES else "Organization"
    data: dict[str, Any] = {
        "@type": kind,
        "@id": "#actor",
        "url": "",
        "name": actor.name.in_(lang),
        # A source's misspelling or mistranslation is not a name the actor goes by.
        "alternateName": [actor.name.in_("en" if lang == "ar" else "ar")]
        + [n.name for n in actor.other_names if n.kind == "variant"],
        "description": describe(actor.summary),
    }
    if kind != "Place":
        data["disambiguatingDescription"] = actor.role.in_(lang)
    parent = corpus.actor_by_id.get(actor.affiliation or "")
    if parent is not None and kind != "Place":
        data["memberOf" if kind == "Person" else "parentOrganization"] = {
            "@type": "Organization",
            "name": parent.name.in_(lang),
        }
    return json_ld(data)


def event_ld(dated: DatedEvent, lang: Language, describe: Describe) -> dict[str, Any]:
    event = dated.event
    data: dict[str, Any] = {
        "@type": "Event",
        "@id": fragment(event.id),
        "url": fragment(event.id),
        "name": event.title.in_(lang),
        "description": describe(event.summary),
        "startDate": schema_date(dated.date),
        "endDate": schema_date(dated.date, end=True),
    }
    if event.status in EVENT_STATUS:
        data["eventStatus"] = EVENT_STATUS[event.status]
    return data


def chronology_ld(corpus: Corpus, lang: Language, events: tuple[DatedEvent, ...], describe: Describe) -> Markup:
    return json_ld(
        {
            "@type": "ItemList",
            "name": corpus.dossier.title.in_(lang),
            "itemListElement": [
                {"@type": "ListItem", "position": position, "item": event_ld(dated, lang, describe)}
                for position, dated in enumerate(events, start=1)
            ],
        }
    )


def briefing_ld(corpus: Corpus, lang: Language) -> Markup:
    """The briefing page itself: a report, as of the dossier's date, by its publisher (the
    dossier's, or the site's name: the dossier's title)."""
    dossier = corpus.dossier
    publisher = {"@type": "Organization", "name": (dossier.publisher or dossier.title).in_(lang)}
    modified = max([corpus.as_of.upper] + [change.date.lower for change in corpus.changes])
    return json_ld(
        {
            "@type": "Report",
            "@id": "#briefing",
            "url": "",
            "headline": dossier.title.in_(lang),
            "description": dossier.description.in_(lang),
            "inLanguage": lang,
            "datePublished": schema_date(corpus.as_of),
            "dateModified": modified.isoformat(),
            "publisher": publisher,
            "author": publisher,
        }
    )


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


@dataclass(frozen=True)
class FeedEntry:
    """One Atom entry; its id is derived from `key`, so it stays the same across builds."""

    key: str
    title: str
    updated: dt.date
    link: str
    category: str
    html: str
    published: dt.date | None = None


def _atom(lang: Language, title: str, subtitle: str, key: str, updated: dt.date,
          alternate: str, self_href: str, entries: list[FeedEntry], author: str) -> bytes:
    """An Atom document; links are relative to the feed's folder."""
    ET.register_namespace("", ATOM)

    def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        element.text = text
        return element

    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    add(feed, "title", title)
    if subtitle:
        add(feed, "subtitle", subtitle)
    add(feed, "id", f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, key)}")
    add(feed, "updated", _timestamp(updated))
    add(feed, "link", rel="alternate", type="text/html", href=alternate)
    add(feed, "link", rel="self", type="application/atom+xml", href=self_href)
    add(add(feed, "author"), "name", author)
    for item in entries:
        entry = add(feed, "entry")
        add(entry, "id", f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, item.key)}")
        add(entry, "title", item.title)
        if item.published is not None:
            add(entry, "published", _timestamp(item.published))
        add(entry, "updated", _timestamp(item.updated))
        add(entry, "link", rel="alternate", type="text/html", href=item.link)
        add(entry, "category", term=item.category)
        add(entry, "content", item.html, type="html")
    document: bytes = ET.tostring(feed, encoding="utf-8")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + document + b"\n"


FEED_EVENTS = 100
"""The events feed holds the newest events only, as feeds do: a reader's feed reader needs
what is new, and a feed of a whole long dossier would grow without bound."""


def event_published(dated: DatedEvent) -> dt.date:
    """When the event entered the record: the first publication of an article citing it."""
    return min(source.published.lower for source in dated.sources)


def event_updated(dated: DatedEvent) -> dt.date:
    """When the event's record last changed: the latest publication of an article citing it,
    or its latest update or correction. Not the event's own date: a planned event of a later
    year is news when an article reports the plan, not when the year comes."""
    return max([source.published.lower for source in dated.sources] + [note.date.lower for note in dated.updates])


def _feed_order(dated: DatedEvent, reading_index: int) -> tuple[dt.date, dt.date, int]:
    """Changed last first; among those changed the same day, latest first, where an event
    still to come counts as of that day (a plan is not news for being far off), and the
    sources' order of events kept (the earliest day the order relations leave, then the
    reading order: briefing.order)."""
    updated = event_updated(dated)
    return updated, min(dated.placed.earliest, updated), reading_index


def atom_feed(corpus: Corpus, lang: Language, title: str, date_words: Callable[[FuzzyDate], str],
              event_link: Callable[[DatedEvent], str], markdown: Callable[[Text], Markup], *,
              alternate: str, self_href: str) -> bytes:
    """The events whose records changed last (FEED_EVENTS of them) as an Atom feed, newest
    first. The links (`alternate`: the page the feed follows; `self_href`: the feed; those
    in `markdown`'s HTML) are relative to the feed's folder."""
    in_order = sorted(enumerate(corpus.events), key=lambda item: _feed_order(item[1], item[0]), reverse=True)
    newest_first = [dated for _, dated in in_order]
    entries = [
        FeedEntry(
            key=f"event:{dated.event.id}:{lang}",
            title=dated.event.title.in_(lang),
            updated=event_updated(dated),
            link=event_link(dated),
            category=dated.event.status,
            html=f"<p><strong>{date_words(dated.date)}</strong></p>" + str(markdown(dated.event.summary)),
            published=event_published(dated),
        )
        for dated in newest_first[:FEED_EVENTS]
    ]
    return _atom(lang, title, corpus.dossier.description.in_(lang), f"feed:{corpus.dossier.title.en}:{lang}",
                 _feed_updated(corpus, entries), alternate, self_href, entries, author=title)


def _feed_updated(corpus: Corpus, entries: list[FeedEntry]) -> dt.date:
    """The dossier's date, or its newest entry's when that is later: never older than an entry."""
    return max([corpus.as_of.upper] + [entry.updated for entry in entries])


def changes_feed(corpus: Corpus, lang: Language, title: str, entry_title: Callable[[Change], str],
                 entry_link: Callable[[Change], str], markdown: Callable[[Text], Markup], *,
                 alternate: str, self_href: str) -> bytes:
    """Updates and corrections as an Atom feed, newest first (links as for atom_feed)."""
    entries = [
        FeedEntry(
            key=f"change:{change.record_kind}:{change.record_id}:{change.note.date}:{change.note.text.en}:{lang}",
            title=entry_title(change),
            updated=change.date.lower,
            link=entry_link(change),
            category=change.note.kind,
            html=str(markdown(change.note.text)),
        )
        for change in corpus.changes
    ]
    return _atom(lang, title, "", f"changes:{corpus.dossier.title.en}:{lang}", _feed_updated(corpus, entries),
                 alternate, self_href, entries, author=corpus.dossier.title.in_(lang))
