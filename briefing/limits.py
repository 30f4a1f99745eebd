"""The content's limits, each far above what a dossier needs and low enough that a file
pasted by mistake, or made to hurt, fails at once with a clear message instead of keeping
a build busy for minutes (EDITING.md lists them)."""

from __future__ import annotations

MAX_FILE_BYTES = 8_000_000
"""A content file (YAML or raw article). The largest events file of the synthetic L dossier,
a thousand events, is 1.4 MB."""

MAX_TEXT_CHARS = 20_000
"""One text in one language, an excerpt or a name (the bundled dossier's longest is 1,118)."""

MAX_LIST_ITEMS = 100
"""One list of a record: an event's actors or sources, an article's quotes, a dossier's
questions... (an events or actors file's own list of records has no limit)."""

MAX_ERRORS_SHOWN = 50
"""Errors printed in full; the rest are counted (the first ones are usually the causes)."""


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
