"""The events' reading order (briefing.order): the order the sources give, recorded as
`after`/`before` relations, wins over the dates' order; events not known to the day are
said to be so on the chronology and never pass for the first of their month. Checked on
the order module itself and on what the bundled dossier's readers get: the chronology in
both languages and both orders, the timeline, the JSON export and the feed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

import pytest

from briefing import urls
from briefing.dates import parse_date
from briefing.exports import render_exports
from briefing.load import load_content
from briefing.model import Corpus, link_corpus
from briefing.order import find_cycle, narrowed_bounds, placement, placements, reading_order, topological
from briefing.pages import render_pages
from briefing.timeline import lay_out
from briefing.validate import validate
from conftest import FIXED_TODAY, REPO

TODAY = dt.date.fromisoformat(FIXED_TODAY)
TEMPLATES = REPO / "templates"
D = dt.date

JORDAN = "jordan-attack-2024-01"
FIRST_ROUND = "hmc-first-round-2024-01-27"
CONDEMNATION = "baghdad-condemns-us-strikes-2024-01-24"
VOW = "iran-and-allies-vow-retaliation-2024"
KILLINGS = ("haniyeh-assassinated-tehran", "fuad-shukr-killed-beirut")


# -- the order module ---------------------------------------------------------------


def test_a_month_event_after_a_day_lies_between_that_day_and_the_month_end() -> None:
    dates = {"round": parse_date("2024-01-27"), "attack": parse_date("2024-01")}

    bounds = narrowed_bounds(dates, [("round", "attack")])

    assert bounds == {"round": (D(2024, 1, 27), D(2024, 1, 27)), "attack": (D(2024, 1, 27), D(2024, 1, 31))}


def test_an_event_before_another_ends_no_later_than_it_and_chains_carry_the_bounds() -> None:
    dates = {"a": parse_date("2024"), "b": parse_date("2024-03"), "c": parse_date("2024-02-10")}

    bounds = narrowed_bounds(dates, [("a", "b"), ("b", "c")])  # a before b before c

    assert bounds["a"] == (D(2024, 1, 1), D(2024, 2, 10))
    assert bounds["b"] == (D(2024, 3, 1), D(2024, 2, 10))  # contradictory: the validator reports it


def test_the_order_keeps_the_keys_order_but_where_an_edge_says_otherwise() -> None:
    keys = {name: (D(2024, 1, day), 1, D(2024, 1, day), name) for name, day in (("a", 1), ("b", 2), ("c", 3), ("d", 4))}

    assert topological(keys, []) == ["a", "b", "c", "d"]
    assert topological(keys, [("c", "a")]) == ["b", "c", "a", "d"]
    assert topological(keys, [("d", "b"), ("c", "b")]) == ["a", "c", "d", "b"]


def test_a_cycle_still_gives_every_event_once() -> None:
    keys = {name: (D(2024, 1, 1), 1, D(2024, 1, 1), name) for name in "abc"}

    assert sorted(topological(keys, [("a", "b"), ("b", "a")])) == ["a", "b", "c"]


def test_find_cycle_names_the_events_along_it() -> None:
    assert find_cycle("abcd", [("a", "b"), ("b", "c"), ("c", "d")]) is None
    assert find_cycle("abcd", [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]) == ["a", "b", "c", "a"]


@pytest.mark.parametrize(("edtf", "bounds", "filed", "exact"), [
    ("2024-01-27", None, (2024, 1), True),
    ("2024-08-01/2024-08-07", None, (2024, 8), True),
    ("2024-01", None, (2024, 1), False),
    ("2024-01/2024-03", (D(2024, 2, 10), D(2024, 3, 31)), (2024, 2), False),  # after an event of 10 February
    ("2024", None, (2024, 0), False),
    ("2023-10/2024-02", (D(2023, 10, 1), D(2024, 1, 31)), (2023, 10), False),  # a bound from another month
])
def test_where_an_event_is_filed(edtf: str, bounds: tuple[dt.date, dt.date] | None, filed: tuple[int, int],
                                 exact: bool) -> None:
    placed = placement(parse_date(edtf), bounds)

    assert ((placed.year, placed.month), placed.exact) == (filed, exact)


def test_a_month_event_goes_after_the_days_of_its_month_unless_related() -> None:
    dates = {
        "jan-24": parse_date("2024-01-24"), "jan-27": parse_date("2024-01-27"), "january": parse_date("2024-01"),
        "after-24": parse_date("2024-01"), "before-27": parse_date("2024-01"), "feb-02": parse_date("2024-02-02"),
    }
    edges = [("jan-24", "after-24"), ("before-27", "jan-27")]

    order = reading_order(placements(dates, edges), edges)

    assert order == ["jan-24", "after-24", "before-27", "jan-27", "january", "feb-02"]


# -- the bundled dossier --------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return link_corpus(validate(load_content(REPO / "content")))


def anchors(markdown: str) -> list[str]:
    """The events' ids on a chronology page, top to bottom."""
    return re.findall(r"^### .* \{#([a-z0-9-]+)\}$", markdown, flags=re.MULTILINE)


def is_before(ids: list[str], first: str, then: str) -> bool:
    return ids.index(first) < ids.index(then)


def test_the_dossier_lists_events_in_the_sources_order(corpus: Corpus) -> None:
    ids = [d.event.id for d in corpus.events]

    assert is_before(ids, CONDEMNATION, JORDAN) and is_before(ids, FIRST_ROUND, JORDAN)
    assert all(is_before(ids, killing, VOW) for killing in KILLINGS)
    for dated in corpus.events:
        for relation in dated.event.after:
            assert is_before(ids, relation.event, dated.event.id)
        for relation in dated.event.before:
            assert is_before(ids, dated.event.id, relation.event)


@pytest.mark.parametrize("order", ["oldest_first", "newest_first"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_chronology_shows_the_jordan_attack_after_the_first_round_and_the_vow_after_the_killings(
    corpus: Corpus, lang: str, order: str
) -> None:
    ordered = dataclasses.replace(corpus, dossier=dataclasses.replace(corpus.dossier, chronology_order=order))
    page = render_pages(ordered, TEMPLATES, TODAY, {"chronology/2024"})[f"{lang}/chronology/2024/index.md"]

    ids = anchors(page)
    if order == "newest_first":
        ids.reverse()
    assert is_before(ids, CONDEMNATION, JORDAN) and is_before(ids, FIRST_ROUND, JORDAN)
    assert all(is_before(ids, killing, VOW) for killing in KILLINGS)


@pytest.mark.parametrize(("lang", "label"), [
    ("en", "January 2024, day not given"),
    ("ar", "كانون الثاني 2024، دون تحديد اليوم"),
])
def test_an_event_known_to_the_month_says_that_its_day_is_not_given(corpus: Corpus, lang: str, label: str) -> None:
    page = render_pages(corpus, TEMPLATES, TODAY, {"chronology/2024"})[f"{lang}/chronology/2024/index.md"]

    jordan = page.split("{#" + JORDAN + "}")[1].split("\n### ")[0]
    assert f'<span class="brf-date brf-date--coarse">{label}</span>' in jordan
    first_round = page.split("{#" + FIRST_ROUND + "}")[1].split("\n### ")[0]
    assert "brf-date--coarse" not in first_round


@pytest.mark.parametrize(("lang", "label"), [("en", "2003, month not given"), ("ar", "عام 2003، دون تحديد الشهر")])
def test_an_event_known_to_the_year_says_that_its_month_is_not_given(corpus: Corpus, lang: str, label: str) -> None:
    page = render_pages(corpus, TEMPLATES, TODAY, {"chronology/2003"})[f"{lang}/chronology/2003/index.md"]

    assert f'<span class="brf-date brf-date--coarse">{label}</span>' in page


def test_a_month_page_of_a_split_year_keeps_the_order(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(urls, "CHRONOLOGY_PAGE_EVENTS", 2)
    pages = render_pages(corpus, TEMPLATES, TODAY, {"chronology/2024/01", "chronology/2024/07"})

    for lang in ("en", "ar"):
        january = anchors(pages[f"{lang}/chronology/2024/01/index.md"])
        assert january[-4:] == ["factions-announce-halt-to-attacks", JORDAN, "us-strikes-after-jordan-attack",
                                "baghdad-rejects-strikes-after-jordan-attack"]
        assert anchors(pages[f"{lang}/chronology/2024/07/index.md"])[-1] == VOW


def test_the_events_export_is_in_reading_order(corpus: Corpus) -> None:
    exported = json.loads(render_exports(corpus, TEMPLATES, TODAY)["data/events.json"])

    assert [record["id"] for record in exported] == [d.event.id for d in corpus.events]


def test_the_feed_puts_the_vow_above_the_killings(corpus: Corpus) -> None:
    feed = render_exports(corpus, TEMPLATES, TODAY)["feed.xml"].decode("utf-8")

    entries = re.findall(r'<entry>.*?<link [^>]*href="[^"]*#([a-z0-9-]+)"', feed, flags=re.DOTALL)
    assert all(is_before(entries, VOW, killing) for killing in KILLINGS)


def test_the_timeline_draws_and_lists_the_events_in_reading_order(corpus: Corpus) -> None:
    timeline = lay_out(corpus.events, lambda dated: dated.event.title.en, "en")

    drawn = [mark.dated.event.id for mark in timeline.marks]
    listed = [mark.dated.event.id for row in timeline.rows for mark in (*row.titled, *row.marks)]
    reading = [d.event.id for d in corpus.events]
    assert drawn == [event_id for event_id in reading if event_id in drawn]
    july = next(row for row in timeline.rows if (row.year, row.month) == (2024, 7))
    assert [mark.dated.event.id for mark in july.marks][-1] == VOW
    assert sorted(listed) == sorted(drawn)


@pytest.mark.parametrize(("lang", "after", "according_to"), [("en", "After", "according to"), ("ar", "بعد", "بحسب")])
def test_the_chronology_says_what_an_event_came_after_and_links_the_passage(
    corpus: Corpus, lang: str, after: str, according_to: str
) -> None:
    source = "sources/unattributed-2024-08-fm-postponement"
    pages = render_pages(corpus, TEMPLATES, TODAY, {"chronology/2024", source})
    chronology, source_page = pages[f"{lang}/chronology/2024/index.md"], pages[f"{lang}/{source}/index.md"]

    vow = chronology.split("{#" + VOW + "}")[1].split("\n### ")[0]
    lines = re.findall(r'<p class="brf-order"><strong>(.*?):</strong> <a href="\./#([a-z0-9-]+)">.*? \((.*?) '
                       r'<a href="\.\./\.\./sources/unattributed-2024-08-fm-postponement/#(x-[0-9a-f]+)">', vow)
    assert [line[:3] for line in lines] == [(after, KILLINGS[0], according_to), (after, KILLINGS[1], according_to)]
    assert all(f'<span class="brf-anchor" id="{line[3]}"></span>' in source_page for line in lines)


def test_an_interval_of_days_after_a_later_day_is_filed_under_that_day() -> None:
    dates = {"july": parse_date("2024-07-20"), "interval": parse_date("2024-07-20/2024-08-18"),
             "aug-10": parse_date("2024-08-10"), "aug-12": parse_date("2024-08-12")}
    edges = [("aug-10", "interval")]

    placed = placements(dates, edges)

    assert (placed["interval"].year, placed["interval"].month, placed["interval"].exact) == (2024, 8, True)
    assert reading_order(placed, edges) == ["july", "aug-10", "interval", "aug-12"]
