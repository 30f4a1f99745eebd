"""Property-based fuzzing of the loader and validator (Hypothesis): whatever the editor
saves, the result is a built corpus or located content errors, never an exception.

Mutations start from the real bundled dossier; the random dossiers are built from the
model's own keys so that they get past the first checks and reach the deeper ones.
Bounded in examples and time so that CI stays fast.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from functools import lru_cache

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import model
from briefing.errors import ContentErrors
from briefing.exports import render_exports
from briefing.load import load_files, read_content_files
from briefing.model import link_corpus
from briefing.pages import render_pages
from briefing.validate import validate
from conftest import REPO

CONTENT = REPO / "content"
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
"""The number of examples comes from the profile (conftest.py): 120, or 30 under `make quick`."""
LOCATED = re.compile(r"^[^:\n]+:\d+:\d+: ")


@lru_cache(maxsize=1)
def _real_files() -> dict[str, bytes]:
    return read_content_files(CONTENT)


def _outcome(files: dict[str, bytes]) -> None:
    """Validate (and render when valid); only ContentErrors may escape, each one located."""
    try:
        corpus = link_corpus(validate(load_files(REPO, CONTENT, files)))
    except ContentErrors as failure:
        assert failure.errors
        for error in failure.errors:
            assert LOCATED.match(str(error)), str(error)
        return
    render_pages(corpus, REPO / "templates", dt.date(2026, 1, 1))
    render_exports(corpus, REPO / "templates", dt.date(2026, 1, 1))


SNIPPETS = ["", ":", "- ", "  ", "\t", "'", '"', "{", "[", "]", "}", "&a", "*a", "!!python/object:os.system", "~",
            "null", "yes", "2024-13-45", "../x", "\u202e", "\ufeff", "\x00", "ال", "#", "---", "...", "- id: x"]


@st.composite
def mutated_dossier(draw: st.DrawFn) -> dict[str, bytes]:
    files = dict(_real_files())
    yaml_names = sorted(name for name in files if name.endswith(".yaml"))
    name = draw(st.sampled_from(yaml_names + ["articles/000_6b306e1a5f0aeee4.txt"]))
    lines = files[name].decode("utf-8").split("\n")
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, max(len(lines) - 1, 0)))
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "splice", "swap", "truncate"]))
        if action == "delete" and lines:
            del lines[index]
        elif action == "duplicate" and lines:
            lines.insert(index, lines[index])
        elif action == "insert":
            lines.insert(index, draw(st.sampled_from(SNIPPETS)) + draw(st.text(max_size=12)))
        elif action == "splice" and lines:
            line = lines[index]
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + draw(st.sampled_from(SNIPPETS)) + line[at + draw(st.integers(0, 3)):]
        elif action == "swap" and len(lines) > 1:
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "truncate":
            lines = lines[:index]
    data = "\n".join(lines).encode("utf-8")
    if draw(st.booleans()) and draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]  # may cut a UTF-8 sequence in half
    files[name] = data
    return files


def _field_names() -> list[str]:
    names = {f.name for cls in vars(model).values() if dataclasses.is_dataclass(cls) for f in dataclasses.fields(cls)}
    return sorted(names | {"ar", "en"})


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=20),
    st.sampled_from(["2024-08", "2024-08~", "2024/2023", "2024-08-01/2024-08-07", "occurred", "person",
                     "ain-al-asad", "mohammed-shia-al-sudani", "almutalaa-2024-09-joint-statement"]),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(_field_names()), children, max_size=6),
    ),
    max_leaves=30,
)


@st.composite
def random_records(draw: st.DrawFn) -> dict[str, bytes]:
    files = dict(_real_files())
    kind = draw(st.sampled_from(["events", "actors"]))
    records = draw(st.lists(values, max_size=4))
    files[f"{kind}/zz-fuzz.yaml"] = yaml.safe_dump({kind: records}, allow_unicode=True).encode("utf-8")
    return files


@FUZZ
@given(mutated_dossier())
def test_mutated_dossiers_give_a_build_or_located_errors(files: dict[str, bytes]) -> None:
    _outcome(files)


@FUZZ
@given(random_records())
def test_random_records_give_a_build_or_located_errors(files: dict[str, bytes]) -> None:
    _outcome(files)


def test_the_unchanged_dossier_is_valid() -> None:
    validate(load_files(REPO, CONTENT, _real_files()))
