"""Finding an excerpt in an article: the one rule the checks and the highlighting share.

An excerpt is found where the article holds it verbatim, except that any run of
whitespace matches any other run (a line break in the article may be a space in the
YAML). The checks report an excerpt that is not found; the source pages mark the span
where it is.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property, lru_cache

WHITESPACE_RE = re.compile(r"\s+")
_SPACE_OR_TEXT_RUNS = re.compile(r"\s+|\S+")


@lru_cache(maxsize=1 << 16)
def normalise_whitespace(text: str) -> str:
    """The only normalisation allowed when matching excerpts: whitespace runs become one
    space, none at either end. Cached: a preview checks every excerpt again on each rebuild."""
    return WHITESPACE_RE.sub(" ", text).strip()


def whitespace_map(text: str) -> tuple[list[int], list[int]]:
    """Where each run (of whitespace, or of the rest) of `normalise_whitespace(text)` starts:
    in that text, and in `text`. A run at a time, not a character at a time: the map is
    made for every source page of a large dossier."""
    collapsed_starts: list[int] = []
    original_starts: list[int] = []
    length = 0
    for run in _SPACE_OR_TEXT_RUNS.finditer(text):
        if run.group()[0].isspace():
            if not collapsed_starts:
                continue  # leading whitespace is dropped
            collapsed_starts.append(length)
            length += 1
        else:
            collapsed_starts.append(length)
            length += run.end() - run.start()
        original_starts.append(run.start())
    return collapsed_starts, original_starts


class ArticleText:
    """An article's raw text, ready to find excerpts in."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.searchable = normalise_whitespace(text)

    @cached_property
    def _map(self) -> tuple[list[int], list[int]]:
        return whitespace_map(self.text)

    def _original(self, index: int) -> int:
        collapsed_starts, original_starts = self._map
        run = bisect_right(collapsed_starts, index) - 1
        return original_starts[run] + (index - collapsed_starts[run])

    def find(self, excerpt: str) -> tuple[int, int] | None:
        """The span (start, end) of the first place the excerpt is in the text, or None."""
        needle = normalise_whitespace(excerpt)
        found = self.searchable.find(needle) if needle else -1
        if found < 0:
            return None
        return self._original(found), self._original(found + len(needle) - 1) + 1

    def contains(self, excerpt: str) -> bool:
        """Whether `find` would find the (non-empty) excerpt; without mapping it back."""
        needle = normalise_whitespace(excerpt)
        return bool(needle) and needle in self.searchable

    def divergence(self, excerpt: str) -> str:
        """Where a copy that is not found stops matching, for the editor: the longest start
        of the excerpt that is still found, when there is one worth telling (10 characters)."""
        needle = normalise_whitespace(excerpt)
        low, high = 0, len(needle)
        while low < high:
            middle = (low + high + 1) // 2
            if needle[:middle] in self.searchable:
                low = middle
            else:
                high = middle - 1
        if low < 10:
            return ""
        return f"the first {low} characters match, then {needle[low:low + 20]!r} differs"
