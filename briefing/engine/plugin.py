"""The MkDocs plugin (`plugins: [briefing]` in mkdocs.yml): one MkDocs build per language.

MkDocs builds one language per build: the default one (English) at the site root, and
each other language under its own folder (`ar/`), with its own docs folder
(`build/docs/<lang>`), navigation, search index, 404 page and sitemap. Under `mkdocs
build` and `mkdocs serve`, the build MkDocs was started for generates the Markdown from
the content (a preview remembers what it can between rebuilds), and when its own pages
are done, builds the other languages into their folders, so that plain `mkdocs serve`
previews both languages with one rebuild and one reload per save. `python build.py`
builds each language in a process of its own instead (briefing.engine.languages) and
hands every build the generation it made.

All state lives on the plugin instance. MkDocs keeps one instance for the whole process
(it caches plugins that have `on_startup`), and the same instance receives the events of
the nested builds, so each build's state is kept by its config object.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from briefing import linked_data, search_index
from briefing.engine import workarounds
from briefing.engine.background import BackgroundWriter
from briefing.errors import ContentErrors
from briefing.model import LANGUAGES, Language
from briefing.pipeline import Generation, Preview, Project, generate
from briefing.sitemap import SITEMAP, normalised_site_url, robots_txt, sitemap_xml
from briefing.templating import STRINGS_FILE, TemplateFailure, load_strings
from briefing.urls import (
    DEFAULT_LANGUAGE,
    LANGUAGE_PREFIX,
    SECTIONS,
    language_of_site_path,
    language_switch,
    page_path,
    site_path,
    urls_of_pages,
)
from briefing.write import write_files

PLUGIN_NAME = "briefing"
"""The plugin's name in mkdocs.yml and in the `mkdocs.plugins` entry point group."""

log = logging.getLogger(f"mkdocs.plugins.{PLUGIN_NAME}")

STYLESHEET = "assets/stylesheets/site.css"
"""The site's own stylesheets (mkdocs.yml's extra_css), joined in their order."""

UNUSED_THEME_FOLDERS = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
"""Material's search engine and its worker: the site's search is Pagefind."""


def _preview_log() -> logging.Logger:
    """Content errors under `mkdocs serve` go to a logger outside "mkdocs": MkDocs counts
    the warnings and errors of its own loggers, and strict mode would then abort the
    rebuild that keeps the last valid pages on show."""
    logger = logging.getLogger("briefing.preview")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    return logger


@dataclass
class LanguageBuild:
    """One MkDocs build of one language."""

    language: Language
    started_by_mkdocs: bool
    """The build `mkdocs build`/`serve` (or build.py) started, as opposed to one this
    plugin started for another language."""
    site_url: str | None = None
    """The whole site's address (not the language's), when there is one."""
    raw_html: workarounds.RawHtmlSetAside = field(default_factory=workarounds.RawHtmlSetAside)
    stylesheets: list[str] = field(default_factory=list)
    """mkdocs.yml's extra_css, which the pages link as one file (STYLESHEET)."""


class BriefingOptions(Config):  # type: ignore[no-untyped-call]  # MkDocs' Config.__init_subclass__ is untyped
    """The plugin has no options: its settings come from the project's content and templates."""


class BriefingPlugin(BasePlugin[BriefingOptions]):  # type: ignore[no-untyped-call]  # MkDocs: untyped __init_subclass__
    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False
        self.preview: Preview | None = None
        """Under `mkdocs serve`: what generation remembers between rebuilds."""
        self.generation: Generation | None = None
        """The content's pages and model; under a preview, the last valid ones."""
        self.pregenerated = False
        """The generation was handed over by build.py: do not generate again."""
        self.language: Language = DEFAULT_LANGUAGE
        """The language of the build MkDocs was started for."""
        self.builds_other_languages = True
        """Whether that build goes on to build the other languages (build.py builds them
        in parallel processes instead)."""
        self.background: BackgroundWriter | None = None
        """Under `mkdocs serve`: writes the exports and search indexes after the pages (see its module)."""
        self._builds: dict[int, LanguageBuild] = {}

    # -- set-up ---------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty
        self.preview = Preview() if command == "serve" else None
        self.background = BackgroundWriter() if command == "serve" else None
        self.generation, self.pregenerated = None, False
        self.language, self.builds_other_languages = DEFAULT_LANGUAGE, True
        if dirty:
            workarounds.quiet_dirty_builds()

    def use_generation(self, generation: Generation, language: Language, builds_other_languages: bool) -> None:
        """For build.py: build `language` from a generation already made."""
        self.generation, self.pregenerated = generation, True
        self.language, self.builds_other_languages = language, builds_other_languages

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when the content or the templates change (the generated pages are not
        in the docs folder that MkDocs watches: our writes never trigger a rebuild)."""
        workarounds.native_file_events(server)
        project = _project(config)
        server.watch(str(project.content_dir))
        server.watch(str(project.templates_dir))
        return server

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        build = self._builds.get(id(config))
        if build is None:
            build = LanguageBuild(self.language, started_by_mkdocs=True, site_url=config.site_url)
            self._builds[id(config)] = build
            if not self.pregenerated:
                self._generate(config)
        if self.generation is None:
            raise Abort("there is nothing to build: the content has errors (above)")
        return self._configure(config, build)

    def _generate(self, config: MkDocsConfig) -> None:
        """Generate the Markdown; under `mkdocs serve`, keep the last valid generation on errors."""
        try:
            project = _project(config)
            self.generation = generate(project, project.pages_dir, self.preview)
        except ContentErrors as failure:
            if self.preview is None or self.generation is None:
                raise Abort("\n" + failure.report()) from None
            for error in failure.errors:
                _preview_log().error(str(error))
            _preview_log().error("%d content error(s); the preview shows the last valid version", len(failure.errors))
        except TemplateFailure as failure:
            if self.preview is None or self.generation is None:
                raise Abort(f"a template failed: {failure}") from None
            _preview_log().error("a template failed: %s; the preview shows the last valid version", failure)

    def _configure(self, config: MkDocsConfig, build: LanguageBuild) -> MkDocsConfig:
        """The settings of one language's build."""
        assert self.generation is not None
        lang, dossier = build.language, self.generation.corpus.dossier
        strings = load_strings(_project(config).templates_dir / STRINGS_FILE)
        config.theme["language"] = lang  # Material's own UI strings and direction
        # Material prints both unescaped into HTML attributes; the validator therefore
        # refuses `<`, `>` and `"` in them (briefing.checks.SITE_TEXT_FORBIDDEN).
        config.site_name = dossier.title.in_(lang)
        config.site_description = dossier.description.in_(lang)
        config.nav = [{strings[key][lang]: f"{url}/index.md" if url else "index.md"} for key, url in SECTIONS]
        _name_palette_toggles(config, strings, lang)
        # The reader's choice of colours holds on the whole site, both languages (Material
        # keeps it in the browser's storage per `scope`, by default each language's root).
        config.extra["scope"] = urlsplit(build.site_url or "/").path.rstrip("/") + "/"
        if build.site_url:
            config.site_url = normalised_site_url(build.site_url) + LANGUAGE_PREFIX[lang]
        # Our own sitemaps, with hreflang alternates (on_post_build); MkDocs' would list
        # one language without them, or `None` addresses when there is no site_url.
        config.theme.static_templates.discard(SITEMAP)
        workarounds.list_theme_without_dot_folders(config.theme)
        build.stylesheets = [str(path) for path in config.extra_css]
        config.extra_css = [STYLESHEET]
        return config

    def _one_stylesheet(self, files: Files, config: MkDocsConfig) -> None:
        """Our stylesheets (mkdocs.yml's extra_css, one per area of the site) served as one
        file, in their order: each would otherwise be a request that holds back the first
        paint (Lighthouse: render-blocking resources)."""
        parts = []
        for name in self._build(config).stylesheets:
            source = files.get_file_from_path(name)
            if source is None:
                raise Abort(f"extra_css: {name} is not a file of the site")
            parts.append(f"/* {name} */\n{source.content_string}")
        files.append(File.generated(config, STYLESHEET, content="\n".join(parts)))

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """This language's generated pages, read from the pages folder (the docs folder
        that MkDocs walks and watches stays empty; MkDocs' maintainers advise against a
        plugin writing into it: https://github.com/mkdocs/mkdocs/issues/1933).

        Only the section pages are in the navigation, which every page repeats (a
        navigation that grows with the dossier makes MkDocs quadratic); the pages of
        records are listed on their section's page."""
        assert self.generation is not None
        lang = self._build(config).language
        pages_dir = _project(config).pages_dir
        sections = {page_path(lang, url) for _, url in SECTIONS}
        prefix = f"{lang}/"
        for path in self.generation.pages:
            if path.startswith(prefix):
                inclusion = InclusionLevel.INCLUDED if path in sections else InclusionLevel.NOT_IN_NAV
                files.append(File.generated(config, path[len(prefix):], abs_src_path=str(pages_dir / path), inclusion=inclusion))
        # MkDocs' sitemap template, no longer rendered (see _configure), would otherwise be
        # copied as it is, as a static file of the theme; and Material's own search (lunr
        # and its worker) is not used: the search is ours (briefing.search_index).
        for file in list(files):
            if file.generated_by is None and (file.src_uri == SITEMAP or file.src_uri.startswith(UNUSED_THEME_FOLDERS)):
                files.remove(file)
        self._one_stylesheet(files, config)
        return files

    # -- pages ----------------------------------------------------------------------------

    @event_priority(-200)  # after every other plugin has read or edited the Markdown
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self._build(config).raw_html.set_aside(markdown, page.file.src_uri)

    @event_priority(100)  # before the theme reads the page's HTML
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        build = self._build(config)
        page.content = build.raw_html.put_back(page.content, page.file.src_uri)
        _extra(context)["briefing_languages"] = self._language_links(config, build.language, page.url.rstrip("/"))
        _extra(context)["briefing_feed_link"] = workarounds.alternate_links_allowed(build.site_url)
        return context

    def on_template_context(self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig) -> TemplateContext:
        """Pages made from a template alone: the 404 page, which a server shows at any
        missing address, so its links are absolute paths (MkDocs makes them from the
        site_url's path, or "/" without one: the other language's folder is added here)."""
        build = self._build(config)
        if template_name == "404.html":
            root = urlsplit(build.site_url or "/").path.rstrip("/") + "/"
            if not build.site_url:
                context["base_url"] = root + LANGUAGE_PREFIX[build.language]
            _extra(context)["briefing_languages"] = [
                {**link, "href": root + site_path(link["lang"], "")}
                for link in self._language_links(config, build.language, "")
            ]
            strings = load_strings(_project(config).templates_dir / STRINGS_FILE)
            _extra(context)["briefing_not_found"] = {
                key: strings[f"not_found_{key}"][build.language] for key in ("title", "text", "home")
            }
        _extra(context)["briefing_feed_link"] = workarounds.alternate_links_allowed(build.site_url)
        return context

    def _language_links(self, config: MkDocsConfig, lang: Language, url: str) -> list[dict[str, Any]]:
        """The language selector's entries: this page in each language."""
        strings = load_strings(_project(config).templates_dir / STRINGS_FILE)
        return [
            {"lang": other, "name": strings["language_name"][other], "href": language_switch(lang, other, url),
             "current": other == lang}
            for other in sorted(LANGUAGES, key=lambda code: (code != DEFAULT_LANGUAGE, code))
        ]

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        # The page is written now; MkDocs keeps the object to the end of the build, but no
        # longer needs its HTML.
        title, is_home = page.title, page.is_homepage
        page.content = None
        output = linked_data.absolute_references(output, page.canonical_url)
        return workarounds.repair_page(output, title, config.site_name, is_home)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        return workarounds.repair_template(output_content)

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        env.bytecode_cache = workarounds.THEME_TEMPLATES
        return env

    # -- after the pages ------------------------------------------------------------------

    def on_post_build(self, config: MkDocsConfig) -> None:
        build = self._build(config)
        assert self.generation is not None
        if build.started_by_mkdocs and self.builds_other_languages:
            for other in LANGUAGES:
                if other != build.language:
                    self._build_language(config, other, build)
        self._write_language_files(config, build)
        del self._builds[id(config)]

    def _write_language_files(self, config: MkDocsConfig, build: LanguageBuild) -> None:
        """What the engine does not make: this language's exports and feeds (the default
        language's build also the language-neutral ones), sitemap and search index. Under
        `mkdocs serve`, they are written after the browser reloads (see BackgroundWriter)."""
        assert self.generation is not None
        lang, generation, site_dir = build.language, self.generation, Path(config.site_dir)
        strings = load_strings(_project(config).templates_dir / STRINGS_FILE)

        def write() -> object:
            files = _exports_of(generation, lang)
            if build.site_url:
                files[SITEMAP] = sitemap_xml(build.site_url, lang, urls_of_pages(generation.pages, lang))
                if lang == DEFAULT_LANGUAGE:
                    files["robots.txt"] = robots_txt(build.site_url)
            write_files(site_dir, files)
            records = search_index.search_records(generation.corpus, lang, strings)
            return search_index.write_search_index(records, lang, site_dir / "pagefind")

        if self.background is not None:
            self.background.submit(site_dir, write)
        else:
            write()

    def _build_language(self, config: MkDocsConfig, lang: Language, started: LanguageBuild) -> None:
        """Build another language into its folder of this build's site, with this build's
        generation and settings."""
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.config import load_config

        folder = os.path.join(config.site_dir, LANGUAGE_PREFIX[lang].rstrip("/"))
        nested = load_config(config.config_file_path, site_dir=folder, site_url=started.site_url, strict=config.strict)
        plugin = cast(BriefingPlugin, nested.plugins[PLUGIN_NAME])
        if plugin is not self:  # MkDocs made a new instance: hand it what this one knows
            plugin.share_state(self)
        plugin._builds[id(nested)] = LanguageBuild(lang, started_by_mkdocs=False, site_url=started.site_url)
        serve_url = nested.site_url if self.command == "serve" and nested.site_url else None
        mkdocs_build(nested, serve_url=serve_url, dirty=self.dirty)

    def share_state(self, other: BriefingPlugin) -> None:
        self.command, self.dirty, self.preview = other.command, other.dirty, other.preview
        self.background = other.background
        self.generation, self.pregenerated = other.generation, True

    def on_build_error(self, error: BaseException) -> None:
        self._builds.clear()

    # -- helpers --------------------------------------------------------------------------

    def _build(self, config: MkDocsConfig) -> LanguageBuild:
        return self._builds[id(config)]


def _name_palette_toggles(config: MkDocsConfig, strings: dict[str, dict[str, str]], lang: Language) -> None:
    """The colour scheme toggles named in the page's language (mkdocs.yml has one name for
    every language). A palette's toggle leads to the next palette: it is named after it."""
    palettes = config.theme["palette"]
    if not isinstance(palettes, list):
        return
    for index, palette in enumerate(palettes):
        following = palettes[(index + 1) % len(palettes)]
        if palette.get("toggle"):
            palette["toggle"]["name"] = strings[_palette_action(following)][lang]


def _palette_action(palette: dict[str, Any]) -> str:
    """The UI string naming a switch to `palette`: the system's scheme, dark or light."""
    if palette.get("media") == "(prefers-color-scheme)":
        return "palette_to_system"
    return "palette_to_dark" if palette.get("scheme") == "slate" else "palette_to_light"


def _exports_of(generation: Generation, lang: Language) -> dict[str, bytes]:
    """The exports that live in a language's folder of the site, by path inside it."""
    files: dict[str, bytes] = {}
    for path, payload in generation.data.files().items():
        owner, inside = language_of_site_path(path)
        if owner == lang:
            files[inside] = payload
    return files


def _extra(context: TemplateContext) -> dict[str, Any]:
    """The template context, to add our own variables to (MkDocs types only its own)."""
    return cast(dict[str, Any], context)


def _project(config: MkDocsConfig) -> Project:
    """The project is the folder of mkdocs.yml."""
    return Project(Path(config.config_file_path).resolve().parent)
