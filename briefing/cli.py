"""Command line: `python build.py [build|check] [--project DIR]`."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from briefing import pipeline
from briefing.errors import ContentErrors


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Validate the dossier in content/ and build the Arabic and English site into site/.",
    )
    parser.add_argument(
        "command",
        nargs="?",
        default="build",
        choices=["build", "check"],
        help="build (default): validate, generate and build the site; check: validate only",
    )
    parser.add_argument(
        "--project",
        type=Path,
        default=Path(__file__).resolve().parent.parent,  # the folder of build.py
        help="project folder holding mkdocs.yml, content/ and templates/ (default: this one)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING if args.quiet else logging.INFO,
        format="%(levelname)-7s -  %(message)s",
    )
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    project = pipeline.Project(args.project.resolve())
    try:
        if args.command == "check":
            corpus = pipeline.check(project)
            print(
                f"content is valid: {len(corpus.articles)} articles, {len(corpus.events)} events, "
                f"{len(corpus.actors)} actors, {sum(len(a.quotes) for a in corpus.articles)} quotes"
            )
            return 0
        from mkdocs.exceptions import MkDocsException

        try:
            generation = pipeline.build_site(project)
        except MkDocsException as failure:
            print(f"build failed, site/ left unchanged: {failure}", file=sys.stderr)
            return 1
        print(f"built {len(generation.site.pages)} pages into {project.root / 'site'}")
        return 0
    except ContentErrors as failure:
        print(failure.report(), file=sys.stderr)
        return 1
