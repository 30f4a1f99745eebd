"""Work on two cores: a function run in a forked process, and rendering split in two.

Forking shares what this process built (the validated corpus, the generation) for free,
where a new process would load and validate everything again. Only where forking is safe:
a process with one thread (`mkdocs serve` runs a server thread; it renders few pages per
edit anyway).

A full generation renders every page of both languages, and no page depends on another:
a forked process renders and writes half of the pages about particular records (every
other chronology, actor and source page, in both languages) while this one does the
other half, the index pages and the exports. Split by record rather than by language so
that what both languages of a page share (a source's marked-up raw text) is worked out
once. The worker sends back the names of its pages and of those it wrote.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from briefing.exports import render_exports
from briefing.model import Corpus
from briefing.pages import render_pages
from briefing.urls import UrlScheme
from briefing.write import WriteReport, remove_stale, write_pages

SERIAL_VARIABLE = "BRIEFING_SERIAL"
"""Set to 1 to do everything in one process (to compare, or to debug)."""

T = TypeVar("T")


def can_fork() -> bool:
    """Fork only with a second core, one thread, and parallel work not switched off."""
    if os.environ.get(SERIAL_VARIABLE, "") not in ("", "0"):
        return False
    return hasattr(os, "fork") and threading.active_count() == 1 and (os.cpu_count() or 1) > 1


class WorkerFailed(RuntimeError):
    """A forked process stopped without sending its result."""


@dataclass
class Forked(Generic[T]):
    """A function running in a forked process."""

    pid: int
    pipe: int
    """The read end of the pipe the child sends its outcome through."""
    what: str
    """What the child does, for messages."""

    def result(self) -> T:
        """Wait for the child; its return value, or its exception raised here."""
        with os.fdopen(self.pipe, "rb") as answer:
            data = answer.read()
        os.waitpid(self.pid, 0)
        if not data:
            raise WorkerFailed(f"the process that {self.what} stopped without an answer")
        failed, value = pickle.loads(data)
        if failed:
            raise value
        return value  # type: ignore[no-any-return]


def fork_call(function: Callable[[], T], what: str) -> Forked[T]:
    """Start `function` in a forked process; call `.result()` on the handle to wait for it.
    The child never returns into this process's code: it sends its outcome and exits."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write_end)
        return Forked(pid, read_end, what)
    code = 0
    try:
        os.close(read_end)
        try:
            outcome: tuple[bool, object] = (False, function())
        except BaseException as error:  # every failure goes back to the parent, which reports it
            code = 1
            try:
                pickle.dumps(error)
                outcome = (True, error)
            except Exception:
                outcome = (True, RuntimeError(f"{type(error).__name__}: {error}"))
        with os.fdopen(write_end, "wb") as out:
            pickle.dump(outcome, out, protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:
        code = 1
    finally:
        os._exit(code)  # never run the parent's code, its exit handlers or its cleanup


def _shares(corpus: Corpus) -> tuple[set[str], set[str]]:
    """The pages (URLs without language) of the worker and of this process: the worker
    takes every other record page of each kind, so that both get the same mix of page
    kinds; this process the others and the index pages."""
    urls = UrlScheme.of(corpus)
    records = sorted(set(urls.record_pages(corpus).values()))
    worker = set(records[0::2])
    return worker, set(urls.pages(corpus)) - worker


def render_and_write(
    corpus: Corpus, templates_dir: Path, today: dt.date, docs_dir: Path
) -> tuple[list[str], dict[str, bytes], WriteReport]:
    """Every page and export, rendered in two processes, the pages written: the pages'
    paths, the exports by path, and what was written. Only names come back from the
    worker: the engine reads the pages from the disk."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    worker_share, here_share = _shares(corpus)

    def worker() -> tuple[list[str], list[str]]:
        pages = render_pages(corpus, templates_dir, today, worker_share)
        return list(pages), write_pages(docs_dir, pages)

    forked = fork_call(worker, "renders half of the pages")
    try:
        here = render_pages(corpus, templates_dir, today, here_share)
        written = write_pages(docs_dir, here)
        data = render_exports(corpus, templates_dir, today)
    finally:
        # Wait for the worker even when this side failed, so that it can exit.
        worker_pages, worker_written = forked.result()
    pages = sorted([*worker_pages, *here])
    removed = remove_stale(docs_dir, set(pages))
    written = sorted(written + worker_written)
    return pages, data, WriteReport(tuple(written), tuple(removed), len(pages) - len(written))
