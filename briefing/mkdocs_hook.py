"""MkDocs hook: the same generation on `mkdocs build` and `mkdocs serve`, and RTL on <html>.

MkDocs runs `on_config` at every (re)build; mkdocs-static-i18n then builds the other
language by calling MkDocs' build again from its `on_post_build`, while its `building`
flag is set. We generate once per outer build and skip the nested ones.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from briefing import pipeline, raw_html
from briefing.errors import ContentErrors
from briefing.publish import write_data
from briefing.render import TemplateFailure



def _preview_log() -> logging.Logger:
    logger = logging.getLogger("briefing.preview")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    return logger

RTL_LANGUAGES = ("ar", "fa", "he", "ur")
_HTML_TAG_RE = re.compile(r'<html lang="(?P<lang>[a-zA-Z-]+)"')


class _State:
    command: str = "build"
    generation: pipeline.Generation | None = None
    root_site_dir: Path | None = None
    default_404: bytes | None = None
    # Each page's raw HTML blocks, from on_page_markdown until on_page_context (see
    # briefing.raw_html), by the page's path in the docs folder.
    set_aside: dict[str, dict[str, str]] = {}


def _nested_language_build(config: MkDocsConfig) -> bool:
    i18n = config.plugins.get("i18n")
    return bool(i18n is not None and getattr(i18n, "building", False))


def on_startup(command: str, dirty: bool) -> None:
    _State.command = command
    pipeline.collect_garbage_less_often()  # `mkdocs build` and `mkdocs serve` do not go through our CLI


@event_priority(100)  # before the i18n plugin reads the docs folder
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if _nested_language_build(config):
        return config
    _State.set_aside = {}
    pregenerated = pipeline.take_pregenerated()
    if pregenerated is not None:
        _State.generation = pregenerated
        return _name_site(config, pregenerated)
    project = pipeline.Project(Path(config.config_file_path).parent)
    try:
        _State.generation = pipeline.generate(project, Path(config.docs_dir))
    except ContentErrors as failure:
        if _State.command != "serve":
            raise Abort("\n" + failure.report()) from None
        # Keep serving the last good pages: the build goes on from the Markdown generated
        # last time. The errors go to a logger outside "mkdocs", whose warnings would make
        # the strict build abort after it had emptied the preview folder.
        for error in failure.errors:
            _preview_log().error(str(error))
        _preview_log().error("%d content error(s); the preview shows the last valid version", len(failure.errors))
    except TemplateFailure as failure:
        if _State.command != "serve":
            raise Abort(f"a template failed: {failure}") from None
        _preview_log().error("a template failed: %s; the preview shows the last valid version", failure)
    return _name_site(config, _State.generation) if _State.generation else config


def _name_site(config: MkDocsConfig, generation: pipeline.Generation) -> MkDocsConfig:
    """The site's name and description come from the dossier, in each language.

    Material prints both unescaped into HTML attributes; the validator therefore refuses
    `<`, `>` and `"` in them (see briefing.validate.SITE_TEXT_FORBIDDEN).
    """
    dossier = generation.corpus.dossier
    config.site_name = dossier.title.en
    config.site_description = dossier.description.en
    i18n = config.plugins.get("i18n")
    for language in getattr(i18n, "config", {}).get("languages", []) if i18n else []:
        if language.locale in ("ar", "en"):
            language.site_name = dossier.title.in_(language.locale)
            language.site_description = dossier.description.in_(language.locale)
    return config


# Material's base.html (outside any template block) puts autocomplete on two checkboxes,
# which HTML does not allow there (the Nu Html Checker reports it on every page).
_INVALID_AUTOCOMPLETE = (
    (' type="checkbox" id="__drawer" autocomplete="off"', ' type="checkbox" id="__drawer"'),
    (' type="checkbox" id="__search" autocomplete="off"', ' type="checkbox" id="__search"'),
)


@event_priority(-200)  # after every other plugin has read or edited the Markdown
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Any) -> str:
    """Hand Python-Markdown the page without its raw HTML blocks: much less to parse."""
    aside = raw_html.set_aside(markdown)
    if aside is None:
        return markdown
    _State.set_aside[page.file.src_uri] = aside.blocks
    return aside.skeleton


@event_priority(100)  # before the search plugin and the theme read the page's HTML
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Put the raw HTML blocks back. Only now, one page at a time: until the pages are
    written, MkDocs holds every page of the language, and holds them small."""
    blocks = _State.set_aside.pop(page.file.src_uri, None)
    if blocks is not None and page.content is not None:
        page.content = raw_html.put_back(page.content, blocks)
    return context


def on_post_page(output: str, page: Page | None, config: MkDocsConfig) -> str:
    """Material sets dir on <body> only; screen readers and the UA need it on <html> too.
    The page is written now; MkDocs keeps the object to the end of the build, but no
    longer needs its HTML."""
    if page is not None:
        page.content = None
    for invalid, valid in _INVALID_AUTOCOMPLETE:
        output = output.replace(invalid, valid)
    match = _HTML_TAG_RE.search(output)
    already = output[match.end():].lstrip().startswith("dir=") if match else True
    if match and not already and match["lang"].split("-")[0] in RTL_LANGUAGES:
        return output[: match.end()] + ' dir="rtl"' + output[match.end():]
    return output


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The same repairs for pages built from templates alone, such as 404.html."""
    return on_post_page(output, None, config)


def on_post_build(config: MkDocsConfig) -> None:
    if _nested_language_build(config):
        _keep_each_languages_404(config)
        return
    # The outer build is the default language's, at the site root; the i18n plugin builds
    # the other languages after this returns.
    root = Path(config.site_dir)
    _State.root_site_dir = root
    not_found = root / "404.html"
    _State.default_404 = not_found.read_bytes() if not_found.is_file() else None
    if _State.generation is not None:
        write_data(root, _State.generation.site.data)


def _keep_each_languages_404(config: MkDocsConfig) -> None:
    """mkdocs-static-i18n writes every language's 404 page to the root, the last one winning:
    put the other language's page under its folder and restore the default one."""
    root, default = _State.root_site_dir, _State.default_404
    if root is None or default is None:
        return
    not_found = root / "404.html"
    if not not_found.is_file() or not_found.read_bytes() == default:
        return
    page = not_found.read_text(encoding="utf-8")
    match = _HTML_TAG_RE.search(page)
    lang = match["lang"] if match else "xx"
    target = root / lang / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(on_post_page(page, None, config), encoding="utf-8")
    not_found.write_bytes(default)
