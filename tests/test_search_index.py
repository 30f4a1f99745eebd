"""The search index built from the model (briefing/search_index.py), without a browser:
which records a reader can find, what a result says, how words are normalised (here and,
run with Node, in the search box's own script), and the bundle written for each language.
The search box itself, typed into in Chromium, is tested in tests/test_search.py."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from briefing import pipeline
from briefing import search_index as search
from briefing.model import Corpus
from briefing.templating import STRINGS_FILE, load_strings
from briefing.search_index import SearchField, SearchRecord, SearchRecords, plain_text, search_records, terms
from conftest import REPO
from htmlcheck import read_page

SEARCH_UI = REPO / "templates" / "overrides" / "assets" / "javascripts" / "search-ui.js"
ACTOR = "mohammed-shia-al-sudani"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return pipeline.check(pipeline.Project(REPO))


@pytest.fixture(scope="module")
def strings() -> dict[str, dict[str, str]]:
    return load_strings(REPO / "templates" / STRINGS_FILE)


@pytest.fixture(scope="module")
def records(corpus: Corpus, strings: dict[str, dict[str, str]]) -> dict[str, SearchRecords]:
    return {lang: search_records(corpus, lang, strings) for lang in ("ar", "en")}


def _by_url(records: SearchRecords) -> dict[str, SearchRecord]:
    return {record.url: record for record in records}


def _field_texts(record: SearchRecord) -> list[str]:
    return [" ".join(f.text) if isinstance(f.text, tuple) else f.text for f in record.fields]


def _node() -> str:
    found = shutil.which("node")
    if not found:
        pytest.fail("node not found: the search box's normalisation is checked with Node.js "
                    "(`make test` installs it; Debian: apt-get install -y nodejs)", pytrace=False)
    return found


def _run_search_ui(tmp_path: Path, call: str, payload: object) -> object:
    """Run one of search-ui.js's pure functions in Node: `call` is an expression over
    `ui` (the module) and `input` (the payload)."""
    module = tmp_path / "search-ui.mjs"
    shutil.copy(SEARCH_UI, module)
    script = (
        f"import * as ui from {json.dumps(module.as_uri())};\n"
        "let text = ''; process.stdin.on('data', d => text += d);\n"
        f"process.stdin.on('end', () => {{ const input = JSON.parse(text); "
        f"process.stdout.write(JSON.stringify({call})); }});\n"
    )
    done = subprocess.run([_node(), "--input-type=module", "-e", script], input=json.dumps(payload),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


# -- which records, and what a result says ----------------------------------------------------


def test_every_event_actor_source_and_question_is_a_record_in_both_languages(
    corpus: Corpus, records: dict[str, SearchRecords]
) -> None:
    for lang, found in records.items():
        kinds = [record.kind for record in found]
        assert kinds.count("event") == len(corpus.events)
        assert kinds.count("actor") == len(corpus.actors)
        assert kinds.count("source") == len(corpus.articles)
        assert kinds.count("question") == len(corpus.dossier.questions)
        assert found.lang == lang


def test_a_result_names_the_record_its_kind_and_what_it_is(records: dict[str, SearchRecords]) -> None:
    arabic, english = _by_url(records["ar"])[f"actors/{ACTOR}/"], _by_url(records["en"])[f"actors/{ACTOR}/"]
    assert (arabic.title, arabic.kind_label, arabic.details) == (
        "محمد شياع السوداني", "طرف فاعل", ("رئيس مجلس الوزراء العراقي",))
    assert (english.title, english.kind_label, english.details) == (
        "Mohammed Shia al-Sudani", "Actor", ("Prime Minister of Iraq",))
    event = next(r for r in records["en"] if r.kind == "event" and r.title == "Al-Sudani visits Washington")
    assert (event.kind_label, event.details) == ("Event", ("April 2024",))
    source = next(r for r in records["ar"] if r.kind == "source")
    assert source.kind_label == "مصدر" and len(source.details) == 2  # the outlet and the date


def test_each_record_links_to_its_page_and_anchor_in_the_built_site(
    records: dict[str, SearchRecords], bundled_site: Path
) -> None:
    broken = []
    for lang, found in records.items():
        root = bundled_site / ("ar" if lang == "ar" else "")
        for record in found:
            page, _, anchor = record.url.partition("#")
            target = root / page / "index.html"
            if not target.is_file() or (anchor and anchor not in read_page(target).ids):
                broken.append(f"{lang}: {record.kind} {record.title!r} -> {record.url}")
    assert broken == []


def test_an_event_is_found_by_its_title_date_summary_and_actors(
    corpus: Corpus, records: dict[str, SearchRecords]
) -> None:
    dated = next(d for d in corpus.events if d.event.actors)
    record = _by_url(records["ar"])[f"chronology/{dated.date.lower.year}/#{dated.event.id}"]
    document = search.record_document(record, "ar")
    actor = corpus.actor_by_id[dated.event.actors[0].actor]
    summary = re.sub(r"\[\]\(source:[^)]*\)", "", dated.event.summary.ar)  # a link to a source: its name
    for text in (dated.event.title.ar, summary, actor.name.ar, record.details[0]):
        assert all(word in document for word in terms(text)), text


def test_an_actor_is_found_by_every_name_and_spelling_latin_ones_included(records: dict[str, SearchRecords]) -> None:
    arabic = _by_url(records["ar"])["actors/diaa-al-nasiri/"]
    names = next(f.text for f in arabic.fields if isinstance(f.text, tuple))
    assert set(names) == {"الناصري", "Diaa al-Nasiri", "Diya al-Nasiri"}
    english = _by_url(records["en"])["actors/diaa-al-nasiri/"]
    assert set(next(f.text for f in english.fields if isinstance(f.text, tuple))) == {
        "الناصري", "Diaa al-Nasiri", "ضياء الناصري"}


def test_a_source_is_found_by_its_outlet_title_summary_and_raw_text(
    corpus: Corpus, records: dict[str, SearchRecords]
) -> None:
    article = corpus.articles[0]
    record = _by_url(records["en"])[f"sources/{article.id}/"]
    texts = " ".join(_field_texts(record))
    assert article.outlet.name.en in texts
    assert record.title == article.title.en
    raw = next(f for f in record.fields if f.label == "Original text")
    assert raw.lang == "ar"  # shown right to left on the English page
    assert raw.text == " ".join(corpus.article_texts[article.id].split())


def test_snippets_are_plain_text_without_markdown() -> None:
    assert plain_text("*Supports* means [backing](https://example.org) an `end`,\\* not _this_.") == (
        "Supports means backing an end,* not this.")
    assert plain_text("- first point\n- second point") == "first point second point"


# -- normalisation ----------------------------------------------------------------------------


WRITTEN_AS_TYPED = [
    # hamza on a seat, typed as the bare seat
    ("أعلن", "اعلن"), ("إنهاء", "انهاء"), ("آليات", "اليات"), ("مسؤول", "مسوول"), ("إسرائيل", "اسراييل"),
    # alif maqsura typed as ya, ta marbuta as ha
    ("مستوى", "مستوي"), ("الحكومة", "الحكومه"),
    # diacritics and tatweel, in the text or in the query
    ("السُّودَانِيّ", "السوداني"), ("الحكومة", "الحكـــومة"),
    # the article and the prefixes و ب ل ف ك, alone or with the article
    ("السوداني", "سوداني"), ("السوداني", "والسوداني"), ("السوداني", "بالسوداني"), ("السوداني", "للسوداني"),
    ("السوداني", "فالسوداني"), ("السوداني", "كالسوداني"), ("واشنطن", "لواشنطن"), ("بغداد", "وبغداد"),
    # digits, Persian letters, Latin accents and case
    ("2024", "٢٠٢٤"), ("2024", "۲۰۲۴"), ("كركوك", "کرکوک"), ("Café", "cafe"),
]


@pytest.mark.parametrize(("written", "typed"), WRITTEN_AS_TYPED)
def test_a_word_is_indexed_as_it_is_typed(written: str, typed: str) -> None:
    assert terms(written) == terms(typed)


def test_prefix_letters_that_belong_to_a_short_word_stay() -> None:
    assert terms("بحث وقال الحل الى") == ["بحث", "قال", "حل", "الي"]


def test_the_search_box_normalises_every_word_exactly_as_the_index(corpus: Corpus, tmp_path: Path) -> None:
    words: set[str] = set()
    for dated in corpus.events:
        for text in (dated.event.title, dated.event.summary):
            words.update(text.ar.split() + text.en.split())
    for actor in corpus.actors:
        words.update(actor.name.ar.split() + actor.name.en.split() + [o.name for o in actor.other_names])
    for text in corpus.article_texts.values():
        words.update(text.split())
    words.update(["ﻻ", "ﷲ", "Ærøskøbing", "İstanbul", "e\u0301", "a_b", "x\u200cy", "ــ"])
    texts = sorted(words)
    table = search.normalisation_table()
    in_browser = _run_search_ui(tmp_path, "input.texts.map(ui.normaliser(input.table).terms)",
                                {"table": table, "texts": texts})
    differ = [(text, terms(text), js) for text, js in zip(texts, in_browser, strict=True) if terms(text) != js]
    assert differ == []
    assert len(texts) > 1000


def test_query_words_that_say_nothing_alone_are_left_out(tmp_path: Path) -> None:
    queries = ["ال", "و السوداني", "a", "2", "Sudani's", "السوداني السوداني", "al-Nasiri"]
    result = _run_search_ui(tmp_path, "input.queries.map(ui.normaliser(input.table).queryTerms)",
                            {"table": search.normalisation_table(), "queries": queries})
    assert result == [[], ["سوداني"], [], ["2"], ["sudani"], ["سوداني"], ["nasiri"]]


# -- the bundle -------------------------------------------------------------------------------


def _settings(bundle: Path) -> dict[str, Any]:
    return json.loads((bundle / search.BUNDLE_SETTINGS).read_text(encoding="utf-8"))


def _view(bundle: Path, number: int) -> dict[str, Any]:
    """Record `number`'s view, from the records/<n>.json that holds it."""
    counts = _settings(bundle)["records"]["views"]
    first = max(sum(counts[:n]) for n in range(len(counts)) if sum(counts[:n]) <= number)
    views = json.loads((bundle / search.RECORDS_FOLDER / f"{first}.json").read_text(encoding="utf-8"))
    return views[number - first]


def _files(bundle: Path) -> list[Path]:
    return [path for path in bundle.rglob("*") if path.is_file()]


def test_the_bundle_holds_the_index_and_the_search_box_settings_in_its_language(
    records: dict[str, SearchRecords], strings: dict[str, dict[str, str]], tmp_path: Path
) -> None:
    bundle = tmp_path / "ar" / "pagefind"
    stats = search.write_search_index(records["ar"], "ar", bundle)
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"ar"}
    settings = _settings(bundle)
    assert settings["messages"]["more"] == strings["search_more"]["ar"] == "عرض مزيد من النتائج"
    assert settings["normalisation"] == json.loads(json.dumps(search.normalisation_table()))
    assert settings["parts"] == []
    assert not list(bundle.glob("pagefind-*ui*")) and not (bundle / "pagefind-highlight.js").exists()
    assert (bundle / "pagefind.js").is_file() and (bundle / "wasm.ar.pagefind").is_file()
    assert stats.records == settings["records"]["count"] == len(records["ar"])
    assert stats.files == len(_files(bundle))
    assert stats.bytes == sum(path.stat().st_size for path in _files(bundle))
    # Pagefind's page files are never fetched (the search box reads word positions), so none
    # is written; the results' views come in files of many records each.
    assert not (bundle / "fragment").exists()
    assert len(list((bundle / search.RECORDS_FOLDER).iterdir())) < len(records["ar"]) / 8
    number = next(n for n, r in enumerate(records["ar"]) if r.url == f"actors/{ACTOR}/")
    view = _view(bundle, number)
    assert view == search.record_view(records["ar"].records[number])
    assert (view["url"], view["title"], view["kind_label"], view["details"]) == (
        f"actors/{ACTOR}/", "محمد شياع السوداني", "طرف فاعل", ["رئيس مجلس الوزراء العراقي"])
    # Every word of the index, in order, as the search box looks a query word up.
    words = [line for path in sorted((bundle / search.WORDS_FOLDER).iterdir(), key=lambda p: int(p.stem))
             for line in path.read_text(encoding="utf-8").split("\n")]
    assert words == sorted(words, key=lambda word: word.encode("utf-16-be")) and len(words) == len(set(words))
    assert "سوداني" in words and "السوداني" not in words  # the words, as the index holds them
    assert settings["words"][0] == words[0]
    # A version of the views and words, which the search box asks for (<file>?v=<version>).
    assert re.fullmatch("[0-9a-f]{12}", settings["version"])


def _expected_words(records: SearchRecords, settings: dict[str, Any]) -> dict[int, list[tuple[str, float, int]]]:
    """Each Pagefind document's words, as write_search_index lays them out: (word, weight,
    record), one after the other."""
    documents: dict[int, list[tuple[str, float, int]]] = {}
    groups = settings["records"]["groups"]
    for group, first in enumerate(groups):
        end = groups[group + 1] if group + 1 < len(groups) else len(records)
        documents[group] = [(word, weight, number) for number in range(first, end)
                            for weight, words in search._blocks(records.records[number]) for word in words]
    return documents


def test_pagefind_counts_a_position_for_every_word_as_the_search_box_reads_them(
    records: dict[str, SearchRecords], tmp_path: Path
) -> None:
    """The search box tells which record a word Pagefind found belongs to from its position
    in its document: Pagefind must count one position for each word written, in order."""
    found = records["ar"]
    blocks = [search._blocks(record) for record in found]
    layout = search._layout(blocks)
    assert len(layout.groups) < len(found) / 20  # few documents, many records each
    with search.PagefindService() as service:
        index = service.new_index(force_language="ar")
        service.add_files(index, search._documents(blocks, layout, layout.parts[0], "ar", None))
        files = service.get_files(index)
    fragments = {}
    for name, content in files.items():
        if name.startswith("fragment/"):
            data = gzip.decompress(content)
            fragment = json.loads(data[len(b"pagefind_dcd"):])
            fragments[int(fragment["url"].strip("/"))] = fragment
    settings = {"records": {"groups": layout.groups}}
    for group, expected in _expected_words(found, settings).items():
        counted = [word.rstrip(".") for word in fragments[group]["content"].split()]
        assert counted == [word for word, _, _ in expected]
        assert fragments[group]["word_count"] == len(expected) == layout.group_words[group]


def test_the_search_box_reads_each_position_as_its_record_and_weight(
    records: dict[str, SearchRecords], tmp_path: Path
) -> None:
    bundle = tmp_path / "pagefind"
    search.write_search_index(records["en"], "en", bundle)
    settings = _settings(bundle)
    page_of = {group: page for page, group in settings["records"]["pages"][0].items()}
    expected = _expected_words(records["en"], settings)
    results = [{"id": page_of[group], "words": list(range(len(words)))} for group, words in expected.items()]
    read = _run_search_ui(tmp_path, "input.results.map(r => [...ui.recordIndex(input.records).records([r])])",
                          {"records": settings["records"], "results": results})
    for (group, words), found in zip(expected.items(), read, strict=True):
        weights: dict[int, float] = {}  # each record with its weightiest word (its first)
        for _, weight, number in words:
            weights.setdefault(number, weight)
        assert dict(found) == weights, group
    # Each position alone: its own record and weight.
    group, words = next((group, words) for group, words in expected.items() if len(words) > 100)
    positions = list(range(0, len(words), 7))
    read = _run_search_ui(
        tmp_path, "input.positions.map(at => [...ui.recordIndex(input.records).records([{id: input.id, words: [at]}])])",
        {"records": settings["records"], "id": page_of[group], "positions": positions})
    assert read == [[[words[at][2], words[at][1]]] for at in positions]
    # A page that is no document of records (a part's vocabulary page) matches no record.
    assert _run_search_ui(tmp_path, "[...ui.recordIndex(input.records).records([{id: 'x', words: [0]}])]",
                          {"records": settings["records"]}) == []


def test_markup_in_a_record_is_shown_as_text(tmp_path: Path) -> None:
    title = '</div><script>alert("x")</script> & <b>bold</b>'
    record = SearchRecord("actors/x/", "actor", "Actor", title, ("a & b",),
                          (SearchField('<i>"quoted"</i>', 1.0, label="L<>"),))
    search.write_search_index(SearchRecords("en", (record,), {}), "en", tmp_path / "pagefind")
    view = _view(tmp_path / "pagefind", 0)
    assert view["title"] == title
    assert view["details"] == ["a & b"]
    assert view["fields"] == [{"t": '<i>"quoted"</i>', "l": "L<>"}]
    document = search.record_document(record, "en")
    assert {"script", "alert", "bold", "quoted"} <= set(_text(document).split())
    assert "<script" not in document and "&" not in document and "<b>" not in document


def test_writing_again_replaces_the_whole_bundle(records: dict[str, SearchRecords], tmp_path: Path) -> None:
    bundle = tmp_path / "pagefind"
    search.write_search_index(records["en"], "en", bundle)
    (bundle / search.RECORDS_FOLDER / "stale.json").write_bytes(b"stale")
    search.write_search_index(records["en"], "en", bundle)
    assert not (bundle / search.RECORDS_FOLDER / "stale.json").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["pagefind"]  # no work folder left behind


def test_a_large_index_is_written_in_parts_that_each_know_every_word(
    records: dict[str, SearchRecords], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "PART_WORDS", 1500)
    sent: dict[int, list[str]] = {}  # the URLs indexed, by Pagefind index
    send = search.PagefindService.send

    def noting(service: search.PagefindService, payloads: Any) -> range:
        def note(payload: dict[str, Any]) -> dict[str, Any]:
            if payload["type"] == "AddFile":
                sent.setdefault(payload["index_id"], []).append(payload["url"])
            return payload
        return send(service, (note(payload) for payload in payloads))

    monkeypatch.setattr(search.PagefindService, "send", noting)
    bundle = tmp_path / "pagefind"
    search.write_search_index(records["ar"], "ar", bundle)
    settings = _settings(bundle)
    parts = settings["parts"]
    assert len(sent) == len(parts) + 1
    assert all(urls.count(search.VOCABULARY_URL) == 1 for urls in sent.values())
    assert len(parts) >= 3
    for part in parts:
        folder = bundle / part
        assert (folder / "pagefind-entry.json").is_file()
        assert not (folder / "pagefind.js").exists() and not list(folder.glob("wasm.*"))  # loaded once, from the first
    # Each document of records is in one part; the page ids of all parts differ (the search
    # box gets their results together).
    pages = settings["records"]["pages"]
    assert len(pages) == len(parts) + 1
    assert sorted(group for part in pages for group in part.values()) == list(range(len(settings["records"]["groups"])))
    assert len({page for part in pages for page in part}) == sum(len(part) for part in pages)
    # Each part has a page of every word of every part (which no search shows).
    blocks = [search._blocks(record) for record in records["ar"]]
    layout = search._layout(blocks)
    assert len(layout.parts) == len(parts) + 1
    every_word = {word for record in blocks for _, words in record for word in words}
    vocabulary = " ".join(sorted(every_word, key=search._utf16))
    for part in layout.parts:
        page = dict(search._documents(blocks, layout, part, "ar", vocabulary))[search.VOCABULARY_URL]
        assert 'data-pagefind-weight="0"' in page and set(_text(page).split()) == every_word


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_page_ids_that_an_earlier_part_has_are_made_again(
    records: dict[str, SearchRecords], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind's page ids are short hashes, unique in one index only: a part whose ids an
    earlier part has is indexed again under other URLs (here every first try collides)."""
    monkeypatch.setattr(search, "PART_WORDS", 1500)
    real = search._fragment_page

    def colliding(name: str, content: bytes, layout: search._Layout) -> dict[str, int]:
        found = real(name, content, layout)
        fragment = json.loads(gzip.decompress(content)[len(b"pagefind_dcd"):])
        if found and fragment["url"].count("/") == 1:  # "/<g>": a first try
            return {"same": next(iter(found.values()))}
        return found

    monkeypatch.setattr(search, "_fragment_page", colliding)
    bundle = tmp_path / "pagefind"
    search.write_search_index(records["ar"], "ar", bundle)
    pages = _settings(bundle)["records"]["pages"]
    assert len(pages) >= 3 and list(pages[0]) == ["same"]
    assert all("same" not in part and len(part) == 1 for part in pages[1:])


def test_pagefind_counting_words_otherwise_is_reported_and_leaves_the_previous_bundle(
    records: dict[str, SearchRecords], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "pagefind"
    search.write_search_index(records["en"], "en", bundle)
    before = sorted(p.relative_to(bundle) for p in bundle.rglob("*"))
    real = search._blocks_html
    monkeypatch.setattr(search, "_blocks_html", lambda blocks: real(blocks).replace("<p ", "<p>x</p><p ", 1))
    with pytest.raises(search.SearchIndexError, match="Pagefind counted"):
        search.write_search_index(records["en"], "en", bundle)
    assert sorted(p.relative_to(bundle) for p in bundle.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir()] == ["pagefind"]


def test_a_pagefind_failure_is_reported_and_leaves_the_previous_bundle(
    records: dict[str, SearchRecords], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "pagefind"
    search.write_search_index(records["en"], "en", bundle)
    before = sorted(p.relative_to(bundle) for p in bundle.rglob("*"))
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", shutil.which("false") or "/bin/false")
    with pytest.raises(search.SearchIndexError, match="Pagefind stopped"):
        search.write_search_index(records["en"], "en", bundle)
    assert sorted(p.relative_to(bundle) for p in bundle.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir()] == ["pagefind"]
