"""The Nu Html Checker (vnu.jar, from the npm package vnu-jar) over built pages."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True)
class Message:
    """One error: where and what."""

    file: str
    line: int | None
    column: int | None
    text: str
    extract: str

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line or '?'}:{self.column or '?'}"

    def __str__(self) -> str:
        return f"{self.where}: {self.text}"


def grouped(messages: list[Message], per_text: int = 3) -> str:
    """The messages grouped by what they say, commonest first, with a few places each."""
    by_text: dict[str, list[Message]] = {}
    for message in messages:
        by_text.setdefault(message.text, []).append(message)
    lines = []
    for text, found in sorted(by_text.items(), key=lambda item: -len(item[1])):
        lines.append(f"{len(found)}x {text}")
        lines.extend(f"    {m.where}: {' '.join(m.extract.split())[:160]}" for m in found[:per_text])
        if len(found) > per_text:
            lines.append(f"    ... and {len(found) - per_text} more, in {len({m.file for m in found})} files in all")
    return "\n".join(lines)


def check(java: str, jar: Path, pages: list[Path], root: Path) -> tuple[list[Message], dict]:
    """Errors only (no warnings) for `pages`, with paths relative to `root`; and the raw report."""
    done = subprocess.run(
        [java, "-Xss2m", "-jar", str(jar), "--errors-only", "--format", "json", "--stdout", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise AssertionError(f"vnu.jar gave no JSON report (exit {done.returncode}):\n{done.stdout}\n{done.stderr}") from None
    messages = []
    for m in report.get("messages", []):
        if m.get("type") not in ("error", "non-document-error"):
            continue
        path = Path(unquote(urlsplit(m.get("url", "")).path))
        file = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        messages.append(Message(file, m.get("lastLine"), m.get("firstColumn"), m.get("message", ""), m.get("extract", "")))
    return messages, report
