"""The chronology's timeline as a reader sees it in Chromium, in both languages, on a phone
(390 px) and a desktop (1280 px), measured from element boxes and computed styles.

- It fits: the drawing (or the phone's list) lies inside its column, every title and mark
  inside the drawing and the viewport, and the page does not scroll sideways. Checked at
  more widths too, on both sides of the switch between the two layouts.
- The turning points' titles are visible text of at least 11 px that overlap no other.
- Every mark is a link with a box of at least 24 x 24 px; the drawing's targets do not
  overlap; every event is reached.
- The legend is there, in the page's language.
- Arabic is mirrored: earlier dates on the right in the drawing, the months' names on the
  right of the phone's list.
- Each precision (day, month, year, interval, approximate) looks different, by class and by
  computed style; a year is never drawn as a bar across the year.
- The layout not shown is display: none, so screen readers skip it too.

Screenshots: test-artifacts/screenshots/timeline-<lang>-chronology-<width>.png.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from browser import tools
from browser.chromium import Chromium
from browser.fixtures import LANGUAGES, WIDTHS, page_url

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
SCREENSHOTS = tools.ARTIFACTS / "screenshots"
MIN_TEXT_PX = 11
MIN_TARGET_PX = 24
SLACK = 0.5
"""Sub-pixel rounding allowed in box comparisons."""

# Everything about the timeline at the current width, in one round trip.
_FACTS = """
const box = e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height}; };
const figure = document.querySelector('figure.brf-timeline');
const wide = figure.querySelector('.brf-tl-wide'), narrow = figure.querySelector('.brf-tl-narrow');
const layout = getComputedStyle(wide).display !== 'none' ? 'wide' : 'narrow';
const svg = wide.querySelector('svg');
const scale = layout === 'wide' ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1;
const visible = e => { const s = getComputedStyle(e); return s.display !== 'none' && s.visibility === 'visible' && parseFloat(s.opacity) > 0; };
const style = (e, pseudo) => { const s = getComputedStyle(e, pseudo || null); return {
  width: s.width, height: s.height, radius: s.borderTopLeftRadius, borderStyle: s.borderTopStyle + ' ' + s.borderLeftStyle,
  borderWidth: s.borderTopWidth + ' ' + s.borderLeftWidth, background: s.backgroundImage + ' ' + s.backgroundColor,
  transform: s.transform, content: s.content, dash: s.strokeDasharray, fillOpacity: s.fillOpacity}; };
let marks, titles;
if (layout === 'wide') {
  marks = [...svg.querySelectorAll('a')].map(a => {
    const shape = a.querySelector('.brf-tl-shape'), range = a.querySelector('.brf-tl-range');
    return {href: a.getAttribute('href'), classes: a.getAttribute('class'), hit: box(a.querySelector('.brf-tl-hit')),
            link: box(a), shape: box(shape), shapeTag: shape.tagName, caps: !!a.querySelector('.brf-tl-caps'),
            range: range ? box(range) : null, rangeDash: range ? getComputedStyle(range).strokeDasharray : null,
            style: style(shape), name: a.querySelector('title').textContent};
  });
  titles = [...svg.querySelectorAll('.brf-tl-label')].map(t => ({text: t.textContent, box: box(t), visible: visible(t), href: t.closest('a').getAttribute('href'),
    fill: getComputedStyle(t).fill, px: parseFloat(getComputedStyle(t).fontSize) * scale}));
} else {
  marks = [...narrow.querySelectorAll('a')].map(a => {
    const glyph = a.querySelector('.brf-tl-glyph'), row = a.closest('.brf-tlv__row');
    return {href: a.getAttribute('href'), classes: glyph.getAttribute('class'), hit: box(a), link: box(a), shape: box(glyph),
            titled: a.classList.contains('brf-tlv__event'),
            style: style(glyph), after: style(glyph, '::after'), name: a.textContent.trim(),
            when: box(row.querySelector('.brf-tlv__when')), what: box(row.querySelector('.brf-tlv__what'))};
  });
  titles = [...narrow.querySelectorAll('.brf-tlv__title')].map(t => ({text: t.textContent, box: box(t), visible: visible(t),
    fill: getComputedStyle(t).color, px: parseFloat(getComputedStyle(t).fontSize)}));
}
const legend = [...figure.querySelectorAll('figcaption .brf-tl-legend li')].map(li => ({text: li.textContent.trim(), visible: visible(li),
  box: box(li), glyph: li.querySelector('.brf-tl-glyph').getAttribute('class')}));
const shown = layout === 'wide' ? wide : narrow;
return {
  layout, scale, viewport: window.innerWidth, scrollWidth: document.documentElement.scrollWidth,
  column: box(figure.parentElement), figure: box(figure), drawing: box(layout === 'wide' ? svg : narrow.querySelector('ol')),
  shownOverflow: shown.scrollWidth - shown.clientWidth,
  hiddenDisplay: getComputedStyle(layout === 'wide' ? narrow : wide).display,
  years: layout === 'wide' ? [...svg.querySelectorAll('.brf-tl-year')].map(t => ({year: +t.textContent, box: box(t)})) : [],
  marks, titles, legend,
  caption: figure.querySelector('figcaption').textContent,
  direction: getComputedStyle(shown).direction,
};
"""


@pytest.fixture(scope="module")
def events(bundled_site: Path) -> dict[str, dict[str, Any]]:
    """The exported events by id (their earliest day, importance)."""
    data = json.loads((bundled_site / "data" / "events.json").read_text(encoding="utf-8"))
    return {event["id"]: event for event in data}


@pytest.fixture(scope="module")
def strings() -> dict[str, dict[str, str]]:
    return yaml.safe_load((REPO / "templates" / "strings.yaml").read_text(encoding="utf-8"))


def timeline_facts(browser: Chromium, site_url: str, lang: str, width: int, height: int = 900) -> dict[str, Any]:
    browser.set_viewport(width, height)
    browser.open(page_url(site_url, lang, "chronology/"))
    facts: dict[str, Any] = browser.run(_FACTS)
    return facts


def inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    return (inner["left"] >= outer["left"] - SLACK and inner["right"] <= outer["right"] + SLACK
            and inner["top"] >= outer["top"] - SLACK and inner["bottom"] <= outer["bottom"] + SLACK)


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (min(a["right"], b["right"]) - max(a["left"], b["left"]) > SLACK
            and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > SLACK)


def event_id(href: str) -> str:
    return href.rsplit("#", 1)[1]


def fitting_problems(facts: dict[str, Any]) -> list[str]:
    """What sticks out: the drawing from its column, a title or a mark from the drawing or
    the viewport, the page sideways."""
    problems = []
    viewport = {"left": 0, "right": facts["viewport"], "top": -1e9, "bottom": 1e9}
    if facts["scrollWidth"] > facts["viewport"]:
        problems.append(f"the page scrolls sideways: {facts['scrollWidth']}px in {facts['viewport']}px")
    if not inside(facts["figure"], facts["column"]) or not inside(facts["drawing"], facts["figure"]):
        problems.append(f"the {facts['layout']} layout {facts['drawing']} is not inside its column {facts['column']}")
    if facts["shownOverflow"] > 0:
        problems.append(f"the {facts['layout']} layout overflows its box by {facts['shownOverflow']}px")
    for kind, items in (("title", facts["titles"]), ("mark", facts["marks"])):
        for item in items:
            where = item["box"] if kind == "title" else item["hit"]
            if not inside(where, facts["drawing"]) or not inside(where, viewport):
                problems.append(f"{kind} {item.get('text') or item.get('href')!r} at {where} is cut off")
    return problems


# -- at 390 and 1280 px, both languages ---------------------------------------------------------


CASES = list(itertools.product(LANGUAGES, WIDTHS))


@pytest.mark.parametrize(("lang", "width"), CASES, ids=lambda value: str(value))
def test_the_timeline_fits_its_column_and_nothing_is_cut_off(
    browser: Chromium, site_url: str, lang: str, width: str
) -> None:
    size = WIDTHS[width]
    facts = timeline_facts(browser, site_url, lang, *size)
    browser.screenshot(SCREENSHOTS / f"timeline-{lang}-chronology-{size[0]}.png")
    assert facts["layout"] == ("wide" if width == "desktop" else "narrow")
    assert facts["hiddenDisplay"] == "none"  # the other layout is hidden from screen readers too
    problems = fitting_problems(facts)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("lang", "width"), CASES, ids=lambda value: str(value))
def test_turning_points_carry_readable_titles_that_overlap_nothing(
    browser: Chromium, site_url: str, events: dict[str, dict[str, Any]], lang: str, width: str
) -> None:
    facts = timeline_facts(browser, site_url, lang, *WIDTHS[width])
    titles = facts["titles"]
    turning_points = [e for e in events.values() if e["importance"] == 3]
    assert len(titles) == len(turning_points) > 0
    for title in titles:
        assert title["visible"] and title["text"].strip(), title
        assert title["px"] >= MIN_TEXT_PX, f"{title['text']!r} is {title['px']:.1f}px"
        assert title["fill"] not in ("none", "transparent", "rgba(0, 0, 0, 0)"), title
    for a, b in itertools.combinations(titles, 2):
        assert not overlap(a["box"], b["box"]), f"{a['text']!r} overlaps {b['text']!r}"
    if facts["layout"] == "wide":
        # A title never covers a mark other than its own.
        for title in titles:
            for mark in facts["marks"]:
                if mark["href"] != title["href"]:
                    assert not overlap(title["box"], mark["shape"]), f"{title['text']!r} covers {mark['name']!r}"


@pytest.mark.parametrize(("lang", "width"), CASES, ids=lambda value: str(value))
def test_every_mark_is_a_link_with_a_big_enough_target(
    browser: Chromium, site_url: str, events: dict[str, dict[str, Any]], lang: str, width: str
) -> None:
    facts = timeline_facts(browser, site_url, lang, *WIDTHS[width])
    marks = facts["marks"]
    assert {event_id(m["href"]) for m in marks} == set(events)  # every event, once
    assert len(marks) == len(events)
    for mark in marks:
        assert mark["hit"]["width"] >= MIN_TARGET_PX - 0.01 and mark["hit"]["height"] >= MIN_TARGET_PX - 0.01, mark
        assert inside(mark["shape"], mark["link"]), mark  # the visible mark is part of its link
        assert mark["name"], mark
    if facts["layout"] == "wide":
        for a, b in itertools.combinations(marks, 2):
            assert not overlap(a["hit"], b["hit"]), f"{a['name']!r} and {b['name']!r} share their targets"


@pytest.mark.parametrize(("lang", "width"), CASES, ids=lambda value: str(value))
def test_the_legend_explains_shapes_and_colours_in_the_page_language(
    browser: Chromium, site_url: str, strings: dict[str, dict[str, str]], lang: str, width: str
) -> None:
    facts = timeline_facts(browser, site_url, lang, *WIDTHS[width])
    texts = [item["text"] for item in facts["legend"]]
    for key in ("timeline_key_day", "timeline_key_month", "timeline_key_year", "timeline_key_interval", "timeline_key_approximate"):
        assert strings[key][lang] in texts, key
    assert strings["status_occurred"][lang] in texts and strings["status_planned"][lang] in texts
    assert strings["timeline_key_scale"][lang] in facts["caption"]
    for item in facts["legend"]:
        assert item["visible"] and inside(item["box"], facts["column"]), item


@pytest.mark.parametrize(("lang", "width"), CASES, ids=lambda value: str(value))
def test_arabic_is_mirrored_and_time_runs_its_way(
    browser: Chromium, site_url: str, events: dict[str, dict[str, Any]], lang: str, width: str
) -> None:
    facts = timeline_facts(browser, site_url, lang, *WIDTHS[width])
    rtl = lang == "ar"
    assert facts["direction"] == ("rtl" if rtl else "ltr")
    if facts["layout"] == "wide":
        # Year names: earlier years on the right in Arabic, on the left in English.
        years = sorted(facts["years"], key=lambda y: y["year"])
        centres = [(y["box"]["left"] + y["box"]["right"]) / 2 for y in years]
        assert centres == sorted(centres, reverse=rtl), years
        assert years[0]["year"] == 2003 and years[-1]["year"] == 2026
        # Marks of known days: later days further left in Arabic, right in English.
        days = sorted(
            ((events[event_id(m["href"])]["earliest"], (m["shape"]["left"] + m["shape"]["right"]) / 2)
             for m in facts["marks"] if m["shapeTag"] == "circle"),
        )
        xs = [x for _, x in days]
        assert len(xs) > 5
        assert all((b <= a + SLACK) if rtl else (b >= a - SLACK) for a, b in itertools.pairwise(xs)), days
    else:
        # The month and year names are on the start side: right in Arabic.
        for mark in facts["marks"]:
            if rtl:
                assert mark["when"]["left"] >= mark["what"]["right"] - SLACK, mark
            else:
                assert mark["when"]["right"] <= mark["what"]["left"] + SLACK, mark
        # Marks of one row: in reading order (events.json's: by date, the sources' order
        # relations applied, a month's events whose day is not known last), the first on
        # the right in Arabic.
        reading = {event: index for index, event in enumerate(events)}
        rows: dict[float, list[tuple[int, float]]] = {}
        for mark in facts["marks"]:
            if not mark["titled"]:
                rows.setdefault(round(mark["hit"]["top"]), []).append((reading[event_id(mark["href"])], mark["hit"]["left"]))
        checked = 0
        for row in rows.values():
            if len(row) > 1:
                xs = [x for _, x in sorted(row, key=lambda mark: mark[0])]
                assert xs == sorted(xs, reverse=rtl), row
                checked += 1
        assert checked >= 3


@pytest.mark.parametrize(("lang", "width"), CASES, ids=lambda value: str(value))
def test_each_precision_looks_different(browser: Chromium, site_url: str, lang: str, width: str) -> None:
    facts = timeline_facts(browser, site_url, lang, *WIDTHS[width])
    by_precision: dict[str, list[dict[str, Any]]] = {}
    for mark in facts["marks"]:
        precision = next(c.split("--")[1] for c in mark["classes"].split() if c.startswith("brf-tl-p--"))
        kind = precision + ("+approx" if "brf-tl-approx" in mark["classes"] else "")
        by_precision.setdefault(kind, []).append(mark)
    assert {"day", "month", "year", "interval", "month+approx"} <= set(by_precision)

    def look(mark: dict[str, Any]) -> tuple[object, ...]:
        if facts["layout"] == "wide":
            return (mark["shapeTag"], mark["caps"], mark["range"] is not None, mark["style"]["dash"], mark["style"]["fillOpacity"])
        style, after = mark["style"], mark["after"]
        return (style["radius"], style["borderStyle"], style["borderWidth"], style["background"], after["content"],
                after["transform"], after["borderStyle"], style["width"] if "--day" not in mark["classes"] else "")

    looks = {kind: {look(m) for m in marks} for kind, marks in by_precision.items()}
    for a, b in itertools.combinations(looks, 2):
        assert not looks[a] & looks[b], f"{a} and {b} look alike: {looks[a] & looks[b]}"
    # A year known only to the year: a small mark, not a bar as wide as the year.
    for mark in by_precision["year"]:
        if facts["layout"] == "wide":
            assert mark["shape"]["width"] < 20, mark
            assert mark["range"]["width"] > 2 * mark["shape"]["width"] and mark["rangeDash"] not in ("none", ""), mark
        else:  # a diamond on a dotted line, as in the drawing
            assert mark["after"]["transform"] != "none" and "radial-gradient" in mark["style"]["background"], mark


@pytest.mark.parametrize(("lang", "width"), list(itertools.product(LANGUAGES, (320, 600, 700, 960, 1600))))
def test_the_timeline_fits_at_other_widths_too(browser: Chromium, site_url: str, lang: str, width: int) -> None:
    """Either side of the switch between the layouts (a column 660 px wide): the drawing is
    never shrunk below its size, so its titles and targets keep theirs."""
    facts = timeline_facts(browser, site_url, lang, width)
    problems = fitting_problems(facts)
    assert not problems, "\n".join(problems)
    assert facts["scale"] >= 1 - 1e-6
    assert all(title["px"] >= MIN_TEXT_PX for title in facts["titles"])
    assert all(m["hit"]["width"] >= MIN_TARGET_PX - 0.01 and m["hit"]["height"] >= MIN_TARGET_PX - 0.01 for m in facts["marks"])
