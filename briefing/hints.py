"""The one reading of the model's type hints: what kind of value each record field holds.

The decoder (briefing.decode), the JSON Schema export (briefing.schema) and the content
reference (briefing.reference) all dispatch on the shapes given here, so that a new kind
of field is taught to them in one place and the three cannot disagree about a field.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, TypeAlias

from briefing.model import Text


@dataclass(frozen=True)
class Nullable:
    """`X | None`: the value may be left empty (null)."""

    inner: Shape


@dataclass(frozen=True)
class ListOf:
    """`tuple[X, ...]`: a YAML list."""

    item: Shape
    min_items: int = 0


@dataclass(frozen=True)
class Choice:
    """A `Literal`: one of a few fixed words."""

    choices: tuple[str, ...]


@dataclass(frozen=True)
class Bilingual:
    """`model.Text`: a text in both languages, with its translation tracking."""


@dataclass(frozen=True)
class Record:
    """A record dataclass: a mapping of its fields."""

    cls: type


@dataclass(frozen=True)
class Integer:
    """`int`, within the field's bounds when it has them."""

    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class Flag:
    """`bool`: YAML's true or false."""


@dataclass(frozen=True)
class Marked:
    """`str`, or one of the model's NewTypes of it (Slug, Edtf...): a text checked by its marker."""

    marker: object


Shape: TypeAlias = Nullable | ListOf | Choice | Bilingual | Record | Integer | Flag | Marked


def shape_of(hint: Any, metadata: Mapping[str, Any] | None = None) -> Shape:
    """What a value of this type hint is; `metadata` is its field's (bounds, minimum items)."""
    meta = metadata or {}
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = next(arg for arg in typing.get_args(hint) if arg is not type(None))
        return Nullable(shape_of(inner, meta))
    if origin is tuple:
        return ListOf(shape_of(typing.get_args(hint)[0]), meta.get("min_items", 0))
    if origin is Literal:
        return Choice(typing.get_args(hint))
    if hint is Text:
        return Bilingual()
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return Record(hint)
    if hint is bool:
        return Flag()
    if hint is int:
        return Integer(meta.get("minimum"), meta.get("maximum"))
    return Marked(hint)


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record as content files write it."""

    name: str
    """The attribute of the record class."""
    key: str
    """The YAML key (the same as `name` except for Text's `from` and `hash`)."""
    shape: Shape
    required: bool
    default: Any
    """The default when not required (`dataclasses.MISSING` for a default factory)."""
    doc: str


@cache
def record_fields(cls: type) -> tuple[FieldSpec, ...]:
    """The fields a content file may give for this record class, in declaration order.
    Worked out once per class: resolving string annotations costs more than decoding a record."""
    hints = typing.get_type_hints(cls)
    return tuple(
        FieldSpec(
            name=spec.name,
            key=spec.metadata.get("yaml_key", spec.name),
            shape=shape_of(hints[spec.name], spec.metadata),
            required=spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING,
            default=spec.default,
            doc=spec.metadata["doc"],
        )
        for spec in dataclasses.fields(cls)
        if spec.metadata.get("decode", True)
    )
