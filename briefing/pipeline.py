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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.errors import ContentErrors
from briefing.load import load_content
from briefing.model import Corpus
from briefing.publish import WriteReport, build_into_temporary, swap_in, sync_tree
from briefing.render import RenderedSite, render_site
from briefing.validate import validate

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
    report: WriteReport


# Set by `build_site` so that the MkDocs hook, running in the same process, reuses the
# generation it just did instead of loading and validating everything a second time.
_pregenerated: Generation | None = None


def collect_garbage_less_often() -> None:
    """A build allocates millions of small objects that live to its end (YAML nodes,
    records, MkDocs pages); with Python's default thresholds the cycle collector walks
    them again and again, which took half of loading and validating. Nothing here makes
    cycles worth collecting early, so collect a hundred times less often."""
    gc.set_threshold(100_000, 50, 100)


def today() -> dt.date:
    """The build date; BRIEFING_TODAY (YYYY-MM-DD) fixes it for reproducible output."""
    fixed = os.environ.get("BRIEFING_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


def check(project: Project) -> Corpus:
    """Load and validate; raise ContentErrors listing every problem."""
    return validate(load_content(project.content_dir))


def fingerprint(project: Project) -> str:
    """What generation depends on: every content and template file's path, size and
    modification time, the package's own source, and the build date. Stat only: reading
    thousands of files to hash them would cost as much as generating."""
    digest = hashlib.sha256(today().isoformat().encode())
    package = Path(__file__).resolve().parent
    for folder in (project.content_dir, project.templates_dir, package):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


# The last generation of this process, by fingerprint: `mkdocs serve` rebuilds again after
# our own writes to the docs folder, and that rebuild then costs a stat of the files only.
_last: dict[tuple[Path, Path], tuple[str, Generation]] = {}


def forget_generations() -> None:
    """Drop the in-process memo, so that the next generation does all the work (benchmarks)."""
    _last.clear()


def generate(project: Project, docs_dir: Path) -> Generation:
    """Validate, render and write the Markdown pages (only those whose bytes changed)."""
    key = (project.root, docs_dir.resolve())
    current = fingerprint(project)
    if key in _last and _last[key][0] == current and all((docs_dir / p).is_file() for p in _last[key][1].site.pages):
        previous = _last[key][1]
        log.info("content and templates unchanged: nothing to generate")
        return Generation(previous.corpus, previous.site, WriteReport((), (), len(previous.site.pages)))
    corpus = check(project)
    site = render_site(corpus, project.templates_dir, today())
    report = sync_tree(docs_dir, {path: text.encode("utf-8") for path, text in site.pages.items()})
    log.info("generated %d pages: %d written, %d removed, %d unchanged",
             len(site.pages), len(report.written), len(report.removed), report.unchanged)
    generation = Generation(corpus, site, report)
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
