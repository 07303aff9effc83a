"""Validate: read the loaded tree into the model, checking everything, and report every problem at once."""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import sourcing
from generator.attribution import AttributionChecker, Claim, CreditIndex, cited_claims
from generator.dates import PartialDate
from generator.errors import DataError, Problem
from generator.load import KIND_NAMES, Mapping, Node, Scalar, Sequence, load_file
from generator.model import AUTHORITATIVE_SOURCE_KINDS, SCHEMA_VERSION, Correction, Dataset, Movement, Person, Source
from generator.schema import Invalid, Kind, ListOf, Markdown, Record, Ref, ScalarKind, Text, is_required, kind_of

COLLECTIONS = ("movements", "people", "publishers", "sources", "events", "corrections")


def load_dataset(path: Path, name: str | None = None, today: datetime.date | None = None) -> Dataset:
    """Loads and validates a data file; raises DataError listing every problem found."""
    name = name or str(path)
    return validate(load_file(path, name), name, today or datetime.date.today())


def validate(root: Node, file: str, today: datetime.date) -> Dataset:
    return validate_with_warnings(root, file, today)[0]


def validate_with_warnings(root: Node, file: str, today: datetime.date) -> tuple[Dataset, list[Problem]]:
    """The dataset, and what is valid but worth a contributor's attention (located as errors are)."""
    owners, duplicates = _index_ids(root, file)
    reader = _Reader(file, owners, today)
    reader.problems += duplicates
    dataset: Dataset | None = reader.record(Dataset, root, _Where("", ""))
    if dataset is not None:
        _Checker(reader).check(dataset, credits_complete=_all_read(root, dataset))
    if dataset is None or any(problem.severity == "error" for problem in reader.problems):
        raise DataError([problem for problem in reader.problems if problem.severity == "error"])
    return dataset, reader.problems


def _index_ids(root: Node, file: str) -> tuple[dict[str, str], list[Problem]]:
    """Every id in the file, to its collection, read before any record so that references can be checked
    even in records that have other problems; and the ids used twice."""
    owners: dict[str, str] = {}
    first: dict[str, str] = {}
    duplicates = []
    for collection in COLLECTIONS:
        items = _entry(root, collection)
        for position, item in enumerate(items.items if isinstance(items, Sequence) else ()):
            id_node = _entry(item, "id")
            if not isinstance(id_node, Scalar) or not id_node.text:
                continue
            record_id, label = id_node.text, f"{collection}[{position}]"
            if record_id in first:
                message = f"{label} ({record_id}) id: '{record_id}' is already used by {first[record_id]}; ids must be unique across the file"
                duplicates.append(Problem(file, id_node.line, id_node.column, message))
                continue
            first[record_id] = label
            owners[record_id] = collection
    return owners, duplicates


@dataclass(frozen=True, slots=True)
class _Where:
    """How a message names a place in the data: `events[12] (2017-10-15-milano-tweet) people[0].role`."""

    record: str
    path: str

    def key(self, name: str) -> _Where:
        if not self.record:
            return _Where(name, "")
        return _Where(self.record, f"{self.path}.{name}" if self.path else name)

    def index(self, position: int, record_id: str | None = None) -> _Where:
        if not self.path and record_id is not None:
            return _Where(f"{self.record}[{position}] ({record_id})", "")
        if not self.path:
            return _Where(f"{self.record}[{position}]", "")
        return _Where(self.record, f"{self.path}[{position}]")

    def __str__(self) -> str:
        return " ".join(part for part in (self.record, self.path) if part) or "top level"


class _Invalid:
    """Marks a value that could not be read (its problem is already reported)."""


INVALID = _Invalid()


class _Reader:
    """Reads nodes into model records, field by field, as the model declares them."""

    def __init__(self, file: str, owners: dict[str, str], today: datetime.date) -> None:
        self.file = file
        self.owners = owners
        self.today = today
        self.problems: list[Problem] = []
        self.origins: dict[int, tuple[Mapping, _Where]] = {}

    def error(self, node: Node, where: _Where, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(self.file, node.line, node.column, f"{where}: {message}", severity))

    def origin(self, record: object) -> tuple[Mapping, _Where]:
        return self.origins[id(record)]

    def record(self, cls: type, node: Node, where: _Where) -> Any:
        if not isinstance(node, Mapping):
            self.error(node, where, f"expected a mapping of keys, got {KIND_NAMES[type(node)]}")
            return None
        fields = _fields(cls)
        if unknown := [key for key in node.entries if key not in fields]:
            positions = node.key_positions()
            for key in unknown:
                self.error(Scalar(key, *positions[key]), where, _unknown_key(key, list(fields)))
        values: dict[str, Any] = {}
        complete = True
        for name, (kind, required) in fields.items():
            if name not in node.entries:
                if required:
                    self.error(node, where, f"missing required key '{name}'; expected {kind.expected}")
                    complete = False
                continue
            value = self.value(kind, node.entries[name], where.key(name))
            if value is INVALID:
                complete = False
            else:
                values[name] = value
        if not complete:
            return None
        result = cls(**values)
        self.origins[id(result)] = (node, where)
        return result

    def value(self, kind: ScalarKind | Record | ListOf, node: Node, where: _Where) -> Any:
        if isinstance(kind, Record):
            result = self.record(kind.cls, node, where)
            return INVALID if result is None else result
        if isinstance(kind, ListOf):
            return self.list(kind, node, where)
        if not isinstance(node, Scalar):
            self.error(node, where, f"expected {kind.expected}, got {KIND_NAMES[type(node)]}")
            return INVALID
        try:
            value = kind.parse(node.text)
            if isinstance(kind, Ref) and isinstance(value, str):
                self.check_reference(kind, value)
            elif isinstance(value, PartialDate) and value.first_day() > self.today:
                raise Invalid(f"{value.iso()} is in the future")
        except Invalid as problem:
            self.error(node, where, str(problem))
            return INVALID
        return value

    def check_reference(self, ref: Ref, target: str) -> None:
        owner = self.owners.get(target)
        if owner is not None and owner != ref.collection:
            raise Invalid(f"'{target}' is in {owner}, not {ref.collection}; expected {ref.expected}")
        if owner is None:
            known = [key for key, collection in self.owners.items() if collection == ref.collection]
            raise Invalid(
                f"unknown {ref.noun} '{target}'" + _did_you_mean(target, known, f"; add it to {ref.collection} first")
            )

    def list(self, kind: ListOf, node: Node, where: _Where) -> Any:
        """A list of values; a top-level collection keeps its good records so they can be cross-checked,
        a nested list with a bad item makes its record unreadable."""
        if not isinstance(node, Sequence):
            self.error(node, where, f"expected {kind.expected}, got {KIND_NAMES[type(node)]}")
            return INVALID
        problems_before = len(self.problems)
        if len(node.items) < kind.min_items:
            entries = "entry" if kind.min_items == 1 else "entries"
            self.error(node, where, f"needs at least {kind.min_items} {entries}, got {len(node.items)}")
        collection = where.path == ""
        items = []
        seen: dict[object, int] = {}
        for position, item in enumerate(node.items):
            item_where = where.index(position, _raw_id(item) if collection else None)
            value = self.value(kind.item, item, item_where)
            if value is INVALID:
                continue
            if kind.unique and value in seen:
                self.error(item, item_where, f"'{value}' is listed twice (first at [{seen[value]}]); keep one")
                continue
            seen.setdefault(value, position)
            items.append(value)
        if len(self.problems) > problems_before and not collection:
            return INVALID
        return tuple(items)


class _Checker:
    """The checks that need more than one field: order, consent, credits, roles, disputes."""

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader

    def error_at(self, record: object, field: str, message: str, severity: str = "error") -> None:
        mapping, where = self.reader.origin(record)
        node, place = (mapping.entries[field], where.key(field)) if field in mapping.entries else (mapping, where)
        self.reader.error(node, place, message, severity)

    def check(self, dataset: Dataset, credits_complete: bool) -> None:
        if dataset.schema_version != SCHEMA_VERSION:
            self.error_at(
                dataset,
                "schema_version",
                f"this generator reads version {SCHEMA_VERSION}, got {dataset.schema_version}",
            )
        self.check_chronology(dataset)
        for person in dataset.people:
            self.check_consent(person)
        self.check_unique_names(dataset.people, "person")
        self.check_unique_names(dataset.movements, "movement")
        for movement in dataset.movements:
            self.check_credits(movement)
        self.check_part_of(dataset)
        self.check_event_roles(dataset)
        self.check_convictions(dataset)
        self.check_disputes(dataset)
        if credits_complete:  # judged against partial credits, correct text would look wrong
            self.check_attribution(dataset)
        for record, field, message in sourcing.problems(dataset):
            self.error_at(record, field, message)
        for source, message in sourcing.unarchived(dataset):
            self.error_at(source, "url", message, "warning")
        published = {source.id: source.published for source in dataset.sources}
        for correction in dataset.corrections:
            self.check_correction(correction, published)

    def check_chronology(self, dataset: Dataset) -> None:
        for before, event in zip(dataset.events, dataset.events[1:], strict=False):
            if event.date < before.date:
                self.error_at(
                    event,
                    "date",
                    f"{event.date.iso()} comes before the previous event ({before.id}, {before.date.iso()}); keep events in chronological order",
                )
        for source in dataset.sources:
            if source.published and source.accessed and source.accessed.last_day() < source.published.first_day():
                self.error_at(
                    source,
                    "accessed",
                    f"{source.accessed.iso()} is before the source was published ({source.published.iso()})",
                )

    def check_consent(self, person: Person) -> None:
        if not person.public_figure and not person.group and person.consent is None:
            self.error_at(
                person,
                "id",
                "a private individual is named without consent; add 'consent' (date and note), mark 'public_figure: true' for a public figure, or leave the name out",
            )

    def check_unique_names(self, records: tuple[Person, ...] | tuple[Movement, ...], noun: str) -> None:
        """Names are read in one Unicode form (NFC), so a twin spelled with other code points is caught here."""
        first: dict[str, str] = {}
        for record in records:
            name = record.name.casefold()
            if name in first:
                self.error_at(
                    record,
                    "name",
                    f"'{record.name}' is already the name of {first[name]}; if it is the same {noun}, use that record; if not, tell them apart in the name",
                )
            first.setdefault(name, str(self.reader.origin(record)[1]))

    def check_credits(self, movement: Movement) -> None:
        originators = [credit for credit in movement.credits if credit.role == "originator" and not credit.disputed]
        if not originators:
            self.error_at(movement, "credits", "has no originator; credit the person who started it, with sources")
            return
        origin = min(credit.date for credit in originators)
        originator_ids = {credit.person for credit in originators}
        for credit in movement.credits:
            if credit.role != "amplifier" or credit.disputed:
                continue
            if credit.person in originator_ids:
                self.error_at(
                    credit,
                    "role",
                    f"{credit.person} is credited as both originator and amplifier of {movement.id}; keep one role",
                )
            elif credit.date.last_day() < origin.first_day():
                self.error_at(
                    credit,
                    "date",
                    f"the amplification ({credit.date.iso()}) is dated before the origin it amplifies ({origin.iso()})",
                )

    def check_part_of(self, dataset: Dataset) -> None:
        parents = {movement.id: movement.part_of for movement in dataset.movements}
        for movement in dataset.movements:
            seen = {movement.id}
            parent = movement.part_of
            while parent is not None and parent in parents:
                if parent in seen:
                    self.error_at(
                        movement,
                        "part_of",
                        f"'{movement.part_of}' leads back to {movement.id}; part_of must not form a loop",
                    )
                    break
                seen.add(parent)
                parent = parents[parent]

    def check_event_roles(self, dataset: Dataset) -> None:
        """An event may call someone originator or amplifier only where the credits say so."""
        credited = {
            (movement.id, credit.person, credit.role) for movement in dataset.movements for credit in movement.credits
        }
        read = {movement.id for movement in dataset.movements}
        people = {person.id for person in dataset.people}
        for event in dataset.events:
            if not read.issuperset(event.movements):
                continue  # a movement that could not be read has no credits to compare with
            for participant in event.people:
                if participant.role not in ("originator", "amplifier") or participant.person not in people:
                    continue
                if not any(
                    (movement, participant.person, participant.role) in credited for movement in event.movements
                ):
                    movements = ", ".join(event.movements)
                    self.error_at(
                        participant,
                        "role",
                        f"{participant.person} is not credited as {participant.role} of {movements}; use the role the movement's credits give, or add a sourced credit",
                    )

    def check_convictions(self, dataset: Dataset) -> None:
        """Only a court or a public authority can say someone was convicted; a report of it is not enough."""
        kinds = {source.id: source.kind for source in dataset.sources}
        for event in dataset.events:
            if any(kinds.get(source) in AUTHORITATIVE_SOURCE_KINDS for source in event.sources):
                continue
            for participant in event.people:
                if participant.role == "convicted":
                    self.error_at(
                        participant,
                        "role",
                        f"records {participant.person} as convicted, but none of the event's sources is a court record "
                        "or an official statement; cite one (a source with 'kind: court' or 'kind: official'), "
                        "or use 'defendant'",
                    )

    def check_correction(self, correction: Correction, published: dict[str, PartialDate | None]) -> None:
        if not correction.affects.ids():
            self.error_at(
                correction, "affects", "names no record; list the events, movements, people or sources it corrects"
            )
        for source in correction.affects.sources:
            date = published.get(source)
            if date is not None and correction.date.last_day() < date.first_day():
                self.error_at(
                    correction,
                    "date",
                    f"{correction.date.iso()} is before {source}, which it corrects, was published ({date.iso()})",
                )

    def check_attribution(self, dataset: Dataset) -> None:
        """The site's own words may not credit an origin the data does not; citations that do must be marked."""
        checker = AttributionChecker(dataset.movements, dataset.people)
        credits = CreditIndex(dataset)
        for movement in dataset.movements:
            self.check_prose(checker, credits, movement, (movement.id,))
        for event in dataset.events:
            self.check_prose(checker, credits, event, event.movements)
        for record in (*dataset.people, *dataset.corrections):
            self.check_prose(checker, credits, record, ())
        for source in dataset.sources:
            self.check_citation(checker, credits, source)

    def check_prose(
        self, checker: AttributionChecker, credits: CreditIndex, record: object, context: tuple[str, ...]
    ) -> None:
        record_type: type = type(record)
        for name, (kind, _) in _fields(record_type).items():
            value = getattr(record, name)
            if isinstance(kind, Text | Markdown) and kind.prose and value:
                for claim in checker.misattributions(value, context):
                    self.error_at_claim(
                        record, name, claim, f"says {credits.claim(claim)}, but {credits.explain(claim)}"
                    )
            elif isinstance(kind, Record) and value is not None:
                self.check_prose(checker, credits, value, context)
            elif isinstance(kind, ListOf) and isinstance(kind.item, Record):
                for item in value:
                    self.check_prose(checker, credits, item, context)

    def check_citation(self, checker: AttributionChecker, credits: CreditIndex, source: Source) -> None:
        claims = cited_claims(checker, source)
        for field, found in claims.items():
            for claim in found if not source.misattributes else ():
                message = (
                    f"credits {credits.claim(claim)}, but {credits.explain(claim, hint=False)}; "
                    "keep the citation verbatim and add 'misattributes: true' so every page that shows it adds a note"
                )
                self.error_at_claim(source, field, claim, message)
        strict = [
            claim
            for text in (source.title, source.quote or "")
            for claim in checker.claims(text)
            if not checker.is_credited(claim, strict=True)
        ]
        if source.misattributes and not strict:
            self.error_at(source, "misattributes", "the title and quote credit no one wrongly; remove 'misattributes'")

    def error_at_claim(self, record: object, field: str, claim: Claim, message: str) -> None:
        mapping, where = self.reader.origin(record)
        node = mapping.entries[field]
        line, column = (
            node.position_of(claim.anchor, claim.occurrence) if isinstance(node, Scalar) else (node.line, node.column)
        )
        self.reader.problems.append(Problem(self.reader.file, line, column, f"{where.key(field)}: {message}"))

    def check_disputes(self, dataset: Dataset) -> None:
        for event in dataset.events:
            for dispute in event.disputed:
                values = [alternative.value for alternative in dispute.alternatives]
                if dispute.used not in values:
                    self.error_at(
                        dispute,
                        "used",
                        f"'{dispute.used}' is not one of the alternatives; expected one of: {', '.join(values)}",
                    )
                for index, alternative in enumerate(dispute.alternatives):
                    if values.index(alternative.value) != index:
                        self.error_at(
                            alternative,
                            "value",
                            f"'{alternative.value}' is given twice; merge the sources into one alternative",
                        )


@functools.cache
def _fields(cls: type) -> dict[str, tuple[Kind, bool]]:
    """A model class's fields, in order, with their kind and whether they are required (read once)."""
    return {field.name: (kind_of(field), is_required(field)) for field in dataclasses.fields(cls)}


def records(root: Node, collection: str) -> dict[str, Mapping]:
    """The records of a collection in the loaded file, by id, whatever else is wrong with them."""
    items = _entry(root, collection)
    return {
        record_id: item
        for item in (items.items if isinstance(items, Sequence) else ())
        if isinstance(item, Mapping) and (record_id := _raw_id(item))
    }


def record_lines(root: Node, collection: str) -> dict[str, int]:
    """The line each record of a collection starts on, by id."""
    return {record_id: item.line for record_id, item in records(root, collection).items()}


def value_positions(root: Node, collection: str, field: str) -> dict[str, tuple[int, int]]:
    """Where a field's value stands in each record of a collection: id to (line, column)."""
    return {
        record_id: (value.line, value.column)
        for record_id, item in records(root, collection).items()
        if (value := item.entries.get(field)) is not None
    }


def _all_read(root: Node, dataset: Dataset) -> bool:
    """Whether every movement and person in the file could be read into the model."""
    read = {"movements": len(dataset.movements), "people": len(dataset.people)}
    return all(
        isinstance(items := _entry(root, key), Sequence) and len(items.items) == count for key, count in read.items()
    )


def _entry(node: Node, key: str) -> Node | None:
    if isinstance(node, Mapping) and key in node.entries:
        return node.entries[key]
    return None


def _raw_id(node: Node) -> str | None:
    value = _entry(node, "id")
    return value.text if isinstance(value, Scalar) and value.text else None


def _unknown_key(key: str, expected: list[str]) -> str:
    return f"unknown key '{key}'" + _did_you_mean(key, expected, f"; expected one of: {', '.join(expected)}")


def _did_you_mean(word: str, choices: list[str], otherwise: str) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else otherwise
