"""Stage 5, pages: the Markdown page of every URL, in each language.

One function per page kind (the home page, the chronology and its pages, the actors, the
sources, the questions, what changed, about) yields the pages of its kind that are wanted,
each as a URL, a template and what the template shows; `render_pages` renders them. What
several pages share (the chronology's groups, an article's marked-up raw text) is worked
out once, and only when a page that needs it is wanted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from markupsafe import Markup

from briefing.linked_data import actor_ld, article_ld, briefing_ld, chronology_ld
from briefing.markup import isolate_foreign_runs, label_leftovers, raw_paragraphs
from briefing.model import LANGUAGES, Actor, Corpus, DatedArticle, Language
from briefing.relations import Neighbour, relations_svg
from briefing.templating import Templates, Wording, Words
from briefing.timeline import lay_out, month_names, statuses_present
from briefing.timeline_svg import timeline_svg
from briefing.urls import (
    ABOUT, ACTORS, CHANGES, CHRONOLOGY, HOME, QUESTIONS, SECTION_PAGES, SOURCES, UrlScheme, page_path,
)
from briefing.views import (
    YearGroup, actor_groups, chronology_groups, chronology_pages, cited_excerpts, date_examples, evidence_by_article,
    latest_events, order_notes, position_matrix, questions_with_positions,
)


@dataclass(frozen=True)
class Page:
    """A page to render: its URL (without language), its template, what the template shows."""

    url: str
    template: str
    context: dict[str, Any]


class Site:
    """One render's corpus and selection, and what several pages share, worked out once."""

    def __init__(self, corpus: Corpus, templates_dir: Path, today: dt.date, selection: Collection[str] | None) -> None:
        self.corpus = corpus
        self.wording = Wording.of(corpus, templates_dir, today)
        self.urls = self.wording.urls
        self.selection = selection
        self._years: dict[Language, tuple[YearGroup, ...]] = {}
        self._raw_text: dict[str, list[Markup]] = {}

    def wanted(self, url: str) -> bool:
        return self.selection is None or url in self.selection

    def words(self, lang: Language, url: str) -> Words:
        return Words(self.wording, lang, url)

    def years(self, lang: Language) -> tuple[YearGroup, ...]:
        if lang not in self._years:
            heading = self.wording.strings["date_unknown_in_year"][lang]
            self._years[lang] = chronology_groups(self.corpus, self.urls, self.wording.locales[lang], heading)
        return self._years[lang]

    @cached_property
    def evidence(self) -> dict[str, list[str]]:
        return evidence_by_article(self.corpus)

    def raw_text(self, dated: DatedArticle, lang: Language) -> list[Markup]:
        """An article's raw text marked up (worked out once for both languages), its
        scraping leftovers labelled in the page's language."""
        article = dated.article
        if article.id not in self._raw_text:
            excerpts = cited_excerpts(self.corpus, article, self.evidence)
            self._raw_text[article.id] = [
                isolate_foreign_runs(paragraph, article.language)
                for paragraph in raw_paragraphs(self.corpus.article_texts[article.id], excerpts)
            ]
        label = self.wording.strings["scraping_leftover"][lang]
        label_lang = lang if lang != article.language else ""
        return [label_leftovers(paragraph, label, label_lang) for paragraph in self._raw_text[article.id]]


def home(site: Site, lang: Language) -> Iterator[Page]:
    if site.wanted(HOME):
        corpus = site.corpus
        yield Page(HOME, "home", {
            "latest": latest_events(corpus),
            "questions": questions_with_positions(corpus),
            "sections": [section for section in SECTION_PAGES if section.url != HOME],
            "linked_data": briefing_ld(corpus, lang),
        })


def chronology_index(site: Site, lang: Language) -> Iterator[Page]:
    """The chronology's first page: the timeline, and the years and months."""
    if not site.wanted(CHRONOLOGY):
        return
    words, events = site.words(lang, CHRONOLOGY), site.corpus.events
    timeline = lay_out(events, lambda dated: words.text(dated.event.title), lang)
    key = "timeline_description" if len(timeline.marks) == len(events) else "timeline_description_partial"
    description = words.t(key).format(
        count=len(timeline.marks), total=len(events),
        first=min(d.date.lower.year for d in events), last=max(d.date.upper.year for d in events),
    )
    names = month_names(words.locale)
    drawing = timeline_svg(
        timeline,
        lang=lang,
        month_names=names,
        title=words.t("timeline_title"),
        description=description,
        name=lambda dated: f"{words.date(dated.date)} — {words.text(dated.event.title)}",
        href=words.event_url,
    )
    yield Page(CHRONOLOGY, "chronology_index", {
        "years": site.years(lang),
        "timeline": timeline,
        "timeline_svg": drawing,
        "timeline_description": description,
        "month_names": names,
        "legend_statuses": statuses_present(events),
    })


def year_overviews(site: Site, lang: Language) -> Iterator[Page]:
    """A split year's own page: the list of its months."""
    if not any(site.wanted(site.urls.year(year)) for year in site.urls.split_years):
        return
    for year in site.years(lang):
        if year.year in site.urls.split_years and site.wanted(year.url):
            yield Page(year.url, "chronology_year", {"year": year})


def chronology(site: Site, lang: Language) -> Iterator[Page]:
    """The pages of events: a year each, or a month each in a busy year."""
    pages = chronology_pages(site.years(lang), site.urls)
    for index, page in enumerate(pages):
        if site.wanted(page.url):
            yield Page(page.url, "chronology", {
                "page": page,
                "previous": pages[index - 1] if index else None,
                "following": pages[index + 1] if index + 1 < len(pages) else None,
                "linked_data": chronology_ld(site.corpus, lang, page.events, site.words(lang, page.url).named_sources),
                "order": order_notes(site.corpus, page.events),
            })


def actors_index(site: Site, lang: Language) -> Iterator[Page]:
    if site.wanted(ACTORS):
        kinds = [key.removeprefix("type_") for key in site.wording.strings if key.startswith("type_")]
        yield Page(ACTORS, "actors", {"groups": actor_groups(site.corpus, kinds)})


def _relations(site: Site, actor: Actor, lang: Language) -> Markup:
    """The diagram of the actors this one appears with."""
    words = site.words(lang, UrlScheme.actor(actor.id))
    neighbours = [
        Neighbour(
            name=other.name.in_(lang),
            url=words.actor_url(other.id),
            shared=count,
            label=f"{other.name.in_(lang)}: {words.t('shared_events')} {count}",
        )
        for other, count in site.corpus.co_actors[actor.id]
    ]
    title = words.t("relations_title").format(name=actor.name.in_(lang))
    return relations_svg(actor.name.in_(lang), neighbours, rtl=lang == "ar", title=title)


def actor_pages(site: Site, lang: Language) -> Iterator[Page]:
    corpus = site.corpus
    for actor in corpus.actors:
        url = UrlScheme.actor(actor.id)
        if site.wanted(url):
            yield Page(url, "actor", {
                "actor": actor,
                "updates": corpus.updates_by_actor[actor.id],
                "co_actors": corpus.co_actors[actor.id],
                "positions": corpus.positions_by_actor[actor.id],
                "relations": _relations(site, actor, lang),
                "linked_data": actor_ld(corpus, actor, lang, site.words(lang, url).named_sources),
                "events": corpus.events_by_actor[actor.id],
                "quotes": corpus.quotes_by_speaker[actor.id],
                "members": corpus.members_by_actor[actor.id],
                "parent": corpus.actor_by_id.get(actor.affiliation or ""),
            })


def sources_index(site: Site, lang: Language) -> Iterator[Page]:
    if site.wanted(SOURCES):
        yield Page(SOURCES, "sources", {})


def source_pages(site: Site, lang: Language) -> Iterator[Page]:
    corpus = site.corpus
    for dated in corpus.dated_articles:
        article = dated.article
        url = UrlScheme.source(article.id)
        if site.wanted(url):
            yield Page(url, "source", {
                "article": article,
                "published": dated.published,
                "header_date": dated.header_date,
                "updates": corpus.updates_by_article[article.id],
                "quotes": corpus.quotes_by_article[article.id],
                "linked_data": article_ld(corpus, article, lang, site.words(lang, url).named_sources),
                "events": corpus.events_by_article[article.id],
                "paragraphs": site.raw_text(dated, lang),
            })


def about(site: Site, lang: Language) -> Iterator[Page]:
    if site.wanted(ABOUT):
        yield Page(ABOUT, "about", {"examples": date_examples()})


def questions_index(site: Site, lang: Language) -> Iterator[Page]:
    if site.wanted(QUESTIONS):
        yield Page(QUESTIONS, "questions", {"questions": questions_with_positions(site.corpus)})


def question_pages(site: Site, lang: Language) -> Iterator[Page]:
    for question in site.corpus.dossier.questions:
        url = UrlScheme.question(question.id)
        if site.wanted(url):
            matrix = position_matrix(site.corpus, question.id, site.wording.locales[lang])
            yield Page(url, "question", {"question": question, "matrix": matrix})


def changes(site: Site, lang: Language) -> Iterator[Page]:
    if site.wanted(CHANGES):
        yield Page(CHANGES, "changes", {})


PAGE_KINDS: tuple[Callable[[Site, Language], Iterable[Page]], ...] = (
    home, chronology_index, year_overviews, actors_index, sources_index, about, questions_index, question_pages,
    changes, chronology, actor_pages, source_pages,
)
"""Every kind of page, in the order they are rendered."""


def render_pages(
    corpus: Corpus, templates_dir: Path, today: dt.date, urls: Collection[str] | None = None
) -> dict[str, str]:
    """The Markdown of every page in both languages, or of the pages whose URL (without
    language, as in briefing.urls) is in `urls`, by path in the docs folder (page_path)."""
    site = Site(corpus, templates_dir, today, urls)
    templates = Templates(templates_dir)
    pages: dict[str, str] = {}
    for lang in LANGUAGES:
        for kind in PAGE_KINDS:
            for page in kind(site, lang):
                words = site.words(lang, page.url)
                pages[page_path(lang, page.url)] = templates.render(
                    page.template, w=words, corpus=corpus, dossier=corpus.dossier, **page.context
                )
    return pages
