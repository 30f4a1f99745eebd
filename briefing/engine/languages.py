"""`python build.py`'s MkDocs stage: each language built by MkDocs in a process of its own.

The default language (English) is built here into the new site folder, every other
language at the same time in a forked process into a folder beside it, then moved into
its place under the site (`ar/`). Where forking is not possible, the default language's
build goes on to build the others itself, one after the other, as under `mkdocs build`.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from briefing import parallel, write
from briefing.engine.plugin import PLUGIN_NAME, BriefingPlugin
from briefing.model import LANGUAGES, Language
from briefing.pipeline import BuildFailure, Generation, Project, SiteSettings
from briefing.urls import DEFAULT_LANGUAGE, LANGUAGE_PREFIX

log = logging.getLogger(__name__)


class EngineFailure(BuildFailure):
    """MkDocs could not build the site; the message says why (MkDocs has logged the details)."""


def site_settings(project: Project, site_url: str | None = None) -> SiteSettings:
    """mkdocs.yml's settings, with `site_url` overriding its own when given."""
    try:
        config = load_config(str(project.config_file), site_url=site_url)
    except MkDocsException as failure:
        raise EngineFailure(f"{project.config_file.name}: {failure}") from None
    return SiteSettings(Path(config.site_dir), config.site_url or None)


def _build_one(project: Project, generation: Generation, lang: Language, site_dir: Path, site_url: str | None,
               builds_others: bool) -> None:
    config = load_config(str(project.config_file), site_dir=str(site_dir), site_url=site_url)
    plugin = config.plugins[PLUGIN_NAME]
    if not isinstance(plugin, BriefingPlugin):
        raise EngineFailure(f"{project.config_file.name}: plugins must list '{PLUGIN_NAME}'")
    config.plugins.on_startup(command="build", dirty=False)
    plugin.use_generation(generation, lang, builds_others)
    try:
        mkdocs_build(config)
    except (MkDocsException, EngineFailure):
        raise
    except Exception as error:  # our code or a template failed inside MkDocs: say which, once
        raise EngineFailure(f"the '{lang}' pages: {type(error).__name__}: {error}") from None
    finally:
        config.plugins.on_shutdown()


def build_languages(project: Project, generation: Generation, site_dir: Path, site_url: str | None) -> None:
    """Build every language of the site into `site_dir` (a new, empty folder)."""
    try:
        if parallel.can_fork():
            _build_in_parallel(project, generation, site_dir, site_url)
        else:
            _build_one(project, generation, DEFAULT_LANGUAGE, site_dir, site_url, builds_others=True)
    except MkDocsException as failure:
        raise EngineFailure(str(failure).strip() or type(failure).__name__) from None
    except parallel.WorkerFailed as failure:
        raise EngineFailure(str(failure)) from None


def _build_in_parallel(project: Project, generation: Generation, site_dir: Path, site_url: str | None) -> None:
    """The default language here, each other one in a forked process into a folder beside
    the site, moved into its place once every build succeeded."""
    others = [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
    with write.folders_beside(site_dir, others) as folders:
        workers = [
            parallel.fork_call(
                partial(_build_one, project, generation, lang, folders[lang], site_url, False),
                f"builds the '{lang}' pages",
            )
            for lang in others
        ]
        try:
            _build_one(project, generation, DEFAULT_LANGUAGE, site_dir, site_url, builds_others=False)
        finally:
            failures = []
            for worker in workers:  # wait for every worker, even when this side failed
                try:
                    worker.result()
                except (MkDocsException, parallel.WorkerFailed, EngineFailure) as failure:
                    failures.append(failure)
        if failures:
            raise failures[0]
        for lang, folder in folders.items():
            write.move_into(folder, site_dir / LANGUAGE_PREFIX[lang].rstrip("/"))
