"""JSON Schemas for each kind of content file, generated from the model.

Editors' YAML files name their schema in a first-line comment
(`# yaml-language-server: $schema=...`), which gives completion and inline errors in common
editors. `python -m briefing.schema --write schemas` regenerates the checked-in copies; a
test fails when they are out of date. The validator stays the authority: the schemas
cannot express cross-file checks (references, excerpts, hashes).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from briefing import model
from briefing.dates import _SINGLE
from briefing.decode import (
    ACTORS_FILE,
    ARTICLE_FILE,
    DOSSIER_FILE,
    EVENTS_FILE,
    SHA256_RE,
    SLUG_MAX,
    SLUG_RE,
    TEXT_HASH_RE,
    FileKind,
)
from briefing.hints import (
    Bilingual,
    Choice,
    Flag,
    Integer,
    ListOf,
    Marked,
    Nullable,
    Record,
    Shape,
    record_fields,
)

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
EDTF_PATTERN = rf"^{_SINGLE}(/{_SINGLE})?$".replace("?P<y>", "").replace("?P<m>", "").replace("?P<d>", "").replace("?P<q>", "")

FILE_KINDS: dict[str, tuple[str, FileKind]] = {
    "dossier": ("content/dossier.yaml", DOSSIER_FILE),
    "article": ("content/articles/*.yaml", ARTICLE_FILE),
    "events": ("content/events/*.yaml", EVENTS_FILE),
    "actors": ("content/actors/*.yaml", ACTORS_FILE),
}
"""Schema name -> (files it describes, what they hold)."""


def _string(description: str = "", **extra: Any) -> dict[str, Any]:
    return {"type": "string", **({"description": description} if description else {}), **extra}


_MARKER_SCHEMAS: dict[Any, dict[str, Any]] = {
    model.Slug: _string(pattern=SLUG_RE.pattern, maxLength=SLUG_MAX),
    model.ActorRef: _string("Id of an actor.", pattern=SLUG_RE.pattern),
    model.ArticleRef: _string("Id of an article.", pattern=SLUG_RE.pattern),
    model.EventRef: _string("Id of an event.", pattern=SLUG_RE.pattern),
    model.QuestionRef: _string("Id of one of the dossier's questions.", pattern=SLUG_RE.pattern),
    model.Edtf: _string("EDTF date, e.g. 2024-08-15, 2024-08, 2024, 2024-08~, 2024-08-01/2024-08-07.", pattern=EDTF_PATTERN),
    model.Sha256: _string(pattern=SHA256_RE.pattern),
    model.TextHash: _string(pattern=TEXT_HASH_RE.pattern),
    model.Markdown: _string(minLength=1),
    str: _string(minLength=1),
}


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def type_schema(self, shape: Shape) -> dict[str, Any]:
        match shape:
            case Nullable(inner):
                return {"anyOf": [self.type_schema(inner), {"type": "null"}]}
            case ListOf(item, min_items):
                schema: dict[str, Any] = {"type": "array", "items": self.type_schema(item)}
                if min_items:
                    schema["minItems"] = min_items
                return schema
            case Choice(choices):
                return {"enum": list(choices)}
            case Flag():
                return {"type": "boolean"}
            case Integer(minimum, maximum):
                bounds = {"minimum": minimum, "maximum": maximum}
                return {"type": "integer", **{k: v for k, v in bounds.items() if v is not None}}
            case Bilingual():
                return self.record(model.Text)
            case Record(cls):
                return self.record(cls)
            case Marked(marker):
                return dict(_MARKER_SCHEMAS[marker])

    def record(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # reserve first: records may refer to each other
            fields = record_fields(cls)
            self.defs[name] = {
                "type": "object",
                "description": (cls.__doc__ or "").strip(),
                "properties": {spec.key: {"description": spec.doc, **self.type_schema(spec.shape)} for spec in fields},
                "required": [spec.key for spec in fields if spec.required],
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{name}"}


def file_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of content file."""
    files, holds = FILE_KINDS[kind]
    builder = _Builder()
    root = builder.record(holds.record)
    if holds.list_key is not None:
        root = {
            "type": "object",
            "properties": {holds.list_key: {"type": "array", "items": root}},
            "required": [holds.list_key],
            "additionalProperties": False,
        }
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"{kind}.schema.json",
        "title": f"Briefing {kind} file ({files})",
        **root,
        "$defs": dict(sorted(builder.defs.items())),
    }


def rendered_schemas() -> dict[str, str]:
    """File name -> JSON text, as checked in under schemas/."""
    return {
        f"{kind}.schema.json": json.dumps(file_schema(kind), ensure_ascii=False, indent=2) + "\n"
        for kind in FILE_KINDS
    }


def schema_comment(kind: str, depth: int) -> str:
    """The first line that points an editor's YAML support at the schema."""
    return f"# yaml-language-server: $schema={'../' * depth}schemas/{kind}.schema.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", type=Path, metavar="DIR", help="write the schemas into this folder")
    args = parser.parse_args(argv)
    for name, text in rendered_schemas().items():
        if args.write:
            args.write.mkdir(parents=True, exist_ok=True)
            (args.write / name).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(f"--- {name}\n{text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
