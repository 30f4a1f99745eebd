"""Pages that fit a phone, and Arabic typography without flaws, measured in Chromium.

Both languages at 390 and 1280 CSS pixels, on the bundled site: every table readable (no
column squeezed to a word per line, no header or caption clipped), the relations diagram
inside the screen with names at 11 px or more, the briefing's bottom line in the first phone
screen ahead of any long list, its notices one line, its key figures an even grid; Arabic
text never slanted, the marks above and below its letters never clipped, Arabic excerpts on
English pages as large as the body text, and the digits of a page in one font.

What is measured comes from element boxes, computed styles and the glyphs' own extents
(canvas TextMetrics), as a reader would see them. Screenshots:
test-artifacts/screenshots/layout-<lang>-<page>-<width>.png.
"""

from __future__ import annotations

import itertools
import re
import time
from pathlib import Path

import pytest

from browser import tools
from browser.chromium import Chromium
from browser.fixtures import LANGUAGES, WIDTHS, page_url

pytestmark = pytest.mark.browser

SCREENSHOTS = tools.ARTIFACTS / "screenshots"
MIN_CELL_EM = 6
"""A table cell narrower than this (in its own font's em) that wraps its text is squeezed."""
MIN_LABEL_PX = 11
"""The smallest size at which a name in the relations diagram may be drawn."""
PHONE_SCREEN = WIDTHS["phone"][1]
LONG_LIST = 5
"""A list of more items than this is a long list: the briefing shows none before its figures."""

ARABIC_LETTER = r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]"


@pytest.fixture(scope="session")
def layout_paths(bundled_site: Path, page_paths: dict[str, str]) -> dict[str, str]:
    """The pages this file looks at: the shared ones, a question page, the sources list
    and the about page (each with a table)."""
    questions = (bundled_site / "questions" / "index.html").read_text(encoding="utf-8")
    first = re.search(r'href="([a-z0-9-]+/)"', questions.split('class="brf-questions"', 1)[1])
    assert first, "no question on the questions page"
    return {**page_paths, "question": "questions/" + first.group(1), "sources": "sources/", "about": "about/"}


def _open(browser: Chromium, site_url: str, lang: str, path: str, width: str) -> None:
    browser.set_viewport(*WIDTHS[width])
    browser.open(page_url(site_url, lang, path))


def _shoot(browser: Chromium, lang: str, page: str, width: str) -> None:
    browser.screenshot(SCREENSHOTS / f"layout-{lang}-{page}-{WIDTHS[width][0]}.png")


def _problems(found: list[str], what: str) -> str:
    return f"{what}:\n    " + "\n    ".join(found)


# -- tables ----------------------------------------------------------------------------------

# Each data cell's text box: its width in ems of its own font, and whether its text wraps.
# A cell that holds a number or a date may be narrow; other text must have room.
_SQUEEZED_CELLS = r"""
const found = [], minEm = arguments[0];
const dateOrNumber = t => !/\p{L}/u.test(t) || /\b\d{4}\b/.test(t);
// Lines of text: the middles of its text runs, told apart when half an em or more apart.
const lineCount = (box, em) => {
  const middles = [], walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const range = document.createRange(); range.selectNodeContents(n);
    for (const r of range.getClientRects()) if (r.width > 0) middles.push((r.top + r.bottom) / 2);
  }
  middles.sort((a, b) => a - b);
  return middles.filter((m, i) => i === 0 || m - middles[i - 1] > em / 2).length;
};
for (const cell of document.querySelectorAll('.md-content table th, .md-content table td')) {
  const text = cell.textContent.trim().replace(/\s+/g, ' ');
  const box = cell.querySelector(':scope > .brf-cell') || cell;
  const rect = box.getBoundingClientRect();
  if (!text || rect.width < 2 || dateOrNumber(text)) continue;
  const style = getComputedStyle(box);
  const inner = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const em = inner / parseFloat(style.fontSize);
  const lines = lineCount(box, parseFloat(style.fontSize));
  if (em < minEm && lines > 1) found.push(`${cell.tagName} "${text.slice(0, 40)}": ${em.toFixed(1)} em wide, ${lines} lines`);
}
return found;
"""

# Headers and captions that are shown (not the visually hidden headers of a card layout):
# their text fits their box, and the box is inside the table's scrolling box.
_CLIPPED_HEADERS = r"""
const found = [];
for (const el of document.querySelectorAll('.md-content table th, .md-content table caption')) {
  const r = el.getBoundingClientRect();
  if (r.width <= 2 || r.height <= 2) continue;
  const name = `${el.tagName} "${el.textContent.trim().slice(0, 40)}"`;
  if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
    found.push(`${name}: text ${el.scrollWidth}x${el.scrollHeight} in a ${el.clientWidth}x${el.clientHeight} box`);
  if (r.left < -1 || r.right > innerWidth + 1) found.push(`${name}: outside the screen [${Math.round(r.left)}, ${Math.round(r.right)}]`);
}
return found;
"""

TABLE_PAGES = ("actor", "question", "sources", "about")


@pytest.mark.parametrize(
    ("lang", "page", "width"), list(itertools.product(LANGUAGES, TABLE_PAGES, WIDTHS)), ids=str
)
def test_tables_are_readable(
    browser: Chromium, site_url: str, layout_paths: dict[str, str], lang: str, page: str, width: str
) -> None:
    _open(browser, site_url, lang, layout_paths[page], width)
    _shoot(browser, lang, page, width)
    assert browser.run("return document.querySelectorAll('.md-content table').length"), "no table on the page"
    squeezed = browser.run(_SQUEEZED_CELLS, MIN_CELL_EM)
    assert not squeezed, _problems(squeezed, f"table cells narrower than {MIN_CELL_EM} em wrap their text")
    clipped = browser.run(_CLIPPED_HEADERS)
    assert not clipped, _problems(clipped, "table headers or captions clipped")
    # Nothing else on the page reaches past the screen (a left-to-right list in an Arabic
    # page once put its bullets 2 px outside it).
    overflow = browser.run("return document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"the page is {overflow} px wider than the screen"


_CARD_LABELS = r"""
const found = [];
for (const cell of document.querySelectorAll('.md-content table.brf-table td')) {
  if (!cell.textContent.trim()) continue;
  const label = getComputedStyle(cell, '::before').content;
  if (!label.includes(cell.dataset.label || '\u0000')) found.push(`"${cell.textContent.trim().slice(0, 30)}" shows ${label}`);
  const th = cell.closest('table').querySelectorAll('thead th')[cell.cellIndex];
  if (!th || th.textContent.trim() !== cell.dataset.label) found.push(`data-label ${cell.dataset.label} is not its column's header`);
}
return found;
"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_table_cards_on_a_phone_label_each_cell_with_its_column(
    browser: Chromium, site_url: str, layout_paths: dict[str, str], lang: str
) -> None:
    for page in ("actor", "question", "sources"):
        _open(browser, site_url, lang, layout_paths[page], "phone")
        wrong = browser.run(_CARD_LABELS)
        assert not wrong, _problems(wrong, f"{page}: card labels")
        # The cards read in the page's direction: each label on the start side of its value.
        sides = browser.run(
            "const c = document.querySelector('.md-content table.brf-table td .brf-cell');"
            "const r = c.getBoundingClientRect(), t = c.parentElement.getBoundingClientRect();"
            "return [r.left - t.left, t.right - r.right];"
        )
        start_gap = sides[1] if lang == "ar" else sides[0]
        assert start_gap > 20, f"{page}: the value does not leave room for its label on the start side ({sides})"


# A matrix with more periods than the desktop column holds (its columns doubled here)
# scrolls inside its box; scrolled to the far end, the actors' names are still in view on
# the start side, and the page itself does not scroll sideways.
_WIDE_MATRIX = r"""
document.querySelectorAll('.brf-matrix tr').forEach(tr =>
  [...tr.children].slice(1).forEach(c => tr.appendChild(c.cloneNode(true))));
const box = document.querySelector('.brf-table-scroll');
box.scrollLeft = (getComputedStyle(box).direction === 'rtl' ? -1 : 1) * box.scrollWidth;
const b = box.getBoundingClientRect();
const heads = [...document.querySelectorAll('.brf-matrix th[scope="row"], .brf-matrix thead th:first-child')]
  .map(th => th.getBoundingClientRect())
  .map(r => [Math.round(r.left - b.left), Math.round(b.right - r.right)]);
return {overflows: box.scrollWidth > box.clientWidth, heads, page: document.documentElement.scrollWidth - innerWidth};
"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_wide_matrix_scrolls_with_the_actors_in_view(
    browser: Chromium, site_url: str, layout_paths: dict[str, str], lang: str
) -> None:
    _open(browser, site_url, lang, layout_paths["question"], "desktop")
    seen = browser.run(_WIDE_MATRIX)
    assert seen["overflows"] and seen["page"] <= 0, seen
    start_side = 1 if lang == "ar" else 0
    assert all(abs(gaps[start_side]) <= 1 for gaps in seen["heads"]), seen["heads"]


# -- the relations diagram ---------------------------------------------------------------------

_RELATIONS = r"""
const svg = document.querySelector('.brf-relations__svg');
if (!svg) return null;
const box = svg.getBoundingClientRect();
const scale = box.width / svg.viewBox.baseVal.width;
const texts = [...svg.querySelectorAll('text')].map(t => {
  const r = t.getBoundingClientRect();
  return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale,
          inside: r.left >= box.left - 1 && r.right <= box.right + 1};
});
const targets = [...svg.querySelectorAll('a')].map(a => { const r = a.getBoundingClientRect(); return [r.width, r.height]; });
return {left: box.left, right: box.right, viewport: document.documentElement.clientWidth, texts, targets};
"""


@pytest.mark.parametrize(("lang", "width"), list(itertools.product(LANGUAGES, WIDTHS)), ids=str)
def test_relations_diagram_fits_with_readable_names(
    browser: Chromium, site_url: str, layout_paths: dict[str, str], lang: str, width: str
) -> None:
    _open(browser, site_url, lang, layout_paths["actor"], width)
    diagram = browser.run(_RELATIONS)
    assert diagram, "no relations diagram on the actor page"
    assert diagram["left"] >= 0 and diagram["right"] <= diagram["viewport"], diagram
    small = [f'{t["text"]}: {t["px"]:.1f} px' for t in diagram["texts"] if t["px"] < MIN_LABEL_PX]
    assert not small, _problems(small, f"names drawn under {MIN_LABEL_PX} px")
    cut = [t["text"] for t in diagram["texts"] if not t["inside"]]
    assert not cut, _problems(cut, "names running out of the drawing")
    assert all(h >= 24 and w >= 24 for w, h in diagram["targets"]), diagram["targets"]


# -- the briefing ------------------------------------------------------------------------------

_BRIEFING = r"""
const top = sel => { const e = document.querySelector(sel); return e ? e.getBoundingClientRect().top + scrollY : null; };
const bluf = document.querySelector('.brf-bluf');
const line = parseFloat(getComputedStyle(bluf.querySelector('p') || bluf).lineHeight);
const figures = top('.brf-figures');
// Lists shown above the key figures, with how many items each shows.
const lists = [...document.querySelectorAll('.md-content ul, .md-content ol')]
  .filter(l => l.checkVisibility() && l.getBoundingClientRect().top + scrollY < figures)
  .map(l => [l.className || l.tagName, [...l.children].filter(li => li.checkVisibility()).length]);
return {bluf: top('.brf-bluf'), line, judgments: top('.brf-judgments'), figures, latest: top('.brf-latest'), lists};
"""


@pytest.mark.parametrize(("lang", "width"), list(itertools.product(LANGUAGES, WIDTHS)), ids=str)
def test_briefing_puts_bottom_line_judgments_and_figures_first(
    browser: Chromium, site_url: str, lang: str, width: str
) -> None:
    _open(browser, site_url, lang, "", width)
    _shoot(browser, lang, "home", width)
    seen = browser.run(_BRIEFING)
    if width == "phone":
        # Under the header, the first phone screen shows the bottom line's first three lines.
        assert seen["bluf"] + 3 * seen["line"] < PHONE_SCREEN, seen
    assert seen["bluf"] < seen["judgments"] < seen["figures"] < seen["latest"], seen
    long_lists = [f"{name}: {count} items" for name, count in seen["lists"] if count > LONG_LIST and name != "brf-judgments"]
    assert not long_lists, _problems(long_lists, "long lists before the key figures")


@pytest.mark.parametrize(("lang", "width"), list(itertools.product(LANGUAGES, WIDTHS)), ids=str)
def test_update_notices_are_one_line_that_opens(browser: Chromium, site_url: str, lang: str, width: str) -> None:
    _open(browser, site_url, lang, "", width)
    notices = browser.run(
        "return [...document.querySelectorAll('.md-content .brf-changes')].map(n => {"
        " const s = n.querySelector('summary'), line = parseFloat(getComputedStyle(s).lineHeight);"
        " const closed = s.getBoundingClientRect().height / line;"
        " n.open = true; const body = n.getBoundingClientRect().height - s.getBoundingClientRect().height;"
        " return [n.tagName, closed, body]; });"
    )
    assert notices, "the bundled briefing has an update notice; none found"
    for tag, lines, opened in notices:
        assert tag == "DETAILS" and lines <= 2.5 and opened > 0, notices


@pytest.mark.parametrize(("lang", "width"), list(itertools.product(LANGUAGES, WIDTHS)), ids=str)
def test_key_figures_form_an_even_grid(browser: Chromium, site_url: str, lang: str, width: str) -> None:
    _open(browser, site_url, lang, "", width)
    cards = browser.run(
        "return [...document.querySelectorAll('.brf-figure')].map(e => {"
        " const r = e.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; });"
    )
    assert len(cards) > 2
    widths = {round(w) for _, _, w, _ in cards}
    assert max(widths) - min(widths) <= 1, f"cards of different widths: {sorted(widths)}"
    rows: dict[int, list[list[float]]] = {}
    for card in cards:
        rows.setdefault(round(card[1]), []).append(card)
    per_row = [len(row) for row in rows.values()]
    assert per_row[0] >= 2 and all(n <= per_row[0] for n in per_row), f"cards per row: {per_row}"
    for row in rows.values():
        assert max(c[3] for c in row) - min(c[3] for c in row) <= 1, f"a row of cards of different heights: {row}"
    columns = {round(c[0]) for c in cards}
    assert len(columns) == per_row[0], f"cards not aligned in columns: {sorted(columns)}"
    # The first card stands on the start side: the left on English pages, the right on Arabic.
    first, content = cards[0], browser.run("return document.querySelector('.brf-figures').getBoundingClientRect().toJSON()")
    if lang == "ar":
        assert abs(first[0] + first[2] - content["right"]) <= 1
    else:
        assert abs(first[0] - content["left"]) <= 1


# -- Arabic typography -------------------------------------------------------------------------

TYPE_PAGES = ("home", "actor", "question", "source", "chronology")

_SLANTED = r"""
document.querySelectorAll('details').forEach(d => d.open = true);
const arabic = new RegExp(arguments[0]), found = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  if (!arabic.test(n.data) || !n.parentElement.checkVisibility()) continue;
  const style = getComputedStyle(n.parentElement).fontStyle;
  if (style !== 'normal') found.push(`${n.parentElement.tagName.toLowerCase()}.${n.parentElement.className} ${style}: "${n.data.trim().slice(0, 30)}"`);
}
return found;
"""


@pytest.mark.parametrize(
    ("lang", "page", "width"), list(itertools.product(LANGUAGES, TYPE_PAGES, WIDTHS)), ids=str
)
def test_arabic_text_is_never_slanted(
    browser: Chromium, site_url: str, layout_paths: dict[str, str], lang: str, page: str, width: str
) -> None:
    _open(browser, site_url, lang, layout_paths[page], width)
    slanted = browser.run(_SLANTED, ARABIC_LETTER)
    assert not slanted, _problems(slanted, "Arabic text in an italic or oblique style")


# Every Arabic text run and each box that clips it (overflow other than visible): the
# glyphs' own ink (canvas TextMetrics: how far the marks reach above and below the
# baseline) must lie inside the clipping box, or inside its scrollable area when it scrolls.
# The baseline is placed from the text's line box and the font's ascent and descent.
_CLIPPED_MARKS = r"""
const arabic = new RegExp(arguments[0]), found = [];
const ctx = document.createElement('canvas').getContext('2d');
const onScreen = r => r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth;
const hidden = el => !el.checkVisibility({opacityProperty: true, visibilityProperty: true});
// The boxes that can clip an element: itself, then its containing blocks (an absolutely
// positioned box escapes the clipping of the boxes between it and its containing block).
const clippers = el => {
  const out = [];
  for (let cur = el; cur && cur !== document.body;) {
    out.push(cur);
    const pos = getComputedStyle(cur).position;
    let next = cur.parentElement;
    if (pos === 'absolute' || pos === 'fixed') {
      for (; next && next !== document.body; next = next.parentElement) {
        const s = getComputedStyle(next);
        if ((pos === 'absolute' && s.position !== 'static') || s.transform !== 'none' || s.filter !== 'none') break;
      }
    }
    cur = next;
  }
  return out;
};
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  const text = n.data.trim();
  if (!arabic.test(text)) continue;
  const range = document.createRange(); range.selectNodeContents(n);
  const lines = [...range.getClientRects()].filter(onScreen);
  if (!lines.length || hidden(n.parentElement)) continue;
  const s = getComputedStyle(n.parentElement);
  ctx.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
  const m = ctx.measureText(text);
  for (const el of clippers(n.parentElement)) {
    const cs = getComputedStyle(el);
    if (cs.overflowY === 'visible') continue;
    if (el.clientHeight <= 1 || el.clientWidth <= 1) break;  // hidden by design (a visually hidden header)
    const scrolls = cs.overflowY === 'auto' || cs.overflowY === 'scroll';
    const top = el.getBoundingClientRect().top + el.clientTop - (scrolls ? el.scrollTop : 0);
    const bottom = top + (scrolls ? el.scrollHeight : el.clientHeight);
    const cut = lines.find(r => {
      const baseline = r.top + (r.height - m.fontBoundingBoxAscent - m.fontBoundingBoxDescent) / 2 + m.fontBoundingBoxAscent;
      return baseline - m.actualBoundingBoxAscent < top - 0.5 || baseline + m.actualBoundingBoxDescent > bottom + 0.5;
    });
    if (cut) {
      const name = el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().replace(/\s+/g, '.') : '');
      found.push(`"${text.slice(0, 25)}" in ${name} (line-height ${cs.lineHeight}): box [${top.toFixed(1)}, ${bottom.toFixed(1)}], ink [${(cut.top + (cut.height - m.fontBoundingBoxAscent - m.fontBoundingBoxDescent) / 2 + m.fontBoundingBoxAscent - m.actualBoundingBoxAscent).toFixed(1)}, ${(cut.top + (cut.height - m.fontBoundingBoxAscent - m.fontBoundingBoxDescent) / 2 + m.fontBoundingBoxAscent + m.actualBoundingBoxDescent).toFixed(1)}]`);
      break;
    }
    // Past a scrolling box the reader scrolls to the text: boxes further out no longer decide.
    if (scrolls) break;
  }
}
return found;
"""

# The states in which the theme shows more Arabic labels: on a phone the navigation drawer
# and its table of contents; on every width the open language menu.
_STATES: dict[str, str] = {
    "page": "",
    "language menu": "document.querySelector('.md-select button, .md-select .md-header__button').focus();",
    "drawer": "document.getElementById('__drawer').click();",
    "drawer contents": "document.getElementById('__toc') && document.getElementById('__toc').click();",
}


@pytest.mark.parametrize(
    ("lang", "page", "width"), list(itertools.product(LANGUAGES, TYPE_PAGES, WIDTHS)), ids=str
)
def test_arabic_marks_are_never_clipped(
    browser: Chromium, site_url: str, layout_paths: dict[str, str], lang: str, page: str, width: str
) -> None:
    _open(browser, site_url, lang, layout_paths[page], width)
    problems = []
    for state, script in _STATES.items():
        if state.startswith("drawer") and width != "phone":
            continue
        if script:
            browser.run(script)
            time.sleep(0.5)  # the drawer slides in (a transition that starts on the next frame)
            browser.wait_until_ready()
        problems += [f"{state}: {found}" for found in browser.run(_CLIPPED_MARKS, ARABIC_LETTER)]
    assert not problems, _problems(problems, "Arabic marks cut off by a clipping box")


# The size of Arabic on an English page against the body text: a heh's height (the nearest
# Arabic has to an x-height) at the Arabic element's font, and an x's at the body's.
_ARABIC_SIZE = r"""
const ctx = document.createElement('canvas').getContext('2d');
const height = (el, glyph) => { const s = getComputedStyle(el);
  ctx.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
  return ctx.measureText(glyph).actualBoundingBoxAscent; };
const body = document.querySelector('.md-content .md-typeset > p') || document.querySelector('.md-content .md-typeset');
const x = height(body, 'x');
return [...document.querySelectorAll('.md-content [lang="ar"]')]
  .filter(el => el.getClientRects().length && !el.parentElement.closest('[lang="ar"]'))
  .map(el => [el.tagName.toLowerCase() + '.' + el.className, height(el, '\u0647') / x,
              parseFloat(getComputedStyle(el).fontSize) / parseFloat(getComputedStyle(body).fontSize)]);
"""


@pytest.mark.parametrize(
    ("page", "width"), list(itertools.product(("home", "actor", "source", "chronology-year"), WIDTHS)), ids=str
)
def test_arabic_on_english_pages_is_as_large_as_the_body_text(
    browser: Chromium, site_url: str, layout_paths: dict[str, str], bundled_site: Path, page: str, width: str
) -> None:
    path = layout_paths.get(page) or _a_year_page(bundled_site)
    _open(browser, site_url, "en", path, width)
    sized = browser.run("document.querySelectorAll('details').forEach(d => d.open = true);" + _ARABIC_SIZE)
    assert sized, f"no Arabic text on the English {page} page"
    small = [f"{name}: x-height ratio {ratio:.2f}, font size {size:.2f} × body" for name, ratio, size in sized if ratio < 0.95 or size < 1]
    assert not small, _problems(small, "Arabic smaller than the body text")


def _a_year_page(bundled_site: Path) -> str:
    index = (bundled_site / "chronology" / "index.html").read_text(encoding="utf-8")
    years = re.findall(r'href="(\d{4})/"', index)
    assert years
    return f"chronology/{years[-1]}/"


def _platform_fonts(browser: Chromium, selector: str) -> list[str]:
    root = browser.driver.execute_cdp_cmd("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = browser.driver.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = browser.driver.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return [font["familyName"] for font in fonts]


# One probe of the digits 0-9 inside an element of each distinct font setting that shows
# digits (code keeps its own monospace font): the font Chromium draws each probe with.
_DIGIT_PROBES = r"""
const seen = new Map();
const walker = document.createTreeWalker(document.querySelector('.md-container'), NodeFilter.SHOW_TEXT);
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  const el = n.parentElement;
  if (!/[0-9]/.test(n.data) || !el.getClientRects().length || el.closest('code, pre, kbd, samp, svg')) continue;
  const s = getComputedStyle(el);
  const key = [s.fontFamily, s.fontWeight, s.fontStyle, el.closest('[lang]').lang].join('|');
  if (!seen.has(key)) seen.set(key, el);
}
let i = 0;
for (const el of seen.values()) {
  const probe = document.createElement('span');
  probe.className = 'brf-digit-probe'; probe.id = 'brf-digit-probe-' + i++; probe.textContent = '0123456789';
  el.appendChild(probe);
}
return [...seen.entries()].map(([key, el]) => `${el.tagName.toLowerCase()}.${el.className} (${key})`);
"""


@pytest.mark.parametrize(("lang", "page"), list(itertools.product(LANGUAGES, ("home", "actor", "question"))), ids=str)
def test_digits_use_one_font_across_a_page(
    browser: Chromium, site_url: str, layout_paths: dict[str, str], lang: str, page: str
) -> None:
    _open(browser, site_url, lang, layout_paths[page], "desktop")
    browser.driver.execute_cdp_cmd("DOM.enable", {})
    browser.driver.execute_cdp_cmd("CSS.enable", {})
    probes = browser.run(_DIGIT_PROBES)
    assert probes, "no digits on the page"
    families: dict[str, list[str]] = {}
    for index, where in enumerate(probes):
        for family in _platform_fonts(browser, f"#brf-digit-probe-{index}"):
            families.setdefault(family, []).append(where)
    assert len(families) == 1, f"digits drawn with several fonts (or none): {families}"

