"""The pipeline: load -> validate -> model -> render -> publish. Only this module and
`publish` touch the disk or start MkDocs; the stages in between are pure functions.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from briefing import parallel
from briefing.dependencies import stale_pages, subject_pages
from briefing.errors import ContentErrors
from briefing.load import ParseMemo, load_content
from briefing.model import LANGUAGES, Corpus
from briefing.publish import WriteReport, build_into_temporary, swap_in, sync_tree
from briefing.render import RenderedSite, render_site
from briefing.urls import page_path
from briefing.validate import DecodeMemo, validate

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


@dataclass(frozen=True)
class Generation:
    """The outcome of generating the Markdown for one state of the content."""

    corpus: Corpus
    site: RenderedSite
    """The pages by path, and the exports. Only a generation remembered for a preview
    (`remember_files`) is sure to hold the pages' text: a one-off build that rendered the
    pages in two processes has written them and keeps their names only (empty texts)."""
    report: WriteReport
    rendered: int
    """How many pages this pass rendered (the others were unchanged or taken from the last pass)."""


# Set by `build_site` so that the MkDocs hook, running in the same process, reuses the
# generation it just did instead of loading and validating everything a second time.
_pregenerated: Generation | None = None


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


# Per project, the files parsed and decoded so far, for a long-running preview only: a
# one-off build would only hold every node tree in memory to the end for nothing.
_file_memos: dict[Path, tuple[ParseMemo, DecodeMemo]] = {}


def check(project: Project, remember_files: bool = False) -> Corpus:
    """Load and validate; raise ContentErrors listing every problem. `remember_files`:
    parse and decode again only the files that changed since the last call."""
    if not remember_files:
        return validate(load_content(project.content_dir, deferred=True))
    parsed, decoded = _file_memos.setdefault(project.root, ({}, {}))
    return validate(load_content(project.content_dir, parsed, deferred=True), decoded)


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


# The last generation of this process (remembered under `mkdocs serve` only), by
# fingerprint. `mkdocs serve` rebuilds again after our own writes to the docs folder, and
# that rebuild then costs a stat of the files only; after an edit of the content, only
# the pages the edit touched are rendered again.
_last: dict[tuple[Path, Path], tuple[Fingerprint, Generation]] = {}


def forget_generations() -> None:
    """Drop the in-process memo, so that the next generation does all the work (benchmarks)."""
    _last.clear()
    _file_memos.clear()


def _render(project: Project, corpus: Corpus, previous: Generation | None) -> tuple[RenderedSite, int]:
    """All pages, or when `previous` is of the same code and templates, only the pages the
    content's changes touched (briefing.dependencies), the rest taken from `previous`."""
    stale = stale_pages(previous.corpus, corpus) if previous is not None else None
    site = render_site(corpus, project.templates_dir, today(), only=stale)
    if stale is None or previous is None:
        return site, len(site.pages)
    pages = dict(site.pages)
    for url in set(subject_pages(corpus).values()) - stale:
        for language in LANGUAGES:
            path = page_path(language, url)
            pages[path] = previous.site.pages[path]
    log.info("rendered %d of %d pages again", len(site.pages), len(pages))
    return RenderedSite(pages, site.data), len(site.pages)


def generate(project: Project, docs_dir: Path, remember_files: bool = False) -> Generation:
    """Validate, render and write the Markdown pages (only those whose bytes changed).
    `remember_files` is for `mkdocs serve` (see check)."""
    with cycle_collector_paused(freeze=not remember_files):
        return _generate(project, docs_dir, remember_files)


def _generate(project: Project, docs_dir: Path, remember_files: bool) -> Generation:
    key = (project.root, docs_dir.resolve())
    current = fingerprint(project)
    remembered = _last.get(key)
    previous = remembered[1] if remembered else None
    if previous is not None and not all((docs_dir / p).is_file() for p in previous.site.pages):
        previous = None  # someone emptied the docs folder: write everything again
    if remembered and previous is not None and remembered[0] == current:
        log.info("content and templates unchanged: nothing to generate")
        return Generation(previous.corpus, previous.site, WriteReport((), (), len(previous.site.pages)), 0)
    corpus = check(project, remember_files)
    same_code = remembered is not None and remembered[0].code == current.code
    if (previous is None or not same_code) and parallel.can_fork():
        site, report = parallel.render_and_write(corpus, project.templates_dir, today(), docs_dir, keep_pages=remember_files)
        rendered = len(site.pages)
    else:
        site, rendered = _render(project, corpus, previous if same_code else None)
        report = sync_tree(docs_dir, site.pages)
    log.info("generated %d pages: %d written, %d removed, %d unchanged",
             len(site.pages), len(report.written), len(report.removed), report.unchanged)
    generation = Generation(corpus, site, report, rendered)
    if remember_files:
        _last[key] = (current, generation)
    return generation


def take_pregenerated() -> Generation | None:
    global _pregenerated
    taken, _pregenerated = _pregenerated, None
    return taken


def run_mkdocs(config: Any, generation: Generation) -> None:
    """MkDocs on Markdown already generated: the hook reuses `generation` (and writes its
    data exports) instead of loading and validating everything again."""
    global _pregenerated
    from mkdocs.commands.build import build as mkdocs_build

    _pregenerated = generation
    try:
        mkdocs_build(config)
    finally:
        _pregenerated = None


def build_site(project: Project, strict: bool = True) -> Generation:
    """The whole build. Nothing reaches site/ unless every stage succeeded."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config

    config = load_config(str(project.config_file), strict=strict)
    site_dir = Path(config.site_dir)
    generation = generate(project, Path(config.docs_dir))
    # The pages are on disk now; MkDocs reads them from there. Holding their text as well
    # through MkDocs' run was a tenth of the peak memory of a large build.
    generation = replace(generation, site=RenderedSite({}, generation.site.data))
    temporary = build_into_temporary(site_dir)
    config.site_dir = str(temporary)
    try:
        run_mkdocs(config, generation)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    swap_in(temporary, site_dir)
    return generation


__all__ = ["ContentErrors", "Project", "Generation", "check", "generate", "build_site", "run_mkdocs", "take_pregenerated"]
