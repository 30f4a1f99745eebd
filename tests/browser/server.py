"""The built site served over HTTP on 127.0.0.1, as a static host would serve it.

The server itself is bench/serve_gzip.py (the Lighthouse command uses it too): MIME types
and Cache-Control as a host sends them, and with `gzip=True` text sent gzipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.serve_gzip import serve_folder as _serve


@contextmanager
def serve_folder(folder: Path, *, gzip: bool = False) -> Iterator[str]:
    """Serve `folder` on a free port in a background thread; yields the base URL ending in /.
    `gzip=True` sends text gzipped to a browser that accepts it (what the page weight tests
    measure); without it every file goes as it is on disk."""
    with _serve(folder, gzip=gzip) as url:
        yield url
