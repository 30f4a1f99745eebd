"""Characters that Arabic readers and editors take for the same one: one table for the
site's search (briefing.search_index, which also hands it to the browser) and for the
excerpt finder's forgiving comparison (briefing.excerpts).

Hamza on a seat becomes the seat (أ إ آ -> ا, ؤ -> و, ئ -> ي), ى -> ي, ة -> ه, diacritics,
tatweel and invisible marks are dropped, Arabic-Indic digits become Latin, accents are
dropped from Latin letters and presentation forms become letters.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType


@lru_cache(maxsize=1)
def letter_folds() -> Mapping[str, str]:
    """Character -> replacement ("" to drop it), for every letter, digit and mark that folds."""
    table: dict[str, str] = {}
    # Diacritics (tashkeel), Quranic annotation marks, superscript alif and tatweel.
    for cp in (*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06DD), *range(0x06DF, 0x06E9),
               *range(0x06EA, 0x06EE), 0x0640):
        table[chr(cp)] = ""
    # Invisible characters that may sit inside a word: soft hyphen, zero-width (non-)joiners
    # and spaces, direction marks and isolates.
    for cp in (0x00AD, 0x061C, *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF):
        table[chr(cp)] = ""
    # Hamza on a seat -> the seat; alif wasla and other alifs -> alif; ى -> ي; ة -> ه; the
    # Persian and Urdu forms of kaf, yeh and heh, which some keyboards type.
    table.update({
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا", "ٵ": "ا",
        "ؤ": "و", "ٶ": "و", "ئ": "ي", "ٸ": "ي", "ى": "ي", "ی": "ي", "ې": "ي", "ێ": "ي",
        "ة": "ه", "ۀ": "ه", "ہ": "ه", "ە": "ه", "ھ": "ه", "ک": "ك", "ڪ": "ك",
    })
    # Arabic-Indic and Extended (Persian) Arabic-Indic digits -> 0-9.
    for offset in range(10):
        table[chr(0x0660 + offset)] = table[chr(0x06F0 + offset)] = str(offset)
    # Combining accents (Latin text decomposed) and accented Latin letters -> base letter.
    for cp in range(0x0300, 0x0370):
        table[chr(cp)] = ""
    for cp in (*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)):
        char = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)).lower()
        if base and base != char.lower():
            table[char] = base
    # Arabic presentation forms (contextual shapes and ligatures such as ﻻ) -> letters.
    for cp in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)):
        char = chr(cp)
        letters = unicodedata.normalize("NFKC", char)
        if letters != char:
            table[char] = "".join(table.get(c, c) for c in letters)
    return MappingProxyType(table)


PUNCTUATION_FOLDS: Mapping[str, str] = MappingProxyType({
    **dict.fromkeys("«»“”„‟″〝〞＂", '"'),
    **dict.fromkeys("‘’‚‛′‹›＇`´", "'"),
    "،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ",", "۔": ".",
    **dict.fromkeys("‐‑‒–—―−", "-"),
    "…": "...",
})
"""Quotation marks of every style, Arabic and Latin punctuation, dashes: what a copy made
by hand or by another tool changes without changing a word (the search drops punctuation
altogether; an excerpt keeps it, compared under these folds)."""


@lru_cache(maxsize=1)
def excerpt_translation() -> dict[int, str]:
    """str.translate table for comparing excerpts forgivingly: letters and punctuation."""
    return {ord(char): value for char, value in {**letter_folds(), **PUNCTUATION_FOLDS}.items()}
