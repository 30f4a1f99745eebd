"""Words a reader understands, read from the built site: sources named by outlet and title
(never by an id or a file's number), scraping leftovers labelled on the source pages while
the raw text stays as collected, and labels that are not repeated."""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from briefing import pipeline
from briefing import search_index as search
from briefing.templating import load_strings
from conftest import REPO

LANGUAGE_PREFIXES = {"en": "", "ar": "ar/"}

NUMBERED_SOURCE = re.compile(
    r"\barticles? \d{3}\b"                       # "article 004", "articles 002 and 004"
    r"|(?:ال|لل|بال|و?ال)?مقال(?:ين|ان|ات)? \d{3}"  # "المقال 004", "والمقال 001"
    r"|(?<![\w.,:/-])00\d(?![\w.,:/%-])"           # a file's number alone: "001 and 003"
    r"|\bsource:[a-z0-9-]",                       # a link to a source left unresolved
    re.IGNORECASE,
)
"""How a page would speak of a source by a number no reader knows."""


class _VisibleText(HTMLParser):
    """A page's text as a reader meets it: text nodes outside scripts and styles, and the
    attributes that are shown or read aloud (title, alt, aria-label, placeholder)."""

    SHOWN_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        self.parts += [value for name, value in attrs if name in self.SHOWN_ATTRIBUTES and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(page: Path) -> str:
    parser = _VisibleText()
    parser.feed(page.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split())


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


@pytest.mark.parametrize("site_name", ["bundled_site", "other_story_site"])
def test_no_page_speaks_of_a_source_by_its_number(request: pytest.FixtureRequest, site_name: str) -> None:
    site: Path = request.getfixturevalue(site_name)
    pages = _pages(site)
    assert len(pages) > 20 and any("/ar/" in str(p) for p in pages)
    found = []
    for page in pages:
        text = visible_text(page)
        found += [f"{page.relative_to(site)}: …{text[max(0, m.start() - 60):m.end() + 30]}…"
                  for m in NUMBERED_SOURCE.finditer(text)]
    assert not found, f"{len(found)} places name a source by a number:\n" + "\n".join(found[:20])


def test_the_pattern_finds_what_the_pages_used_to_say() -> None:
    for said in ("according to article 000, claimed", "Articles 002 and 004 put", "; 001 and 003 give only",
                 "بحسب المقال 000،", "والمقال 004 يحمل", "in <a href=source:x-y>"):
        assert NUMBERED_SOURCE.search(said.replace("<a href=", "")), said
    for fine in ("2,500 troops", "the 004_c69383b77fba2e83.txt file", "sha256 004a", "12:00", "100%"):
        assert not NUMBERED_SOURCE.search(fine), fine


@pytest.mark.parametrize("lang", LANGUAGE_PREFIXES)
def test_a_link_to_a_source_names_its_outlet_and_title(bundled_site: Path, lang: str) -> None:
    """Editors' texts link to sources; the page shows the outlet and the title's first words,
    in the page's language, linked to the source's page."""
    articles = {a["id"]: a for a in json.loads((bundled_site / "data" / "articles.json").read_text(encoding="utf-8"))}
    html = (bundled_site / LANGUAGE_PREFIXES[lang] / "chronology" / "2024" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="\.\./\.\./sources/([a-z0-9-]+)/">([^<]+)</a>', html)
    named = [(article_id, words) for article_id, words in links if articles[article_id]["outlet"][lang] in words]
    assert len(named) > 20
    for article_id, words in named:
        title = articles[article_id]["title"][lang]
        shown = words.split("«" if lang == "ar" else "“", 1)[1].rstrip("»”").rstrip("…")
        assert title.startswith(shown.replace("&#39;", "'").replace("&quot;", '"')), (words, title)
        assert len(shown) <= 50


def test_the_search_names_linked_sources_too(bundled_site: Path) -> None:
    corpus = pipeline.check(pipeline.Project(bundled_site.parent))
    strings = load_strings(REPO / "templates" / "strings.yaml")
    for lang in LANGUAGE_PREFIXES:
        records = search.search_records(corpus, lang, strings)
        texts = [text for record in records for field in record.fields
                 for text in (field.text if isinstance(field.text, tuple) else (field.text,))]
        assert not [t for t in texts if "source:" in t]
        outlet = corpus.articles[-1].outlet.name.in_(lang)
        assert sum(outlet in text for text in texts) > 5, outlet


# -- the source pages' raw text --------------------------------------------------------------------


class _RawText(HTMLParser):
    """The raw article box of a source page: its text without the leftovers' labels, and the
    leftovers with their labels."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.in_label, self.in_leftover = 0, False, 0
        self.text: list[str] = []
        self.leftovers: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.depth or "brf-raw" in classes:
            self.depth += 1
        if "brf-leftover" in classes:
            self.leftovers.append(["", ""])
            self.in_leftover = self.depth
        self.in_label = self.in_label or "brf-leftover__label" in classes
        if tag == "p" and self.depth > 1:
            self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.in_label and tag == "span":
            self.in_label = False
        elif self.in_leftover == self.depth:
            self.in_leftover = 0
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            return
        if self.in_label:
            self.leftovers[-1][1] += data
            return
        self.text.append(data)
        if self.in_leftover:
            self.leftovers[-1][0] += data


def _raw_box(page: Path) -> _RawText:
    parser = _RawText()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("lang", LANGUAGE_PREFIXES)
def test_scraping_leftovers_are_labelled_and_the_raw_text_stays_as_collected(bundled_site: Path, lang: str) -> None:
    strings = load_strings(REPO / "templates" / "strings.yaml")
    articles = json.loads((bundled_site / "data" / "articles.json").read_text(encoding="utf-8"))
    labelled: list[str] = []
    for article in articles:
        raw = REPO / "content" / "articles" / article["raw"]
        assert hashlib.sha256(raw.read_bytes()).hexdigest() == article["sha256"]
        box = _raw_box(bundled_site / LANGUAGE_PREFIXES[lang] / "sources" / article["id"] / "index.html")
        # The page shows the raw text itself (whitespace aside), the labels beside it.
        assert " ".join("".join(box.text).split()) == " ".join(raw.read_text(encoding="utf-8").split()), article["id"]
        for leftover, label in box.leftovers:
            assert label == strings["scraping_leftover"][lang]
            labelled.append(leftover)
    # The bundled articles' leftovers: two advertisement slots and a heading's marks.
    assert sorted(labelled) == ["##", "[ad_1]", "[ad_2]"]


@pytest.mark.parametrize("lang", LANGUAGE_PREFIXES)
def test_a_note_does_not_repeat_its_label(bundled_site: Path, lang: str) -> None:
    notes = 0
    for page in (bundled_site / LANGUAGE_PREFIXES[lang] / "sources").glob("*/index.html"):
        html = page.read_text(encoding="utf-8")
        for label, text in re.findall(r"<li><strong>([^<]+):</strong> (.{0,80})", html):
            notes += 1
            words = label.replace("&#39;", "'").split()[:2]
            assert not text.replace("&#39;", "'").startswith(" ".join(words)), (page, label, text)
    assert notes > 20
