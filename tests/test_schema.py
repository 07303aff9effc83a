"""The JSON Schema that editors use: valid, up to date, and in agreement with the validator on the form
of every field. (What needs the whole file, such as references, real calendar dates, credits and the
attribution check, only the validator can judge.)"""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import pytest
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from generator.errors import DataError
from generator.load import Mapping, Node, Scalar, Sequence, load_text
from generator.model import RECORDS, Dataset
from generator.schema import json_schema
from generator.validate import validate

from .conftest import ROOT, run_cli
from .test_validate import edited

SCHEMA = json_schema(Dataset, RECORDS)


def as_editors_read_it(node: Node) -> Any:
    """The data as a YAML 1.2 language server reads it: unquoted true, false, null and integers are typed."""
    if isinstance(node, Mapping):
        return {key: as_editors_read_it(value) for key, value in node.entries.items()}
    if isinstance(node, Sequence):
        return [as_editors_read_it(item) for item in node.items]
    assert isinstance(node, Scalar)
    if node.quoted:
        return node.text
    if node.text in ("true", "false"):
        return node.text == "true"
    if node.text in ("", "~", "null"):
        return None
    return int(node.text) if re.fullmatch(r"[-+]?[0-9]+", node.text) else node.text


def schema_accepts(text: str) -> bool:
    return bool(Draft202012Validator(SCHEMA).is_valid(as_editors_read_it(load_text(text, "events.yaml"))))


def validator_accepts(text: str) -> bool:
    try:
        validate(load_text(text, "events.yaml"), "events.yaml", datetime.date(2026, 11, 28))
    except DataError:
        return False
    return True


def test_the_schema_is_a_valid_json_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)


def test_the_committed_schema_is_the_one_the_validator_uses() -> None:
    result = run_cli("schema", "--check")
    assert result.returncode == 0, result.stderr
    assert json.loads((ROOT / "events.schema.json").read_text(encoding="utf-8")) == SCHEMA


def test_the_data_file_names_the_schema_for_editors() -> None:
    first = (ROOT / "events.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./events.schema.json"
    assert schema_accepts((ROOT / "events.yaml").read_text(encoding="utf-8"))


CASES = [
    pytest.param([], True, id="the-fixture"),
    pytest.param([("    date: 2017-10-13\n    place", "    dat: 2017-10-13\n    place")], False, id="typo-in-key"),
    pytest.param([("    sources: [rtl-muller]\n  - id: 2017-10-15", "  - id: 2017-10-15")], False, id="missing-sources"),
    pytest.param([("        role: amplifier\n    tags", "        role: founder\n    tags")], False, id="unknown-role"),
    pytest.param([("  - id: sandra-muller\n", "  - id: Sandra Muller\n")], False, id="bad-id"),
    pytest.param([("    url: https://www.rtl.fr/example", "    url: https://www.rtl.fr/example\n    archive_url: http://archive.ph/x")], False, id="insecure-archive-url"),
    pytest.param([("    url: https://www.rtl.fr/example", "    url: ftp://www.rtl.fr/example")], False, id="not-a-web-address"),
    pytest.param([("      - value: 200000", "      - value: 200,000")], False, id="number-with-separators"),
    pytest.param([("    public_figure: true\n  - id: alyssa", "    public_figure: NO\n  - id: alyssa")], False, id="yaml-1-1-boolean"),
    pytest.param([("    date: 2017-10-13\n    place", "    date: 2017-13\n    place")], False, id="no-such-month"),
    pytest.param([("    date: 2017-10-13\n    place", "    date: 17-10-13\n    place")], False, id="two-digit-year"),
    pytest.param([("    movements: [metoo]\n    people:\n      - person: alyssa", "    movements: metoo\n    people:\n      - person: alyssa")], False, id="value-for-list"),
    pytest.param([('    hashtags: ["#MeToo"]', "    hashtags: [MeToo]")], False, id="hashtag-without-hash"),
    pytest.param([("      A movement against sexual violence, started by *Tarana Burke* to support survivors.", "      A movement <b>against</b> sexual violence.")], False, id="raw-html"),
    pytest.param([("        qualifier: more than", "        qualifier: approximately")], False, id="unknown-qualifier"),
    pytest.param([("    place: France\n", "    place: France\n    approximate: true\n")], True, id="optional-field"),
    pytest.param([("    date: 2017-10-13\n    place", "    date: 2017-10\n    place")], True, id="month-precision"),
]  # fmt: skip


@pytest.mark.parametrize(("replacements", "valid"), CASES)
def test_the_schema_and_the_validator_agree(small_text: str, replacements: list[tuple[str, str]], valid: bool) -> None:
    text = edited(small_text, *replacements)
    assert (schema_accepts(text), validator_accepts(text)) == (valid, valid)
