"""What keeps the briefing honest about its sources (issue 16): the evidence against each
judgment on the briefing, the names that are a source's errors, and `build.py audit`."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from conftest import OTHER_STORY, make_project, run_cli
from htmlcheck import linked_data

LANG_ROOT = {"en": "", "ar": "ar/"}
AGAINST = {"en": "Evidence against (1)", "ar": "ما يعارضه من أدلة (1)"}
WHY = {"en": "Why this confidence", "ar": "لماذا هذه الدرجة من الثقة"}
NOTE = {
    "en": "Moderate, because one earlier halt does not by itself show a new delay.",
    "ar": "متوسطة، لأن التوقف السابق وحده لا يثبت تأخراً جديداً.",
}
COUNTERPOINT = {
    "en": "The authority's head pledges that the line will take its first passengers in mid-2027.",
    "ar": "رئيسة الهيئة تتعهد بأن يستقبل الخط ركابه الأوائل في منتصف 2027.",
}
PLEDGE = "ونلتزم بأن يستقبل الخط ركابه الأوائل في منتصف عام 2027"
MISSPELT = "هيئة المتروو"
MISSPELT_LABEL = {"en": "(misspelt in the source)", "ar": "(خطأ إملائي أو لغوي في المصدر)"}


def _text(markup: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup))).strip()


def _judgments(site: Path, lang: str) -> list[str]:
    page = (site / LANG_ROOT[lang] / "index.html").read_text(encoding="utf-8")
    listing = page[page.index('<ol class="brf-judgments">'):]
    listing = listing[: listing.index("</ol>\n")]
    return re.split(r"\n<li><div>", listing)[1:]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_judgment_shows_why_its_confidence_and_the_evidence_against_it(other_story_site: Path, lang: str) -> None:
    first, second = _judgments(other_story_site, lang)
    why = re.search(r"<details[^>]*brf-confidence-note[^>]*><summary>(.*?)</summary>(.*?)</details>", first, re.S)
    assert why and why.group(1) == WHY[lang] and _text(why.group(2)) == NOTE[lang]
    against = re.search(r'<details class="[^"]*brf-against--evidence"><summary>(.*?)</summary>(.*?)</details>', first, re.S)
    assert against and against.group(1) == AGAINST[lang]
    shown = _text(against.group(2))
    assert shown.startswith(COUNTERPOINT[lang]) and shown.endswith(PLEDGE)
    # The passage links to where the source page marks it.
    link = re.search(r'<a href="(sources/[^"#]+/)#([^"]+)"', against.group(2))
    assert link, against.group(2)
    source = (other_story_site / LANG_ROOT[lang] / link.group(1) / "index.html").read_text(encoding="utf-8")
    assert f'id="{link.group(2)}"' in source
    # A judgment with neither shows neither.
    assert "brf-against" not in second and "brf-confidence-note" not in second


def test_the_bundled_judgments_each_show_what_cuts_against_them(bundled_site: Path) -> None:
    """The review of issue 16: every judgment says why its confidence and what weighs
    against it; the second cites the Foreign Ministry's "advisers of all nationalities"."""
    judgments = _judgments(bundled_site, "en")
    assert len(judgments) == 5
    for judgment in judgments:
        assert "brf-confidence-note" in judgment and "brf-against" in judgment, _text(judgment)[:200]
    assert "بكل جنسياتهم" in judgments[1]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_name_that_is_the_sources_error_is_labelled_as_such(other_story_site: Path, lang: str) -> None:
    page = other_story_site / LANG_ROOT[lang] / "actors" / "qasr-metro-authority" / "index.html"
    names = re.search(r"<dd>(<bdi lang=\"ar\">هيئة المترو</bdi>.*?)</dd>", page.read_text(encoding="utf-8"))
    assert names
    shown = _text(names.group(1))
    assert shown.endswith(f"{MISSPELT} {MISSPELT_LABEL[lang]}")
    assert shown.count("(") == 1, shown  # the real variants carry no label
    person = next(block for block in linked_data(page) if block.get("name"))
    assert "هيئة المترو" in person["alternateName"] and MISSPELT not in person["alternateName"]


def test_the_actors_export_says_which_names_are_errors(other_story_site: Path) -> None:
    actors = {a["id"]: a for a in json.loads((other_story_site / "data" / "actors.json").read_text(encoding="utf-8"))}
    kinds = {n["name"]: n["kind"] for n in actors["qasr-metro-authority"]["other_names"]}
    assert kinds == {"هيئة المترو": "variant", "الهيئة": "variant", MISSPELT: "misspelling"}


# -- build.py audit --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("audit") / "project", OTHER_STORY)


def _records(output: str) -> list[str]:
    return re.findall(r"^\[\d+/\d+\] (.+?)  \(", output, re.M)


def test_audit_prints_a_seeded_sample_with_each_passage_in_its_raw_lines(project: Path) -> None:
    result = run_cli(project, "audit", "--sample", "4", "--seed", "5")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "audit: 4 of 13 records, seed 5 (the same sample again: python build.py audit --sample 4 --seed 5)"
    )
    assert len(_records(result.stdout)) == 4
    # Every cited passage is shown marked inside its raw line, numbered as in the file.
    raw = {p.name: p.read_text(encoding="utf-8").splitlines() for p in (project / "content" / "articles").glob("*.txt")}
    checked, raw_file = 0, ""
    for line in lines:
        source = re.match(r" +source \S+ \(.*, (\S+\.txt)\):$", line)
        raw_file = source.group(1) if source else raw_file
        shown = re.match(r" +(\d+) \| (.*)$", line)
        if shown:
            number, text = int(shown.group(1)), shown.group(2)
            assert text.replace("»", "").replace("«", "") == raw[raw_file][number - 1]
            checked += "»" in text
    assert checked >= 4, result.stdout
    again = run_cli(project, "audit", "--sample", "4", "--seed", "5")
    assert again.stdout == result.stdout
    other = run_cli(project, "audit", "--sample", "4", "--seed", "6")
    assert _records(other.stdout) != _records(result.stdout)


def test_audit_shows_a_judgment_with_its_evidence_against(project: Path) -> None:
    result = run_cli(project, "audit", "--sample", "100", "--seed", "1")
    assert result.stdout.splitlines()[0].startswith("audit: 13 of 13 records, seed 1 ")
    judgment = result.stdout[result.stdout.index("] key judgment key_judgments[0]"):]
    judgment = judgment[: judgment.index("\n\n")]
    assert f"  against: evidence (en): {COUNTERPOINT['en']}" in judgment
    assert f"»{PLEDGE}«" in judgment


def test_audit_without_a_seed_prints_the_one_it_drew(project: Path) -> None:
    result = run_cli(project, "audit", "--sample", "2")
    seed = re.match(r"audit: 2 of 13 records, seed (\d+) ", result.stdout)
    assert seed, result.stdout
    assert run_cli(project, "audit", "--sample", "2", "--seed", seed.group(1)).stdout == result.stdout


def test_audit_refuses_an_empty_sample(project: Path) -> None:
    result = run_cli(project, "audit", "--sample", "0")
    assert result.returncode == 2
    assert result.stderr.endswith("build.py audit: error: argument --sample: must be 1 or more, not 0\n")


def test_audit_of_invalid_content_reports_the_errors(project: Path, tmp_path: Path) -> None:
    broken = make_project(tmp_path / "broken", OTHER_STORY)
    dossier = broken / "content" / "dossier.yaml"
    dossier.write_text(dossier.read_text(encoding="utf-8").replace(PLEDGE, "ونلتزم بافتتاح الخط"), encoding="utf-8")
    result = run_cli(broken, "audit")
    assert result.returncode == 1 and result.stdout == ""
    assert re.match(r"content/dossier\.yaml:\d+:\d+: key_judgments\[0\]\.against\[0\]\.sources\[0\]\.excerpt: ", result.stderr)
    assert "Traceback" not in result.stderr
