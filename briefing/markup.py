"""Turning editors' text into safe HTML: Markdown fields, headings, and raw article text.

Everything that comes from content files is untrusted: Markdown is rendered by
markdown-it-py with raw HTML disabled (so `<script>` is shown as text) and images
disabled (an image URL would be a request to a third-party host).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from briefing.validate import WHITESPACE_RE, normalise_whitespace

# Characters that Python-Markdown would interpret in a heading line; escaped with a backslash.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.disable(["image", "html_inline", "html_block"])
    return parser


def markdown_html(text: str) -> Markup:
    """Block Markdown (paragraphs, lists, emphasis, links) as HTML; raw HTML stays text."""
    return Markup(_markdown().render(text).strip())


def markdown_inline(text: str) -> Markup:
    """Inline Markdown only, for text inside a sentence or list item."""
    return Markup(_markdown().renderInline(text))


def heading_text(text: str) -> Markup:
    """Text safe to place after '## ' in generated Markdown: HTML-escaped, specials escaped."""
    return Markup(_MARKDOWN_SPECIALS.sub(r"\\\1", str(escape(" ".join(text.split())))))


def excerpt_anchor(excerpt: str) -> str:
    """A stable HTML id for an excerpt, the same wherever the excerpt is cited."""
    digest = hashlib.sha1(normalise_whitespace(excerpt).encode("utf-8")).hexdigest()
    return f"x-{digest[:10]}"


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    anchor: str


def _find_spans(text: str, excerpts: list[str]) -> list[_Span]:
    """Locate each excerpt in the raw text, allowing whitespace runs to differ."""
    spans: list[_Span] = []
    for excerpt in dict.fromkeys(excerpts):
        words = normalise_whitespace(excerpt).split(" ")
        if not words or words == [""]:
            continue
        pattern = r"\s+".join(re.escape(word) for word in words)
        match = re.search(pattern, text)
        if match:
            spans.append(_Span(match.start(), match.end(), excerpt_anchor(excerpt)))
    return sorted(spans, key=lambda span: (span.start, -span.end))


def raw_paragraphs(text: str, excerpts: list[str]) -> list[Markup]:
    """The raw article as escaped paragraphs (one per non-blank line), cited passages marked.

    Each excerpt gets an empty anchor element at its start, so links land there even when
    two excerpts overlap; the marked ranges are split wherever an anchor or a line falls.
    """
    spans = _find_spans(text, excerpts)
    paragraphs: list[Markup] = []
    position = 0
    for line in text.split("\n"):
        line_start = position
        position += len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        start = line_start + len(line) - len(line.lstrip())
        end = start + len(stripped)
        touching = [s for s in spans if s.start < end and s.end > start]
        cuts = {start, end}
        for span in touching:
            cuts.update((max(span.start, start), min(span.end, end)))
        points = sorted(cuts)
        pieces: list[str] = []
        for left, right in zip(points, points[1:]):
            pieces.extend(f'<span class="brf-anchor" id="{s.anchor}"></span>' for s in touching if s.start == left)
            chunk = str(escape(text[left:right]))
            covered = any(s.start <= left and s.end >= right for s in touching)
            pieces.append(f"<mark>{chunk}</mark>" if covered else chunk)
        paragraphs.append(Markup("".join(pieces)))
    return paragraphs


def one_line(text: str) -> str:
    """Collapse whitespace, for text shown in a single line such as a title attribute."""
    return WHITESPACE_RE.sub(" ", text).strip()
