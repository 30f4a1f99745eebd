"""Finding an excerpt in an article: the one rule the checks and the highlighting share.

An excerpt is found where the article holds it verbatim, except that any run of
whitespace matches any other run (a line break in the article may be a space in the
YAML). The checks report an excerpt that is not found; the source pages mark the span
where it is.

For an excerpt that is not found, `ArticleText.closest` finds the passage the editor
meant: first under a forgiving comparison (briefing.folding: hamza forms, ى/ي, ة/ه,
diacritics, tatweel, quotation marks, Arabic and Latin punctuation and digits), else the
most similar passage; and says which characters differ. `ArticleText.matches` lists
every passage that a few words match under the same comparison (`build.py find`).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property, lru_cache

from briefing.folding import excerpt_translation

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


SIMILAR_ENOUGH = 0.8
"""How alike (difflib's ratio, 0 to 1) a passage must be to an excerpt to be offered as
the one meant, when no passage matches under the forgiving comparison."""
DIFFERENCES_SHOWN = 3


def folded(text: str) -> tuple[str, list[int]]:
    """`text` under the forgiving comparison, whitespace runs as one space and none at
    either end, and for each of its characters the index in `text` it comes from."""
    table = excerpt_translation()
    chars: list[str] = []
    origins: list[int] = []
    after_space = True  # leading whitespace is dropped
    for index, char in enumerate(text):
        if char.isspace():
            if not after_space:
                chars.append(" ")
                origins.append(index)
                after_space = True
            continue
        replacement = table.get(ord(char), char)
        for piece in replacement:
            chars.append(piece)
            origins.append(index)
        after_space = after_space and not replacement
    if chars and chars[-1] == " ":
        chars.pop()
        origins.pop()
    return "".join(chars), origins


def _shown(chars: str) -> str:
    """Characters as a message shows them: a single one with its Unicode name (a hamza or
    a diacritic is hard to see), several as they are."""
    if len(chars) == 1:
        return f"«{chars}» ({unicodedata.name(chars, f'U+{ord(chars):04X}')})"
    return f"«{chars}»"


@dataclass(frozen=True)
class Difference:
    """Where an excerpt and the passage it was copied from differ."""

    offset: int
    """Index in the excerpt (whitespace runs as one space) of the first character that differs."""
    excerpt: str
    """The excerpt's characters there ('' when the article has characters the excerpt lacks)."""
    article: str
    """The article's characters there ('' when the excerpt has characters the article lacks)."""

    def describe(self) -> str:
        if not self.article:
            return f"{_shown(self.excerpt)} is not in the article"
        if not self.excerpt:
            return f"the article has {_shown(self.article)} here"
        return f"{_shown(self.excerpt)} is {_shown(self.article)} in the article"


@dataclass(frozen=True)
class Passage:
    """A passage of an article, as the editor may paste it."""

    start: int
    end: int
    line: int
    column: int
    """1-based, in the article's raw text."""
    verbatim: str
    """The passage with its whitespace runs as single spaces (the only change an excerpt
    may make): ready to paste."""
    differences: tuple[Difference, ...] = ()
    """How the excerpt it was found for differs from it."""

    def describe_differences(self) -> str:
        shown = [difference.describe() for difference in self.differences[:DIFFERENCES_SHOWN]]
        more = len(self.differences) - DIFFERENCES_SHOWN
        return "; ".join(shown) + (f"; and {more} more difference{'s' if more > 1 else ''}" if more > 0 else "")


def _differences(excerpt: str, passage: str) -> tuple[Difference, ...]:
    """Where the two differ, word by word: in a word that differs by a character or two
    (a hamza, a diacritic, a quotation mark), those characters; otherwise the whole words
    ("«المنصرم» is «الماضي»")."""
    excerpt_words, passage_words = excerpt.split(" "), passage.split(" ")
    starts = [0]
    for word in excerpt_words:
        starts.append(starts[-1] + len(word) + 1)
    found: list[Difference] = []
    for tag, a1, a2, b1, b2 in SequenceMatcher(None, excerpt_words, passage_words, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        pairs = min(a2 - a1, b2 - b1)
        for k in range(pairs):  # word for word, as far as both sides go
            found.extend(_within_word(excerpt_words[a1 + k], passage_words[b1 + k], starts[a1 + k]))
        if a2 - a1 != b2 - b1:  # what one side has more of
            found.append(Difference(starts[a1 + pairs], " ".join(excerpt_words[a1 + pairs:a2]),
                                    " ".join(passage_words[b1 + pairs:b2])))
    return tuple(found)


def _within_word(ours: str, theirs: str, start: int) -> list[Difference]:
    ops = [op for op in SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes() if op[0] != "equal"]
    replaced = all(i2 - i1 == 1 and j2 - j1 == 1 for _, i1, i2, j1, j2 in ops)
    if (len(ops) == 1 and max(ops[0][2] - ops[0][1], ops[0][4] - ops[0][3]) == 1) or (replaced and len(ops) <= 2):
        return [Difference(start + i1, ours[i1:i2], theirs[j1:j2]) for _, i1, i2, j1, j2 in ops]
    return [Difference(start + ops[0][1], ours, theirs)]


def _mapped(runs: tuple[list[int], list[int]], index: int) -> int:
    """Through a whitespace_map: the index in the text of character `index` of its
    normalise_whitespace."""
    collapsed_starts, original_starts = runs
    if not collapsed_starts:
        return 0
    run = bisect_right(collapsed_starts, index) - 1
    return original_starts[run] + (index - collapsed_starts[run])


def original_index(text: str, index: int) -> int:
    """The index in `text` of character `index` of normalise_whitespace(text)."""
    return _mapped(whitespace_map(text), index)


class ArticleText:
    """An article's raw text, ready to find excerpts in."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.searchable = normalise_whitespace(text)

    @cached_property
    def _map(self) -> tuple[list[int], list[int]]:
        return whitespace_map(self.text)

    def _original(self, index: int) -> int:
        return _mapped(self._map, index)

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

    @cached_property
    def _folded(self) -> tuple[str, list[int]]:
        return folded(self.text)

    @cached_property
    def _matcher(self) -> SequenceMatcher[str]:
        # The article is the second sequence: difflib indexes it once for every excerpt.
        matcher: SequenceMatcher[str] = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(self._folded[0])
        return matcher

    def _passage(self, start: int, end: int, excerpt: str | None = None) -> Passage:
        """The passage at folded indexes [start, end), with the marks that folding dropped
        after its last letter, and how `excerpt` differs from it."""
        origins = self._folded[1]
        first, last = origins[start], origins[end - 1] + 1
        while last < len(self.text) and excerpt_translation().get(ord(self.text[last])) == "":
            last += 1  # a diacritic on the last letter belongs to the passage
        line_start = self.text.rfind("\n", 0, first) + 1
        verbatim = normalise_whitespace(self.text[first:last])
        differences = _differences(normalise_whitespace(excerpt), verbatim) if excerpt is not None else ()
        return Passage(first, last, self.text.count("\n", 0, first) + 1, first - line_start + 1, verbatim, differences)

    def matches(self, words: str) -> list[Passage]:
        """Every passage that `words` match under the forgiving comparison, in order."""
        needle, _ = folded(words)
        haystack = self._folded[0]
        found: list[Passage] = []
        at = haystack.find(needle) if needle else -1
        while at >= 0:
            found.append(self._passage(at, at + len(needle)))
            at = haystack.find(needle, at + len(needle))
        return found

    def closest(self, excerpt: str) -> Passage | None:
        """The passage an excerpt that is not in the article verbatim was copied from: the
        first that matches it under the forgiving comparison, else the most similar one
        (at least SIMILAR_ENOUGH); None when no passage comes close."""
        needle, _ = folded(excerpt)
        if not needle:
            return None
        at = self._folded[0].find(needle)
        if at >= 0:
            return self._passage(at, at + len(needle), excerpt)
        span = self._most_similar(needle)
        return self._passage(*span, excerpt) if span else None

    def _most_similar(self, needle: str) -> tuple[int, int] | None:
        """The span of the folded text most like `needle`: around the longest run they
        share, starting and ending at word boundaries, its length within a fifth of the
        needle's."""
        haystack = self._folded[0]
        matcher = self._matcher
        matcher.set_seq1(needle)
        a, b, size = matcher.find_longest_match(0, len(needle), 0, len(haystack))
        if size < 4:
            return None
        slack = max(len(needle) // 5, 3)
        origin = b - a
        starts = _word_starts(haystack, max(origin - slack, 0), max(origin + slack, 0))
        best: tuple[float, int, int] = (0.0, 0, 0)
        for start in starts or [max(origin, 0)]:
            for end in _word_ends(haystack, start + len(needle) - slack, start + len(needle) + slack) or [
                min(start + len(needle), len(haystack))
            ]:
                ratio = SequenceMatcher(None, needle, haystack[start:end], autojunk=False).ratio()
                best = max(best, (ratio, -start, end))
        ratio, start, end = best
        return (-start, end) if ratio >= SIMILAR_ENOUGH else None


def _boundary(text: str, index: int) -> bool:
    """Whether a passage may start or end at `index`: the text's ends, a space, or between
    a letter and punctuation (a copy often leaves out a final full stop)."""
    if index <= 0 or index >= len(text):
        return True
    before, after = text[index - 1], text[index]
    return before == " " or after == " " or before.isalnum() != after.isalnum()


def _word_starts(text: str, low: int, high: int) -> list[int]:
    return [i for i in range(max(low, 0), min(high, len(text) - 1) + 1) if _boundary(text, i) and text[i] != " "]


def _word_ends(text: str, low: int, high: int) -> list[int]:
    return [i for i in range(max(low, 1), min(high, len(text)) + 1) if _boundary(text, i) and text[i - 1] != " "]
