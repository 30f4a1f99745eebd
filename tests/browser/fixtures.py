"""The browser tests' shared fixtures (registered in tests/conftest.py): the bundled site
over HTTP, one Chromium for the session, the pages each test looks at, and JSON reports
under test-artifacts/.

Any test file may use them: `browser` (a test that takes it is marked `browser`),
`site_url`, `page_paths`; `LANGUAGES`, `WIDTHS` and `page_url` say where and how wide.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import tools
from browser.chromium import Chromium
from browser.server import serve_folder

LANGUAGES = {"en": "", "ar": "ar/"}
"""Each language's prefix in the site: English at the root, Arabic under /ar/."""
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
"""Viewport sizes in CSS pixels."""
ACTOR = "mohammed-shia-al-sudani"
"""The bundled dossier's actor whose page the tests look at."""


def start_chromium(folder: Path, *, logs: bool = False) -> Chromium:
    """A headless Chromium with its profile in `folder` (`logs`: see Chromium); a
    start-up failure fails the test with what the driver said."""
    log = folder / "chromedriver.log"
    try:
        return Chromium(tools.chromium(), tools.chromedriver(), folder / "profile", log, logs=logs)
    except Exception as error:  # any start-up failure: say what the driver said
        detail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
        pytest.fail(f"Chromium did not start: {error}\n{detail}", pytrace=False)


def page_url(site_url: str, lang: str, path: str) -> str:
    return site_url + LANGUAGES[lang] + path


class Report:
    """A JSON report under test-artifacts/, rewritten after each entry so it survives a crash."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, Any] = {}

    def add(self, key: str, entry: Any) -> None:
        self.entries[key] = entry
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {key: self.entries[key] for key in sorted(self.entries)}
        self.path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


@pytest.fixture(scope="session")
def page_paths(bundled_site: Path) -> dict[str, str]:
    """Each page kind's path inside a language (the source is the first exported article)."""
    articles = json.loads((bundled_site / "data" / "articles.json").read_text(encoding="utf-8"))
    return {
        "home": "",
        "chronology": "chronology/",
        "actor": f"actors/{ACTOR}/",
        "source": f"sources/{articles[0]['id']}/",
    }


@pytest.fixture(scope="session")
def site_url(bundled_site: Path) -> Iterator[str]:
    """The bundled dossier's built site over HTTP on 127.0.0.1 (a free port)."""
    with serve_folder(bundled_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    """One Chromium for every page and width (the viewport is resized between them)."""
    session = start_chromium(tmp_path_factory.mktemp("chromium"))
    yield session
    session.close()
