"""The speed room of a long-running preview (`mkdocs serve`): what it remembers from one
rebuild to the next, so that a rebuild parses, decodes and renders only what an edit
touched (Pelican's opt-in caching is the model). A one-off build has none of this: it
would only hold every node tree in memory to the end for nothing.
"""

from __future__ import annotations

import hashlib
import logging
import weakref
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefing.decode import DecodedFile, Document, FileKind, decode_document
from briefing.dependencies import RecordGraph, stale_pages
from briefing.errors import ContentError
from briefing.exports import render_exports
from briefing.load import parse_yaml
from briefing.model import LANGUAGES, Corpus
from briefing.pages import render_pages
from briefing.project import Exports, Generation, Project, today
from briefing.urls import UrlScheme, page_path
from briefing.write import WriteReport, remove_pages, write_pages

log = logging.getLogger(__name__)


class ParseCache:
    """`parse_yaml`, remembered by display path: a file whose bytes are the same as last
    time gets the very node tree it got then, which also lets the decode cache recognise
    it (by identity) and skip decoding it again."""

    def __init__(self) -> None:
        self._files: dict[str, tuple[bytes, yaml.Node | None, list[ContentError]]] = {}

    def __call__(self, data: bytes, shown: str) -> tuple[yaml.Node | None, list[ContentError]]:
        remembered = self._files.get(shown)
        if remembered is not None and remembered[0] == data:
            return remembered[1], remembered[2]
        node, errors = parse_yaml(data, shown)
        self._files[shown] = (data, node, errors)
        return node, errors


@dataclass(frozen=True)
class Fingerprint:
    """What generation depends on, by every file's path, size and modification time (stat
    only: reading thousands of files to hash them would cost as much as generating)."""

    content: str
    code: str
    """The templates, the package's own source and the build date: when these change,
    every page may change."""


def _stat_digest(folders: tuple[Path, ...], seed: str) -> str:
    digest = hashlib.sha256(seed.encode())
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def fingerprint(project: Project) -> Fingerprint:
    package = Path(__file__).resolve().parent
    return Fingerprint(
        content=_stat_digest((project.content_dir,), ""),
        code=_stat_digest((project.templates_dir, package), today().isoformat()),
    )


@dataclass(frozen=True)
class _Remembered:
    docs_dir: Path
    fingerprint: Fingerprint
    generation: Generation


class Preview:
    """The caches of one preview, from one rebuild to the next: each file's parse and
    decoded records, and the last generation, from which the next renders only the pages
    that an edit reaches (briefing.dependencies)."""

    def __init__(self) -> None:
        self.parse = ParseCache()
        """Each content file's parse, by path, with the bytes it was parsed from."""
        self._decoded: dict[str, tuple[yaml.Node, DecodedFile]] = {}
        self._last: _Remembered | None = None
        self._graphs: dict[int, tuple[weakref.ref[Corpus], RecordGraph]] = {}

    def decode(self, document: Document, kind: FileKind) -> DecodedFile:
        """`decode_document`, remembered: a file whose node tree is the very one decoded last
        time (the parse cache returns it for unchanged bytes) is not decoded again."""
        node = document.node
        remembered = self._decoded.get(document.path)
        if remembered is not None and remembered[0] is node:
            return remembered[1]
        decoded = decode_document(document, kind)
        if node is not None:
            self._decoded[document.path] = (node, decoded)
        return decoded

    def graph(self, corpus: Corpus) -> RecordGraph:
        """The corpus's record graph (briefing.dependencies), computed once: an edit compares
        the last corpus's with the new one's, and the new one is the last at the next edit.
        By identity, for the last two corpora; a weak reference tells a live corpus from a
        later one at the same address, and keeps none alive."""
        remembered = self._graphs.get(id(corpus))
        if remembered is not None and remembered[0]() is corpus:
            return remembered[1]
        graph = RecordGraph.of(corpus)
        while len(self._graphs) >= 2:
            del self._graphs[next(iter(self._graphs))]
        self._graphs[id(corpus)] = (weakref.ref(corpus), graph)
        return graph

    def last(self, docs_dir: Path) -> tuple[Fingerprint, Generation] | None:
        """The last generation into `docs_dir` and what it depended on, while its pages are
        still there (someone may have emptied the folder: then everything is written again)."""
        last = self._last
        if last is None or last.docs_dir != docs_dir:
            return None
        if not all((docs_dir / path).is_file() for path in last.generation.pages):
            return None
        return last.fingerprint, last.generation

    def remember(self, docs_dir: Path, current: Fingerprint, generation: Generation) -> None:
        self._last = _Remembered(docs_dir, current, generation)
        self.graph(generation.corpus)  # now, rather than in the next edit's wait


def render_changes(
    preview: Preview, project: Project, corpus: Corpus, previous: Generation, docs_dir: Path
) -> Generation | None:
    """Render again only the pages that the content's changes since `previous` reach, and
    the section pages (they show the whole dossier); write those whose bytes changed and
    remove the pages that no longer exist. None when the changes reach every page (see
    stale_pages). `previous` must be of the same code and templates."""
    stale = stale_pages(preview.graph(previous.corpus), preview.graph(corpus))
    if stale is None:
        return None
    urls = UrlScheme.of(corpus)
    questions = set(urls.question_pages(corpus))
    wanted = stale | (set(urls.index_pages(corpus)) - questions)
    day = today()
    rendered = render_pages(corpus, project.templates_dir, day, wanted)
    # The exports cover the whole dossier: rendered when the engine asks, after the reload.
    data = Exports(lambda: render_exports(corpus, project.templates_dir, day))
    pages = {page_path(lang, url) for url in urls.pages(corpus) for lang in LANGUAGES}
    log.info("rendered %d of %d pages again", len(rendered), len(pages))
    written = write_pages(docs_dir, rendered)
    removed = sorted(set(previous.pages) - pages)
    remove_pages(docs_dir, removed)
    report = WriteReport(tuple(written), tuple(removed), len(pages) - len(written))
    return Generation(corpus, tuple(sorted(pages)), data, report, len(rendered))
