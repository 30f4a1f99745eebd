"""The reader's site beyond the pages themselves: the timeline, actor relations, feeds,
linked data, link previews, the self-hosted typeface and the printed briefing."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest

from briefing.timeline import LANE, MAX_LABELS, MAX_LANES, WIDTH
from htmlcheck import linked_data, read_page, resolve

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


def _timeline(site: Path, prefix: str) -> str:
    html = (site / prefix / "chronology" / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<svg class="brf-timeline__svg".*?</svg>', html, re.S)
    assert match, f"no timeline on {prefix}chronology/"
    return match.group()


def _mark_positions(svg: str) -> dict[str, float]:
    """x of each day-precision mark (a circle) by the event it links to."""
    return {
        event: float(cx)
        for event, cx in re.findall(r'<a href="\d{4}/#([a-z0-9-]+)"[^>]*><title>[^<]*</title><rect [^>]*/><circle class="brf-tl-shape" cx="([\d.]+)"', svg)
    }


def test_timeline_is_on_both_chronologies_and_mirrored_in_arabic(bundled_site: Path) -> None:
    english, arabic = _timeline(bundled_site, ""), _timeline(bundled_site, "ar/")
    data = json.loads((bundled_site / "data" / "events.json").read_text(encoding="utf-8"))
    for svg in (english, arabic):
        linked = set(re.findall(r'<a href="(\d{4}/#[a-z0-9-]+)"', svg))
        # Every event is drawn and linked to its entry on its year's page.
        assert linked == {f'{event["earliest"][:4]}/#{event["id"]}' for event in data}
        assert '<title id="brf-tl-title">' in svg and '<desc id="brf-tl-desc">' in svg
    assert 'direction="rtl"' in arabic and 'direction="rtl"' not in english
    en_x, ar_x = _mark_positions(english), _mark_positions(arabic)
    assert en_x and en_x.keys() == ar_x.keys()
    for event, x in en_x.items():
        assert ar_x[event] == pytest.approx(WIDTH - x, abs=0.2), event  # time runs right to left
    # Each mark's link lands on the event's entry, in the drawing and in the phone's list.
    index = bundled_site / "ar" / "chronology" / "index.html"
    html = index.read_text(encoding="utf-8")
    narrow = re.search(r'<div class="brf-tl-narrow">.*?</ol>', html, re.S)
    assert narrow
    assert set(re.findall(r'href="(\d{4}/#[a-z0-9-]+)"', narrow.group())) == set(re.findall(r'<a href="(\d{4}/#[a-z0-9-]+)"', arabic))
    for link in set(re.findall(r'<a href="(\d{4}/#[a-z0-9-]+)"', arabic)):
        target, anchor = resolve(bundled_site, index, link)
        assert anchor in read_page(target).ids, link


def test_timeline_has_a_text_alternative(bundled_site: Path) -> None:
    html = (bundled_site / "chronology" / "index.html").read_text(encoding="utf-8")
    caption = re.search(r'<figure class="brf-timeline">.*?<figcaption>(.*?)</figcaption>', html, re.S)
    assert caption and "All 52 events from 2003 to 2026; they are listed in order on the year pages below." in caption.group(1)
    assert 'aria-labelledby="brf-tl-title brf-tl-desc"' in html


@pytest.mark.parametrize("prefix", ["", "ar/"])
def test_the_timeline_of_a_long_dossier_stays_bounded(busy_site: Path, prefix: str) -> None:
    """2,000 events over ten years: the drawing keeps what fits (at most MAX_LANES marks
    overlap anywhere), says how many it shows, and the page stays a page."""
    html = (busy_site / prefix / "chronology" / "index.html").read_text(encoding="utf-8")
    svg = re.search(r'<svg class="brf-timeline__svg".*?</svg>', html, re.S)
    assert svg
    height = float(re.search(r'viewBox="0 0 [\d.]+ ([\d.]+)"', svg.group()).group(1))
    drawn = len(re.findall(r'<a href=', svg.group()))
    assert 50 < drawn < 600
    assert height <= 40 + MAX_LANES * LANE + 10
    assert len(re.findall(r"brf-tl-mark--labelled", svg.group())) == MAX_LABELS
    description = re.search(r'<desc id="brf-tl-desc">([^<]*)</desc>', svg.group()).group(1)
    expected = {"": f"{drawn} of the 2000 events from 2016 to 2025", "ar/": f"يعرض الرسم {drawn} من أصل 2000 من الأحداث"}
    assert description.startswith(expected[prefix])
    # Titles are spread over the years, not all in the first one.
    titled_years = set(re.findall(r'<a href="(\d{4})/[^"]*" class="[^"]*brf-tl-mark--labelled', svg.group()))
    assert len(titled_years) >= 5
    assert len(html.encode("utf-8")) < 600_000


def test_actor_page_shows_who_they_appear_with(bundled_site: Path) -> None:
    for prefix in ("", "ar/"):
        page = bundled_site / prefix / "actors" / "mohammed-shia-al-sudani" / "index.html"
        html = page.read_text(encoding="utf-8")
        diagram = re.search(r'<svg class="brf-relations__svg".*?</svg>', html, re.S)
        assert diagram, prefix
        targets = re.findall(r'<a href="([^"]+)" class="brf-rel-node">', diagram.group())
        assert len(targets) >= 3
        for url in targets:
            target, _ = resolve(bundled_site, page, url)
            assert target.is_file() and target.parent.parent.name == "actors", url


def test_actors_index_groups_actors_by_type(bundled_site: Path) -> None:
    html = (bundled_site / "actors" / "index.html").read_text(encoding="utf-8")
    for heading in ("People", "Armed groups", "Governments", "Media outlets"):
        assert f">{heading}<" in html


@pytest.mark.parametrize(("prefix", "lang"), [("", "en"), ("ar/", "ar")])
def test_each_language_has_an_atom_feed_of_events_newest_first(published_site: Path, prefix: str, lang: str) -> None:
    bundled_site = published_site  # feed links are in the pages of a site with an address
    feed = feedparser.parse((bundled_site / prefix / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    events = json.loads((bundled_site / "data" / "events.json").read_text(encoding="utf-8"))
    assert len(feed.entries) == len(events)
    days = [entry.updated for entry in feed.entries]
    assert days == sorted(days, reverse=True)
    titles = {event["title"][lang] for event in events}
    assert {entry.title for entry in feed.entries} == titles
    assert all(re.match(r"chronology/\d{4}/#", entry.link) for entry in feed.entries)
    assert len({entry.id for entry in feed.entries}) == len(events)
    # Pages point feed readers at their language's feed.
    head = (bundled_site / prefix / "index.html").read_text(encoding="utf-8")
    link = re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', head)
    assert link and resolve(bundled_site, bundled_site / prefix / "index.html", link.group(1))[0] == bundled_site / prefix / "feed.xml"


def test_pages_carry_schema_orglinked_data(bundled_site: Path) -> None:
    article = json.loads((bundled_site / "data" / "articles.json").read_text(encoding="utf-8"))[0]["id"]
    (news,) = linked_data(bundled_site / "sources" / article / "index.html")
    assert news["@type"] == "NewsArticle" and news["inLanguage"] == "ar" and news["publisher"]["name"]
    (person,) = linked_data(bundled_site / "ar" / "actors" / "mohammed-shia-al-sudani" / "index.html")
    assert (person["@type"], person["name"]) == ("Person", "محمد شياع السوداني")
    (group,) = linked_data(bundled_site / "actors" / "kataib-hezbollah" / "index.html")
    assert group["@type"] == "Organization"
    (chronology,) = linked_data(bundled_site / "chronology" / "2024" / "index.html")
    items = [item["item"] for item in chronology["itemListElement"]]
    assert all(item["@type"] == "Event" and item["startDate"] for item in items)


def test_pages_have_open_graph_with_their_address(published_site: Path) -> None:
    html = (published_site / "ar" / "actors" / "kataib-hezbollah" / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:title" content="كتائب حزب الله العراق">' in html
    assert re.search(r'<meta property="og:description" content="[^"]+">', html)
    assert '<meta property="og:url" content="https://briefing.example.org/iraq-us/ar/actors/kataib-hezbollah/">' in html
    assert '<link rel="canonical" href="https://briefing.example.org/iraq-us/ar/actors/kataib-hezbollah/">' in html


def test_arabic_typeface_is_self_hosted_with_its_licence(bundled_site: Path) -> None:
    fonts = bundled_site / "assets" / "fonts"
    assert sorted(p.name for p in fonts.glob("*.woff2")) == [
        "noto-naskh-arabic-arabic-400-normal.woff2", "noto-naskh-arabic-arabic-700-normal.woff2"
    ]
    assert "SIL Open Font License" in (fonts / "OFL-NotoNaskhArabic.txt").read_text(encoding="utf-8")
    css = (bundled_site / "assets" / "stylesheets" / "briefing.css").read_text(encoding="utf-8")
    assert 'url("../fonts/noto-naskh-arabic-arabic-400-normal.woff2")' in css
    assert sum(p.stat().st_size for p in fonts.glob("*.woff2")) < 200_000  # subset: Arabic only


def _print_pages(url: str) -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Chromium is missing: `make test` installs Debian's chromium package"
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "page.pdf"
        subprocess.run(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={folder}/profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", url],
            check=True, capture_output=True, timeout=120,
        )
        counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf.read_bytes(), re.S)]
        counts += [int(n) for n in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf.read_bytes(), re.S)]
        assert counts, "could not read the PDF's page count"
        return max(counts)


@pytest.mark.parametrize("prefix", ["", "ar/"])
@pytest.mark.browser
def test_the_briefing_prints_on_at_most_two_pages(bundled_site: Path, prefix: str) -> None:
    assert _print_pages((bundled_site / prefix / "index.html").as_uri()) <= 2


_VOID = {"br", "img", "meta", "link", "input", "hr", "wbr", "source", "col", "area"}


class _UnisolatedRuns(HTMLParser):
    """Text in the page's content written in the other script and not isolated from the
    surrounding direction (by <bdi>, <code>, or an element with its own lang or dir)."""

    def __init__(self, page_lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_lang = page_lang
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.found: list[str] = []
        self.foreign = re.compile(r"[A-Za-z]{2,}" if page_lang == "ar" else r"[\u0600-\u06ff]{2,}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data: str) -> None:
        if not any(tag == "article" for tag, _ in self.stack):
            return
        isolated = any(
            tag in ("bdi", "code", "svg", "script", "style") or attrs.get("lang") not in (None, self.page_lang) or attrs.get("dir")
            for tag, attrs in self.stack
        )
        if not isolated and self.foreign.search(data):
            self.found.append(data.strip()[:80])


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_text_in_the_other_script_is_isolated(bundled_site: Path, lang: str) -> None:
    pages = sorted((bundled_site / "ar").rglob("index.html")) if lang == "ar" else [
        p for p in sorted(bundled_site.rglob("index.html")) if p.relative_to(bundled_site).parts[0] != "ar"
    ]
    problems = {}
    for page in pages:
        parser = _UnisolatedRuns(lang)
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.found:
            problems[str(page.relative_to(bundled_site))] = parser.found[:3]
    assert problems == {}
