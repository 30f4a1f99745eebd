"""Stage 2, validate: decode every file into typed records, then check what needs them all.

Decoding (briefing.decode) reads one file at a time; the checks (briefing.checks) are the
rules across files: unique ids, references, raw article hashes, verbatim excerpts...
Every problem is collected, and the stage returns the checked records only if there
were none (the model stage, `model.link_corpus`, links them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from briefing.checks import CHECKS, Content
from briefing.decode import (
    ACTORS_FILE,
    ARTICLE_FILE,
    DOSSIER_FILE,
    EVENTS_FILE,
    DecodedFile,
    Document,
    FileKind,
    decode_document,
)
from briefing.errors import ContentError, ContentErrors, Location
from briefing.load import LoadedContent, YamlDocument
from briefing.model import Actor, Article, Dossier, Event, Validated

T = TypeVar("T")
Decode = Callable[[Document, FileKind], DecodedFile]
"""How validate() gets a file's records: `decode_document`, or a preview's remembering one."""


def validate(loaded: LoadedContent, decode: Decode = decode_document) -> Validated:
    """Decode and check everything; raise ContentErrors with every problem found."""
    documents = _documents(loaded)
    decoded = [decode(document, kind) for document, kind in documents]
    # Documents are parsed as they are decoded (YamlDocument): only now does
    # `loaded` hold every parse error and know every unreadable kind.
    errors = [*loaded.errors, *(error for file in decoded for error in file.errors)]
    sources = {document.path: document.data for document in loaded.documents}
    # A list file whose list was not found: references into its kind are not checked either.
    unreadable = loaded.unreadable | {
        kind.list_key for (_, kind), file in zip(documents, decoded, strict=True) if kind.list_key and not file.complete
    }
    content = Content.gather(decoded, unreadable, loaded.raw_files, sources)
    for check in CHECKS:
        errors.extend(check(content))
    by_kind = [(kind, file) for (_, kind), file in zip(documents, decoded, strict=True)]
    dossiers = _records(by_kind, DOSSIER_FILE, Dossier)
    if errors or not dossiers:
        raise ContentErrors(errors or [ContentError(Location(str(loaded.content_dir), 0, 0), "no dossier")])
    return Validated(
        dossiers[0],
        _records(by_kind, EVENTS_FILE, Event),
        _records(by_kind, ACTORS_FILE, Actor),
        _records(by_kind, ARTICLE_FILE, Article),
        content.article_texts,
    )


def _documents(loaded: LoadedContent) -> list[tuple[Document, FileKind]]:
    """Every file to decode, with what it holds, in the order that decides which of two
    records with one id is the first."""
    documents: list[tuple[Document, FileKind]] = [(loaded.dossier, DOSSIER_FILE)] if loaded.dossier else []
    documents += [(document, ARTICLE_FILE) for document in loaded.articles]
    documents += [(document, EVENTS_FILE) for document in loaded.events]
    documents += [(document, ACTORS_FILE) for document in loaded.actors]
    return documents


def _records(files: list[tuple[FileKind, DecodedFile]], kind: FileKind, record_class: type[T]) -> tuple[T, ...]:
    """The records of every file of one kind, in file order."""
    return tuple(r for k, file in files if k is kind for r in file.records if isinstance(r, record_class))


def decode_and_release(document: Document, kind: FileKind) -> DecodedFile:
    """`decode_document` for a one-off build: a document parsed on demand lets go of its
    node tree once decoded, since nothing reads it again and the node trees of a large
    dossier, all held at once, would be most of a build's peak memory."""
    decoded = decode_document(document, kind)
    if isinstance(document, YamlDocument):
        document.release()
    return decoded
