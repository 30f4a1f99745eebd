"""The documents: the editor's guide's content reference is generated from the model and
must not go stale; the README gives both commands; every link between the documents leads
somewhere."""

from __future__ import annotations

import re

import pytest

from briefing.reference import BEGIN, END, reference_markdown
from conftest import REPO

DOCUMENTS = ("README.md", "EDITING.md", "ARCHITECTURE.md", "bench/README.md")


def test_editing_guide_content_reference_is_current() -> None:
    guide = (REPO / "EDITING.md").read_text(encoding="utf-8")
    start, end = guide.index(BEGIN), guide.index(END) + len(END)
    assert guide[start:end] == reference_markdown(), "run: python -m briefing.reference --write EDITING.md"


def test_readme_documents_both_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make site" in readme and "make test" in readme


def test_readme_leads_to_the_editing_guide_and_the_architecture() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "](EDITING.md)" in readme and "](ARCHITECTURE.md)" in readme


def _anchors(markdown: str) -> set[str]:
    """GitHub's anchors for a document's headings: lower case, spaces to hyphens, and
    punctuation other than hyphens and underscores dropped."""
    headings = re.findall(r"^#{1,6} (.+)$", re.sub(r"```.*?```", "", markdown, flags=re.DOTALL), re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-") for heading in headings}


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_link_to_a_file_or_heading_of_the_repository_resolves(document: str) -> None:
    path = REPO / document
    text = path.read_text(encoding="utf-8")
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue  # https:, mailto:
        file, _, anchor = target.partition("#")
        linked = (path.parent / file).resolve() if file else path
        if not linked.exists():
            broken.append(target)
        elif anchor and linked.suffix == ".md" and anchor not in _anchors(linked.read_text(encoding="utf-8")):
            broken.append(f"{target} (no such heading)")
    assert broken == []


def test_the_anchors_are_githubs() -> None:
    assert _anchors("## Quick start: two commands\n## An editor's round trip\n#### EventActor\n") == {
        "quick-start-two-commands", "an-editors-round-trip", "eventactor"}
