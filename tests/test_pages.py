"""The pages stage: which pages exist, rendering a selection of them, and templates that
only present (no joins, no date parsing, no URLs built by concatenation)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from briefing import urls
from briefing.load import load_content
from briefing.model import LANGUAGES, Corpus, link_corpus
from briefing.pages import render_pages
from briefing.urls import UrlScheme, page_path, urls_of_pages
from briefing.validate import validate
from conftest import FIXED_TODAY, REPO

TODAY = dt.date.fromisoformat(FIXED_TODAY)
TEMPLATES = REPO / "templates"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return link_corpus(validate(load_content(REPO / "content")))


@pytest.fixture
def split_years(monkeypatch: pytest.MonkeyPatch) -> None:
    """Years of more than two events get a page per month, so the bundled dossier has some."""
    monkeypatch.setattr(urls, "CHRONOLOGY_PAGE_EVENTS", 2)


@pytest.mark.parametrize("split", [False, True])
def test_the_url_scheme_lists_every_page_rendered(corpus: Corpus, split: bool, request: pytest.FixtureRequest) -> None:
    if split:
        request.getfixturevalue("split_years")
    scheme = UrlScheme.of(corpus)
    assert bool(scheme.split_years) == split
    pages = render_pages(corpus, TEMPLATES, TODAY)
    for lang in LANGUAGES:
        assert sorted(urls_of_pages(pages, lang)) == sorted(scheme.pages(corpus))


def test_a_selection_renders_those_pages_as_a_full_render_does(corpus: Corpus, split_years: None) -> None:
    scheme = UrlScheme.of(corpus)
    everything = render_pages(corpus, TEMPLATES, TODAY)
    month = next(url for url in scheme.pages(corpus) if url.count("/") == 2)
    record_pages = (scheme.actor(corpus.actors[0].id), scheme.source(corpus.articles[-1].id))
    chosen = {"", "chronology", scheme.year(min(scheme.split_years)), month, *record_pages}

    some = render_pages(corpus, TEMPLATES, TODAY, chosen)

    assert sorted(some) == sorted(page_path(lang, url) for lang in LANGUAGES for url in chosen)
    assert all(some[path] == everything[path] for path in some)


JOINS = re.compile(r"corpus\.\w+\[|\|edtf|w\.url\([^)]*~|w\.url\(\"\", \"\"\)")


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.md.j2")))
def test_templates_only_present(template: str) -> None:
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    assert not JOINS.findall(text), f"{template} looks records up, parses dates or builds URLs"


def test_the_home_page_lists_the_sections_of_the_navigation(corpus: Corpus) -> None:
    home = render_pages(corpus, TEMPLATES, TODAY, {""})["en/index.md"]
    listed = re.findall(r'<li><a href="([^"]+)">', home.split('<ul class="brf-sections">')[1].split("</ul>")[0])
    assert listed == [f"{section.url}/" for section in urls.SECTION_PAGES if section.url]
