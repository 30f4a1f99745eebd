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
from briefing.model import LANGUAGES, Corpus, DatedEvent, Language

DEFAULT_LANGUAGE: Language = "en"
"""Built at the site root; every other language under a folder named after it."""

LANGUAGE_PREFIX: dict[Language, str] = {lang: "" if lang == DEFAULT_LANGUAGE else f"{lang}/" for lang in LANGUAGES}
"""Each language's folder in the site: "" (the root) or "ar/"."""

SECTIONS: tuple[tuple[str, str], ...] = (
    ("home", ""),
    ("chronology", "chronology"),
    ("actors", "actors"),
    ("sources", "sources"),
    ("nav_questions", "questions"),
    ("changes", "changes"),
    ("nav_about", "about"),
)
"""The section pages, in navigation order: (UI string key of the nav title, URL). Only
these are in the navigation; record pages are listed on their section's page."""

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


def month_of(dated: DatedEvent) -> int:
    """The month an event is filed under, or 0 when only its year is known."""
    return dated.date.lower.month if dated.date.start.precision != "year" else 0


@dataclass(frozen=True)
class UrlScheme:
    """The URL of every record's page for one corpus: a chronology page lists the events
    of its year, or for a year with more than CHRONOLOGY_PAGE_EVENTS events of its month,
    so that no page grows with the dossier."""

    split_years: frozenset[int]

    @classmethod
    def of(cls, corpus: Corpus) -> UrlScheme:
        per_year = Counter(d.date.lower.year for d in corpus.events)
        return cls(frozenset(year for year, count in per_year.items() if count > CHRONOLOGY_PAGE_EVENTS))

    def chronology_page(self, dated: DatedEvent) -> str:
        """The chronology page that lists an event."""
        year = dated.date.lower.year
        if year not in self.split_years:
            return f"chronology/{year}"
        month = month_of(dated)
        return f"chronology/{year}/{month:02d}" if month else f"chronology/{year}/year-only"

    def event(self, dated: DatedEvent) -> tuple[str, str]:
        """An event's page and anchor (its id)."""
        return self.chronology_page(dated), dated.event.id

    @staticmethod
    def actor(actor_id: str) -> str:
        return f"actors/{actor_id}"

    @staticmethod
    def source(article_id: str) -> str:
        return f"sources/{article_id}"

    @staticmethod
    def excerpt_anchor(excerpt: str) -> str:
        """The anchor of a cited passage on its source page."""
        return excerpt_anchor(excerpt)

    @staticmethod
    def question(question_id: str) -> str:
        return f"questions/{question_id}"

    @staticmethod
    def year(year: int) -> str:
        return f"chronology/{year}"

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
