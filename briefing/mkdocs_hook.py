"""MkDocs hook: the same generation on `mkdocs build` and `mkdocs serve`, and RTL on <html>.

MkDocs runs `on_config` at every (re)build; mkdocs-static-i18n then builds the other
language by calling MkDocs' build again from its `on_post_build`, while its `building`
flag is set. We generate once per outer build and skip the nested ones. Under `mkdocs
build`, a forked worker builds the other language meanwhile instead
(briefing.language_worker). The hook also hands Python-Markdown pages without their raw
HTML (briefing.raw_html), and keeps `mkdocs serve --dirty`'s search index whole.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from briefing import language_worker, pipeline, raw_html
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
    dirty: bool = False
    # Under `mkdocs serve --dirty`: the search entries of every page built so far, by the
    # page's location (see _keep_search_entries_of_pages_not_rebuilt).
    search_entries: dict[str, list[dict[str, Any]]] = {}
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
    _State.dirty = dirty
    if command == "serve" and dirty:
        # The dirty build is what makes the preview fast (only the pages our generation
        # rewrote are built again); MkDocs warns about it on every rebuild, which the strict
        # mode would turn into a failure.
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyWarningFilter())


@event_priority(100)  # before the i18n plugin reads the docs folder
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if _nested_language_build(config):
        return config
    _State.set_aside = {}
    _start_search_index_afresh(config)
    pregenerated = pipeline.take_pregenerated()
    if pregenerated is not None:
        _State.generation = pregenerated
    else:
        _generate(config)
    config = _name_site(config, _State.generation) if _State.generation else config
    language_worker.start(config, _State.command, _State.dirty)
    return config


def _generate(config: MkDocsConfig) -> None:
    """Generate the Markdown; under `mkdocs serve`, keep the last good generation on errors."""
    project = pipeline.Project(Path(config.config_file_path).parent)
    try:
        _State.generation = pipeline.generate(project, Path(config.docs_dir), remember_files=_State.command == "serve")
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


def _start_search_index_afresh(config: MkDocsConfig) -> None:
    """MkDocs keeps plugin objects from one `mkdocs serve` rebuild to the next. The i18n
    plugin collects every language's search entries in a list it never empties, so the
    index grew by a whole site with every rebuild (and doubled under --dirty, where
    Material also carries the last index over). We empty that list, and keep the entries
    of pages a dirty build skipped ourselves (_keep_search_entries_of_pages_not_rebuilt)."""
    i18n = config.plugins.get("i18n")
    if i18n is not None and isinstance(getattr(i18n, "search_entries", None), list):
        i18n.search_entries.clear()
    search = language_worker.search_plugin(config)
    if search is not None and hasattr(search, "search_index_prev"):
        search.is_dirty = False
        search.search_index_prev = None


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


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates, compiled once per process: MkDocs makes a new Jinja
    environment for every build (each language, every `mkdocs serve` rebuild), and
    compiling Material's templates again took a third of a preview rebuild. Jinja checks
    each template's source against the checksum stored with its code."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_THEME_TEMPLATES = _CompiledTemplates()


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Any) -> jinja2.Environment:
    env.bytecode_cache = _THEME_TEMPLATES
    return env


class _DirtyWarningFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def _keep_search_entries_of_pages_not_rebuilt(config: MkDocsConfig) -> None:
    """A dirty build indexes only the pages it built, and the search index it writes would
    lose every other page: add back the entries of the pages it did not build."""
    search = language_worker.search_plugin(config)
    entries: list[dict[str, Any]] | None = getattr(getattr(search, "search_index", None), "entries", None)
    if entries is None:
        return
    built: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        built.setdefault(entry["location"].partition("#")[0], []).append(entry)
    _State.search_entries.update(built)
    # Each language is a build of its own; the pages of the other languages are not this
    # build's to add back.
    language = _language_of_build(config)
    site = Path(config.site_dir)
    for location, kept in _State.search_entries.items():
        if (
            location not in built
            and _language_of_location(config, location) == language
            and (site / location / "index.html").is_file()
        ):
            entries.extend(kept)


def _language_of_build(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return str(getattr(i18n, "current_language", "") or "")


def _language_of_location(config: MkDocsConfig, location: str) -> str:
    """The language of a page by its location: its first folder, or the default language
    (built at the site root)."""
    i18n = config.plugins.get("i18n")
    first = location.partition("/")[0]
    if i18n is not None and first in getattr(i18n, "build_languages", ()):
        return first
    return str(getattr(i18n, "default_language", "") or "")


def on_build_error(error: BaseException) -> None:
    if language_worker.in_worker():
        language_worker.fail_in_worker(error)
    language_worker.abandon()


def on_post_build(config: MkDocsConfig) -> None:
    if language_worker.in_worker():
        language_worker.finish_in_worker(config)  # does not return
    if _State.command == "serve" and _State.dirty:
        _keep_search_entries_of_pages_not_rebuilt(config)
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
    language_worker.finish_here(config, lambda page: on_post_page(page, None, config))


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
