"""Every workaround for MkDocs or Material, in one place.

Each is marked `# Workaround:` with what it works around, why, and the upstream report.
tests/engine/test_workarounds.py checks, for each, that the upstream behaviour is still
there: when one of those tests fails, upstream has changed, and the workaround can go.
"""

from __future__ import annotations

import logging
import os
import re
from typing import Any

import jinja2
import jinja2.bccache
from markupsafe import Markup, escape

from briefing.engine import raw_html

RTL_LANGUAGES = ("ar", "fa", "he", "ur")
_HTML_TAG_RE = re.compile(r'<html lang="(?P<lang>[a-zA-Z-]+)"')


# Workaround: Material sets `dir` on <body> only (base.html: `<body dir="{{ direction }}"`),
# and <html> gets `lang` without `dir`; the user agent and screen readers need the
# direction on the root element of a right-to-left page. No upstream report; the lines:
# Upstream: https://github.com/squidfunk/mkdocs-material/blob/9.7.6/src/templates/base.html#L26
def html_direction(output: str) -> str:
    match = _HTML_TAG_RE.search(output)
    if match is None or match["lang"].split("-")[0] not in RTL_LANGUAGES:
        return output
    if output[match.end():].lstrip().startswith("dir="):
        return output
    return output[: match.end()] + ' dir="rtl"' + output[match.end():]


# Workaround: Material's base.html puts autocomplete="off" on the drawer and search
# checkboxes, which HTML does not allow on a checkbox (an error in the Nu Html Checker on
# every page). Kept upstream on purpose (it resets the drawer on the back button in Firefox).
# Upstream: https://github.com/squidfunk/mkdocs-material/issues/1513 (closed, attribute kept)
INVALID_AUTOCOMPLETE = (
    (' type="checkbox" id="__drawer" autocomplete="off"', ' type="checkbox" id="__drawer"'),
    (' type="checkbox" id="__search" autocomplete="off"', ' type="checkbox" id="__search"'),
)


def checkbox_autocomplete(output: str) -> str:
    for invalid, valid in INVALID_AUTOCOMPLETE:
        output = output.replace(invalid, valid)
    return output


# Workaround: Material's partials/toc.html labels the table of contents' title
# `<label for="__toc">`, a checkbox that Material draws only in the navigation item of the
# current page. Pages outside the navigation (every actor, source and chronology page
# here) have no such checkbox, and a label for a missing control is an HTML error.
# No upstream report; the line:
# Upstream: https://github.com/squidfunk/mkdocs-material/blob/9.7.6/src/templates/partials/toc.html#L46
TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def toc_label_without_control(output: str) -> str:
    if TOC_LABEL in output and 'id="__toc"' not in output:
        return output.replace(TOC_LABEL, '<label class="md-nav__title">')
    return output


# Workaround: Material's `htmltitle` block prints `page.title | striptags`, and Jinja's
# striptags also unescapes entities, so an editor's `</title><script>` in a heading
# (escaped in the page) becomes markup in the <title>. Escape the title again. The same
# pitfall was named in MkDocs (not merged); Material's line is base.html#L105 at 9.7.6.
# Upstream: https://github.com/mkdocs/mkdocs/pull/3546
def escaped_title(output: str, page_title: str | None, site_name: str, is_homepage: bool) -> str:
    if not page_title or is_homepage:
        return output
    text = Markup(page_title).striptags()
    as_rendered = f"<title>{text} - {site_name}</title>"
    return output.replace(as_rendered, f"<title>{escape(text)} - {escape(site_name)}</title>", 1)


# Workaround: Material's script fetches a `sitemap.xml` beside every <link rel="alternate">
# of a page (its "stay on page" language switch), so a feed link or per-page hreflang
# alternates in the head cost a request for a sitemap that is not there on every page.
# The pages link their feed only when the site has sitemaps (a site_url), and the
# hreflang alternates are published in the sitemaps (briefing.sitemap) instead of the head.
# Fixed in Material's successor by requiring hreflang; Material's line is
# integrations/alternate/index.ts#L72 at 9.7.6.
# Upstream: https://github.com/zensical/ui/issues/213
def alternate_links_allowed(site_url: str | None) -> bool:
    return bool(site_url)


# Workaround: Material's inline palette script (partials/javascripts/palette.html) applies a
# colour scheme before the page is drawn only when the reader chose one before; without a
# choice, the scheme that matches the system setting is applied by the bundle at the end of
# the page, so a reader whose system is dark sees the page drawn light first. Our copy of
# that partial (templates/overrides/partials/javascripts/palette.html) applies the
# system's scheme at once, as it does for a stored "follow the system" choice.
# Material's file at 9.8.1: src/templates/partials/javascripts/palette.html.
# Upstream: https://github.com/privacyguides/privacyguides.org/issues/1930 (the flash, seen on a
# Material site) and https://github.com/squidfunk/mkdocs-material/issues/3123
PALETTE_SCRIPT = "partials/javascripts/palette.html"
"""The palette script's partial, overridden in templates/overrides/."""


def repair_page(output: str, page_title: str | None, site_name: str, is_homepage: bool) -> str:
    """Every repair of a page's HTML, in one pass over the workarounds above."""
    output = checkbox_autocomplete(output)
    output = toc_label_without_control(output)
    output = escaped_title(output, page_title, site_name, is_homepage)
    return html_direction(output)


def repair_template(output: str) -> str:
    """The repairs for pages built from a template alone, such as 404.html."""
    return html_direction(toc_label_without_control(checkbox_autocomplete(output)))


# Workaround: MkDocs makes a new Jinja environment for every build (each language, every
# `mkdocs serve` rebuild), so Material's templates would be compiled again each time: a
# third of a preview rebuild. A bytecode cache kept for the process compiles each once; Jinja
# checks every template's source against the checksum stored with its code.
# Upstream: https://github.com/mkdocs/mkdocs/pull/3202 (closed unmerged; #3695 is open)
class CompiledTemplates(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


THEME_TEMPLATES = CompiledTemplates()


# Workaround: MkDocs lists every file of the theme on every build to find its static files
# (Files.add_files_from_theme): 14,500 paths, 14,300 of them Material's icons in `.icons`,
# each matched against a dozen patterns that then drop everything under a dot-folder. A
# tenth of a second per build, two builds per preview rebuild. The theme's loader lists
# its folders without going into dot-folders: the same files come out.
# Upstream: https://github.com/mkdocs/mkdocs/issues/3695 (serve and build performance, open)
class ThemeListingWithoutDotFolders(jinja2.FileSystemLoader):
    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for top in self.searchpath:
            for folder, subfolders, names in os.walk(top):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                inside = os.path.relpath(folder, top).replace(os.sep, "/")
                for name in names:
                    found.add(name if inside == "." else f"{inside}/{name}")
        return sorted(found)


def list_theme_without_dot_folders(theme: Any) -> None:
    """Make the theme's Jinja environments (one per build) list files that way."""
    make_env = theme.get_env

    def get_env() -> jinja2.Environment:
        env: jinja2.Environment = make_env()
        env.loader = ThemeListingWithoutDotFolders(theme.dirs)
        return env

    theme.get_env = get_env


# Workaround: Python-Markdown finds raw HTML blocks with an HTML parser, and MkDocs parses
# each page's HTML once more for its anchors; our pages are mostly raw HTML blocks, so two
# full parses of every page would be most of MkDocs' time. The blocks are set aside before
# Python-Markdown sees the page and put back into its HTML (briefing.engine.raw_html). MkDocs' own
# parse (pages.py#L273, for anchor validation) runs even with `validation.anchors: ignore`.
# Upstream: https://github.com/mkdocs/mkdocs/issues/3695 (serve and build performance, open)
class RawHtmlSetAside:
    """Each page's raw HTML blocks, from on_page_markdown until on_page_context."""

    def __init__(self) -> None:
        self.blocks: dict[str, dict[str, str]] = {}

    def set_aside(self, markdown: str, src_uri: str) -> str:
        aside = raw_html.set_aside(markdown)
        if aside is None:
            return markdown
        self.blocks[src_uri] = aside.blocks
        return aside.skeleton

    def put_back(self, html: str | None, src_uri: str) -> str | None:
        blocks = self.blocks.pop(src_uri, None)
        if blocks is None or html is None:
            return html
        return raw_html.put_back(html, blocks)


# Workaround: `mkdocs serve --dirty` (our `make serve`, which rebuilds only the pages an
# edit changed) logs a warning on every rebuild, which strict mode turns into a failure.
# No upstream report; the lines:
# Upstream: https://github.com/mkdocs/mkdocs/blob/1.6.1/mkdocs/commands/build.py#L275-L278
DIRTY_WARNING = "A 'dirty' build is being performed"


class DirtyWarningFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def quiet_dirty_builds() -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, DirtyWarningFilter) for f in logger.filters):
        logger.addFilter(DirtyWarningFilter())


# Workaround: MkDocs' live reload polls the watched folders every half second (it moved
# from the system's file events to polling for Docker and network mounts), which adds a
# quarter of a second on average, and up to half a second, to every edit-to-reload. The
# preview uses the system's file events; BRIEFING_POLLING=1 keeps MkDocs' polling (for a
# project on a network mount or in Docker Desktop).
# Upstream: https://github.com/mkdocs/mkdocs/pull/2477
POLLING_VARIABLE = "BRIEFING_POLLING"


def native_file_events(server: Any) -> None:
    if os.environ.get(POLLING_VARIABLE, "") not in ("", "0"):
        return
    from watchdog.events import FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    class ChangesOnly(Observer):  # type: ignore[misc, valid-type]
        """The system's events say when a file is opened or read, too: a rebuild that
        reads the content would trigger the next one. Only changes count."""

        def schedule(self, handler: Any, path: Any, *, recursive: bool = False, event_filter: Any = None,
                     follow_symlink: bool = False) -> Any:
            changes = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent]
            return super().schedule(handler, path, recursive=recursive, event_filter=event_filter or changes,
                                    follow_symlink=follow_symlink)

    watched = getattr(server, "_watched_paths", None)
    if not isinstance(getattr(server, "observer", None), PollingObserver) or not isinstance(watched, dict):
        return  # MkDocs changed: leave its watching as it is
    paths = list(watched)
    for path in paths:
        server.unwatch(path)
    server.observer = ChangesOnly()
    for path in paths:
        server.watch(path)
