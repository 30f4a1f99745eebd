"""`build.py find ARTICLE "words"`: where an article says something, verbatim, for an editor
writing an excerpt. The words are compared as the excerpt checks compare an excerpt that
is not found (briefing.excerpts: hamza forms, ى/ي, ة/ه, diacritics, tatweel, quotation
marks, punctuation and digits), so words typed on any keyboard find the passage, which is
printed as the article writes it, ready to paste."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from briefing.decode import ARTICLE_FILE, decode_document, suggest
from briefing.excerpts import ArticleText
from briefing.load import load_content
from briefing.model import Article


@dataclass(frozen=True)
class Found:
    """What `find` prints, and whether it found anything."""

    lines: list[str]
    found: bool


def _articles(content_dir: Path) -> dict[str, tuple[Article, str]]:
    """Every article that decodes, with its raw file's display path, by id."""
    loaded = load_content(content_dir)
    articles: dict[str, tuple[Article, str]] = {}
    for document in loaded.articles:
        for record in decode_document(document, ARTICLE_FILE).records:
            articles.setdefault(record.id, (record, (PurePosixPath(document.path).parent / record.raw).as_posix()))
    return articles


def _named(articles: dict[str, tuple[Article, str]], name: str) -> str | Found:
    """The id of the article an editor names: by id, or by its raw file's name or the start
    of it (the file names are what an editor sees, e.g. 000 for 000_6b306e1a.txt)."""
    if name in articles:
        return name
    by_file = [i for i, (_, raw) in articles.items() if PurePosixPath(raw).name.startswith(name)]
    if len(by_file) == 1:
        return by_file[0]
    known = ", ".join(sorted(articles)) if len(articles) <= 10 else f"{len(articles)} articles"
    hint = suggest(name, articles) or f" (known: {known})"
    return Found([f"no article is named {name!r}, by id or raw file name{hint}"], False)


def find_passages(project_root: Path, content_dir: Path, article: str, words: str) -> Found:
    articles = _articles(content_dir)
    article_id = _named(articles, article)
    if isinstance(article_id, Found):
        return article_id
    _, raw_path = articles[article_id]
    try:
        text = (project_root / raw_path).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        return Found([f"{raw_path}: cannot be read: {error}"], False)
    passages = ArticleText(text).matches(words)
    if not passages:
        return Found([f"no passage of article {article_id!r} ({raw_path}) matches {json.dumps(words, ensure_ascii=False)}"], False)
    lines = [f"{raw_path}:{p.line}:{p.column}: {json.dumps(p.verbatim, ensure_ascii=False)}" for p in passages]
    summary = "1 passage matches" if len(passages) == 1 else f"{len(passages)} passages match"
    lines.append(f"{summary} in article {article_id!r}; paste it as the excerpt")
    return Found(lines, True)
