"""Editors' text stays text: Markdown is rendered without raw HTML, raw articles are escaped."""

from __future__ import annotations

from bisect import bisect_right

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.excerpts import ArticleText, normalise_whitespace, whitespace_map
from briefing.markup import excerpt_anchor, heading_text, markdown_html, raw_paragraphs


def test_markdown_fields_render_emphasis_but_not_html() -> None:
    html = markdown_html("**Bold** <script>alert(1)</script> [x](javascript:alert(1))")
    assert "<strong>Bold</strong>" in html
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript:' not in html


def test_markdown_images_are_not_rendered() -> None:
    # An image would make the reader's browser request a third-party host.
    assert "<img" not in markdown_html("![x](https://tracker.example/pixel.png)")


def test_heading_text_escapes_markdown_and_html() -> None:
    assert heading_text("A *b* <i>c</i> {#id}") == r"A \*b\* &lt;i&gt;c&lt;/i&gt; \{\#id\}"


def test_raw_paragraphs_escape_and_mark_cited_passages() -> None:
    text = "Line one <b>.\n\nThe  cited\npassage here."
    paragraphs = raw_paragraphs(text, ["cited passage"])
    anchor = excerpt_anchor("cited passage")
    assert paragraphs == [
        "Line one &lt;b&gt;.",
        f'The  <span class="brf-anchor" id="{anchor}"></span><mark>cited</mark>',
        "<mark>passage</mark> here.",
    ]


def test_excerpt_anchor_ignores_whitespace_differences() -> None:
    assert excerpt_anchor("a  b\nc") == excerpt_anchor("a b c")


def test_runs_of_the_other_script_are_isolated() -> None:
    from briefing.markup import isolate_foreign_runs
    from markupsafe import Markup

    arabic = markdown_html('قال Ian McCary إن "HMC" مستمرة.', "ar")
    assert arabic == '<p>قال <bdi lang="en">Ian McCary</bdi> إن &quot;<bdi lang="en">HMC</bdi>&quot; مستمرة.</p>'
    english = markdown_html('"يعد" should read "بعد"', "en")
    assert english == '<p>&quot;<bdi lang="ar">يعد</bdi>&quot; should read &quot;<bdi lang="ar">بعد</bdi>&quot;</p>'
    # Entities, code and existing isolation are left alone.
    assert isolate_foreign_runs(Markup("AT&amp;T <code>x y</code> <bdi>ok</bdi>"), "ar") == (
        '<bdi lang="en">AT</bdi>&amp;<bdi lang="en">T</bdi> <code>x y</code> <bdi>ok</bdi>'
    )


def _reference_whitespace_map(text: str) -> tuple[str, list[int]]:
    """Character by character: each character of the collapsed text, and where it came from."""
    chars: list[str] = []
    offsets: list[int] = []
    in_space = False
    for index, char in enumerate(text):
        if char.isspace():
            if not in_space and chars:
                chars.append(" ")
                offsets.append(index)
            in_space = True
        else:
            chars.append(char)
            offsets.append(index)
            in_space = False
    return "".join(chars), offsets


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab و\n\t\u00a0\u2003،")), max_size=40))
def test_collapsed_text_maps_back_to_where_each_run_came_from(text: str) -> None:
    collapsed = normalise_whitespace(text)
    collapsed_starts, original_starts = whitespace_map(text)
    expected, offsets = _reference_whitespace_map(text)
    assert collapsed == expected.rstrip(" ")
    for index in range(len(collapsed)):
        run = bisect_right(collapsed_starts, index) - 1
        assert original_starts[run] + (index - collapsed_starts[run]) == offsets[index]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab و\n\t\u00a0")), max_size=40),
    st.text(alphabet=st.sampled_from(list("ab و\n")), max_size=8),
)
def test_an_excerpt_is_found_where_only_whitespace_differs(text: str, excerpt: str) -> None:
    article = ArticleText(text)
    needle = normalise_whitespace(excerpt)
    span = article.find(excerpt)
    assert (span is not None) == article.contains(excerpt) == (bool(needle) and needle in normalise_whitespace(text))
    if span is not None:
        start, end = span
        assert normalise_whitespace(text[start:end]) == needle
        assert not text[start].isspace() and not text[end - 1].isspace()
