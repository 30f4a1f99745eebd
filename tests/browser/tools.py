"""Where the browser tests' tools are, and a failure that says how to install a missing one.

The tests fail, never skip, when a tool is missing: `make test` installs all of them (Debian's
chromium and chromium-driver with apt-get, axe-core and vnu-jar with `npm ci`), so a missing
tool means a broken setup, not an optional check.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
"""Screenshots and reports for a person to look at (git-ignored; CI can upload the folder)."""

CHROMIUM = Path(os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("BRIEFING_CHROMEDRIVER", "/usr/bin/chromedriver"))
NODE_MODULES = REPO / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

_APT = "run `make test` (it installs them), or by hand: apt-get install -y chromium chromium-driver"
_NPM = "run `make test` (it runs `npm ci`), or by hand in the repository: npm ci --ignore-scripts"


def _need_file(path: Path, what: str, how: str) -> Path:
    if not path.is_file():
        pytest.fail(f"{what} not found at {path}: {how}", pytrace=False)
    return path


def chromium() -> Path:
    return _need_file(CHROMIUM, "Chromium", _APT)


def chromedriver() -> Path:
    return _need_file(CHROMEDRIVER, "ChromeDriver", _APT)


def axe_script() -> str:
    return _need_file(AXE, "axe-core", _NPM).read_text(encoding="utf-8")


def vnu_jar() -> Path:
    return _need_file(VNU, "The Nu Html Checker (vnu-jar)", _NPM)


def java() -> str:
    found = shutil.which("java")
    if not found:
        pytest.fail(
            "java not found (the Nu Html Checker needs Java 11 or newer): "
            "run `make test` (it installs it), or by hand: apt-get install -y default-jre-headless",
            pytrace=False,
        )
    return found
