"""Shared test helpers: throwaway project copies and running the real command line."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

pytest_plugins = ["browser.fixtures"]  # the browser tests' shared fixtures

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
OTHER_STORY = FIXTURES / "other_story" / "content"
FIXED_TODAY = "2026-01-15"
"""Build date for reproducible output (planned events before it read as 'outcome not covered')."""

# How many examples a fuzz test tries (tests/test_fuzz.py): `make quick` passes
# `--hypothesis-profile quick`, a quarter of them, to keep its run under a minute.
settings.register_profile("full", max_examples=120)
settings.register_profile("quick", max_examples=30)
settings.load_profile("full")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--refresh-golden",
        action="store_true",
        help="rewrite tests/golden/ from the current output instead of comparing",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that takes a `browser` fixture (Chromium) is a browser test, wherever it is:
    `-m "not browser"` leaves it out without a mark on every such test."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@dataclass(frozen=True)
class Run:
    """What a user sees from one command: exit status and both streams."""

    returncode: int
    stdout: str
    stderr: str


def make_project(target: Path, content: Path) -> Path:
    """A project folder like a fresh clone, with `content` as its dossier."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "templates", target / "templates")
    shutil.copytree(content, target / "content")
    (target / "build" / "docs").mkdir(parents=True)
    return target


def apply_edits(project: Path, edits_file: Path) -> None:
    """Apply a fixture's edits: each replaces the first `find` in `file` (bytes, exact)."""
    for edit in yaml.safe_load(edits_file.read_text(encoding="utf-8")):
        path = project / edit["file"]
        if "write" in edit:
            path.parent.mkdir(parents=True, exist_ok=True)
            data = edit["write"]
            path.write_bytes(data.encode("latin-1") if edit.get("latin1") else data.encode("utf-8"))
            continue
        data = path.read_bytes()
        find = edit["find"].encode("utf-8")
        assert find in data, f"{edits_file}: {edit['find']!r} not in {edit['file']}"
        path.write_bytes(data.replace(find, edit["replace"].encode("utf-8"), 1))


def project_env() -> dict[str, str]:
    """The environment for commands run in a project copy: our package importable, fixed date."""
    path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH", "")]))
    return {**os.environ, "PYTHONPATH": path, "BRIEFING_TODAY": FIXED_TODAY, "NO_MKDOCS_2_WARNING": "1"}


def run_cli(project: Path, *args: str) -> Run:
    env = project_env()
    done = subprocess.run(
        [sys.executable, str(REPO / "build.py"), *args, "--project", str(project)],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
        timeout=600,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, for byte-for-byte comparison."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, content: Path | Callable[[Path], object],
               *args: str) -> Path:
    """The site of `content` (a folder to copy, or a function that writes one) built with
    `build.py *args` in a project copy, once per test run: the workers of `pytest -n 2`
    (make quick) share the one built first, taking turns through a lock file."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # each worker's folder is popen-gw<n>/ inside the run's
    project = base / f"shared-{name}" / "project"
    with open(base / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (project / "site").is_dir():
            shutil.rmtree(project.parent, ignore_errors=True)
            if callable(content):
                written, content = content, project.parent / "content"
                written(content)
            make_project(project, content)
            result = run_cli(project, *args)
            assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled dossier built once, in a copy of the project."""
    return built_once(tmp_path_factory, "bundled", REPO / "content")


PUBLISHED_URL = "https://briefing.example.org/iraq-us/"
"""The address the `published_site` is built for (a folder of a host, as GitHub Pages gives)."""


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled dossier built for publishing at PUBLISHED_URL (`build.py publish --site-url`)."""
    return built_once(tmp_path_factory, "published", REPO / "content", "publish", "--site-url", PUBLISHED_URL)


@pytest.fixture(scope="session")
def other_story_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The second, unrelated fixture dossier built with the same code and templates."""
    return built_once(tmp_path_factory, "other", OTHER_STORY)


@pytest.fixture(scope="session")
def busy_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic dossier of 2,000 events (bench/synthetic.py, size M): its years have
    more events than a chronology page holds, so they are split by month."""
    from bench.synthetic import write_dossier

    return built_once(tmp_path_factory, "busy", lambda content: write_dossier(content, "M"))
