"""No function longer than 60 lines (`make lint`): ruff counts complexity, not length.

Usage: python .ci/function_length.py FOLDER...  Lists each function over the limit as
`path:line: name is N lines (at most 60)` and exits 1 if there is one. A function may be
longer when its `def` line says why in a comment `# long: <reason>`.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

MAX_LINES = 60
REASON = "# long:"


def too_long(path: Path) -> Iterator[str]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    for node in ast.walk(ast.parse(source, str(path))):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        length = (node.end_lineno or node.lineno) - start + 1
        if length > MAX_LINES and REASON not in lines[node.lineno - 1]:
            yield f"{path}:{node.lineno}: {node.name} is {length} lines (at most {MAX_LINES})"


def main(folders: list[str]) -> int:
    found = [problem for folder in folders for path in sorted(Path(folder).rglob("*.py"))
             for problem in too_long(path)]
    for problem in found:
        print(problem)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
