"""The attribution check measured on corpora of real-style sentences, misattributing and correct.

dev.yaml holds the sentences the rules were first written against. tuning.yaml to tuning-5.yaml were
each written by someone who saw neither the checker nor the other corpora, measured once blind
(recall 0.631, 0.820, 0.867, 0.873, 0.860; false alarms 0.031, 0.007, 0.033, 0.033, 0.020), then used
to improve the rules. heldout-6.yaml, written the same way, measures the checker on sentences it has
never seen: recall 0.960, false alarms 0.007 when first run. A change to the rules is judged on it, never
tuned against it; when it has served, a new blind corpus takes its place.
"""

from __future__ import annotations

import ast
import re
from typing import Any

import pytest
import yaml

from generator import attribution
from generator.attribution import AttributionChecker, CreditIndex
from generator.model import Dataset
from generator.validate import load_dataset

from .conftest import ROOT

CORPORA = ROOT / "tests" / "data" / "attribution"


@pytest.fixture(scope="module")
def data() -> Dataset:
    return load_dataset(ROOT / "events.yaml", "events.yaml")


def sentences(name: str) -> list[dict[str, Any]]:
    corpus: list[dict[str, Any]] = yaml.safe_load((CORPORA / name).read_text(encoding="utf-8"))["sentences"]
    return corpus


def score(data: Dataset, corpus: list[dict[str, Any]]) -> tuple[list[str], list[str], int, int]:
    """Misses (misattributions not caught, or caught with the wrong person or movement) and false alarms."""
    checker = AttributionChecker(data.movements, data.people)
    misses, false_alarms = [], []
    for sentence in corpus:
        context = [sentence["context"]] if sentence.get("context") else []
        found = {(claim.person, claim.movement) for claim in checker.misattributions(sentence["text"], context)}
        if sentence["misattributes"] and (sentence["person"], sentence["movement"]) not in found:
            misses.append(f"{sentence['text']} -> {sorted(found)}")
        elif not sentence["misattributes"] and found:
            false_alarms.append(f"{sentence['text']} -> {sorted(found)}")
    wrong = sum(1 for sentence in corpus if sentence["misattributes"])
    return misses, false_alarms, wrong, len(corpus) - wrong


def test_every_development_sentence_is_judged_right(data: Dataset) -> None:
    misses, false_alarms, _, _ = score(data, sentences("dev.yaml"))
    assert (misses, false_alarms) == ([], [])


@pytest.mark.parametrize("corpus", ["tuning.yaml", "tuning-2.yaml", "tuning-3.yaml", "tuning-4.yaml", "tuning-5.yaml"])
def test_the_tuning_sentences_stay_caught(data: Dataset, corpus: str) -> None:
    misses, false_alarms, wrong, right = score(data, sentences(corpus))
    assert len(misses) / wrong <= 0.04, "\n".join(misses)
    assert len(false_alarms) / right <= 0.01, "\n".join(false_alarms)


def test_unseen_sentences_meet_the_recall_and_false_alarm_targets(data: Dataset) -> None:
    """At least 95% of misattributions caught, at most 2% of correct sentences flagged."""
    misses, false_alarms, wrong, right = score(data, sentences("heldout-6.yaml"))
    recall = 1 - len(misses) / wrong
    false_alarm_rate = len(false_alarms) / right
    assert recall >= 0.95, "\n".join(misses)
    assert false_alarm_rate <= 0.02, "\n".join(false_alarms)


def test_the_note_for_a_misattributing_citation_is_calm_and_exact(data: Dataset) -> None:
    checker = AttributionChecker(data.movements, data.people)
    [claim] = checker.misattributions("Alyssa Milano Starts #MeToo Hashtag")
    assert CreditIndex(data).note(claim) == (
        "This source credits Alyssa Milano with starting #MeToo. The movement was started by Tarana Burke in 2006; Milano amplified it."
    )


def test_claims_are_read_from_the_data_not_from_names_in_the_code() -> None:
    """No person or movement is named in the checker's code (its docstrings may give examples)."""
    tree = ast.parse((ROOT / "generator" / "attribution.py").read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    strings = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]
    assert strings, "the check should find the code's strings"
    assert not [
        text for text in strings if any(name in text.lower() for name in ("milano", "burke", "metoo", "muller"))
    ]


def test_the_quick_screen_never_hides_a_claim(data: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    """Text without any word that can anchor a claim is not read further; reading every text in full finds
    exactly the same claims in every corpus (correct statements included)."""
    checker = AttributionChecker(data.movements, data.people)
    texts = [
        (sentence["text"], [sentence["context"]] if sentence.get("context") else [])
        for path in sorted(CORPORA.glob("*.yaml"))
        for sentence in sentences(path.name)
    ]
    screened = [checker.claims(text, context) for text, context in texts]
    monkeypatch.setattr(attribution, "_MIGHT_CLAIM", re.compile(""))
    assert [checker.claims(text, context) for text, context in texts] == screened
    assert sum(1 for found in screened if found) > 900  # the corpora do exercise the rules
