"""The site's URL scheme, in one place: where every page of either language lives.

A page's *URL* here is its path inside its language, without a leading or trailing slash
("" for the home page, "chronology/2024", "actors/<id>"). English is built at the site
root and Arabic under "ar/"; every page exists in both languages at the same URL, so the
language selector and the hreflang alternates only swap the prefix. Anchors that name a
record (an event's id, an excerpt's anchor) are the same in both languages.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from briefing.markup import excerpt_anchor
from briefing.model import LANGUAGES, Actor, Article, Corpus, DatedEvent, Language

DEFAULT_LANGUAGE: Language = "en"
"""Built at the site root; every other language under a folder named after it."""

LANGUAGE_PREFIX: dict[Language, str] = {lang: "" if lang == DEFAULT_LANGUAGE else f"{lang}/" for lang in LANGUAGES}
"""Each language's folder in the site: "" (the root) or "ar/"."""

HOME = ""
CHRONOLOGY = "chronology"
ACTORS = "actors"
SOURCES = "sources"
QUESTIONS = "questions"
CHANGES = "changes"
ABOUT = "about"

FEED = "feed.xml"
"""A language's feed of events, at its language's root."""
CHANGES_FEED = "changes.xml"
"""A language's feed of updates and corrections, at its language's root."""


@dataclass(frozen=True)
class Section:
    """A section page: in the navigation (and listed on the home page, but for itself)."""

    url: str
    nav_title: str
    """UI string key of its title in the navigation, which is short."""
    title: str
    """UI string key of its page title."""


SECTION_PAGES: tuple[Section, ...] = (
    Section(HOME, "home", "home"),
    Section(CHRONOLOGY, "chronology", "chronology"),
    Section(ACTORS, "actors", "actors"),
    Section(SOURCES, "sources", "sources"),
    Section(QUESTIONS, "nav_questions", "questions"),
    Section(CHANGES, "changes", "changes"),
    Section(ABOUT, "nav_about", "about"),
)
"""The section pages, in navigation order. Only these are in the navigation; record pages
are listed on their section's page."""

SECTIONS: tuple[tuple[str, str], ...] = tuple((section.nav_title, section.url) for section in SECTION_PAGES)
"""The section pages as (UI string key of the nav title, URL), for the engine's navigation."""

CHRONOLOGY_PAGE_EVENTS = 100
"""A year with more events than this gets a page per month (and an overview page)."""


def page_path(lang: Language, url: str) -> str:
    """Where a page's Markdown goes in the generated docs folder: `<lang>/<url>/index.md`."""
    return f"{lang}/{url}/index.md" if url else f"{lang}/index.md"


def directory_url(url: str, anchor: str = "") -> str:
    """A page's URL as a link inside its language's root: "chronology/2024/#event-id"."""
    return (f"{url}/" if url else "") + (f"#{anchor}" if anchor else "")


def site_path(lang: Language, url: str, anchor: str = "") -> str:
    """A page's path from the site root, without the leading slash: "ar/actors/x/"."""
    return LANGUAGE_PREFIX[lang] + directory_url(url, anchor)


def absolute_url(site_url: str, lang: Language, url: str) -> str:
    """A page's absolute address under `site_url` (which ends with a slash)."""
    return site_url + site_path(lang, url)


def language_switch(from_lang: Language, to_lang: Language, url: str) -> str:
    """A relative link from a page to the same page in another language."""
    here, there = "/" + site_path(from_lang, url), "/" + site_path(to_lang, url)
    return posixpath.relpath(there, here) + "/"


def language_of_site_path(path: str) -> tuple[Language, str]:
    """Which language's folder a path from the site root falls in, and the path inside it."""
    for lang, prefix in LANGUAGE_PREFIX.items():
        if prefix and path.startswith(prefix):
            return lang, path[len(prefix):]
    return DEFAULT_LANGUAGE, path


def urls_of_pages(page_paths: Iterable[str], lang: Language) -> list[str]:
    """The URLs of a language's pages, from their paths in the docs folder (page_path)."""
    prefix = f"{lang}/"
    return [path[len(prefix):-len("index.md")].rstrip("/") for path in page_paths if path.startswith(prefix)]


@lru_cache(maxsize=262144)
def relative_url(from_url: str, to_url: str) -> str:
    """Directory-URL link from one page to another of the same language; pages link to the
    same few targets a lot."""
    if to_url == from_url:
        return "./"
    return posixpath.relpath("/" + to_url, "/" + from_url) + "/"


def fragment(anchor: str) -> str:
    """A link to an anchor on the same page."""
    return f"#{anchor}"


def file_url(from_url: str, name: str) -> str:
    """A link from a page to a file at its language's root (a feed)."""
    return relative_url(from_url, HOME) + name


def month_of(dated: DatedEvent) -> int:
    """The month an event is filed under, or 0 when only its year is known (briefing.order)."""
    return dated.placed.month


@dataclass(frozen=True)
class UrlScheme:
    """The URL of every record's page for one corpus: a chronology page lists the events
    of its year, or for a year with more than CHRONOLOGY_PAGE_EVENTS events of its month,
    so that no page grows with the dossier."""

    split_years: frozenset[int]

    @classmethod
    def of(cls, corpus: Corpus) -> UrlScheme:
        per_year = Counter(d.placed.year for d in corpus.events)
        return cls(frozenset(year for year, count in per_year.items() if count > CHRONOLOGY_PAGE_EVENTS))

    def chronology_page(self, dated: DatedEvent) -> str:
        """The chronology page that lists an event."""
        year = dated.placed.year
        if year not in self.split_years:
            return self.year(year)
        month = month_of(dated)
        return f"{self.year(year)}/{month:02d}" if month else f"{self.year(year)}/year-only"

    def event(self, dated: DatedEvent) -> tuple[str, str]:
        """An event's page and anchor (its id)."""
        return self.chronology_page(dated), dated.event.id

    def record(self, record: DatedEvent | Actor | Article | None) -> tuple[str, str]:
        """The page and anchor of a record (None: the dossier, whose page is the home page)."""
        if isinstance(record, DatedEvent):
            return self.event(record)
        if isinstance(record, Actor):
            return self.actor(record.id), ""
        if isinstance(record, Article):
            return self.source(record.id), ""
        return HOME, ""

    @staticmethod
    def actor(actor_id: str) -> str:
        return f"{ACTORS}/{actor_id}"

    @staticmethod
    def source(article_id: str) -> str:
        return f"{SOURCES}/{article_id}"

    @staticmethod
    def excerpt_anchor(excerpt: str) -> str:
        """The anchor of a cited passage on its source page."""
        return excerpt_anchor(excerpt)

    @staticmethod
    def question(question_id: str) -> str:
        return f"{QUESTIONS}/{question_id}"

    @staticmethod
    def year(year: int) -> str:
        """A year's page: its events, or for a split year the list of its months."""
        return f"{CHRONOLOGY}/{year}"

    @staticmethod
    def data(name: str) -> str:
        """A JSON export, once at the site root for both languages: "data/events.json"."""
        return f"data/{name}"

    @staticmethod
    def feed(lang: Language, name: str) -> str:
        """A language's Atom feed, from the site root: "feed.xml", "ar/changes.xml"."""
        return LANGUAGE_PREFIX[lang] + name

    def record_pages(self, corpus: Corpus) -> dict[tuple[str, str], str]:
        """The page each record is the subject of, by ('event' | 'actor' | 'article', id)."""
        pages: dict[tuple[str, str], str] = {("event", d.event.id): self.chronology_page(d) for d in corpus.events}
        pages.update({("actor", a.id): self.actor(a.id) for a in corpus.actors})
        pages.update({("article", a.id): self.source(a.id) for a in corpus.articles})
        return pages

    def index_pages(self, corpus: Corpus) -> list[str]:
        """Every page that is not the page of particular records: the sections, a split
        year's list of its months, the questions. These show the whole dossier."""
        overviews = [self.year(year) for year in sorted(self.split_years)]
        return [s.url for s in SECTION_PAGES] + overviews + self.question_pages(corpus)

    def question_pages(self, corpus: Corpus) -> list[str]:
        return [self.question(q.id) for q in corpus.dossier.questions]

    def pages(self, corpus: Corpus) -> list[str]:
        """Every page of a language (each exists in every language)."""
        return self.index_pages(corpus) + sorted(set(self.record_pages(corpus).values()))
