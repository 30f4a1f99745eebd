"""The site's search: one Pagefind index per language, built from the model's records.

Every event, actor, source article and open question becomes one search record: the
texts a reader may search for (title, names, summary, ...) with how much a match in each
counts, and what a result shows (title, kind, date, the texts a snippet is cut from).
`write_search_index` turns one language's records into a Pagefind bundle
(https://pagefind.app) under that language's root (`pagefind/`, `ar/pagefind/`), which
the search box (templates/overrides/assets/javascripts/search-ui.js) fetches only once a
reader opens it: a page that is only read loads no index. Pagefind indexes the records'
words in a few long documents, and the search box tells the records apart by where in
them a word was found (see "the bundle" below): the bundle of ten thousand events is
about a thousand files, made in under two seconds.

Readers type a word the way they would write it, not the way the text spells it. Both
the indexed text and the query therefore go through one normalisation, `terms()`: hamza
on a seat becomes the seat (أ إ آ -> ا, ؤ -> و, ئ -> ي), ى -> ي, ة -> ه, diacritics and
tatweel are dropped, Arabic-Indic digits become Latin, accents are dropped from Latin
letters, and the article (ال) and the prefixes و ب ل ف ك are stripped from word starts.
The browser applies the very same table (`normalisation_table()`, written with the bundle
as `search.json`), so the two sides cannot drift apart. Pagefind's own Arabic stemmer
(Snowball) then runs on both sides too; on its own it misses وال/فال/ل + word, Persian
letters and Extended Arabic-Indic digits (measured; "Search" in EDITING.md says what is handled).

Pagefind is driven through its `--service` protocol (base64 JSON messages separated by
commas on stdin and stdout), every request written at once and the answers read as they
come: the `pagefind` package's own wrapper waits 0.1 s before reading each answer, which
would take minutes for a dossier of ten thousand events.
"""

from __future__ import annotations

import base64
import dataclasses
import gzip
import hashlib
import io
import itertools
import json
import logging
import queue
import re
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from briefing import collector
from briefing.dates import format_fuzzy
from briefing.folding import letter_folds
from briefing.markup import name_sources, source_name
from briefing.model import Actor, Article, Corpus, DatedEvent, Language, Question, Text
from briefing.urls import UrlScheme, directory_url
from briefing.write import StagedFolder, staged_folder

log = logging.getLogger(__name__)

SearchKind = Literal["event", "actor", "source", "question"]

BUNDLE_SETTINGS = "search.json"
"""The file beside Pagefind's own in a bundle: the normalisation table and the messages
the search box shows, in the bundle's language, and where each record is in the index
(see "the bundle" below)."""

# What a match in each kind of text is worth, relative to running text (Pagefind weighs
# between 0 and 10). An actor's names weigh most, so that a name typed finds the actor
# before the many events whose titles and summaries name it.
NAME_WEIGHT = 10.0
"""An actor's name and other names."""
TITLE_WEIGHT = 3.0
"""The title of an event or a source, the text of a question."""
LABEL_WEIGHT = 2.0
"""A short text that says what the record is: an actor's role, a source's outlet."""
TEXT_WEIGHT = 1.0
"""Running text: a summary, key points, an event's actors and date."""
RAW_TEXT_WEIGHT = 0.5
"""An article's raw text: long, so its words count less than the summary's."""

# Pagefind writes its ready-made user interfaces into every bundle; the search box is our
# own (partials/search.html), so they are left out. A bundle's later parts need none of
# Pagefind's code either: the search box loads it once, from the first.
_UNUSED_BUNDLE_FILES = frozenset({
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
})
_PART_UNUSED_FILES = _UNUSED_BUNDLE_FILES | {"pagefind.js", "pagefind-worker.js"}

class SearchIndexError(Exception):
    """Pagefind could not build the index; the message says what it reported."""


# -- normalisation --------------------------------------------------------------------------

ARTICLE_FORMS = ("ال", "لل")
"""The article at a word's start, alone or after ل (which drops its alif: لل)."""
MIN_AFTER_ARTICLE = 2
"""Letters that must remain once the article is stripped (الحل -> حل, but not الى -> ى)."""
PREFIXES = {"و": 3, "ف": 4, "ب": 4, "ل": 4, "ك": 4}
"""One-letter words written joined to the next (and, so, with/in, for/to, like), each with
the letters that must remain once it is stripped. A word's own first letter is sometimes
stripped too (بغداد -> غداد), the same way in the index and in the query, so that the two
still meet; the conjunction و is stripped from shorter words than the prepositions, which
are rarely written before a word of three letters (وقال -> قال, but بحث stays)."""


QUERY_IGNORE = ("al",)
"""Words a query may hold that say nothing on their own, besides a lone letter, the article
and the prefixes: the Arabic article as Latin names write it (al-Nasiri), which would
otherwise find every word starting with "al"."""


@lru_cache(maxsize=1)
def normalisation_table() -> dict[str, Any]:
    """The whole normalisation as data: what `terms()` does here and search-ui.js in the
    browser (written with each bundle as search.json; the tests run both on the same words)."""
    return {
        "fold": dict(letter_folds()),
        "article": list(ARTICLE_FORMS),
        "min_after_article": MIN_AFTER_ARTICLE,
        "prefixes": PREFIXES,
        "query_ignore": list(QUERY_IGNORE),
    }


@lru_cache(maxsize=1)
def _translation() -> dict[int, str]:
    return {ord(char): value for char, value in normalisation_table()["fold"].items()}


# A word: a run of letters and digits once folded (search-ui.js: /[\p{L}\p{N}]+/gu).
_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """The text with every folding character replaced, in lower case."""
    return text.translate(_translation()).lower()


@lru_cache(maxsize=131072)
def strip_prefixes(word: str) -> str:
    """A folded word without the article and one-letter prefixes at its start."""
    while True:
        if word[:2] in ARTICLE_FORMS and len(word) - 2 >= MIN_AFTER_ARTICLE:
            word = word[2:]
        elif len(word) - 1 >= PREFIXES.get(word[:1], len(word)):
            word = word[1:]
        else:
            return word


def terms(text: str) -> list[str]:
    """The words of a text as the index holds them (and as a query is looked up)."""
    found: list[str] = []
    known = _TOKEN_TERMS
    if len(known) > _TOKEN_CACHE_SIZE:
        known.clear()
    # Token by token, each worked out once: folding never makes or removes white space.
    for token in text.split():
        words = known.get(token)
        if words is None:
            words = known[token] = tuple(strip_prefixes(word) for word in _WORD.findall(fold(token)))
        found.extend(words)
    return found


_TOKEN_TERMS: dict[str, tuple[str, ...]] = {}
_TOKEN_CACHE_SIZE = 500_000


# -- records --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchField:
    """One searchable text of a record."""

    text: str | tuple[str, ...]
    """The text as the reader sees it (plain text), or a list of names."""
    weight: float
    """How much a match here counts, relative to running text (1)."""
    label: str = ""
    """What a snippet cut from this text starts with ("Actors", ...); "" for none."""
    lang: Language | None = None
    """The text's language when it is not the page's (an Arabic article on an English page)."""
    snippet: bool = True
    """Whether a result may show this text as its snippet (a title is shown anyway)."""


@dataclass(frozen=True)
class SearchRecord:
    """One result the search can give: a record of the dossier, and where it is shown."""

    url: str
    """Where the record is, inside its language's root: "chronology/2024/#event-id"."""
    kind: SearchKind
    """What the record is: event, actor, source or question."""
    kind_label: str
    """The kind as the result names it, in the record's language ("Actor", "طرف فاعل")."""
    title: str
    """The record's title or name, as the result shows it."""
    details: tuple[str, ...]
    """Shown after the kind: an event's date, an actor's role, a source's outlet and date."""
    fields: tuple[SearchField, ...]
    """Everything searchable besides the title, most telling first."""


@dataclass(frozen=True)
class SearchRecords:
    """One language's search index, before Pagefind: the records and the search box's words."""

    lang: Language
    """The language of every record and message."""
    records: tuple[SearchRecord, ...]
    """Every record, in the model's order (events oldest first, then actors, sources, questions)."""
    messages: Mapping[str, str]
    """The search box's messages (strings.yaml `search_*`, without the prefix), in `lang`."""

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[SearchRecord]:
        """The records, so that a SearchRecords reads as the list of them it mostly is."""
        return iter(self.records)


@dataclass(frozen=True)
class SearchIndexStats:
    """What writing one language's search bundle took."""

    records: int
    """Records indexed."""
    files: int
    """Files in the bundle."""
    bytes: int
    """Their total size on disk."""
    seconds: float
    """Wall-clock time, from the records to the bundle in place."""
    pagefind_memory: int | None = None
    """Pagefind's peak resident memory in bytes (known on Linux only)."""


MESSAGE_PREFIX = "search_"
"""The search box's messages in strings.yaml are the keys starting with this."""


def search_records(corpus: Corpus, lang: Language, strings: Mapping[str, Mapping[str, str]]) -> SearchRecords:
    """The records of one language's search index, from the model (no page is read)."""
    with collector.paused():
        return _search_records(corpus, lang, strings)


def _search_records(corpus: Corpus, lang: Language, strings: Mapping[str, Mapping[str, str]]) -> SearchRecords:
    urls = UrlScheme.of(corpus)
    locale = corpus.dossier.locale_ar if lang == "ar" else corpus.dossier.locale_en

    def t(key: str) -> str:
        return strings[MESSAGE_PREFIX + key][lang]


    template = strings["source_reference"][lang]

    def name(article_id: str) -> str:
        article = corpus.article_by_id[article_id]
        return source_name(article.outlet.name.in_(lang), article.title.in_(lang), template)

    def md(text: Text) -> str:
        """Editors' Markdown as the reader reads it, links to sources by their names."""
        return plain_text(name_sources(text.in_(lang), name))

    records = [_event(dated, urls, lang, locale, corpus, t, md) for dated in corpus.events]
    records += [_actor(actor, lang, t, md) for actor in corpus.actors]
    records += [_source(article, lang, locale, corpus, t, md) for article in corpus.articles]
    records += [_question(question, lang, t, md) for question in corpus.dossier.questions]
    messages = {key.removeprefix(MESSAGE_PREFIX): value[lang]
                for key, value in strings.items() if key.startswith(MESSAGE_PREFIX)}
    return SearchRecords(lang, tuple(records), messages)


Words = Callable[[str], str]
"""A search string (strings.yaml `search_<key>`) in the records' language, by key."""
Plain = Callable[[Text], str]
"""Editors' Markdown text in the records' language, as plain text."""


def _event(dated: DatedEvent, urls: UrlScheme, lang: Language, locale: str, corpus: Corpus, t: Words,
           md: Plain) -> SearchRecord:
    event = dated.event
    date = format_fuzzy(dated.date, lang, locale)
    names = tuple(dict.fromkeys(corpus.actor_by_id[part.actor].name.in_(lang) for part in event.actors))
    return SearchRecord(
        url=directory_url(*urls.event(dated)),
        kind="event",
        kind_label=t("kind_event"),
        title=event.title.in_(lang),
        details=(date,),
        fields=(
            SearchField(md(event.summary), TEXT_WEIGHT),
            SearchField(names, TEXT_WEIGHT, label=t("field_actors")),
            SearchField(date, TEXT_WEIGHT, snippet=False),
        ),
    )


def _actor(actor: Actor, lang: Language, t: Words, md: Plain) -> SearchRecord:
    # Every spelling the articles use, in either script, and the name in the other language.
    other: Language = "en" if lang == "ar" else "ar"
    spellings = [name.name for name in actor.other_names] + [actor.name.in_(other)]
    names = tuple(name for name in dict.fromkeys(spellings) if name != actor.name.in_(lang))
    return SearchRecord(
        url=directory_url(UrlScheme.actor(actor.id)),
        kind="actor",
        kind_label=t("kind_actor"),
        title=actor.name.in_(lang),
        details=(actor.role.in_(lang),),
        fields=(
            SearchField(md(actor.summary), TEXT_WEIGHT),
            SearchField(names, NAME_WEIGHT, label=t("field_other_names")),
            SearchField(actor.role.in_(lang), LABEL_WEIGHT, snippet=False),
        ),
    )


def _source(article: Article, lang: Language, locale: str, corpus: Corpus, t: Words, md: Plain) -> SearchRecord:
    outlet = article.outlet.name.in_(lang)
    points = " ".join(md(point) for point in article.key_points)
    fields = [SearchField(md(article.summary), TEXT_WEIGHT)]
    if points:
        fields.append(SearchField(points, TEXT_WEIGHT))
    fields += [
        SearchField(outlet, LABEL_WEIGHT, snippet=False),
        SearchField(_collapse(corpus.article_texts[article.id]), RAW_TEXT_WEIGHT, label=t("field_raw_text"),
                    lang=article.language if article.language != lang else None),
    ]
    return SearchRecord(
        url=directory_url(UrlScheme.source(article.id)),
        kind="source",
        kind_label=t("kind_source"),
        title=article.title.in_(lang),
        details=(outlet, format_fuzzy(corpus.published[article.id], lang, locale)),
        fields=tuple(fields),
    )


def _question(question: Question, lang: Language, t: Words, md: Plain) -> SearchRecord:
    summary = question.summary
    return SearchRecord(
        url=directory_url(UrlScheme.question(question.id)),
        kind="question",
        kind_label=t("kind_question"),
        title=question.text.in_(lang),
        details=(),
        fields=(SearchField(md(summary), TEXT_WEIGHT),) if summary else (),
    )


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_MD_BLOCK_MARK = re.compile(r"^[ \t]{0,3}(?:[-+*][ \t]+|\d{1,9}[.)][ \t]+|#{1,6}[ \t]+|>[ \t]?)", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"\*+|~~|`+|(?<!\w)_+|_+(?!\w)")
_MD_EMPHASIS_MARKS = ("*", "~~", "`", "_")


def plain_text(markdown: str) -> str:
    """Inline or block Markdown as the reader reads it: markers and link targets gone."""
    text = _MD_BLOCK_MARK.sub("", markdown)
    # Each pattern only where its marker occurs: most texts have none, and the emphasis
    # pattern is slow on long ones.
    if "[" in text:
        text = _MD_LINK.sub(r"\1", text)
    if "<" in text:
        text = _MD_AUTOLINK.sub(r"\1", text)
    escaped = _MD_ESCAPE.findall(text) if "\\" in text else []
    if escaped:
        text = _MD_ESCAPE.sub("\x00", text)
    if any(mark in text for mark in _MD_EMPHASIS_MARKS):
        text = _MD_EMPHASIS.sub("", text)
    for char in escaped:  # escaped characters are the text's own: put them back
        text = text.replace("\x00", char, 1)
    return _collapse(text)


def _collapse(text: str) -> str:
    return " ".join(text.split())  # str.split() and re's \s agree on what is white space


# -- the bundle -----------------------------------------------------------------------------
#
# Pagefind is given few, large documents rather than one per record: Pagefind writes a file
# for every document (its "fragment", which only a result's `data()` fetches), and its time
# and memory grow with the documents. A document holds a run of records, one after the
# other, each as the normalised words of its texts, each word once, the weightiest texts
# first (see _blocks). Pagefind gives each result's matching words as positions in its
# document (a search result's `words`, known without fetching anything more), and counts
# a position for every word of a document, so the search box, which knows how many words
# each record has in each of its weights (`records` in search.json), reads from each
# position which record matched and how much the match weighs, and ranks the records
# itself (search-ui.js). It never asks Pagefind for a fragment, so none is written.

GROUP_WORDS = 16_000
"""Words in one Pagefind document (a run of whole records). Pagefind stores a position
under 65,536 in 3 bytes and a larger one in 5; beyond a few thousand words a document, its
time and memory hardly change (measured on the synthetic L dossier)."""

PART_WORDS = 1_000_000
"""Words in one Pagefind index. Pagefind holds about 130 MB a million words while it
builds an index (measured: 100 MB for the 530,000 of the synthetic L dossier, 260 MB for
three times as many), so a larger bundle is built as several indexes of this size, one
after the other in one Pagefind process, which the search box searches together
(Pagefind's mergeIndex; see _documents). The bundled dossier (6,000 words) and the
synthetic S (15,000), M (120,000) and L (530,000 to 590,000) dossiers fit in one."""

VIEW_CHUNK_BYTES = 8_000
"""About how many bytes of results' views (record_view) go into one `records/<n>.json`:
a result's view is fetched with those of the records beside it (an event's is about 450
bytes, a source's, with its raw text, 5 KB), so few files serve many records while a
page of results costs a few kilobytes a result at most."""

WORD_CHUNK_BYTES = 8_000
"""About how many bytes of the index's words go into one `words/<n>.txt`."""

RECORDS_FOLDER = "records"
"""Where in a bundle what each result shows is kept: `records/<n>.json`, the views of the
records from number n on (search.json `records.views` says how many each file has)."""

WORDS_FOLDER = "words"
"""Where in a bundle every word of the index is listed, in order (`words/<n>.txt`, one a
line; search.json `words` holds the first of each file): the search box asks it whether a
query word begins any word at all (see search-ui.js `begins`)."""

VOCABULARY_URL = "/vocabulary"
"""What Pagefind calls each part's vocabulary page, which search-ui.js never shows."""

Block = tuple[float, list[str]]
"""The words of a record that weigh the same, each once, in the order first written."""


def _blocks(record: SearchRecord) -> list[Block]:
    """The words of the record's title and texts as the index holds them: each word once,
    with the weight of the weightiest text it is in (a result is a record, not a passage,
    so a word repeated in a long raw text must not outweigh a name; and Pagefind's memory
    grows with every word of every record), weightiest first. Every weight of the record's
    texts has its block, if empty."""
    title_weight = NAME_WEIGHT if record.kind == "actor" else TITLE_WEIGHT
    texts = [(title_weight, record.title)] + [(item.weight, item.text) for item in record.fields]
    blocks: dict[float, list[str]] = {}
    seen: set[str] = set()
    for weight, text in sorted(texts, key=lambda pair: -pair[0]):
        words = blocks.setdefault(weight, [])
        for piece in (text if isinstance(text, tuple) else (text,)):
            new = [word for word in dict.fromkeys(terms(piece)) if word not in seen]
            seen.update(new)
            words.extend(new)
    return list(blocks.items())


def _blocks_html(blocks: Iterable[Block]) -> str:
    # The words are letters and digits only (terms()): nothing to escape.
    return "".join(f'<p data-pagefind-weight="{weight:g}">{" ".join(words)}</p>' for weight, words in blocks if words)


def _page(body: str, lang: Language) -> str:
    return f'<html lang="{lang}"><body>{body}</body></html>'


def record_document(record: SearchRecord, lang: Language) -> str:
    """The HTML Pagefind would index for the record alone: the normalised words of its
    title and texts, each once, weighted (in a bundle, it is one run of a longer document)."""
    return _page(_blocks_html(_blocks(record)), lang)


def record_view(record: SearchRecord) -> dict[str, Any]:
    """What the result shows, as the search box reads it from `records/<n>.json`."""
    fields: list[dict[str, Any]] = []
    for item in record.fields:
        if item.snippet and item.text:
            entry: dict[str, Any] = {"t": list(item.text) if isinstance(item.text, tuple) else item.text}
            if item.label:
                entry["l"] = item.label
            if item.lang:
                entry["lang"] = item.lang
            fields.append(entry)
    return {"url": record.url, "kind": record.kind, "kind_label": record.kind_label, "title": record.title,
            "details": [detail for detail in record.details if detail], "fields": fields}


@dataclass
class _Layout:
    """Where each record's words are in the Pagefind documents, as search.json tells the
    search box: made record by record (`add`)."""

    groups: list[int] = field(default_factory=list)
    """The first record of each Pagefind document (URL `/<g>`)."""
    group_words: list[int] = field(default_factory=list)
    """How many words each document has."""
    parts: list[list[int]] = field(default_factory=list)
    """The documents of each Pagefind index, in order."""
    shapes: list[list[Any]] = field(default_factory=list)
    """[weights of the blocks, how many records in a row have them], in record order."""
    lengths: list[int] = field(default_factory=list)
    """How many words each block of each record has, in record order."""
    vocabulary: set[str] = field(default_factory=set)
    """Every word of every record."""
    records: int = 0
    """Records added."""
    _part_words: int = 0

    def add(self, blocks: list[Block]) -> None:
        """The next record, as its blocks: in the last document, or the first of a new one
        (of a new part)."""
        shape = [weight for weight, _ in blocks]
        if self.shapes and self.shapes[-1][0] == shape:
            self.shapes[-1][1] += 1
        else:
            self.shapes.append([shape, 1])
        words = 0
        for _, block in blocks:
            self.lengths.append(len(block))
            self.vocabulary.update(block)
            words += len(block)
        new_part = not self.parts or (self._part_words and self._part_words + words > PART_WORDS)
        if new_part or (self.group_words[-1] and self.group_words[-1] + words > GROUP_WORDS):
            if new_part:
                self.parts.append([])
                self._part_words = 0
            self.parts[-1].append(len(self.groups))
            self.groups.append(self.records)
            self.group_words.append(0)
        self.group_words[-1] += words
        self._part_words += words
        self.records += 1

    def finish(self) -> None:
        """Once every record is added."""
        if not self.parts:
            self.parts.append([])  # one index at least, if empty: the search box still finds a (useless) one


def _layout(blocks: Iterable[list[Block]]) -> _Layout:
    layout = _Layout()
    for record in blocks:
        layout.add(record)
    layout.finish()
    return layout


def _document(blocks: list[list[Block]], layout: _Layout, group: int, lang: Language,
              attempt: int = 0) -> Iterator[tuple[str, str]]:
    """The document `group` under its URL `/<g>` (`/<g>/<attempt>` when indexed again, see
    _fragment_page), if it has a word."""
    end = layout.groups[group + 1] if group + 1 < len(layout.groups) else len(blocks)
    body = "".join(_blocks_html(record) for record in blocks[layout.groups[group]:end])
    if body:
        yield f"/{group}/{attempt}" if attempt else f"/{group}", _page(body, lang)


def _first_part(records: Iterable[SearchRecord], blocks: list[list[Block]], layout: _Layout,
                lang: Language) -> Iterator[tuple[str, str]]:
    """The first part's documents, each as soon as its records are: every record's blocks
    are made on the way (into `blocks` and `layout`), so Pagefind indexes a document while
    the next is made."""
    made = 0
    for record in records:
        record_blocks = _blocks(record)
        blocks.append(record_blocks)
        layout.add(record_blocks)
        complete = len(layout.parts[0]) - (len(layout.parts) == 1)  # all but the one still open
        while made < complete:
            yield from _document(blocks, layout, made, lang)
            made += 1
    for group in range(made, len(layout.parts[0]) if layout.parts else 0):
        yield from _document(blocks, layout, group, lang)


def _documents(blocks: list[list[Block]], layout: _Layout, part: list[int], lang: Language,
               vocabulary: str | None, attempt: int = 0) -> Iterator[tuple[str, str]]:
    """A part's documents (see _document), then its vocabulary page if any.

    When there is more than one part, each also gets a page of every word of the whole
    index (weight 0): Pagefind, when no word of an index starts with a query word, falls
    back to the longest word of that index that starts the query word ("teamwork" finds
    "team"). The search box refuses a query word that begins no word of the bundle
    (words/), but a word found in one part would still fall back in the others; with the
    whole vocabulary in every part, a word found anywhere is found everywhere, and only
    the records that hold it match (the search box shows no other page)."""
    for group in part:
        yield from _document(blocks, layout, group, lang, attempt)
    yield from _vocabulary_page(vocabulary, lang)


def _vocabulary_page(vocabulary: str | None, lang: Language) -> Iterator[tuple[str, str]]:
    if vocabulary is not None:
        yield VOCABULARY_URL, _page(f'<p data-pagefind-weight="0">{vocabulary}</p>', lang)


def _utf16(word: str) -> bytes:
    return word.encode("utf-16-be")  # JavaScript compares strings by UTF-16 code units


def _chunks(items: Iterable[str], size: int) -> list[list[str]]:
    """The items in order, in runs of about `size` characters (one item at least a run)."""
    chunks: list[list[str]] = []
    length = size
    for item in items:
        if length and length + len(item) > size:
            chunks.append([])
            length = 0
        chunks[-1].append(item)
        length += len(item) + 1
    return chunks


def write_search_index(records: SearchRecords, lang: Language, bundle_dir: Path) -> SearchIndexStats:
    """Index `records` with Pagefind into `bundle_dir` (replaced as a whole, never half-written).

    Pagefind indexes the records' words only, in documents of many records each (see the
    notes above GROUP_WORDS); what each result shows goes into `records/<n>.json`, and
    where each record's words are into search.json. Pagefind 1.5 makes every metadata
    value searchable, unnormalised: kept as Pagefind metadata, a snippet's text would
    match queries by its own spelling (and double the index)."""
    started = time.perf_counter()
    if records.lang != lang:
        raise ValueError(f"records in {records.lang!r} written as the {lang!r} index")
    with collector.paused():
        stats = _write_search_index(records, lang, Path(bundle_dir))
    stats = dataclasses.replace(stats, seconds=time.perf_counter() - started)
    log.info("search index (%s): %d records, %d files, %.1f MB in %.2f s", lang, stats.records, stats.files,
             stats.bytes / 1e6, stats.seconds)
    return stats


def _write_search_index(records: SearchRecords, lang: Language, bundle_dir: Path) -> SearchIndexStats:
    indexing = _Indexing(lang)
    # Pagefind writes nothing itself: its service hands back the bundle's files, staged here.
    with staged_folder(bundle_dir) as staging:
        with PagefindService() as service:
            index = service.new_index(force_language=lang)
            asked = service.send(_add_files(index, _first_part(records, indexing.blocks, indexing.layout, lang)))
            indexing.layout.finish()
            words = sorted(indexing.layout.vocabulary, key=_utf16)
            indexing.vocabulary = " ".join(words) if len(indexing.layout.parts) > 1 else None
            asked = range(asked.start, service.send(itertools.chain(
                _add_files(index, _vocabulary_page(indexing.vocabulary, lang)), [_get_files(index)])).stop)
            # While Pagefind indexes: what the search box reads beside the index.
            beside = _write_views_and_words(records, words, staging.folder, staging.write)
            pages = indexing.write_parts(service, index, asked, staging)
        layout = indexing.layout
        settings = {
            "normalisation": normalisation_table(), "messages": dict(records.messages),
            "parts": [f"part-{number}/" for number in range(1, len(layout.parts))],
            "version": beside["version"],
            "records": {"count": len(records), "shapes": layout.shapes, "lengths": layout.lengths,
                        "groups": layout.groups, "pages": pages, "views": beside["views"]},
            "words": beside["words"],
        }
        staging.write(staging.folder / BUNDLE_SETTINGS, _json(settings).encode("utf-8"))
    log.debug("search index (%s): %d documents in %d part(s)", lang, len(layout.groups), len(layout.parts))
    return SearchIndexStats(len(records), len(staging.sizes), sum(staging.sizes), 0.0, service.peak_memory)


@dataclass
class _Indexing:
    """One bundle's records as Pagefind indexes them: their blocks, where they go, and the
    vocabulary page each part gets when there are several (see _documents)."""

    lang: Language
    blocks: list[list[Block]] = field(default_factory=list)
    layout: _Layout = field(default_factory=_Layout)
    vocabulary: str | None = None

    def write_parts(self, service: PagefindService, index: int, asked: range, staging: StagedFolder) -> list[dict[str, int]]:
        """Every part's files into the bundle (the first's at its root, the others' in
        `part-<n>/`), the first part's already asked for (`index`, `asked`); returns each
        part's {Pagefind page id: document}."""
        pages: list[dict[str, int]] = []
        for number, part in enumerate(self.layout.parts):
            if number:
                index, asked = self._ask(service, part, attempt=0)
            files, found = self._receive(service, index, asked)
            for attempt in itertools.count(1):  # see _fragment_page
                if not any(page in earlier for earlier in pages for page in found):
                    break
                files, found = self._receive(service, *self._ask(service, part, attempt))
            pages.append(found)
            folder = staging.folder / f"part-{number}" if number else staging.folder
            unused = _PART_UNUSED_FILES if number else _UNUSED_BUNDLE_FILES
            for name, content in files.items():
                if not (name in unused or name.startswith("fragment/") or (number and name.startswith("wasm."))):
                    staging.write(folder / name, content)
        return pages

    def _ask(self, service: PagefindService, part: list[int], attempt: int) -> tuple[int, range]:
        """Index a part's documents in a new index and ask for its files, without waiting."""
        index = service.new_index(force_language=self.lang)
        documents = _documents(self.blocks, self.layout, part, self.lang, self.vocabulary, attempt)
        return index, service.send(itertools.chain(_add_files(index, documents), [_get_files(index)]))

    def _receive(self, service: PagefindService, index: int, asked: range) -> tuple[dict[str, bytes], dict[str, int]]:
        """The files of an index asked for (the last answer), then the index let go of;
        with its {page id: document}."""
        *_, answer = service.receive(asked)
        service.delete_index(index)
        files = _bundle_files(answer)
        found: dict[str, int] = {}
        for name, content in files.items():
            if name.startswith("fragment/"):
                found.update(_fragment_page(name, content, self.layout))
        return files, found


def _get_files(index: int) -> dict[str, Any]:
    return {"type": "GetFiles", "index_id": index}


def _add_files(index: int, documents: Iterable[tuple[str, str]]) -> Iterator[dict[str, Any]]:
    return ({"type": "AddFile", "index_id": index, "url": url, "file_contents": contents} for url, contents in documents)


def _write_views_and_words(records: SearchRecords, words: list[str], staged: Path,
                           write: Callable[[Path, bytes], None]) -> dict[str, Any]:
    """Writes the results' views and the index's words in files of a few kilobytes; returns
    how many views each views file has, the first word of each words file, and a version
    of them all (search-ui.js asks for `<file>?v=<version>`: a browser never shows one
    build's views for another build's index, which Pagefind always fetches afresh)."""
    version = hashlib.sha256()

    def put(path: Path, content: bytes) -> None:
        write(path, content)
        version.update(content)

    views = _chunks((_json(record_view(record)) for record in records.records), VIEW_CHUNK_BYTES)
    first = 0
    for chunk in views:
        put(staged / RECORDS_FOLDER / f"{first}.json", ("[" + ",".join(chunk) + "]").encode("utf-8"))
        first += len(chunk)
    word_chunks = _chunks(words, WORD_CHUNK_BYTES)
    for number, chunk in enumerate(word_chunks):
        put(staged / WORDS_FOLDER / f"{number}.txt", "\n".join(chunk).encode("utf-8"))
    return {"views": [len(chunk) for chunk in views], "words": [chunk[0] for chunk in word_chunks],
            "version": version.hexdigest()[:12]}


def _fragment_page(name: str, content: bytes, layout: _Layout) -> dict[str, int]:
    """{Pagefind's page id: document number} for one of Pagefind's page files (none for
    the vocabulary page), once checked that Pagefind counted the document's words as
    _layout did: the search box finds records by those counts.

    A page id is a short hash of the page, unique within its index but not across the
    parts of a bundle, whose results the search box gets together (Pagefind's
    mergeIndex): a part whose ids an earlier part has is indexed again under other URLs
    (write_search_index), which changes every hash."""
    data = gzip.decompress(content)
    if not data.startswith(_FRAGMENT_SIGNATURE):
        raise SearchIndexError(f"Pagefind wrote {name} in a form this version does not know")
    fragment = json.loads(data[len(_FRAGMENT_SIGNATURE):])
    if fragment["url"] == VOCABULARY_URL:
        return {}
    group = int(fragment["url"].strip("/").split("/")[0])
    if fragment["word_count"] != layout.group_words[group]:
        raise SearchIndexError(f"Pagefind counted {fragment['word_count']} words in document {group}, "
                               f"expected {layout.group_words[group]}: the search box would show the wrong records")
    return {PurePosixPath(name).stem: group}


_FRAGMENT_SIGNATURE = b"pagefind_dcd"


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# -- Pagefind's service protocol ------------------------------------------------------------


def pagefind_executable() -> Path:
    """The Pagefind binary that `pip install pagefind[extended]` installed."""
    from pagefind.service import get_executable  # the wrapper's lookup: its env variable, then the packages

    found = get_executable()
    if found is None:
        raise SearchIndexError("the Pagefind binary was not found: `pip install -r requirements.txt` installs it")
    return Path(found)


class PagefindService:
    """One `pagefind --service` process. Requests are written as fast as Pagefind reads
    them while a thread reads the answers as they come (Pagefind answers in the order it
    was asked), so a request costs no round trip."""

    def __init__(self, executable: Path | None = None) -> None:
        self.executable = executable or pagefind_executable()
        self._process: subprocess.Popen[bytes] | None = None
        self._answers: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._next_id = 0
        self._stderr: list[str] = []
        self.peak_memory: int | None = None
        """Pagefind's peak resident memory in bytes, once it has ended (Linux only)."""

    def __enter__(self) -> PagefindService:
        # stderr apart from stdout: anything Pagefind prints there would garble the answers.
        self._process = subprocess.Popen(
            [str(self.executable), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, cwd=tempfile.gettempdir(),
        )
        threading.Thread(target=self._read_answers, name="pagefind-answers", daemon=True).start()
        threading.Thread(target=self._read_stderr, name="pagefind-stderr", daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        process = self._process
        if process is None:
            return
        self.peak_memory = _peak_memory(process.pid)
        try:
            if process.stdin and not process.stdin.closed:
                process.stdin.close()  # end of input: the service exits
            process.wait(timeout=60)
        except (subprocess.TimeoutExpired, BrokenPipeError):
            process.kill()
            process.wait()

    def _read_answers(self) -> None:
        assert self._process and self._process.stdout
        stdout = self._process.stdout
        assert isinstance(stdout, io.BufferedReader)  # Popen's default buffering: peek and read1
        while True:
            data = bytearray()
            while not data.endswith(b","):
                peeked = stdout.peek(1)
                if not peeked:  # Pagefind exited
                    self._answers.put(None)
                    return
                end = peeked.find(b",")
                data += stdout.read1(end + 1 if end >= 0 else len(peeked))
            answer = json.loads(base64.b64decode(bytes(data[:-1])))
            payload = answer.get("payload") or {}
            payload.pop("page_meta", None)  # an echo of each indexed page's metadata: not needed
            self._answers.put({"message_id": answer.get("message_id"), **payload})

    def _read_stderr(self) -> None:
        assert self._process and self._process.stderr
        for line in self._process.stderr:
            text = line.decode(errors="replace").rstrip()
            self._stderr.append(text)
            log.debug("pagefind: %s", text)

    def send(self, payloads: Iterable[Mapping[str, Any]]) -> range:
        """Send requests without waiting for their answers; returns their message ids."""
        process = self._process
        assert process is not None and process.stdin is not None, "use PagefindService in a with block"
        first = self._next_id
        try:
            for payload in payloads:
                body = json.dumps({"message_id": self._next_id, "payload": payload}, ensure_ascii=False)
                process.stdin.write(base64.b64encode(body.encode("utf-8")) + b",")
                self._next_id += 1
            process.stdin.flush()
        except BrokenPipeError:
            raise SearchIndexError("Pagefind stopped reading requests" + self._detail()) from None
        return range(first, self._next_id)

    def receive(self, asked: range) -> list[dict[str, Any]]:
        """The answers to requests sent (`send`), in order, once all have come."""
        answers = []
        for expected in asked:
            answer = self._answers.get()
            if answer is None:
                raise SearchIndexError(f"Pagefind stopped after {expected - asked.start} of {len(asked)} "
                                       "requests" + self._detail())
            if answer["type"] == "Error":
                raise SearchIndexError(f"Pagefind: {answer['message']}")
            if answer["message_id"] != expected:
                raise SearchIndexError(f"Pagefind answered message {answer['message_id']}, expected {expected}")
            answers.append(answer)
        return answers

    def pipeline(self, payloads: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """Send every request without waiting, then return their answers in order."""
        return self.receive(self.send(payloads))

    def _detail(self) -> str:
        return (": " + " ".join(self._stderr[-5:])) if self._stderr else ""

    def new_index(self, force_language: Language) -> int:
        (answer,) = self.pipeline([{"type": "NewIndex", "config": {"force_language": force_language}}])
        return int(answer["index_id"])

    def add_files(self, index: int, documents: Iterable[tuple[str, str]]) -> int:
        """Index HTML documents, each under its URL; returns how many were indexed."""
        return len(self.pipeline(_add_files(index, documents)))

    def get_files(self, index: int) -> dict[str, bytes]:
        """The bundle's files, by path inside it, as Pagefind would write them.

        Asked for rather than written by Pagefind: its service answers WriteFiles before
        the last writes reach the disk, and ends the moment its input closes, so the
        bundle's last files could be cut short (seen here: pagefind.js at 32 KB)."""
        (answer,) = self.pipeline([{"type": "GetFiles", "index_id": index}])
        return _bundle_files(answer)

    def delete_index(self, index: int) -> None:
        """Free the index's memory in Pagefind (once its files are written)."""
        self.pipeline([{"type": "DeleteIndex", "index_id": index}])


def _bundle_files(answer: Mapping[str, Any]) -> dict[str, bytes]:
    """A GetFiles answer's files, by path inside the bundle."""
    files = {}
    for item in answer["files"]:
        path = PurePosixPath(item["path"])
        files[(path.relative_to("pagefind") if path.parts[0] == "pagefind" else path).as_posix()] = (
            base64.b64decode(item["content"]))
    return files


def _peak_memory(pid: int) -> int | None:
    """A running process's peak resident memory in bytes (Linux; None elsewhere)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) * 1024 if found else None
