"""Live preview: `mkdocs serve` regenerates both languages when content or templates change,
settles without a rebuild loop, and keeps the last good pages when the content is broken."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import OTHER_STORY, make_project, project_env

pytestmark = pytest.mark.serve


WAIT_S = 60  # generous: the machine is shared; this is a functional test, not a timing one


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, process: subprocess.Popen | None = None) -> bool:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline and (process is None or process.poll() is None):
        if text in _fetch(url):
            return True
        time.sleep(0.3)
    return False


class Server:
    def __init__(self, project: Path, dirty: bool) -> None:
        self.port = _free_port()
        self.log = project / "serve.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}", *(["--dirty"] if dirty else [])],
            cwd=project,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            env=project_env(),
        )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def builds(self) -> int:
        return self.log.read_text(encoding="utf-8").count("Building documentation...")

    def reloads(self) -> int:
        return self.log.read_text(encoding="utf-8").count("Reloading browsers")

    def stop(self) -> None:
        # SIGINT lets MkDocs remove its temporary site folder.
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(params=["serve", "serve --dirty"])
def served(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[Path, Server]]:
    """`mkdocs serve`, and `mkdocs serve --dirty` as `make serve` runs it."""
    project = make_project(tmp_path / "project", OTHER_STORY)
    server = Server(project, dirty=request.param.endswith("--dirty"))
    try:
        assert _wait_for(server.url("chronology/2025/"), "Nakhla-1", server.process), server.log.read_text(encoding="utf-8")
        yield project, server
    finally:
        server.stop()


def test_one_save_rebuilds_both_languages_once_and_reloads_once(served: tuple[Path, Server]) -> None:
    project, server = served
    time.sleep(2)  # the first build has settled
    builds, reloads = server.builds(), server.reloads()
    events = project / "content" / "events" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    text = text.replace("en: Line 1 construction contract signed", "en: Line 1 contract signed at last", 1)
    text = text.replace("ar: توقيع عقد تنفيذ الخط الأول", "ar: توقيع عقد الخط الأول أخيرًا", 1)
    events.write_text(text, encoding="utf-8")

    assert _wait_for(server.url("chronology/2024/"), "Line 1 contract signed at last")
    assert _wait_for(server.url("ar/chronology/2024/"), "توقيع عقد الخط الأول أخيرًا")
    time.sleep(4)  # long enough for a rebuild that our own writes would trigger
    assert (server.builds() - builds, server.reloads() - reloads) == (1, 1), server.log.read_text(encoding="utf-8")


def test_each_languages_search_index_exports_and_feed_follow_an_edit(served: tuple[Path, Server]) -> None:
    """The search indexes, the exports and the feeds are written after the pages (in the
    background): each language's change once the edit is in."""
    project, server = served
    for prefix in ("", "ar/"):  # the first build's indexes follow its pages
        assert _wait_for(server.url(f"{prefix}pagefind/pagefind-entry.json"), "{"), f"no {prefix or 'en/'} search index"
    entries = {prefix: _fetch(server.url(f"{prefix}pagefind/pagefind-entry.json")) for prefix in ("", "ar/")}
    events = project / "content" / "events" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    text = text.replace("en: Line 1 construction contract signed", "en: Line 1 contract signed at last", 1)
    text = text.replace("ar: توقيع عقد تنفيذ الخط الأول", "ar: توقيع عقد الخط الأول أخيرًا", 1)
    events.write_text(text, encoding="utf-8")
    assert _wait_for(server.url("ar/chronology/2024/"), "توقيع عقد الخط الأول أخيرًا")
    for prefix, before in entries.items():
        url = server.url(f"{prefix}pagefind/pagefind-entry.json")
        deadline = time.monotonic() + WAIT_S
        while _fetch(url) in ("", before) and time.monotonic() < deadline:
            time.sleep(0.3)
        assert _fetch(url) not in ("", before), f"the {prefix or 'en/'} search index was not rebuilt"
    assert _wait_for(server.url("data/events.json"), "توقيع عقد الخط الأول أخيرًا")
    assert _wait_for(server.url("feed.xml"), "Line 1 contract signed at last")
    assert _wait_for(server.url("ar/feed.xml"), "توقيع عقد الخط الأول أخيرًا")


def test_editing_a_template_updates_the_pages(served: tuple[Path, Server]) -> None:
    project, server = served
    strings = project / "templates" / "strings.yaml"
    strings.write_text(
        strings.read_text(encoding="utf-8").replace("en: Key figures}", "en: Figures that matter}", 1),
        encoding="utf-8",
    )
    assert _wait_for(server.url(""), "Figures that matter")


def test_broken_content_keeps_the_last_good_preview(served: tuple[Path, Server]) -> None:
    project, server = served
    events = project / "content" / "events" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace('date: "2024-11"', 'date: "11/2024"', 1), encoding="utf-8")

    deadline = time.monotonic() + WAIT_S
    while "events[1].date" not in server.log.read_text(encoding="utf-8") and time.monotonic() < deadline:
        time.sleep(0.3)
    log = server.log.read_text(encoding="utf-8")
    assert "content/events/events.yaml:22:11: events[1].date: expected an EDTF date" in log
    assert "Traceback" not in log
    assert "Nakhla-1" in _fetch(server.url("chronology/2025/"))
