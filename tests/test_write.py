"""The write stage: a failed build at any stage leaves the previous site byte for byte,
and generation writes only what changed."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.write import sync_tree
from conftest import OTHER_STORY, REPO, make_project, project_env, run_cli, snapshot


def test_a_failing_mkdocs_stage_leaves_the_site_unchanged(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", OTHER_STORY)
    assert run_cli(project).returncode == 0
    before = snapshot(project / "site")
    # Valid content, but a template that makes MkDocs fail in strict mode (a broken link).
    about = project / "templates" / "about.md.j2"
    about.write_text(about.read_text(encoding="utf-8") + "\n[broken](missing-page.md)\n", encoding="utf-8")

    result = run_cli(project)

    assert result.returncode == 1
    assert "build failed, site/ left unchanged" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project / "site") == before
    assert not _leftovers(project)


def _leftovers(project: Path) -> list[Path]:
    """The temporary folders of builds, in the project's one place for them or anywhere else."""
    scratch = project / "build" / "tmp"
    return [*(scratch.iterdir() if scratch.is_dir() else []), *project.glob(".site.*")]


def test_a_successful_build_replaces_the_site(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", OTHER_STORY)
    (project / "site").mkdir()
    (project / "site" / "stale.html").write_text("old", encoding="utf-8")
    result = run_cli(project)
    assert result.returncode == 0, result.stderr
    assert not (project / "site" / "stale.html").exists()
    assert (project / "site" / "ar" / "index.html").is_file()


def test_sync_tree_writes_only_changed_files_and_removes_stale_ones(tmp_path: Path) -> None:
    first = sync_tree(tmp_path, {"a/index.md": b"one", "b/index.md": b"two"})
    assert first.written == ("a/index.md", "b/index.md")

    second = sync_tree(tmp_path, {"a/index.md": b"one", "b/index.md": b"two"})
    assert (second.written, second.removed, second.unchanged) == ((), (), 2)

    third = sync_tree(tmp_path, {"a/index.md": b"ONE"})
    assert (third.written, third.removed) == (("a/index.md",), ("b/index.md",))
    assert not (tmp_path / "b").exists()


def _start_build(project: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--project", str(project)],
        env=project_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _when_writing_the_new_site(project: Path, build: subprocess.Popen[str], act: Callable[[], None]) -> None:
    """Call `act` once MkDocs has started writing the new site beside the old one."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and build.poll() is None:
        building = list((project / "build" / "tmp").glob("*/site"))
        if building and any(building[0].rglob("*.html")):
            act()
            return
        time.sleep(0.01)
    raise AssertionError("the build ended before it could be interrupted")


@pytest.mark.parametrize("signal_number", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "Ctrl-C"])
def test_a_build_interrupted_midway_leaves_the_site_unchanged(tmp_path: Path, signal_number: int) -> None:
    project = make_project(tmp_path / "project", REPO / "content")
    assert run_cli(project).returncode == 0
    before = snapshot(project / "site")

    build = _start_build(project)
    _when_writing_the_new_site(project, build, lambda: build.send_signal(signal_number))
    _, stderr = build.communicate(timeout=120)

    assert snapshot(project / "site") == before
    assert len(_leftovers(project)) <= 1
    if signal_number == signal.SIGINT:
        assert build.returncode == 130
        assert stderr.strip().splitlines()[-1] == "interrupted: site/ left unchanged"
        assert "Traceback" not in stderr
        assert not _leftovers(project)
    # The next build clears what the interrupted one left and publishes normally.
    assert run_cli(project).returncode == 0
    assert not _leftovers(project)


def test_a_build_killed_between_its_two_renames_is_repaired_by_the_next(tmp_path: Path) -> None:
    # The old site moved aside, the new one not yet in place: no site/ at all.
    project = make_project(tmp_path / "project", OTHER_STORY)
    assert run_cli(project).returncode == 0
    aside = project / "build" / "tmp" / ".site.building-killed"
    aside.mkdir(parents=True)
    (project / "site").rename(aside / "published")
    (aside / "site").mkdir()  # the new site, half written
    # A build that fails still finds the site back in place.
    about = project / "templates" / "about.md.j2"
    text = about.read_text(encoding="utf-8")
    about.write_text(text + "\n[broken](missing-page.md)\n", encoding="utf-8")
    assert run_cli(project).returncode == 1
    assert (project / "site" / "index.html").is_file()
    assert not _leftovers(project)
    about.write_text(text, encoding="utf-8")
    assert run_cli(project).returncode == 0


def test_the_site_is_readable_by_any_web_server_whatever_the_umask(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", OTHER_STORY)
    done = subprocess.run(
        ["sh", "-c", f'umask 077 && exec "{sys.executable}" "{REPO / "build.py"}" --project "{project}"'],
        env=project_env(), capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    site = project / "site"
    modes = {oct(path.stat().st_mode & 0o777) for path in [site, *site.rglob("*")] if path.is_dir()}
    assert modes == {"0o755"}
    modes = {oct(path.stat().st_mode & 0o777) for path in site.rglob("*") if path.is_file()}
    assert modes == {"0o644"}
