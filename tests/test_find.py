"""`build.py find ARTICLE "words"`: the verbatim passages that words typed any way match,
with where they are, ready to paste; and what it says when there is none."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import OTHER_STORY, make_project, run_cli


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("find") / "project", OTHER_STORY)


def test_words_typed_without_hamza_or_shadda_find_the_verbatim_passage(project: Path) -> None:
    # The article writes «سيغيّر حياة نصف مليون مواطن» with a shadda; typed plainly, and
    # by the start of the raw file's name as an editor sees it (a1.txt).
    result = run_cli(project, "find", "a1", "سيغير حياة نصف مليون مواطن")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        'content/articles/a1.txt:9:119: "سيغيّر حياة نصف مليون مواطن"\n'
        "1 passage matches in article 'sada-tbm-launch'; paste it as the excerpt\n"
    )


def test_every_passage_is_listed_by_article_id(project: Path) -> None:
    result = run_cli(project, "find", "sada-tbm-launch", "«نخله-1»")  # typed with «» and ه
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("2 passages match in article 'sada-tbm-launch'")
    assert lines[:-1] == [
        'content/articles/a1.txt:3:11: "\\"نخلة-1\\""',
        'content/articles/a1.txt:5:31: "\\"نخلة-1\\""',
    ]


def test_words_found_nowhere_say_which_article_was_searched(project: Path) -> None:
    result = run_cli(project, "find", "sada-tbm-launch", "حملة تطعيم")
    assert result.returncode == 1
    assert result.stderr == (
        "no passage of article 'sada-tbm-launch' (content/articles/a1.txt) matches \"حملة تطعيم\"\n"
    )


def test_an_unknown_article_is_named_with_the_closest_id(project: Path) -> None:
    result = run_cli(project, "find", "sada-tbm-lunch", "آلة")
    assert result.returncode == 1
    assert result.stderr == "no article is named 'sada-tbm-lunch', by id or raw file name; did you mean 'sada-tbm-launch'?\n"
