"""Stage 4, render: the linked corpus becomes Markdown pages for each language and JSON exports.

Templates only present data: grouping, sorting and wording happen here, and the templates
receive a `Words` object for the current page with the few helpers they need (UI strings,
date wording, links relative to the page).
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from types import MethodType
from typing import Any

import jinja2
import yaml
from jinja2.runtime import Context, Macro
from markupsafe import Markup

from briefing.dates import FuzzyDate, format_fuzzy, month_heading, parse_date
from briefing.markup import excerpt_anchor, heading_text, isolate_foreign_runs, markdown_html, markdown_inline, raw_paragraphs
from briefing.load import YamlLoader
from briefing.linked_data import actor_ld, article_ld, atom_feed, changes_feed, chronology_ld
from briefing.relations import Neighbour, relations_svg
from briefing.timeline import statuses_present, timeline_svg
from briefing.model import LANGUAGES, Actor, Article, Change, Corpus, DatedEvent, Language, ResolvedPosition, Text
from briefing.urls import LANGUAGE_PREFIX, UrlScheme, month_of, page_path, relative_url

TEMPLATE_SUFFIX = ".md.j2"
STRINGS_FILE = "strings.yaml"
LATEST_EVENTS_ON_HOME = 5
# Statuses whose outcome lies in the future when recorded; once their date has passed,
# the sources in the dossier cannot tell us what happened.
FORWARD_LOOKING = frozenset({"planned", "announced", "postponed"})


class TemplateFailure(Exception):
    """A template could not be rendered; the message names the template and its line."""


def _template_location(error: BaseException, template: str) -> str:
    """The innermost template frame of a rendering error, as path:line."""
    frame, location = error.__traceback__, f"templates/{template}{TEMPLATE_SUFFIX}"
    while frame is not None:
        filename = frame.tb_frame.f_code.co_filename
        if filename.endswith(TEMPLATE_SUFFIX):
            location = f"{filename}:{frame.tb_lineno}"
        frame = frame.tb_next
    return location


@dataclass(frozen=True)
class RenderedSite:
    """Everything generation produces: Markdown pages and data files, by relative path."""

    pages: dict[str, str]
    """Markdown text by path under the generated docs folder, e.g. 'ar/actors/x/index.md'."""
    data: dict[str, bytes]
    """Export bytes by path under the built site, e.g. 'data/events.json'."""


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


@dataclass(frozen=True)
class YearGroup:
    year: int
    months: tuple[MonthGroup, ...]


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
        return self.url != f"chronology/{self.year.year}"

    @property
    def events(self) -> tuple[DatedEvent, ...]:
        return tuple(d for month in self.months for d in month.events)


class Words:
    """What a template may ask about the page it renders: language, strings, links, dates."""

    def __init__(self, renderer: Renderer, lang: Language, page_url: str) -> None:
        self._renderer = renderer
        self.lang = lang
        self.other_lang: Language = "en" if lang == "ar" else "ar"
        self.dir = "rtl" if lang == "ar" else "ltr"
        self.page_url = page_url
        self.locale = renderer.locales[lang]

    def t(self, key: str) -> str:
        return self._renderer.strings[key][self.lang]

    def prose(self, key: str) -> Markup:
        """A UI sentence, with runs of the other script isolated (see isolate_foreign_runs)."""
        return isolate_foreign_runs(Markup.escape(self.t(key)), self.lang)

    def text(self, value: Text) -> str:
        return value.in_(self.lang)

    def md(self, value: Text) -> Markup:
        return markdown_html(value.in_(self.lang), self.lang)

    def md_inline(self, value: Text) -> Markup:
        return markdown_inline(value.in_(self.lang), self.lang)

    def heading(self, value: Text | str) -> Markup:
        return heading_text(value if isinstance(value, str) else value.in_(self.lang))

    def date(self, value: FuzzyDate) -> str:
        return format_fuzzy(value, self.lang, self.locale)

    def url(self, target: str, anchor: str = "") -> str:
        """A link from this page to another page of the same language (directory URLs)."""
        return relative_url(self.page_url, target) + (f"#{anchor}" if anchor else "")

    def record_url(self, change: Change) -> str:
        if change.record_kind == "event":
            return self.event_url(self._renderer.corpus.event_by_id[change.record_id])
        if change.record_kind == "actor":
            return self.actor_url(change.record_id)
        if change.record_kind == "article":
            return self.source_url(change.record_id)
        return self.url("")

    def question_url(self, question_id: str) -> str:
        return self.url(UrlScheme.question(question_id))

    def evidence_url(self, position: ResolvedPosition) -> str:
        return self.source_url(position.evidence.article, position.evidence.excerpt)

    def event_url(self, dated: DatedEvent) -> str:
        return self.url(*self._renderer.urls.event(dated))

    def actor_url(self, actor_id: str) -> str:
        return self.url(UrlScheme.actor(actor_id))

    def source_url(self, article_id: str, excerpt: str = "") -> str:
        return self.url(UrlScheme.source(article_id), excerpt_anchor(excerpt) if excerpt else "")

    def data_url(self, name: str) -> str:
        """A link to a JSON export, which lives once at the site root for both languages."""
        here = "/" + LANGUAGE_PREFIX[self.lang] + self.page_url
        return posixpath.relpath("/" + UrlScheme.data(name), here)

    def outcome_unknown(self, dated: DatedEvent) -> bool:
        return self._renderer.outcome_unknown(dated)


class Renderer:
    """Renders every page of both languages from one corpus."""

    def __init__(self, corpus: Corpus, templates_dir: Path, today: dt.date) -> None:
        self.corpus = corpus
        self.today = today
        self.locales: dict[Language, str] = {"ar": corpus.dossier.locale_ar, "en": corpus.dossier.locale_en}
        self.strings = load_strings(templates_dir / STRINGS_FILE)
        self.env = template_environment(str(templates_dir))
        self.urls = UrlScheme.of(corpus)
        # Looked up once per render: the environment checks the file's time on every lookup.
        self._templates: dict[str, jinja2.Template] = {}

    def outcome_unknown(self, dated: DatedEvent) -> bool:
        return dated.event.status in FORWARD_LOOKING and dated.date.upper < self.today

    def _render(self, template: str, lang: Language, page_url: str, **context: Any) -> str:
        words = Words(self, lang, page_url)
        try:
            if template not in self._templates:
                self._templates[template] = self.env.get_template(template + TEMPLATE_SUFFIX)
            return self._templates[template].render(w=words, corpus=self.corpus, dossier=self.corpus.dossier, **context)
        except jinja2.TemplateSyntaxError as error:
            raise TemplateFailure(f"{error.filename or template}:{error.lineno}: {error.message}") from None
        except (jinja2.TemplateError, KeyError, AttributeError, TypeError, ValueError) as error:
            raise TemplateFailure(f"{_template_location(error, template)}: {type(error).__name__}: {error}") from None

    def chronology_groups(self, lang: Language) -> tuple[YearGroup, ...]:
        """Events grouped by year, then month; year-only dates form their own group."""
        events = list(self.corpus.events)
        newest_first = self.corpus.dossier.chronology_order == "newest_first"
        if newest_first:
            events.reverse()
        years: list[YearGroup] = []
        for year, in_year in groupby(events, key=lambda d: d.date.lower.year):
            months: list[MonthGroup] = []
            # By month, not by runs of the same month: events known only to the year sort by
            # their earliest day (1 January) among the January events and would split them.
            # Those go first in the year (last when newest first), as a group of their own.
            by_month: dict[int, list[DatedEvent]] = {}
            for dated in in_year:
                by_month.setdefault(month_of(dated), []).append(dated)
            for month in sorted(by_month, reverse=newest_first):
                in_month = by_month[month]
                heading = (
                    month_heading(year, month, self.locales[lang])
                    if month
                    else self.strings["date_unknown_in_year"][lang].format(year=year)
                )
                events_of_month = tuple(in_month)
                url = self.urls.chronology_page(events_of_month[0])
                months.append(MonthGroup(heading, f"m{month:02d}" if month else "year-only", events_of_month, url))
            years.append(YearGroup(year, tuple(months)))
        return tuple(years)

    def chronology_pages(self, years: tuple[YearGroup, ...]) -> list[ChronologyPage]:
        """The pages that list events, in reading order."""
        pages: list[ChronologyPage] = []
        for year in years:
            if year.year not in self.urls.split_years:
                pages.append(ChronologyPage(UrlScheme.year(year.year), year, year.months, str(year.year)))
                continue
            pages += [ChronologyPage(month.url, year, (month,), month.heading) for month in year.months]
        return pages

    def timeline(self, lang: Language) -> Markup:
        words = Words(self, lang, "chronology")
        events = timeline_events(self.corpus.events)
        first, last = self.corpus.events[0].date.lower.year, self.corpus.events[-1].date.upper.year
        key = "timeline_description" if len(events) == len(self.corpus.events) else "timeline_description_partial"
        return timeline_svg(
            events,
            rtl=lang == "ar",
            locale=self.locales[lang],
            title=words.t("timeline_title"),
            description=words.t(key).format(count=len(events), total=len(self.corpus.events), first=first, last=last),
            label=lambda dated: f"{words.date(dated.date)} — {words.text(dated.event.title)}",
            href=words.event_url,
        )

    def relations(self, actor: Actor, lang: Language) -> Markup:
        words = Words(self, lang, f"actors/{actor.id}")
        neighbours = [
            Neighbour(
                name=other.name.in_(lang),
                url=words.actor_url(other.id),
                shared=count,
                label=f"{other.name.in_(lang)}: {words.t('shared_events')} {count}",
            )
            for other, count in self.corpus.co_actors[actor.id]
        ]
        title = words.t("relations_title").format(name=actor.name.in_(lang))
        return relations_svg(actor.name.in_(lang), neighbours, rtl=lang == "ar", title=title)

    def matrix(self, question_id: str, lang: Language) -> PositionMatrix:
        positions = self.corpus.positions_by_question[question_id]

        def period(position: ResolvedPosition) -> tuple[int, int]:
            start = position.date.start
            return (start.lower.year, 0 if start.precision == "year" else start.lower.month)

        keys = sorted({period(p) for p in positions})
        labels = tuple(str(y) if not m else month_heading(y, m, self.locales[lang]) for y, m in keys)
        cells: dict[tuple[str, tuple[int, int]], list[ResolvedPosition]] = {}
        trails_by_actor: dict[str, list[ResolvedPosition]] = {}
        for position in positions:
            cells.setdefault((position.actor.id, period(position)), []).append(position)
            trails_by_actor.setdefault(position.actor.id, []).append(position)
        rows = tuple(
            MatrixRow(
                self.corpus.actor_by_id[actor_id],
                tuple(tuple(cells.get((actor_id, key), ())) for key in keys),
            )
            for actor_id in trails_by_actor
        )
        trails = tuple((self.corpus.actor_by_id[a], tuple(t)) for a, t in trails_by_actor.items())
        return PositionMatrix(labels, rows, trails)

    def actor_groups(self) -> list[tuple[str, list[Actor]]]:
        order = list(self.strings_order("type_"))
        by_type: dict[str, list[Actor]] = {}
        for actor in self.corpus.actors:
            by_type.setdefault(actor.type, []).append(actor)
        return [(kind, by_type[kind]) for kind in order if kind in by_type]

    def strings_order(self, prefix: str) -> Iterable[str]:
        return (key[len(prefix):] for key in self.strings if key.startswith(prefix))

    def render_all(
        self,
        only: set[str] | None = None,
        languages: tuple[Language, ...] = LANGUAGES,
        exports: bool = True,
        indexes: bool = True,
    ) -> RenderedSite:
        """Every page, or of the pages about particular records (chronology pages, actors,
        sources) only those in `only` (URLs without language). The other pages (home,
        indexes, questions, what changed, about) if `indexes`. Only the pages of
        `languages`, and the exports (data files and feeds) if `exports`."""
        corpus = self.corpus

        def wanted(url: str) -> bool:
            return only is None or url in only

        pages: dict[str, str] = {}
        # Latest events up to the dossier's date; planned ones belong under "what to watch".
        reported = [d for d in corpus.events if d.date.lower <= corpus.as_of.upper]
        latest = tuple(reversed(reported[-LATEST_EVENTS_ON_HOME:]))
        evidence: dict[str, list[str]] = {}
        for positions in corpus.positions_by_question.values():
            for position in positions:
                evidence.setdefault(position.evidence.article, []).append(position.evidence.excerpt)
        # The raw text is the same on both languages' pages: mark it up once.
        raw_html = {
            article.id: [
                isolate_foreign_runs(paragraph, article.language)
                for paragraph in raw_paragraphs(corpus.article_texts[article.id], cited_excerpts(corpus, article, evidence))
            ]
            for article in corpus.articles
            if wanted(f"sources/{article.id}")
        }
        for lang in languages:
            def put(url: str, template: str, **context: Any) -> None:
                pages[page_path(lang, url)] = self._render(template, lang, url, **context)

            years = self.chronology_groups(lang)
            if indexes:
                put("", "home", latest=latest)
                put(
                    "chronology",
                    "chronology_index",
                    years=years,
                    timeline=self.timeline(lang),
                    timeline_count=len(timeline_events(corpus.events)),
                    legend_statuses=statuses_present(corpus.events),
                )
                for year in years:  # a split year's own page lists its months
                    if year.year in self.urls.split_years:
                        put(UrlScheme.year(year.year), "chronology", page=None, overview=year, previous=None,
                            following=None, linked_data="")
                put("actors", "actors", groups=self.actor_groups())
                put("sources", "sources")
                put("about", "about", examples=_date_examples())
                put("questions", "questions")
                for question in corpus.dossier.questions:
                    put(f"questions/{question.id}", "question", question=question, matrix=self.matrix(question.id, lang))
                put("changes", "changes")
            # A page per year, or per month in a busy year: every page stays bounded
            # however long the dossier runs.
            pages_of_events = self.chronology_pages(years)
            for index, page in enumerate(pages_of_events):
                if not wanted(page.url):
                    continue
                put(
                    page.url,
                    "chronology",
                    page=page,
                    overview=None,
                    previous=pages_of_events[index - 1] if index else None,
                    following=pages_of_events[index + 1] if index + 1 < len(pages_of_events) else None,
                    linked_data=chronology_ld(corpus, lang, page.events),
                )
            for actor in corpus.actors:
                if not wanted(f"actors/{actor.id}"):
                    continue
                put(
                    f"actors/{actor.id}",
                    "actor",
                    actor=actor,
                    co_actors=corpus.co_actors[actor.id],
                    positions=corpus.positions_by_actor[actor.id],
                    relations=self.relations(actor, lang),
                    linked_data=actor_ld(corpus, actor, lang),
                    events=corpus.events_by_actor[actor.id],
                    quotes=corpus.quotes_by_speaker[actor.id],
                    members=corpus.members_by_actor[actor.id],
                    parent=corpus.actor_by_id.get(actor.affiliation or ""),
                )
            for article in corpus.articles:
                if not wanted(f"sources/{article.id}"):
                    continue
                put(
                    f"sources/{article.id}",
                    "source",
                    article=article,
                    published=corpus.published[article.id],
                    linked_data=article_ld(corpus, article, lang),
                    events=corpus.events_by_article[article.id],
                    paragraphs=raw_html[article.id],
                )
        if not exports:
            return RenderedSite(pages, {})
        data = export_data(corpus)
        for lang in LANGUAGES:
            words = Words(self, lang, "")
            feed = atom_feed(corpus, lang, corpus.dossier.title.in_(lang), words.date, words.event_url)
            data[UrlScheme.feed(lang, "feed.xml")] = feed
            title = f"{corpus.dossier.title.in_(lang)} — {words.t('changes')}"
            data[UrlScheme.feed(lang, "changes.xml")] = changes_feed(
                corpus, lang, title, lambda change, w=words: f"{w.t('change_' + change.note.kind)}: {change.title.in_(lang)}",
                words.record_url,
            )
        return RenderedSite(pages, data)


class _DirectCallContext(Context):
    """Calls the page helpers (Words methods) and macros without Jinja's generic call path,
    which looks for context-passing markers on every call and was a fifth of rendering a
    large dossier: neither kind ever asks for the context. Everything else goes the usual way."""

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's signature)
        kind = type(__obj)
        if kind is Macro or (kind is MethodType and type(__obj.__self__) is Words):
            kwargs.pop("_loop_vars", None)
            kwargs.pop("_block_vars", None)
            return __obj(*args, **kwargs)
        return super().call(__obj, *args, **kwargs)


@lru_cache(maxsize=8)
def template_environment(templates_dir: str) -> jinja2.Environment:
    """One environment per templates folder, kept between builds: compiling the templates
    is most of a small render's time. It checks template files' times, so edits show."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,
    )
    env.context_class = _DirectCallContext
    env.filters["edtf"] = parse_date
    env.filters["anchor"] = excerpt_anchor
    return env


TIMELINE_MAX_MARKS = 400
"""Beyond this many events the timeline keeps the most important ones (and says so)."""


def timeline_events(events: tuple[DatedEvent, ...]) -> tuple[DatedEvent, ...]:
    """The events drawn on the timeline: all, or for a very long dossier the most important,
    so that the chronology's first page does not grow with the dossier."""
    if len(events) <= TIMELINE_MAX_MARKS:
        return events
    for level in (2, 3):
        kept = tuple(d for d in events if d.event.importance >= level)
        if len(kept) <= TIMELINE_MAX_MARKS:
            return kept
    return tuple(sorted(kept, key=lambda d: (-d.event.importance, d.date.sort_key))[:TIMELINE_MAX_MARKS])


def _date_examples() -> list[str]:
    return ["2024-08-15", "2024-08", "2024", "2024-08~", "2024-08-15?", "2024-08-01/2024-08-07"]


def cited_excerpts(corpus: Corpus, article: Article, evidence: dict[str, list[str]]) -> list[str]:
    """Every passage of this article that the dossier cites, for highlighting and anchors.
    `evidence` holds the positions' excerpts by article, gathered once for all articles."""
    excerpts = [q.excerpt for q in article.quotes] + [n.excerpt for n in article.notes if n.excerpt]
    for dated in corpus.events_by_article[article.id]:
        excerpts += [s.excerpt for s in dated.event.sources if s.article == article.id]
    dossier = corpus.dossier
    citations = [f.source for f in dossier.key_figures] + [s for d in dossier.discrepancies for s in d.sides]
    excerpts += [c.excerpt for c in citations if c.article == article.id]
    return excerpts + evidence.get(article.id, [])


def load_strings(path: Path) -> dict[str, dict[str, str]]:
    """The UI strings; a missing language here is a bug in the tool, so fail loudly."""
    stat = path.stat()
    return _strings(path, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=8)
def _strings(path: Path, size: int, mtime_ns: int) -> dict[str, dict[str, str]]:
    """Parsed once per version of the file (size and time are part of the key)."""
    strings = yaml.load(path.read_text(encoding="utf-8"), Loader=YamlLoader)
    for key, value in strings.items():
        if not isinstance(value, dict) or set(value) != set(LANGUAGES):
            raise ValueError(f"{path}: {key}: every UI string needs exactly ar and en")
    return strings


def _text(value: Text | None) -> dict[str, str] | None:
    return {"ar": value.ar, "en": value.en} if value else None


def export_data(corpus: Corpus) -> dict[str, bytes]:
    """Language-neutral JSON exports (documented in the README)."""
    events = [
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
            "tags": list(d.event.tags),
        }
        for d in corpus.events
    ]
    actors = [
        {
            "id": a.id,
            "type": a.type,
            "name": _text(a.name),
            "other_names": [{"name": n.name, "lang": n.lang} for n in a.other_names],
            "role": _text(a.role),
            "affiliation": a.affiliation,
            "summary": _text(a.summary),
        }
        for a in corpus.actors
    ]
    articles = [
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

    def dump(records: list[dict[str, object]]) -> bytes:
        # One record a line: readable, and diffs well. An indented dump would use the json
        # module's pure-Python encoder, a fifth of an incremental generation at 2,000 events.
        lines = ",\n".join(json.dumps(record, ensure_ascii=False) for record in records)
        return f"[\n{lines}\n]\n".encode("utf-8")

    return {"data/events.json": dump(events), "data/actors.json": dump(actors), "data/articles.json": dump(articles)}


def render_site(
    corpus: Corpus,
    templates_dir: Path,
    today: dt.date,
    only: set[str] | None = None,
    languages: tuple[Language, ...] = LANGUAGES,
    exports: bool = True,
    indexes: bool = True,
) -> RenderedSite:
    """Render the pages and the exports (see Renderer.render_all for the options)."""
    return Renderer(corpus, templates_dir, today).render_all(only, languages, exports, indexes)

