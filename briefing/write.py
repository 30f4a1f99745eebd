"""Stage 6, write: the only code that touches the output folders (like Pelican's Writer).

The generated pages (build/pages): only files whose bytes changed are written and stale
ones removed, so `mkdocs serve` sees exactly the pages an edit touched and never loops.
The site: built in a folder beside `site/` and swapped in only when the whole build
succeeded, so a failed build leaves the old site as it was; each search bundle is staged
and swapped in the same way. MkDocs writes the HTML pages it builds, into the folder it
is given.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

Label = TypeVar("Label", bound=str)

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
    file, so that a reader never sees half of it; a new page is written directly (no
    reader can have it open, and the temporary files would double the cost of writing)."""
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
    """Write the files whose bytes differ; the names of those written. Text is encoded a
    file at a time: a large site's pages encoded all at once weigh on the peak memory."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        name
        for name, data in sorted(files.items())
        if write_if_changed(folder / name, data.encode("utf-8") if isinstance(data, str) else data)
    ]


def remove_pages(folder: Path, names: Iterable[str]) -> None:
    """Remove the named files (those of pages that no longer exist)."""
    for name in names:
        (folder / name).unlink(missing_ok=True)


def remove_stale(folder: Path, keep: Collection[str]) -> list[str]:
    """Remove every file under `folder` not named in `keep` (and emptied folders).
    Walked with os.walk, deepest folders first, which stats no path it does not need."""
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


def write_files(folder: Path, files: Mapping[str, bytes]) -> None:
    """Write files into a folder being built (the exports, feeds, sitemaps, robots.txt)."""
    for name, payload in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(payload)


class StagedFolder:
    """A folder being built beside the one it will replace (see `staged_folder`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.sizes: list[int] = []
        """The size of each file written with `write`."""
        self._made: set[Path] = set()

    def write(self, path: Path, content: bytes) -> None:
        """Write a file inside the folder (its folders made once each)."""
        if path.parent not in self._made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(path.parent)
        path.write_bytes(content)
        self.sizes.append(len(content))


@contextmanager
def staged_folder(target: Path, scratch: Path | None = None) -> Iterator[StagedFolder]:
    """A new empty folder that replaces `target` as a whole when the block ends without an
    error, and is removed when it fails: a reader never sees half of it.

    It is made in a folder of its own inside `scratch` (the project's one place for a
    build's temporary folders; beside `target` without one), which the block may use for
    other temporary folders too: the build's leftovers are that one folder, which the next
    build removes. On the same file system as `target`, so that the swap is a rename."""
    home = scratch if scratch is not None and _same_device(scratch, target.parent) else target.parent
    home.mkdir(parents=True, exist_ok=True)
    _repair(target, home)
    own = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=home))
    staged = own / target.name
    staged.mkdir()
    try:
        yield StagedFolder(staged)
        _readable_by_all(staged)
        _swap_in(staged, target, own)
    finally:
        shutil.rmtree(own, ignore_errors=True)


def _same_device(folder: Path, other: Path) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    other.mkdir(parents=True, exist_ok=True)
    return folder.stat().st_dev == other.stat().st_dev


def _repair(target: Path, home: Path) -> None:
    """Undo what a killed build left in `home`: a published folder moved aside and not yet
    replaced goes back in place, and every other leftover is removed (never published)."""
    leftovers = sorted(home.glob(f".{target.name}.building-*"), key=lambda path: path.stat().st_mtime)
    moved_aside = [folder / _ASIDE for folder in leftovers if (folder / _ASIDE).is_dir()]
    if not target.exists() and moved_aside:
        os.replace(moved_aside[-1], target)
    for leftover in leftovers:
        shutil.rmtree(leftover, ignore_errors=True)


_ASIDE = "published"
"""Inside a build's own folder: the published folder, moved aside during the swap."""


def _readable_by_all(folder: Path) -> None:
    """Folders 0755 and files 0644, whatever the umask: any web server or upload can serve
    them (a staging folder is made 0700)."""
    folder.chmod(0o755)
    for parent, folders, files in os.walk(folder):
        for name in folders:
            os.chmod(os.path.join(parent, name), 0o755)
        for name in files:
            os.chmod(os.path.join(parent, name), 0o644)


def _swap_in(built: Path, target: Path, own: Path) -> None:
    """Two renames; a build killed between them leaves the published folder in `own`,
    where the next build's _repair finds it."""
    if target.exists():
        os.replace(target, own / _ASIDE)
    os.replace(built, target)


@contextmanager
def folders_beside(target: Path, labels: Iterable[Label]) -> Iterator[dict[Label, Path]]:
    """A new empty folder beside `target` for each label, removed at the end with whatever
    is left in it (see `move_into`)."""
    folders: dict[Label, Path] = {}
    try:
        for label in labels:
            folders[label] = Path(tempfile.mkdtemp(prefix=f"{target.name}.{label}-", dir=target.parent))
        yield folders
    finally:
        for folder in folders.values():
            shutil.rmtree(folder, ignore_errors=True)


def move_into(source: Path, target: Path) -> None:
    """Move a folder's content into another that may already hold some files."""
    if not target.exists():
        source.rename(target)
        return
    for child in source.iterdir():
        destination = target / child.name
        if child.is_dir() and destination.is_dir():
            move_into(child, destination)
        else:
            os.replace(child, destination)
