"""Speed room: Python's cycle collector kept away from objects that are many and make no
cycles (generation's records and pages, a search index's words), where its passes over
them find nothing. The L benchmark shows what each pays (bench/README.md)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The collector off for the block, and back on after it if it was on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def generation_paused() -> Iterator[None]:
    """The collector off while generation runs, and what a successful generation made frozen
    out of its reach, so that it does not walk it again when it is back on for MkDocs (whose
    pages make cycles). The next generation unfreezes it first, so nothing stays out of reach."""
    gc.unfreeze()
    with paused():
        yield
        gc.freeze()
