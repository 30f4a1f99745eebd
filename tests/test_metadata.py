"""Metadata that feed readers and validators read: each language's Atom feeds (read with
feedparser) and the pages' schema.org JSON-LD (parsed from the built pages)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

import feedparser
import pytest
import yaml

from briefing.pipeline import Project, check
from browser.fixtures import LANGUAGES
from conftest import PUBLISHED_URL, REPO
from htmlcheck import linked_data, read_page

SCHEMA_STATUS = {
    "occurred": "https://schema.org/EventScheduled",
    "ongoing": "https://schema.org/EventScheduled",
    "announced": "https://schema.org/EventScheduled",
    "planned": "https://schema.org/EventScheduled",
    "reported": "https://schema.org/EventScheduled",
    "postponed": "https://schema.org/EventPostponed",
    "cancelled": "https://schema.org/EventCancelled",
    "denied": None,
}
"""What schema.org says of each status of ours (EDITING.md documents it): None, nothing."""


# -- feeds -----------------------------------------------------------------------------------------


def _day(edtf: str) -> dt.date:
    """The first day an EDTF date of the exports can be (2024, 2024-08, 2024-08-15, with ~ or ?)."""
    parts = [int(part) for part in re.findall(r"\d+", edtf.split("/")[0])]
    return dt.date(parts[0], *(parts[1:] + [1, 1])[:2])


def _entry_day(value: str) -> dt.date:
    return dt.date.fromisoformat(value[:10])


def _record_changes(site: Path, prefix: str) -> dict[str, list[dt.date]]:
    """From the changes feed: the dates of each event's updates and corrections, by event id."""
    feed = feedparser.parse((site / prefix / "changes.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    changes: dict[str, list[dt.date]] = {}
    for entry in feed.entries:
        _, anchor = urldefrag(entry.link)
        if entry.link.startswith("chronology/") and anchor:
            changes.setdefault(anchor, []).append(_entry_day(entry.updated))
    return changes


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("site_name", ["bundled_site", "published_site"])
def test_feed_entries_carry_when_the_record_changed_not_the_event_date(
    request: pytest.FixtureRequest, site_name: str, lang: str
) -> None:
    site: Path = request.getfixturevalue(site_name)
    prefix = LANGUAGES[lang]
    feed = feedparser.parse((site / prefix / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    events = {e["id"]: e for e in json.loads((site / "data" / "events.json").read_text(encoding="utf-8"))}
    published = {a["id"]: _day(a["published"]) for a in json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))}
    changes = _record_changes(site, prefix)
    assert len(feed.entries) == len(events)

    entry_days, by_event = [], {}
    for entry in feed.entries:
        event = events[urldefrag(entry.link)[1]]
        cited = [published[source["article"]] for source in event["sources"]]
        # When the record was last changed: the latest article citing it, or its latest update.
        assert _entry_day(entry.updated) == max(cited + changes.get(event["id"], [])), event["id"]
        # First published: the first article citing it.
        assert _entry_day(entry.published) == min(cited), event["id"]
        entry_days.append(_entry_day(entry.updated))
        by_event[event["id"]] = entry_days[-1]
    assert entry_days == sorted(entry_days, reverse=True), "entries are not newest first"
    assert _entry_day(feed.feed.updated) >= max(entry_days), "the feed is older than its newest entry"

    # The bundled dossier plans events for years after its articles: none is the newest entry,
    # and none carries its own (future) date.
    future = [e for e in events.values() if _day(e["earliest"]) > max(published.values())]
    assert future, "the bundled dossier has no event after its newest article: the test proves nothing"
    newest = events[urldefrag(feed.entries[0].link)[1]]
    assert newest not in future
    assert all(by_event[e["id"]] < _day(e["earliest"]) for e in future)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_changes_feed_is_never_older_than_its_entries(bundled_site: Path, lang: str) -> None:
    feed = feedparser.parse((bundled_site / LANGUAGES[lang] / "changes.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.entries
    days = [_entry_day(entry.updated) for entry in feed.entries]
    assert days == sorted(days, reverse=True)
    assert _entry_day(feed.feed.updated) >= max(days)


def test_the_feed_of_a_long_dossier_holds_the_events_changed_last(busy_site: Path) -> None:
    from briefing.linked_data import FEED_EVENTS, event_updated

    feed = feedparser.parse((busy_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    corpus = check(Project(busy_site.parent))
    assert len(corpus.events) > FEED_EVENTS
    latest = max(event_updated(dated) for dated in corpus.events)
    assert len(feed.entries) == FEED_EVENTS
    days = [_entry_day(entry.updated) for entry in feed.entries]
    assert days[0] == latest and days == sorted(days, reverse=True)
    # No event left out was changed after one that is in.
    shown = {urldefrag(entry.link)[1] for entry in feed.entries}
    left_out = [event_updated(d) for d in corpus.events if d.event.id not in shown]
    assert max(left_out) <= min(days)


# -- JSON-LD ---------------------------------------------------------------------------------------


def _nodes(value: Any) -> list[dict[str, Any]]:
    """Every JSON object in a JSON-LD block, nested ones included."""
    if isinstance(value, list):
        return [node for item in value for node in _nodes(item)]
    if isinstance(value, dict):
        return [value] + [node for item in value.values() for node in _nodes(item)]
    return []


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if "pagefind" not in p.parts)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("site_name", ["bundled_site", "published_site"])
def test_the_briefing_page_describes_itself_as_a_report(request: pytest.FixtureRequest, site_name: str, lang: str) -> None:
    site: Path = request.getfixturevalue(site_name)
    dossier = yaml.safe_load((REPO / "content" / "dossier.yaml").read_text(encoding="utf-8"))
    page = site / LANGUAGES[lang] / "index.html"
    (report,) = linked_data(page)
    assert report["@type"] == "Report"
    assert report["headline"] == dossier["title"][lang]
    assert report["inLanguage"] == lang
    assert report["datePublished"] == dossier["as_of"]
    assert report["dateModified"] >= report["datePublished"]
    # The bundled dossier names no publisher: the site's name stands for it.
    assert "publisher" not in dossier
    assert report["publisher"] == {"@type": "Organization", "name": dossier["title"][lang]}
    assert report["author"]["name"] == dossier["title"][lang]
    if site_name == "published_site":
        address = PUBLISHED_URL + LANGUAGES[lang]
        assert (report["url"], report["@id"]) == (address, address + "#briefing")


def _chronology_events(site: Path) -> list[tuple[Path, dict[str, Any]]]:
    found = []
    for page in _pages(site / "chronology"):
        for block in linked_data(page):
            found += [(page, item["item"]) for item in block.get("itemListElement", [])]
    return found


@pytest.mark.parametrize("site_name", ["published_site", "busy_site"])
def test_event_status_follows_each_event(request: pytest.FixtureRequest, site_name: str) -> None:
    site: Path = request.getfixturevalue(site_name)
    events = json.loads((site / "data" / "events.json").read_text(encoding="utf-8"))
    # An event is known by its title and dates (the synthetic dossier repeats titles).
    statuses = {(e["title"]["en"], e["earliest"][:4]): set() for e in events}
    for e in events:
        statuses[(e["title"]["en"], e["earliest"][:4])].add(e["status"])
    items = _chronology_events(site)
    assert len(items) == len(events)
    seen = set()
    for page, item in items:
        status = statuses[(item["name"], item["startDate"][:4])]
        assert item.get("eventStatus") in {SCHEMA_STATUS[s] for s in status}, (page, item["name"], status)
        seen |= status if len(status) == 1 else set()
    if site_name == "busy_site":  # the synthetic dossier uses every status
        assert seen == set(SCHEMA_STATUS), seen


def test_every_status_has_a_schema_org_meaning() -> None:
    from typing import get_args

    from briefing.linked_data import EVENT_STATUS
    from briefing.model import EventStatus

    assert set(get_args(EventStatus)) == set(SCHEMA_STATUS)
    assert {status: EVENT_STATUS.get(status) for status in SCHEMA_STATUS} == SCHEMA_STATUS


def test_ids_and_urls_are_absolute_with_a_site_url(published_site: Path) -> None:
    checked = 0
    for page in _pages(published_site):
        relative = page.parent.relative_to(published_site).as_posix()
        address = PUBLISHED_URL + ("" if relative == "." else relative + "/")
        ids = read_page(page).ids
        for block in linked_data(page):
            for node in _nodes(block):
                for key in ("@id", "url"):
                    if key not in node:
                        continue
                    value, anchor = urldefrag(node[key])
                    assert value == address, (page, key, node[key])
                    assert not anchor or node["@type"] != "Event" or anchor in ids, (page, node[key])
                    checked += 1
    assert checked > 100


def test_no_relative_ids_or_urls_without_a_site_url(bundled_site: Path) -> None:
    blocks = [block for page in _pages(bundled_site) for block in linked_data(page)]
    assert len(blocks) > 50
    for block in blocks:
        for node in _nodes(block):
            assert "@id" not in node and "url" not in node, node
