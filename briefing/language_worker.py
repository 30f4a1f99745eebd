"""MkDocs builds the second language in a forked process, at the same time as the first.

mkdocs-static-i18n builds the languages one after the other: it builds the default one,
then from its `on_post_build` runs MkDocs' build again for each other language. On two
cores that leaves one idle for the whole of a build. Under `mkdocs build` (not `serve`,
which runs server threads and builds few pages per edit), the hook forks at the start of
the build: the worker builds the other language, exactly as the plugin's nested build
would, into a folder of its own beside the site; this process builds the default one.
When this side is done, it waits for the worker, moves the worker's language folder and
404 page into the site, adds the worker's search entries to the index, and tells the
plugin that the language is built. Any failure of the worker fails the build.
"""

from __future__ import annotations

import gzip
import logging
import os
import pickle
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs import utils as mkdocs_utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from briefing import parallel

@dataclass
class Worker:
    """This process's handle on the worker, or (in the worker) its own state."""

    language: str
    folder: Path
    """Where the worker builds: its language's pages under `<language>/`."""
    pipe: int
    pid: int = 0
    """0 in the worker itself."""


_worker: Worker | None = None
_clean_directory = mkdocs_utils.clean_directory


def search_plugin(config: MkDocsConfig) -> Any:
    """Material's search plugin (or MkDocs' own), whichever the configuration names."""
    return config.plugins.get("material/search") or config.plugins.get("search")


def in_worker() -> bool:
    return _worker is not None and _worker.pid == 0


def start(config: MkDocsConfig, command: str, dirty: bool) -> None:
    """At the outer build's on_config, before the i18n plugin's: fork when it is safe and
    there is exactly one other language."""
    global _worker
    i18n = config.plugins.get("i18n")
    if i18n is None or command != "build" or dirty or not parallel.can_fork():
        return
    others = [locale for locale in i18n.build_languages if locale != i18n.default_language]
    if len(others) != 1:
        return
    site = Path(config.site_dir)
    # Clean the site now, once: from here on neither build may, the other is writing.
    mkdocs_utils.clean_directory(str(site))
    site.mkdir(parents=True, exist_ok=True)
    mkdocs_utils.clean_directory = lambda directory: None
    folder = Path(tempfile.mkdtemp(prefix=f".{site.name}.{others[0]}-", dir=site.parent))
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        _worker = Worker(others[0], folder, write_end)
        # Become the plugin's nested build of the other language.
        i18n.current_language = others[0]
        i18n.building = True
        config.site_dir = str(folder)
        return
    os.close(write_end)
    _worker = Worker(others[0], folder, read_end, pid)


def _answer(outcome: tuple[Any, ...]) -> None:
    """In the worker: send the outcome and leave without running anything of the parent's."""
    assert _worker is not None
    try:
        with os.fdopen(_worker.pipe, "wb") as out:
            pickle.dump(outcome, out, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        logging.shutdown()
        os._exit(0 if outcome[0] == "done" else 1)


def finish_in_worker(config: MkDocsConfig) -> None:
    """The worker's on_post_build: its pages are written; send the search entries and the
    number of warnings (MkDocs checks strict mode after this event, which the worker never
    reaches)."""
    counts = [handler for handler in logging.getLogger("mkdocs").handlers if isinstance(handler, mkdocs_utils.CountHandler)]
    warnings = sum(count for handler in counts for _, count in handler.get_counts())
    search = search_plugin(config)
    entries = list(getattr(getattr(search, "search_index", None), "entries", []))
    sitemap = Path(config.site_dir) / "sitemap.xml"
    _answer(("done", entries, warnings, sitemap.read_text(encoding="utf-8") if sitemap.is_file() else ""))


def fail_in_worker(error: BaseException) -> None:
    _answer(("failed", f"{type(error).__name__}: {error}"))


def abandon() -> None:
    """This side failed: stop the worker and drop its folder."""
    global _worker
    worker, _worker = _worker, None
    if worker is None or worker.pid == 0:
        return
    mkdocs_utils.clean_directory = _clean_directory
    try:
        os.kill(worker.pid, 9)
        os.waitpid(worker.pid, 0)
    except OSError:
        pass
    os.close(worker.pipe)
    shutil.rmtree(worker.folder, ignore_errors=True)


def finish_here(config: MkDocsConfig, fix_page: Any) -> None:
    """This process's on_post_build, before the i18n plugin's: take in the worker's build."""
    global _worker
    worker, _worker = _worker, None
    if worker is None:
        return
    mkdocs_utils.clean_directory = _clean_directory
    with os.fdopen(worker.pipe, "rb") as answer:
        data = answer.read()
    os.waitpid(worker.pid, 0)
    try:
        if not data:
            raise Abort(f"the build of the '{worker.language}' pages stopped without an answer")
        outcome = pickle.loads(data)
        if outcome[0] == "failed":
            raise Abort(f"the build of the '{worker.language}' pages failed: {outcome[1]}")
        _, entries, warnings, sitemap = outcome
        if config.strict and warnings:
            raise Abort(f"Aborted with {warnings} warnings in strict mode (the '{worker.language}' pages)")
        site = Path(config.site_dir)
        _move_into(worker.folder / worker.language, site / worker.language)
        not_found = worker.folder / "404.html"
        if not_found.is_file():
            (site / worker.language / "404.html").write_text(fix_page(not_found.read_text(encoding="utf-8")), encoding="utf-8")
        if sitemap:
            _add_to_sitemap(site, sitemap)
        search = search_plugin(config)
        if search is not None:
            search.search_index.entries.extend(entries)
        # The language is built: the plugin must not build it again.
        i18n = config.plugins.get("i18n")
        for language in i18n.config.languages:
            if language.locale == worker.language:
                language.build = False
    finally:
        shutil.rmtree(worker.folder, ignore_errors=True)


def _add_to_sitemap(site: Path, other: str) -> None:
    """Each build's sitemap lists its own language's pages (with their alternates in the
    other): append the worker's entries, as the plugin's nested build would have listed
    them after this build's, and gzip it again with the timestamp MkDocs gave it."""
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file() or "<url>" not in other:
        return
    mine = sitemap.read_text(encoding="utf-8")
    theirs = other[other.index("<url>"):other.rindex("</url>") + len("</url>")]
    close = mine.rindex("</urlset>")
    joined = mine[:close].rstrip() + "\n    " + theirs + "\n" + mine[close:]
    sitemap.write_text(joined, encoding="utf-8")
    compressed = site / "sitemap.xml.gz"
    timestamp = int.from_bytes(compressed.read_bytes()[4:8], "little") if compressed.is_file() else 0
    with compressed.open("wb") as raw, gzip.GzipFile(fileobj=raw, filename=str(compressed), mode="wb", mtime=timestamp) as out:
        out.write(joined.encode("utf-8"))


def _move_into(source: Path, target: Path) -> None:
    """Move a folder's content into another that may already hold some files."""
    if not target.exists():
        source.rename(target)
        return
    for child in source.iterdir():
        destination = target / child.name
        if child.is_dir() and destination.is_dir():
            _move_into(child, destination)
        else:
            os.replace(child, destination)
