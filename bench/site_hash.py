"""`python -m bench.site_hash [--size bundled|S|M|L]`: build a dossier in a temporary project
and print one SHA-256 over every file of the built site (path and bytes), to show that a
refactoring changed no byte of what readers get."""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.__main__ import BUNDLED, REPO, TODAY, make_project
from bench.synthetic import SIZES


def site_digest(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        digest.update(path.relative_to(site).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.site_hash", description=__doc__)
    parser.add_argument("--size", choices=[BUNDLED, *sorted(SIZES)], default=BUNDLED)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="site-hash-") as folder:
        project = make_project(Path(folder) / "project", args.size)
        env = {**os.environ, "BRIEFING_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
        subprocess.run([sys.executable, str(REPO / "build.py"), "-q", "--project", str(project.root)], env=env, check=True)
        print(f"{args.size} {sum(1 for p in (project.root / 'site').rglob('*') if p.is_file())} files {site_digest(project.root / 'site')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
