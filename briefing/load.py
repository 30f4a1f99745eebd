"""Stage 1, load: read the content folder into YAML node trees that keep every line number.

We compose (not construct) YAML so that every value keeps its start mark; the validator
decodes the nodes and can point at the exact line and column of any mistake.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefing.errors import ContentError, Location

log = logging.getLogger(__name__)

# The C loader is several times faster; fall back to pure Python where libyaml is missing.
YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DOSSIER_FILE = "dossier.yaml"
ARTICLES_DIR = "articles"
EVENTS_DIR = "events"
ACTORS_DIR = "actors"


@dataclass(frozen=True)
class YamlDocument:
    """One parsed YAML file: its display path and root node."""

    path: str
    node: yaml.Node


@dataclass
class LoadedContent:
    """Everything read from a content folder, before any validation."""

    root: Path
    """The project folder that display paths are relative to."""
    content_dir: Path
    dossier: YamlDocument | None = None
    articles: list[YamlDocument] = field(default_factory=list)
    events: list[YamlDocument] = field(default_factory=list)
    actors: list[YamlDocument] = field(default_factory=list)
    raw_files: dict[str, bytes] = field(default_factory=dict)
    """Bytes of every non-YAML file in articles/, by display path."""
    errors: list[ContentError] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)
    """Kinds (articles, events, actors) with a file that could not be parsed: references
    into them cannot be checked, so the validator does not report them as unknown."""


def display_path(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _decode_utf8(data: bytes, shown: str) -> tuple[str | None, ContentError | None]:
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        byte = data[error.start : error.start + 1].hex()
        return None, ContentError(
            Location(shown, line, column), f"the file is not valid UTF-8 (byte 0x{byte}); save it as UTF-8"
        )


def _check_duplicate_keys(node: yaml.Node, shown: str, errors: list[ContentError]) -> None:
    """YAML silently keeps the last of two equal keys; an editor almost never means that."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, yaml.Node] = {}
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        first = seen[key.value].start_mark
                        errors.append(
                            ContentError(
                                Location(shown, key.start_mark.line + 1, key.start_mark.column + 1),
                                f"duplicate key {key.value!r} (first at line {first.line + 1})",
                            )
                        )
                    else:
                        seen[key.value] = key
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def parse_yaml(data: bytes, shown: str) -> tuple[yaml.Node | None, list[ContentError]]:
    """Compose one YAML file into a node tree, or say exactly why it cannot be read."""
    text, error = _decode_utf8(data, shown)
    if error:
        return None, [error]
    assert text is not None
    try:
        node = yaml.compose(text, Loader=YamlLoader)
    except yaml.MarkedYAMLError as problem:
        mark = problem.problem_mark or problem.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = problem.problem or "invalid YAML"
        if "tab" in detail:
            detail = "tab characters cannot indent YAML; use spaces"
        return None, [ContentError(Location(shown, line, column), f"YAML syntax error: {detail}")]
    except yaml.YAMLError as problem:
        return None, [ContentError(Location(shown, 1, 1), f"YAML syntax error: {problem}")]
    if node is None:
        return None, [ContentError(Location(shown, 1, 1), "the file is empty")]
    errors: list[ContentError] = []
    _check_duplicate_keys(node, shown, errors)
    return node, errors


ParseMemo = dict[str, tuple[bytes, "yaml.Node | None", list[ContentError]]]
"""Files parsed before, by display path, with their bytes (see load_content)."""


def _parse_into(loaded: LoadedContent, shown: str, data: bytes, kind: str, memo: ParseMemo | None) -> yaml.Node | None:
    """The file's node tree; its errors go to `loaded`, and an unreadable file marks its kind."""
    remembered = memo.get(shown) if memo is not None else None
    if remembered is not None and remembered[0] == data:
        node, errors = remembered[1], remembered[2]
    else:
        node, errors = parse_yaml(data, shown)
        if memo is not None:
            memo[shown] = (data, node, errors)
    loaded.errors.extend(errors)
    if node is None:
        loaded.unreadable.add(kind)
    return node


def _add_yaml(loaded: LoadedContent, shown: str, data: bytes, kind: str, memo: ParseMemo | None) -> YamlDocument | None:
    node = _parse_into(loaded, shown, data, kind, memo)
    return YamlDocument(shown, node) if node is not None else None


@dataclass
class DeferredDocument:
    """A YAML file parsed only when validation reaches it, and let go of once decoded: the
    node trees of a whole large dossier at once (every node with its marks) were most of a
    build's peak memory. Its errors reach `loaded` when it is parsed."""

    path: str
    data: bytes
    kind: str
    loaded: LoadedContent
    memo: ParseMemo | None
    _node: yaml.Node | None = None
    _parsed: bool = False

    @property
    def node(self) -> yaml.Node | None:
        if not self._parsed:
            self._parsed = True
            self._node = _parse_into(self.loaded, self.path, self.data, self.kind, self.memo)
        return self._node

    def release(self) -> None:
        self._node = None


def _is_yaml(name: str) -> bool:
    return name.endswith((".yaml", ".yml"))


def load_files(
    root: Path, content_dir: Path, files: dict[str, bytes], memo: ParseMemo | None = None, deferred: bool = False
) -> LoadedContent:
    """Parse content files given as bytes by path relative to the content folder; with
    `deferred`, each when it is first used (DeferredDocument).

    Separate from reading the disk so that tests and fuzzing can feed altered dossiers.
    """
    loaded = LoadedContent(root=root, content_dir=content_dir)
    prefix = display_path(content_dir, root)

    def shown(name: str) -> str:
        return f"{prefix}/{name}" if prefix not in ("", ".") else name

    def add(name: str, kind: str) -> Any:
        if deferred:
            return DeferredDocument(shown(name), files[name], kind, loaded, memo)
        return _add_yaml(loaded, shown(name), files[name], kind, memo)

    if DOSSIER_FILE in files:
        loaded.dossier = add(DOSSIER_FILE, "dossier")
    else:
        loaded.errors.append(ContentError(Location(shown(DOSSIER_FILE), 0, 0), "the dossier file is missing"))
    targets = {ARTICLES_DIR: loaded.articles, EVENTS_DIR: loaded.events, ACTORS_DIR: loaded.actors}
    for name in sorted(files):
        kind, _, rest = name.partition("/")
        if kind not in targets or not rest or "/" in rest:
            continue
        if _is_yaml(rest):
            document = add(name, kind)
            if document:
                targets[kind].append(document)
        elif kind == ARTICLES_DIR:
            loaded.raw_files[shown(name)] = files[name]
    log.debug("loaded %d articles, %d event files, %d actor files",
              len(loaded.articles), len(loaded.events), len(loaded.actors))
    return loaded


def read_content_files(content_dir: Path) -> dict[str, bytes]:
    """Every file of the content folder that the loader looks at, by relative path."""
    files: dict[str, bytes] = {}
    if (content_dir / DOSSIER_FILE).is_file():
        files[DOSSIER_FILE] = (content_dir / DOSSIER_FILE).read_bytes()
    for kind in (ARTICLES_DIR, EVENTS_DIR, ACTORS_DIR):
        folder = content_dir / kind
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.is_file() and (kind == ARTICLES_DIR or _is_yaml(path.name)):
                    files[f"{kind}/{path.name}"] = path.read_bytes()
    return files


def load_content(content_dir: Path, memo: ParseMemo | None = None, deferred: bool = False) -> LoadedContent:
    """Read every content file; syntax problems become errors, nothing is raised.

    With a memo (kept by a long-running preview), a file whose bytes are the same as last
    time is not parsed again: the same node tree is returned, which also lets validation
    reuse what it decoded from it."""
    content_dir = content_dir.resolve()
    root = content_dir.parent
    if not content_dir.is_dir():
        loaded = LoadedContent(root=root, content_dir=content_dir)
        loaded.errors.append(
            ContentError(Location(display_path(content_dir, root), 0, 0), "the content folder does not exist")
        )
        return loaded
    return load_files(root, content_dir, read_content_files(content_dir), memo, deferred)
