"""The search index built from the model (briefing/search_index.py), without a browser:
which records a reader can find, what a result says, how words are normalised (here and,
run with Node, in the search box's own script), and the bundle written for each language.
The search box itself, typed into in Chromium, is tested in tests/test_search.py."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from briefing import pipeline
from briefing import search_index as search
from briefing.model import Corpus
from briefing.render import STRINGS_FILE, load_strings
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


def _fragments(bundle: Path) -> list[dict[str, object]]:
    """Every record Pagefind wrote into a bundle (its parts included): url, content, meta."""
    found = []
    for path in sorted(bundle.rglob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        found.append(json.loads(data[len(b"pagefind_dcd"):]))
    return found


def _words(fragment: dict[str, object]) -> set[str]:
    """The words Pagefind holds for a record (it ends each block of text with a full stop)."""
    return {word.rstrip(".") for word in str(fragment["content"]).split()}


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
    for text in (dated.event.title.ar, dated.event.summary.ar, actor.name.ar, record.details[0]):
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


def test_the_bundle_holds_the_index_and_the_search_box_settings_in_its_language(
    records: dict[str, SearchRecords], strings: dict[str, dict[str, str]], tmp_path: Path
) -> None:
    bundle = tmp_path / "ar" / "pagefind"
    stats = search.write_search_index(records["ar"], "ar", bundle)
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"ar"}
    settings = json.loads((bundle / search.BUNDLE_SETTINGS).read_text(encoding="utf-8"))
    assert settings["messages"]["more"] == strings["search_more"]["ar"] == "عرض مزيد من النتائج"
    assert settings["normalisation"] == json.loads(json.dumps(search.normalisation_table()))
    assert settings["parts"] == []
    assert not list(bundle.glob("pagefind-*ui*")) and not (bundle / "pagefind-highlight.js").exists()
    assert (bundle / "pagefind.js").is_file() and (bundle / "wasm.ar.pagefind").is_file()
    fragments = _fragments(bundle)
    assert stats.records == len(fragments) == len(records["ar"])
    assert stats.files == sum(1 for p in bundle.rglob("*") if p.is_file())
    assert stats.bytes == sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    # Pagefind knows record n as "/n", with no metadata (Pagefind 1.5 would search it);
    # what the result shows is in records/n.json.
    assert {f["url"] for f in fragments} == {f"/{n}" for n in range(len(records["ar"]))}
    assert all(f["meta"] == {} for f in fragments)
    number = next(n for n, r in enumerate(records["ar"]) if r.url == f"actors/{ACTOR}/")
    view = json.loads((bundle / "records" / f"{number}.json").read_text(encoding="utf-8"))
    assert view["url"] == f"actors/{ACTOR}/"
    assert (view["title"], view["kind_label"], view["details"]) == (
        "محمد شياع السوداني", "طرف فاعل", ["رئيس مجلس الوزراء العراقي"])
    fragment = next(f for f in fragments if f["url"] == f"/{number}")
    assert "سوداني" in _words(fragment)  # the words, as the index holds them


def test_markup_in_a_record_is_shown_as_text(tmp_path: Path) -> None:
    title = '</div><script>alert("x")</script> & <b>bold</b>'
    record = SearchRecord("actors/x/", "actor", "Actor", title, ("a & b",),
                          (SearchField('<i>"quoted"</i>', 1.0, label="L<>"),))
    search.write_search_index(SearchRecords("en", (record,), {}), "en", tmp_path / "pagefind")
    view = json.loads((tmp_path / "pagefind" / "records" / "0.json").read_text(encoding="utf-8"))
    assert view["title"] == title
    assert view["details"] == ["a & b"]
    assert view["fields"] == [{"t": '<i>"quoted"</i>', "l": "L<>"}]
    (fragment,) = _fragments(tmp_path / "pagefind")
    assert {"script", "alert", "bold", "quoted"} <= _words(fragment) and "<" not in str(fragment["content"])


def test_writing_again_replaces_the_whole_bundle(records: dict[str, SearchRecords], tmp_path: Path) -> None:
    bundle = tmp_path / "pagefind"
    search.write_search_index(records["en"], "en", bundle)
    (bundle / "fragment" / "stale.pf_fragment").write_bytes(b"stale")
    search.write_search_index(records["en"], "en", bundle)
    assert not (bundle / "fragment" / "stale.pf_fragment").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["pagefind"]  # no work folder left behind


def test_a_large_index_is_written_in_parts_that_each_know_every_word(
    records: dict[str, SearchRecords], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "PART_WORDS", 1500)
    bundle = tmp_path / "pagefind"
    search.write_search_index(records["ar"], "ar", bundle)
    parts = json.loads((bundle / search.BUNDLE_SETTINGS).read_text(encoding="utf-8"))["parts"]
    assert len(parts) >= 3
    for part in parts:
        folder = bundle / part
        assert (folder / "pagefind-entry.json").is_file()
        assert not (folder / "pagefind.js").exists() and not list(folder.glob("wasm.*"))  # loaded once, from the first
    fragments = _fragments(bundle)
    vocabulary = [f for f in fragments if f["url"] == search.VOCABULARY_URL]
    assert len(vocabulary) == len(parts) + 1
    numbers = sorted(f["url"] for f in fragments if f not in vocabulary)
    assert numbers == sorted(f"/{n}" for n in range(len(records["ar"])))
    every_word = set().union(*(_words(f) for f in fragments if f not in vocabulary))
    for page in vocabulary:
        assert _words(page) == every_word
        assert page["filters"] == {}  # never a result: searches ask for the record filter


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
