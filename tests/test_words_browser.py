"""Words and colours in Chromium, both languages, phone and desktop: the language switch keeps
the reader's place (the event they were reading), the source pages show scraping leftovers
dimmed and labelled, and the dark colour scheme follows the system setting from the first
paint, has a toggle named in the page's language, and passes axe-core in both schemes.

Screenshots for a person to look at: test-artifacts/screenshots/words-<lang>-<page>-<width>[-dark].png.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser import axe, tools
from browser.chromium import Chromium
from browser.fixtures import LANGUAGES, WIDTHS, Report, page_url

pytestmark = pytest.mark.browser

SCREENSHOTS = tools.ARTIFACTS / "screenshots"
AXE_REPORT = tools.ARTIFACTS / "axe-dark-report.json"
PAGES = ("home", "chronology", "actor", "source")
LEFTOVER_SOURCE = "sources/aggregator-2024-01-hmc-first-round/"
"""A bundled source whose raw text has scraping leftovers ([ad_1], [ad_2])."""


@pytest.fixture(scope="module")
def axe_report() -> Report:
    return Report(AXE_REPORT)


def _scheme(browser: Chromium, scheme: str | None) -> None:
    """Emulate the system's colour scheme (None: Chromium's default, light)."""
    features = [{"name": "prefers-color-scheme", "value": scheme}] if scheme else []
    browser.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": features})


def _forget_choice(browser: Chromium) -> None:
    """A reader who never pressed the colour toggle (Material keeps the choice in storage)."""
    browser.run("localStorage.clear()")


@pytest.fixture
def dark(browser: Chromium) -> Iterator[None]:
    _scheme(browser, "dark")
    yield
    _forget_choice(browser)
    _scheme(browser, None)


def _channels(css_colour: str) -> list[float]:
    """An rgb()/rgba() colour's red, green, blue (0-1) and alpha."""
    values = [float(v) for v in css_colour[css_colour.index("(") + 1:-1].split(",")]
    return [v / 255 for v in values[:3]] + [values[3] if len(values) > 3 else 1.0]


def _luminance(css_colour: str, background: str = "rgb(255, 255, 255)") -> float:
    """Relative luminance (WCAG) of a colour as drawn on an opaque `background`."""
    *colour, alpha = _channels(css_colour)
    drawn = [alpha * c + (1 - alpha) * b for c, b in zip(colour, _channels(background)[:3], strict=True)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in drawn]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


# -- the language switch keeps the place -----------------------------------------------------------


def _events_of_2024(bundled_site: Path) -> list[str]:
    events = json.loads((bundled_site / "data" / "events.json").read_text(encoding="utf-8"))
    return [e["id"] for e in events if e["earliest"].startswith("2024-")]


@pytest.mark.parametrize(("lang", "other", "width"), [
    (lang, other, width) for lang, other in (("en", "ar"), ("ar", "en")) for width in WIDTHS
])
def test_the_language_switch_keeps_the_event_however_it_is_followed(
    browser: Chromium, site_url: str, bundled_site: Path, lang: str, other: str, width: str
) -> None:
    """On a chronology page opened at an event, the other language's link already carries the
    event (a new tab or a copied address keeps it, not only a click); moving to another
    event on the page moves the link with it; following it lands on that event, in view."""
    first, second = _events_of_2024(bundled_site)[3], _events_of_2024(bundled_site)[-2]
    browser.set_viewport(*WIDTHS[width])
    browser.open(page_url(site_url, lang, f"chronology/2024/#{first}"))
    link = f'.md-select__link[hreflang="{other}"]'
    assert browser.run(f"return document.querySelector('{link}').href") == page_url(site_url, other, f"chronology/2024/#{first}")

    browser.run("location.hash = arguments[0]", second)  # as a click on a link to it would
    assert browser.run(f"return document.querySelector('{link}').href") == page_url(site_url, other, f"chronology/2024/#{second}")

    browser.choose_language(other)
    assert browser.url == page_url(site_url, other, f"chronology/2024/#{second}")
    assert browser.run("return document.documentElement.lang") == other
    top, height = browser.run(
        "const r = document.getElementById(arguments[0]).getBoundingClientRect(); return [r.top, innerHeight]", second
    )
    assert 0 <= top < height / 2, f"the event {second} is not in view after the switch (top {top})"

    browser.run("history.replaceState(null, '', location.pathname); dispatchEvent(new HashChangeEvent('hashchange'))")
    assert browser.run(f"return document.querySelector('.md-select__link[hreflang=\"{lang}\"]').hash") == ""


# -- scraping leftovers ----------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "width"), list(itertools.product(LANGUAGES, WIDTHS)))
def test_scraping_leftovers_are_dimmed_and_labelled(browser: Chromium, site_url: str, lang: str, width: str) -> None:
    browser.set_viewport(*WIDTHS[width])
    browser.open(page_url(site_url, lang, LEFTOVER_SOURCE))
    found = browser.run("""
      return [...document.querySelectorAll('.brf-raw .brf-leftover')].map(el => {
        const text = el.querySelector('bdi'), label = el.querySelector('.brf-leftover__label');
        const box = label.getBoundingClientRect(), raw = el.closest('.brf-raw').getBoundingClientRect();
        return {text: text.textContent, label: label.textContent, lang: label.closest('[lang]').lang,
                textColour: getComputedStyle(text).color,
                bodyColour: getComputedStyle(el.closest('.brf-raw')).color,
                background: getComputedStyle(document.body).backgroundColor,
                select: getComputedStyle(label).userSelect, width: box.width, height: box.height,
                inside: box.left >= raw.left - 1 && box.right <= raw.right + 1};
      });""")
    assert [item["text"] for item in found] == ["[ad_1]", "[ad_2]"]
    for item in found:
        assert item["label"] == ("scraping leftover" if lang == "en" else "من بقايا الجمع الآلي")
        assert item["lang"] == lang
        assert item["width"] > 20 and item["height"] > 8 and item["inside"], item
        assert item["select"] == "none"  # copying the raw text copies the raw text only
    # Dimmed: lighter than the body text ([ad_2] is in a cited passage and keeps its colour).
    first = found[0]
    assert _luminance(first["textColour"], first["background"]) > _luminance(first["bodyColour"], first["background"]) + 0.05


# -- the dark colour scheme ------------------------------------------------------------------------

# Set before any page script runs: records the colour scheme the page has when its content
# starts, before Material's bundle (at the end of the page) could apply one.
_SCHEME_AT_FIRST_PAINT = """
new MutationObserver((changes, observer) => {
  const main = document.querySelector('main');
  if (main && !window.__schemeAtContent) {
    window.__schemeAtContent = document.body.getAttribute('data-md-color-scheme');
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


@pytest.fixture
def scheme_recorder(browser: Chromium) -> Iterator[None]:
    script = browser.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _SCHEME_AT_FIRST_PAINT})
    yield
    browser.driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})


@pytest.mark.parametrize(("lang", "page", "width"), list(itertools.product(LANGUAGES, PAGES, WIDTHS)))
def test_dark_scheme_follows_the_system_and_passes_axe(
    browser: Chromium, site_url: str, page_paths: dict[str, str], axe_report: Report,
    dark: None, scheme_recorder: None, lang: str, page: str, width: str,
) -> None:
    browser.set_viewport(*WIDTHS[width])
    path = LEFTOVER_SOURCE if page == "source" else page_paths[page]
    browser.open(page_url(site_url, lang, path))
    _forget_choice(browser)
    browser.open(page_url(site_url, lang, path))
    assert browser.run("return window.__schemeAtContent") == "slate", "the page was drawn light first"
    background = browser.run("return getComputedStyle(document.body).backgroundColor")
    text = browser.run("return getComputedStyle(document.querySelector('.md-typeset')).color")
    assert _luminance(background) < 0.05 and _luminance(text, background) > 0.4, (background, text)
    browser.screenshot(SCREENSHOTS / f"words-{lang}-{page}-{WIDTHS[width][0]}-dark.png")
    result = axe.run_axe(browser, tools.axe_script())
    axe_report.add(f"{lang}-{page}-{width}-dark", axe.summary(result))
    blocking = axe.blocking(result)
    assert not blocking, f"axe-core, dark scheme, {lang} {page} {width}:\n" + axe.describe(blocking)


@pytest.mark.parametrize(("lang", "width"), list(itertools.product(LANGUAGES, WIDTHS)))
def test_the_toggle_is_named_in_the_page_language_and_the_choice_holds_in_both(
    browser: Chromium, site_url: str, dark: None, lang: str, width: str
) -> None:
    """The system is dark; the toggle goes to light, then dark, then back to the system's
    colours, each named in the page's language; a choice holds on the other language too."""
    names = {
        "en": ["Switch to light colours", "Switch to dark colours", "Follow the system's colours"],
        "ar": ["التبديل إلى الألوان الفاتحة", "التبديل إلى الألوان الداكنة", "اتباع ألوان النظام"],
    }[lang]
    browser.set_viewport(*WIDTHS[width])
    browser.open(page_url(site_url, lang, ""))
    _forget_choice(browser)
    browser.open(page_url(site_url, lang, ""))
    schemes = []
    for name in names:
        toggle = browser.run(
            "return [...document.querySelectorAll('[data-md-component=palette] label')]"
            ".find(l => !l.hidden && l.getBoundingClientRect().width > 0)"
        )
        assert toggle is not None, "no colour toggle is shown"
        assert toggle.get_attribute("title") == name
        schemes.append(browser.run("return document.body.getAttribute('data-md-color-scheme')"))
        if name == names[1]:  # light, chosen: the other language's pages are light too
            other = "ar" if lang == "en" else "en"
            browser.open(page_url(site_url, other, "chronology/"))
            assert browser.run("return document.body.getAttribute('data-md-color-scheme')") == "default"
            browser.open(page_url(site_url, lang, ""))
        toggle = browser.run(
            "return [...document.querySelectorAll('[data-md-component=palette] label')]"
            ".find(l => !l.hidden && l.getBoundingClientRect().width > 0)"
        )
        toggle.click()
        browser.wait_until_ready()
    schemes.append(browser.run("return document.body.getAttribute('data-md-color-scheme')"))
    # system (dark) -> light -> dark -> system (dark)
    assert schemes == ["slate", "default", "slate", "slate"]
    if WIDTHS[width][0] >= 1280:
        browser.screenshot(SCREENSHOTS / f"words-{lang}-toggle-{WIDTHS[width][0]}.png", max_height=400)


@pytest.mark.parametrize(("lang", "width"), list(itertools.product(LANGUAGES, WIDTHS)))
def test_dark_search_results_pass_axe(
    browser: Chromium, site_url: str, axe_report: Report, dark: None, lang: str, width: str
) -> None:
    """The search box's results (their own colours: matches, details) in the dark scheme."""
    from test_search import search_for

    results = search_for(browser, site_url, lang, "السوداني" if lang == "ar" else "Sudani", width)
    assert results.items, "the search found nothing"
    assert browser.run("return document.body.getAttribute('data-md-color-scheme')") == "slate"
    marks = browser.run("return document.querySelectorAll('#briefing-search-results mark').length")
    assert marks > 0
    browser.wait_until_ready()  # Material's tabs fade in: their colours at rest
    browser.screenshot(SCREENSHOTS / f"words-{lang}-search-{WIDTHS[width][0]}-dark.png", max_height=900)
    result = axe.run_axe(browser, tools.axe_script())
    axe_report.add(f"{lang}-search-{width}-dark", axe.summary(result))
    blocking = axe.blocking(result)
    assert not blocking, f"axe-core, dark scheme, search results, {lang} {width}:\n" + axe.describe(blocking)
