"""Validate: read the loaded tree into the model, checking everything, and report every problem at once."""

from __future__ import annotations

import dataclasses
import datetime
import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import DataError, Problem
from generator.load import KIND_NAMES, Mapping, Node, Scalar, Sequence, load_file
from generator.model import SCHEMA_VERSION, Dataset, Movement, Person
from generator.schema import Date, Invalid, ListOf, Record, Ref, ScalarKind, is_required, kind_of

COLLECTIONS = ("movements", "people", "sources", "events", "corrections")


def load_dataset(path: Path, name: str | None = None, today: datetime.date | None = None) -> Dataset:
    """Loads and validates a data file; raises DataError listing every problem found."""
    name = name or str(path)
    return validate(load_file(path, name), name, today or datetime.date.today())


def validate(root: Node, file: str, today: datetime.date) -> Dataset:
    reader = _Reader(file)
    dataset: Dataset | None = reader.record(Dataset, root, _Where("", ""))
    if dataset is not None:
        _Checker(reader, root, today).check(dataset)
    if reader.problems or dataset is None:
        raise DataError(reader.problems)
    return dataset


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

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.origins: dict[int, tuple[Mapping, _Where]] = {}

    def error(self, node: Node, where: _Where, message: str) -> None:
        self.problems.append(Problem(self.file, node.line, node.column, f"{where}: {message}"))

    def origin(self, record: object) -> tuple[Mapping, _Where]:
        return self.origins[id(record)]

    def record(self, cls: type, node: Node, where: _Where) -> Any:
        if not isinstance(node, Mapping):
            self.error(node, where, f"expected a mapping of keys, got {KIND_NAMES[type(node)]}")
            return None
        fields = {field.name: field for field in dataclasses.fields(cls)}
        for key, (key_node, _) in node.entries.items():
            if key not in fields:
                self.error(key_node, where, _unknown_key(key, list(fields)))
        values: dict[str, Any] = {}
        complete = True
        for name, field in fields.items():
            if name not in node.entries:
                if is_required(field):
                    self.error(node, where, f"missing required key '{name}'; expected {kind_of(field).expected}")
                    complete = False
                continue
            value = self.value(kind_of(field), node.entries[name][1], where.key(name))
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
            return kind.parse(node.text)
        except Invalid as problem:
            self.error(node, where, str(problem))
            return INVALID

    def list(self, kind: ListOf, node: Node, where: _Where) -> Any:
        if not isinstance(node, Sequence):
            self.error(node, where, f"expected {kind.expected}, got {KIND_NAMES[type(node)]}")
            return INVALID
        if len(node.items) < kind.min_items:
            self.error(
                node,
                where,
                f"needs at least {kind.min_items} {'entry' if kind.min_items == 1 else 'entries'}, got {len(node.items)}",
            )
        items = []
        seen: dict[object, int] = {}
        for position, item in enumerate(node.items):
            item_where = where.index(position, _raw_id(item) if where.path == "" else None)
            value = self.value(kind.item, item, item_where)
            if value is INVALID:
                continue
            if kind.unique and value in seen:
                self.error(item, item_where, f"'{value}' is listed twice (first at [{seen[value]}]); keep one")
                continue
            seen.setdefault(value, position)
            items.append(value)
        return tuple(items)


class _Checker:
    """The checks that need more than one field: ids, references, dates, credits."""

    def __init__(self, reader: _Reader, root: Node, today: datetime.date) -> None:
        self.reader = reader
        self.root = root
        self.today = today
        self.owners: dict[str, str] = {}  # every id in the file, read or not, to its collection

    def error_at(self, record: object, field: str, message: str, index: int | None = None) -> None:
        mapping, where = self.reader.origin(record)
        node: Node = mapping
        place = where
        if field in mapping.entries:
            node, place = mapping.entries[field][1], where.key(field)
            if index is not None and isinstance(node, Sequence) and index < len(node.items):
                node, place = node.items[index], place.index(index)
        self.reader.error(node, place, message)

    def check(self, dataset: Dataset) -> None:
        if dataset.schema_version != SCHEMA_VERSION:
            self.error_at(
                dataset,
                "schema_version",
                f"this generator reads version {SCHEMA_VERSION}, got {dataset.schema_version}",
            )
        self.check_unique_ids()
        for record in _records(dataset):
            self.check_fields(record)
        self.check_chronology(dataset)
        for person in dataset.people:
            self.check_consent(person)
        for movement in dataset.movements:
            self.check_credits(movement)
        self.check_part_of(dataset)
        self.check_event_roles(dataset)
        self.check_disputes(dataset)
        for correction in dataset.corrections:
            if not correction.affects.ids():
                self.error_at(
                    correction, "affects", "names no record; list the events, movements, people or sources it corrects"
                )

    def check_unique_ids(self) -> None:
        first: dict[str, str] = {}
        for collection in COLLECTIONS:
            items = _entry(self.root, collection)
            for position, item in enumerate(items.items if isinstance(items, Sequence) else ()):
                record_id = _raw_id(item)
                if record_id is None:
                    continue
                label = f"{collection}[{position}]"
                if record_id in first:
                    id_node = item.entries["id"][1]  # type: ignore[union-attr]
                    where = _Where(f"{label} ({record_id})", "id")
                    self.reader.error(
                        id_node,
                        where,
                        f"'{record_id}' is already used by {first[record_id]}; ids must be unique across the file",
                    )
                    continue
                first[record_id] = label
                self.owners[record_id] = collection

    def check_fields(self, record: object) -> None:
        """References resolve and dates are not in the future, wherever they stand."""
        for field in dataclasses.fields(record):  # type: ignore[arg-type]
            kind = kind_of(field)
            value = getattr(record, field.name)
            item_kind = kind.item if isinstance(kind, ListOf) else kind
            values = enumerate(value) if isinstance(kind, ListOf) else [(None, value)]
            for index, item in values:
                if isinstance(item_kind, Ref):
                    self.check_reference(record, field.name, index, item_kind, item)
                elif isinstance(item_kind, Date) and item is not None and item.first_day() > self.today:
                    self.error_at(record, field.name, f"{item.iso()} is in the future", index)

    def check_reference(self, record: object, field: str, index: int | None, ref: Ref, target: str | None) -> None:
        if target is None:
            return
        owner = self.owners.get(target)
        if owner == ref.collection:
            return
        if owner is not None:
            message = f"'{target}' is in {owner}, not {ref.collection}; expected {ref.expected}"
        else:
            known = [key for key, collection in self.owners.items() if collection == ref.collection]
            message = f"unknown {ref.noun} '{target}'" + _did_you_mean(
                target, known, f"; add it to {ref.collection} first"
            )
        self.error_at(record, field, message, index)

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
        if not person.public_figure and person.consent is None:
            self.error_at(
                person,
                "id",
                "a private individual is named without consent; add 'consent' (date and note), mark 'public_figure: true' for a public figure, or leave the name out",
            )

    def check_credits(self, movement: Movement) -> None:
        originators = [credit for credit in movement.credits if credit.role == "originator"]
        if not originators:
            self.error_at(movement, "credits", "has no originator; credit the person who started it, with sources")
            return
        origin = min(credit.date for credit in originators)
        originator_ids = {credit.person for credit in originators}
        for credit in movement.credits:
            if credit.role != "amplifier":
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


def _records(record: object) -> Iterator[object]:
    """Every record read from the file, the dataset included, outermost first."""
    yield record
    for field in dataclasses.fields(record):  # type: ignore[arg-type]
        kind = kind_of(field)
        value = getattr(record, field.name)
        if isinstance(kind, Record) and value is not None:
            yield from _records(value)
        elif isinstance(kind, ListOf) and isinstance(kind.item, Record):
            for item in value:
                yield from _records(item)


def _entry(node: Node, key: str) -> Node | None:
    if isinstance(node, Mapping) and key in node.entries:
        return node.entries[key][1]
    return None


def _raw_id(node: Node) -> str | None:
    value = _entry(node, "id")
    return value.text if isinstance(value, Scalar) and value.text else None


def _unknown_key(key: str, expected: list[str]) -> str:
    return f"unknown key '{key}'" + _did_you_mean(key, expected, f"; expected one of: {', '.join(expected)}")


def _did_you_mean(word: str, choices: list[str], otherwise: str) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else otherwise
