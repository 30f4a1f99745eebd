"""Command line: `python build.py [build|publish|check|status|find|new ...] [--project DIR]`."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from briefing import pipeline, scaffold
from briefing.audit import audit as audit_sample
from briefing.errors import ContentErrors
from briefing.exports import render_exports
from briefing.find import find_passages
from briefing.load import LoadedContent, load_content
from briefing.pages import render_pages
from briefing.status import placeholder_errors, translation_status
from briefing.templating import TemplateFailure

DEFAULT_PROJECT = Path(__file__).resolve().parent.parent  # the folder of build.py


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: the options may stand before or after the command without a subcommand's
    # default overwriting what was given before it.
    common.add_argument(
        "--project",
        type=Path,
        default=argparse.SUPPRESS,
        help="project folder holding mkdocs.yml, content/ and templates/ (default: this one)",
    )
    common.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="print errors only")
    site_url = argparse.ArgumentParser(add_help=False)
    site_url.add_argument(
        "--site-url",
        default=argparse.SUPPRESS,
        help="the published address, https://…/ (default: site_url in mkdocs.yml); gives the sitemaps and feed links",
    )
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Validate the dossier in content/ and build the Arabic and English site into site/.",
        parents=[common, site_url],
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("build", parents=[common, site_url], help="validate, generate and build the site (the default)")
    commands.add_parser(
        "publish", parents=[common, site_url], help="build for publishing: as build, and a site_url is required"
    )
    check = commands.add_parser("check", parents=[common], help="validate only")
    check.add_argument(
        "--pages", action="store_true", help="also render every page (without MkDocs, nothing written): a template that fails is reported"
    )
    commands.add_parser("status", parents=[common], help="list missing, stale and placeholder translations")
    find = commands.add_parser(
        "find", parents=[common], help="where an article says some words, verbatim, ready to paste as an excerpt"
    )
    find.add_argument("article", help="the article's id")
    find.add_argument("words", help="the words, as you would type them (hamza, ى/ي, ة/ه, diacritics may differ)")
    audit = commands.add_parser(
        "audit", parents=[common], help="print a random sample of records with the raw passages they cite, to review"
    )
    audit.add_argument("--sample", type=_positive, default=20, metavar="N", help="how many records (default 20)")
    audit.add_argument("--seed", type=int, default=None, metavar="S", help="the same seed draws the same sample (default: drawn and printed)")
    new = commands.add_parser("new", parents=[common], help="write a valid skeleton with a fresh id")
    kinds = new.add_subparsers(dest="kind", metavar="KIND", required=True)
    article = kinds.add_parser("article", parents=[common], help="import a raw article (.txt, UTF-8)")
    article.add_argument("raw_file", type=Path, help="the raw text file to copy into content/articles/")
    article.add_argument("--id", default="", help="article id (default: from the file name, Arabic transliterated)")
    article.add_argument("--date", default="", help="publication date, EDTF (default: TODO, which check reports until written)")
    event = kinds.add_parser("event", parents=[common], help="a new event citing an article")
    event.add_argument("--article", required=True, help="id of the article that supports it")
    event.add_argument("--date", default="", help="EDTF date (default: TODO, which check reports until written)")
    event.add_argument("--title", default="", help="English headline (also gives the id)")
    event.add_argument("--id", default="", help="event id (default: from the title or the date)")
    actor = kinds.add_parser("actor", parents=[common], help="a new actor")
    actor.add_argument("--name", required=True, help="English name (also gives the id)")
    actor.add_argument("--name-ar", default="", help="Arabic name")
    actor.add_argument("--type", default="person", choices=scaffold.ACTOR_TYPES, help="kind of actor")
    actor.add_argument("--id", default="", help="actor id (default: from the name)")
    return parser


def _status(project: pipeline.Project) -> int:
    loaded = load_content(project.content_dir)
    for error in loaded.errors:
        print(error, file=sys.stderr)
    items = translation_status(loaded)
    for item in items:
        print(item)
    counts = {kind: sum(1 for i in items if i.kind == kind) for kind in ("missing", "stale", "placeholder")}
    if items:
        print(f"{counts['missing']} missing, {counts['stale']} stale, {counts['placeholder']} placeholder texts")
    else:
        print("every text is in both languages, and no tracked translation is stale")
    return 1 if loaded.errors else 0


def _files_read(loaded: LoadedContent) -> str:
    """What `check` read, file by kind, so that a file it did not read shows."""

    def files(count: int, kind: str) -> str:
        return f"{count} {kind} file{'s' if count != 1 else ''}"

    return (
        f"{loaded.dossier.path if loaded.dossier else 'no dossier'}, {files(len(loaded.articles), 'article')} "
        f"with {len(loaded.raw_files)} raw text{'s' if len(loaded.raw_files) != 1 else ''}, "
        f"{files(len(loaded.events), 'events')}, {files(len(loaded.actors), 'actors')}"
    )


def _new(project: pipeline.Project, args: argparse.Namespace) -> int:
    content = project.content_dir
    try:
        if args.kind == "article":
            written = scaffold.new_article(content, args.raw_file, args.id, args.date)
        elif args.kind == "event":
            written = scaffold.new_event(content, args.article, args.date, args.title, args.id)
        else:
            written = scaffold.new_actor(content, args.name, args.name_ar, args.type, args.id)
    except scaffold.ScaffoldError as problem:
        print(f"nothing written: {problem}", file=sys.stderr)
        return 1
    shown = written.path.relative_to(project.root) if written.path.is_relative_to(project.root) else written.path
    print(f"wrote {shown} ({args.kind} {written.record_id}); replace its TODOs, then run: python build.py check")
    return 0


def _find(project: pipeline.Project, args: argparse.Namespace) -> int:
    found = find_passages(project.root, project.content_dir, args.article, args.words)
    print("\n".join(found.lines), file=sys.stdout if found.found else sys.stderr)
    return 0 if found.found else 1


def _audit(project: pipeline.Project, args: argparse.Namespace) -> int:
    try:
        corpus = pipeline.check(project)
    except ContentErrors as failure:
        print(failure.report(), file=sys.stderr)
        return 1
    print("\n".join(audit_sample(corpus, args.sample, args.seed)[1]))
    return 0


_TOOLS: dict[str, Callable[[pipeline.Project, argparse.Namespace], int]] = {
    "status": lambda project, _: _status(project),
    "new": lambda project, args: _new(project, args),
    "find": _find,
    "audit": _audit,
}
"""The commands that neither validate for a build nor build: they report on the content."""


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def main(argv: list[str] | None = None) -> int:
    try:
        return _run(argv)
    except KeyboardInterrupt:
        # The build's folders are removed on the way out (briefing.write.staged_folder).
        print("interrupted: site/ left unchanged", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader's pager or `head` has all it wanted (`build.py audit | head`): no traceback,
        # and nothing more written to the closed pipe when Python flushes on exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _run(argv: list[str] | None) -> int:
    args = _parser().parse_args(argv)
    command = args.command or "build"
    logging.basicConfig(
        level=logging.WARNING if getattr(args, "quiet", False) else logging.INFO,
        format="%(levelname)-7s -  %(message)s",
    )
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    project = pipeline.Project(getattr(args, "project", DEFAULT_PROJECT).resolve())
    tool = _TOOLS.get(command)
    if tool is not None:
        return tool(project, args)
    try:
        if command == "check":
            corpus = pipeline.check(project)
            print(
                f"content is valid: {len(corpus.articles)} articles, {len(corpus.events)} events, "
                f"{len(corpus.actors)} actors, {sum(len(a.quotes) for a in corpus.articles)} quotes"
            )
            loaded = load_content(project.content_dir)
            print(f"read {_files_read(loaded)}")
            placeholders = placeholder_errors(loaded)
            if placeholders:
                print(f"{len(placeholders)} TODO placeholder{'s' if len(placeholders) != 1 else ''} left: "
                      "a published build refuses them (python build.py status lists them)")
            if args.pages:
                pages = render_pages(corpus, project.templates_dir, pipeline.today())
                render_exports(corpus, project.templates_dir, pipeline.today())
                print(f"every template renders: {len(pages)} pages and the exports")
            return 0
        from briefing import engine  # MkDocs is imported only for a build

        try:
            generation = pipeline.build_site(
                project, engine, getattr(args, "site_url", None), publishing=command == "publish"
            )
        except pipeline.BuildFailure as failure:
            print(f"build failed, site/ left unchanged: {failure}", file=sys.stderr)
            return 1
        print(f"built {len(generation.pages)} pages into {project.root / 'site'}")
        return 0
    except ContentErrors as failure:
        print(failure.report(), file=sys.stderr)
        return 1
    except TemplateFailure as failure:
        left = "" if command == "check" else ", site/ left unchanged"
        print(f"a template failed{left}: {failure}", file=sys.stderr)
        return 1
