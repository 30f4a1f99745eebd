"""Machine-readable metadata for readers' tools: schema.org JSON-LD blocks and Atom feeds.

JSON-LD goes into the generated pages as `<script type="application/ld+json">`; its text is
escaped so that no editor's text can close the script element. The Atom feeds (one per
language, events newest first) are written beside the pages: `feed.xml` and `ar/feed.xml`.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any
from xml.etree import ElementTree as ET

from markupsafe import Markup

from briefing.dates import FuzzyDate
from briefing.markup import markdown_html
from briefing.model import Actor, Article, Corpus, DatedEvent, Language

ATOM = "http://www.w3.org/2005/Atom"
FEED_NAMESPACE = uuid.UUID("6f1c4b8e-5d0b-4f7e-9a55-2b7f2b6d3c11")
"""Fixed namespace for the feeds' entry ids (urn:uuid), so an entry keeps its id forever."""
PERSON_TYPES = frozenset({"person"})
PLACE_TYPES = frozenset({"base", "place", "country"})
EVENT_STATUS = {
    "planned": "https://schema.org/EventScheduled",
    "announced": "https://schema.org/EventScheduled",
    "postponed": "https://schema.org/EventPostponed",
    "cancelled": "https://schema.org/EventCancelled",
}


def json_ld(data: dict[str, Any]) -> Markup:
    """A JSON-LD script element whose content cannot end the element early."""
    text = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>')


def schema_date(date: FuzzyDate, end: bool = False) -> str:
    """ISO 8601 at the date's own precision (schema.org accepts 2024, 2024-08, 2024-08-15)."""
    point = (date.end or date.start) if end else date.start
    day = point.upper if end else point.lower
    if point.precision == "year":
        return f"{day.year:04d}"
    if point.precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def article_ld(corpus: Corpus, article: Article, lang: Language) -> Markup:
    return json_ld(
        {
            "@type": "NewsArticle",
            "headline": article.title.in_(article.language),
            "alternativeHeadline": article.title.in_(lang) if lang != article.language else article.title.en,
            "inLanguage": article.language,
            "datePublished": schema_date(corpus.published[article.id]),
            "publisher": {"@type": "Organization", "name": article.outlet.name.in_(lang)},
            "description": article.summary.in_(lang),
        }
    )


def actor_ld(corpus: Corpus, actor: Actor, lang: Language) -> Markup:
    kind = "Person" if actor.type in PERSON_TYPES else "Place" if actor.type in PLACE_TYPES else "Organization"
    data: dict[str, Any] = {
        "@type": kind,
        "name": actor.name.in_(lang),
        "alternateName": [actor.name.in_("en" if lang == "ar" else "ar")] + [n.name for n in actor.other_names],
        "description": actor.summary.in_(lang),
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


def chronology_ld(corpus: Corpus, lang: Language, events: tuple[DatedEvent, ...]) -> Markup:
    return json_ld(
        {
            "@type": "ItemList",
            "name": corpus.dossier.title.in_(lang),
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "item": {
                        "@type": "Event",
                        "@id": f"#{dated.event.id}",
                        "name": dated.event.title.in_(lang),
                        "description": dated.event.summary.in_(lang),
                        "startDate": schema_date(dated.date),
                        "endDate": schema_date(dated.date, end=True),
                        "eventStatus": EVENT_STATUS.get(dated.event.status, "https://schema.org/EventScheduled"),
                    },
                }
                for position, dated in enumerate(events, start=1)
            ],
        }
    )


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(corpus: Corpus, lang: Language, title: str, date_words: Any) -> bytes:
    """The events as an Atom feed, newest first; links are relative to the feed's folder."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}subtitle").text = corpus.dossier.description.in_(lang)
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, 'feed:' + corpus.dossier.title.en + ':' + lang)}"
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _timestamp(corpus.as_of.upper)
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": "chronology/"})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "type": "application/atom+xml", "href": "feed.xml"})
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = title
    newest_first: list[DatedEvent] = sorted(corpus.events, key=lambda d: (d.date.lower, d.event.id), reverse=True)
    for dated in newest_first:
        event = dated.event
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, 'event:' + event.id + ':' + lang)}"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = event.title.in_(lang)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _timestamp(dated.date.lower)
        page = f"chronology/{dated.date.lower.year}/"
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": f"{page}#{event.id}"})
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": event.status})
        summary = ET.SubElement(entry, f"{{{ATOM}}}content", {"type": "html"})
        summary.text = f"<p><strong>{date_words(dated.date)}</strong></p>" + str(markdown_html(event.summary.in_(lang)))
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False) + b"\n"


def changes_feed(corpus: Corpus, lang: Language, title: str, entry_title: Any, entry_link: Any) -> bytes:
    """Updates and corrections as an Atom feed, newest first (links relative to the feed)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, 'changes:' + corpus.dossier.title.en + ':' + lang)}"
    newest = corpus.changes[0].date.upper if corpus.changes else corpus.as_of.upper
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _timestamp(newest)
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": "changes/"})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "type": "application/atom+xml", "href": "changes.xml"})
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = corpus.dossier.title.in_(lang)
    for change in corpus.changes:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        key = f"change:{change.record_kind}:{change.record_id}:{change.note.date}:{change.note.text.en}:{lang}"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, key)}"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = entry_title(change)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _timestamp(change.date.lower)
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": entry_link(change)})
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": change.note.kind})
        content = ET.SubElement(entry, f"{{{ATOM}}}content", {"type": "html"})
        content.text = str(markdown_html(change.note.text.in_(lang)))
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"
