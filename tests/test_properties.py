"""Properties that hold for any input, checked with Hypothesis: reading ends in data or in located errors,
never in a traceback; `fmt` keeps the meaning of valid data; and no text a contributor can write reaches a
page as something that runs, loads or submits.
"""

from __future__ import annotations

import datetime
import os

import markdown
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from generator.errors import DataError, Problem
from generator.fmt import format_text, in_written_order
from generator.load import load_bytes
from generator.model import Dataset
from generator.render import render_site
from generator.validate import validate
from tools.fuzz import SEEDS, check_one_input

from .conftest import SMALL
from .safety import unsafe_content
from .test_hostile import THREATS

TODAY = datetime.date(2026, 11, 28)
TEXT = SMALL.read_text(encoding="utf-8")
LINES = TEXT.split("\n")
# The site's Markdown extensions, as mkdocs.yml lists them.
EXTENSIONS = ["admonition", "md_in_html", "tables", "toc"]

# Pieces that mean something to YAML, Markdown, HTML, templates or terminals, mixed with any text.
FRAGMENTS = st.sampled_from([
    "<script>", "</script>", "<img src=x onerror=alert(1)>", "javascript:", "JaVaScRiPt:", "data:", "&#106;", "&lt;",
    "[x](", "](https://example.org/a)", "<https://example.org>", "[r]: ", "{{", "{%", "{: .x}", "{ onclick=y }",
    "--8<--", "!!! note", "---", "# ", "\n", "\n\n", "    ", "\t", "*", "_", "`", "|", ": ", " #", "#x", "'", '"',
    "\\", "\u202e", "\u200b", "\x85", "\u2028", "\r", "\x00", "\ud83d", "😀", "é", "&", "<", ">", "(", ")", "!", "=",
])  # fmt: skip
HOSTILE_TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=12).map("".join)
# Text that could be valid: the same pieces without what the validator always refuses (hidden characters,
# odd line breaks), so that most drawn datasets validate and their pages are built.
VISIBLE = st.characters(exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp"))
LEGIT_TEXT = st.lists(
    st.one_of(
        FRAGMENTS.filter(lambda piece: piece.isprintable() and "\ud83d" not in piece), st.text(VISIBLE, max_size=8)
    ),
    min_size=1,
    max_size=12,
).map("".join)


def outcome(data: bytes) -> Dataset | tuple[Problem, ...]:
    try:
        return validate(load_bytes(data, "events.yaml"), "events.yaml", TODAY)
    except DataError as error:
        return error.problems


def assert_located(problems: tuple[Problem, ...], data: bytes) -> None:
    assert problems
    last_line = data.count(b"\n") + 1
    for problem in problems:
        assert problem.file == "events.yaml"
        assert 1 <= problem.line <= last_line and problem.column >= 1, problem
        assert problem.message and problem.message.isprintable(), problem


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """The small dataset with a few edits: characters inserted or deleted, lines dropped, doubled or swapped."""
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["insert", "delete", "drop", "double", "swap"]))
        if action == "insert":
            column = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:column] + draw(HOSTILE_TEXT) + lines[at][column:]
        elif action == "delete":
            start = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:start] + lines[at][start + draw(st.integers(1, 10)) :]
        elif action == "drop":
            del lines[at]
        elif action == "double":
            lines.insert(at, lines[at])
        else:
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
    return "\n".join(lines).encode("utf-8", "surrogatepass")


# One-line fields and Markdown fields of the small dataset, each written as a double-quoted YAML value.
VALUES = {
    "    name: Tarana Burke": "    name: {}",
    "    description: Activist who started the Me Too movement in 2006.": "    description: {}",
    '    title: "100 Women Who Have Helped Shape America: Tarana Burke"': "    title: {}",
    '    title: Tarana Burke starts "Me Too"': "    title: {}",
    "    place: France": "    place: {}",
    '        label: "uses of #MeToo on Twitter"': "        label: {}",
    '        note: Started "Me Too" to support survivors of sexual violence.': "        note: {}",
    '    summary: "Two days before the tweet that made #MeToo viral, Muller asks women in France to name harassers."': "    summary: {}",
    '    summary: Milano asks people to reply "me too"; the hashtag spreads.': "    summary: {}",
}  # fmt: skip


def yaml_quoted(value: str, escape_all: bool) -> str:
    """A double-quoted YAML scalar: every character escaped, or only those that must be."""

    def escaped(character: str) -> str:
        if character in '"\\':
            return "\\" + character
        if escape_all or not character.isprintable():
            code = ord(character)
            return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
        return character

    return '"' + "".join(escaped(character) for character in value) + '"'


@st.composite
def rewritten(draw: st.DrawFn, texts: st.SearchStrategy[str] = HOSTILE_TEXT) -> bytes:
    """The small dataset with some of its text fields replaced by other text, written as YAML escapes."""
    text = TEXT
    for line, template in VALUES.items():
        if draw(st.booleans()):
            value = draw(texts)
            text = text.replace(line, template.format(yaml_quoted(value, escape_all=draw(st.booleans()))))
    return text.encode("utf-8", "surrogatepass")


PROPERTY = settings(
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@PROPERTY
@given(st.one_of(st.binary(max_size=200), mutated(), rewritten()))
def test_any_bytes_end_in_data_or_located_errors(data: bytes) -> None:
    result = outcome(data)
    if not isinstance(result, Dataset):
        assert_located(result, data)


@PROPERTY
@given(rewritten(LEGIT_TEXT))
def test_formatting_valid_data_keeps_its_meaning(data: bytes) -> None:
    before = outcome(data)
    assume(isinstance(before, Dataset))
    assert isinstance(before, Dataset)
    formatted = format_text(data.decode("utf-8"))
    after = outcome(formatted.encode("utf-8"))
    assert isinstance(after, Dataset) and in_written_order(after) == in_written_order(before)
    assert format_text(formatted) == formatted


@PROPERTY
@given(rewritten(LEGIT_TEXT))
def test_no_contributor_text_renders_as_something_that_runs(data: bytes) -> None:
    dataset = outcome(data)
    assume(isinstance(dataset, Dataset))
    assert isinstance(dataset, Dataset)
    for path, page in render_site(dataset).items():
        if path.endswith(".md"):
            body, meta = get_data(page)
            assert bool(meta) == page.startswith("---\n"), f"{path}: the front matter is not YAML MkDocs can read"
            assert unsafe_content(markdown.markdown(body, extensions=EXTENSIONS)) == [], path


@pytest.mark.parametrize("data", [seed.read_bytes() for seed in SEEDS] + [threat.values[0] for threat in THREATS])
def test_the_fuzz_target_takes_every_seed_and_every_known_threat(data: bytes) -> None:
    """`make fuzz` starts from these; the target itself must hold for them, with or without atheris."""
    check_one_input(data)
