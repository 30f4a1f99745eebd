"""Golden output: the generated Markdown of the second fixture dossier, byte for byte.

Refresh after an intended change with `make golden`
(= `python -m pytest tests/test_golden.py --refresh-golden`), then review the diff.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from briefing.exports import render_exports
from briefing.load import load_content
from briefing.model import link_corpus
from briefing.pages import render_pages
from briefing.validate import validate
from conftest import FIXED_TODAY, OTHER_STORY, REPO

GOLDEN = Path(__file__).resolve().parent / "golden" / "other_story"


def test_generated_pages_match_golden_copy(request: pytest.FixtureRequest) -> None:
    corpus = link_corpus(validate(load_content(OTHER_STORY)))
    today = dt.date.fromisoformat(FIXED_TODAY)
    pages = render_pages(corpus, REPO / "templates", today)
    produced = {path: text.encode("utf-8") for path, text in pages.items()}
    produced.update(render_exports(corpus, REPO / "templates", today))

    if request.config.getoption("--refresh-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, data in produced.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_bytes(data)
        pytest.skip("golden copy refreshed; review it with git diff")

    golden = {p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(produced) == sorted(golden)
    for path, data in produced.items():
        assert data.decode("utf-8") == golden[path].decode("utf-8"), path
