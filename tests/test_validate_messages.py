"""Every bad-input fixture gives exactly its expected located messages, exit 1, no traceback.

Each folder in fixtures/errors/ is named after what it tests: `edits.yaml` breaks a copy of
the other_story dossier and `expected.txt` is what `build.py check` must print, word for word.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, OTHER_STORY, apply_edits, make_project, run_cli

CASES = sorted(p for p in (FIXTURES / "errors").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_reported_located(case: Path, tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", OTHER_STORY)
    apply_edits(project, case / "edits.yaml")
    # `check` by default; a case of what only a published build refuses names `build`.
    command = (case / "command").read_text(encoding="utf-8").split() if (case / "command").is_file() else ["check"]

    result = run_cli(project, *command, "--quiet")

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr == (case / "expected.txt").read_text(encoding="utf-8")
    assert not (project / "site").exists()


def test_valid_fixture_passes_check(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", OTHER_STORY)
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "content is valid: 2 articles, 6 events, 5 actors, 2 quotes\n"
        "read content/dossier.yaml, 2 article files with 2 raw texts, 1 events file, 1 actors file\n"
    )
    assert result.stderr == ""


def test_three_errors_leave_the_site_unchanged(tmp_path: Path) -> None:
    """The issue's acceptance case: a broken date, an unknown actor and a tampered article."""
    from conftest import snapshot

    project = make_project(tmp_path / "project", OTHER_STORY)
    assert run_cli(project).returncode == 0
    before = snapshot(project / "site")
    apply_edits(project, FIXTURES / "errors" / "three-errors-date-actor-raw" / "edits.yaml")

    for command in ("check", "build"):
        result = run_cli(project, command)
        assert result.returncode == 1
        assert result.stderr.count(": ") >= 3
        assert result.stderr.endswith("3 errors found; nothing was built.\n")
        assert "Traceback" not in result.stderr
    assert snapshot(project / "site") == before
