"""The preview's exports, sitemaps and search indexes, written in the background.

Indexing a language takes as long as building its pages on a large dossier, and the
exports (JSON data and feeds) and the sitemap cover the whole dossier whatever an edit
touched; under `mkdocs serve` the browser reloads as soon as the pages are written, and
each language's other files follow a moment later from a thread of their own. A newer rebuild's job
supersedes one that has not started yet, and one that a rebuild's cleaning of the site
interrupted is simply done again by the next.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

# Outside the "mkdocs" loggers: MkDocs counts their warnings against the build under way.
log = logging.getLogger("briefing.preview")

Job = Callable[[], object]


class BackgroundWriter:
    """One thread that runs the newest job for each folder, oldest folder first."""

    def __init__(self) -> None:
        self._jobs: dict[Path, Job] = {}
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self._running = 0

    def submit(self, folder: Path, job: Job) -> None:
        with self._wake:
            self._jobs.pop(folder, None)  # a job not yet started for the same folder is stale
            self._jobs[folder] = job
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="after-reload", daemon=True)
                self._thread.start()
            self._wake.notify()

    def wait(self, timeout: float | None = None) -> bool:
        """Until every submitted job is done (for tests and benchmarks): whether they are."""
        with self._wake:
            return self._wake.wait_for(lambda: not self._jobs and not self._running, timeout)

    def _run(self) -> None:
        while True:
            with self._wake:
                self._wake.wait_for(lambda: bool(self._jobs))
                folder = next(iter(self._jobs))
                job = self._jobs.pop(folder)
                self._running += 1
            try:
                job()
            except Exception as error:  # a rebuild emptied the site meanwhile: its own job follows
                log.warning("%s: exports or search index not written: %s: %s", folder, type(error).__name__, error)
            finally:
                with self._wake:
                    self._running -= 1
                    self._wake.notify_all()
