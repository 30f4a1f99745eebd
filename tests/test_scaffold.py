"""`build.py new`: valid, commented skeletons with fresh ids, in the right place."""

from __future__ import annotations

from pathlib import Path

from conftest import OTHER_STORY, make_project, run_cli


def test_new_actor_event_and_article_are_valid_at_once(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", OTHER_STORY)
    raw = tmp_path / "metro-fares.txt"
    raw.write_text("هيئة المترو تعلن أسعار التذاكر\n\nأعلنت هيئة مترو قصر النخيل اليوم أسعار تذاكر الخط الأول. وتبدأ الأسعار من خمسة جنيهات.\n", encoding="utf-8")

    actor = run_cli(project, "new", "actor", "--name", "Omar Haddad", "--name-ar", "عمر حداد")
    event = run_cli(project, "new", "event", "--article", "sada-tbm-launch", "--title", "Second boring machine arrives")
    article = run_cli(project, "new", "article", str(raw), "--date", "2025-03-20")

    assert actor.stdout == "wrote content/actors/omar-haddad.yaml (actor omar-haddad); replace its TODOs, then run: python build.py check\n"
    assert event.stdout == (
        "wrote content/events/second-boring-machine-arrives.yaml (event second-boring-machine-arrives); "
        "replace its TODOs, then run: python build.py check\n"
    )
    assert article.stdout == "wrote content/articles/metro-fares.yaml (article metro-fares); replace its TODOs, then run: python build.py check\n"
    assert (project / "content" / "articles" / "metro-fares.txt").read_bytes() == raw.read_bytes()
    skeleton = (project / "content" / "events" / "second-boring-machine-arrives.yaml").read_text(encoding="utf-8")
    assert skeleton.startswith("# yaml-language-server: $schema=../../schemas/events.schema.json\n")
    assert 'date: "2025-03-13"' in skeleton  # the article's publication date

    check = run_cli(project, "check")
    assert check.returncode == 0, check.stderr
    assert check.stdout.splitlines() == [
        "content is valid: 3 articles, 7 events, 6 actors, 2 quotes",
        "read content/dossier.yaml, 3 article files with 3 raw texts, 2 events files, 2 actors files",
    ]
    status = run_cli(project, "status").stdout
    assert "content/actors/omar-haddad.yaml:10:7: actors[0].role: the English text is still a TODO placeholder" in status


def test_new_ids_never_collide(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", OTHER_STORY)
    first = run_cli(project, "new", "actor", "--name", "Salma Abdelrahim")
    assert "(actor salma-abdelrahim-2)" in first.stdout  # salma-abdelrahim exists already
    second = run_cli(project, "new", "actor", "--name", "Salma Abdelrahim")
    assert "(actor salma-abdelrahim-3)" in second.stdout
    assert run_cli(project, "check").returncode == 0


def test_new_event_needs_a_known_article(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", OTHER_STORY)
    result = run_cli(project, "new", "event", "--article", "no-such-article")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "nothing written: no article with id 'no-such-article'; see content/articles/*.yaml\n"
