"""End to end: the built site as a reader gets it, for the bundled and the second dossier."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, make_project, project_env, snapshot
from briefing.urls import CHRONOLOGY_PAGE_EVENTS
from htmlcheck import html_pages, is_third_party, read_page, resolve

SITES = ["bundled_site", "other_story_site", "busy_site"]
SECTIONS = ("", "chronology/", "actors/", "sources/", "questions/", "changes/", "about/")


@pytest.fixture(params=SITES)
def site(request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue(request.param)


def _ids(site: Path, kind: str) -> list[str]:
    return [item["id"] for item in json.loads((site / "data" / f"{kind}.json").read_text(encoding="utf-8"))]


def test_every_page_kind_exists_in_both_languages(site: Path) -> None:
    expected = list(SECTIONS)
    expected += sorted({f"chronology/{event['earliest'][:4]}/" for event in json.loads((site / "data" / "events.json").read_text(encoding="utf-8"))})
    expected += [f"actors/{actor}/" for actor in _ids(site, "actors")]
    expected += [f"sources/{article}/" for article in _ids(site, "articles")]
    for prefix in ("", "ar/"):
        for url in expected:
            assert (site / prefix / url / "index.html").is_file(), prefix + url


def test_language_and_direction_are_declared(site: Path) -> None:
    for page in html_pages(site):
        attrs = read_page(page).html_attrs
        if page.relative_to(site).parts[0] == "ar":
            assert (attrs.get("lang"), attrs.get("dir")) == ("ar", "rtl"), page
        else:
            assert attrs.get("lang") == "en" and "dir" not in attrs, page


def test_each_language_has_its_own_not_found_page(site: Path) -> None:
    assert read_page(site / "404.html").html_attrs.get("lang") == "en"
    assert read_page(site / "ar" / "404.html").html_attrs.get("dir") == "rtl"


def test_language_selector_leads_to_the_equivalent_page(site: Path) -> None:
    for page in html_pages(site):
        relative = page.relative_to(site).as_posix()
        if page.name == "404.html":
            continue
        facts = read_page(page)
        selector = {a.get("hreflang"): url for tag, url, a in facts.links if tag == "a" and "md-select__link" in a.get("class", "")}
        english = relative.removeprefix("ar/")
        for lang, expected in (("en", english), ("ar", "ar/" + english)):
            target, _ = resolve(site, page, selector[lang])
            assert target == site / expected, (relative, lang, selector[lang])


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    pages = {page: read_page(page) for page in html_pages(site)}
    broken = []
    for page, facts in pages.items():
        for _tag, url, _ in facts.links:
            resolved = resolve(site, page, url)
            if resolved is None:
                continue
            target, fragment = resolved
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {url}")
            elif fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else read_page(target).ids
                if fragment not in ids:
                    broken.append(f"{page.relative_to(site)}: {url} (no such anchor)")
    assert broken == []


def test_no_request_or_link_to_a_third_party_host(site: Path) -> None:
    offenders = []
    for page in html_pages(site):
        for tag, url, _ in read_page(page).links:
            if is_third_party(url):
                offenders.append(f"{page.relative_to(site)}: <{tag}> {url}")
    for stylesheet in site.rglob("*.css"):
        found = re.findall(r"url\(\s*['\"]?(https?://[^)'\"]+)", stylesheet.read_text(encoding="utf-8"))
        offenders.extend(f"{stylesheet.relative_to(site)}: {url}" for url in found)
    assert offenders == []


def test_arabic_headings_get_readable_anchors(site: Path) -> None:
    headings = read_page(site / "ar" / "index.html").headings
    assert any(re.search("[\u0600-\u06ff]", anchor) for tag, anchor in headings if tag == "h2")


def test_nav_lists_only_the_section_pages(site: Path) -> None:
    html = (site / "actors" / "index.html").read_text(encoding="utf-8")
    tabs = re.findall(r'<li class="md-tabs__item[^"]*">\s*<a href="([^"]+)"', html)
    assert len(tabs) == len(SECTIONS)


def test_exports_hold_the_documented_fields(site: Path) -> None:
    events = json.loads((site / "data" / "events.json").read_text(encoding="utf-8"))
    actors = json.loads((site / "data" / "actors.json").read_text(encoding="utf-8"))
    articles = json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))
    assert {"id", "date", "status", "title", "summary", "actors", "sources"} <= set(events[0])
    assert set(events[0]["title"]) == {"ar", "en"}
    assert {"article", "excerpt"} == set(events[0]["sources"][0])
    assert {"id", "type", "name", "other_names", "role"} <= set(actors[0])
    assert {"id", "outlet", "published", "title", "sha256", "quotes"} <= set(articles[0])
    quotes = [q for a in articles for q in a["quotes"]]
    assert quotes and {"speaker", "excerpt", "translation_en"} <= set(quotes[0])


def test_source_page_shows_the_raw_text_with_cited_passages_marked(other_story_site: Path) -> None:
    html = (other_story_site / "ar" / "sources" / "sada-tbm-launch" / "index.html").read_text(encoding="utf-8")
    assert '<div class="brf-raw" lang="ar" dir="rtl">' in html
    assert "<mark>" in html
    assert "نحن نحفر اليوم أول متر من نفق" in html


def test_chronology_orders_and_words_dates_per_dossier(other_story_site: Path) -> None:
    # The fixture asks for newest first and Egyptian month names.
    index = (other_story_site / "ar" / "chronology" / "index.html").read_text(encoding="utf-8")
    index = index[index.index('<ul class="brf-years">'):]  # the list of years and months
    assert index.index("يونيو 2027") < index.index("مارس 2025") < index.index("عام 2019")
    year = (other_story_site / "ar" / "chronology" / "2025" / "index.html").read_text(encoding="utf-8")
    assert year.index("مارس 2025") < year.index("نحو فبراير 2025")
    english = (other_story_site / "chronology" / "2025" / "index.html").read_text(encoding="utf-8")
    assert "1 March 2025 – 9 March 2025" in english


def test_nothing_in_code_or_templates_is_specific_to_the_bundled_dossier() -> None:
    words = ["iraq", "العراق", "coalition", "التحالف", "sudani", "السوداني", "ain al-asad", "washington"]
    for folder in ("briefing", "templates"):
        for path in (REPO / folder).rglob("*"):
            if path.is_file() and path.suffix in (".py", ".j2", ".yaml", ".html", ".css"):
                text = path.read_text(encoding="utf-8").casefold()
                assert not [w for w in words if w in text], path
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8").casefold()
    assert not [w for w in words if w in config]


def test_a_busy_year_is_split_into_month_pages_that_list_each_event_once(busy_site: Path) -> None:
    events = json.loads((busy_site / "data" / "events.json").read_text(encoding="utf-8"))
    for prefix in ("", "ar/"):
        listed: list[str] = []
        for page in sorted((busy_site / prefix / "chronology").glob("*/*/index.html")):
            ids = re.findall(r'<h3 id="([^"]+)"', page.read_text(encoding="utf-8"))
            assert 0 < len(ids) <= CHRONOLOGY_PAGE_EVENTS, page
            listed += ids
        assert sorted(listed) == sorted(event["id"] for event in events)
        # The year's own page lists its months, with their counts.
        overview = (busy_site / prefix / "chronology" / "2020" / "index.html").read_text(encoding="utf-8")
        assert 'href="01/"' in overview and "<h3" not in overview


def test_languages_built_in_parallel_equal_the_languages_built_in_turn(bundled_site: Path, tmp_path: Path) -> None:
    """By default the two languages are rendered, and built by MkDocs, in two processes;
    BRIEFING_SERIAL=1 does it all in one, as `mkdocs build` does."""
    project = make_project(tmp_path / "project", REPO / "content")
    done = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "--project", str(project)],
        capture_output=True, text=True, env={**project_env(), "BRIEFING_SERIAL": "1"}, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "documentation to directory" in done.stderr and ".ar-" not in done.stderr  # no worker
    serial, parallel = snapshot(project / "site"), snapshot(bundled_site)
    assert serial.keys() == parallel.keys()
    assert [name for name in serial if serial[name] != parallel[name]] == []


def test_the_sites_own_stylesheets_are_served_as_one_file(bundled_site: Path) -> None:
    """Each stylesheet is a request that holds back the first paint: the pages link Material's
    two and one of ours, which joins mkdocs.yml's extra_css in its order."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    extra_css = re.findall(r"^  - (assets/stylesheets/\S+\.css)$", config.split("extra_css:")[1].split("\n\n")[0], re.M)
    assert len(extra_css) >= 5, extra_css
    for page, prefix in ((bundled_site / "index.html", ""), (bundled_site / "ar" / "chronology" / "index.html", "../")):
        links = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.read_text(encoding="utf-8"))
        assert [link for link in links if "/main." not in link and "/palette." not in link] == [
            f"{prefix}assets/stylesheets/site.css"
        ], links
    joined = (bundled_site / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    sources = REPO / "templates" / "overrides"
    expected = "\n".join(f"/* {name} */\n{(sources / name).read_text(encoding='utf-8')}" for name in extra_css)
    assert joined == expected


def test_no_script_holds_back_the_first_paint(site: Path) -> None:
    """A script fetched without `defer` or `async` stops the parser until it has downloaded
    and run, even at the end of the body, and the phone draws nothing meanwhile: every page
    of both languages loads Material's bundle and ours deferred (inline scripts are small
    and need no download)."""
    checked = 0
    for page in html_pages(site):
        for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", page.read_text(encoding="utf-8")):
            assert re.search(r"\s(defer|async)[\s>]", tag), f"{page.relative_to(site)}: {tag}"
            checked += 1
    assert checked >= 2 * len(list(html_pages(site)))
