"""The benchmark's synthetic dossier is valid and deterministic, and `python -m bench`
reports every figure (at size S, once: the targets themselves live in bench/README.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.synthetic import write_dossier
from conftest import REPO, make_project, run_cli, snapshot

FIGURES = {
    "pages", "load_validate_s", "render_s", "write_s", "generate_s", "floor_s", "mkdocs_s", "total_s",
    "peak_rss_mb", "noop_generate_s", "noop_files_written", "one_edit_files_written", "edit_to_reload_s",
    "rebuilds_per_save", "reloads_per_save",
}


def test_synthetic_dossier_is_valid_and_deterministic(tmp_path: Path) -> None:
    write_dossier(tmp_path / "one" / "content", "S")
    write_dossier(tmp_path / "two" / "content", "S")
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")
    project = make_project(tmp_path / "project", tmp_path / "one" / "content")
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("content is valid: 40 articles, 200 events, 40 actors")


@pytest.mark.bench
def test_benchmark_reports_every_figure(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--size", "S", "--json", "--repeat", "1", "--serve-edits", "1"],
        cwd=REPO, capture_output=True, text=True, timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(figures) >= FIGURES
    assert figures["noop_files_written"] == 0  # nothing changed, nothing written
    # One event's title: its year page, its actors' pages and its sources' pages, in one
    # language, and nothing else.
    assert 1 <= figures["one_edit_files_written"] <= 12
    assert figures["pages"] == figures["generated_files_written"]
    assert (figures["rebuilds_per_save"], figures["reloads_per_save"]) == (1, 1)
