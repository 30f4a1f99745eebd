"""`build.py new article|event|actor`: write a valid, commented skeleton with a fresh id.

Each skeleton passes `build.py check` as written but for what only the editor can know:
its texts are TODO placeholders (which `build.py status` lists, and a build refuses), its
excerpt a whole sentence of the article, and its date the one given with --date or a TODO
that `check` reports: a skeleton never invents a fact (today is not an article's date).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefing.decode import SLUG_MAX, date_problem, slug_problem
from briefing.excerpts import normalise_whitespace
from briefing.load import ACTORS_DIR, ARTICLES_DIR, EVENTS_DIR, load_content
from briefing.model import ActorType
from briefing.schema import schema_comment

ACTOR_TYPES = ActorType.__args__  # type: ignore[attr-defined]
_SENTENCE_END = re.compile(r"[.!?؟۔]")


class ScaffoldError(Exception):
    """The skeleton cannot be written; the message says why and what to do."""


@dataclass(frozen=True)
class Written:
    """What `new` created."""

    path: Path
    record_id: str


_ARABIC_TO_LATIN = str.maketrans({
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h",
    "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t",
    "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
    "و": "w", "ؤ": "w", "ي": "y", "ئ": "y", "ى": "a", "ة": "a", "ء": "", "ـ": "",
    **{chr(0x0660 + n): str(n) for n in range(10)},
})
"""A plain transliteration, enough for an id an editor can read and type (ids are ASCII)."""


def slugify(text: str, fallback: str = "") -> str:
    """An id from a title or a file name (Arabic transliterated), cut at a word boundary;
    `fallback` before it when it does not start with a letter; '' when nothing is left."""
    latin = text.translate(_ARABIC_TO_LATIN).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", latin).strip("-")
    limit = SLUG_MAX - 4  # room for fresh_id's "-2"
    if len(slug) > limit:
        cut = slug[: limit + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:limit]
    if slug and not slug[0].isalpha():
        slug = f"{fallback}-{slug}" if fallback else ""
    return slug


def _checked(option: str, value: str, problem: Callable[[str], str | None]) -> str:
    """A command-line value checked as `check` checks the same value in a file."""
    found = problem(value) if value else None
    if found:
        raise ScaffoldError(f"{option}: {found}")
    return value


def _existing_ids(content_dir: Path) -> dict[str, set[str]]:
    """Ids already used, read from the YAML even if the content does not validate."""
    loaded = load_content(content_dir)
    return {
        ARTICLES_DIR: {found for document in loaded.articles if (found := _id_of(document.node)) is not None},
        EVENTS_DIR: _listed_ids(document.node for document in loaded.events),
        ACTORS_DIR: _listed_ids(document.node for document in loaded.actors),
    }


def _listed_ids(nodes: Iterable[yaml.Node | None]) -> set[str]:
    """The ids of the items of every top-level list (`events:`, `actors:`) in these files."""
    ids: set[str] = set()
    for node in nodes:
        for _, items in node.value if isinstance(node, yaml.MappingNode) else []:
            if isinstance(items, yaml.SequenceNode):
                ids.update(found for item in items.value if (found := _id_of(item)) is not None)
    return ids


def _id_of(node: yaml.Node | None) -> str | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == "id" and isinstance(value, yaml.ScalarNode):
                return str(value.value)
    return None


def fresh_id(base: str, taken: set[str], folder: Path) -> str:
    candidate, counter = base, 2
    while candidate in taken or (folder / f"{candidate}.yaml").exists():
        candidate, counter = f"{base}-{counter}", counter + 1
    return candidate


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _write_new(path: Path, text: str) -> None:
    if path.exists():
        raise ScaffoldError(f"{path} already exists; choose another id with --id")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def new_actor(content_dir: Path, name_en: str, name_ar: str = "", actor_type: str = "person", actor_id: str = "") -> Written:
    if actor_type not in ACTOR_TYPES:
        raise ScaffoldError(f"unknown actor type {actor_type!r}; expected one of {', '.join(ACTOR_TYPES)}")
    folder = content_dir / ACTORS_DIR
    base = slugify(name_en, "actor") or slugify(name_ar, "actor") or "new-actor"
    record_id = _checked("--id", actor_id, slug_problem) or fresh_id(base, _existing_ids(content_dir)[ACTORS_DIR], folder)
    text = f"""{schema_comment("actors", 2)}
# A new actor: replace each TODO, then run `python build.py check` and `python build.py status`.
actors:
  - id: {record_id}
    type: {actor_type}  # {" | ".join(ACTOR_TYPES)}
    name:
      ar: {_quoted(name_ar or "TODO: الاسم بالعربية")}
      en: {_quoted(name_en)}
    role:
      ar: "TODO: الصفة أو المنصب"
      en: "TODO: position or function"
    summary:
      ar: "TODO: نبذة قصيرة: من هو ولماذا يهم في هذا الملف"
      en: "TODO: a short profile: who they are and why they matter here"
    # affiliation: <id of the actor this one belongs to>
    # other_names:
    #   - {{name: <another spelling found in the articles>, lang: ar}}
"""
    path = folder / f"{record_id}.yaml"
    _write_new(path, text)
    return Written(path, record_id)


def _first_sentence(raw: str) -> str:
    """A passage that is verbatim in the article by construction: its first whole sentence
    (a line ending with a full stop, not the headline or the dateline above it), up to 300
    characters; else the first line of text, whole."""
    lines = [line.strip() for line in raw.splitlines() if len(line.strip()) >= 20 and not line.strip().startswith(("[", "#"))]
    for line in lines:
        end = _SENTENCE_END.search(line, 20)
        if end and end.start() < 300:
            return line[: end.start() + 1]
    if lines:
        first = lines[0]
        return first if len(first) <= 300 else first[:300].rsplit(" ", 1)[0]
    return normalise_whitespace(raw)[:300]


def new_event(content_dir: Path, article_id: str, date: str = "", title_en: str = "", event_id: str = "") -> Written:
    loaded = load_content(content_dir)
    article_node = next(
        (d for d in loaded.articles if any(getattr(k, "value", None) == "id" and getattr(v, "value", None) == article_id
                                           for k, v in getattr(d.node, "value", []))),
        None,
    )
    if article_node is None:
        raise ScaffoldError(f"no article with id {article_id!r}; see content/{ARTICLES_DIR}/*.yaml")
    fields = {getattr(k, "value", None): v for k, v in getattr(article_node.node, "value", [])}
    raw_name = getattr(fields.get("raw"), "value", "")
    raw_path = content_dir / ARTICLES_DIR / raw_name
    if not raw_name or not raw_path.is_file():
        raise ScaffoldError(f"the article {article_id!r} has no readable raw file")
    when = _checked("--date", date, date_problem) or "TODO"
    folder = content_dir / EVENTS_DIR
    dated = f"event-{re.sub(r'[^0-9]+', '-', date).strip('-')}" if date else ""
    base = slugify(title_en, "event") or dated or slugify(f"event-{article_id}")
    record_id = _checked("--id", event_id, slug_problem) or fresh_id(base, _existing_ids(content_dir)[EVENTS_DIR], folder)
    excerpt = _first_sentence(raw_path.read_text(encoding="utf-8"))
    text = f"""{schema_comment("events", 2)}
# A new event: replace each TODO and the excerpt (copy the supporting passage from the raw
# article, verbatim), then run `python build.py check` and `python build.py status`.
events:
  - id: {record_id}  # permanent: never reuse or rename once published
    date: {_quoted(when)}  # EDTF, as the articles give it: 2024-08-15, 2024-08, 2024, 2024-08~, 2024-08-01/2024-08-07
    status: occurred  # occurred | announced | planned | postponed | cancelled | ongoing | reported | denied
    importance: 2  # 1 background, 2 significant, 3 turning point
    title:
      ar: "TODO: عنوان الحدث في سطر واحد"
      en: {_quoted(title_en or "TODO: one-line headline")}
    summary:
      ar: "TODO: ما الذي حدث، في جملتين أو ثلاث"
      en: "TODO: what happened, in two or three sentences"
    sources:
      - article: {article_id}
        excerpt: {_quoted(excerpt)}
    actors: []  # e.g. - {{actor: <actor id>, role: participant}}
    # date_note: {{ar: "...", en: "how the date was established"}}
"""
    path = folder / f"{record_id}.yaml"
    _write_new(path, text)
    return Written(path, record_id)


def new_article(content_dir: Path, raw_file: Path, article_id: str = "", date: str = "") -> Written:
    if not raw_file.is_file():
        raise ScaffoldError(f"{raw_file} is not a file")
    data = raw_file.read_bytes()
    try:
        raw_text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ScaffoldError(f"{raw_file} is not UTF-8; convert it first (the raw text is kept byte for byte)") from None
    folder = content_dir / ARTICLES_DIR
    base = slugify(raw_file.stem, "article") or f"article-{hashlib.sha256(data).hexdigest()[:8]}"
    record_id = _checked("--id", article_id, slug_problem) or fresh_id(base, _existing_ids(content_dir)[ARTICLES_DIR], folder)
    # The raw file is named after the id: no space or other character a URL or shell trips on.
    target = folder / f"{record_id}{raw_file.suffix.lower() or '.txt'}"
    if target.exists():
        raise ScaffoldError(f"{target} already exists")
    headline = next((line.strip(" #") for line in raw_text.splitlines() if line.strip(" #")), "TODO")[:300]
    when = _checked("--date", date, date_problem) or "TODO"
    text = f"""{schema_comment("article", 2)}
# A new article: the raw text beside this file is kept byte for byte (its sha256 below).
# Replace each TODO, then run `python build.py check` and `python build.py status`.
id: {record_id}
raw: {target.name}
sha256: {hashlib.sha256(data).hexdigest()}
language: ar
outlet:
  name:
    ar: "TODO: اسم الوسيلة"
    en: "TODO: outlet name"
  basis:
    ar: "TODO: كيف عُرفت الوسيلة من النص"
    en: "TODO: how the outlet was identified from the text"
published:
  date: {_quoted(when)}  # EDTF, as the article gives it
  basis: inferred  # stated | inferred | header_disagrees
  reasoning:
    ar: "TODO: القرائن: التاريخ المذكور، أيام الأسبوع، أمس، هذا الشهر..."
    en: "TODO: the evidence: dateline, weekdays, 'yesterday', 'this month'..."
title:
  ar: {_quoted(headline)}  # the headline as published (check it)
  en: "TODO: English headline"
summary:
  ar: "TODO: ما الذي يورده المقال"
  en: "TODO: what the article reports"
key_points: []
notes: []  # e.g. - {{kind: scraping_artifact, text: {{ar: ..., en: ...}}, excerpt: "[ad_1]"}}
quotes: []  # e.g. - {{id: ..., speaker: <actor id>, excerpt: <verbatim>, translation_en: ...}}
"""
    path = folder / f"{record_id}.yaml"
    _write_new(path, text)
    shutil.copyfile(raw_file, target)
    return Written(path, record_id)
