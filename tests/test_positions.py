"""Questions, positions and the corrections log, on a fixture dossier built for them
(tests/fixtures/positions/edits.yaml applied to the other_story dossier)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest

from conftest import FIXTURES, OTHER_STORY, apply_edits, make_project, run_cli
from htmlcheck import read_page, resolve


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("positions") / "project", OTHER_STORY)
    apply_edits(project, FIXTURES / "positions" / "edits.yaml")
    result = run_cli(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


class _Table(HTMLParser):
    """The matrix as rows of cells: (text, [(link text, href)])."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_table, self.rows, self.cell, self.href = False, [], None, None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "table" and "brf-matrix" in (values.get("class") or ""):
            self.in_table = True
        elif self.in_table and tag == "tr":
            self.rows.append([])
        elif self.in_table and tag in ("td", "th"):
            self.cell = ["", []]
        elif self.in_table and tag == "a" and self.cell is not None:
            self.href = values.get("href")
            self.cell[1].append(["", self.href])

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell[0] += data
            if self.href is not None:
                self.cell[1][-1][0] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.href = None
        elif tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append((self.cell[0].strip(), [tuple(link) for link in self.cell[1]]))
            self.cell = None
        elif tag == "table":
            self.in_table = False


def _matrix(page: Path) -> list[list[tuple[str, list[tuple[str, str]]]]]:
    table = _Table()
    table.feed(page.read_text(encoding="utf-8"))
    return table.rows


def test_matrix_shows_each_actor_by_period_with_evidence(site: Path) -> None:
    page = site / "questions" / "street-closures" / "index.html"
    rows = _matrix(page)
    assert [cell[0] for cell in rows[0]] == ["Actor", "March 2025"]
    assert [(row[0][0], row[1][0]) for row in rows[1:]] == [
        ("Qasr al-Nakhil Metro Authority", "supports"),
        ("Qasr al-Nakhil Governorate", "denies"),
    ]
    for row in rows[1:]:
        ((_, href),) = row[1][1]
        target, anchor = resolve(site, page, href)
        assert target.parent.parent.name == "sources" and anchor in read_page(target).ids


def test_matrix_in_arabic_is_the_same_table_right_to_left(site: Path) -> None:
    page = site / "ar" / "questions" / "street-closures" / "index.html"
    assert read_page(page).html_attrs["dir"] == "rtl"  # the table's columns run right to left
    rows = _matrix(page)
    assert [cell[0] for cell in rows[0]] == ["الطرف", "مارس 2025"]
    assert [(row[0][0], row[1][0]) for row in rows[1:]] == [
        ("هيئة مترو قصر النخيل", "يؤيد"),
        ("محافظة قصر النخيل", "ينفي"),
    ]


def test_narrative_and_actor_page_show_positions_over_time(site: Path) -> None:
    question = (site / "questions" / "opening-date" / "index.html").read_text(encoding="utf-8")
    assert "How positions moved" in question and "a pledge to open by mid-2027" in question
    actor = (site / "actors" / "salma-abdelrahim" / "index.html").read_text(encoding="utf-8")
    assert "Positions over time" in actor
    row = re.sub(r"<[^>]*>", "|", re.search(r"<tr>.*?12 March 2025.*?</tr>", actor).group())
    assert re.sub(r"\|+", "|", row) == "|12 March 2025|Will Line 1 open by mid-2027?|supports|a pledge to open by mid-2027|"
    assert '<a href="../../questions/opening-date/">Will Line 1 open by mid-2027?</a>' in actor


def test_home_links_the_questions(site: Path) -> None:
    home = read_page(site / "index.html")
    links = {url for tag, url, _ in home.links if "questions/" in url}
    assert {"questions/opening-date/", "questions/street-closures/"} <= links


def test_what_changed_lists_notes_newest_first_and_records_show_theirs(site: Path) -> None:
    html = (site / "changes" / "index.html").read_text(encoding="utf-8")
    correction, update = html.index("The end of the closure was corrected"), html.index("Open questions and positions added")
    assert correction < update  # 20 March before 19 March
    chronology = (site / "chronology" / "2025" / "index.html").read_text(encoding="utf-8")
    # One line, its kind and date, that opens on the note's text.
    assert re.search(
        r'<details class="brf-changes">\s*<summary><span[^>]*><strong>Correction</strong> \(20 March 2025\)</span></summary>'
        r'\s*<ul>\s*<li[^>]*>The end of the closure was corrected to 9 March\.</li>',
        chronology,
    )
    arabic_home = (site / "ar" / "index.html").read_text(encoding="utf-8")
    assert "أضيفت القضايا المفتوحة والمواقف." in arabic_home


@pytest.mark.parametrize(("prefix", "title"), [("", "Correction: Gumhuriya Street closed"), ("ar/", "تصحيح: إغلاق شارع الجمهورية")])
def test_corrections_feed_parses(site: Path, prefix: str, title: str) -> None:
    feed = feedparser.parse((site / prefix / "changes.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert [entry.category for entry in feed.entries] == ["correction", "update"]
    assert feed.entries[0].title.startswith(title)
    assert feed.entries[0].link == "chronology/2025/#gumhuriya-street-closure"
