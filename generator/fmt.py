"""Fmt: one canonical layout for the data file, keeping every comment. Pure: text in, text out.

Keys stand in the order the schema declares them; events and corrections in time order (then by id);
movements, people and sources as written (the first movement is the site's subject, and section
comments stay above the records they introduce).
Text is plain where YAML reads it back unchanged and double-quoted otherwise; Markdown is folded at 100
columns. A comment stays with the line it stood above, or at the end of its line.
"""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

import yaml

from generator import model
from generator.dates import PartialDate
from generator.load import Mapping, Node, Scalar, Sequence, load_text
from generator.schema import Choice, Date, Flag, Integer, ListOf, Markdown, Record, Ref, Slug, kind_of

WIDTH = 100
ORDER = {"events": "date", "corrections": "date"}  # others keep the order they are written in, with their comments
_PLAIN = re.compile(r"[A-Za-z0-9(\"“‘][^\n]*")
_NOT_PLAIN = re.compile(r": |\s#|^[-?:,\[\]{}#&*!|>'\"%@`]|[\s]$|^\s|:$")
_RESERVED = re.compile(r"(?i:true|false|yes|no|on|off|y|n|null|~)|[-+]?[0-9][0-9_:.eE+-]*|\.(inf|nan)")


def in_written_order(dataset: model.Dataset) -> model.Dataset:
    """The dataset with events and corrections in the order `fmt` writes them (by date, then id), the order
    every page shows them in: two datasets that differ only in the order of same-day records mean the same."""
    return dataclasses.replace(
        dataset,
        events=tuple(sorted(dataset.events, key=lambda event: (event.date, event.id))),
        corrections=tuple(sorted(dataset.corrections, key=lambda correction: (correction.date, correction.id))),
    )


def format_text(text: str) -> str:
    root = load_text(text, "events.yaml")
    lines = text.split("\n")
    writer = _Writer(_comments_above(lines, _inside_text(text)), _comments_after(lines))
    writer.record(root, model.Dataset, 0, top=True)
    return "\n".join(writer.out).rstrip("\n") + "\n"


class _Writer:
    def __init__(self, above: dict[int, list[str]], after: dict[int, str]) -> None:
        self.above = above
        self.after = after
        self.out: list[str] = []

    def comments(self, line: int, indent: int) -> None:
        for comment in self.above.get(line, []):
            self.out.append(" " * indent + comment if comment else "")

    def record(self, node: Node, cls: type, indent: int, top: bool = False, dash: bool = False) -> None:
        assert isinstance(node, Mapping)
        fields = {field.name: field for field in dataclasses.fields(cls)}
        names = [name for name in fields if name in node.entries] + [n for n in node.entries if n not in fields]
        if top:
            self.comments(node.line, indent)  # the file's opening comments
        key_positions = node.key_positions()
        for position, name in enumerate(names):
            key, value = Scalar(name, *key_positions[name]), node.entries[name]
            lead = " " * indent + ("- " if dash and position == 0 else "  " if dash else "")
            if key.line != node.line:  # the comments above a record's first line were written with it
                self.comments(key.line, len(lead))
            kind = kind_of(fields[name]) if name in fields else None
            if top and position:
                self.out.append("")
            self.entry(f"{lead}{name}:", key, value, kind, len(lead), top)

    def entry(self, prefix: str, key: Scalar, value: Node, kind: Any, indent: int, top: bool) -> None:
        if isinstance(kind, ListOf) and isinstance(kind.item, Record) and isinstance(value, Sequence):
            self.out.append(prefix + self.trailing(key.line))
            items = _sorted(key.text, list(value.items)) if top else list(value.items)
            for number, item in enumerate(items):
                if number and top:
                    self.out.append("")
                self.comments(item.line, indent + 2)
                self.record(item, kind.item.cls, indent + 2, dash=True)
            return
        if isinstance(kind, Record) and isinstance(value, Mapping):
            self.out.append(prefix + self.trailing(key.line))
            self.record(value, kind.cls, indent + 2)
            return
        if isinstance(value, Sequence):
            item_kind = kind.item if isinstance(kind, ListOf) else None
            written = [_scalar(item.text, item_kind) for item in value.items if isinstance(item, Scalar)]
            flow = f"{prefix} [{', '.join(written)}]"
            if len(flow) <= WIDTH and len(written) == len(value.items):
                self.out.append(flow + self.trailing(key.line))
                return
            self.out.append(prefix + self.trailing(key.line))
            self.out += [f"{' ' * (indent + 2)}- {item}" for item in written]
            return
        if isinstance(value, Scalar):
            if isinstance(kind, Markdown) and (len(prefix) + 1 + len(value.text) > WIDTH or "\n" in value.text):
                self.out.append(f"{prefix} {'|-' if chr(10) in value.text else '>-'}{self.trailing(key.line)}")
                self.out += _block(value.text, indent + 2)
                return
            shown, comment = _scalar(value.text, kind), self.trailing(value.line)
            if comment.startswith("  #") and not re.match(r"  #[\s#!]", comment) and shown == value.text:
                shown = json.dumps(value.text, ensure_ascii=False)  # a plain value before '#word' reads as cut short
            self.out.append(f"{prefix} {shown}{comment}".rstrip())
            return
        raise ValueError(f"line {key.line}: {key.text} cannot be laid out")

    def trailing(self, line: int) -> str:
        comment = self.after.get(line)
        return f"  {comment}" if comment else ""


def _sorted(collection: str, items: list[Node]) -> list[Node]:
    field = ORDER.get(collection)
    if field is None:
        return items

    def key(item: Node) -> tuple[Any, ...]:
        values = (
            {name: value.text for name, value in item.entries.items() if isinstance(value, Scalar)}
            if isinstance(item, Mapping)
            else {}
        )
        if field == "date":
            try:
                return (PartialDate.parse(values.get("date", "")), values.get("id", ""))
            except ValueError:
                return (PartialDate(9999), values.get("id", ""))
        return (values.get(field, ""),)

    return sorted(items, key=key)


def _scalar(text: str, kind: Any) -> str:
    if isinstance(kind, Slug | Ref | Date | Integer | Flag | Choice) and re.fullmatch(r"[a-z0-9][a-z0-9 -]*", text):
        return text  # ids, dates, numbers, true and false, and choices: typed as written
    if _PLAIN.fullmatch(text) and not _NOT_PLAIN.search(text) and not _RESERVED.fullmatch(text) and '"' not in text[:1]:
        return text
    return json.dumps(text, ensure_ascii=False)


def _block(text: str, indent: int) -> list[str]:
    """Markdown as a block scalar's lines: folded at word boundaries where YAML joins them back with one space."""
    if "\n" in text:
        return [(" " * indent + line) if line else "" for line in text.split("\n")]
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) + indent > WIDTH and word and line[-1:] != " ":
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [" " * indent + line for line in [*lines, line]]


def _inside_text(text: str) -> set[int]:
    """The lines that continue a value written over several lines: a '#' starting one of them is text (a
    folded summary may go on with "#MeToo ..."), not a comment."""
    inside: set[int] = set()
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        start, end = event.start_mark, event.end_mark
        if isinstance(event, yaml.ScalarEvent) and start and end and end.line > start.line:
            last = end.line + (1 if end.column else 0)  # 1-based; a mark at column 0 is the next line
            inside.update(range(start.line + 2, last + 1))
    return inside


def _comments_above(lines: list[str], inside_text: set[int]) -> dict[int, list[str]]:
    """Comment lines (and the blank lines between them) by the line of the content they stand above."""
    attached: dict[int, list[str]] = {}
    pending: list[str] = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("#") and number not in inside_text:
            pending.append(stripped)
        elif not stripped:
            if pending and pending[-1]:
                pending.append("")
        else:
            while len(pending) > 1 and not pending[-1] and not pending[-2]:
                pending.pop()  # one blank line is kept between a comment and what follows it
            if any(pending):
                attached[number] = pending
            pending = []
    return attached


def _comments_after(lines: list[str]) -> dict[int, str]:
    """Comments at the end of a line of content, outside quotes (where \\" and '' do not end a quote)."""
    found = {}
    for number, line in enumerate(lines, start=1):
        quote, position = None, 0
        while position < len(line):
            character = line[position]
            if quote == '"' and character == "\\":
                position += 1  # the escaped character
            elif quote == "'" and line.startswith("''", position):
                position += 1
            elif quote:
                quote = None if character == quote else quote
            elif character in "\"'" and (position == 0 or line[position - 1] in " [,:"):
                quote = character
            elif character == "#" and position and line[position - 1] in " \t" and line[:position].strip():
                found[number] = line[position:].rstrip()
                break
            position += 1
    return found
