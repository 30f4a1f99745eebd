"""The templates' side of the pages stage: the Jinja environment, the UI strings, and `Words`,
the few helpers a template may call about the page it renders (strings, date wording,
links relative to the page). Templates only present: they get everything else ready made.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from briefing.dates import FuzzyDate, format_fuzzy
from briefing.load import YamlLoader
from briefing.markup import (
    heading_text, isolate_foreign_runs, link_sources, markdown_html, markdown_inline, name_sources, source_name,
)
from briefing.model import LANGUAGES, Article, Change, Corpus, DatedEvent, Language, ResolvedPosition, Text
from briefing.urls import LANGUAGE_PREFIX, UrlScheme, file_url, fragment, relative_url
from briefing.views import outcome_unknown

TEMPLATE_SUFFIX = ".md.j2"
STRINGS_FILE = "strings.yaml"

Strings = dict[str, dict[str, str]]
"""UI strings: by key, the text in each language."""


class TemplateFailure(Exception):
    """A template could not be rendered; the message names the template and its line."""


def load_strings(path: Path) -> Strings:
    """The UI strings; a missing language here is a bug in the tool, so fail loudly."""
    stat = path.stat()
    return _strings(path, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=8)
def _strings(path: Path, size: int, mtime_ns: int) -> Strings:
    """Parsed once per version of the file (size and time are part of the key)."""
    strings: Strings = yaml.load(path.read_text(encoding="utf-8"), Loader=YamlLoader)
    for key, value in strings.items():
        if not isinstance(value, dict) or set(value) != set(LANGUAGES):
            raise ValueError(f"{path}: {key}: every UI string needs exactly ar and en")
    return strings


@lru_cache(maxsize=8)
def template_environment(templates_dir: str) -> jinja2.Environment:
    """One environment per templates folder, kept between builds: compiling the templates
    is most of a small render's time. It checks template files' times, so edits show."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,
    )


@dataclass(frozen=True)
class Wording:
    """What every page's Words share: the UI strings, the dossier's locales, its URL
    scheme, and the build date."""

    strings: Strings
    locales: dict[Language, str]
    urls: UrlScheme
    today: dt.date
    articles: dict[str, Article]
    """The articles by id, for the links to them in editors' text."""

    @classmethod
    def of(cls, corpus: Corpus, templates_dir: Path, today: dt.date) -> Wording:
        dossier = corpus.dossier
        locales: dict[Language, str] = {"ar": dossier.locale_ar, "en": dossier.locale_en}
        return cls(load_strings(templates_dir / STRINGS_FILE), locales, UrlScheme.of(corpus), today, corpus.article_by_id)


class Words:
    """What a template may ask about the page it renders: language, strings, links, dates."""

    def __init__(self, wording: Wording, lang: Language, page_url: str) -> None:
        self._wording = wording
        self.lang = lang
        self.other_lang: Language = "en" if lang == "ar" else "ar"
        self.dir = "rtl" if lang == "ar" else "ltr"
        self.page_url = page_url
        self.locale = wording.locales[lang]

    def t(self, key: str) -> str:
        return self._wording.strings[key][self.lang]

    def prose(self, key: str) -> Markup:
        """A UI sentence, with runs of the other script isolated (see isolate_foreign_runs)."""
        return isolate_foreign_runs(Markup.escape(self.t(key)), self.lang)

    def text(self, value: Text) -> str:
        return value.in_(self.lang)

    def md(self, value: Text) -> Markup:
        return link_sources(markdown_html(value.in_(self.lang), self.lang), self._source_link)

    def md_inline(self, value: Text) -> Markup:
        return link_sources(markdown_inline(value.in_(self.lang), self.lang), self._source_link)

    def source_name(self, article_id: str) -> str:
        """How the pages name a source article: its outlet and its title, shortened."""
        article = self._wording.articles[article_id]
        return source_name(article.outlet.name.in_(self.lang), article.title.in_(self.lang), self.t("source_reference"))

    def named_sources(self, value: Text) -> str:
        """Editors' Markdown with the links to sources that have no words replaced by the
        articles' names, for text that is not a page (JSON-LD descriptions)."""
        return name_sources(value.in_(self.lang), self.source_name)

    def _source_link(self, article_id: str, words: Markup) -> Markup:
        """A link in editors' text to a source article: their words, or the article's name."""
        return Markup('<a href="{}">{}</a>').format(self.source_url(article_id), words or self.source_name(article_id))

    def heading(self, value: Text | str) -> Markup:
        return heading_text(value if isinstance(value, str) else value.in_(self.lang))

    def date(self, value: FuzzyDate) -> str:
        return format_fuzzy(value, self.lang, self.locale)

    def event_date(self, dated: DatedEvent) -> str:
        """An event's date as the chronology shows it: saying so when the day (or the
        month) is not known, so that it never passes for the first of its month or year."""
        words = self.date(dated.date)
        if not dated.day_not_given:
            return words
        ends = (dated.date.start, dated.date.end or dated.date.start)
        missing = "month_not_given" if any(end.precision == "year" for end in ends) else "day_not_given"
        return self.t(missing).format(date=words)

    def url(self, target: str, anchor: str = "") -> str:
        """A link from this page to another page of the same language (directory URLs)."""
        return relative_url(self.page_url, target) + (fragment(anchor) if anchor else "")

    def record_url(self, change: Change) -> str:
        return self.url(*self._wording.urls.record(change.record))

    def question_url(self, question_id: str) -> str:
        return self.url(UrlScheme.question(question_id))

    def evidence_url(self, position: ResolvedPosition) -> str:
        return self.source_url(position.evidence.article, position.evidence.excerpt)

    def event_url(self, dated: DatedEvent) -> str:
        return self.url(*self._wording.urls.event(dated))

    def actor_url(self, actor_id: str) -> str:
        return self.url(UrlScheme.actor(actor_id))

    def source_url(self, article_id: str, excerpt: str = "") -> str:
        return self.url(UrlScheme.source(article_id), UrlScheme.excerpt_anchor(excerpt) if excerpt else "")

    def passage_url(self, excerpt: str) -> str:
        """A link to a cited passage of the source page this is."""
        return fragment(UrlScheme.excerpt_anchor(excerpt))

    def data_url(self, name: str) -> str:
        """A link to a JSON export, which lives once at the site root for both languages."""
        here = "/" + LANGUAGE_PREFIX[self.lang] + self.page_url
        return posixpath.relpath("/" + UrlScheme.data(name), here)

    def feed_url(self, name: str) -> str:
        """A link to one of this language's feeds."""
        return file_url(self.page_url, name)

    def outcome_unknown(self, dated: DatedEvent) -> bool:
        return outcome_unknown(dated, self._wording.today)


def _template_location(error: BaseException, template: str) -> str:
    """The innermost template frame of a rendering error, as path:line."""
    frame, location = error.__traceback__, f"templates/{template}{TEMPLATE_SUFFIX}"
    while frame is not None:
        filename = frame.tb_frame.f_code.co_filename
        if filename.endswith(TEMPLATE_SUFFIX):
            location = f"{filename}:{frame.tb_lineno}"
        frame = frame.tb_next
    return location


class Templates:
    """The page templates of one folder, each looked up once per render (the environment
    checks the file's time on every lookup)."""

    def __init__(self, templates_dir: Path) -> None:
        self.env = template_environment(str(templates_dir))
        self._loaded: dict[str, jinja2.Template] = {}

    def render(self, template: str, **context: Any) -> str:
        """A page's text; a failure is a TemplateFailure naming the template's line."""
        try:
            if template not in self._loaded:
                self._loaded[template] = self.env.get_template(template + TEMPLATE_SUFFIX)
            return self._loaded[template].render(**context)
        except jinja2.TemplateSyntaxError as error:
            raise TemplateFailure(f"{error.filename or template}:{error.lineno}: {error.message}") from None
        except (jinja2.TemplateError, KeyError, AttributeError, TypeError, ValueError) as error:
            raise TemplateFailure(f"{_template_location(error, template)}: {type(error).__name__}: {error}") from None
