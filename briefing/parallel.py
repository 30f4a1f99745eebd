"""Rendering and writing the pages on two cores.

A full generation renders every page of both languages, and no page depends on another:
a forked process renders and writes half of the pages about particular records (every
other chronology, actor and source page, in both languages) while this one does the
other half, the index pages and the exports. Split by record rather than by language so
that what both languages of a page share (a source's marked-up raw text) is worked out
once. Forking shares the validated corpus for free; the worker sends back the names of
its pages and of those it wrote, and the pages' text only when the caller keeps it (a
long-running preview does). Only where forking is safe: a process with one thread
(`mkdocs serve` runs a server thread; it renders few pages per edit anyway).
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import threading
from pathlib import Path

from briefing.dependencies import subject_pages
from briefing.model import Corpus
from briefing.publish import WriteReport, remove_stale, write_pages
from briefing.render import RenderedSite, render_site

SERIAL_VARIABLE = "BRIEFING_SERIAL"
"""Set to 1 to do everything in one process (to compare, or to debug)."""


def can_fork() -> bool:
    """Fork only with a second core, one thread, and parallel work not switched off."""
    if os.environ.get(SERIAL_VARIABLE, "") not in ("", "0"):
        return False
    return hasattr(os, "fork") and threading.active_count() == 1 and (os.cpu_count() or 1) > 1


def _shares(corpus: Corpus) -> tuple[set[str], set[str]]:
    """The record pages (URLs without language) of the worker and of this process: every
    other one of each kind, so that both get the same mix of page kinds."""
    urls = sorted(set(subject_pages(corpus).values()))
    return set(urls[0::2]), set(urls[1::2])


def _worker(
    corpus: Corpus, templates_dir: Path, today: dt.date, docs_dir: Path, share: set[str], pipe: int, keep_pages: bool
) -> None:
    """In the forked process: render and write its share, report, and leave."""
    try:
        site = render_site(corpus, templates_dir, today, only=share, exports=False, indexes=False)
        written = write_pages(docs_dir, site.pages)
        pages = site.pages if keep_pages else dict.fromkeys(site.pages, "")
        outcome: tuple[object, ...] = ("done", pages, written)
    except BaseException as error:  # every failure goes back to the parent, which reports it
        try:
            pickle.dumps(error)
            outcome = ("failed", error)
        except Exception:
            outcome = ("failed", RuntimeError(f"{type(error).__name__}: {error}"))
    with os.fdopen(pipe, "wb") as out:
        pickle.dump(outcome, out, protocol=pickle.HIGHEST_PROTOCOL)


def render_and_write(
    corpus: Corpus, templates_dir: Path, today: dt.date, docs_dir: Path, keep_pages: bool = True
) -> tuple[RenderedSite, WriteReport]:
    """Every page and export, rendered and written in two processes. Without `keep_pages`,
    the site returned names the pages but holds no text for them (sending half of the pages
    back cost a twentieth of a large generation, for a build that drops them)."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    worker_share, here_share = _shares(corpus)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker
        code = 0
        try:
            os.close(read_end)
            _worker(corpus, templates_dir, today, docs_dir, worker_share, write_end, keep_pages)
        except BaseException:
            code = 1
        finally:
            os._exit(code)  # never run the parent's code, its exit handlers or its cleanup
    os.close(write_end)
    try:
        site = render_site(corpus, templates_dir, today, only=here_share)
        written = write_pages(docs_dir, site.pages)
    finally:
        # Read the worker's answer even when this side failed, so that it can exit.
        with os.fdopen(read_end, "rb") as answer:
            data = answer.read()
        os.waitpid(pid, 0)
    if not data:
        raise RuntimeError("the process rendering half of the pages stopped without an answer")
    outcome = pickle.loads(data)
    if outcome[0] == "failed":
        raise outcome[1]
    _, worker_pages, worker_written = outcome
    pages = {**worker_pages, **(site.pages if keep_pages else dict.fromkeys(site.pages, ""))}
    removed = remove_stale(docs_dir, pages)
    written = sorted(written + worker_written)
    return RenderedSite(pages, site.data), WriteReport(tuple(written), tuple(removed), len(pages) - len(written))
