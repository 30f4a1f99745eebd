"""The write stage: a failed build at any stage leaves the previous site byte for byte,
and generation writes only what changed."""

from __future__ import annotations

from pathlib import Path

from briefing.write import sync_tree
from conftest import OTHER_STORY, make_project, run_cli, snapshot


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
    assert not list(project.glob(".site.building-*"))


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


def test_a_build_killed_midway_leaves_the_site_unchanged(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    from conftest import REPO, project_env

    project = make_project(tmp_path / "project", REPO / "content")
    assert run_cli(project).returncode == 0
    before = snapshot(project / "site")

    build = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--project", str(project)],
        env=project_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    # Kill it once MkDocs has started writing the new site beside the old one.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and build.poll() is None:
        building = list(project.glob(".site.building-*"))
        if building and any(building[0].rglob("*.html")):
            build.send_signal(signal.SIGKILL)
            break
        time.sleep(0.01)
    build.wait()
    assert build.returncode == -signal.SIGKILL, "the build ended before it could be killed"

    assert snapshot(project / "site") == before
    # The next build clears the abandoned folder and publishes normally.
    assert run_cli(project).returncode == 0
    assert not list(project.glob(".site.building-*"))
