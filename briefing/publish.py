"""Stage 5, publish: write generated Markdown, run MkDocs into a temporary folder, swap it in.

Generation writes only files whose bytes changed and removes stale ones, so `mkdocs serve`
sees exactly the pages an edit touched and never loops. The site is built beside `site/`
and swapped in only when MkDocs succeeded: a failed build leaves the old site as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

KEEP_FILES = {".gitkeep"}
"""Files in the generated folder that are not ours to delete."""


@dataclass(frozen=True)
class WriteReport:
    """What a generation pass did on disk."""

    written: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write only when the bytes differ. A page that exists is replaced through a temporary
    file, so that a reader never sees half of it; a new page is simply written (into an
    empty docs folder, the temporary files doubled the cost of writing)."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return True
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return True


def write_pages(folder: Path, files: Mapping[str, bytes | str]) -> list[str]:
    """Write the files whose bytes differ (text as UTF-8, encoded a file at a time: a large
    site's pages encoded all at once were a fifth of generation's peak memory); the names
    of those written."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        name
        for name, data in sorted(files.items())
        if write_if_changed(folder / name, data.encode("utf-8") if isinstance(data, str) else data)
    ]


def remove_stale(folder: Path, keep: Collection[str]) -> list[str]:
    """Remove every file under `folder` not named in `keep` (and emptied folders).
    Walked with os.walk, deepest folders first: Path.rglob with a stat of every path was
    a twentieth of a large generation."""
    removed: list[str] = []
    top = str(folder)
    for directory, _, files in os.walk(top, topdown=False):
        relative_dir = os.path.relpath(directory, top)
        prefix = "" if relative_dir == "." else relative_dir.replace(os.sep, "/") + "/"
        for name in files:
            relative = prefix + name
            if relative not in keep and name not in KEEP_FILES:
                os.unlink(os.path.join(directory, name))
                removed.append(relative)
        if directory != top and not os.listdir(directory):
            os.rmdir(directory)
    return sorted(removed, reverse=True)


def sync_tree(folder: Path, files: Mapping[str, bytes | str]) -> WriteReport:
    """Make `folder` hold exactly `files`, touching only what differs."""
    written = write_pages(folder, files)
    removed = remove_stale(folder, files)
    return WriteReport(tuple(written), tuple(removed), len(files) - len(written))


def write_data(site_dir: Path, data: dict[str, bytes]) -> None:
    for name, payload in data.items():
        target = site_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(payload)


def build_into_temporary(site_dir: Path) -> Path:
    """A fresh folder beside the site (same file system, so the swap is a rename)."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    for stale in site_dir.parent.glob(f".{site_dir.name}.building-*"):
        # Left by a build that was killed: never published, safe to remove.
        shutil.rmtree(stale, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))


def swap_in(built: Path, site_dir: Path) -> None:
    """Replace the published site with the freshly built one."""
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
        os.replace(site_dir, old)
    os.replace(built, site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
