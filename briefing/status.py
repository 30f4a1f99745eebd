"""Translation status: which texts lack a language, which translations are stale, which
still hold a scaffold's TODO placeholder.

Works on the loaded YAML nodes, before validation, so that it helps while the content is
still incomplete. A translation is tracked with `from` (the original side) and `hash`
(the first 8 hex digits of the SHA-256 of the original, whitespace-normalised): when the
original changes, its hash no longer matches and the translation is reported as stale.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from briefing.decode import LANGUAGE_NAMES
from briefing.errors import ContentError, Location
from briefing.excerpts import normalise_whitespace
from briefing.load import LoadedContent, YamlDocument

PLACEHOLDER = "TODO"


def text_hash(text: str) -> str:
    """What `hash` records: insensitive to whitespace changes, sensitive to everything else."""
    return hashlib.sha256(normalise_whitespace(text).encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True, order=True)
class StatusItem:
    """One text that needs an editor's attention."""

    location: Location
    kind: str
    """'missing', 'stale', 'untracked' or 'placeholder'."""
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.location.key_path}: {self.message}"


def _walk(node: yaml.Node, key_path: str) -> Iterator[tuple[yaml.Node, str]]:
    yield node, key_path
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else "?"
            yield from _walk(value, f"{key_path}.{name}" if key_path else name)
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            yield from _walk(child, f"{key_path}[{index}]")


def _scalar_text(node: yaml.Node | None) -> str:
    if isinstance(node, yaml.ScalarNode) and not node.tag.endswith(":null"):
        return str(node.value).strip()
    return ""


def _document_items(document: YamlDocument) -> Iterator[StatusItem]:
    if document.node is None:
        return  # unreadable: the loader reports why
    for node, key_path in _walk(document.node, ""):
        if not isinstance(node, yaml.MappingNode):
            continue
        keys = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
        if {"ar", "en"} & set(keys):
            where = Location(document.path, node.start_mark.line + 1, node.start_mark.column + 1, key_path)
            yield from (StatusItem(where, kind, message) for kind, message in _text_problems(keys))


def _text_problems(keys: dict[str, yaml.Node]) -> Iterator[tuple[str, str]]:
    """What needs attention in one `{ar, en}` text: (kind, message)."""
    texts = {lang: _scalar_text(keys.get(lang)) for lang in ("ar", "en")}
    missing = [lang for lang, text in texts.items() if not text]
    for lang in missing:
        yield "missing", f"no {LANGUAGE_NAMES[lang]} text yet"
    for lang, text in texts.items():
        if PLACEHOLDER in text:
            yield "placeholder", f"the {LANGUAGE_NAMES[lang]} text is still a {PLACEHOLDER} placeholder"
    source = _scalar_text(keys.get("from"))
    if missing or source not in ("ar", "en"):
        return
    target = "en" if source == "ar" else "ar"
    recorded, current = _scalar_text(keys.get("hash")), text_hash(texts[source])
    if recorded != current:
        message = (
            f"the {LANGUAGE_NAMES[target]} translation may be stale: the {LANGUAGE_NAMES[source]} original "
            f"changed since it was translated (recorded hash {recorded or 'none'}, now {current}); "
            f"check the translation, then set hash: {current}"
        )
        yield "stale", message


def translation_status(loaded: LoadedContent) -> list[StatusItem]:
    """Every text needing attention, in file order."""
    documents = [d for d in [loaded.dossier, *loaded.articles, *loaded.events, *loaded.actors] if d]
    return sorted(item for document in documents for item in _document_items(document))


def placeholder_errors(loaded: LoadedContent) -> list[ContentError]:
    """Every TODO placeholder, as an error: a published build refuses them (a preview and
    `check` let them be, so that a skeleton can be previewed from the first minute). Only
    the files that hold the word are parsed again."""
    documents = [d for d in loaded.documents if PLACEHOLDER.encode() in d.data]
    return [
        ContentError(item.location, f"{item.message}: a published build refuses it; write the text")
        for document in documents
        for item in _document_items(document)
        if item.kind == "placeholder"
    ]
