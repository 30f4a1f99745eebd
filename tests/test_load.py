"""The load stage: each YAML file parsed when first read, with the parse function given
(the preview's cache returns the very node tree of unchanged bytes)."""

from __future__ import annotations

from pathlib import Path

import yaml

from briefing.errors import ContentError
from briefing.load import load_files, parse_yaml
from briefing.preview import ParseCache

ROOT = Path("/project")
CONTENT = ROOT / "content"


class CountingParse:
    """parse_yaml, counting the files it parses."""

    def __init__(self) -> None:
        self.parsed: list[str] = []

    def __call__(self, data: bytes, shown: str) -> tuple[yaml.Node | None, list[ContentError]]:
        self.parsed.append(shown)
        return parse_yaml(data, shown)


FILES = {
    "dossier.yaml": b"title: x\n",
    "events/2024.yaml": b"events: [\n",
    "actors/people.yaml": b"actors: []\nactors: []\n",
    "articles/a.yaml": b"id: a\n",
    "articles/a.txt": b"raw text",
}


def test_a_file_is_parsed_when_its_node_is_first_read() -> None:
    parse = CountingParse()
    loaded = load_files(ROOT, CONTENT, FILES, parse)
    assert parse.parsed == []
    assert loaded.articles[0].node is loaded.articles[0].node
    assert parse.parsed == ["content/articles/a.yaml"]
    assert loaded.raw_files == {"content/articles/a.txt": b"raw text"}


def test_the_errors_parse_every_file_and_list_them_in_file_order() -> None:
    loaded = load_files(ROOT, CONTENT, FILES)
    assert [str(error) for error in loaded.errors] == [
        "content/actors/people.yaml:2:1: duplicate key 'actors' (first at line 1)",
        "content/events/2024.yaml:2:1: YAML syntax error: did not find expected node content",
    ]
    assert loaded.unreadable == {"events"}
    assert loaded.events[0].node is None


def test_a_released_document_is_parsed_again_when_read_and_reports_its_errors_once() -> None:
    parse = CountingParse()
    loaded = load_files(ROOT, CONTENT, FILES, parse)
    actors = loaded.actors[0]
    first = actors.node
    actors.release()
    assert actors.node is not None and actors.node is not first
    assert parse.parsed == ["content/actors/people.yaml"] * 2
    assert len(loaded.errors) == 2


def test_the_parse_cache_returns_the_same_tree_for_the_same_bytes() -> None:
    cache = ParseCache()
    first = load_files(ROOT, CONTENT, FILES, cache).articles[0].node
    again = load_files(ROOT, CONTENT, FILES, cache).articles[0].node
    changed = load_files(ROOT, CONTENT, {**FILES, "articles/a.yaml": b"id: b\n"}, cache).articles[0].node
    assert first is again
    assert changed is not first


def test_a_missing_dossier_is_an_error() -> None:
    loaded = load_files(ROOT, CONTENT, {"articles/a.yaml": b"id: a\n"})
    assert [str(error) for error in loaded.errors] == ["content/dossier.yaml:0:0: the dossier file is missing"]
