"""Turning editors' text into safe HTML: Markdown fields, headings, and raw article text.

Everything that comes from content files is untrusted: Markdown is rendered by
markdown-it-py with raw HTML disabled (so `<script>` is shown as text) and images
disabled (an image URL would be a request to a third-party host).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from briefing.excerpts import ArticleText, normalise_whitespace

# Characters that Python-Markdown would interpret in a heading line; escaped with a backslash.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.disable(["image", "html_inline", "html_block"])
    return parser


@lru_cache(maxsize=65536)
def markdown_html(text: str, lang: str = "") -> Markup:
    """Block Markdown (paragraphs, lists, emphasis, links) as HTML; raw HTML stays text.
    With `lang`, runs of the other script are isolated (see isolate_foreign_runs)."""
    html = Markup(_markdown().render(text).strip())
    return isolate_foreign_runs(html, lang) if lang else html


@lru_cache(maxsize=65536)
def markdown_inline(text: str, lang: str = "") -> Markup:
    """Inline Markdown only, for text inside a sentence or list item."""
    html = Markup(_markdown().renderInline(text))
    return isolate_foreign_runs(html, lang) if lang else html


# A link to a source article in editors' Markdown: `[](source:<article id>)` (the page names
# the article by its outlet and title) or `[words](source:<article id>)` (the editor's words).
SOURCE_SCHEME = "source:"
_SOURCE_REFERENCE = re.compile(r"\]\(source:([^)\s]*)\)")
_EMPTY_SOURCE_REFERENCE = re.compile(r"\[\]\(source:([^)\s]*)\)")
_SOURCE_LINK = re.compile(r'<a href="source:([^"]*)">(.*?)</a>', re.DOTALL)


def source_references(text: str) -> list[str]:
    """The ids of the articles that editors' Markdown links to (see SOURCE_SCHEME)."""
    return _SOURCE_REFERENCE.findall(text) if SOURCE_SCHEME in text else []


def link_sources(html: Markup, link: Callable[[str, Markup], Markup]) -> Markup:
    """Rendered Markdown with each link to a source article made by `link(article id, the
    link's own words)`."""
    if SOURCE_SCHEME not in html:
        return html
    return Markup(_SOURCE_LINK.sub(lambda match: str(link(match.group(1), Markup(match.group(2)))), html))


def name_sources(markdown: str, name: Callable[[str], str]) -> str:
    """Editors' Markdown with each link to a source that has no words of its own replaced
    by the article's name, `name(article id)`, as text (for plain-text uses: the search)."""
    if SOURCE_SCHEME not in markdown:
        return markdown
    return _EMPTY_SOURCE_REFERENCE.sub(lambda match: name(match.group(1)), markdown)


SHORT_TITLE = 48
"""At most this many characters of an article's title where the pages name it in a sentence."""


def source_name(outlet: str, title: str, template: str) -> str:
    """How the pages name a source article in a sentence: `template` (strings.yaml
    source_reference) with its outlet, less any closing parenthetical, and its title,
    shortened to its first words."""
    return template.format(outlet=short_name(outlet), title=short_text(title, SHORT_TITLE))


def short_text(text: str, limit: int) -> str:
    """`text`, or its first words up to `limit` characters followed by an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:.،؛–—-") + "…"


def short_name(name: str) -> str:
    """A name without its closing parenthetical ("Site X (machine translation)" -> "Site X")."""
    if name.endswith(")") and " (" in name:
        return name[: name.rindex(" (")]
    return name


# A run of Latin words inside Arabic text, or of Arabic words inside English text. Inner
# spaces and light punctuation stay in the run; an entity (&amp;) is never split or swallowed.
_LATIN_RUN = r"[A-Za-z][A-Za-z0-9]*(?:[ .,'’/-]+[A-Za-z0-9]+)*"
_ARABIC_RUN = r"[\u0600-\u06ff\u0750-\u077f][\u0600-\u06ff\u0750-\u077f\u064b-\u065f]*(?:[ ،؛]+[\u0600-\u06ff\u0750-\u077f]+)*"
_RUNS = {
    "ar": re.compile(rf"(&#?\w+;)|({_LATIN_RUN})"),
    "en": re.compile(rf"(&#?\w+;)|({_ARABIC_RUN})"),
}
_TAG = re.compile(r"(<[^>]+>)")


def isolate_foreign_runs(html: Markup, lang: str) -> Markup:
    """Wrap runs of the other script in <bdi> so that the Unicode bidi algorithm cannot
    reorder the punctuation and numbers around them (a Latin name in Arabic prose, an
    Arabic word quoted in English). Text inside <code> and existing <bdi> is left alone."""
    pattern = _RUNS[lang]
    other = "en" if lang == "ar" else "ar"
    out: list[str] = []
    skip = 0
    for part in _TAG.split(str(html)):
        if part.startswith("<"):
            name = part[1:].split(None, 1)[0].rstrip(">/").lower() if len(part) > 2 else ""
            if name in ("code", "bdi"):
                skip += 1
            elif name in ("/code", "/bdi"):
                skip = max(skip - 1, 0)
            out.append(part)
        elif skip or not part:
            out.append(part)
        else:
            out.append(pattern.sub(lambda m: m.group(1) or f'<bdi lang="{other}">{m.group(2)}</bdi>', part))
    return Markup("".join(out))


def heading_text(text: str) -> Markup:
    """Text safe to place after '## ' in generated Markdown: <, > and & escaped, Markdown's
    specials backslash-escaped. Quotes stay as they are: Python-Markdown's table of contents
    would escape an entity such as &#39; a second time and show it to readers."""
    escaped = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Markup(_MARKDOWN_SPECIALS.sub(r"\\\1", escaped))


@lru_cache(maxsize=65536)
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
    """Where each excerpt is in the raw text (briefing.excerpts: whitespace runs may differ)."""
    article = ArticleText(text)
    spans: list[_Span] = []
    for excerpt in dict.fromkeys(excerpts):
        found = article.find(excerpt)
        if found is not None:
            spans.append(_Span(found[0], found[1], excerpt_anchor(excerpt)))
    return sorted(spans, key=lambda span: (span.start, -span.end))


# What scraping leaves in a raw text that is no part of the article: a CMS's placeholders
# ([ad_1], [td_block_2], WordPress's [caption ...] and [/caption]), a Markdown heading's
# marks at a line's start (## Title), and HTML entities left as text (&nbsp;).
_LEFTOVER = re.compile(
    r"\[/?[a-z]+(?:_[a-z0-9]+)+\]"
    r"|\[/?(?:caption|embed|gallery|video|audio|playlist)(?:\s[^\]\n]*)?\]"
    r"|(?:^|(?<=\n))[ \t]*(#{1,6})(?=[ \t])"
    r"|&(?:[a-z]+|#[0-9]+|#x[0-9a-f]+);",
    re.IGNORECASE,
)
_LEFTOVER_MARKUP = re.compile(r'<span class="brf-leftover"><bdi>(.*?)</bdi></span>')


def _escaped_with_leftovers(text: str, start: int, end: int, leftovers: list[tuple[int, int]]) -> str:
    """text[start:end] escaped, each scraping leftover in it wrapped (see label_leftovers)."""
    pieces, position = [], start
    for left, right in leftovers:
        if left >= start and right <= end:
            pieces.append(str(escape(text[position:left])))
            pieces.append(f'<span class="brf-leftover"><bdi>{escape(text[left:right])}</bdi></span>')
            position = right
    pieces.append(str(escape(text[position:end])))
    return "".join(pieces)


def label_leftovers(paragraph: Markup, label: str, lang: str = "") -> Markup:
    """A raw paragraph with each scraping leftover followed by `label` (in `lang`, when
    that is not the article's language): the raw text itself is left as it is."""
    if "brf-leftover" not in paragraph:
        return paragraph
    attributes = f' lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}"' if lang else ""
    tag = f'<span class="brf-leftover__label"{attributes}>{escape(label)}</span>'
    return Markup(_LEFTOVER_MARKUP.sub(lambda m: f'<span class="brf-leftover"><bdi>{m.group(1)}</bdi>{tag}</span>', paragraph))


def raw_paragraphs(text: str, excerpts: list[str]) -> list[Markup]:
    """The raw article as escaped paragraphs (one per non-blank line), cited passages marked.

    Each excerpt gets an empty anchor element at its start, so links land there even when
    two excerpts overlap; the marked ranges are split wherever an anchor or a line falls.
    Scraping leftovers are wrapped, to be dimmed and labelled (label_leftovers).
    """
    spans = _find_spans(text, excerpts)
    leftovers = [m.span(m.lastindex or 0) for m in _LEFTOVER.finditer(text)]
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
        for left, right in leftovers:  # a leftover is never split, so that it can be wrapped
            if start <= left < end:
                cuts.difference_update(range(left + 1, right))
        points = sorted(cuts)
        pieces: list[str] = []
        for left, right in pairwise(points):
            pieces.extend(f'<span class="brf-anchor" id="{s.anchor}"></span>' for s in touching if s.start == left)
            chunk = _escaped_with_leftovers(text, left, right, leftovers) if leftovers else str(escape(text[left:right]))
            covered = any(s.start <= left and s.end >= right for s in touching)
            pieces.append(f"<mark>{chunk}</mark>" if covered else chunk)
        paragraphs.append(Markup("".join(pieces)))
    return paragraphs
