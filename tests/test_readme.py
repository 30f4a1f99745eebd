"""The README's content reference is generated from the model; it must not go stale."""

from __future__ import annotations

from briefing.reference import BEGIN, END, reference_markdown
from conftest import REPO


def test_readme_content_reference_is_current() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start, end = readme.index(BEGIN), readme.index(END) + len(END)
    assert readme[start:end] == reference_markdown(), "run: python -m briefing.reference --write README.md"


def test_readme_documents_both_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make site" in readme and "make test" in readme
