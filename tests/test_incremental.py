"""After an edit, generation renders only the pages the edit touched, and the result is
byte for byte what a full generation makes of the edited dossier."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import pipeline
from conftest import REPO, make_project, snapshot

# Each edit replaces the first `find` in a content file; they apply one after the other.
EDITS: list[tuple[str, str, str, str]] = [
    ("an event's title", "events/2024.yaml",
     "en: Baghdad calls the latest US strikes unjustified aggression",
     "en: Baghdad calls the recent US strikes unjustified aggression"),
    ("an event moved to another month", "events/2024.yaml", 'date: "2024-01-24"', 'date: "2024-02-24"'),
    ("an event moved to another year that has a page", "events/2024.yaml", 'date: "2024-01-25"', 'date: "2023-12-25"'),
    ("an actor's role in an event", "events/2024.yaml", "role: target", "role: subject"),
    ("an event given another actor", "events/2024.yaml",
     "      - actor: us-government\n        role: subject", "      - actor: us-forces\n        role: subject"),
    ("a stance", "events/2024.yaml", "stance: denies", "stance: opposes"),
    ("an actor's name", "actors/people.yaml", "en: Mohammed Shia al-Sudani", "en: Mohammed Shia' al-Sudani"),
    ("an actor's parent body", "actors/people.yaml", "affiliation: iraqi-government", "affiliation: iraqi-pm-office"),
    ("a quote's translation", "articles/000_6b306e1a5f0aeee4.yaml",
     "Iraq no longer needs the coalition to stay.", "Iraq no longer needs the coalition to remain."),
    ("an outlet's name", "articles/000_6b306e1a5f0aeee4.yaml", "    en: al-Muttali\n", "    en: Al-Muttali\n"),
    ("the title of an article that editors' texts link to", "articles/003_2aa83d9a329875e0.yaml",
     "en: Despite statements from the Iraqi", "en: Despite the statements of the Iraqi"),
    ("a publication date", "articles/000_6b306e1a5f0aeee4.yaml",
     '  date: "2024-08-18"\n  basis: inferred', '  date: "2024-08-17"\n  basis: inferred'),
    ("an event moved to a year that had no page", "events/2024.yaml", 'date: "2024-02-24"', 'date: "2022-02-24"'),
    ("an order relation turned round", "events/2024.yaml",
     "    after:\n      - event: jordan-attack-2024-01\n", "    before:\n      - event: jordan-attack-2024-01\n"),
    ("an order relation that moves an event to another year", "events/background.yaml",
     "    after:\n      - event: gaza-war-begins-2023-10\n        evidence:\n          article: aggregator",
     "    after:\n      - event: pentagon-says-talks-not-withdrawal-2024-01-25\n        evidence:\n          article: aggregator"),
]


_SHARE_RENDERED = {"an actor's name": 0.6, "an actor's parent body": 0.6}
"""Edits allowed to re-render more than half the pages. Al-Sudani is quoted in three of the
five bundled articles, and every record that cites one of them is re-rendered when his record
changes: 88 of 164 pages rendered for his name, 23 of them changed (issue 16 added his
reported remarks in the January article)."""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("incremental") / "project", REPO / "content")


def full_generation(project: Path, docs: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """A generation with nothing remembered, into its own folder: its pages and exports."""
    generation = pipeline.generate(pipeline.Project(project), docs)
    return snapshot(docs), generation.data.files()


def test_each_edit_renders_only_its_pages_and_matches_a_full_generation(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_TODAY", "2026-01-15")
    briefing = pipeline.Project(project)
    docs = project / "build" / "docs"
    preview = pipeline.Preview()
    first = pipeline.generate(briefing, docs, preview)
    everything = len(first.pages)
    for number, (what, name, find, replace) in enumerate(EDITS):
        path = project / "content" / name
        text = path.read_text(encoding="utf-8")
        assert find in text, f"{what}: {find!r} not in {name}"
        path.write_text(text.replace(find, replace, 1), encoding="utf-8")

        edited = pipeline.generate(briefing, docs, preview)  # as under `mkdocs serve`
        incremental = snapshot(docs)
        assert edited.report.written, what
        assert (incremental, edited.data.files()) == full_generation(project, tmp_path / f"full-{number}"), what
        if "year that had no page" not in what:  # a new year page links to its neighbours
            assert edited.rendered < everything * _SHARE_RENDERED.get(what, 0.5), (
                f"{what}: rendered {edited.rendered} of {everything}")
        # The next edit continues from this generation, as under `mkdocs serve`.
        preview = pipeline.Preview()
        pipeline.generate(briefing, docs, preview)


def test_a_remembered_file_with_errors_reports_them_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_TODAY", "2026-01-15")
    briefing = pipeline.Project(project)
    docs = project / "build" / "docs"
    path = project / "content" / "actors" / "people.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("type: person", "type: persona", 1), encoding="utf-8")
    preview = pipeline.Preview()
    try:
        reports = []
        for _ in range(2):  # the second pass takes the file's decoding from the memo
            with pytest.raises(pipeline.ContentErrors) as failure:
                pipeline.generate(briefing, docs, preview)
            reports.append(failure.value.report())
        assert reports[0] == reports[1]
        assert "people.yaml" in reports[0] and "persona" in reports[0]
    finally:
        path.write_text(original, encoding="utf-8")
    pipeline.generate(briefing, docs, preview)
