"""The engine layer (briefing/engine): one MkDocs build per language, each with its own
navigation, 404 page, sitemap and search index; addresses from site_url; and no MkDocs
anywhere else in the package."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import PUBLISHED_URL, REPO, make_project, run_cli, snapshot
from htmlcheck import html_pages, read_page

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _sitemap(site: Path, prefix: str) -> dict[str, dict[str, str]]:
    """Each <loc> of a sitemap, with its hreflang alternates."""
    root = ET.parse(site / prefix / "sitemap.xml").getroot()
    return {
        url.findtext(f"{SITEMAP}loc", ""): {link.get("hreflang", ""): link.get("href", "") for link in url.iter(f"{XHTML}link")}
        for url in root.iter(f"{SITEMAP}url")
    }


def test_each_language_has_its_own_sitemap_of_absolute_addresses(published_site: Path) -> None:
    english, arabic = _sitemap(published_site, ""), _sitemap(published_site, "ar")
    pages = [p.relative_to(published_site).as_posix() for p in html_pages(published_site) if p.name == "index.html"]
    assert sorted(english) == sorted(PUBLISHED_URL + p.removesuffix("index.html") for p in pages if not p.startswith("ar/"))
    assert sorted(arabic) == sorted(PUBLISHED_URL + p.removesuffix("index.html") for p in pages if p.startswith("ar/"))
    actor = PUBLISHED_URL + "ar/actors/kataib-hezbollah/"
    assert arabic[actor] == {
        "ar": actor,
        "en": PUBLISHED_URL + "actors/kataib-hezbollah/",
        "x-default": PUBLISHED_URL + "actors/kataib-hezbollah/",
    }
    assert english[PUBLISHED_URL]["ar"] == PUBLISHED_URL + "ar/"


def test_robots_txt_names_both_sitemaps(published_site: Path) -> None:
    assert (published_site / "robots.txt").read_text(encoding="utf-8") == (
        "User-agent: *\nAllow: /\n\n"
        f"Sitemap: {PUBLISHED_URL}sitemap.xml\nSitemap: {PUBLISHED_URL}ar/sitemap.xml\n"
    )


def test_a_site_without_an_address_has_no_sitemap_and_no_alternate_links(bundled_site: Path) -> None:
    """No site_url: no sitemap (rather than a broken one), and nothing in the pages that
    would make Material's script ask for one."""
    assert not list(bundled_site.rglob("sitemap.xml*")) and not (bundled_site / "robots.txt").exists()
    for page in (bundled_site / "index.html", bundled_site / "ar" / "chronology" / "index.html"):
        assert '<link rel="alternate"' not in page.read_text(encoding="utf-8")
        assert '<link rel="canonical"' not in page.read_text(encoding="utf-8")


def test_publishing_without_an_address_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", REPO / "content")
    assert run_cli(project).returncode == 0
    before = snapshot(project / "site")
    result = run_cli(project, "publish")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "build failed, site/ left unchanged: publishing needs the site's address for the sitemaps "
        "and feeds: set site_url in mkdocs.yml or pass --site-url https://example.org/briefing/"
    )
    assert snapshot(project / "site") == before


def test_each_language_has_its_own_not_found_page_with_absolute_links(published_site: Path, bundled_site: Path) -> None:
    for site, root in ((published_site, "/iraq-us/"), (bundled_site, "/")):
        arabic = read_page(site / "ar" / "404.html")
        english = read_page(site / "404.html")
        assert (arabic.html_attrs.get("lang"), arabic.html_attrs.get("dir")) == ("ar", "rtl")
        assert english.html_attrs.get("lang") == "en"
        # A server shows the page at any missing address, so its links cannot be relative.
        tabs = [url for tag, url, attrs in arabic.links if tag == "a" and "md-tabs__link" in attrs.get("class", "")]
        assert tabs and all(url.startswith(root + "ar/") for url in tabs), tabs
        selector = {a.get("hreflang"): url for tag, url, a in arabic.links if "md-select__link" in a.get("class", "")}
        assert selector == {"en": root, "ar": root + "ar/"}
    text = (bundled_site / "ar" / "404.html").read_text(encoding="utf-8")
    assert "404" in text and "الصفحة غير موجودة" in text


def test_each_language_has_its_own_navigation(bundled_site: Path) -> None:
    def tabs(page: Path) -> list[str]:
        html = page.read_text(encoding="utf-8")
        return [re.sub(r"\s+", " ", t).strip() for t in re.findall(r'class="md-tabs__link[^"]*">(.*?)</a>', html, re.S)]

    assert tabs(bundled_site / "index.html") == ["Briefing", "Chronology", "Actors", "Sources", "Questions", "What changed", "About"]
    assert tabs(bundled_site / "ar" / "index.html") == [
        "الموجز", "التسلسل الزمني", "الأطراف الفاعلة", "المصادر", "القضايا المفتوحة", "ما الذي تغيّر", "عن هذا الموجز"
    ]


def test_each_language_is_named_in_its_own_language(bundled_site: Path) -> None:
    dossier_title_ar = "إنهاء مهمة التحالف الدولي في العراق"
    assert dossier_title_ar in read_page(bundled_site / "ar" / "index.html").title
    assert "Ending the US-led coalition" in read_page(bundled_site / "index.html").title


def test_only_the_engine_imports_mkdocs() -> None:
    """The model, the rendering, the search index and the sitemaps know nothing of MkDocs,
    so that the site can move to another engine by replacing briefing/engine."""
    offenders = []
    for path in sorted((REPO / "briefing").rglob("*.py")):
        if "engine" in path.relative_to(REPO / "briefing").parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] in ("mkdocs", "material", "markdown", "pymdownx") for name in names):
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert offenders == []
