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
    assert hook["entry"] == "scripts/pre-commit"
    # As git runs it: from anywhere, with no virtual environment activated.
    result = subprocess.run([str(REPO / hook["entry"])], cwd="/", env={"PATH": "/usr/bin:/bin"},
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("content is valid:")
    assert "every template renders: " in result.stdout


def test_pre_commit_hook_catches_a_broken_template(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(REPO, project, ignore=shutil.ignore_patterns(".git", "site", "build", "node_modules", ".*cache*",
                                                                 "test-artifacts", ".venv"))
    (project / ".venv").symlink_to(REPO / ".venv")
    about = project / "templates" / "about.md.j2"
    about.write_text(about.read_text(encoding="utf-8") + "\n{{ dossier.no_such_field.really }}\n", encoding="utf-8")
    result = subprocess.run([str(project / "scripts" / "pre-commit")], env={"PATH": "/usr/bin:/bin"},
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.startswith(f"a template failed: {about}:43: UndefinedError: "), result.stderr
    (project / ".venv").unlink()
    result = subprocess.run([str(project / "scripts" / "pre-commit")], env={"PATH": "/usr/bin:/bin"},
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr == (
        f'pre-commit: the project\'s environment is missing; create it with: make -C "{project}" .venv/bin/.installed-runtime\n'
    )
