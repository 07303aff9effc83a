"""Open data: the history in formats others can reuse, follow and cite, and the page that documents them.

The JSON API (generator.api), a CSV of the events, an Atom feed of new and changed events, an iCalendar of the
events known to the day, citations as BibTeX and CSL-JSON, and the data page. Pure, like render: every date
comes from the data, never from the clock, so the same data always gives the same bytes.
"""

from __future__ import annotations

import csv
import heapq
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import timedelta
from xml.etree import ElementTree

from generator import api
from generator.dates import PartialDate
from generator.model import Dataset, Event
from generator.pages.corrections import ATOM, atom_element, timestamp, urn
from generator.pages.markdown import (
    cell,
    event_page,
    folder_of,
    heading,
    link,
    movement_page,
    page,
    plain,
    relative,
    summary_line,
    url,
    when,
)
from generator.pages.parts import bibtex_text
from generator.pages.site import Site

HERE = "data/index.md"
EVENTS_FEED = "events/feed.xml"
CSV_FILE = "data/events.csv"
CALENDAR = "data/events.ics"
BIBTEX = "data/citations.bib"
CSL_JSON = "data/citations.json"
FEED_ENTRIES = 100  # a feed is polled again and again: it carries the newest entries, the API carries all
CALENDAR_NOTE = "Events in the history of {name} on the day they happened. Some of them describe sexual violence."
DATA_LICENCE = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")
CODE_LICENCE = ("MIT", "https://opensource.org/license/mit")


class Encoded(list[bytes]):
    """A file gathered as UTF-8 bytes, a piece at a time (the csv module writes into it too). A large file is
    held once, as bytes: as text, then encoded, it took four times its size (76 MB of CSV at 100,000 events)."""

    def write(self, text: str) -> None:
        self.append(text.encode("utf-8"))

    def joined(self) -> bytes:
        return b"".join(self)


def work_title(site: Site) -> str:
    """How the site names itself in citations, as the "Cite this page" of every event page does."""
    return f"{site.main.name}: a sourced history"


def last_change(data: Dataset) -> PartialDate:
    """The newest date the data holds. The data keeps no history of its edits, so this is the honest
    bound: it changed on or after this date."""
    dates = [event.date for event in data.events]
    dates += [figure.as_of for event in data.events for figure in event.figures]
    dates += [credit.date for movement in data.movements for credit in movement.credits]
    dates += [d for source in data.sources for d in (source.published, source.accessed) if d]
    dates += [person.consent.date for person in data.people if person.consent]
    return max(dates + [correction.date for correction in data.corrections])


def newest_date(site: Site, event: Event) -> PartialDate:
    """When an event's record last had something new, as far as the data tells: its own date, its sources'
    publication, its figures, and the corrections that affect it."""
    dates = [event.date, *(figure.as_of for figure in event.figures)]
    dates += [site.sources[source].published or event.date for source in event.sources]
    return max(dates + [correction.date for correction in site.corrections_of[event.id]])


# The events feed


def events_feed(site: Site) -> str:
    """New and changed events, newest first, each dated by `newest_date` (at the first day of its precision,
    so never in the future). Entry ids are the events' own URNs, the same in every build."""
    dated = [(newest_date(site, event).first_day(), event.id, event) for event in site.events]
    entries = heapq.nlargest(FEED_ENTRIES, dated, key=lambda entry: entry[:2])
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    atom_element(feed, "title", f"{site.main.name}: new and changed events")
    atom_element(feed, "id", urn(site, "events"))
    atom_element(feed, "updated", timestamp(entries[0][0]))
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=url(EVENTS_FEED, "timeline/index.md"))
    atom_element(ElementTree.SubElement(feed, f"{{{ATOM}}}author"), "name", work_title(site))
    for day, _, event in entries:
        entry = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        atom_element(entry, "title", event.title)
        atom_element(entry, "id", urn(site, f"event/{event.id}"))
        atom_element(entry, "updated", timestamp(day))
        ElementTree.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=url(EVENTS_FEED, event_page(event.id)))
        atom_element(entry, "summary", f"{when(event.date, event.approximate)}: {summary_line(event.summary)}")
    ElementTree.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="unicode") + "\n"


# The CSV of events

Column = tuple[str, str, Callable[[Site, Event], str]]

CSV_COLUMNS: tuple[Column, ...] = (
    ("id", "The event's stable id.", lambda site, e: e.id),
    ("date", "YYYY, YYYY-MM or YYYY-MM-DD, at the precision known.", lambda site, e: e.date.iso()),
    ("precision", "`year`, `month` or `day`.", lambda site, e: e.date.precision),
    ("approximate", "`true` when the date itself is approximate, else `false`.", lambda site, e: str(e.approximate).lower()),
    ("title", "One line, in the site's own words.", lambda site, e: e.title),
    ("place", "Where it happened; empty when the data does not say.", lambda site, e: e.place or ""),
    ("summary", "What happened, in Markdown (it may take several lines).", lambda site, e: e.summary),
    ("movements", "The movements' names, one a line.", lambda site, e: one_a_line(site.movements[m].name for m in e.movements)),
    ("movement_ids", "Their ids, in the same order.", lambda site, e: one_a_line(e.movements)),
    ("people", "Each person's name and role, as `Name (role)`, one a line.", lambda site, e: one_a_line(f"{site.people[p.person].name} ({p.role})" for p in e.people)),
    ("person_ids", "Their ids, in the same order.", lambda site, e: one_a_line(p.person for p in e.people)),
    ("tags", "Topics, one a line.", lambda site, e: one_a_line(e.tags)),
    ("sources", "The sources, as `Publisher, “Title”`, one a line.", lambda site, e: one_a_line(f"{site.publisher_of(s).name}, “{site.sources[s].title}”" for s in e.sources)),
    ("source_urls", "Their addresses, in the same order.", lambda site, e: one_a_line(site.sources[s].url for s in e.sources)),
    ("source_ids", "Their ids, in the same order.", lambda site, e: one_a_line(e.sources)),
    ("page", "The event's page, relative to the site's root.", lambda site, e: api.page_of(site, e.id)),
)  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def one_a_line(values: Iterable[str]) -> str:
    """Several values in one cell, one a line: none of them has a line break of its own."""
    return "\n".join(values)


def spreadsheet_cell(text: str) -> str:
    """Spreadsheets run a cell that begins like a formula: such a cell begins with an apostrophe instead."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def events_csv(site: Site) -> bytes:
    """One row per event, in time order, with a header; UTF-8 with a byte order mark, which spreadsheets need
    to read it as UTF-8, and lines ended by CRLF, as RFC 4180 has it."""
    output = Encoded()
    output.write("\ufeff")
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(name for name, _, _ in CSV_COLUMNS)
    for event in site.events:
        writer.writerow(spreadsheet_cell(value(site, event)) for _, _, value in CSV_COLUMNS)
    return output.joined()


# The calendar


def calendar(site: Site) -> bytes:
    """Each event known to the day as an all-day entry that comes back every year, for an "on this day"
    calendar (RFC 5545). UIDs are the events' URNs; each entry's stamp is its `newest_date`."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//movement-history//{ical_text(work_title(site))}//EN",
        "CALSCALE:GREGORIAN",
        f"NAME:{ical_text(site.main.name)}: on this day",
        f"X-WR-CALNAME:{ical_text(site.main.name)}: on this day",
        f"DESCRIPTION:{ical_text(CALENDAR_NOTE.format(name=site.main.name))}",
        f"X-WR-CALDESC:{ical_text(CALENDAR_NOTE.format(name=site.main.name))}",
    ]
    entries = (calendar_entry(site, event) for event in site.events if event.date.precision == "day")
    output = Encoded()
    for line in itertools.chain(lines, *entries, ["END:VCALENDAR"]):
        output.write(fold(line) + "\r\n")
    return output.joined()


def calendar_entry(site: Site, event: Event) -> list[str]:
    day = event.date.first_day()
    return [
        "BEGIN:VEVENT",
        f"UID:{urn(site, f'event/{event.id}')}",
        f"DTSTAMP:{newest_date(site, event).first_day():%Y%m%d}T000000Z",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
        "RRULE:FREQ=YEARLY",
        f"SUMMARY:{ical_text(event.title)}",
        f"DESCRIPTION:{ical_text(when(event.date, event.approximate) + ': ' + summary_line(event.summary))}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def ical_text(text: str) -> str:
    """An iCalendar TEXT value: backslashes, semicolons, commas and line breaks escaped."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line in lines of at most 75 octets, each continued on a line that starts with a space,
    never cut inside a character (RFC 5545, 3.1)."""
    data, chunks, limit = line.encode("utf-8"), [], 75
    while len(data) > limit:
        cut = limit
        while data[cut] & 0xC0 == 0x80:  # a continuation byte of a multi-byte character
            cut -= 1
        chunks.append(data[:cut])
        data, limit = data[cut:], 74
    return b"\r\n ".join([*chunks, data]).decode("utf-8")


# Citations


def citation_key(site: Site, event: Event | None = None) -> str:
    return f"{site.main.id}-history" + (f"-{event.id}" if event else "")


def event_bibtex(site: Site, event: Event) -> list[str]:
    """The same entry as the event page's "Cite this page"; the address is relative to the site's root."""
    return [
        f"@misc{{{citation_key(site, event)},",
        f"  title = {{{bibtex_text(event.title)}}},",
        f"  author = {{{{{bibtex_text(work_title(site))}}}}},",
        f"  howpublished = {{\\url{{{api.page_of(site, event.id)}}}}},",
        f"  note = {{Event of {when(event.date, event.approximate)}}},",
        "}",
    ]


def citations_bibtex(site: Site, updated: PartialDate) -> bytes:
    dataset = [
        f"@misc{{{citation_key(site)},",
        f"  title = {{{bibtex_text(work_title(site))}}},",
        f"  author = {{{{{bibtex_text(work_title(site))}}}}},",
        f"  year = {{{updated.year}}},",
        "  howpublished = {\\url{data/}},",
        f"  note = {{Dataset, last changed {updated}. Licence: {DATA_LICENCE[0]}}},",
        "}",
    ]
    output = Encoded()
    output.write("\n".join(dataset) + "\n")
    for event in site.events:
        output.write("\n" + "\n".join(event_bibtex(site, event)) + "\n")
    return output.joined()


def date_parts(day: PartialDate) -> dict[str, object]:
    return {"date-parts": [[part for part in (day.year, day.month, day.day) if part]]}


def citations_csl(site: Site, updated: PartialDate) -> bytes:
    """CSL-JSON, which reference managers import: the dataset, then every event's page."""
    author = [{"literal": work_title(site)}]
    dataset = {
        "id": citation_key(site),
        "type": "dataset",
        "title": work_title(site),
        "author": author,
        "issued": date_parts(updated),
        "URL": "data/",
        "note": f"Licence: {DATA_LICENCE[0]}",
    }
    events = (
        {
            "id": citation_key(site, event),
            "type": "webpage",
            "title": event.title,
            "container-title": work_title(site),
            "author": author,
            "URL": api.page_of(site, event.id),
            "note": f"Event of {when(event.date, event.approximate)}",
        }
        for event in site.events
    )
    output = Encoded()
    for number, item in enumerate(itertools.chain([dataset], events)):
        output.write(("[\n" if number == 0 else ",\n") + json.dumps(item, ensure_ascii=False))  # an item a line
    output.write("\n]\n")
    return output.joined()


# The data page


def data_page(site: Site, updated: PartialDate) -> str:
    intro = (
        f"Everything in this history is also published as data, free to reuse with credit under "
        f"[{DATA_LICENCE[0]}]({DATA_LICENCE[1]}). The data last changed on or after **{updated}**: the newest date "
        "it holds."
    )
    lines = heading("Open data", intro)
    lines += licences(site) + api_section(site) + csv_section(site) + feeds_section(site) + calendar_section(site)
    lines += citations_section(site, updated) + structured_data_section()
    return page(
        lines, [dataset_node(site, updated)], description="The history as JSON, CSV, feeds, a calendar and citations."
    )


def here_link(text: str, target: str) -> str:
    return link(text, HERE, target)


def licences(site: Site) -> list[str]:
    return [
        "## Licences",
        "",
        f"- **Data and text**: [{DATA_LICENCE[0]}]({DATA_LICENCE[1]}). Credit “{plain(work_title(site))}” "
        "and link to it. The titles and passages quoted from sources remain their authors'.",
        f"- **Code** of the generator: [{CODE_LICENCE[0]}]({CODE_LICENCE[1]}).",
        "",
    ]


def api_section(site: Site) -> list[str]:
    lines = [
        f"## JSON API, version {api.VERSION}",
        "",
        "One file for each kind of record, and one file for each record. Every file has `version` "
        f"(always {api.VERSION}) and `updated` (the newest date in the data, at its precision). Ids are those "
        "of the data and never change; each record's `page` is its page on this site, relative to the site's root.",
        "",
        "| File | Holds | Schema | One record | Its schema |",
        "| --- | --- | --- | --- | --- |",
    ]
    for kind in api.KINDS:
        records = getattr(site.data, kind.plural)  # the dataset holds each kind under the same name
        count = len(records)
        one = (
            here_link(f"{kind.plural}/ID.json", kind.record_file(records[0].id))
            if records
            else f"{kind.plural}/ID.json"
        )
        lines.append(
            f"| {here_link(kind.plural + '.json', kind.collection)} "
            f"| {count} {kind.singular if count == 1 else kind.plural}, {kind.order} "
            f"| {here_link('schema', kind.collection_schema)} | {one} | {here_link('schema', kind.record_schema)} |"
        )
    lines += [
        "",
        f"**Versioning.** Version {api.VERSION} never changes shape: its files and fields stay, with their types, "
        "and every field is always present (`null` when the data leaves it out). A list of allowed values, such "
        f"as the roles, may grow. A change that would break a reader is published as version {api.VERSION + 1} "
        f"beside version {api.VERSION}.",
        "",
    ]
    for name, definition in api.DEFINITIONS.items():
        lines += [f"### {name}", "", plain(definition["description"]), "", "| Field | Type | Meaning |"]
        lines.append("| --- | --- | --- |")
        for field, schema in definition["properties"].items():
            lines.append(f"| `{field}` | {type_name(schema)} | {cell(schema['description'])} |")
        lines.append("")
    return lines


def type_name(schema: api.Schema) -> str:
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[1]
    if schema.get("type") == "array":
        return f"list of {type_name(schema['items'])}"
    kind = schema["type"]
    text = " or ".join(kind) if isinstance(kind, list) else kind
    return text + ("" if "enum" not in schema else ": " + ", ".join(f"`{v}`" for v in schema["enum"] if v))


def csv_section(site: Site) -> list[str]:
    lines = [
        "## Spreadsheet (CSV)",
        "",
        f"{here_link('events.csv', CSV_FILE)}: one row per event ({len(site.events)} rows), in time order, after a "
        "header row. UTF-8 (with the byte order mark that spreadsheets look for), comma-separated, quoted where a "
        "value needs it. A cell that holds several values has one a line. A value that begins with `=`, `+`, `-` "
        "or `@` is written after an apostrophe, so that a spreadsheet shows it rather than running it as a formula.",
        "",
        "| Column | Meaning |",
        "| --- | --- |",
    ]
    lines += [f"| `{name}` | {meaning} |" for name, meaning, _ in CSV_COLUMNS]
    return [*lines, ""]


def feeds_section(site: Site) -> list[str]:
    return [
        "## Feeds (Atom)",
        "",
        f"- {here_link('New and changed events', EVENTS_FEED)}: the {FEED_ENTRIES} most recently changed events "
        "(all of them, while there are fewer). "
        "The data keeps no history of its edits, so each event is dated by the newest date the data gives for it: "
        "its own date, the publication dates of its sources and figures, and the dates of the corrections that "
        "affect it (a date known only to the month or the year counts from its first day). A new source or a "
        "correction brings an event back to the top; an edit that adds no date does not.",
        f"- {here_link('Corrections', 'corrections/feed.xml')}: every correction, newest first.",
        "",
        "Each entry keeps the same id in every build.",
        "",
    ]


def calendar_section(site: Site) -> list[str]:
    count = sum(1 for event in site.events if event.date.precision == "day")
    return [
        "## Calendar (iCalendar)",
        "",
        f"{here_link('events.ics', CALENDAR)}: the {count} events known to the day, each an all-day entry that "
        "comes back every year on its date, for an “on this day” calendar. Each keeps the same id in every build. "
        f"Some entries describe sexual violence; {here_link('support is available', 'support.md')}.",
        "",
    ]


def citations_section(site: Site, updated: PartialDate) -> list[str]:
    first = site.events[0]
    return [
        "## Citations",
        "",
        f"The dataset and every event can be cited: {here_link('citations.bib', BIBTEX)} (BibTeX) and "
        f"{here_link('citations.json', CSL_JSON)} (CSL-JSON, which reference managers import). The key of the "
        f"dataset is `{citation_key(site)}`; an event's key adds its id, as in `{citation_key(site, first)}`. The "
        "site can be published at any address, so their addresses are relative to the site's root: add the address "
        "where you found the site. The repository holds a `CITATION.cff` with the same details.",
        "",
        f"To cite the dataset: *{plain(work_title(site))}* (dataset, last changed {updated}). Licensed under "
        f"{DATA_LICENCE[0]}.",
        "",
    ]


def structured_data_section() -> list[str]:
    return [
        "## Structured data",
        "",
        "Every event, person and movement page describes itself in schema.org JSON-LD: an `Event`, a `Person` or "
        "an `Organization`, each with the address of its page as its `@id`. Every credit is a `Role` "
        "(`OrganizationRole`) with its `roleName` (originator or amplifier) and `startDate`, pointing to the "
        "movement's `@id`, so the credit travels with the data.",
        "",
    ]


def dataset_node(site: Site, updated: PartialDate) -> dict[str, object]:
    downloads = [
        ("application/json", f"events.json (API v{api.VERSION})", "api/v1/events.json"),
        ("text/csv", "events.csv", CSV_FILE),
        ("text/calendar", "events.ics", CALENDAR),
    ]
    return {
        "@type": "Dataset",
        "@id": "./",
        "name": work_title(site),
        "description": f"The history of {site.main.name}: events, people, movements with their credits, sources "
        "and corrections, every claim sourced.",
        "license": DATA_LICENCE[1],
        "dateModified": updated.iso(),
        "isAccessibleForFree": True,
        "about": {"@id": url(HERE, movement_page(site.main.id))},
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": kind,
                "name": name,
                "contentUrl": relative(target, folder_of(HERE)),
            }
            for kind, name, target in downloads
        ],
    }


def open_data(site: Site) -> Iterator[tuple[str, str | bytes]]:
    """Every open-data file, and the data page, as (path under docs/, text)."""
    updated = last_change(site.data)
    yield from api.api_files(site, updated)
    yield EVENTS_FEED, events_feed(site)
    yield CSV_FILE, events_csv(site)
    yield CALENDAR, calendar(site)
    yield BIBTEX, citations_bibtex(site, updated)
    yield CSL_JSON, citations_csl(site, updated)
    yield HERE, data_page(site, updated)
