"""Stage 2, validate: decode YAML nodes into the typed records and check everything.

Decoding is driven by the dataclasses in `briefing.model` (their annotations say what each
key must hold). Then come the checks that need the whole dossier: unique ids, references,
dates, raw article hashes and verbatim excerpts. Every problem is collected; the stage
returns the linked corpus only if there were none.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any, Literal

import babel
import yaml

from briefing import model
from briefing.dates import DateError, parse_date
from briefing.errors import ContentError, ContentErrors
from briefing.load import LoadedContent
from briefing.model import (
    Actor,
    Article,
    Citation,
    Dossier,
    EditorialNote,
    Event,
    Origin,
    Quote,
    Text,
    Validated,
)

SLUG_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
SLUG_MAX = 64
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
TEXT_HASH_RE = re.compile(r"^[0-9a-f]{8}$")
TEXT_KEYS = ("ar", "en", "from", "hash")
# Embedding, override and isolate controls can silently reorder what a reader sees
# (the "Trojan Source" problem); plain marks (LRM, RLM, ALM) are legitimate in Arabic.
BIDI_CONTROLS_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")
WHITESPACE_RE = re.compile(r"\s+")
# MkDocs renders theme templates without autoescaping and Material prints the site name and
# description raw inside HTML attributes: these characters there would become markup.
SITE_TEXT_FORBIDDEN = re.compile(r'[<>"]')

LANGUAGE_NAMES = {"ar": "Arabic", "en": "English"}
_TEXT_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
}
_INVALID = object()
"""Returned by the decoder for a value that produced an error."""


@lru_cache(maxsize=1 << 16)
def normalise_whitespace(text: str) -> str:
    """The only normalisation allowed when matching excerpts: whitespace runs become one space.
    Cached: a preview checks every excerpt of the dossier again on each rebuild."""
    return WHITESPACE_RE.sub(" ", text).strip()


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag.endswith(":null"):
        return "nothing (null)"
    if node.tag.endswith(":bool"):
        return f"the boolean {node.value!r}"
    return repr(node.value)


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


@dataclass(frozen=True)
class Place:
    """Where a decoded value came from."""

    path: str
    line: int
    column: int
    key_path: str


@dataclass
class Occurrence:
    """A decoded record and where it and each of its fields were written."""

    record: Any
    place: Place
    fields: dict[str, Place] = field(default_factory=dict)


@dataclass
class Decoder:
    """Decodes one file's nodes into records, collecting errors instead of raising."""

    path: str
    errors: list[ContentError]
    occurrences: list[Occurrence]
    partial_ids: dict[type, set[str]]
    """Ids of records that failed to decode: they exist, so references to them are not
    reported as unknown (that would bury the real error under its consequences)."""

    def place(self, node: yaml.Node, key_path: str) -> Place:
        return Place(self.path, node.start_mark.line + 1, node.start_mark.column + 1, key_path)

    def fail(self, node: yaml.Node, key_path: str, message: str) -> object:
        self.errors.append(
            ContentError(self.path, node.start_mark.line + 1, node.start_mark.column + 1, key_path, message)
        )
        return _INVALID

    # -- scalars -------------------------------------------------------------

    def text(self, node: yaml.Node, key_path: str, what: str = "a text") -> object:
        if not isinstance(node, yaml.ScalarNode) or node.tag not in _TEXT_TAGS:
            hint = "; put it in quotes" if node.tag.endswith(":bool") else ""
            return self.fail(node, key_path, f"expected {what}, got {_describe(node)}{hint}")
        value = node.value
        if BIDI_CONTROLS_RE.search(value):
            char = BIDI_CONTROLS_RE.search(value).group()  # type: ignore[union-attr]
            return self.fail(
                node, key_path, f"contains the invisible bidirectional control character U+{ord(char):04X}; remove it"
            )
        return value

    def decode(self, node: yaml.Node, hint: Any, key_path: str, meta: Mapping[str, Any]) -> object:
        kind, argument = _plan(hint)
        if kind == "record":
            return self.record(node, argument, key_path)
        if kind == "text":
            return self.marked_text(node, argument, key_path)
        if kind == "bilingual":
            return self.bilingual(node, key_path)
        if kind == "sequence":
            return self.sequence(node, argument, key_path, meta)
        if kind == "optional":
            if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
                return None
            return self.decode(node, argument, key_path, meta)
        if kind == "choice":
            return self.choice(node, argument, key_path)
        return self.integer(node, key_path, meta)

    def marked_text(self, node: yaml.Node, hint: Any, key_path: str) -> object:
        value = self.text(node, key_path)
        if value is _INVALID:
            return value
        assert isinstance(value, str)
        if hint is model.Slug:
            if not SLUG_RE.match(value) or len(value) > SLUG_MAX:
                return self.fail(
                    node,
                    key_path,
                    "expected a safe id (lower-case ASCII letters, digits and single hyphens, "
                    f"starting with a letter, at most {SLUG_MAX} characters), got {value!r}",
                )
        elif hint in (model.ActorRef, model.ArticleRef, model.EventRef, model.QuestionRef):
            if not value.strip():
                return self.fail(node, key_path, "expected an id, got an empty text")
        elif hint is model.Edtf:
            try:
                parse_date(value)
            except DateError as error:
                return self.fail(node, key_path, str(error))
        elif hint is model.Sha256:
            if not SHA256_RE.match(value):
                return self.fail(node, key_path, f"expected 64 lower-case hexadecimal digits, got {value!r}")
        elif not value.strip():
            return self.fail(node, key_path, "expected a text, got an empty one")
        return value

    def integer(self, node: yaml.Node, key_path: str, meta: Mapping[str, Any]) -> object:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:int":
            return self.fail(node, key_path, f"expected a whole number, got {_describe(node)}")
        value = int(node.value)
        low, high = meta.get("minimum"), meta.get("maximum")
        if (low is not None and value < low) or (high is not None and value > high):
            return self.fail(node, key_path, f"expected a whole number from {low} to {high}, got {value}")
        return value

    def choice(self, node: yaml.Node, choices: tuple[str, ...], key_path: str) -> object:
        value = self.text(node, key_path, "one of " + ", ".join(choices))
        if value is _INVALID:
            return value
        if value not in choices:
            return self.fail(
                node,
                key_path,
                f"expected one of {', '.join(choices)}; got {value!r}{_suggest(str(value), choices)}",
            )
        return value

    # -- containers ----------------------------------------------------------

    def sequence(self, node: yaml.Node, item: Any, key_path: str, meta: Mapping[str, Any]) -> object:
        if not isinstance(node, yaml.SequenceNode):
            return self.fail(node, key_path, f"expected a list, got {_describe(node)}")
        minimum = meta.get("min_items", 0)
        if len(node.value) < minimum:
            return self.fail(
                node, key_path, f"expected at least {minimum} item{'s' if minimum > 1 else ''}, got {len(node.value)}"
            )
        values = [self.decode(child, item, f"{key_path}[{i}]", {}) for i, child in enumerate(node.value)]
        if any(v is _INVALID for v in values):
            return _INVALID
        return tuple(values)

    def bilingual(self, node: yaml.Node, key_path: str) -> object:
        if not isinstance(node, yaml.MappingNode):
            return self.fail(node, key_path, f"expected a text in both languages ({{ar: ..., en: ...}}), got {_describe(node)}")
        found: dict[str, yaml.Node] = {}
        ok = True
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name not in TEXT_KEYS:
                self.fail(key, f"{key_path}.{name}", f"unknown language key {name!r}; expected ar and en{_suggest(str(name), TEXT_KEYS)}")
                ok = False
            else:
                found[name] = value
        texts: dict[str, Any] = {}
        for lang in model.LANGUAGES:
            if lang not in found:
                self.fail(node, key_path, f"missing the {LANGUAGE_NAMES[lang]} text ({lang})")
                ok = False
                continue
            child = found[lang]
            if isinstance(child, yaml.ScalarNode) and (child.tag.endswith(":null") or (child.tag.endswith(":str") and not child.value.strip())):
                self.fail(child, f"{key_path}.{lang}", f"the {LANGUAGE_NAMES[lang]} text is empty")
                ok = False
                continue
            value = self.text(child, f"{key_path}.{lang}")
            if value is _INVALID:
                ok = False
            else:
                texts[lang] = str(value)
        # Translation tracking: which side is the original, and its hash when translated.
        if ("from" in found) != ("hash" in found):
            given, missing = ("from", "hash") if "from" in found else ("hash", "from")
            self.fail(found[given], f"{key_path}.{given}", f"{given!r} needs {missing!r} beside it (see `build.py status`)")
            ok = False
        elif "from" in found:
            source = self.choice(found["from"], model.LANGUAGES, f"{key_path}.from")
            digest = self.text(found["hash"], f"{key_path}.hash")
            if digest is not _INVALID and not TEXT_HASH_RE.match(str(digest)):
                digest = self.fail(found["hash"], f"{key_path}.hash", f"expected 8 lower-case hexadecimal digits, got {digest!r}")
            if source is _INVALID or digest is _INVALID:
                ok = False
            else:
                texts.update(source=source, source_hash=digest)
        return Text(**texts) if ok else _INVALID

    def record(self, node: yaml.Node, cls: type, key_path: str) -> object:
        label = key_path or "the file"
        if not isinstance(node, yaml.MappingNode):
            return self.fail(node, key_path, f"expected a mapping for {label}, got {_describe(node)}")
        hints, fields, has_origin = _record_shape(cls)
        given: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        ok = True
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key)
            sub_path = f"{key_path}.{name}" if key_path else name
            if name not in fields:
                self.fail(key, sub_path, f"unknown key {name!r}{_suggest(name, fields) or '; expected one of ' + ', '.join(fields)}")
                ok = False
                continue
            given[name] = (key, value)
        values: dict[str, Any] = {}
        places: dict[str, Place] = {}
        for name, spec in fields.items():
            sub_path = f"{key_path}.{name}" if key_path else name
            if name not in given:
                required = spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING
                if required:
                    self.fail(node, key_path, f"missing required key {name!r}")
                    ok = False
                continue
            key_node, value_node = given[name]
            value = self.decode(value_node, hints[name], sub_path, spec.metadata)
            places[name] = self.place(value_node, sub_path)
            if isinstance(value_node, yaml.SequenceNode):
                for index, child in enumerate(value_node.value):
                    places[f"{name}[{index}]"] = self.place(child, f"{sub_path}[{index}]")
            if value is _INVALID:
                ok = False
            else:
                values[name] = value
        if not ok:
            if isinstance(values.get("id"), str):
                self.partial_ids.setdefault(cls, set()).add(values["id"])
            return _INVALID
        here = self.place(node, key_path)
        if has_origin:
            values["origin"] = Origin(here.path, here.line, here.column)
        record = cls(**values)
        self.occurrences.append(Occurrence(record, here, places))
        return record


_SHAPES: dict[type, tuple[dict[str, Any], dict[str, dataclasses.Field[Any]], bool]] = {}
_PLANS: dict[int, tuple[Any, tuple[str, Any]]] = {}


def _plan(hint: Any) -> tuple[str, Any]:
    """How to decode a value of this type hint: (kind, argument), worked out once per hint
    (by identity: the hints come from _record_shape and live as long as it does) instead
    of asking typing about it for every value: about 5 % of validating a large dossier."""
    known = _PLANS.get(id(hint))
    if known is not None and known[0] is hint:
        return known[1]
    origin = typing.get_origin(hint)
    plan: tuple[str, Any]
    if origin in (typing.Union, types.UnionType):
        plan = ("optional", [arg for arg in typing.get_args(hint) if arg is not type(None)][0])
    elif origin is tuple:
        plan = ("sequence", typing.get_args(hint)[0])
    elif origin is Literal:
        plan = ("choice", typing.get_args(hint))
    elif hint is Text:
        plan = ("bilingual", None)
    elif dataclasses.is_dataclass(hint):
        plan = ("record", hint)
    elif hint is int:
        plan = ("integer", None)
    else:
        plan = ("text", hint)
    _PLANS[id(hint)] = (hint, plan)
    return plan


def _record_shape(cls: type) -> tuple[dict[str, Any], dict[str, dataclasses.Field[Any]], bool]:
    """A record class's type hints and decodable fields, worked out once: resolving string
    annotations costs more than decoding the record itself."""
    if cls not in _SHAPES:
        all_fields = dataclasses.fields(cls)
        _SHAPES[cls] = (
            typing.get_type_hints(cls),
            {f.name: f for f in all_fields if f.metadata.get("decode", True)},
            any(f.name == "origin" for f in all_fields),
        )
    return _SHAPES[cls]


def _decode_list_file(document: Any, key: str, cls: type, decoder: Decoder) -> list[Any]:
    """Event and actor files hold one top-level key with a list of records."""
    node = document.node
    if not isinstance(node, yaml.MappingNode):
        decoder.fail(node, "", f"expected a mapping with the key {key!r}, got {_describe(node)}")
        return []
    records: list[Any] = []
    seen_key = False
    for key_node, value in node.value:
        name = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
        if name != key:
            decoder.fail(key_node, name, f"unknown key {name!r}; an {key} file holds only the key {key!r}")
            continue
        seen_key = True
        if not isinstance(value, yaml.SequenceNode):
            decoder.fail(value, key, f"expected a list of {key}, got {_describe(value)}")
            continue
        for index, child in enumerate(value.value):
            record = decoder.decode(child, cls, f"{key}[{index}]", {})
            if record is not _INVALID:
                records.append(record)
    if not seen_key:
        decoder.fail(node, "", f"missing the top-level key {key!r}")
    return records


@dataclass
class _Checks:
    """The cross-file checks, sharing one error list and the decoded occurrences."""

    errors: list[ContentError]
    occurrences: list[Occurrence]
    partial_ids: dict[type, set[str]]
    unreadable: set[str]
    by_type: dict[type, list[Occurrence]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for occurrence in self.occurrences:
            self.by_type.setdefault(type(occurrence.record), []).append(occurrence)

    def at(self, occurrence: Occurrence, field_name: str, message: str) -> None:
        place = occurrence.fields.get(field_name, occurrence.place)
        self.errors.append(ContentError(place.path, place.line, place.column, place.key_path, message))

    def of(self, cls: type) -> list[Occurrence]:
        return self.by_type.get(cls, [])

    def unique(self, cls: type, kind: str) -> dict[str, Occurrence]:
        first: dict[str, Occurrence] = {}
        for occurrence in self.of(cls):
            ident = occurrence.record.id
            if ident in first:
                where = first[ident].fields["id"]
                self.at(occurrence, "id", f"duplicate {kind} id {ident!r} (first defined at {where.path}:{where.line}:{where.column})")
            else:
                first[ident] = occurrence
        return first

    def reference(self, occurrence: Occurrence, field_name: str, value: str | None, known: dict[str, Any], kind: str) -> None:
        if value is None or value in known or f"{kind}s" in self.unreadable:
            return
        if value in self.partial_ids.get(_KINDS[kind], set()):
            return
        self.at(occurrence, field_name, f"unknown {kind} {value!r}{_suggest(value, known)}")


_KINDS = {"actor": Actor, "article": Article, "event": Event, "question": model.Question}


def _excerpt_error(excerpt: str, haystack: str, article_id: str) -> str | None:
    needle = normalise_whitespace(excerpt)
    if not needle:
        return "the excerpt is empty"
    if needle in haystack:
        return None
    # Tell the editor where the copy diverges: the longest prefix that is still found.
    low, high = 0, len(needle)
    while low < high:
        middle = (low + high + 1) // 2
        if needle[:middle] in haystack:
            low = middle
        else:
            high = middle - 1
    detail = f"; the first {low} characters match, then {needle[low:low + 20]!r} differs" if low >= 10 else ""
    return f"excerpt not found verbatim in article {article_id!r} (only whitespace may differ){detail}"


DecodeMemo = dict[str, tuple[yaml.Node, Any, list[ContentError], list[Occurrence], dict[type, set[str]]]]
"""What each file decoded to, by display path, with the node tree it came from."""


def validate(loaded: LoadedContent, memo: DecodeMemo | None = None) -> Validated:
    """Decode and check everything; raise ContentErrors with every problem found.

    With a memo, a file whose node tree is the very one decoded last time (the loader's
    memo returns it for unchanged bytes) is not decoded again; the checks across files
    always run. Documents may be parsed as they are reached (DeferredDocument); the
    loader's errors are put first once all are."""
    errors: list[ContentError] = []
    occurrences: list[Occurrence] = []

    partial_ids: dict[type, set[str]] = {}

    def decoded(document: Any, decode: Callable[[Decoder], Any]) -> Any:
        if document.node is None:
            return None  # unreadable: the loader said why
        remembered = memo.get(document.path) if memo is not None else None
        if remembered is not None and remembered[0] is document.node:
            _, value, own_errors, own_occurrences, own_partial = remembered
        else:
            own_errors, own_occurrences, own_partial = [], [], {}
            value = decode(Decoder(document.path, own_errors, own_occurrences, own_partial))
            if memo is not None:
                memo[document.path] = (document.node, value, own_errors, own_occurrences, own_partial)
        errors.extend(own_errors)
        occurrences.extend(own_occurrences)
        for cls, ids in own_partial.items():
            partial_ids.setdefault(cls, set()).update(ids)
        if memo is None and hasattr(document, "release"):
            document.release()
        return value

    dossier: Dossier | None = None
    if loaded.dossier:
        value = decoded(loaded.dossier, lambda decoder: decoder.decode(loaded.dossier.node, Dossier, "", {}))
        dossier = value if isinstance(value, Dossier) else None
    articles: list[Article] = []
    for document in loaded.articles:
        value = decoded(document, lambda decoder, d=document: decoder.decode(d.node, Article, "", {}))
        if isinstance(value, Article):
            articles.append(value)
    events: list[Event] = []
    for document in loaded.events:
        events += decoded(document, lambda decoder, d=document: _decode_list_file(d, "events", Event, decoder)) or []
    actors: list[Actor] = []
    for document in loaded.actors:
        actors += decoded(document, lambda decoder, d=document: _decode_list_file(d, "actors", Actor, decoder)) or []
    errors[:0] = loaded.errors

    checks = _Checks(errors, occurrences, partial_ids, loaded.unreadable)
    actor_ids = checks.unique(Actor, "actor")
    event_ids = checks.unique(Event, "event")
    article_ids = checks.unique(Article, "article")
    checks.unique(Quote, "quote")
    checks.unique(model.Discrepancy, "discrepancy")
    question_ids = checks.unique(model.Question, "question")

    # Raw articles: present beside their YAML, unchanged since curation, readable.
    article_texts: dict[str, str] = {}
    for occurrence in checks.of(Article):
        article: Article = occurrence.record
        folder = PurePosixPath(occurrence.place.path).parent
        raw_path = (folder / article.raw).as_posix()
        if "/" in article.raw or article.raw in ("", ".", ".."):
            checks.at(occurrence, "raw", f"expected a file name beside the YAML file, got {article.raw!r}")
            continue
        data = loaded.raw_files.get(raw_path)
        if data is None:
            checks.at(occurrence, "raw", f"the raw file {raw_path} does not exist")
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest != article.sha256:
            checks.at(
                occurrence,
                "sha256",
                f"the raw file {raw_path} no longer matches its recorded sha256 "
                f"(expected {article.sha256[:12]}..., found {digest[:12]}...); restore the original "
                "bytes, or record the new hash if the change is deliberate",
            )
            continue  # its excerpts would all be reported too: the hash is the one cause
        try:
            article_texts[article.id] = data.decode("utf-8")
        except UnicodeDecodeError:
            checks.at(occurrence, "raw", f"the raw file {raw_path} is not valid UTF-8")
    searchable = {ident: normalise_whitespace(text) for ident, text in article_texts.items()}

    def check_excerpt(occurrence: Occurrence, field_name: str, excerpt: str, article_id: str) -> None:
        if article_id in searchable:
            problem = _excerpt_error(excerpt, searchable[article_id], article_id)
            if problem:
                checks.at(occurrence, field_name, problem)

    for occurrence in checks.of(Citation):
        checks.reference(occurrence, "article", occurrence.record.article, article_ids, "article")
        check_excerpt(occurrence, "excerpt", occurrence.record.excerpt, occurrence.record.article)
    quote_places = {id(o.record): o for o in checks.of(Quote)}
    note_places = {id(o.record): o for o in checks.of(EditorialNote)}
    for occurrence in checks.of(Article):
        article = occurrence.record
        for quote in article.quotes:
            quote_occurrence = quote_places[id(quote)]
            checks.reference(quote_occurrence, "speaker", quote.speaker, actor_ids, "actor")
            check_excerpt(quote_occurrence, "excerpt", quote.excerpt, article.id)
        for note in article.notes:
            if note.excerpt:
                check_excerpt(note_places[id(note)], "excerpt", note.excerpt, article.id)
    for occurrence in checks.of(model.Outlet):
        checks.reference(occurrence, "actor", occurrence.record.actor, actor_ids, "actor")
    for occurrence in checks.of(model.EventActor):
        checks.reference(occurrence, "actor", occurrence.record.actor, actor_ids, "actor")
    for cls in (model.KeyJudgment, model.WatchItem):
        for occurrence in checks.of(cls):
            for index, event_id in enumerate(occurrence.record.events):
                checks.reference(occurrence, f"events[{index}]", event_id, event_ids, "event")

    # Positions: a known question and actor; on an event the actor and evidence are required
    # (a quote supplies its speaker and its own excerpt).
    position_places = {id(o.record): o for o in checks.of(model.Position)}
    for occurrence in checks.of(model.Position):
        checks.reference(occurrence, "question", occurrence.record.question, question_ids, "question")
        checks.reference(occurrence, "actor", occurrence.record.actor, actor_ids, "actor")
    for event in events:
        for position in event.positions:
            occurrence = position_places[id(position)]
            for needed in ("actor", "evidence"):
                if getattr(position, needed) is None:
                    checks.at(occurrence, "", f"missing required key {needed!r} (a position on an event must name its {needed})")
    for occurrence in checks.of(model.ChangeNote):
        date = parse_date(occurrence.record.date)
        if not date.is_exact_day:
            checks.at(occurrence, "date", f"expected the day of the change (YYYY-MM-DD), got {occurrence.record.date!r}")

    # Affiliations: known, not self, no cycle (a cycle would loop the actor pages' breadcrumbs).
    for occurrence in checks.of(Actor):
        actor: Actor = occurrence.record
        checks.reference(occurrence, "affiliation", actor.affiliation, actor_ids, "actor")
        if actor.affiliation == actor.id:
            checks.at(occurrence, "affiliation", "an actor cannot be affiliated with itself")
            continue
        chain, current = [actor.id], actor.affiliation
        while current in actor_ids and current not in chain:
            chain.append(current)
            current = actor_ids[current].record.affiliation
        if current == actor.id:
            checks.at(occurrence, "affiliation", "affiliations form a cycle: " + " -> ".join(chain + [actor.id]))

    if dossier is not None:
        dossier_occurrence = next(o for o in occurrences if o.record is dossier)
        for field_name in ("title", "description"):
            for lang in model.LANGUAGES:
                found = SITE_TEXT_FORBIDDEN.search(getattr(dossier, field_name).in_(lang))
                if found:
                    checks.at(
                        dossier_occurrence,
                        field_name,
                        f"the {LANGUAGE_NAMES[lang]} {field_name} cannot contain {found.group()!r} "
                        "(it becomes the site's name or description in HTML attributes); "
                        "use typographic quotes such as “ ” or « »",
                    )
        for field_name in ("locale_ar", "locale_en"):
            locale = getattr(dossier, field_name)
            try:
                parsed = babel.Locale.parse(locale)
                expected = field_name[-2:]
                if parsed.language != expected:
                    checks.at(dossier_occurrence, field_name, f"expected a locale of language {expected!r}, got {locale!r}")
            except (ValueError, babel.UnknownLocaleError):
                checks.at(dossier_occurrence, field_name, f"expected a Babel locale such as ar_IQ or en_GB, got {locale!r}")

    if errors or dossier is None:
        raise ContentErrors(errors or [ContentError(str(loaded.content_dir), 0, 0, "", "no dossier")])

    return Validated(dossier, tuple(events), tuple(actors), tuple(articles), article_texts)
