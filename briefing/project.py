"""A project's folders, the build date, and what one generation made: the nouns that the
pipeline, the preview and the engine share."""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from briefing.model import Corpus
from briefing.write import WriteReport

CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True)
class Project:
    """Where a project's parts live; everything is relative to the folder of mkdocs.yml."""

    root: Path

    @property
    def config_file(self) -> Path:
        return self.root / CONFIG_FILE

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def scratch_dir(self) -> Path:
        """A build's temporary folders, all of them (git-ignored; `make clean` empties it)."""
        return self.root / "build" / "tmp"

    @property
    def pages_dir(self) -> Path:
        """The generated Markdown, a folder per language (git-ignored): what the engine builds."""
        return self.root / "build" / "pages"


def today() -> dt.date:
    """The build date; BRIEFING_TODAY (YYYY-MM-DD) fixes it for reproducible output."""
    fixed = os.environ.get("BRIEFING_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


class Exports:
    """A generation's exports (briefing.exports: the JSON data and each language's feeds)
    by path under the built site, e.g. 'data/events.json'. Rendered when first asked for,
    and once: a preview asks only after the browser has reloaded (briefing.engine.background),
    a build as soon as its pages are built."""

    def __init__(self, render: Callable[[], dict[str, bytes]]) -> None:
        self._render: Callable[[], dict[str, bytes]] | None = render
        self._files: dict[str, bytes] | None = None
        self._lock = threading.Lock()  # the preview renders them on a thread of its own

    @classmethod
    def ready(cls, files: dict[str, bytes]) -> Exports:
        exports = cls(lambda: files)
        exports.files()
        return exports

    def files(self) -> dict[str, bytes]:
        with self._lock:
            if self._files is None:
                assert self._render is not None
                self._files, self._render = self._render(), None  # the renderer holds a whole corpus
            return self._files


@dataclass(frozen=True)
class Generation:
    """What generating the Markdown for one state of the content made."""

    corpus: Corpus
    pages: tuple[str, ...]
    """Every generated page's path under the docs folder, e.g. 'ar/actors/x/index.md'.
    Their text is on disk only: the engine reads it from there."""
    data: Exports
    report: WriteReport
    rendered: int
    """How many pages this pass rendered (the others were unchanged since the last pass)."""
