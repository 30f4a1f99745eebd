"""JSON Schemas for each kind of content file, generated from the model.

Editors' YAML files name their schema in a first-line comment
(`# yaml-language-server: $schema=...`), which gives completion and inline errors in common
editors. `python -m briefing.schema --write schemas` regenerates the checked-in copies; a
test fails when they are out of date. The validator stays the authority: the schemas
cannot express cross-file checks (references, excerpts, hashes).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import types
import typing
from pathlib import Path
from typing import Any, Literal

from briefing import model
from briefing.dates import _SINGLE
from briefing.validate import SHA256_RE, SLUG_MAX, SLUG_RE, TEXT_HASH_RE

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
EDTF_PATTERN = rf"^{_SINGLE}(/{_SINGLE})?$".replace("?P<y>", "").replace("?P<m>", "").replace("?P<d>", "").replace("?P<q>", "")

FILE_KINDS: dict[str, tuple[str, type]] = {
    "dossier": ("content/dossier.yaml", model.Dossier),
    "article": ("content/articles/*.yaml", model.Article),
    "events": ("content/events/*.yaml", model.Event),
    "actors": ("content/actors/*.yaml", model.Actor),
}
"""Schema name -> (files it describes, record class). Events and actors files hold a list."""


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

    def type_schema(self, hint: Any, meta: dict[str, Any]) -> dict[str, Any]:
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            inner = next(a for a in typing.get_args(hint) if a is not type(None))
            return {"anyOf": [self.type_schema(inner, meta), {"type": "null"}]}
        if origin is tuple:
            schema: dict[str, Any] = {"type": "array", "items": self.type_schema(typing.get_args(hint)[0], {})}
            if meta.get("min_items"):
                schema["minItems"] = meta["min_items"]
            return schema
        if origin is Literal:
            return {"enum": list(typing.get_args(hint))}
        if hint is int:
            bounds = {k: meta[k] for k in ("minimum", "maximum") if k in meta}
            return {"type": "integer", **bounds}
        if dataclasses.is_dataclass(hint):
            return self.record(hint)
        return dict(_MARKER_SCHEMAS[hint])

    def record(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # reserve first: records may refer to each other
            hints = typing.get_type_hints(cls)
            properties: dict[str, Any] = {}
            required: list[str] = []
            for spec in dataclasses.fields(cls):
                if not spec.metadata.get("decode", True):
                    continue
                yaml_key = spec.metadata.get("yaml_key", spec.name)
                properties[yaml_key] = {"description": spec.metadata["doc"], **self.type_schema(hints[spec.name], dict(spec.metadata))}
                if spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
                    required.append(yaml_key)
            self.defs[name] = {
                "type": "object",
                "description": (cls.__doc__ or "").strip(),
                "properties": properties,
                "required": required,
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{name}"}


def file_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of content file."""
    files, cls = FILE_KINDS[kind]
    builder = _Builder()
    root = builder.record(cls)
    if kind in ("events", "actors"):
        root = {
            "type": "object",
            "properties": {kind: {"type": "array", "items": root}},
            "required": [kind],
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
