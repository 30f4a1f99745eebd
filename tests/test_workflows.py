"""The pre-commit hook and the GitHub Actions workflow are valid and do what they say."""

from __future__ import annotations

import shutil
import subprocess
import sys

from pathlib import Path

import yaml

from conftest import REPO


def test_github_workflow_passes_actionlint() -> None:
    # Installed by requirements-dev.txt beside the Python that runs the tests.
    beside = Path(sys.executable).parent / "actionlint"
    actionlint = str(beside) if beside.exists() else shutil.which("actionlint")
    assert actionlint, "actionlint is not installed: make test installs it from requirements-dev.txt"
    result = subprocess.run([actionlint, *map(str, sorted((REPO / ".github" / "workflows").glob("*.yml")))],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_tests_pull_requests_and_publishes_main_to_pages() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = workflow["jobs"]["publish"]["steps"]
    assert {"id": "pages", "uses": "actions/configure-pages@v5"} in steps
    assert {"run": 'make publish SITE_URL="${{ steps.pages.outputs.base_url }}/"', "name": "Build the site for its address"} in steps
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in steps)
    assert workflow["jobs"]["publish"]["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"


def test_pre_commit_hook_runs_the_content_check() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = config["repos"][0]["hooks"]
    assert hook["entry"] == "python build.py check"
    result = subprocess.run([sys.executable, *hook["entry"].split()[1:]], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("content is valid:")
