"""Open data: every output of the built site read back by an independent parser (jsonschema, feedparser,
icalendar, pyld, csv, bibtexparser, citeproc-py), never by the code that wrote it; counts match the data."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import feedparser  # type: ignore[import-untyped]
import icalendar
import pytest
import yaml
from bibtexparser.entrypoint import parse_string as parse_bibtex
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter  # type: ignore[import-untyped]
from citeproc.source.json import CiteProcJSON  # type: ignore[import-untyped]
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from pyld import jsonld  # type: ignore[import-untyped]

from generator.load import load_text
from generator.model import Dataset, Event
from generator.opendata import calendar, events_csv, events_feed
from generator.pages.site import Site
from generator.validate import load_dataset, validate
from tools.synthetic import dataset as synthetic_dataset

from .conftest import ROOT, SMALL
from .safety import text_of

API = {"events": "event", "movements": "movement", "people": "person", "sources": "source", "corrections": "correction"}
HOST = "https://example.org/"  # any address the site may be published at
SCHEMA_ORG = "https://schema.org/"
TODAY = datetime.date(2026, 11, 28)


@pytest.fixture(scope="module")
def data() -> Dataset:
    return load_dataset(ROOT / "events.yaml", "events.yaml")


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def validator(path: Path) -> Draft202012Validator:
    schema = read_json(path)
    Draft202012Validator.check_schema(schema)  # the published schema is itself a valid JSON Schema
    return Draft202012Validator(schema)


def small_with(*replacements: tuple[str, str]) -> Dataset:
    text = SMALL.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    return validate(load_text(text, "small.yaml"), "small.yaml", TODAY)


def day_events(data: Dataset) -> list[Event]:
    return [event for event in data.events if event.date.precision == "day"]


# The JSON API


@pytest.mark.parametrize(("plural", "singular"), API.items())
def test_every_api_file_is_valid_against_the_schema_published_beside_it(
    site: Path, data: Dataset, plural: str, singular: str
) -> None:
    folder = site / "api" / "v1"
    expected = {record.id for record in getattr(data, plural)}
    collection = read_json(folder / f"{plural}.json")
    validator(folder / f"{plural}.schema.json").validate(collection)
    assert [record["id"] for record in collection[plural]] and {r["id"] for r in collection[plural]} == expected
    one = validator(folder / f"{singular}.schema.json")
    files = sorted((folder / plural).glob("*.json"))
    assert {file.stem for file in files} == expected
    for file in files:
        record = read_json(file)
        one.validate(record)
        assert record[singular]["id"] == file.stem
        assert (record["version"], record["updated"]) == (1, collection["updated"])


def test_the_api_gives_its_version_and_the_datas_last_change(site: Path, data: Dataset) -> None:
    """`updated` is the newest date the data holds (ISO dates at any precision sort as the dates do)."""
    dates = [event.date for event in data.events] + [c.date for c in data.corrections]
    dates += [figure.as_of for event in data.events for figure in event.figures]
    dates += [credit.date for movement in data.movements for credit in movement.credits]
    dates += [d for source in data.sources for d in (source.published, source.accessed) if d]
    dates += [person.consent.date for person in data.people if person.consent]
    events = read_json(site / "api" / "v1" / "events.json")
    assert (events["version"], events["updated"]) == (1, max(d.iso() for d in dates))


def test_the_api_carries_the_credits_originator_first(site: Path) -> None:
    metoo = read_json(site / "api" / "v1" / "movements" / "metoo.json")["movement"]
    credits = [(credit["person"], credit["role"], credit["date"]) for credit in metoo["credits"]]
    assert credits[0] == ("tarana-burke", "originator", "2006")
    assert ("alyssa-milano", "amplifier", "2017-10-15") in credits
    assert metoo["page"] == "movements/metoo/" and (site / metoo["page"] / "index.html").is_file()
    tweet = read_json(site / "api" / "v1" / "events" / "2017-10-15-milano-tweet.json")["event"]
    assert (tweet["date"], tweet["precision"], tweet["movements"]) == ("2017-10-15", "day", ["metoo"])
    assert "eonline-2017-update-credits-burke" in tweet["corrections"]


def test_the_api_schemas_hold_version_1_to_its_shape(site: Path) -> None:
    """A record with a field more, or one less, is refused: a reader can rely on the shape."""
    folder = site / "api" / "v1"
    check = validator(folder / "event.schema.json")
    record = read_json(folder / "events" / "2017-10-15-milano-tweet.json")
    assert check.is_valid(record)
    assert not check.is_valid(record | {"version": 2})
    assert not check.is_valid(record | {"event": record["event"] | {"extra": 1}})
    assert not check.is_valid(record | {"event": {k: v for k, v in record["event"].items() if k != "place"}})
    assert not check.is_valid(record | {"event": record["event"] | {"date": "15 October 2017"}})


# The spreadsheet


class _Cells(HTMLParser):
    """The text of each <code> in the first cell of each table row after a heading."""

    def __init__(self, heading: str) -> None:
        super().__init__()
        self.heading, self.inside, self.first_cell, self.in_code = heading, False, False, False
        self.codes: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h2":
            self.text, self.inside = "", False
        self.first_cell = self.first_cell or tag == "tr"
        self.in_code = self.inside and self.first_cell and tag == "code"

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2":
            self.inside = self.heading in self.text
        if tag in ("td", "th"):
            self.first_cell = False
        self.in_code = False

    def handle_data(self, data: str) -> None:
        self.text += data
        if self.in_code:
            self.codes.append(data)


def test_the_csv_has_a_row_per_event_under_the_documented_columns(site: Path, data: Dataset) -> None:
    raw = (site / "data" / "events.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte order mark spreadsheets look for to read UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    documented = _Cells("Spreadsheet")
    documented.feed((site / "data" / "index.html").read_text(encoding="utf-8"))
    assert rows[0] == documented.codes and "title" in rows[0]
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    events = sorted(data.events, key=lambda event: (event.date, event.id))
    assert [record["id"] for record in records] == [event.id for event in events]
    for record, event in zip(records, events, strict=True):
        assert (record["date"], record["title"], record["summary"]) == (event.date.iso(), event.title, event.summary)
        assert record["source_ids"].split("\n") == list(event.sources)


def test_csv_values_with_commas_quotes_and_line_breaks_read_back_unchanged() -> None:
    title = 'Milano asks, "me too?"; the hashtag spreads'
    summary = 'A first paragraph, with "quotes".\n\nA second one; and a third, line.'
    data = small_with(
        ('title: "Alyssa Milano\'s tweet makes #MeToo go viral"', f"title: '{title}'"),
        ('summary: Milano asks people to reply "me too"; the hashtag spreads.', f"summary: {json.dumps(summary)}"),
    )
    rows = list(csv.DictReader(io.StringIO(events_csv(Site(data)).decode("utf-8").removeprefix("\ufeff"), newline="")))
    [row] = [row for row in rows if row["id"] == "2017-10-15-milano-tweet"]
    assert (row["title"], row["summary"]) == (title, summary)
    assert len(rows) == len(data.events)


def test_a_value_that_looks_like_a_formula_is_kept_from_running() -> None:
    data = small_with(("place: France", "place: =HYPERLINK(1)"))
    rows = list(csv.DictReader(io.StringIO(events_csv(Site(data)).decode("utf-8").removeprefix("\ufeff"), newline="")))
    assert [row["place"] for row in rows if row["place"]] == ["'=HYPERLINK(1)"]


# The feeds


def test_the_events_feed_parses_and_dates_each_event_from_the_data(site: Path, data: Dataset) -> None:
    feed = feedparser.parse((site / "events" / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert len(feed.entries) == min(len(data.events), 100)
    ids = [entry.id for entry in feed.entries]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", i) for i in ids)
    dates = [entry.updated for entry in feed.entries]
    assert dates == sorted(dates, reverse=True) and feed.feed.updated == dates[0]
    by_id = {event.id: event for event in data.events}
    for entry in feed.entries:
        address = urljoin(f"{HOST}events/feed.xml", entry.link)
        event = by_id[address.removeprefix(f"{HOST}events/").strip("/")]
        assert entry.title == event.title
        assert event.date.first_day().isoformat() <= entry.updated[:10] <= TODAY.isoformat()


def test_the_events_feed_carries_the_hundred_newest_of_a_long_history() -> None:
    data = validate(load_text(synthetic_dataset(150), "synthetic.yaml"), "synthetic.yaml", TODAY)
    feed = feedparser.parse(events_feed(Site(data)).encode("utf-8"))
    assert not feed.bozo and len(feed.entries) == 100
    oldest_shown = feed.entries[-1].updated[:10]
    shown = {entry.title for entry in feed.entries}
    assert all(event.date.first_day().isoformat() <= oldest_shown for event in data.events if event.title not in shown)


# The calendar


def test_the_calendar_has_an_all_day_entry_for_each_event_known_to_the_day(site: Path, data: Dataset) -> None:
    raw = (site / "data" / "events.ics").read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")) and b"\n" not in raw.replace(b"\r\n", b"")
    entries = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    expected = {(event.date.first_day(), event.title) for event in day_events(data)}
    assert len(entries) == len(expected) and len(expected) > 30
    assert {(entry.decoded("DTSTART"), str(entry["SUMMARY"])) for entry in entries} == expected
    for entry in entries:
        start, end = entry.decoded("DTSTART"), entry.decoded("DTEND")
        assert type(start) is datetime.date and end - start == datetime.timedelta(days=1)  # all day, not a time
        assert entry.decoded("RRULE") == {"FREQ": ["YEARLY"]}  # on this day, every year
    uids = [str(entry["UID"]) for entry in entries]
    assert len(set(uids)) == len(uids)


def test_calendar_uids_stay_with_their_events_when_the_history_changes() -> None:
    data = small_with()
    before = calendar_uids(data)
    after = calendar_uids(dataclasses.replace(data, events=data.events[1:]))
    assert (
        before
        and after.items() <= before.items()
        and len(after) == len(before) - (data.events[0].date.precision == "day")
    )


def test_long_text_in_any_script_is_folded_and_reads_back_unchanged() -> None:
    title = "Женщины рассказывают, что пережили; хештег #MeToo распространяется по всей стране, «я тоже»"
    data = small_with(('title: "Alyssa Milano\'s tweet makes #MeToo go viral"', f'title: "{title}"'))
    raw = calendar(Site(data))
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert title in {str(entry["SUMMARY"]) for entry in icalendar.Calendar.from_ical(raw).walk("VEVENT")}


def calendar_uids(data: Dataset) -> dict[str, str]:
    entries = icalendar.Calendar.from_ical(calendar(Site(data))).walk("VEVENT")
    return {str(entry["SUMMARY"]): str(entry["UID"]) for entry in entries}


# Structured data


def schema_org_loader(url: str, options: object = None) -> dict[str, object]:
    """schema.org's context, without the network: it maps each term into the schema.org vocabulary."""
    assert url.rstrip("/") == SCHEMA_ORG.rstrip("/"), f"no document but schema.org's context may load: {url}"
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": SCHEMA_ORG}}}


def expanded(site: Path, page: str) -> dict[str, dict[str, Any]]:
    """The page's JSON-LD expanded by pyld against the page's own address: its nodes by @id."""
    source = (site / page / "index.html").read_text(encoding="utf-8")
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', source, re.DOTALL)
    nodes = jsonld.expand(json.loads(block), {"base": HOST + page, "documentLoader": schema_org_loader})
    return {node["@id"]: node for node in nodes}


def values(node: dict[str, Any], term: str) -> list[Any]:
    return [value.get("@value", value.get("@id")) for value in node.get(SCHEMA_ORG + term, [])]


def roles(node: dict[str, Any]) -> set[tuple[str, str, str]]:
    """Each credit of a person: (role name, start date, the movement's @id)."""
    return {
        (values(role, "roleName")[0], values(role, "startDate")[0], values(role, "memberOf")[0])
        for role in node.get(SCHEMA_ORG + "memberOf", [])
        if role["@type"] == [SCHEMA_ORG + "OrganizationRole"]
    }


def test_every_event_person_and_movement_page_describes_itself_in_schema_org(site: Path, data: Dataset) -> None:
    pages = [(f"events/{e.id}/", "Event") for e in data.events] + [
        (f"people/{p.id}/", "Organization" if p.group else "Person") for p in data.people
    ]
    pages += [(f"movements/{m.id}/", "Organization") for m in data.movements]
    for page, kind in pages:
        nodes = expanded(site, page)
        assert nodes[HOST + page]["@type"] == [SCHEMA_ORG + kind], page
        for node in nodes.values():
            assert node["@id"].startswith(HOST), page  # every @id resolves to a page of the site


def test_every_credit_is_a_role_linked_to_its_movements_page(site: Path, data: Dataset) -> None:
    for movement in data.movements:
        movement_id = f"{HOST}movements/{movement.id}/"
        pages = [f"movements/{movement.id}/"] + [f"events/{e.id}/" for e in data.events if movement.id in e.movements]
        pages += [f"people/{credit.person}/" for credit in movement.credits]
        for page in pages:
            nodes = expanded(site, page)
            assert values(nodes[movement_id], "name") == [movement.name], page
            for credit in movement.credits:
                person = nodes[f"{HOST}people/{credit.person}/"]
                assert (credit.role, credit.date.iso(), movement_id) in roles(person), page


def test_the_data_page_describes_the_dataset(site: Path) -> None:
    nodes = expanded(site, "data/")
    dataset = nodes[HOST + "data/"]
    assert dataset["@type"] == [SCHEMA_ORG + "Dataset"]
    assert values(dataset, "license") == ["https://creativecommons.org/licenses/by/4.0/"]
    downloads = [values(node, "contentUrl")[0] for node in dataset[SCHEMA_ORG + "distribution"]]
    assert all((site / urljoin("data/", download)).is_file() for download in downloads) and downloads


# Citations


def test_the_citations_read_as_bibtex_and_csl_json(site: Path, data: Dataset) -> None:
    library = parse_bibtex((site / "data" / "citations.bib").read_text(encoding="utf-8"))
    keys = ["metoo-history"] + [f"metoo-history-{event.id}" for event in sorted(data.events, key=lambda e: e.date)]
    assert not library.failed_blocks
    assert sorted(entry.key for entry in library.entries) == sorted(keys)
    items = read_json(site / "data" / "citations.json")
    bibliography = CitationStylesBibliography(
        CitationStylesStyle("harvard-cite-them-right", validate=False), CiteProcJSON(items), formatter.plain
    )
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    references = [str(reference) for reference in bibliography.bibliography()]
    assert len(references) == len(data.events) + 1
    assert all(any(event.title in reference for reference in references) for event in data.events)


def test_each_event_pages_bibtex_is_its_entry_in_the_citations_file(site: Path, data: Dataset) -> None:
    entries = (site / "data" / "citations.bib").read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    for event in data.events:
        page = (site.parent / "docs" / "events" / event.id / "index.md").read_text(encoding="utf-8")
        [block] = re.findall(r"```bibtex\n(.*?)\n```", page, re.DOTALL)
        assert block in entries, event.id


CFF_KEYS = {"abstract", "authors", "cff-version", "commit", "contact", "date-released", "doi", "identifiers",
            "keywords", "license", "license-url", "message", "preferred-citation", "references", "repository",
            "repository-artifact", "repository-code", "title", "type", "url", "version"}  # fmt: skip


def test_the_repository_has_a_citation_file_in_citation_file_format_1_2_0(site: Path) -> None:
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert set(citation) <= CFF_KEYS and {"cff-version", "message", "title", "authors"} <= set(citation)
    assert citation["cff-version"] == "1.2.0" and citation["type"] in ("software", "dataset")
    assert citation["authors"] and all("name" in a or "family-names" in a for a in citation["authors"])
    assert citation["license"] == "CC-BY-4.0"
    assert citation["title"] == read_json(site / "data" / "citations.json")[0]["title"]  # as the site cites itself


# Licences, and the page that links every output


def test_the_licences_are_stated_in_the_repository_and_on_the_site(site: Path) -> None:
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "CC BY 4.0" in (ROOT / "LICENSE-DATA.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "MIT" in readme and "CC BY 4.0" in readme
    for page in ("index.html", "data/index.html", "about/index.html"):
        assert "Text and data: CC BY 4.0 · Code: MIT" in (site / page).read_text(encoding="utf-8"), page
    assert "Creative Commons Attribution 4.0" in text_of(site / "about" / "index.html")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [value for name, value in attrs if tag == "a" and name == "href" and value]


def test_the_data_page_links_every_output(site: Path) -> None:
    links = _Links()
    links.feed((site / "data" / "index.html").read_text(encoding="utf-8"))
    linked = {urljoin("data/", href) for href in links.hrefs}
    outputs = {"data/events.csv", "data/events.ics", "data/citations.bib", "data/citations.json"}
    outputs |= {"events/feed.xml", "corrections/feed.xml"}
    for plural, singular in API.items():
        outputs |= {f"api/v1/{plural}.json", f"api/v1/{plural}.schema.json", f"api/v1/{singular}.schema.json"}
    assert outputs <= linked
    assert all((site / output).is_file() for output in outputs)
