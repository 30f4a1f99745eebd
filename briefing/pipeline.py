"""The pipeline: load -> validate -> model -> render -> write, then the engine (MkDocs,
behind briefing.engine) builds each language. Only `briefing.write` touches the output
folders (and MkDocs, which writes the HTML pages it builds).
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

import yaml

from briefing import parallel
from briefing.decode import DecodedFile, Document, FileKind, decode_document
from briefing.dependencies import stale_pages, subject_pages
from briefing.errors import ContentErrors
from briefing.exports import render_exports
from briefing.load import load_content
from briefing.model import LANGUAGES, Corpus, link_corpus
from briefing.pages import render_pages
from briefing.preview import ParseCache
from briefing.urls import UrlScheme, page_path
from briefing.validate import decode_and_release, validate
from briefing.write import WriteReport, remove_pages, staged_folder, sync_tree, write_pages

log = logging.getLogger(__name__)

CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True)
class Project:
    """Where a project's parts live; everything is relative to the folder of mkdocs.yml."""

    root: Path

    @property
    def config_file(self) -> Path:
        return self.root / CONFIG_FILE

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def pages_dir(self) -> Path:
        """The generated Markdown, a folder per language (git-ignored): what the engine builds."""
        return self.root / "build" / "pages"


@dataclass(frozen=True)
class RenderedSite:
    """Everything generation produces: Markdown pages and data files, by relative path."""

    pages: dict[str, str]
    """Markdown text by path under the generated docs folder, e.g. 'ar/actors/x/index.md'."""
    data: dict[str, bytes]
    """Export bytes by path under the built site, e.g. 'data/events.json'."""


@dataclass(frozen=True)
class Generation:
    """The outcome of generating the Markdown for one state of the content."""

    corpus: Corpus
    site: RenderedSite
    """The pages by path, and the exports. Only a generation made for a preview is sure
    to hold the pages' text: a one-off build that rendered the
    pages in two processes has written them and keeps their names only (empty texts)."""
    report: WriteReport
    rendered: int
    """How many pages this pass rendered (the others were unchanged or taken from the last pass)."""


@contextmanager
def cycle_collector_paused(freeze: bool = False) -> Iterator[None]:
    """Generation allocates millions of small objects that live to its end (YAML nodes,
    records, pages), and Python's cycle collector walks them again and again: with the
    default thresholds that was half of loading and validating, and still a tenth with
    thresholds a hundred times higher. Generation makes almost no cycles (226 objects in
    a whole generation of the 2,000-event dossier), so the collector is off while it runs.
    Not beyond it: MkDocs makes a cycle of objects for every page it converts, and left
    uncollected they doubled the peak memory of a large build.

    With `freeze` (a one-off build, whose corpus lives until the build ends), what exists
    at the end of a successful generation is frozen (gc.freeze), so that the collector,
    back on for MkDocs, does not walk it all again: that first walk cost 0.2 to 0.5 s at
    10,000 events. The next generation in the same process unfreezes it first, so nothing
    stays out of reach. Not under `mkdocs serve`: it would freeze the garbage of MkDocs'
    last rebuild with it, for good."""
    was_enabled = gc.isenabled()
    gc.unfreeze()
    gc.disable()
    try:
        yield
        if freeze:
            gc.freeze()
    finally:
        if was_enabled:
            gc.enable()


def today() -> dt.date:
    """The build date; BRIEFING_TODAY (YYYY-MM-DD) fixes it for reproducible output."""
    fixed = os.environ.get("BRIEFING_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


class Preview:
    """What a long-running preview (`mkdocs serve`) remembers from one rebuild to the next,
    so that a rebuild parses, decodes and renders only what an edit touched (Pelican's
    opt-in caching is the model). A one-off build has none: it would only hold every node
    tree in memory to the end for nothing."""

    def __init__(self) -> None:
        self.parse = ParseCache()
        """Each content file's parse, by path, with the bytes it was parsed from."""
        self.decoded: dict[str, tuple[yaml.Node, DecodedFile]] = {}
        """What each file decoded to, by path, with the node tree it was decoded from."""
        self.last: tuple[Path, Fingerprint, Generation] | None = None
        """The last generation: its docs folder, what it depended on, and what it made."""

    def decode(self, document: Document, kind: FileKind) -> DecodedFile:
        """`decode_document`, remembered: a file whose node tree is the very one decoded last
        time (the parse memo returns it for unchanged bytes) is not decoded again."""
        node = document.node
        remembered = self.decoded.get(document.path)
        if remembered is not None and remembered[0] is node:
            return remembered[1]
        decoded = decode_document(document, kind)
        if node is not None:
            self.decoded[document.path] = (node, decoded)
        return decoded


def check(project: Project, preview: Preview | None = None) -> Corpus:
    """Load and validate; raise ContentErrors listing every problem. With a `preview`,
    parse and decode again only the files that changed since its last rebuild."""
    if preview is None:
        return link_corpus(validate(load_content(project.content_dir), decode_and_release))
    return link_corpus(validate(load_content(project.content_dir, preview.parse), preview.decode))


def _stat_digest(folders: tuple[Path, ...], seed: str) -> str:
    digest = hashlib.sha256(seed.encode())
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Fingerprint:
    """What generation depends on, by every file's path, size and modification time (stat
    only: reading thousands of files to hash them would cost as much as generating)."""

    content: str
    code: str
    """The templates, the package's own source and the build date: when these change,
    every page may change."""


def fingerprint(project: Project) -> Fingerprint:
    package = Path(__file__).resolve().parent
    return Fingerprint(
        content=_stat_digest((project.content_dir,), ""),
        code=_stat_digest((project.templates_dir, package), today().isoformat()),
    )


def _render_and_sync(
    project: Project, corpus: Corpus, previous: Generation | None, docs_dir: Path
) -> tuple[RenderedSite, WriteReport, int]:
    """All pages, or when `previous` is of the same code and templates, only the pages the
    content's changes touched (briefing.dependencies), the rest taken from `previous`. Only
    the pages rendered are compared with the disk (the others are as `previous` wrote them),
    and the pages that no longer exist are removed."""
    stale = stale_pages(previous.corpus, corpus) if previous is not None else None
    # The index pages show the whole dossier: rendered on every pass.
    wanted = None if stale is None else stale | set(UrlScheme.of(corpus).index_pages(corpus))
    site = RenderedSite(
        render_pages(corpus, project.templates_dir, today(), wanted),
        render_exports(corpus, project.templates_dir, today()),
    )
    if stale is None or previous is None:
        return site, sync_tree(docs_dir, site.pages), len(site.pages)
    pages = dict(site.pages)
    for url in set(subject_pages(corpus).values()) - stale:
        for language in LANGUAGES:
            path = page_path(language, url)
            pages[path] = previous.site.pages[path]
    log.info("rendered %d of %d pages again", len(site.pages), len(pages))
    written = write_pages(docs_dir, site.pages)
    removed = sorted(set(previous.site.pages) - set(pages))
    remove_pages(docs_dir, removed)
    report = WriteReport(tuple(written), tuple(removed), len(pages) - len(written))
    return RenderedSite(pages, site.data), report, len(site.pages)


def generate(project: Project, docs_dir: Path, preview: Preview | None = None) -> Generation:
    """Validate, render and write the Markdown pages (only those whose bytes changed).
    A `preview` remembers this generation, and takes what it can from its last one."""
    with cycle_collector_paused(freeze=True):
        return _generate(project, docs_dir, preview)


def _generate(project: Project, docs_dir: Path, preview: Preview | None) -> Generation:
    current = fingerprint(project)
    remembered = preview.last if preview is not None and preview.last and preview.last[0] == docs_dir else None
    previous = remembered[2] if remembered else None
    if previous is not None and not all((docs_dir / p).is_file() for p in previous.site.pages):
        previous = None  # someone emptied the docs folder: write everything again
    if remembered and previous is not None and remembered[1] == current:
        log.info("content and templates unchanged: nothing to generate")
        return Generation(previous.corpus, previous.site, WriteReport((), (), len(previous.site.pages)), 0)
    corpus = check(project, preview)
    same_code = remembered is not None and remembered[1].code == current.code
    if (previous is None or not same_code) and parallel.can_fork():
        pages, data, report = parallel.render_and_write(
            corpus, project.templates_dir, today(), docs_dir, keep_pages=preview is not None
        )
        site, rendered = RenderedSite(pages, data), len(pages)
    else:
        site, report, rendered = _render_and_sync(project, corpus, previous if same_code else None, docs_dir)
    log.info("generated %d pages: %d written, %d removed, %d unchanged",
             len(site.pages), len(report.written), len(report.removed), report.unchanged)
    generation = Generation(corpus, site, report, rendered)
    if preview is not None:
        preview.last = (docs_dir, current, generation)
    return generation


class BuildFailure(Exception):
    """The site could not be built; the message says why (and the site was left as it was)."""


@dataclass(frozen=True)
class SiteSettings:
    """What the pipeline needs to know of the engine's configuration."""

    site_dir: Path
    """Where the built site goes."""
    site_url: str | None
    """The published address, when known."""


class Engine(Protocol):
    """What builds the site from the generated pages (briefing.engine: MkDocs). Failures
    are raised as BuildFailure."""

    def site_settings(self, project: Project, site_url: str | None) -> SiteSettings: ...

    def build_languages(self, project: Project, generation: Generation, site_dir: Path, site_url: str | None) -> None:
        """Build every language into `site_dir`, a new empty folder."""


def build_site(project: Project, engine: Engine, site_url: str | None = None, publishing: bool = False) -> Generation:
    """The whole build: generate, then the engine builds each language's pages, search
    index and sitemap into a folder beside the site, swapped in only when everything
    succeeded. `site_url` overrides the engine's configuration; `publishing` requires one."""
    settings = engine.site_settings(project, site_url)
    if publishing and not settings.site_url:
        raise BuildFailure(
            "publishing needs the site's address for the sitemaps and feeds: set site_url in "
            "mkdocs.yml or pass --site-url https://example.org/briefing/"
        )
    generation = generate(project, project.pages_dir)
    # The pages are on disk now; the engine reads them from there. Holding their text as
    # well through its run was a tenth of the peak memory of a large build.
    generation = replace(generation, site=RenderedSite(dict.fromkeys(generation.site.pages, ""), generation.site.data))
    with staged_folder(settings.site_dir) as staged:
        engine.build_languages(project, generation, staged.folder, settings.site_url)
    return generation


__all__ = [
    "BuildFailure", "ContentErrors", "Engine", "Generation", "Preview", "Project", "SiteSettings", "build_site", "check",
    "generate",
]
