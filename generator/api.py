"""The JSON API, version 1: every record as JSON, in one file per kind and one file per record, each kind of
file described by a JSON Schema published beside it.

Version 1 never changes shape: its files, fields and their types stay as declared here, and a breaking change
is published as v2 beside it. Every field is always present (null when the data leaves it out), so a record's
shape never depends on its data.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from generator import model
from generator.dates import PartialDate
from generator.model import Correction, Event, Movement, Person, Source
from generator.pages.site import Site, ordered_credits
from generator.schema import Slug

VERSION = 1
FOLDER = f"api/v{VERSION}"
JSON_SCHEMA = "https://json-schema.org/draft/2020-12/schema"
PARTIAL_DATE = "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"

Schema = dict[str, Any]
JsonObject = dict[str, object]


def string(description: str, *, nullable: bool = False, **constraints: object) -> Schema:
    schema: Schema = {"type": ["string", "null"] if nullable else "string", **constraints}
    if nullable and "enum" in constraints:
        schema["enum"] = [*schema["enum"], None]
    return schema | {"description": description}


def boolean(description: str) -> Schema:
    return {"type": "boolean", "description": description}


def integer(description: str) -> Schema:
    return {"type": "integer", "minimum": 0, "description": description}


def array(items: Schema, description: str) -> Schema:
    return {"type": "array", "items": items, "description": description}


def ref(definition: str, description: str) -> Schema:
    return {"$ref": f"#/$defs/{definition}", "description": description}


def shape(description: str, /, **properties: Schema) -> Schema:
    """An object with exactly these properties, every one of them present."""
    return {
        "type": "object",
        "description": description,
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
    }


def slug(description: str, nullable: bool = False) -> Schema:
    return string(description, nullable=nullable, **{k: v for k, v in Slug().json().items() if k != "type"})


def slugs(description: str) -> Schema:
    return array(slug("An id."), description)


def date(description: str, nullable: bool = False) -> Schema:
    return string(description, nullable=nullable, pattern=PARTIAL_DATE)


def page_path(description: str) -> Schema:
    return string(description, pattern="^[a-z0-9-]+/[a-z0-9-]+/$")


CORRECTIONS = slugs("The ids of the corrections that affect this record, newest first.")

DEFINITIONS: dict[str, Schema] = {
    "Event": shape(
        "Something that happened, at a date, told in the site's own words with its sources.",
        id=slug("Stable id, by convention the date and a short name."),
        page=page_path("The event's page, relative to the site's root."),
        date=date("When it happened, at the precision known: YYYY, YYYY-MM or YYYY-MM-DD."),
        precision=string("How precise the date is.", enum=["year", "month", "day"]),
        approximate=boolean("true when the date itself is approximate."),
        place=string("Where it happened.", nullable=True),
        title=string("One line, neutral, in the site's own words."),
        summary=string("What happened, in a few sentences of Markdown."),
        movements=slugs("The ids of the movements it belongs to."),
        people=array(ref("Participant", "A person's part in the event."), "The people involved and their roles."),
        tags=slugs("Topics; `milestone` marks the events of the story in brief."),
        sources=slugs("The ids of the sources for the event."),
        figures=array(ref("Figure", "A reported number."), "Numbers reported about it."),
        disputed=array(ref("Dispute", "A fact on which sources disagree."), "Facts on which sources disagree."),
        corrections=CORRECTIONS,
    ),
    "Participant": shape(
        "A person's part in an event.",
        person=slug("The person's id."),
        role=string("Their part in the event.", enum=list(model.EVENT_ROLES)),
        note=string("One line of context.", nullable=True),
    ),
    "Figure": shape(
        "A reported number, with what it counts, when, and who reported it.",
        value=integer("The number."),
        qualifier=string("How exact the number is, as the source says it.", enum=list(model.QUALIFIERS)),
        label=string("What was counted."),
        as_of=date("When the count was taken."),
        source=slug("The id of the source that reports it."),
        series=string("Figures of one series count the same thing over time.", nullable=True),
        highlight=boolean("true when it is among the key figures on the home page."),
        note=string("One line of context.", nullable=True),
    ),
    "Dispute": shape(
        "A fact on which sources disagree: the value the site uses and every alternative.",
        topic=string("What the sources disagree about."),
        used=string("The value the site uses."),
        alternatives=array(ref("Alternative", "One of the values."), "Every value the sources give."),
    ),
    "Alternative": shape(
        "One of the values that sources give for a disputed fact.",
        value=string("The value as this group of sources gives it."),
        note=string("One line of context.", nullable=True),
        sources=slugs("The ids of the sources that give this value."),
    ),
    "Movement": shape(
        "A movement, hashtag, campaign or organization, with who is credited with it.",
        id=slug("Stable id."),
        page=page_path("The movement's page, relative to the site's root."),
        name=string("Name as readers know it."),
        kind=string("What it is.", nullable=True, enum=list(model.MOVEMENT_KINDS)),
        hashtags=array(string("A hashtag."), "Hashtags it is known by."),
        part_of=slug("The id of the movement this one is part of.", nullable=True),
        summary=string("What it is, in a few sentences of Markdown."),
        credits=array(ref("Credit", "A credit."), "Who is credited with it: originators first, then amplifiers."),
        corrections=CORRECTIONS,
    ),
    "Credit": shape(
        "Who is credited with a movement, in which role, since when and on what evidence.",
        person=slug("The id of the person credited."),
        role=string("`originator` started the movement; `amplifier` spread it widely.", enum=list(model.CREDIT_ROLES)),
        date=date("When the person took this role."),
        note=string("One line of context.", nullable=True),
        disputed=boolean("true when sources disagree on this credit."),
        sources=slugs("The ids of the sources that support this credit."),
    ),
    "Person": shape(
        "A person named on the site: a public figure, or a private individual who consented to be named.",
        id=slug("Stable id."),
        page=page_path("The person's page, relative to the site's root."),
        name=string("Full name as the person uses it."),
        description=string("One short, neutral line on who they are."),
        public_figure=boolean("true for people known publicly for their role; false for those named with consent."),
        group=boolean("true for a group credited together, with none of its members named."),
        corrections=CORRECTIONS,
    ),
    "Source": shape(
        "A published source that the data cites.",
        id=slug("Stable id."),
        title=string("The source's own headline, verbatim."),
        publisher=string("Who published it: the publisher's name."),
        publisher_id=slug("The publisher's id."),
        rating=string("How far its publisher is relied on.", enum=list(model.RATINGS)),
        kind=string("What it is.", nullable=True, enum=list(model.SOURCE_KINDS)),
        url=string("Where it can be read.", **{k: v for k, v in model.SOURCE_URL.json().items() if k != "type"}),
        archive_url=string("An archived copy.", nullable=True),
        published=date("Publication date at the precision the source shows.", nullable=True),
        accessed=date("The day the source was last checked.", nullable=True),
        language=string("Language code when the source is not in English.", nullable=True),
        quote=string("A passage quoted from the source, verbatim.", nullable=True),
        misattributes=boolean("true when its title or quote credits someone the data does not credit as originator."),
        corrections=CORRECTIONS,
    ),
    "Correction": shape(
        "A correction to the record.",
        id=slug("Stable id."),
        date=date("When the correction was published, or recorded by this site."),
        wrong=string("What was wrong."),
        right=string("What is right."),
        note=string("One line of context.", nullable=True),
        affects=ref("Affected", "The records it corrects."),
        sources=slugs("The ids of the sources where it was published, or of its evidence."),
    ),
    "Affected": shape(
        "The records a correction changes, by kind.",
        events=slugs("Event ids."),
        movements=slugs("Movement ids."),
        people=slugs("Person ids."),
        sources=slugs("Source ids."),
    ),
}


def page_of(site: Site, record_id: str) -> str:
    """A record's page as a folder URL relative to the site's root: `events/2017-10-15-milano-tweet/`."""
    return site.pages[record_id].removesuffix("index.md")


def corrections_of(site: Site, record_id: str) -> list[str]:
    return [correction.id for correction in site.corrections_of[record_id]]


def event_record(site: Site, event: Event) -> JsonObject:
    return {
        "id": event.id,
        "page": page_of(site, event.id),
        "date": event.date.iso(),
        "precision": event.date.precision,
        "approximate": event.approximate,
        "place": event.place,
        "title": event.title,
        "summary": event.summary,
        "movements": list(event.movements),
        "people": [{"person": p.person, "role": p.role, "note": p.note} for p in event.people],
        "tags": list(event.tags),
        "sources": list(event.sources),
        "figures": [
            {
                "value": f.value,
                "qualifier": f.qualifier,
                "label": f.label,
                "as_of": f.as_of.iso(),
                "source": f.source,
                "series": f.series,
                "highlight": f.highlight,
                "note": f.note,
            }
            for f in event.figures
        ],
        "disputed": [
            {
                "topic": dispute.topic,
                "used": dispute.used,
                "alternatives": [
                    {"value": a.value, "note": a.note, "sources": list(a.sources)} for a in dispute.alternatives
                ],
            }
            for dispute in event.disputed
        ],
        "corrections": corrections_of(site, event.id),
    }


def movement_record(site: Site, movement: Movement) -> JsonObject:
    return {
        "id": movement.id,
        "page": page_of(site, movement.id),
        "name": movement.name,
        "kind": movement.kind,
        "hashtags": list(movement.hashtags),
        "part_of": movement.part_of,
        "summary": movement.summary,
        "credits": [
            {
                "person": credit.person,
                "role": credit.role,
                "date": credit.date.iso(),
                "note": credit.note,
                "disputed": credit.disputed,
                "sources": list(credit.sources),
            }
            for credit in ordered_credits(movement)
        ],
        "corrections": corrections_of(site, movement.id),
    }


def person_record(site: Site, person: Person) -> JsonObject:
    """A person as the site shows them; the record of a private individual's consent stays out."""
    return {
        "id": person.id,
        "page": page_of(site, person.id),
        "name": person.name,
        "description": person.description,
        "public_figure": person.public_figure,
        "group": person.group,
        "corrections": corrections_of(site, person.id),
    }


def source_record(site: Site, source: Source) -> JsonObject:
    return {
        "id": source.id,
        "title": source.title,
        "publisher": site.publisher_of(source.id).name,
        "publisher_id": source.publisher,
        "rating": site.publisher_of(source.id).rating,
        "kind": source.kind,
        "url": source.url,
        "archive_url": source.archive_url,
        "published": source.published.iso() if source.published else None,
        "accessed": source.accessed.iso() if source.accessed else None,
        "language": source.language,
        "quote": source.quote,
        "misattributes": source.misattributes,
        "corrections": corrections_of(site, source.id),
    }


def correction_record(site: Site, correction: Correction) -> JsonObject:
    affects = correction.affects
    return {
        "id": correction.id,
        "date": correction.date.iso(),
        "wrong": correction.wrong,
        "right": correction.right,
        "note": correction.note,
        "affects": {
            "events": list(affects.events),
            "movements": list(affects.movements),
            "people": list(affects.people),
            "sources": list(affects.sources),
        },
        "sources": list(correction.sources),
    }


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of record: its collection `api/v1/PLURAL.json`, and a file per record `api/v1/PLURAL/ID.json`."""

    plural: str
    singular: str
    definition: str
    records: Callable[[Site], Iterable[tuple[str, JsonObject]]]
    order: str  # how the collection is ordered, for the data page

    @property
    def collection(self) -> str:
        return f"{FOLDER}/{self.plural}.json"

    @property
    def collection_schema(self) -> str:
        return f"{FOLDER}/{self.plural}.schema.json"

    @property
    def record_schema(self) -> str:
        return f"{FOLDER}/{self.singular}.schema.json"

    def record_file(self, record_id: str) -> str:
        return f"{FOLDER}/{self.plural}/{record_id}.json"


KINDS = (
    Kind(
        "events",
        "event",
        "Event",
        lambda site: ((event.id, event_record(site, event)) for event in site.events),
        "in time order",
    ),
    Kind(
        "movements",
        "movement",
        "Movement",
        lambda site: ((m.id, movement_record(site, m)) for m in site.data.movements),
        "the subject of the site first, then as in the data",
    ),
    Kind(
        "people",
        "person",
        "Person",
        lambda site: ((p.id, person_record(site, p)) for p in sorted(site.data.people, key=lambda p: p.id)),
        "by id",
    ),
    Kind(
        "sources",
        "source",
        "Source",
        lambda site: ((s.id, source_record(site, s)) for s in sorted(site.data.sources, key=lambda s: s.id)),
        "by id",
    ),
    Kind(
        "corrections",
        "correction",
        "Correction",
        lambda site: ((c.id, correction_record(site, c)) for c in reversed(site.corrections)),
        "oldest first",
    ),
)


def envelope(body: Schema) -> Schema:
    """The fields every file of the API has, around its own."""
    return {
        "version": {"const": VERSION, "description": "The version of the API: a file of v1 always has 1."},
        "updated": date(
            "The data's last change, as far as the data records it: the newest date it holds (an event, a credit, a "
            "figure, a source's publication or last check, a person's consent or a correction), at that date's precision."
        ),
        **body,
    }


def collection_schema(kind: Kind) -> Schema:
    return file_schema(
        f"{kind.plural}.json",
        f"Every {kind.singular} in the data, {kind.order}.",
        {kind.plural: array(ref(kind.definition, f"A {kind.singular}."), f"Every {kind.singular}.")},
    )


def record_schema(kind: Kind) -> Schema:
    return file_schema(
        f"{kind.plural}/ID.json",
        f"One {kind.singular}.",
        {kind.singular: ref(kind.definition, f"The {kind.singular}.")},
    )


def file_schema(title: str, description: str, body: Schema) -> Schema:
    properties = envelope(body)
    head = {"$schema": JSON_SCHEMA, "title": f"API v{VERSION}: {title}"}
    return head | shape(description, **properties) | {"$defs": DEFINITIONS}


def dump(value: object) -> str:
    """Compact, with keys in order: the same data always gives the same bytes."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def api_files(site: Site, updated: PartialDate) -> Iterator[tuple[str, str | bytes]]:
    """Every file of the API: for each kind its two schemas, a file per record, and the collection."""
    # Each record is turned into JSON once, for its own file and for the collection's (whose records are
    # kept as bytes: as objects, 100,000 events would take a gigabyte). Keys stay in sorted order, as `dump`
    # writes them: every kind's name sorts before "updated" and "version".
    tail = dump({"updated": updated.iso(), "version": VERSION}).removeprefix("{")
    for kind in KINDS:
        yield kind.collection_schema, json.dumps(collection_schema(kind), indent=2, ensure_ascii=False) + "\n"
        yield kind.record_schema, json.dumps(record_schema(kind), indent=2, ensure_ascii=False) + "\n"
        records = []
        for record_id, body in kind.records(site):
            record = dump(body).rstrip("\n")
            yield kind.record_file(record_id), f'{{"{kind.singular}":{record},{tail}'
            records.append(record.encode("utf-8"))
        yield kind.collection, f'{{"{kind.plural}":['.encode() + b",".join(records) + f"],{tail}".encode()
