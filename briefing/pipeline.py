"""The pipeline: load -> validate -> model -> views and pages -> write, then the engine
(MkDocs, behind briefing.engine) builds each language. Only `briefing.write` touches the
output folders (and MkDocs, which writes the HTML pages it builds). A long-running
preview's caches are in `briefing.preview`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from briefing import collector, parallel
from briefing.errors import ContentErrors
from briefing.exports import render_exports
from briefing.drafts import drafts_left_out, inside_drafts
from briefing.errors import Location
from briefing.load import LoadedContent, load_content
from briefing.model import Corpus, Validated, link_corpus
from briefing.pages import render_pages
from briefing.preview import Preview, fingerprint, render_changes
from briefing.status import placeholder_errors
from briefing.project import CONFIG_FILE, Exports, Generation, Project, today
from briefing.validate import decode_and_release, validate
from briefing.write import WriteReport, staged_folder, sync_tree

log = logging.getLogger(__name__)


def check(project: Project, preview: Preview | None = None, published: bool = False) -> Corpus:
    """Load, validate and link; raise ContentErrors listing every problem. With a
    `preview`, parse and decode again only the files that changed since its last rebuild.
    A `published` build leaves the drafts out and refuses what only a draft may hold: TODO
    placeholders, references to drafts (briefing.drafts)."""
    if preview is not None:
        return link_corpus(validate(load_content(project.content_dir, preview.parse), preview.decode))
    loaded = load_content(project.content_dir)
    validated = validate(loaded, decode_and_release)
    return link_corpus(_for_publishing(loaded, validated) if published else validated)


def _for_publishing(loaded: LoadedContent, validated: Validated) -> Validated:
    drafts = inside_drafts(validated)
    errors = [error for error in placeholder_errors(loaded) if not any(_within(error.location, d) for d in drafts)]
    try:
        kept, left_out = drafts_left_out(validated)
    except ContentErrors as references:
        raise ContentErrors(errors + references.errors) from None
    if errors:
        raise ContentErrors(errors)
    for line in left_out:
        log.info(line)
    return kept


def _within(location: Location, record: Location) -> bool:
    """Whether `location` is inside the record written at `record`."""
    inner, outer = location.key_path, record.key_path
    return location.path == record.path and (
        not outer or inner == outer or inner.startswith((outer + ".", outer + "["))
    )


def generate(project: Project, docs_dir: Path, preview: Preview | None = None) -> Generation:
    """Validate, render and write the Markdown pages (only those whose bytes changed).
    A `preview` remembers this generation, and takes what it can from its last one."""
    with collector.generation_paused():
        if preview is None:
            return render_everything(project, check(project, published=True), docs_dir)
        return _generate_for(preview, project, docs_dir)


def _generate_for(preview: Preview, project: Project, docs_dir: Path) -> Generation:
    current = fingerprint(project)
    last = preview.last(docs_dir)
    if last is not None and last[0] == current:
        log.info("content and templates unchanged: nothing to generate")
        previous = last[1]
        return Generation(previous.corpus, previous.pages, previous.data, WriteReport((), (), len(previous.pages)), 0)
    corpus = check(project, preview)
    generation = None
    if last is not None and last[0].code == current.code:
        generation = render_changes(preview, project, corpus, last[1], docs_dir)
    if generation is None:
        generation = render_everything(project, corpus, docs_dir)
    preview.remember(docs_dir, current, generation)
    return generation


def render_everything(project: Project, corpus: Corpus, docs_dir: Path) -> Generation:
    """Every page and export; the pages whose bytes changed are written and the files that
    are no longer pages removed. In two processes where forking is safe (see parallel)."""
    if parallel.can_fork():
        pages, data, report = parallel.render_and_write(corpus, project.templates_dir, today(), docs_dir)
    else:
        texts = render_pages(corpus, project.templates_dir, today())
        pages, data, report = sorted(texts), render_exports(corpus, project.templates_dir, today()), sync_tree(docs_dir, texts)
    log.info("generated %d pages: %d written, %d removed, %d unchanged",
             len(pages), len(report.written), len(report.removed), report.unchanged)
    return Generation(corpus, tuple(pages), Exports.ready(data), report, len(pages))


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
    with staged_folder(settings.site_dir, project.scratch_dir) as staged:
        engine.build_languages(project, generation, staged.folder, settings.site_url)
    return generation


__all__ = [
    "CONFIG_FILE", "BuildFailure", "ContentErrors", "Engine", "Generation", "Preview", "Project", "SiteSettings",
    "build_site", "check", "generate", "today",
]
