"""Every kind of call a template makes, and what the generation speed-ups must leave as it
was: the cycle collector's state after generation. (That the two processes write the same
pages as one is checked on whole built sites, in test_site.py.)"""

from __future__ import annotations

import datetime as dt
import gc
import shutil
from pathlib import Path

import pytest
from jinja2 import pass_context
from jinja2.runtime import Context

from briefing import pipeline
from briefing.errors import ContentErrors
from briefing.load import load_content
from briefing.model import link_corpus
from briefing.templating import Templates, Wording, Words
from briefing.validate import validate
from conftest import FIXED_TODAY, OTHER_STORY, REPO, make_project

# Helpers and macros called in a loop (Jinja passes loop variables to such calls), a macro
# with a caller block, and a global that asks for the context.
CALLS_TEMPLATE = """\
{% macro item(w, x) %}<{{ x }}{{ w.t("comma") }}>{% endmacro %}
{% macro wrap() %}[{{ caller() }}]{% endmacro %}
{% for x in [1, 2] %}{{ item(w, x) }}{{ w.url("actors") }}|{% endfor %}
{% call wrap() %}{{ w.text(dossier.title) }}{% endcall %}
{{ language_of_page() }}
"""


def test_templates_reach_helpers_macros_callers_and_context_functions(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    shutil.copy(REPO / "templates" / "strings.yaml", templates / "strings.yaml")
    (templates / "calls.md.j2").write_text(CALLS_TEMPLATE, encoding="utf-8")
    corpus = link_corpus(validate(load_content(OTHER_STORY)))
    wording = Wording.of(corpus, templates, dt.date.fromisoformat(FIXED_TODAY))
    rendering = Templates(templates)

    @pass_context
    def language_of_page(context: Context) -> str:
        return f"page language {context['w'].lang}"

    rendering.env.globals["language_of_page"] = language_of_page
    for lang in ("ar", "en"):
        comma = wording.strings["comma"][lang]
        words = Words(wording, lang, "chronology/2024")
        page = rendering.render("calls", w=words, corpus=corpus, dossier=corpus.dossier)

        # Block tags take their line's newline with them (trim_blocks).
        title = corpus.dossier.title.in_(lang)
        assert page == f"<1{comma}>../../actors/|<2{comma}>../../actors/|[{title}]page language {lang}\n"


def test_generation_leaves_the_cycle_collector_on(tmp_path: Path) -> None:
    project = pipeline.Project(make_project(tmp_path / "project", OTHER_STORY))
    assert gc.isenabled()
    pipeline.generate(project, project.root / "build" / "docs")
    assert gc.isenabled()
    # A one-off generation froze what it made (MkDocs' collector need not walk it); the
    # next one in the same process unfreezes it, so nothing stays out of the collector's reach.
    assert gc.get_freeze_count() > 0
    events = project.content_dir / "events" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + "\n  - [unclosed\n", encoding="utf-8")

    with pytest.raises(ContentErrors):
        pipeline.generate(project, project.root / "build" / "docs")

    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
