"""Scaffold: new records written into the data file's text where they belong, leaving every other line
(and every comment) as it was. Pure: text in, text out; the CLI validates the result before saving."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping as MappingType

from generator import urls
from generator.dates import PartialDate
from generator.load import Mapping, Scalar, Sequence, load_text
from generator.validate import record_lines, records

Fields = MappingType[str, str | list[str] | bool | None]


def slug(text: str) -> str:
    """'Sandra Muller starts #BalanceTonPorc' as 'sandra-muller-starts-balancetonporc'."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:80].strip("-")


def existing_ids(text: str) -> set[str]:
    root = load_text(text, "events.yaml")
    collections = root.entries if isinstance(root, Mapping) else {}
    return {record_id for collection in collections for record_id in record_lines(root, collection)}


def publisher_on(text: str, address: str) -> str | None:
    """The publisher whose hosts the address is on, when exactly one publisher in the data lists its host."""
    host = urls.host_of(address) if not urls.url_problem(address, http=True) else ""
    found = [
        publisher_id
        for publisher_id, item in records(load_text(text, "events.yaml"), "publishers").items()
        if isinstance(hosts := item.entries.get("hosts"), Sequence)
        and any(isinstance(own, Scalar) and urls.is_on(host, own.text) for own in hosts.items)
    ]
    return found[0] if len(found) == 1 else None


def source_id(publisher: str, title: str) -> str:
    return slug(f"{publisher} {title}")[:60].rstrip("-")


def event_id(date: str, title: str) -> str:
    return f"{date}-{slug(title)}"[:80].rstrip("-")


def add_record(text: str, collection: str, fields: Fields) -> str:
    """Inserts a record into a collection: an event before the first later one, anything else first."""
    root = load_text(text, "events.yaml")
    items = root.entries[collection] if isinstance(root, Mapping) and collection in root.entries else None
    if not isinstance(items, Sequence) or not items.items:
        raise ValueError(f"the data file has no {collection} list to add to")
    at = items.items[0]
    if collection == "events":
        date = PartialDate.parse(str(fields["date"]))
        later = [item for item in items.items if isinstance(item, Mapping) and _date(item) and _date(item) > date]  # type: ignore[operator]
        at = later[0] if later else None  # type: ignore[assignment]
    lines = text.split("\n")
    block = _block(fields, indent=items.items[0].column - 3)  # the column of "- " before the first key
    spaced = len(items.items) > 1 and not lines[items.items[1].line - 2].strip()  # records set apart by blank lines
    if at is not None:
        return "\n".join(lines[: at.line - 1] + block + ([""] if spaced else []) + lines[at.line - 1 :])
    position = _end_of(items, lines)
    return "\n".join(lines[:position] + ([""] if spaced else []) + block + lines[position:])


def _date(item: Mapping) -> PartialDate | None:
    entry = item.entries.get("date")
    try:
        return PartialDate.parse(entry.text) if isinstance(entry, Scalar) else None
    except ValueError:
        return None


def _end_of(items: Sequence, lines: list[str]) -> int:
    """The line after a list's last item: before the blank lines and comments that lead to what follows."""
    position = len(lines)
    for number in range(items.items[-1].line, len(lines)):
        if lines[number].strip() and not lines[number].startswith(" "):
            position = number
            break
    while position > 0 and (not lines[position - 1].strip() or lines[position - 1].lstrip().startswith("#")):
        position -= 1
    return position


def _block(fields: Fields, indent: int) -> list[str]:
    """A record as YAML lines: text quoted as JSON strings (valid YAML), lists in brackets."""
    lines = []
    for number, (key, value) in enumerate(field for field in fields.items() if field[1] not in (None, [], False)):
        lead = " " * indent + ("- " if number == 0 else "  ")
        lines.append(f"{lead}{key}: {_value(key, value)}")
    return lines


def _value(key: str, value: str | list[str] | bool | None) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    if key in ("id", "date", "published", "accessed") or key.endswith("_id"):
        return str(value)
    return json.dumps(value, ensure_ascii=False)
