"""Raw HTML blocks set aside while MkDocs converts a generated page's Markdown.

Generated pages are mostly raw HTML blocks (`<div class="brf-event">...</div>`) between
Markdown headings. Python-Markdown passes such blocks through unchanged, but finds them
with an HTML parser, and MkDocs parses the whole page once more looking for anchors: two
full parses of every page, most of MkDocs' time. `set_aside` finds the same blocks with
one scan of the tags and leaves a placeholder paragraph for each; `put_back` swaps the
blocks in for the placeholders in the converted HTML, so the page comes out as before.

The scan follows Python-Markdown's rule: a block starts with a block-level tag at the
start of a line and ends where that tag is closed. Anything it cannot be sure of (a
comment, a raw-text element, text after the closing tag, an unclosed block) leaves the
page to Python-Markdown as it is.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from markdown.util import BLOCK_LEVEL_ELEMENTS

_BLOCK_LEVEL = frozenset(BLOCK_LEVEL_ELEMENTS) - {"hr"}  # <hr> is an empty block: left as is
# Comments, and scripts or styles with a "<" inside: the tag scan would misread them. (The
# JSON-LD scripts have none: briefing.linked_data escapes it.)
_UNSURE = re.compile(r"<!--|<!\[CDATA\[|<(script|style)\b[^>]*>[^<]*<(?!/\1>)", re.IGNORECASE)
# Python-Markdown keeps one newline after a block that a blank line follows.
_BLANK_LINE_AFTER = re.compile(r"[ ]*\n[ ]*\n")
_BLOCK_START = re.compile(r"^ {0,3}<([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])", re.MULTILINE)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^>]*)?(/?)>")
_PLACEHOLDER = re.compile(r"<p>(brfraw[0-9a-f]{12}n\d+)</p>")


@dataclass(frozen=True)
class SetAside:
    """A page's Markdown with its raw HTML blocks replaced by placeholder paragraphs."""

    skeleton: str
    blocks: dict[str, str]


def _block_end(markdown: str, start: int, tag: str) -> tuple[int, bool] | None:
    """Where the block opened at `start` by `tag` ends (the end of its last line), and
    whether a blank line follows; None if unsure."""
    depth = 0
    for match in _TAG.finditer(markdown, start):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name != tag or self_closing:
            continue
        depth += -1 if closing else 1
        if depth == 0:
            line_end = markdown.find("\n", match.end())
            line_end = len(markdown) if line_end < 0 else line_end
            if markdown[match.end():line_end].strip():
                return None
            return line_end, _BLANK_LINE_AFTER.match(markdown, match.end()) is not None
    return None


def set_aside(markdown: str) -> SetAside | None:
    """The skeleton and its blocks, or None when the page is better left to Python-Markdown."""
    if _UNSURE.search(markdown):
        return None
    # The placeholder depends on the page's own text, so no text on the page can spell it.
    nonce = hashlib.sha256(markdown.encode("utf-8")).hexdigest()[:12]
    pieces: list[str] = []
    blocks: dict[str, str] = {}
    copied = searched = 0
    while (found := _BLOCK_START.search(markdown, searched)) is not None:
        tag = found.group(1).lower()
        if tag not in _BLOCK_LEVEL:
            searched = found.end()
            continue
        ending = _block_end(markdown, found.start(), tag)
        if ending is None:
            return None
        end, blank_after = ending
        token = f"brfraw{nonce}n{len(blocks)}"
        blocks[token] = markdown[found.start():end].lstrip(" ") + ("\n" if blank_after else "")
        pieces.append(f"{markdown[copied:found.start()]}\n\n{token}\n\n")
        copied = searched = end
    pieces.append(markdown[copied:])
    return SetAside("".join(pieces), blocks)


def put_back(html: str, blocks: dict[str, str]) -> str:
    """The converted skeleton with each placeholder paragraph replaced by its block."""
    return _PLACEHOLDER.sub(lambda match: blocks.get(match.group(1), match.group(0)), html)
