"""Stage 1, load: read the content folder into YAML node trees that keep every line number.

We compose (not construct) YAML so that every value keeps its start mark; the validator
decodes the nodes and can point at the exact line and column of any mistake.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefing.errors import ContentError, Location
from briefing.limits import MAX_FILE_BYTES, megabytes

log = logging.getLogger(__name__)

# The C loader is several times faster; fall back to pure Python where libyaml is missing.
YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DOSSIER_FILE = "dossier.yaml"
ARTICLES_DIR = "articles"
EVENTS_DIR = "events"
ACTORS_DIR = "actors"


Parse = Callable[[bytes, str], tuple["yaml.Node | None", list[ContentError]]]
"""Composes one file's bytes, given its display path: `parse_yaml`, or a long-running
preview's cache of it (briefing.preview.ParseCache)."""


class YamlDocument:
    """One YAML file, composed into a node tree when its node is first read.

    Validation decodes one file at a time and then releases its tree: the node trees of a
    whole large dossier at once (every node with its marks) would be most of a build's
    peak memory. Reading the node after `release` composes the file again."""

    def __init__(self, path: str, kind: str, data: bytes, parse: Parse) -> None:
        self.path = path
        """The display path (relative to the project folder), as errors show it."""
        self.kind = kind
        """"dossier", or the folder the file is in: "articles", "events" or "actors"."""
        self._data = data
        self._parse = parse
        self._node: yaml.Node | None = None
        self._errors: list[ContentError] | None = None
        """The first parse's errors (None: not parsed yet)."""
        self._readable = False

    @property
    def node(self) -> yaml.Node | None:
        """The root node; None when the file cannot be read (`errors` says why)."""
        if self._errors is None:
            self._parse_first()
        elif self._node is None and self._readable:  # released, and read again
            self._node, _ = self._parse(self._data, self.path)
        return self._node

    @property
    def errors(self) -> list[ContentError]:
        """What is wrong with the file as YAML (parsed now if it was not yet)."""
        return self._errors if self._errors is not None else self._parse_first()

    @property
    def readable(self) -> bool:
        """Whether the file composes into a node tree (parsed now if it was not yet)."""
        if self._errors is None:
            self._parse_first()
        return self._readable

    def _parse_first(self) -> list[ContentError]:
        self._node, self._errors = self._parse(self._data, self.path)
        self._readable = self._node is not None
        return self._errors

    def release(self) -> None:
        """Let go of the node tree: its records are decoded, nothing reads it again."""
        self._node = None

    @property
    def data(self) -> bytes:
        """The file's bytes, as read."""
        return self._data


def position_in_scalar(source: str, at: Location, value: str, index: int) -> Location:
    """Where `value[index]` stands in the file's text, for a scalar whose value starts at
    `at`: its characters follow one another in the text, apart from an opening quote or
    block indicator, escapes, and line breaks with indentation where the value has a
    space, which are stepped over. `at` itself when the text cannot be followed."""
    lines = source.split("\n")
    if not 0 < at.line <= len(lines):
        return at
    position = sum(len(line) + 1 for line in lines[: at.line - 1]) + at.column - 1
    if source[position : position + 1] in ("|", ">"):
        position = source.find("\n", position) + 1  # a block scalar starts on the next line
    elif source[position : position + 1] in ("'", '"'):
        position += 1
    for char in value[:index]:
        if source[position : position + 1].isspace():  # a line break and indentation
            while position < len(source) and source[position].isspace():
                position += 1
            if char.isspace():
                continue
        found = source.find(char, position)
        if found < 0 or found - position > 8:  # an escape is a few characters at most
            return at
        position = found + 1
    while value[index : index + 1] and not value[index].isspace() and source[position : position + 1].isspace():
        position += 1
    line_start = source.rfind("\n", 0, position) + 1
    return Location(at.path, source.count("\n", 0, position) + 1, position - line_start + 1, at.key_path)


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
    file_errors: list[ContentError] = field(default_factory=list)
    """Files missing or refused: the content folder or the dossier file when it does not
    exist, a file that is not where content is read from, a symlink."""

    @property
    def documents(self) -> list[YamlDocument]:
        """Every YAML file, in the order they were read: the dossier, then by path."""
        return [*([self.dossier] if self.dossier else []), *self.actors, *self.articles, *self.events]

    @property
    def errors(self) -> list[ContentError]:
        """Every problem met in reading the content. Parses each file not parsed yet:
        validation reads this only once it has decoded them all."""
        return [*self.file_errors, *(error for document in self.documents for error in document.errors)]

    @property
    def unreadable(self) -> set[str]:
        """Kinds (articles, events, actors) with a file that could not be parsed: references
        into them cannot be checked, so the validator does not report them as unknown."""
        return {document.kind for document in self.documents if not document.readable}


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
    refused = _control_character(text, shown) or (_first_alias(text, shown) if "*" in text else None)
    if refused is not None:
        return None, [refused]
    try:
        node = yaml.compose(text, Loader=YamlLoader)
    except yaml.MarkedYAMLError as problem:
        return None, [_syntax_error(problem, text, shown)]
    except yaml.YAMLError as problem:
        return None, [ContentError(Location(shown, 1, 1), f"YAML syntax error: {str(problem).splitlines()[0]}")]
    if node is None:
        return None, [ContentError(Location(shown, 1, 1), "the file is empty")]
    errors: list[ContentError] = []
    _check_duplicate_keys(node, shown, errors)
    return node, errors


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
"""What YAML refuses in a file: control characters other than tab and line breaks."""


def _control_character(text: str, shown: str) -> ContentError | None:
    """A control character (a NUL from a bad copy, say), where it stands."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    at = found.start()
    line_start = text.rfind("\n", 0, at) + 1
    code = ord(found.group())
    name = unicodedata.name(found.group(), "NUL" if code == 0 else "a control character")
    return ContentError(
        Location(shown, text.count("\n", 0, at) + 1, at - line_start + 1),
        f"the character U+{code:04X} ({name}) is not allowed in YAML; delete it",
    )


_OPENING_QUOTE = re.compile(r"""(?:^|[:\-\[,{]\s*)(["'])""")


def _syntax_error(problem: yaml.MarkedYAMLError, text: str, shown: str) -> ContentError:
    """A syntax error where the editor must look: at a tab that indents, at a quote that is
    never closed (the parser only notices it lines later), else where the parser stopped."""
    mark = problem.problem_mark or problem.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    detail = problem.problem or "invalid YAML"
    lines = text.split("\n")
    stopped_at = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in stopped_at[: column] or "tab" in detail:
        tab = stopped_at.find("\t")
        column = tab + 1 if tab >= 0 else column
        return ContentError(Location(shown, line, column), "YAML syntax error: tab characters cannot indent YAML; use spaces")
    unclosed = _unclosed_quote(lines[:line])
    if unclosed is not None:
        quote_line, quote_column, quote = unclosed
        return ContentError(
            Location(shown, quote_line, quote_column),
            f"YAML syntax error: the {quote} opened here is never closed on its line "
            f"(the parser stopped at line {line}: {detail})",
        )
    return ContentError(Location(shown, line, column), f"YAML syntax error: {detail}")


def _unclosed_quote(lines: list[str]) -> tuple[int, int, str] | None:
    """The first line whose quoted value opens and does not close on it."""
    for number, line in enumerate(lines, 1):
        if line.lstrip().startswith("#"):
            continue
        opening = _OPENING_QUOTE.search(line)
        if opening is None:
            continue
        quote = opening.group(1)
        rest = line[opening.end():]
        closing = rest.replace("\\\\", "").replace('\\"', "") if quote == '"' else rest.replace("''", "")
        if quote not in closing:
            return number, opening.start(1) + 1, quote
    return None


def _first_alias(text: str, shown: str) -> ContentError | None:
    """An alias (`*name`) refused where it stands. Content has no use for them, and a few
    lines of aliases of aliases make a tree of billions of nodes (an "alias bomb") that
    would keep the build busy for minutes. The events are read without building a tree;
    a syntax error is left for the composer to report."""
    try:
        for event in yaml.parse(text, Loader=YamlLoader):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                return ContentError(
                    Location(shown, line, column),
                    f"YAML aliases (*{event.anchor}) are not allowed in content: write the value out in full",
                )
    except yaml.YAMLError:
        return None
    return None


def _is_yaml(name: str) -> bool:
    return name.lower().endswith((".yaml", ".yml"))


def _is_hidden(name: str) -> bool:
    """A file the system or an editor keeps beside the content (.DS_Store, .notes.yaml.swp,
    backup~): never read, never reported."""
    return any(part.startswith(".") for part in name.split("/")) or name.endswith("~")


def load_files(root: Path, content_dir: Path, files: dict[str, bytes], parse: Parse = parse_yaml) -> LoadedContent:
    """The content files given as bytes by path relative to the content folder, each parsed
    with `parse` when first used (YamlDocument).

    Separate from reading the disk so that tests and fuzzing can feed altered dossiers.
    """
    loaded = LoadedContent(root=root, content_dir=content_dir)
    prefix = display_path(content_dir, root)

    def shown(name: str) -> str:
        return f"{prefix}/{name}" if prefix not in ("", ".") else name

    if DOSSIER_FILE in files:
        loaded.dossier = YamlDocument(shown(DOSSIER_FILE), "dossier", files[DOSSIER_FILE], parse)
    else:
        loaded.file_errors.append(ContentError(Location(shown(DOSSIER_FILE), 0, 0), "the dossier file is missing"))
    targets = {ARTICLES_DIR: loaded.articles, EVENTS_DIR: loaded.events, ACTORS_DIR: loaded.actors}
    for name in sorted(files):
        kind, _, rest = name.partition("/")
        if kind not in targets or not rest or _is_hidden(rest):
            continue
        if _is_yaml(rest) and len(files[name]) > MAX_FILE_BYTES:
            loaded.file_errors.append(ContentError(Location(shown(name), 0, 0), (
                f"the file is {megabytes(len(files[name]))}, over the limit of {megabytes(MAX_FILE_BYTES)} "
                "for a content file: split it"
            )))
        elif _is_yaml(rest):
            targets[kind].append(YamlDocument(shown(name), kind, files[name], parse))
        elif kind == ARTICLES_DIR:
            loaded.raw_files[shown(name)] = files[name]
        else:
            loaded.file_errors.append(ContentError(
                Location(shown(name), 0, 0),
                f"only YAML files (.yaml) are read in {kind}/: rename it, or move it out of the content folder",
            ))
    log.debug("loaded %d articles, %d event files, %d actor files",
              len(loaded.articles), len(loaded.events), len(loaded.actors))
    return loaded


def read_content_files(content_dir: Path) -> dict[str, bytes]:
    """Every file of the content folder that the loader looks at, by relative path: the
    dossier and the files in articles/, events/ and actors/ and their sub-folders, but
    for symlinks (see _symlink_errors)."""
    return _walk_content(content_dir)[0]


def _walk_content(content_dir: Path) -> tuple[dict[str, bytes], list[Path]]:
    """In one walk: the files read_content_files returns, and the symlinks, which are not
    read (rglob does not go into a symlinked folder either)."""
    files: dict[str, bytes] = {}
    symlinks: list[Path] = []
    if (content_dir / DOSSIER_FILE).is_file():
        files[DOSSIER_FILE] = (content_dir / DOSSIER_FILE).read_bytes()
    for kind in (ARTICLES_DIR, EVENTS_DIR, ACTORS_DIR):
        for path in sorted((content_dir / kind).rglob("*")):
            if path.is_symlink():
                symlinks.append(path)
            elif path.is_file() and not _is_hidden(path.relative_to(content_dir / kind).as_posix()):
                files[path.relative_to(content_dir).as_posix()] = path.read_bytes()
    return files, symlinks


def _symlink_errors(symlinks: list[Path], root: Path) -> list[ContentError]:
    """A raw article or record must be a file of the project, never one from elsewhere on
    the machine that a build would publish."""
    message = (
        "a symlink is not read: content files must be regular files inside the content folder; copy the file here instead"
    )
    return [ContentError(Location(display_path(path, root), 0, 0), message) for path in symlinks]


def load_content(content_dir: Path, parse: Parse = parse_yaml) -> LoadedContent:
    """Read every content file; syntax problems become errors, nothing is raised. Each
    YAML file is parsed with `parse` when first used."""
    content_dir = content_dir.resolve()
    root = content_dir.parent
    if not content_dir.is_dir():
        loaded = LoadedContent(root=root, content_dir=content_dir)
        loaded.file_errors.append(
            ContentError(Location(display_path(content_dir, root), 0, 0), "the content folder does not exist")
        )
        return loaded
    files, symlinks = _walk_content(content_dir)
    loaded = load_files(root, content_dir, files, parse)
    loaded.file_errors.extend(_symlink_errors(symlinks, root))
    return loaded
