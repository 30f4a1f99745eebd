"""A project's folders, the build date, and what one generation made: the nouns that the
pipeline, the preview and the engine share."""

from __future__ import annotations

import datetime as dt
import os
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
    def pages_dir(self) -> Path:
        """The generated Markdown, a folder per language (git-ignored): what the engine builds."""
        return self.root / "build" / "pages"


def today() -> dt.date:
    """The build date; BRIEFING_TODAY (YYYY-MM-DD) fixes it for reproducible output."""
    fixed = os.environ.get("BRIEFING_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


@dataclass(frozen=True)
class Generation:
    """What generating the Markdown for one state of the content made."""

    corpus: Corpus
    pages: tuple[str, ...]
    """Every generated page's path under the docs folder, e.g. 'ar/actors/x/index.md'.
    Their text is on disk only: the engine reads it from there."""
    data: dict[str, bytes]
    """Export bytes by path under the built site, e.g. 'data/events.json'."""
    report: WriteReport
    rendered: int
    """How many pages this pass rendered (the others were unchanged since the last pass)."""
