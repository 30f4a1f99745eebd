"""`build.py new`: valid, commented skeletons with fresh ids, in the right place."""

from __future__ import annotations

from pathlib import Path

from conftest import OTHER_STORY, make_project, run_cli


def test_new_actor_event_and_article_are_valid_at_once(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", OTHER_STORY)
    raw = tmp_path / "metro-fares.txt"
    raw.write_text("هيئة المترو تعلن أسعار التذاكر\n\nأعلنت هيئة مترو قصر النخيل اليوم أسعار تذاكر الخط الأول. وتبدأ الأسعار من خمسة جنيهات.\n", encoding="utf-8")

    actor = run_cli(project, "new", "actor", "--name", "Omar Haddad", "--name-ar", "عمر حداد")
    event = run_cli(project, "new", "event", "--article", "sada-tbm-launch", "--title", "Second boring machine arrives",
                    "--date", "2025-03-12")
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
    assert 'date: "2025-03-12"' in skeleton
    # The default excerpt: the article's first whole sentence, not its headline.
    assert 'excerpt: "بدأت آلة حفر الأنفاق العملاقة' in skeleton

    check = run_cli(project, "check")
    assert check.returncode == 0, check.stderr
    assert check.stdout.splitlines() == [
        "content is valid: 3 articles, 7 events, 6 actors, 2 quotes",
        "read content/dossier.yaml, 3 article files with 3 raw texts, 2 events files, 2 actors files",
        "16 TODO placeholders left: a published build refuses them (python build.py status lists them)",
    ]
    status = run_cli(project, "status").stdout
    assert "content/actors/omar-haddad.yaml:10:7: actors[0].role: the English text is still a TODO placeholder" in status
    # Nothing unfinished goes live: a build refuses each placeholder where it is.
    build = run_cli(project, "build")
    assert build.returncode == 1
    assert (
        "content/actors/omar-haddad.yaml:10:7: actors[0].role: the English text is still a TODO placeholder: "
        "a published build refuses it; write the text"
    ) in build.stderr.splitlines()
    assert build.stderr.endswith("16 errors found; nothing was built.\n")
    assert not (project / "site").exists()


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


def test_new_never_invents_a_date_and_check_asks_for_it(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", OTHER_STORY)
    raw = tmp_path / "تقرير الأجرة.txt"  # an Arabic file name with a space
    raw.write_text("عنوان\n\nأعلنت هيئة مترو قصر النخيل اليوم أسعار تذاكر الخط الأول. وتبدأ الأسعار من خمسة جنيهات.\n",
                   encoding="utf-8")
    article = run_cli(project, "new", "article", str(raw))
    event = run_cli(project, "new", "event", "--article", "sada-tbm-launch")
    assert article.stdout.startswith("wrote content/articles/tqryr-alajra.yaml (article tqryr-alajra)")
    assert (project / "content" / "articles" / "tqryr-alajra.txt").read_bytes() == raw.read_bytes()
    assert event.stdout.startswith("wrote content/events/event-sada-tbm-launch.yaml (event event-sada-tbm-launch)")
    check = run_cli(project, "check")
    assert check.returncode == 1
    todo = "the date is still TODO: write it as the articles give it (2024-08-15, 2024-08, 2024, 2024-08~...)"
    assert check.stderr.splitlines()[:2] == [
        f"content/articles/tqryr-alajra.yaml:16:9: published.date: {todo}",
        f"content/events/event-sada-tbm-launch.yaml:6:11: events[0].date: {todo}",
    ]


def test_new_checks_its_arguments_as_check_checks_the_files(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", OTHER_STORY)
    bad_date = run_cli(project, "new", "event", "--article", "sada-tbm-launch", "--date", "2024-02-30")
    bad_id = run_cli(project, "new", "actor", "--name", "Omar Haddad", "--id", "Bad_ID")
    assert bad_date.stderr == "nothing written: --date: '2024-02-30' is not a real date: the month has no day 30\n"
    assert bad_id.stderr == (
        "nothing written: --id: expected a safe id (lower-case ASCII letters, digits and single hyphens, "
        "starting with a letter, at most 64 characters), got 'Bad_ID'\n"
    )
    assert (bad_date.returncode, bad_id.returncode) == (1, 1)
    assert not list((project / "content" / "events").glob("event-*"))


def test_ids_from_long_or_arabic_titles_are_cut_at_a_word_and_readable(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", OTHER_STORY)
    long_title = "A very long English headline that goes on and on about the metro construction contract"
    long = run_cli(project, "new", "event", "--article", "sada-tbm-launch", "--title", long_title, "--date", "2024")
    arabic = run_cli(project, "new", "event", "--article", "sada-tbm-launch", "--title", "توقيع عقد الخط الأول")
    assert "(event a-very-long-english-headline-that-goes-on-and-on-about-the)" in long.stdout
    assert "(event twqy-qd-alkht-alawl)" in arabic.stdout
