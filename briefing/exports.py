"""Stage 5, pages (exports): the data files beside the pages, the JSON exports (once for both
languages, documented in EDITING.md) and each language's Atom feeds."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from briefing.linked_data import atom_feed, changes_feed
from briefing.model import LANGUAGES, Change, Corpus, OrderRelation, Text
from briefing.templating import Wording, Words
from briefing.urls import CHANGES, CHANGES_FEED, CHRONOLOGY, FEED, HOME, UrlScheme

Record = dict[str, object]


def _text(value: Text | None) -> dict[str, str] | None:
    return {"ar": value.ar, "en": value.en} if value else None


def _relations(relations: tuple[OrderRelation, ...]) -> list[Record]:
    return [{"event": r.event, "article": r.evidence.article, "excerpt": r.evidence.excerpt} for r in relations]


def _events(corpus: Corpus) -> list[Record]:
    return [
        {
            "id": d.event.id,
            "date": d.event.date,
            "earliest": d.date.lower.isoformat(),
            "latest": d.date.upper.isoformat(),
            "status": d.event.status,
            "importance": d.event.importance,
            "title": _text(d.event.title),
            "summary": _text(d.event.summary),
            "actors": [p.actor for p in d.event.actors],
            "roles": [{"actor": p.actor, "role": p.role} for p in d.event.actors],
            "sources": [{"article": s.article, "excerpt": s.excerpt} for s in d.event.sources],
            "after": _relations(d.event.after),
            "before": _relations(d.event.before),
            "tags": list(d.event.tags),
        }
        for d in corpus.events
    ]


def _actors(corpus: Corpus) -> list[Record]:
    return [
        {
            "id": a.id,
            "type": a.type,
            "name": _text(a.name),
            "other_names": [{"name": n.name, "lang": n.lang, "kind": n.kind} for n in a.other_names],
            "role": _text(a.role),
            "affiliation": a.affiliation,
            "summary": _text(a.summary),
        }
        for a in corpus.actors
    ]


def _articles(corpus: Corpus) -> list[Record]:
    return [
        {
            "id": a.id,
            "outlet": _text(a.outlet.name),
            "published": a.published.date,
            "published_basis": a.published.basis,
            "title": _text(a.title),
            "language": a.language,
            "raw": a.raw,
            "sha256": a.sha256,
            "quotes": [
                {"id": q.id, "speaker": q.speaker, "excerpt": q.excerpt, "translation_en": q.translation_en, "date": q.date}
                for q in a.quotes
            ],
        }
        for a in corpus.articles
    ]


def _dump(records: list[Record]) -> bytes:
    # One record a line: readable, and diffs well. An indented dump would go through the
    # json module's pure-Python encoder, which is many times slower.
    lines = ",\n".join(json.dumps(record, ensure_ascii=False) for record in records)
    return f"[\n{lines}\n]\n".encode()


def export_data(corpus: Corpus) -> dict[str, bytes]:
    """The language-neutral JSON exports, by path from the site root."""
    return {
        UrlScheme.data("events.json"): _dump(_events(corpus)),
        UrlScheme.data("actors.json"): _dump(_actors(corpus)),
        UrlScheme.data("articles.json"): _dump(_articles(corpus)),
    }


def _feeds(corpus: Corpus, words: Words) -> dict[str, bytes]:
    """A language's feeds of events and of changes; their links are relative to the
    language's root, where they live."""
    lang = words.lang
    title = corpus.dossier.title.in_(lang)

    def change_title(change: Change) -> str:
        name = words.source_name(change.record_id) if change.record_kind == "article" else change.title.in_(lang)
        return f"{words.t('change_' + change.note.kind)}: {name}"

    return {
        UrlScheme.feed(lang, FEED): atom_feed(
            corpus, lang, title, words.date, words.event_url, words.md, alternate=words.url(CHRONOLOGY), self_href=FEED
        ),
        UrlScheme.feed(lang, CHANGES_FEED): changes_feed(
            corpus, lang, f"{title} — {words.t('changes')}", change_title, words.record_url, words.md,
            alternate=words.url(CHANGES), self_href=CHANGES_FEED,
        ),
    }


def render_exports(corpus: Corpus, templates_dir: Path, today: dt.date) -> dict[str, bytes]:
    """The JSON exports and every language's feeds, by path from the site root."""
    data = export_data(corpus)
    wording = Wording.of(corpus, templates_dir, today)
    for lang in LANGUAGES:
        data.update(_feeds(corpus, Words(wording, lang, HOME)))
    return data
