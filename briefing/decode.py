"""Stage 2, validate, first half: decode each file's YAML nodes into the records of briefing.model.

What each key must hold is read from the records' annotations (through briefing.hints).
Every mistake becomes a located ContentError and decoding goes on, so that one run
reports them all. Decoding a file depends on that file alone (`decode_document`); what
needs several files is checked afterwards (briefing.checks).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple, Protocol

import yaml

from briefing import model
from briefing.dates import DateError, parse_date
from briefing.limits import MAX_LIST_ITEMS, MAX_TEXT_CHARS
from briefing.errors import ContentError, Location
from briefing.hints import (
    Bilingual,
    Choice,
    FieldSpec,
    Flag,
    Integer,
    ListOf,
    Marked,
    Nullable,
    Record,
    Shape,
    record_fields,
)

SLUG_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
SLUG_MAX = 64
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
TEXT_HASH_RE = re.compile(r"^[0-9a-f]{8}$")
TEXT_KEYS = tuple(spec.key for spec in record_fields(model.Text))
"""The keys of a `{ar, en}` text: both languages, and the translation tracking."""
# Embedding, override and isolate controls can silently reorder what a reader sees
# (the "Trojan Source" problem); plain marks (LRM, RLM, ALM) are legitimate in Arabic.
BIDI_CONTROLS_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")
LANGUAGE_NAMES = {"ar": "Arabic", "en": "English"}
_TEXT_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
}
INVALID: Any = object()
"""What the decoder returns for a value that produced an error (already reported)."""


class Document(Protocol):
    """A loaded YAML file: its display path and root node (None when it could not be read)."""

    @property
    def path(self) -> str: ...

    @property
    def node(self) -> yaml.Node | None: ...


@dataclass(frozen=True)
class FileKind:
    """What one kind of content file holds: one record, or a list of them under one key."""

    record: type
    list_key: str | None = None


DOSSIER_FILE = FileKind(model.Dossier)
ARTICLE_FILE = FileKind(model.Article)
EVENTS_FILE = FileKind(model.Event, "events")
ACTORS_FILE = FileKind(model.Actor, "actors")


class Occurrence(NamedTuple):
    """A decoded record, where it was written, and where each of its fields was: the checks
    point their errors at the field concerned (and at each item of a list field, as `name[i]`)."""

    record: Any
    location: Location
    fields: Mapping[str, Location]

    def at(self, field_name: str, message: str) -> ContentError:
        """An error about one of the record's fields (about the record when it has no such field)."""
        return ContentError(self.fields.get(field_name, self.location), message)


@dataclass(frozen=True)
class DecodedFile:
    """Everything decoded from one file."""

    records: tuple[Any, ...]
    """The file's records that decoded without error: its one record, or its list's."""
    errors: tuple[ContentError, ...]
    occurrences: tuple[Occurrence, ...]
    """Every record decoded, nested ones included, each after the records inside it."""
    partial_ids: Mapping[type, frozenset[str]]
    """Ids of records that failed to decode, by class: they exist, so references to them are
    not reported as unknown (that would bury the real error under its consequences)."""
    complete: bool = True
    """False when the file's list of records could not be found (its top-level key
    misspelt, say): references into its kind are then not checked, for the same reason."""


def decode_document(document: Document, kind: FileKind) -> DecodedFile:
    """Decode one file into records, collecting its errors."""
    node = document.node
    if node is None:
        return DecodedFile((), (), (), {})  # unreadable: the loader said why
    decoder = Decoder(document.path)
    if kind.list_key is not None:
        records = tuple(decoder.list_file(node, kind.list_key, kind.record))
    else:
        value = decoder.record(node, kind.record, "")
        records = () if value is INVALID else (value,)
    partial = {cls: frozenset(ids) for cls, ids in decoder.partial_ids.items()}
    return DecodedFile(records, tuple(decoder.errors), tuple(decoder.occurrences), partial, decoder.complete)


def _describe(node: yaml.Node) -> str:
    """A node as an error message quotes what was found."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag.endswith(":null"):
        return "nothing (null)"
    if node.tag.endswith(":bool"):
        return f"the boolean {node.value!r}"
    return repr(node.value)


def suggest(word: str, choices: Iterable[str]) -> str:
    """'; did you mean ...?' for the closest of `choices`, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _is_empty_text(node: yaml.Node) -> bool:
    """Null, or a string of nothing but whitespace."""
    if not isinstance(node, yaml.ScalarNode):
        return False
    return node.tag.endswith(":null") or (node.tag.endswith(":str") and not node.value.strip())


def slug_problem(value: str) -> str | None:
    """What is wrong with an id, or None (also for `build.py new --id`)."""
    if SLUG_RE.match(value) and len(value) <= SLUG_MAX:
        return None
    return (
        "expected a safe id (lower-case ASCII letters, digits and single hyphens, "
        f"starting with a letter, at most {SLUG_MAX} characters), got {value!r}"
    )


def _id_problem(value: str) -> str | None:
    return None if value.strip() else "expected an id, got an empty text"


def date_problem(value: str) -> str | None:
    """What is wrong with an EDTF date, or None (also for `build.py new --date`)."""
    if value.strip().upper().startswith("TODO"):
        return "the date is still TODO: write it as the articles give it (2024-08-15, 2024-08, 2024, 2024-08~...)"
    try:
        parse_date(value)
    except DateError as error:
        return str(error)
    return None


def _sha256_problem(value: str) -> str | None:
    return None if SHA256_RE.match(value) else f"expected 64 lower-case hexadecimal digits, got {value!r}"


def _text_problem(value: str) -> str | None:
    return None if value.strip() else "expected a text, got an empty one"


_MARKER_CHECKS: dict[object, Callable[[str], str | None]] = {
    model.Slug: slug_problem,
    model.ActorRef: _id_problem,
    model.ArticleRef: _id_problem,
    model.EventRef: _id_problem,
    model.QuestionRef: _id_problem,
    model.Edtf: date_problem,
    model.Sha256: _sha256_problem,
}
"""How each marked text is checked once it is known to be a text; any other must not be empty."""


@dataclass
class Decoder:
    """Decodes one file's nodes into records, collecting errors instead of raising."""

    path: str
    errors: list[ContentError] = field(default_factory=list)
    occurrences: list[Occurrence] = field(default_factory=list)
    partial_ids: dict[type, set[str]] = field(default_factory=dict)
    complete: bool = True
    """See DecodedFile.complete."""

    def location(self, node: yaml.Node, key_path: str) -> Location:
        return Location(self.path, node.start_mark.line + 1, node.start_mark.column + 1, key_path)

    def fail(self, node: yaml.Node, key_path: str, message: str) -> Any:
        self.errors.append(ContentError(self.location(node, key_path), message))
        return INVALID

    def decode(self, node: yaml.Node, shape: Shape, key_path: str) -> Any:
        match shape:  # the commonest first: this runs for every value of the dossier
            case Marked(marker):
                return self.marked_text(node, marker, key_path)
            case Record(cls):
                return self.record(node, cls, key_path)
            case Bilingual():
                return self.bilingual(node, key_path)
            case ListOf():
                return self.sequence(node, shape, key_path)
            case Nullable(inner):
                if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
                    return None
                return self.decode(node, inner, key_path)
            case Choice(choices):
                return self.choice(node, choices, key_path)
            case Integer():
                return self.integer(node, shape, key_path)
            case Flag():
                return self.flag(node, key_path)

    # -- scalars -------------------------------------------------------------

    def text(self, node: yaml.Node, key_path: str, what: str = "a text") -> Any:
        if not isinstance(node, yaml.ScalarNode) or node.tag not in _TEXT_TAGS:
            hint = "; put it in quotes" if node.tag.endswith(":bool") else ""
            return self.fail(node, key_path, f"expected {what}, got {_describe(node)}{hint}")
        value: str = node.value
        if len(value) > MAX_TEXT_CHARS:
            return self.fail(
                node, key_path, f"a text of {len(value):,} characters, over the limit of {MAX_TEXT_CHARS:,}: shorten it"
            )
        control = BIDI_CONTROLS_RE.search(value)
        if control:
            return self.fail(
                node,
                key_path,
                f"contains the invisible bidirectional control character U+{ord(control.group()):04X}; remove it",
            )
        return value

    def marked_text(self, node: yaml.Node, marker: object, key_path: str) -> Any:
        value = self.text(node, key_path)
        if value is INVALID:
            return value
        problem = _MARKER_CHECKS.get(marker, _text_problem)(value)
        return self.fail(node, key_path, problem) if problem else value

    def integer(self, node: yaml.Node, shape: Integer, key_path: str) -> Any:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:int":
            return self.fail(node, key_path, f"expected a whole number, got {_describe(node)}")
        value = int(node.value)
        low, high = shape.minimum, shape.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            return self.fail(node, key_path, f"expected a whole number from {low} to {high}, got {value}")
        return value

    def flag(self, node: yaml.Node, key_path: str) -> Any:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
            return self.fail(node, key_path, f"expected true or false, got {_describe(node)}")
        return node.value.lower() in ("true", "yes", "on")

    def choice(self, node: yaml.Node, choices: tuple[str, ...], key_path: str) -> Any:
        value = self.text(node, key_path, "one of " + ", ".join(choices))
        if value is INVALID:
            return value
        if value not in choices:
            return self.fail(
                node, key_path, f"expected one of {', '.join(choices)}; got {value!r}{suggest(str(value), choices)}"
            )
        return value

    # -- containers ----------------------------------------------------------

    def sequence(self, node: yaml.Node, shape: ListOf, key_path: str) -> Any:
        if not isinstance(node, yaml.SequenceNode):
            return self.fail(node, key_path, f"expected a list, got {_describe(node)}")
        minimum = shape.min_items
        if len(node.value) > MAX_LIST_ITEMS:
            return self.fail(node, key_path, f"a list of {len(node.value)} items, over the limit of {MAX_LIST_ITEMS}")
        if len(node.value) < minimum:
            return self.fail(
                node, key_path, f"expected at least {minimum} item{'s' if minimum > 1 else ''}, got {len(node.value)}"
            )
        values = [self.decode(child, shape.item, f"{key_path}[{i}]") for i, child in enumerate(node.value)]
        if any(v is INVALID for v in values):
            return INVALID
        return tuple(values)

    def bilingual(self, node: yaml.Node, key_path: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return self.fail(node, key_path, f"expected a text in both languages ({{ar: ..., en: ...}}), got {_describe(node)}")
        found, keys_ok = self._language_keys(node, key_path)
        texts, texts_ok = self._language_texts(node, found, key_path)
        tracking = self._tracking(found, key_path)
        if not (keys_ok and texts_ok) or tracking is INVALID:
            return INVALID
        return model.Text(texts["ar"], texts["en"], tracking.get("source"), tracking.get("source_hash"))

    def _language_keys(self, node: yaml.MappingNode, key_path: str) -> tuple[dict[str, yaml.Node], bool]:
        """The text's keys by name, and whether all of them are known."""
        found: dict[str, yaml.Node] = {}
        ok = True
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name not in TEXT_KEYS:
                self.fail(key, f"{key_path}.{name}", f"unknown language key {name!r}; expected ar and en{suggest(str(name), TEXT_KEYS)}")
                ok = False
            else:
                found[name] = value
        return found, ok

    def _language_texts(self, node: yaml.Node, found: dict[str, yaml.Node], key_path: str) -> tuple[dict[str, str], bool]:
        """Both languages' texts, each present and not empty."""
        texts: dict[str, str] = {}
        ok = True
        for lang in model.LANGUAGES:
            child = found.get(lang)
            if child is None:
                self.fail(node, key_path, f"missing the {LANGUAGE_NAMES[lang]} text ({lang})")
                ok = False
            elif _is_empty_text(child):
                self.fail(child, f"{key_path}.{lang}", f"the {LANGUAGE_NAMES[lang]} text is empty")
                ok = False
            else:
                value = self.text(child, f"{key_path}.{lang}")
                ok = ok and value is not INVALID
                if value is not INVALID:
                    texts[lang] = str(value)
        return texts, ok

    def _tracking(self, found: dict[str, yaml.Node], key_path: str) -> Any:
        """Translation tracking: which side is the original, and its hash when translated."""
        if ("from" in found) != ("hash" in found):
            given, missing = ("from", "hash") if "from" in found else ("hash", "from")
            return self.fail(found[given], f"{key_path}.{given}", f"{given!r} needs {missing!r} beside it (see `build.py status`)")
        if "from" not in found:
            return {}
        source = self.choice(found["from"], model.LANGUAGES, f"{key_path}.from")
        digest = self.text(found["hash"], f"{key_path}.hash")
        if digest is not INVALID and not TEXT_HASH_RE.match(str(digest)):
            digest = self.fail(found["hash"], f"{key_path}.hash", f"expected 8 lower-case hexadecimal digits, got {digest!r}")
        if source is INVALID or digest is INVALID:
            return INVALID
        return {"source": source, "source_hash": digest}

    def record(self, node: yaml.Node, cls: type, key_path: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return self.fail(node, key_path, f"expected a mapping for {key_path or 'the file'}, got {_describe(node)}")
        fields, has_origin = _record_plan(cls)
        given, keys_ok = self._record_keys(node, fields, key_path)
        values, places, values_ok = self._field_values(node, fields, given, key_path)
        if not (keys_ok and values_ok):
            if isinstance(values.get("id"), str):
                self.partial_ids.setdefault(cls, set()).add(values["id"])
            return INVALID
        here = self.location(node, key_path)
        if has_origin:
            values["origin"] = here
        record = cls(**values)
        self.occurrences.append(Occurrence(record, here, places))
        return record

    def _record_keys(self, node: yaml.MappingNode, fields: Mapping[str, FieldSpec], key_path: str) -> tuple[dict[str, yaml.Node], bool]:
        """The value node of each key given, and whether every key is one of the record's."""
        given: dict[str, yaml.Node] = {}
        ok = True
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key)
            if name not in fields:
                expected = suggest(name, fields) or "; expected one of " + ", ".join(fields)
                self.fail(key, f"{key_path}.{name}" if key_path else name, f"unknown key {name!r}{expected}")
                ok = False
            else:
                given[name] = value
        return given, ok

    def _field_values(
        self, node: yaml.Node, fields: Mapping[str, FieldSpec], given: Mapping[str, yaml.Node], key_path: str
    ) -> tuple[dict[str, Any], dict[str, Location], bool]:
        """Each given field decoded, where it and each of its list's items were written, and
        whether all decoded and every required field was given."""
        values: dict[str, Any] = {}
        places: dict[str, Location] = {}
        ok = True
        for key, spec in fields.items():
            value_node = given.get(key)
            if value_node is None:
                if spec.required:
                    self.fail(node, key_path, f"missing required key {key!r}")
                    ok = False
                continue
            sub_path = f"{key_path}.{key}" if key_path else key
            value = self.decode(value_node, spec.shape, sub_path)
            places[spec.name] = self.location(value_node, sub_path)
            if isinstance(value_node, yaml.SequenceNode):
                for index, child in enumerate(value_node.value):
                    places[f"{spec.name}[{index}]"] = self.location(child, f"{sub_path}[{index}]")
            if value is INVALID:
                ok = False
            else:
                values[spec.name] = value
        return values, places, ok

    def list_file(self, node: yaml.Node, key: str, cls: type) -> list[Any]:
        """Event and actor files hold one top-level key with a list of records."""
        if not isinstance(node, yaml.MappingNode):
            self.complete = False
            self.fail(node, "", f"expected a mapping with the key {key!r}, got {_describe(node)}")
            return []
        records: list[Any] = []
        lists = [value for key_node, value in node.value if self._is_list_key(key_node, key)]
        for value in lists:
            if not isinstance(value, yaml.SequenceNode):
                self.complete = False
                self.fail(value, key, f"expected a list of {key}, got {_describe(value)}")
                continue
            for index, child in enumerate(value.value):
                record = self.record(child, cls, f"{key}[{index}]")
                if record is not INVALID:
                    records.append(record)
        if not lists:
            self.complete = False
            if not node.value:
                self.fail(node, "", f"missing the top-level key {key!r}")
        return records

    def _is_list_key(self, key_node: yaml.Node, key: str) -> bool:
        """Whether this top-level key is the file's list; an error when it is another."""
        name = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
        if name != key:
            self.fail(key_node, name, f"unknown key {name!r}; an {key} file holds only the key {key!r}")
        return name == key


@cache
def _record_plan(cls: type) -> tuple[dict[str, FieldSpec], bool]:
    """A record class's fields by YAML key, and whether it records its origin."""
    return {spec.key: spec for spec in record_fields(cls)}, "origin" in getattr(cls, "__dataclass_fields__", {})
