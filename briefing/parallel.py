"""Rendering and writing the two languages at once, on two cores.

A full generation renders every page of both languages, and the pages of one language do
not depend on those of the other: a forked process renders and writes the Arabic pages
while this one does the English pages and the exports. Forking shares the validated
corpus for free, and the worker sends back only what it wrote (and its pages, so that
the generation is complete). Only where forking is safe: a process with one thread
(`mkdocs serve` runs a server thread; it renders few pages per edit anyway).
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import threading
from pathlib import Path

from briefing.model import Corpus
from briefing.publish import WriteReport, remove_stale, write_pages
from briefing.render import RenderedSite, render_site

WORKER_LANGUAGE = "ar"
HERE_LANGUAGE = "en"


SERIAL_VARIABLE = "BRIEFING_SERIAL"
"""Set to 1 to do everything in one process (to compare, or to debug)."""


def can_fork() -> bool:
    """Fork only with a second core, one thread, and parallel work not switched off."""
    if os.environ.get(SERIAL_VARIABLE, "") not in ("", "0"):
        return False
    return hasattr(os, "fork") and threading.active_count() == 1 and (os.cpu_count() or 1) > 1


def _worker(corpus: Corpus, templates_dir: Path, today: dt.date, docs_dir: Path, pipe: int) -> None:
    """In the forked process: render and write one language, report, and leave."""
    try:
        site = render_site(corpus, templates_dir, today, languages=(WORKER_LANGUAGE,), exports=False)
        outcome: tuple[object, ...] = ("done", site.pages, write_pages(docs_dir, site.pages))
    except BaseException as error:  # every failure goes back to the parent, which reports it
        try:
            pickle.dumps(error)
            outcome = ("failed", error)
        except Exception:
            outcome = ("failed", RuntimeError(f"{type(error).__name__}: {error}"))
    with os.fdopen(pipe, "wb") as out:
        pickle.dump(outcome, out, protocol=pickle.HIGHEST_PROTOCOL)


def render_and_write(corpus: Corpus, templates_dir: Path, today: dt.date, docs_dir: Path) -> tuple[RenderedSite, WriteReport]:
    """Every page and export, the languages rendered and written in two processes."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker
        code = 0
        try:
            os.close(read_end)
            _worker(corpus, templates_dir, today, docs_dir, write_end)
        except BaseException:
            code = 1
        finally:
            os._exit(code)  # never run the parent's code, its exit handlers or its cleanup
    os.close(write_end)
    try:
        site = render_site(corpus, templates_dir, today, languages=(HERE_LANGUAGE,))
        written = write_pages(docs_dir, site.pages)
    finally:
        # Read the worker's answer even when this side failed, so that it can exit.
        with os.fdopen(read_end, "rb") as answer:
            data = answer.read()
        os.waitpid(pid, 0)
    if not data:
        raise RuntimeError("the process rendering the Arabic pages stopped without an answer")
    outcome = pickle.loads(data)
    if outcome[0] == "failed":
        raise outcome[1]
    _, worker_pages, worker_written = outcome
    pages = {**worker_pages, **site.pages}
    removed = remove_stale(docs_dir, pages)
    written = sorted(written + worker_written)
    return RenderedSite(pages, site.data), WriteReport(tuple(written), tuple(removed), len(pages) - len(written))
