"""Setting raw HTML blocks aside changes nothing in the HTML MkDocs makes of a page."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.utils import meta

from briefing.engine.raw_html import put_back, set_aside

REPO = Path(__file__).resolve().parent.parent


def converter() -> markdown.Markdown:
    """Python-Markdown with the extensions and options of the project's mkdocs.yml."""
    config = load_config(str(REPO / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


def both_ways(source: str) -> tuple[str, str | None]:
    """The HTML of the page as it is, and of its skeleton with the blocks put back."""
    direct = converter().convert(source)
    aside = set_aside(source)
    if aside is None:
        return direct, None
    return direct, put_back(converter().convert(aside.skeleton), aside.blocks)


@pytest.mark.parametrize("dossier", ["bundled_site", "other_story_site"])
def test_every_generated_page_converts_to_the_same_html(dossier: str, request: pytest.FixtureRequest) -> None:
    docs = request.getfixturevalue(dossier).parent / "build" / "pages"
    pages = sorted(docs.rglob("*.md"))
    assert len(pages) > 30
    for page in pages:
        source, _ = meta.get_data(page.read_text(encoding="utf-8"))
        direct, fast = both_ways(source)
        assert fast is not None, f"{page}: left to Python-Markdown"
        assert fast == direct, page


def test_markdown_between_blocks_is_still_converted() -> None:
    source = (
        "# Title\n\n<div class=\"a\">\n<div>inner</div>\n\n<p>*not emphasis*</p>\n</div>\n\n"
        "Some *emphasis* here.\n\n<dl><dt>k</dt><dd>v</dd></dl>\n## Next {#next}\n"
    )
    direct, fast = both_ways(source)
    assert fast == direct
    assert "<em>emphasis</em>" in fast and "*not emphasis*" in fast and 'id="next"' in fast


@pytest.mark.parametrize(
    "source",
    [
        "<div>\n<!-- a comment -->\n</div>\n",  # comments hide tags from a scan
        "<script>if (a < b) {}</script>\n",  # a script whose text has a "<"
        "<div>open\n\nnever closed\n",
        "<div>closed</div> and text after it on the line\n",
    ],
)
def test_pages_the_scan_cannot_be_sure_of_are_left_as_they_are(source: str) -> None:
    assert set_aside(source) is None


def test_a_placeholder_cannot_be_spelled_by_the_page() -> None:
    aside = set_aside("<p>x</p>\n\nbrfraw000000000000n0\n")
    assert aside is not None
    assert "brfraw000000000000n0" not in aside.blocks
    assert put_back(converter().convert(aside.skeleton), aside.blocks).count("brfraw000000000000n0") == 1
