"""The site's search in a real browser: queries typed into the site's own search box on the
bundled dossier's built site, in Arabic and English, at phone and desktop widths.

What a reader would check: a name is found however its hamza, alif maqsura, ta marbuta,
diacritics, tatweel, article or prefix is written, and in any spelling listed among the
actor's other names; a word that occurs nowhere finds nothing; results stay in the page's
language and read as a title, a kind and a snippet; the keyboard works; nothing of the
index is fetched until the search is opened; axe-core finds no serious violation with the
results open. Screenshots: test-artifacts/screenshots/search-<lang>-<width>.png.

Needs Debian's chromium and chromium-driver and `npm ci` (axe-core): `make test` installs them.
"""

from __future__ import annotations

import functools
import gzip
import json
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from briefing import pipeline
from briefing import search_index as search
from briefing.templating import STRINGS_FILE, load_strings
from browser import axe, tools
from browser.chromium import Chromium
from browser.fixtures import LANGUAGES as PREFIX
from browser.fixtures import WIDTHS, start_chromium
from browser.server import serve_folder
from conftest import REPO

PAGE = "actors/"
"""Where the queries are typed: any page has the search box."""
SUDANI = {"ar": "محمد شياع السوداني", "en": "Mohammed Shia al-Sudani"}
SCREENSHOTS = tools.ARTIFACTS / "screenshots"
AXE_REPORT = tools.ARTIFACTS / "axe-search-report.json"

_READ_RESULTS = """
const root = document.getElementById('briefing-search');
const text = el => el ? el.textContent.replace(/\\s+/g, ' ').trim() : '';
return {
  open: document.getElementById('__search').checked,
  status: text(root.querySelector('.md-search-result__meta')),
  items: [...root.querySelectorAll('.md-search-result__item')].map(li => ({
    href: li.querySelector('a').href,
    title: text(li.querySelector('.briefing-search__title')),
    kind: text(li.querySelector('.briefing-search__kind')),
    details: text(li.querySelector('.briefing-search__details')),
    snippet: text(li.querySelector('.briefing-search__snippet')),
    label: text(li.querySelector('.briefing-search__label')),
    marks: [...li.querySelectorAll('.briefing-search__snippet mark')].map(text),
  })),
};
"""


@dataclass(frozen=True)
class Results:
    """What the search box shows after a query."""

    status: str
    items: list[dict[str, Any]]

    @property
    def titles(self) -> list[str]:
        return [item["title"] for item in self.items]


# -- fixtures ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def search_site(bundled_site: Path) -> Path:
    """The bundled dossier's site, whose build wrote each language's search index."""
    for lang in PREFIX:
        assert (bundled_site / PREFIX[lang] / "pagefind" / search.BUNDLE_SETTINGS).is_file(), lang
    return bundled_site


class _RecordingHandler(SimpleHTTPRequestHandler):
    """Serves the site and notes every path asked for (the page's and its workers' requests)."""

    requests: list[str]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass

    def do_GET(self) -> None:
        self.requests.append(self.path.split("?")[0])
        super().do_GET()


@pytest.fixture(scope="module")
def site(search_site: Path) -> Iterator[tuple[str, list[str]]]:
    """The site over HTTP on 127.0.0.1, and the list of paths requested so far."""
    requests: list[str] = []
    handler_class = type("Handler", (_RecordingHandler,), {"requests": requests})
    handler = functools.partial(handler_class, directory=str(search_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="search-site", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/", requests
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    """A Chromium of this module's own, its cache empty: the tests count what a page fetches."""
    session = start_chromium(tmp_path_factory.mktemp("chromium-search"))
    yield session
    session.close()


# -- helpers -------------------------------------------------------------------------------------


def _open_page(browser: Chromium, base: str, lang: str, width: str = "desktop", path: str = PAGE) -> None:
    browser.set_viewport(*WIDTHS[width])
    browser.open(base + PREFIX[lang] + path)


def _open_search(browser: Chromium) -> None:
    """As a reader does: the header's button on a phone, the header's field on a desktop."""
    button = browser.driver.find_element(By.CSS_SELECTOR, ".briefing-search-open")
    if button.is_displayed():
        button.click()
    else:
        browser.driver.find_element(By.CSS_SELECTOR, ".md-search__input").click()
    WebDriverWait(browser.driver, 10).until(lambda d: d.find_element(By.ID, "__search").is_selected())


def _wait_for(browser: Chromium, query: str) -> Results:
    """The results once the search box shows the answer to `query`."""
    def ready(driver: Any) -> bool:
        results = driver.find_element(By.ID, "briefing-search-results")
        return results.get_attribute("data-query") == query and results.get_attribute("aria-busy") == "false"

    WebDriverWait(browser.driver, 30).until(ready, f"the search box never showed the results for {query!r}")
    shown = browser.run(_READ_RESULTS)
    return Results(shown["status"], shown["items"])


def search_for(browser: Chromium, base: str, lang: str, query: str, width: str = "desktop") -> Results:
    """Open a page, open its search box and type `query` into it."""
    _open_page(browser, base, lang, width)
    _open_search(browser)
    field = browser.driver.find_element(By.CSS_SELECTOR, ".md-search__input")
    field.send_keys(query)
    return _wait_for(browser, query)


def _message(lang: str, key: str, **values: str) -> str:
    text = load_strings(REPO / "templates" / STRINGS_FILE)[f"search_{key}"][lang]
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text


# -- what a reader finds -------------------------------------------------------------------------

ARABIC_SPELLINGS = [
    # hamza on a seat typed as the bare seat (ؤ ئ آ أ)
    pytest.param("فواد شكر", "فؤاد شكر", id="hamza-waw"),
    pytest.param("اسراييل", "إسرائيل", id="hamza-ya"),
    pytest.param("قناه ار تي", "قناة آر تي", id="alif-madda"),
    pytest.param("عين الاسد", "قاعدة عين الأسد", id="hamza-alif"),
    # alif maqsura typed as ya, ta marbuta as ha
    pytest.param("قوي تحالف الاطار", "الإطار التنسيقي", id="alif-maqsura"),
    pytest.param("قاعده حرير", "قاعدة حرير", id="ta-marbuta"),
    # diacritics and tatweel
    pytest.param("السُّودَانِيّ", SUDANI["ar"], id="diacritics"),
    pytest.param("الســـوداني", SUDANI["ar"], id="tatweel"),
    # with and without the article, and with a prefix
    pytest.param("سوداني", SUDANI["ar"], id="without-article"),
    pytest.param("الحشد الشعبي", "قوات الحشد الشعبي", id="with-article"),
    pytest.param("حشد شعبي", "قوات الحشد الشعبي", id="without-article-two-words"),
    pytest.param("والسوداني", SUDANI["ar"], id="prefix-wa-al"),
    pytest.param("بالسوداني", SUDANI["ar"], id="prefix-bi-al"),
    pytest.param("للسوداني", SUDANI["ar"], id="prefix-li-al"),
    pytest.param("فالسوداني", SUDANI["ar"], id="prefix-fa-al"),
    pytest.param("كالسوداني", SUDANI["ar"], id="prefix-ka-al"),
    pytest.param("لواشنطن", "الحكومة الأمريكية", id="prefix-li"),
    pytest.param("وبغداد", "الحكومة العراقية", id="prefix-wa"),
    # other names and spellings, Latin ones included
    pytest.param("الناصري", "ضياء الناصري", id="other-name"),
    # a source's error kept as another name (kind misspelling / mistranslation) still finds the actor
    pytest.param("التائرون", "الثائرون", id="misspelling-in-the-source"),
    pytest.param("مؤسسة حمد الطبية", "اللجنة العسكرية العليا العراقية الأمريكية", id="mistranslation-in-the-source"),
    pytest.param("Diaa al-Nasiri", "ضياء الناصري", id="latin-other-name"),
    pytest.param("Rabee", "ربيع نادر", id="latin-other-name-one-word"),
]


@pytest.mark.parametrize(("query", "expected"), ARABIC_SPELLINGS)
def test_arabic_reader_finds_the_record_however_the_word_is_written(
    browser: Chromium, site: tuple[str, list[str]], query: str, expected: str
) -> None:
    results = search_for(browser, site[0], "ar", query)
    assert expected in results.titles[:3], f"{query!r}: {results.status}; first results: {results.titles[:5]}"


ENGLISH_SPELLINGS = [
    pytest.param("Sudani", SUDANI["en"], id="surname"),
    pytest.param("al-Sudani", SUDANI["en"], id="surname-with-article"),
    pytest.param("Diaa", "Diya al-Nasiri", id="latin-other-name"),
    pytest.param("Mousawi", "Nawal al-Musawi", id="latin-other-spelling"),
    pytest.param("الناصري", "Diya al-Nasiri", id="arabic-other-name"),
    pytest.param("والسوداني", SUDANI["en"], id="arabic-name-with-prefix"),
]


@pytest.mark.parametrize(("query", "expected"), ENGLISH_SPELLINGS)
def test_english_reader_finds_the_record_by_any_listed_spelling(
    browser: Chromium, site: tuple[str, list[str]], query: str, expected: str
) -> None:
    results = search_for(browser, site[0], "en", query)
    assert expected in results.titles[:3], f"{query!r}: {results.status}; first results: {results.titles[:5]}"


def test_a_name_typed_in_full_finds_the_actor_first(browser: Chromium, site: tuple[str, list[str]]) -> None:
    for lang, query in (("ar", "السوداني"), ("en", "Sudani")):
        results = search_for(browser, site[0], lang, query)
        assert results.titles[0] == SUDANI[lang], results.titles[:5]
        assert results.items[0]["kind"] == _message(lang, "kind_actor")
        assert len(results.items) > 5  # the events that name him follow


@pytest.mark.parametrize(
    ("lang", "query"),
    [
        pytest.param("ar", "زخرفوطة", id="ar-made-up"),
        pytest.param("ar", "السودانيزم", id="ar-made-up-starting-with-a-name"),
        pytest.param("ar", "ال", id="ar-article-alone"),
        pytest.param("en", "qwzxv", id="en-made-up"),
        pytest.param("en", "Sudanification", id="en-made-up-starting-with-a-name"),
        pytest.param("en", "Sudani qwzxv", id="en-real-and-made-up"),
    ],
)
def test_a_word_that_occurs_nowhere_finds_nothing(
    browser: Chromium, site: tuple[str, list[str]], lang: str, query: str
) -> None:
    results = search_for(browser, site[0], lang, query)
    assert results.items == []
    expected = _message(lang, "hint") if query == "ال" else _message(lang, "none", query=query)
    assert results.status == expected


@pytest.mark.parametrize(("lang", "query"), [("ar", "Sudani"), ("en", "السوداني")])
def test_results_stay_in_the_page_language(
    browser: Chromium, site: tuple[str, list[str]], lang: str, query: str
) -> None:
    base = site[0]
    results = search_for(browser, base, lang, query)
    assert results.items
    for item in results.items:
        assert item["href"].startswith(base + PREFIX[lang])
        if lang == "en":
            assert not item["href"].startswith(base + "ar/")
        is_arabic = any("\u0600" <= char <= "\u06ff" for char in item["title"])
        assert is_arabic == (lang == "ar"), item["title"]


def test_a_result_reads_as_title_kind_date_and_a_passage_of_its_text(
    browser: Chromium, site: tuple[str, list[str]]
) -> None:
    corpus = pipeline.check(pipeline.Project(REPO))
    for lang, query, marked in (("en", "Lindner", "Lindner"), ("ar", "ليندنر", "ليندنر")):
        results = search_for(browser, site[0], lang, query)
        event = next(item for item in results.items if item["kind"] == _message(lang, "kind_event"))
        dated = next(d for d in corpus.events if d.event.title.in_(lang) == event["title"])
        summary = " ".join(dated.event.summary.in_(lang).split())
        # A passage of the summary as written, not run into a label, with the word marked.
        passage = event["snippet"].removeprefix("… ").removesuffix(" …")
        assert passage in summary and len(passage.split()) >= 8, event["snippet"]
        assert event["label"] == "" and marked in event["marks"]
        assert event["details"].startswith(event["kind"] + " · ")  # "Event · March 2024 (unconfirmed)"
        # It leads to the event on its chronology page.
        assert urlsplit(event["href"]).path.startswith(urlsplit(site[0]).path + PREFIX[lang] + "chronology/")
        assert urlsplit(event["href"]).fragment == dated.event.id
        actor = next(item for item in results.items if item["kind"] == _message(lang, "kind_actor"))
        if actor["label"]:  # found by a name: the names, after their own label
            assert actor["snippet"].startswith(actor["label"] + " ")
            assert actor["label"] == _message(lang, "field_other_names") + ":"


def test_more_results_are_shown_ten_at_a_time(browser: Chromium, site: tuple[str, list[str]]) -> None:
    results = search_for(browser, site[0], "en", "Iraq")
    total = int(results.status.split()[0])
    assert total > 10 and len(results.items) == 10
    more = browser.driver.find_element(By.CSS_SELECTOR, ".briefing-search__more")
    more.click()
    WebDriverWait(browser.driver, 10).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, ".md-search-result__item")) == min(total, 20))
    shown = browser.run(_READ_RESULTS)["items"]
    assert len({item["href"] for item in shown}) == len(shown)  # each record once
    assert browser.driver.switch_to.active_element.get_attribute("href") == shown[10]["href"]


# -- keyboard, phone, accessibility -------------------------------------------------------------


def test_keyboard_slash_opens_arrows_move_enter_follows_escape_closes(
    browser: Chromium, site: tuple[str, list[str]]
) -> None:
    base = site[0]
    _open_page(browser, base, "ar")
    driver = browser.driver
    driver.find_element(By.TAG_NAME, "body").send_keys("/")
    field = driver.find_element(By.CSS_SELECTOR, ".md-search__input")
    assert driver.switch_to.active_element == field and driver.find_element(By.ID, "__search").is_selected()
    field.send_keys("حرير")
    results = _wait_for(browser, "حرير")
    assert results.titles[0] == "قاعدة حرير"
    field.send_keys(Keys.ARROW_DOWN)
    assert driver.switch_to.active_element.get_attribute("href") == results.items[0]["href"]
    driver.switch_to.active_element.send_keys(Keys.ARROW_UP)
    assert driver.switch_to.active_element == field
    field.send_keys(Keys.ESCAPE)
    WebDriverWait(driver, 5).until(lambda d: not d.find_element(By.ID, "__search").is_selected())
    field.send_keys(Keys.ENTER)  # typing again reopens; Enter opens the first result
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/ar/actors/harir-base/"))


@pytest.mark.parametrize("lang", PREFIX)
def test_on_a_phone_the_header_button_opens_the_search_over_the_page(
    browser: Chromium, site: tuple[str, list[str]], lang: str
) -> None:
    query = SUDANI[lang].split()[-1]
    results = search_for(browser, site[0], lang, query, width="phone")
    browser.wait_until_ready()  # Material slides the panel in
    assert results.titles[0] == SUDANI[lang]
    button = browser.driver.find_element(By.CSS_SELECTOR, ".briefing-search-open")
    assert button.get_attribute("aria-expanded") == "true" and button.accessible_name
    panel = browser.run("const r = document.querySelector('.md-search__inner').getBoundingClientRect();"
                        "return [r.left, r.right, r.top, innerWidth];")
    assert panel[0] == 0 and panel[1] == panel[3] and panel[2] == 0  # the whole screen
    # Mirrored for Arabic: the back arrow sits at the start of the line (right in Arabic).
    arrow = browser.run("const r = document.querySelector('.md-search__icon[for=__search]').getBoundingClientRect();"
                        "return (r.left + r.right) / 2 > innerWidth / 2;")
    assert arrow == (lang == "ar")
    browser.driver.get_screenshot_as_file(str(_screenshot(lang, 390)))


@pytest.mark.parametrize("lang", PREFIX)
@pytest.mark.parametrize("width", WIDTHS)
def test_no_serious_accessibility_violation_with_results_open(
    browser: Chromium, site: tuple[str, list[str]], lang: str, width: str
) -> None:
    search_for(browser, site[0], lang, "السوداني" if lang == "ar" else "Sudani", width=width)
    browser.wait_until_ready()
    if width == "desktop":
        browser.driver.get_screenshot_as_file(str(_screenshot(lang, 1280)))
    result = axe.run_axe(browser, tools.axe_script())
    report = json.loads(AXE_REPORT.read_text(encoding="utf-8")) if AXE_REPORT.is_file() else {}
    report[f"{lang}-{width}"] = axe.summary(result)
    AXE_REPORT.parent.mkdir(parents=True, exist_ok=True)
    AXE_REPORT.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    found = axe.blocking(result)
    assert not found, f"axe-core, search open ({AXE_REPORT}):\n" + axe.describe(found)


def _screenshot(lang: str, width: int) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"search-{lang}-{width}.png"


# -- what is fetched, and when ------------------------------------------------------------------


@pytest.mark.parametrize("lang", PREFIX)
def test_a_page_that_is_only_read_fetches_no_index(browser: Chromium, site: tuple[str, list[str]], lang: str) -> None:
    base, requests = site
    browser.driver.execute_cdp_cmd("Network.enable", {})
    # Every file asked for: the page's own cache off, and the cache that Pagefind's worker
    # reads through (CDP's switch does not reach workers) emptied.
    browser.driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    browser.driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    browser.open("about:blank")
    time.sleep(0.5)  # what earlier tests still had in flight
    requests.clear()
    _open_page(browser, base, lang)
    browser.run("window.scrollTo(0, document.body.scrollHeight);")
    time.sleep(1)
    read_only = list(requests)
    requests.clear()
    assert any(path.endswith("/assets/javascripts/search.js") for path in read_only)
    assert not [path for path in read_only if "/pagefind/" in path or path.endswith("search-ui.js")]
    _open_search(browser)
    browser.driver.find_element(By.CSS_SELECTOR, ".md-search__input").send_keys("Sudani")
    _wait_for(browser, "Sudani")
    bundle = "/" + PREFIX[lang] + "pagefind/"
    deadline = time.monotonic() + 10  # the results may show before the last request is logged
    while not any(path.startswith(bundle + "records/") for path in requests) and time.monotonic() < deadline:
        time.sleep(0.1)
    fetched = [path for path in requests if "/pagefind/" in path]
    for what in ("search.json", "index/", "records/"):  # the settings, the index, the results' views
        assert any(path.startswith(bundle + what) for path in fetched), (what, fetched)
    assert all(path.startswith(bundle) for path in fetched), fetched  # only this language's index
    browser.driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": False})


def test_what_every_page_loads_for_search_is_small(search_site: Path) -> None:
    for path in ("assets/javascripts/search.js", "assets/stylesheets/search.css"):
        served = len(gzip.compress((search_site / path).read_bytes(), 9))
        assert served < 1500, f"{path}: {served} bytes gzipped"


def test_a_large_index_in_parts_finds_the_same_records(
    browser: Chromium, search_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site_copy = tmp_path / "site"
    shutil.copytree(search_site, site_copy)
    corpus = pipeline.check(pipeline.Project(REPO))
    strings = load_strings(REPO / "templates" / STRINGS_FILE)
    monkeypatch.setattr(search, "PART_WORDS", 1500)
    search.write_search_index(search.search_records(corpus, "ar", strings), "ar", site_copy / "ar" / "pagefind")
    assert json.loads((site_copy / "ar" / "pagefind" / search.BUNDLE_SETTINGS).read_text(encoding="utf-8"))["parts"]
    with serve_folder(search_site) as whole, serve_folder(site_copy) as in_parts:
        for query in ("السوداني", "حرير", "Diaa", "السودانيزم"):
            expected = search_for(browser, whole, "ar", query)
            found = search_for(browser, in_parts, "ar", query)
            assert found.status == expected.status, query  # as many results
            if len(expected.items) < 10:  # all shown (each part ranks its own records a little differently)
                assert sorted(found.titles) == sorted(expected.titles), query


def test_a_word_finds_every_word_it_begins_across_the_chunks_of_the_index(
    browser: Chromium, search_site: Path, tmp_path: Path
) -> None:
    """Pagefind fetches its index in chunks of about 20,000 word places, and for a query word
    only the chunk where that word falls: words it begins that sort into the next chunk
    were not found (Pagefind 1.5.2). Here each of five words begins 2,200 others (alphabbb,
    alphabbc, ...), which the chunks split somewhere (when this was written, in "charlie")."""
    site_copy = tmp_path / "site"
    shutil.copytree(search_site, site_copy)
    shutil.rmtree(site_copy / "pagefind")

    def code(n: int) -> str:  # letters only: Pagefind splits a word at its digits
        return "".join("bcdfghjklmnpqrstvwxz"[n // 20 ** k % 20] for k in (2, 1, 0))

    records = tuple(
        search.SearchRecord(f"actors/x{n}/", "actor", "Actor", f"Record {code(n)}", (),
                            (search.SearchField(" ".join(word + code(n) for word in NATO), 1.0),))
        for n in range(2200)
    )
    strings = load_strings(REPO / "templates" / STRINGS_FILE)
    messages = {key.removeprefix("search_"): value["en"] for key, value in strings.items() if key.startswith("search_")}
    search.write_search_index(search.SearchRecords("en", records, messages), "en", site_copy / "pagefind")
    assert len(list((site_copy / "pagefind" / "index").iterdir())) > 1
    with serve_folder(site_copy) as base:
        for word in NATO:
            assert search_for(browser, base, "en", word).status == _message("en", "results_other", count="2200"), word


NATO = ("alpha", "bravo", "charlie", "delta", "echo")
