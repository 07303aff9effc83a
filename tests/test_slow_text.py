"""Text made slow on purpose may not make validation slow: the attribution check reads any prose, up to
the length its field allows, in time that grows with its length, as it reads plain prose of that length.

Each adversarial text (chains of names joined by 'and' or commas, runs of quotes and parentheses, many
clauses, many verbs after one subject...) is timed against plain prose of the same length in the same
test; it fails when it takes more than BOUND times as long. Each time is the fastest of several runs,
the two texts taking turns, so that a busy machine slows both alike.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.attribution import AttributionChecker
from generator.errors import DataError
from generator.load import load_bytes
from generator.model import Dataset
from generator.schema import Markdown, Text
from generator.validate import load_dataset, validate

from .conftest import ROOT, fastest, small_with_summary

BOUND = 5  # how many times longer than plain prose an adversarial text may take
FLOOR = 0.01  # seconds: below this, a ratio is noise
REPEATS = 5
LIMITS = [Markdown().max_length, Text().max_length]
TODAY = datetime.date(2026, 11, 28)


@dataclass(frozen=True, slots=True)
class Names:
    """What the texts are made of, taken from the shipped data so that the checker recognises it."""

    name: str
    surname: str
    tag: str

    def fill(self, pieces: tuple[str, ...], length: int) -> str:
        """The pieces, with the names put in, repeated in turn for as long as they fit in `length`."""
        parts = [
            piece.format(name=self.name, surname=self.surname, upper=self.surname.upper(), tag=self.tag)
            for piece in pieces
        ]
        text = ""
        while parts:
            for part in parts:
                if len(text) + len(part) > length:
                    return text
                text += part
        return text


@dataclass(frozen=True, slots=True)
class Case:
    """An adversarial text: `first` repeated over half the length and `then` over the rest (or `first`
    over all of it), then `tail`."""

    first: tuple[str, ...]
    then: tuple[str, ...] = ()
    tail: str = ""

    def text(self, names: Names, length: int) -> str:
        tail = names.fill((self.tail,), length) if self.tail else ""
        room = length - len(tail)
        if not self.then:
            return names.fill(self.first, room) + tail
        head = names.fill(self.first, room // 2)
        return head + names.fill(self.then, room - len(head)) + tail


PLAIN = (
    "{name} amplified {tag} with a tweet in 2017, and the hashtag spread around the world. ",
    "The movement was started years before to support survivors of sexual violence. ",
)
ANCHOR = " {surname} started {tag}."
SOUP = ("{surname} and {name}, ", "“", "started ", "{tag} ", "(", "not ", "said ", "she ", "the hashtag ", "founder of ",
        "; ", ") ", "” ", "who ", "its creation by ")  # fmt: skip
CASES = {
    "names joined by and, then verbs": Case(("{surname} and ",), ("{surname} started {tag} ",)),
    "full names joined by and, then verbs": Case(("{name} and ",), ("{name} launched {tag} and ",)),
    "names joined by commas, then verbs": Case(("{surname}, ",), ("{surname} founded the hashtag ",)),
    "names in mixed case joined by and": Case(("{surname} and ", "{upper} and "), ("started {tag} ",)),
    "names joined by and, then denials": Case(("{surname} and ",), ("{surname} did not start {tag} ",)),
    "it wasn't names joined by and": Case(("It wasn't ", "{surname} and " * 40), ("{surname} who started {tag} ",)),
    "names, then founders": Case(("{surname} and ",), ("{surname} founder of {tag} ",)),
    "names apart, then founders": Case(("{surname} xx ",), ("founder of {tag} ",)),
    "names, then pronouns": Case(("{surname} ",), ("she started ",)),
    "denied movements, then it": Case(("not {tag} ",), ("{surname} started it ",)),
    "claims in parentheses": Case(("( {surname} started {tag} ) ",)),
    "an open parenthesis, then claims": Case(("{surname} ( ",), ("started {tag} ",)),
    "parentheses only": Case(("(",), (")",), ANCHOR),
    "claims in quotes": Case(('" {surname} started {tag} ',)),
    "claims in curly quotes": Case(("“ {surname} started {tag} ” ",)),
    "nested quotes": Case(("“",), ("”",), ANCHOR),
    "straight quotes only": Case(('"',), ("'",), ANCHOR),
    "an unclosed quote": Case(('"',), ("{surname} started {tag} ",)),
    "links": Case(("[{surname}](https://example.org) started ",)),
    "clauses": Case(("{surname} started {tag}; ",)),
    "sentences": Case(("{surname} started it. ",)),
    "clauses with but": Case(("started but ",)),
    "one question, many clauses": Case(("Who started {tag}",), ("; {surname}",), "?"),
    "questions and answers": Case(("Who started {tag}? {surname} did. ",)),
    "reports far after a claim": Case(("{surname} started {tag} ",), (", said it",)),
    "denials far before a claim": Case(("not , ",), ("{surname} started {tag} ",)),
    "nominals": Case(("the creation of {tag} by {surname} ",)),
    "traced": Case(("{tag} traced back to {surname} ",)),
    "words of origin": Case(("{surname} origin {tag}; ",)),
    "listed movements": Case(("started x {tag} ",), ("and {tag} ",)),
    "possessives": Case(("{surname}'s campaign ",)),
    "labels": Case(("Founder: {surname} ",)),
    "filler before a movement": Case(("started the ",), ("the ",), " {tag}"),
    "one long word": Case(("a" * 50,), (), ANCHOR),
    "hashtags, then verbs": Case(("{tag} ",), ("started ",)),
    "a soup": Case(SOUP),
}
PIECES = [
    "{name}", "{surname}", "{upper}", "{tag}", " and ", ", ", " & ", "“", "”", '"', "'", "(", ")", "[", "]", "started",
    "founded", "co-founded", "launched", "founder of", "creation of", "by", "not", "did not", "said", "she", "it",
    "the hashtag", "who", ";", ":", ".", "?", "—", "'s", "It wasn't", "Who started", "origin",
]  # fmt: skip


@pytest.fixture(scope="module")
def data() -> Dataset:
    return load_dataset(ROOT / "events.yaml", "events.yaml")


@pytest.fixture(scope="module")
def names(data: Dataset) -> Names:
    movement = next(movement for movement in data.movements if movement.hashtags and movement.credits)
    person = next(person for person in data.people if person.id == movement.credits[-1].person)
    return Names(person.name, person.name.split()[-1], movement.hashtags[0])


@pytest.fixture(scope="module")
def checker(data: Dataset) -> AttributionChecker:
    return AttributionChecker(data.movements, data.people)


def assert_as_fast_as_plain(run: Callable[[str], object], text: str, names: Names, length: int) -> None:
    assert len(text) <= length
    plain_text = names.fill(PLAIN, length)
    plain, slow = fastest(lambda: run(plain_text), lambda: run(text), repeats=REPEATS)
    assert slow <= max(BOUND * plain, FLOOR), f"{slow:.3f}s, plain prose {plain:.3f}s, for {text[:80]!r}..."


@pytest.mark.parametrize("length", LIMITS)
@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_adversarial_text_is_read_as_fast_as_plain_prose(
    checker: AttributionChecker, names: Names, case: Case, length: int
) -> None:
    assert_as_fast_as_plain(checker.misattributions, case.text(names, length), names, length)


@settings(max_examples=15, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8))
def test_any_repeated_pieces_are_read_as_fast_as_plain_prose(
    checker: AttributionChecker, names: Names, pieces: list[str]
) -> None:
    length = LIMITS[0]
    text = names.fill((" ".join(pieces) + " ",), length - len(ANCHOR)) + names.fill((ANCHOR,), len(ANCHOR))
    assert_as_fast_as_plain(checker.misattributions, text, names, length)


def validated(summary: str) -> None:
    """Validates the small dataset with one event's summary replaced; a misattribution is a DataError."""
    with contextlib.suppress(DataError):
        validate(load_bytes(small_with_summary(summary).encode("utf-8"), "events.yaml"), "events.yaml", TODAY)


@pytest.mark.parametrize("case", ["names joined by and, then verbs", "claims in parentheses", "clauses"])
def test_validating_a_slow_summary_is_as_fast_as_plain_prose(names: Names, case: str) -> None:
    length = Markdown().max_length
    assert_as_fast_as_plain(validated, CASES[case].text(names, length), names, length)
