"""Page weight as a reader on a phone downloads it, in headless Chromium.

The bundled dossier, built for publishing, is served as a real host serves it
(bench/serve_gzip.py: gzip, MIME types, Cache-Control) and each page is loaded with an empty cache at 390 px: the home, chronology,
one actor and one source page of each language. Every byte on the wire is counted from
Chromium's own network log (`encodedDataLength`: headers and gzipped bodies, fonts and
images included). Each page:
- weighs at most 300 KB in all (test-artifacts/page-weight.json lists every request);
- requests nothing from another host, and logs no error in the console;
- requests the Arabic web font only when it shows Arabic text: always on Arabic pages
  (where the text is drawn with it), never on an English page whose only Arabic is the
  language menu's name for Arabic.
The committed font files are exactly `make fonts`' output, and briefing.css's
`unicode-range` names exactly what they hold.

Lighthouse is not a test (slow, and its scores move with the machine's load): see
`make lighthouse` and the README's "Page weight and Lighthouse".
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bench import fonts
from browser import tools
from browser.chromium import Chromium
from browser.fixtures import LANGUAGES, WIDTHS, Report, page_url, start_chromium
from browser.server import serve_folder
from conftest import REPO

pytestmark = pytest.mark.browser

PAGES = ("home", "chronology", "actor", "source")
BUDGET = 300 * 1024
"""The most a page may weigh on the wire, in bytes (the issue's 300 KB, KB = 1,024 bytes)."""
ARABIC_FONT = re.compile(r"/assets/fonts/noto-naskh-arabic-arabic-(\d+)-normal\.woff2$")
FONT_FAMILY = "Noto Naskh Arabic"
WEIGHT_REPORT = tools.ARTIFACTS / "page-weight.json"
SETTLE_S = 0.5
"""After the page, its fonts and transitions are done: time for requests made late (Material
fetches the sitemap for its language selector, the favicon comes last)."""

# Visible Arabic text outside the language menu: what makes the Arabic font worth loading.
_SHOWS_ARABIC = """
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  if (!/[\\u0600-\\u06FF]/.test(node.data) || node.parentElement.closest('.md-select')) continue;
  const range = document.createRange();
  range.selectNodeContents(node);
  if ([...range.getClientRects()].some(r => r.width > 0 && r.height > 0)) return true;
}
return false;
"""


@dataclass
class Request:
    url: str
    bytes: int = 0
    status: int | None = None
    failed: str | None = None


@dataclass
class PageLoad:
    url: str
    requests: list[Request] = field(default_factory=list)
    console: list[dict[str, str]] = field(default_factory=list)
    shows_arabic: bool = False
    font_loaded: bool = False

    @property
    def total(self) -> int:
        return sum(request.bytes for request in self.requests)

    def fonts(self) -> list[str]:
        return [match.group(1) for r in self.requests if (match := ARABIC_FONT.search(r.url))]

    def biggest(self, count: int = 8) -> str:
        rows = sorted(self.requests, key=lambda r: -r.bytes)[:count]
        return "\n".join(f"  {r.bytes / 1024:7.1f} KB  {r.url}" for r in rows)


def _requests(performance_log: list[dict[str, object]]) -> list[Request]:
    """Every request of the load from Chromium's network events, with its bytes on the wire."""
    found: dict[str, Request] = {}
    for entry in performance_log:
        message = json.loads(str(entry["message"]))["message"]
        params = message.get("params", {})
        request = found.get(params.get("requestId", ""))
        if message["method"] == "Network.requestWillBeSent":
            found[params["requestId"]] = Request(params["request"]["url"])
        elif request is None:
            continue
        elif message["method"] == "Network.responseReceived":
            request.status = params["response"]["status"]
        elif message["method"] == "Network.loadingFinished":
            request.bytes = int(params["encodedDataLength"])
        elif message["method"] == "Network.loadingFailed":
            request.failed = params.get("errorText", "failed")
    return list(found.values())


def load(browser: Chromium, url: str) -> PageLoad:
    """Load `url` with an empty cache and record its requests and console messages."""
    driver = browser.driver
    driver.get_log("performance")  # drop what earlier pages left
    driver.get_log("browser")
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    browser.open(url)
    time.sleep(SETTLE_S)
    page = PageLoad(url, _requests(driver.get_log("performance")), driver.get_log("browser"))
    page.shows_arabic = browser.run(_SHOWS_ARABIC)
    page.font_loaded = browser.run(
        "return [...document.fonts].some(f => f.family.replace(/\"/g, '') === arguments[0] && f.status === 'loaded');",
        FONT_FAMILY,
    )
    return page


# -- fixtures ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gzip_site_url(published_site: Path) -> Iterator[str]:
    """The bundled dossier as published (with a site_url: canonical links, feed links, and
    the sitemap that Material's script fetches), served with gzip."""
    with serve_folder(published_site, gzip=True) as url:
        yield url


@pytest.fixture(scope="module")
def logging_browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    """A Chromium that logs its requests and console, the cache off, at phone width."""
    session = start_chromium(tmp_path_factory.mktemp("chromium-weight"), logs=True)
    session.driver.execute_cdp_cmd("Network.enable", {})
    session.driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    session.set_viewport(*WIDTHS["phone"])
    yield session
    session.close()


@pytest.fixture(scope="module")
def loads(logging_browser: Chromium, gzip_site_url: str, page_paths: dict[str, str]) -> dict[tuple[str, str], PageLoad]:
    """Each page of each language loaded once; the weights written to test-artifacts/."""
    report = Report(WEIGHT_REPORT)
    found = {}
    for lang in LANGUAGES:
        for page in PAGES:
            loaded = load(logging_browser, page_url(gzip_site_url, lang, page_paths[page]))
            found[lang, page] = loaded
            report.add(f"{lang}-{page}", {
                "total_kb": round(loaded.total / 1024, 1),
                "requests": {r.url.removeprefix(gzip_site_url): r.bytes for r in loaded.requests},
            })
    return found


CASES = [(lang, page) for lang in LANGUAGES for page in PAGES]


# -- the tests -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "page"), CASES, ids=lambda value: str(value))
def test_page_weighs_at_most_300_kb_with_gzip(loads: dict[tuple[str, str], PageLoad], lang: str, page: str) -> None:
    loaded = loads[lang, page]
    assert loaded.requests, f"{loaded.url}: no request recorded"
    assert loaded.total <= BUDGET, (
        f"{loaded.url} weighs {loaded.total / 1024:.1f} KB on the wire (at most {BUDGET // 1024} KB); "
        f"the biggest:\n{loaded.biggest()}"
    )


@pytest.mark.parametrize(("lang", "page"), CASES, ids=lambda value: str(value))
def test_page_requests_nothing_elsewhere_and_logs_no_error(
    loads: dict[tuple[str, str], PageLoad], gzip_site_url: str, lang: str, page: str
) -> None:
    loaded = loads[lang, page]
    elsewhere = [r.url for r in loaded.requests if not r.url.startswith((gzip_site_url, "data:"))]
    assert elsewhere == [], f"{loaded.url} requested other hosts"
    broken = [f"{r.url}: {r.failed or r.status}" for r in loaded.requests if r.failed or (r.status or 200) >= 400]
    assert broken == [], f"{loaded.url}: requests that failed"
    errors = [entry["message"] for entry in loaded.console if entry["level"] == "SEVERE"]
    assert errors == [], f"{loaded.url}: console errors"


@pytest.mark.parametrize(("lang", "page"), CASES, ids=lambda value: str(value))
def test_arabic_font_only_where_arabic_text_is_shown(loads: dict[tuple[str, str], PageLoad], lang: str, page: str) -> None:
    loaded = loads[lang, page]
    if lang == "ar":
        assert loaded.shows_arabic
        assert "400" in loaded.fonts() and loaded.font_loaded, (
            f"{loaded.url}: the Arabic text is not drawn with {FONT_FAMILY} (font requests: {loaded.fonts()})"
        )
    elif not loaded.shows_arabic:
        assert loaded.fonts() == [], (
            f"{loaded.url} shows no Arabic text but the language menu's name, yet downloads the Arabic font "
            f"(weights {loaded.fonts()})"
        )


def test_an_english_page_without_arabic_text_is_measured(loads: dict[tuple[str, str], PageLoad]) -> None:
    """The check above means something only if some English page shows no Arabic text (the
    chronology: titles and dates); the language menu still names Arabic in Arabic there."""
    assert not loads["en", "chronology"].shows_arabic


# -- the font files ------------------------------------------------------------------------------

FONT_FOLDER = REPO / "templates" / "overrides" / "assets" / "fonts"
STYLESHEET = REPO / "templates" / "overrides" / "assets" / "stylesheets" / "briefing.css"


def test_font_faces_name_exactly_the_subset() -> None:
    faces = re.findall(r"@font-face\s*{[^}]*}", STYLESHEET.read_text(encoding="utf-8"))
    ranges = [re.search(r"unicode-range:\s*([^;]+);", face) for face in faces if FONT_FAMILY in face]
    assert len(ranges) == len(fonts.FILES)
    assert {match.group(1).strip() for match in ranges if match} == {fonts.css_unicode_range()}


@pytest.mark.parametrize("name", fonts.FILES)
def test_committed_font_is_the_subset_command_output(name: str) -> None:
    from fontTools.ttLib import TTFont

    source = fonts.SOURCE / name
    assert source.is_file(), f"{source} not found: run `npm ci` (package-lock.json pins the font)"
    committed = (FONT_FOLDER / name).read_bytes()
    assert committed == fonts.subset(source.read_bytes()), "run `make fonts` and commit the files"
    covered = set(TTFont(FONT_FOLDER / name).getBestCmap())
    wanted = {cp for low, high in fonts.UNICODE_RANGES for cp in range(low, high + 1)}
    assert covered == wanted
    assert (FONT_FOLDER / "OFL-NotoNaskhArabic.txt").is_file()
