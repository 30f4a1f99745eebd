"""Each workaround in briefing/engine/workarounds.py is still needed: these tests check that
MkDocs and Material still behave the way the workaround works around. When one fails,
upstream has changed: remove the workaround (and this test), after checking the site.

Each test builds, or reads, plain MkDocs and Material without our plugin."""

from __future__ import annotations

import logging
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

import material
from briefing.engine import workarounds

MATERIAL = Path(material.__file__).parent / "templates"
BUNDLE = next((MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")


def _plain_site(folder: Path, extra: str = "") -> Path:
    """A two-page Arabic Material site: a home page in the navigation, and a page outside it
    whose heading holds an escaped `</title><script>`."""
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Home\n\n## A\n", encoding="utf-8")
    (folder / "docs" / "orphan.md").write_text(
        "# O &lt;/title&gt;&lt;script&gt;x&lt;/script&gt;\n\n## Section\n", encoding="utf-8"
    )
    (folder / "mkdocs.yml").write_text(
        textwrap.dedent(
            """\
            site_name: T
            theme: {name: material, language: ar}
            plugins: []
            nav: [index.md]
            not_in_nav: /orphan.md
            """
        )
        + extra,
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def plain_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The page outside the navigation, as plain Material builds it."""
    folder = _plain_site(tmp_path_factory.mktemp("plain"))
    build(load_config(str(folder / "mkdocs.yml")))
    yield (folder / "site" / "orphan" / "index.html").read_text(encoding="utf-8")


def test_material_still_sets_the_direction_on_body_only(plain_page: str) -> None:
    assert re.search(r"<html(?![^>]*\bdir=)[^>]*>", plain_page), "Material now sets dir on <html>"
    assert '<body dir="rtl"' in plain_page
    assert 'dir="rtl"' in workarounds.html_direction('<html lang="ar" class="no-js"><body dir="rtl">')


def test_material_still_puts_autocomplete_on_checkboxes(plain_page: str) -> None:
    for invalid, _valid in workarounds.INVALID_AUTOCOMPLETE:
        assert invalid in plain_page
        assert invalid not in workarounds.checkbox_autocomplete(plain_page)


def test_material_still_labels_a_missing_toc_checkbox(plain_page: str) -> None:
    assert workarounds.TOC_LABEL in plain_page and 'id="__toc"' not in plain_page
    assert 'for="__toc"' not in workarounds.toc_label_without_control(plain_page)


def test_material_still_unescapes_page_titles(plain_page: str) -> None:
    assert "<title>O </title><script>x</script> - T</title>" in plain_page
    assert jinja2.Environment().from_string("{{ t|striptags }}").render(t="&lt;/title&gt;") == "</title>"
    repaired = workarounds.escaped_title(plain_page, "O &lt;/title&gt;&lt;script&gt;x&lt;/script&gt;", "T", False)
    assert "<title>O &lt;/title&gt;&lt;script&gt;x&lt;/script&gt; - T</title>" in repaired


def test_material_still_fetches_a_sitemap_beside_every_alternate_link() -> None:
    assert '"link[rel=alternate]"' in BUNDLE
    assert "link[rel=alternate][hreflang]" not in BUNDLE
    assert 'new URL("sitemap.xml",' in BUNDLE


def test_material_still_applies_only_a_stored_palette_before_the_page_is_drawn() -> None:
    theirs = (MATERIAL / workarounds.PALETTE_SCRIPT).read_text(encoding="utf-8")
    assert 'var palette=__md_get("__palette");if(palette&&palette.color)' in theirs
    assert "||{color:" not in theirs
    ours = (Path(__file__).parent.parent / "templates" / "overrides" / workarounds.PALETTE_SCRIPT).read_text(encoding="utf-8")
    assert '__md_get("__palette")||{color:{media:"(prefers-color-scheme)"}}' in ours


def test_mkdocs_still_makes_a_new_template_environment_per_build(tmp_path: Path) -> None:
    config = load_config(str(_plain_site(tmp_path) / "mkdocs.yml"))
    first, second = config.theme.get_env(), config.theme.get_env()
    assert first is not second and first.bytecode_cache is None


def test_mkdocs_still_walks_the_themes_dot_folders_to_drop_them(tmp_path: Path) -> None:
    from mkdocs.structure.files import Files

    config = load_config(str(_plain_site(tmp_path) / "mkdocs.yml"))
    env = config.theme.get_env()
    assert len(env.loader.list_templates()) > 10_000  # Material's icons, in .icons/
    files_as_listed = Files([])
    files_as_listed.add_files_from_theme(env, config)
    workarounds.list_theme_without_dot_folders(config.theme)
    ours = config.theme.get_env()
    assert len(ours.loader.list_templates()) < 1_000
    files_as_we_list = Files([])
    files_as_we_list.add_files_from_theme(ours, config)
    assert sorted(f.src_uri for f in files_as_we_list) == sorted(f.src_uri for f in files_as_listed)


def test_mkdocs_still_parses_raw_html_for_anchors_when_not_validating_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mkdocs.structure.pages as pages

    fed: list[int] = []
    feed = pages._HTMLHandler.feed
    monkeypatch.setattr(pages._HTMLHandler, "feed", lambda self, data: (fed.append(len(data)), feed(self, data))[1])
    build(load_config(str(_plain_site(tmp_path, "validation: {anchors: ignore}\n") / "mkdocs.yml")))
    assert fed, "MkDocs no longer parses every page's HTML for anchors"


def test_mkdocs_still_warns_on_every_dirty_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logging.getLogger("mkdocs.commands.build"), "filters", [])  # none of ours
    config = load_config(str(_plain_site(tmp_path) / "mkdocs.yml"), strict=True)
    with pytest.raises(Abort, match="strict mode"):
        build(config, dirty=True)
    record = logging.LogRecord("mkdocs.commands.build", logging.WARNING, "", 0, workarounds.DIRTY_WARNING + ", ...", None, None)
    assert not workarounds.DirtyWarningFilter().filter(record)


def test_mkdocs_still_polls_for_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.livereload import LiveReloadServer
    from watchdog.observers.polling import PollingObserver

    monkeypatch.delenv(workarounds.POLLING_VARIABLE, raising=False)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        assert isinstance(server.observer, PollingObserver) and server.observer.timeout == 0.5
        server.watch(str(tmp_path))
        workarounds.native_file_events(server)
        assert not isinstance(server.observer, PollingObserver)
        assert list(server._watched_paths) == [str(tmp_path)]
    finally:
        server.server_close()
