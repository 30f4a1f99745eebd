"""Drafts: records marked `draft: true` are previewed but never published. A published
build leaves each out with a line, refuses a published record that refers to one, and lets
a draft keep its TODO placeholders."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import pipeline
from conftest import OTHER_STORY, make_project, run_cli


def _edit(path: Path, find: str, replace: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert find in text, find
    path.write_text(text.replace(find, replace, 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = make_project(tmp_path / "project", OTHER_STORY)
    content = project / "content"
    # An event and a quote still in progress: drafts, one of them with a TODO left.
    _edit(content / "events" / "events.yaml", "  - id: feasibility-study-published\n",
          "  - id: feasibility-study-published\n    draft: true\n")
    _edit(content / "events" / "events.yaml", "en: Governorate publishes the first metro feasibility study",
          "en: 'TODO: headline'")
    _edit(content / "articles" / "a1.yaml", "  - id: abdelrahim-first-metre\n", "  - id: abdelrahim-first-metre\n    draft: true\n")
    return project


def test_a_build_leaves_each_draft_out_with_a_line(project: Path) -> None:
    check = run_cli(project, "check")
    assert check.returncode == 0, check.stderr  # drafts are validated like any record
    build = run_cli(project, "build")
    assert build.returncode == 0, build.stderr
    assert "content/events/events.yaml:3:5: left out of this build: the draft event 'feasibility-study-published'" in build.stderr
    assert "content/articles/a1.yaml:47:5: left out of this build: the draft quote 'abdelrahim-first-metre'" in build.stderr
    site = project / "site"
    published = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*") if p.suffix in (".html", ".json", ".xml"))
    assert "feasibility-study-published" not in published
    assert "abdelrahim-first-metre" not in published
    assert "TODO" not in published


def test_a_published_record_that_refers_to_a_draft_is_refused_where_it_is(project: Path) -> None:
    _edit(project / "content" / "articles" / "a2.yaml", "id: wadi-traffic-plan\n", "id: wadi-traffic-plan\ndraft: true\n")
    build = run_cli(project, "build")
    assert build.returncode == 1
    assert (
        "content/events/events.yaml:68:5: events[3]: it cites the draft article 'wadi-traffic-plan', which a published "
        "build leaves out: publish it (remove its draft: true) or make this record a draft too"
    ) in build.stderr.splitlines()
    assert not (project / "site").exists()


def test_a_preview_keeps_the_drafts(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_TODAY", "2026-01-15")
    briefing = pipeline.Project(project)
    generation = pipeline.generate(briefing, tmp := project / "build" / "preview", pipeline.Preview())
    assert any(d.event.id == "feasibility-study-published" for d in generation.corpus.events)
    year = (tmp / "en" / "chronology" / "2019" / "index.md").read_text(encoding="utf-8")
    draft_mark = '<p class="brf-draft" role="note"><strong>Draft:</strong> shown in the preview only;'
    assert "{#feasibility-study-published}" in year
    assert draft_mark in year.split("{#feasibility-study-published}")[1]
    source = (tmp / "ar" / "sources" / "sada-tbm-launch" / "index.md").read_text(encoding="utf-8")
    assert '<figure class="brf-quote" id="abdelrahim-first-metre"><p class="brf-draft" role="note"><strong>مسودة:</strong>' in source
    assert source.count('class="brf-draft"') == 1  # the published records carry no mark
