"""The exit from MkDocs 1.x: ProperDocs, its maintained fork, builds the same site from the
same mkdocs.yml with our plugin and Material unchanged (MkDocs itself is unmaintained, and
the "2.0" releases under its name run no plugins, themes or mkdocs.yml)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO, make_project, project_env, snapshot
from htmlcheck import read_page

PROPERDOCS = Path(sys.executable).parent / "properdocs"
# The one line that names the engine that built the page.
GENERATOR = re.compile(rb'<meta name="generator" content="mkdocs-[^"]*">')


def test_properdocs_builds_the_same_pages_with_the_same_links(bundled_site: Path, tmp_path: Path) -> None:
    assert PROPERDOCS.is_file(), "ProperDocs is missing: `make test` installs requirements-dev.txt"
    project = make_project(tmp_path / "project", REPO / "content")
    done = subprocess.run(
        [str(PROPERDOCS), "build", "--config-file", "mkdocs.yml", "--site-dir", str(tmp_path / "site")],
        cwd=project, env=project_env(), capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    theirs, ours = snapshot(tmp_path / "site"), snapshot(bundled_site)
    assert sorted(theirs) == sorted(ours)
    for name in ours:
        if name.endswith(".html"):
            a, b = read_page(tmp_path / "site" / name), read_page(bundled_site / name)
            assert (a.links, a.ids, a.title) == (b.links, b.ids, b.title), name
            assert GENERATOR.sub(b"", theirs[name]) == GENERATOR.sub(b"", ours[name]), name
        else:
            assert theirs[name] == ours[name], name
