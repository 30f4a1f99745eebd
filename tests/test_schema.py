"""The JSON Schemas are generated from the model, checked in, and describe the real content."""

from __future__ import annotations

import json

import jsonschema
import yaml

from briefing.schema import FILE_KINDS, rendered_schemas
from conftest import OTHER_STORY, REPO

SCHEMAS = REPO / "schemas"


def test_checked_in_schemas_are_current() -> None:
    for name, text in rendered_schemas().items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == text, f"run: python -m briefing.schema --write schemas ({name})"
    assert sorted(p.name for p in SCHEMAS.glob("*.json")) == sorted(rendered_schemas())


def _files(kind: str):
    pattern = FILE_KINDS[kind][0].removeprefix("content/")
    for content in (REPO / "content", OTHER_STORY):
        yield from sorted(content.glob(pattern))


def test_all_content_files_satisfy_their_schema() -> None:
    checked = 0
    for kind in FILE_KINDS:
        schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(schema)
        for path in _files(kind):
            errors = list(validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
            assert errors == [], f"{path}: {errors[0].message}"
            checked += 1
    assert checked >= 10


def test_a_schema_flags_an_editors_typo() -> None:
    schema = json.loads((SCHEMAS / "events.schema.json").read_text(encoding="utf-8"))
    event = yaml.safe_load((OTHER_STORY / "events" / "events.yaml").read_text(encoding="utf-8"))
    event["events"][0]["tagz"] = event["events"][0].pop("tags")
    messages = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(event)]
    assert messages == ["Additional properties are not allowed ('tagz' was unexpected)"]


def test_content_files_name_their_schema() -> None:
    for kind in FILE_KINDS:
        for path in sorted((REPO / "content").glob(FILE_KINDS[kind][0].removeprefix("content/"))):
            depth = len(path.relative_to(REPO).parts) - 1
            first = path.read_text(encoding="utf-8").split("\n", 1)[0]
            assert first == f"# yaml-language-server: $schema={'../' * depth}schemas/{kind}.schema.json", path
