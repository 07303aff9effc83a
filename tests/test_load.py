"""The strict loader: plain YAML only, every scalar kept as text, every refusal located."""

from __future__ import annotations

import pytest

from generator.errors import DataError
from generator.load import Mapping, Scalar, Sequence, load_bytes, load_text


def problems(text: str | bytes) -> list[str]:
    with pytest.raises(DataError) as caught:
        if isinstance(text, bytes):
            load_bytes(text, "events.yaml")
        else:
            load_text(text, "events.yaml")
    return [str(problem) for problem in caught.value.problems]


def test_every_scalar_stays_text_as_written() -> None:
    root = load_text("a: [NO, on, 1:20, 012, 2017-02-30, .inf, ~, null, 1e3]\n", "events.yaml")
    assert isinstance(root, Mapping)
    items = root.entries["a"]
    assert isinstance(items, Sequence)
    assert [item.text for item in items.items if isinstance(item, Scalar)] == [
        "NO", "on", "1:20", "012", "2017-02-30", ".inf", "~", "null", "1e3",
    ]  # fmt: skip


def test_positions_are_one_based_line_and_column() -> None:
    root = load_text("events:\n  - id: x\n    title: 'A title'\n", "events.yaml")
    assert isinstance(root, Mapping)
    events = root.entries["events"]
    assert isinstance(events, Sequence)
    event = events.items[0]
    assert isinstance(event, Mapping)
    assert (event.line, event.column) == (2, 5)
    title = event.entries["title"]
    assert (title.line, title.column) == (3, 12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x 1\nb: *x\n", [
            "events.yaml:1:4: error: anchors are not allowed ('&x'); write the value out in full",
            "events.yaml:2:4: error: aliases are not allowed ('*x'); write the value out in full",
        ]),
        ("a: !!python/object:os.system x\n", [
            "events.yaml:1:4: error: tags are not allowed ('!!python/object:os.system'); write the plain value",
        ]),
        ("a: 1\nb: 2\na: 3\n", ["events.yaml:3:1: error: duplicate key 'a' (first at line 1); keep one"]),
        ("a:\n  <<: {b: 1}\n", ["events.yaml:2:3: error: merge keys ('<<') are not allowed; write the keys out in full"]),
        ("? [a]\n: 1\n", ["events.yaml:1:3: error: keys must be plain names, not lists or mappings"]),
        ("a: 1\n---\nb: 2\n", ["events.yaml:2:1: error: a second YAML document ('---'); keep all data in one document"]),
        ("a: [1, 2\n", ["events.yaml:2:1: error: YAML syntax: did not find expected ',' or ']'"]),
        ("", ["events.yaml:1:1: error: the file is empty; expected a mapping with schema_version, movements, ..."]),
        ("a: " + "[" * 20 + "]" * 20 + "\n", ["events.yaml:1:19: error: nesting is deeper than 16 levels"]),
        ("title: Sandra Muller tweets #balancetonporc\n", [
            "events.yaml:1:29: error: '#balancetonporc' is read as a YAML comment and dropped from the value; put the whole value in quotes",
        ]),
        (b"a: caf\xe9\n", ["events.yaml:1:7: error: the file is not UTF-8 (byte 0xe9); save it as UTF-8"]),
    ],
)  # fmt: skip
def test_refusals_are_reported_with_line_and_column(text: str | bytes, expected: list[str]) -> None:
    assert problems(text) == expected


def test_a_comment_after_a_space_and_hash_space_is_still_a_comment() -> None:
    root = load_text("a: value  # a note for maintainers\n", "events.yaml")
    assert isinstance(root, Mapping)
    value = root.entries["a"]
    assert isinstance(value, Scalar) and value.text == "value"
