"""A folder served on 127.0.0.1 as a real static host serves it: gzip, MIME types, caching.

`python -m bench.serve_gzip site --port 8123` serves the built site until Ctrl-C. The page
weight tests (tests/test_weight_browser.py) and `python -m bench.lighthouse` use
`serve_folder(folder, gzip=True)`. Python's own `http.server` sends every file as it is on
disk, so a page would weigh three to five times what a reader downloads from any host.

What a host does and this server copies:
- text types (HTML, CSS, JavaScript, JSON, XML, SVG, plain text) are sent gzipped (level 6,
  zlib's default, as nginx and most CDNs are set) when the request accepts gzip, with
  `Content-Encoding: gzip` and `Vary: Accept-Encoding`; fonts and images are sent as they
  are (woff2 and PNG are compressed already);
- every type has its registered MIME type (font/woff2, image/svg+xml, application/json...)
  and text types say they are UTF-8;
- `Cache-Control: max-age=600`, what GitHub Pages sends.
"""

from __future__ import annotations

import argparse
import functools
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from email.utils import formatdate
from gzip import compress as gzip_compress
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO, ClassVar

CACHE_CONTROL = "max-age=600"
GZIP_LEVEL = 6

MIME_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".yaml": "text/yaml; charset=utf-8",
    ".yml": "text/yaml; charset=utf-8",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".ico": "image/x-icon",
    ".wasm": "application/wasm",
}
"""Extensions whose MIME type Python's `mimetypes` lacks or gets from the system's tables."""

COMPRESSIBLE = ("text/", "application/json", "application/manifest+json", "application/xml",
                "application/atom+xml", "image/svg+xml")
"""MIME types (prefixes) sent gzipped: text. Fonts, images and Pagefind's own compressed
index files (application/octet-stream) go as they are."""


def accepts_gzip(header: str | None) -> bool:
    """Whether an Accept-Encoding header value allows gzip (`gzip;q=0` refuses it)."""
    for part in (header or "").split(","):
        name, _, params = part.partition(";")
        if name.strip().lower() not in ("gzip", "*"):
            continue
        quality = params.strip()
        if not quality.startswith("q="):
            return True
        try:
            return float(quality[2:]) > 0
        except ValueError:
            return False
    return False


@functools.lru_cache(maxsize=512)
def _gzipped(path: Path, mtime_ns: int, size: int) -> bytes:
    """`path` gzipped, cached while the file is unchanged (its mtime and size are the key)."""
    del mtime_ns, size  # only part of the cache key
    return gzip_compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)


class StaticHostHandler(SimpleHTTPRequestHandler):
    """Serves a folder as a static host: index.html for folders, gzip for text, caching."""

    extensions_map: ClassVar[dict[str, str]] = {**SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}
    protocol_version = "HTTP/1.1"  # keep-alive, as every host; every answer has a Content-Length
    use_gzip = True

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass  # tests and benchmarks would drown in one line per request

    def end_headers(self) -> None:
        self.send_header("Cache-Control", CACHE_CONTROL)
        super().end_headers()

    def send_head(self) -> BinaryIO | None:  # type: ignore[override]
        path = self._file_to_send()
        if path is None or not self.use_gzip or not accepts_gzip(self.headers.get("Accept-Encoding")):
            return super().send_head()
        content_type = self.guess_type(str(path))
        if not content_type.startswith(COMPRESSIBLE):
            return super().send_head()
        stat = path.stat()
        body = _gzipped(path, stat.st_mtime_ns, stat.st_size)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", formatdate(stat.st_mtime, usegmt=True))
        self.end_headers()
        return io.BytesIO(body)

    def _file_to_send(self) -> Path | None:
        """The file a GET for this path answers with, or None when the base class should
        answer (a redirect to add the folder's slash, a listing, a 404)."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.partition("?")[0].endswith("/"):
                return None
            path = path / "index.html"
        return path if path.is_file() else None


@contextmanager
def serve_folder(folder: Path, *, gzip: bool = True, port: int = 0) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (a free port unless `port` is given) in a background
    thread; yields the base URL ending in /. `gzip=False` sends every file as it is."""
    handler_class = type("Handler", (StaticHostHandler,), {"use_gzip": gzip})
    handler = functools.partial(handler_class, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", default=Path("site"))
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-gzip", action="store_true", help="send every file as it is on disk")
    args = parser.parse_args(argv)
    with serve_folder(args.folder, gzip=not args.no_gzip, port=args.port) as url:
        print(f"serving {args.folder} on {url} (gzip {'off' if args.no_gzip else 'on'}); Ctrl-C stops")
        with suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
