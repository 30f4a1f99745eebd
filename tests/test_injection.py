"""Untrusted text stays text: script tags, event handlers and javascript: links placed in
every text field and in the raw articles never reach the built HTML as markup."""

from __future__ import annotations

import hashlib
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from conftest import OTHER_STORY, make_project, run_cli

MARK = "XSS-PROBE"
PAYLOAD = (
    f"</title></textarea><script>alert('{MARK}')</script> <img src=x onerror=\"alert('{MARK}')\"> "
    f"[click](javascript:alert('{MARK}')) <a href=\"javascript:alert('{MARK}')\">x</a> "
    f"<iframe src=\"https://evil.example/{MARK}\"></iframe> {{#{MARK.lower()}}} *{MARK}*"
)
# Keys whose strings are free text an editor (or an attacker) controls; ids, references,
# dates and choices are validated against strict patterns and cannot carry markup.
FREE_TEXT_KEYS = {"name", "note", "translation_en"}
# The dossier's title and description become the site's name and description, which the
# validator keeps free of markup characters (tested below).
SITE_KEYS = {"title", "description"}


def _poison(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        if set(value) == {"ar", "en"}:
            return {lang: f"{text} {PAYLOAD}" for lang, text in value.items()}
        return {k: _poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(item, key) for item in value]
    if isinstance(value, str) and key in FREE_TEXT_KEYS:
        return f"{value} {PAYLOAD}"
    return value


class _MarkupFinder(HTMLParser):
    """Collects every place where the probe became markup rather than text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_script = False
        self.json_ld = False
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_script = tag == "script"
        self.json_ld = ("type", "application/ld+json") in attrs
        for name, value in attrs:
            # Text inside an ordinary attribute (a meta description, a title) is still text;
            # what must never carry the probe is a handler or a URL the browser would follow.
            dangerous = name.startswith("on") or name in ("href", "src", "action", "formaction", "srcdoc")
            if name == "href" and (value or "").startswith("#"):
                dangerous = False  # a same-page anchor slugified from a heading: inert
            if dangerous and MARK.lower() in (value or "").lower():
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "img") and any(MARK in (v or "") for _, v in attrs):
            self.found.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and self.json_ld:
            # Data, not code: it must parse as JSON and hold no "<" that could end the element.
            json.loads(data)
            if "<" in data:
                self.found.append(f"<script type=application/ld+json> with '<': {data[:60]}")
        elif self.in_script and MARK in data:
            self.found.append(f"<script>{data[:60]}")


def test_no_text_field_reaches_the_html_as_markup(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", OTHER_STORY)
    content = project / "content"
    for path in content.rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        poisoned = _poison(data) if path.name != "dossier.yaml" else {k: v if k in SITE_KEYS else _poison(v, k) for k, v in data.items()}
        path.write_text(yaml.safe_dump(poisoned, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # Raw articles too: the payload in the text, cited by a quote so that it is highlighted.
    for article_yaml in sorted((content / "articles").glob("*.yaml")):
        article = yaml.safe_load(article_yaml.read_text(encoding="utf-8"))
        raw = content / "articles" / article["raw"]
        data = raw.read_bytes() + f"\n\n{PAYLOAD}\n".encode()
        raw.write_bytes(data)
        article["sha256"] = hashlib.sha256(data).hexdigest()
        article["quotes"].append(
            {"id": f"probe-{article['id']}", "speaker": article["quotes"][0]["speaker"], "excerpt": PAYLOAD, "translation_en": PAYLOAD}
        )
        article_yaml.write_text(yaml.safe_dump(article, allow_unicode=True, sort_keys=False), encoding="utf-8")

    result = run_cli(project)
    assert result.returncode == 0, result.stderr[-3000:]

    pages = sorted((project / "site").rglob("*.html"))
    shown = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        finder = _MarkupFinder()
        finder.feed(html)
        assert finder.found == [], page
        shown += html.count(MARK)
    assert shown > 100  # the probe is displayed, as text, all over the site
