"""Which files `check` reads: none is ignored without a word. Sub-folders of events/ and
actors/ and any spelling of .yaml are read; a symlink is refused where it is (a build must
never publish a file from elsewhere on the machine); `check` says what it read."""

from __future__ import annotations

from pathlib import Path

from conftest import OTHER_STORY, make_project, run_cli


def test_events_in_a_sub_folder_and_a_capitalised_extension_are_read(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", OTHER_STORY)
    events = project / "content" / "events"
    (events / "2025").mkdir()
    (events / "events.yaml").rename(events / "2025" / "events.YAML")
    (events / ".events.yaml.swp").write_bytes(b"\x00editor swap file")  # hidden: never read
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "content is valid: 2 articles, 6 events, 5 actors, 2 quotes",
        "read content/dossier.yaml, 2 article files with 2 raw texts, 1 events file, 1 actors file",
    ]


def test_a_symlinked_raw_article_is_refused_and_nothing_is_built(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", OTHER_STORY)
    articles = project / "content" / "articles"
    outside = tmp_path / "elsewhere.txt"
    (articles / "a1.txt").rename(outside)
    (articles / "a1.txt").symlink_to(outside)
    (project / "content" / "actors" / "more").symlink_to(tmp_path, target_is_directory=True)
    result = run_cli(project, "build")
    assert result.returncode == 1
    assert "content/actors/more:0:0: a symlink is not read: content files must be regular files inside the content folder" in result.stderr
    assert "content/articles/a1.txt:0:0: a symlink is not read" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()
