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


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", OTHER_STORY)
    # A paste gone wrong: 9 MB of one line in an actors file.
    (project / "content" / "actors" / "pasted.yaml").write_bytes(b"actors: []\n# " + b"x" * 9_000_000 + b"\n")
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert result.stderr == (
        "content/actors/pasted.yaml:0:0: the file is 9.0 MB, over the limit of 8.0 MB for a content file: split it\n"
        "1 error found; nothing was built.\n"
    )


def test_many_errors_are_shown_up_to_fifty_then_counted(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", OTHER_STORY)
    events = project / "content" / "events" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    # 60 events, each with an unknown actor and a role that is not one of the choices: 120 errors.
    stray = "".join(
        f"  - id: stray-{n}\n    date: \"2024\"\n    title: {{ar: حدث, en: Event}}\n    summary: {{ar: حدث, en: Event}}\n"
        f"    sources: [{{article: sada-tbm-launch, excerpt: آلة الحفر}}]\n    actors: [{{actor: nobody, role: x}}]\n"
        for n in range(60)
    )
    events.write_text(text.replace("events:\n", "events:\n" + stray, 1), encoding="utf-8")
    result = run_cli(project, "check")
    lines = result.stderr.splitlines()
    assert result.returncode == 1
    assert len(lines) == 52, lines[-3:]
    assert lines[-2] == "... and 70 more (the first are usually the causes of the rest)"
    assert lines[-1] == "120 errors found; nothing was built."
    assert lines[-1].endswith("errors found; nothing was built.")
