"""Reading built HTML as a browser would: language, direction, links, ids and requests."""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit


@dataclass
class PageFacts:
    """What one built page declares and links to."""

    html_attrs: dict[str, str] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    """(tag, url, attributes) for every href and src."""
    headings: list[tuple[str, str]] = field(default_factory=list)
    """(tag, id) of h1-h4."""
    title: str = ""
    """The text of <title>, as a browser's tab shows it."""


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self.in_title = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.facts.title += data

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.facts.html_attrs = values
        self.in_title = tag == "title"
        if "id" in values:
            self.facts.ids.add(values["id"])
        if tag in ("h1", "h2", "h3", "h4") and "id" in values:
            self.facts.headings.append((tag, values["id"]))
        for attribute in ("href", "src"):
            if attribute in values:
                self.facts.links.append((tag, values[attribute], values))


def read_page(path: Path) -> PageFacts:
    """The page's facts, parsed once while the file stays the same: several tests read
    every page of the same large built site. Treat them as read-only."""
    stat = path.stat()
    return _read_page(path, stat.st_mtime_ns, stat.st_size)


@cache
def _read_page(path: Path, mtime_ns: int, size: int) -> PageFacts:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector.facts


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def resolve(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    """The file and fragment a relative link leads to, or None for an external link."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page, unquote(parts.fragment)
    base = "/" + page.parent.relative_to(site).as_posix()
    target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    path = site / target.lstrip("/")
    if parts.path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, unquote(parts.fragment)


def is_third_party(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.netloc) and parts.hostname not in ("127.0.0.1", "localhost")


class _JsonLd(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.active, self.blocks = False, []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.active = tag == "script" and ("type", "application/ld+json") in attrs

    def handle_data(self, data: str) -> None:
        if self.active:
            self.blocks.append(json.loads(data))

    def handle_endtag(self, tag: str) -> None:
        self.active = False


def linked_data(page: Path) -> list[dict[str, Any]]:
    """Every JSON-LD block of a built page, parsed."""
    parser = _JsonLd()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.blocks
