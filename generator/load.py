"""Load: strict, plain YAML into a tree of text scalars that remember where they stand.

PyYAML's loaders turn `NO` into False, `1:20` into 4800 and `2017-02-30` into an error
far from its line, keep the last of two duplicate keys, and expand aliases without limit.
Here the C parser only tokenizes; this module builds the tree itself, keeps every scalar
as text for the schema to parse, and refuses what plain data never needs.
"""

from __future__ import annotations

import codecs
import re
import sys
from array import array
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.errors import DataError, Problem

MAX_BYTES = 256 * 1024 * 1024  # 100,000 events take about 110 MB
MAX_DEPTH = 16
_CUT_BY_COMMENT = re.compile(r"[ \t]+#[^\s#!]")
# What YAML cannot read, and line breaks that YAML counts but editors (and these line numbers) may not.
_UNREADABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|\r(?!\n)")
_ODD_BREAKS = {
    "\x85": "NEXT LINE",
    "\u2028": "LINE SEPARATOR",
    "\u2029": "PARAGRAPH SEPARATOR",
    "\r": "CARRIAGE RETURN",
}
_WIDE_ENCODINGS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)

try:
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - every supported platform has a libyaml wheel
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class Scalar:
    """A value as written. `quoted` values start one column after their quote; a value written over
    several lines keeps those `lines` of the file, so a place inside it can be found again."""

    text: str
    line: int
    column: int
    quoted: bool = False
    lines: tuple[str, ...] = ()

    def position_of(self, needle: str, occurrence: int = 0) -> tuple[int, int]:
        """Line and column where the `occurrence`-th `needle` of the value stands in the file."""
        if not self.lines:
            offset = _nth_index(self.text, needle, occurrence)
            return (self.line, self.column + int(self.quoted) + max(offset, 0))
        for number, line in enumerate(self.lines):
            start = self.column - 1 if number == 0 else 0
            found = line.count(needle, start)
            if occurrence < found:
                return (self.line + number, _nth_index(line, needle, occurrence, start) + 1)
            occurrence -= found
        return (self.line, self.column)


@dataclass(frozen=True, slots=True)
class Sequence:
    items: tuple[Node, ...]
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Mapping:
    """Keys in file order with their values. Where each key stands is packed in `key_marks`, a line and a
    column per key in the same order: a node per key would be a third of a large file's memory."""

    entries: dict[str, Node]
    key_marks: array[int]
    line: int
    column: int

    def key_positions(self) -> dict[str, tuple[int, int]]:
        marks = iter(self.key_marks)
        return dict(zip(self.entries, zip(marks, marks, strict=True), strict=True))


Node = Scalar | Sequence | Mapping

KIND_NAMES = {Scalar: "a value", Sequence: "a list", Mapping: "a mapping"}


def load_file(path: Path, name: str | None = None) -> Node:
    """Read and parse a data file; `name` is how errors refer to it."""
    name = name or str(path)
    try:
        if path.is_symlink():
            raise DataError([Problem(name, 1, 1, "the data file is a symbolic link; use a regular file")])
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DataError([Problem(name, 1, 1, f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")])
        data = path.read_bytes()
    except OSError as error:
        raise DataError([Problem(name, 1, 1, f"cannot read the file: {error.strerror}")]) from None
    return load_bytes(data, name)


def load_bytes(data: bytes, name: str) -> Node:
    if len(data) > MAX_BYTES:
        raise DataError([Problem(name, 1, 1, f"file is {len(data):,} bytes; the limit is {MAX_BYTES:,}")])
    return _load(_decode(data, name), data, name)


def load_text(text: str, name: str) -> Node:
    return _load(text, text, name)


def _load(text: str, source: str | bytes, name: str) -> Node:
    """`source` is `text` or its UTF-8 bytes: the parser reads bytes as they are, but copies text into bytes.
    Both count positions in characters, so either can be parsed while positions are found in `text`."""
    _refuse_unreadable(text, name)
    builder = _TreeBuilder(name, text)
    parser = _Parser(source)
    try:
        while (event := parser.get_event()) is not None and not isinstance(event, yaml.StreamEndEvent):
            builder.feed(event)
    except _TooDeep:
        pass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = error.problem or error.context or "not valid YAML"
        problem += "; indent with spaces" if "tab character" in problem else ""
        problem += "; write the character itself" if "Unicode character escape" in problem else ""
        builder.problems.append(Problem(name, line, column, f"YAML syntax: {problem}"))
    except yaml.YAMLError as error:
        builder.problems.append(Problem(name, 1, 1, f"YAML syntax: {error}"))
    finally:
        parser.dispose()
    if builder.problems:
        raise DataError(builder.problems)
    if builder.root is None:
        raise DataError(
            [Problem(name, 1, 1, "the file is empty; expected a mapping with schema_version, movements, ...")]
        )
    return builder.root


def _refuse_unreadable(text: str, name: str) -> None:
    match = _UNREADABLE.search(text)
    if match is None:
        return
    character = match.group(0)[0]
    code = f"U+{ord(character):04X}"
    if character in _ODD_BREAKS:
        message = f"a {_ODD_BREAKS[character]} ({code}) breaks the line here, but not in every editor; use an ordinary line break"
    else:
        message = f"contains a control character ({code}) that YAML cannot read; remove it"
    start = match.start()
    line = text.count("\n", 0, start) + 1
    raise DataError([Problem(name, line, start - text.rfind("\n", 0, start), message)])


def _decode(data: bytes, name: str) -> str:
    for mark, encoding in _WIDE_ENCODINGS:
        if data.startswith(mark) or (encoding == "UTF-16" and b"\x00" in data[:2]):
            raise DataError([Problem(name, 1, 1, f"the file is {encoding}, not UTF-8; save it as UTF-8")])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        byte = data[error.start]
        message = f"the file is not UTF-8 (byte 0x{byte:02x}); save it as UTF-8"
        raise DataError([Problem(name, line, column, message)]) from None


class _TreeBuilder:
    """Turns parser events into nodes, collecting every refusal instead of stopping at the first."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.text = text  # positions are found in it by index: a list of its lines would double its size
        self.problems: list[Problem] = []
        self.root: Node | None = None
        self.stack: list[_Open] = []
        self.documents = 0
        self.texts: dict[str, str] = {}  # one copy of each value: roles, ids and names repeat across records

    def refuse(self, event: yaml.Event, message: str) -> None:
        self.problems.append(Problem(self.name, *_position(event), message))

    def feed(self, event: yaml.Event) -> None:
        if type(event) is yaml.ScalarEvent:  # most events: the quick way
            if event.anchor is not None or event.tag is not None:
                self.check_plain(event)
            if not event.style:
                self.check_not_cut(event)
            self.add(event, self.scalar(event))
            return
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents == 2:
                self.refuse(event, "a second YAML document ('---'); keep all data in one document")
            return
        if isinstance(event, yaml.AliasEvent):
            self.refuse(event, f"aliases are not allowed ('*{event.anchor}'); write the value out in full")
            self.add(event, Scalar("", *_position(event)))
            return
        if isinstance(event, yaml.NodeEvent):
            self.check_plain(event)
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            self.open(event)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            done = self.stack.pop()
            self.add(event, done.close())

    def check_plain(self, event: yaml.NodeEvent) -> None:
        if event.anchor is not None:
            self.refuse(event, f"anchors are not allowed ('&{event.anchor}'); write the value out in full")
        tag: str | None = getattr(event, "tag", None)
        if tag is not None:
            tag = tag.replace("tag:yaml.org,2002:", "!!")
            self.refuse(event, f"tags are not allowed ('{tag}'); write the plain value")

    def scalar(self, event: yaml.ScalarEvent) -> Scalar:
        line, column = _position(event)
        lines: tuple[str, ...] = ()
        if event.start_mark and event.end_mark and event.end_mark.line + 1 > line:
            first = self.text.rfind("\n", 0, event.start_mark.index) + 1
            lines = tuple(self.text[first : self._line_end(event.end_mark.index)].split("\n"))
        text = self.texts.setdefault(event.value, event.value)
        return Scalar(text, line, column, event.style in ("'", '"'), lines)

    def _line_end(self, index: int) -> int:
        end = self.text.find("\n", index)
        return len(self.text) if end < 0 else end

    def check_not_cut(self, event: yaml.ScalarEvent) -> None:
        """`title: Muller tweets #balancetonporc` silently loses the hashtag to a comment."""
        if event.end_mark is None:
            return
        end = event.end_mark
        rest = self.text[end.index : self._line_end(end.index)]
        if _CUT_BY_COMMENT.match(rest):
            column = end.column + len(rest) - len(rest.lstrip()) + 1
            message = (
                f"'{rest.strip()}' is read as a YAML comment and dropped from the value; put the whole value in quotes"
            )
            self.problems.append(Problem(self.name, end.line + 1, column, message))

    def open(self, event: yaml.NodeEvent) -> None:
        if len(self.stack) >= MAX_DEPTH:
            self.refuse(event, f"nesting is deeper than {MAX_DEPTH} levels")
            raise _TooDeep
        is_mapping = isinstance(event, yaml.MappingStartEvent)
        self.stack.append(_Open(is_mapping, *_position(event)))

    def add(self, event: yaml.Event, node: Node) -> None:
        if not self.stack:
            self.root = node if self.documents == 1 else self.root
            return
        problem = self.stack[-1].add(node)
        if problem:
            self.problems.append(Problem(self.name, node.line, node.column, problem))


def _nth_index(text: str, needle: str, occurrence: int, start: int = 0) -> int:
    index = text.find(needle, start)
    for _ in range(occurrence):
        index = text.find(needle, index + 1)
    return index


def _position(event: yaml.Event) -> tuple[int, int]:
    """1-based line and column where an event starts."""
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


class _TooDeep(yaml.YAMLError):
    pass


class _Open:
    """A mapping or list still being read."""

    def __init__(self, is_mapping: bool, line: int, column: int) -> None:
        self.is_mapping = is_mapping
        self.line = line
        self.column = column
        self.items: list[Node] = []
        self.entries: dict[str, Node] = {}
        self.key_marks: array[int] = array("I")
        self.key: Scalar | None = None
        self.drop_value = False

    def add(self, node: Node) -> str | None:
        """Adds a node; returns a problem message when it cannot stand here."""
        if not self.is_mapping:
            self.items.append(node)
            return None
        if self.key is None:
            return self.add_key(node)
        key, self.key = self.key, None
        if not self.drop_value:
            self.entries[sys.intern(key.text)] = node  # one copy of each key name, however many records
            self.key_marks.extend((key.line, key.column))
        self.drop_value = False
        return None

    def add_key(self, node: Node) -> str | None:
        self.key = node if isinstance(node, Scalar) else Scalar("", node.line, node.column)
        self.drop_value = True  # until the key proves fine, its value is read but not kept
        if not isinstance(node, Scalar):
            return "keys must be plain names, not lists or mappings"
        if node.text == "<<":
            return "merge keys ('<<') are not allowed; write the keys out in full"
        if node.text in self.entries:
            first_line = self.key_marks[2 * list(self.entries).index(node.text)]
            return f"duplicate key '{node.text}' (first at line {first_line}); keep one"
        self.drop_value = False
        return None

    def close(self) -> Node:
        if self.is_mapping:
            return Mapping(self.entries, self.key_marks, self.line, self.column)
        return Sequence(tuple(self.items), self.line, self.column)
