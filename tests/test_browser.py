"""The built site in a real browser: headless Chromium, both languages, phone and desktop.

On the home, chronology, one actor and one source page of each language, at 390 and 1280 CSS
pixels wide: no horizontal overflow, the right language and direction, the language selector
leads to the same page in the other language, and a screenshot for a person to look at
(test-artifacts/screenshots/<lang>-<page>-<width>.png). axe-core finds no serious or critical
accessibility violation on those pages (test-artifacts/axe-report.json), and the Nu Html
Checker finds no error in any built page (test-artifacts/vnu-report.json).

Needs Debian's chromium and chromium-driver, Java, and `npm ci` (axe-core, vnu-jar): `make
test` installs them, and a missing one fails the tests with the command that installs it.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from browser import axe, tools, vnu
from browser.chromium import Chromium
from browser.fixtures import LANGUAGES, WIDTHS, Report, page_url
from htmlcheck import html_pages

pytestmark = pytest.mark.browser


PAGES = ("home", "chronology", "actor", "source")

SCREENSHOTS = tools.ARTIFACTS / "screenshots"
AXE_REPORT = tools.ARTIFACTS / "axe-report.json"
VNU_REPORT = tools.ARTIFACTS / "vnu-report.json"


# -- fixtures ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def axe_report() -> Report:
    return Report(AXE_REPORT)


# -- layout, language and the selector, per page and width ---------------------------------------


@pytest.mark.parametrize(
    ("lang", "page", "width"),
    list(itertools.product(LANGUAGES, PAGES, WIDTHS)),
    ids=lambda value: str(value),
)
def test_page_layout_language_and_selector(
    browser: Chromium, site_url: str, page_paths: dict[str, str], lang: str, page: str, width: str
) -> None:
    size = WIDTHS[width]
    path = page_paths[page]
    url = page_url(site_url, lang, path)
    browser.set_viewport(*size)
    browser.open(url)
    browser.screenshot(SCREENSHOTS / f"{lang}-{page}-{size[0]}.png")
    facts = browser.facts()
    problems = []

    if facts["scrollWidth"] > facts["innerWidth"]:
        offenders = "\n    ".join(browser.overflowing_elements()) or "(no single element found)"
        problems.append(
            f"horizontal overflow: the page is {facts['scrollWidth']}px wide in a "
            f"{facts['innerWidth']}px viewport; elements past the edge:\n    {offenders}"
        )

    direction = "rtl" if lang == "ar" else "ltr"
    if facts["lang"] != lang:
        problems.append(f'<html lang="{facts["lang"]}">, expected lang="{lang}"')
    if lang == "ar" and facts["dir"] != "rtl":
        problems.append(f'<html dir="{facts["dir"]}">, expected dir="rtl"')
    if lang == "en" and facts["dir"] not in (None, "", "ltr"):
        problems.append(f'<html dir="{facts["dir"]}"> on an English page')
    if facts["bodyDirection"] != direction or facts["htmlDirection"] != direction:
        problems.append(
            f"computed direction: html {facts['htmlDirection']}, body {facts['bodyDirection']}; expected {direction}"
        )

    other = "ar" if lang == "en" else "en"
    browser.choose_language(other)
    expected = page_url(site_url, other, path)
    landed = browser.facts()
    if browser.url.split("#")[0] != expected:
        problems.append(f"language selector led to {browser.url}, expected {expected}")
    elif landed["lang"] != other:
        problems.append(f"language selector led to a page with lang={landed['lang']!r}, expected {other!r}")

    if problems:
        pytest.fail(f"{url} at {size[0]}x{size[1]}:\n" + "\n".join(problems), pytrace=False)


# -- accessibility, per page at desktop width ----------------------------------------------------


@pytest.mark.parametrize(("lang", "page"), list(itertools.product(LANGUAGES, PAGES)), ids=lambda value: str(value))
def test_no_serious_accessibility_violation(
    browser: Chromium,
    site_url: str,
    page_paths: dict[str, str],
    axe_report: Report,
    lang: str,
    page: str,
) -> None:
    axe_source = tools.axe_script()
    url = page_url(site_url, lang, page_paths[page])
    browser.set_viewport(*WIDTHS["desktop"])
    browser.open(url)
    result = axe.run_axe(browser, axe_source)
    axe_report.add(f"{lang}-{page}", {"url": LANGUAGES[lang] + page_paths[page], **axe.summary(result)})
    found = axe.blocking(result)
    if found:
        pytest.fail(
            f"axe-core: serious or critical violations on {url} (all findings: {AXE_REPORT}):\n" + axe.describe(found),
            pytrace=False,
        )


# -- HTML validity, every built page -------------------------------------------------------------


def test_every_page_is_valid_html(bundled_site: Path) -> None:
    java, jar = tools.java(), tools.vnu_jar()
    pages = html_pages(bundled_site)
    assert len(pages) > 8
    assert any(p.relative_to(bundled_site).parts[0] == "ar" for p in pages)
    errors, report = vnu.check(java, jar, pages, bundled_site)
    VNU_REPORT.parent.mkdir(parents=True, exist_ok=True)
    VNU_REPORT.write_text(
        json.dumps(
            {"pages": len(pages), "errors": [vars(e) for e in errors], "vnu": report},
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    if errors:
        pytest.fail(
            f"Nu Html Checker: {len(errors)} errors in {len({e.file for e in errors})} of {len(pages)} pages "
            f"(all: {VNU_REPORT}):\n" + vnu.grouped(errors),
            pytrace=False,
        )


# -- the language switch keeps the place on the page ----------------------------------------------


@pytest.mark.parametrize(("lang", "other"), [("en", "ar"), ("ar", "en")])
def test_language_switch_keeps_the_anchor(
    browser: Chromium, site_url: str, bundled_site: Path, lang: str, other: str
) -> None:
    """Events have the same anchor in both languages: switching language on an event of the
    chronology lands on the same event in the other language."""
    events = json.loads((bundled_site / "data" / "events.json").read_text(encoding="utf-8"))
    event = next(e for e in events if e["earliest"].startswith("2024-03"))
    path = f"chronology/2024/#{event['id']}"
    browser.set_viewport(*WIDTHS["phone"])
    browser.open(page_url(site_url, lang, path))
    browser.choose_language(other)
    assert browser.url == page_url(site_url, other, path)
    assert browser.driver.execute_script("return document.documentElement.lang") == other
    assert event["title"][other] in browser.driver.execute_script(
        "return document.getElementById(arguments[0]).textContent", event["id"]
    )
