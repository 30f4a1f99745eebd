"""The speed room of a long-running preview (`mkdocs serve`): what it remembers from one
rebuild to the next, so that a rebuild parses only the files an edit touched.

A one-off build has none of this: it would only hold every node tree in memory to the
end for nothing.
"""

# Note for the integration: the Preview class (today in briefing.pipeline) moves here,
# owning this cache (`load_content(content_dir, preview.parse)`) with its decode cache.

from __future__ import annotations

import yaml

from briefing.errors import ContentError
from briefing.load import parse_yaml


class ParseCache:
    """`parse_yaml`, remembered by display path: a file whose bytes are the same as last
    time gets the very node tree it got then, which also lets the preview's decode cache
    recognise it (by identity) and skip decoding it again."""

    def __init__(self) -> None:
        self._files: dict[str, tuple[bytes, yaml.Node | None, list[ContentError]]] = {}

    def __call__(self, data: bytes, shown: str) -> tuple[yaml.Node | None, list[ContentError]]:
        remembered = self._files.get(shown)
        if remembered is not None and remembered[0] == data:
            return remembered[1], remembered[2]
        node, errors = parse_yaml(data, shown)
        self._files[shown] = (data, node, errors)
        return node, errors
