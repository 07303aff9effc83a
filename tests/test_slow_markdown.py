"""Markdown that is slow on purpose: a summary at the length limit, made by repeating a short pattern of the
pieces Python-Markdown reads as syntax (brackets, parentheses, emphasis, quotes, list markers, code...),
must be validated, generated and rendered by MkDocs's Markdown in time proportional to its length, and
within a few times a plain summary of the same length, or be refused. Both ratios are measured in the same
test (the text at its full length against its first quarter, and against plain text), each side the
fastest of a few runs, in up to three rounds, so that a shared, noisy machine does not decide them.
Dense emphasis costs several times plain prose in Python-Markdown, linearly; a quadratic path shows as
a text four times longer taking sixteen times as long.

A real MkDocs build of the worst patterns found so far checks the rest of the theme's pipeline (the table of
contents, the search and policy hooks) on them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.errors import DataError
from generator.model import Dataset
from generator.render import render_site
from generator.schema import Markdown
from generator.validate import load_dataset
from tools.project import site_markdown

from .conftest import copy_project, fastest, mkdocs_build, run_cli, small_with_summary

LIMIT = Markdown().max_length
MAX_RATIO = 10.0  # to plain text of the same length
MAX_GROWTH = 8.0  # from a quarter of the length to all of it: 4 when linear, 16 when quadratic
FLOOR = 0.05  # seconds: below this, a ratio measures the machine, not the text
EVENT = "events/2017-10-15-milano-tweet/index.md"
PIECES = ["[", "]", "(", ")", "*", "_", "**", "`", "> ", "- ", "1. ", "\n", "    ", "!", "<", "&", "#", ":", "|",
          "[a](https://example.org/a)", "[a]", "![", "\\", "word ", "'", '"', "{", "}"]  # fmt: skip
WORST = ["[" * LIMIT, "[(" * (LIMIT // 2), "1. " * (LIMIT // 3), "> " * (LIMIT // 2), "*a **b " * (LIMIT // 7),
         "[a](https://example.org/a) " * (LIMIT // 27), "`a` **b** _c_ " * (LIMIT // 14)]  # fmt: skip


def stage_times(text: str, tmp_path: Path) -> dict[str, float]:
    """Seconds to validate, to generate the pages and to render the event's page, for `text` as a summary;
    a refused text has only its validation."""
    data = tmp_path / "events.yaml"
    data.write_text(small_with_summary(text), encoding="utf-8")

    def validate() -> Dataset | None:
        try:
            return load_dataset(data, "events.yaml")
        except DataError:
            return None

    times = {"validate": fastest(validate)[0]}
    dataset = validate()
    if dataset is None:
        return times
    pages = render_site(dataset)
    times["generate"], times["render"] = fastest(
        lambda: render_site(dataset), lambda: site_markdown().reset().convert(pages[EVENT])
    )
    return times


def assert_about_as_fast_as_plain(text: str, tmp_path: Path) -> None:
    link = " [a link](https://example.org/a)"  # so that the plain text is parsed too, as a summary with a link is
    plain_text = ("word " * LIMIT)[: max(len(text) - len(link), 0)] + link
    for _ in range(3):  # a busy moment of the machine passes in another round; a text slow by nature does not
        plain, quarter = stage_times(plain_text, tmp_path), stage_times(text[: len(text) // 4] or "x", tmp_path)
        hostile = stage_times(text, tmp_path)
        slow = [
            (stage, seconds, plain[stage], quarter.get(stage))
            for stage, seconds in hostile.items()
            if seconds > FLOOR
            and (seconds > MAX_RATIO * plain[stage] or seconds > MAX_GROWTH * quarter.get(stage, seconds))
        ]
        if not slow:
            return
    raise AssertionError(f"{text[:60]!r}: (stage, seconds, plain text's, first quarter's): {slow}")


@pytest.mark.parametrize(
    "text",
    WORST,
    ids=["brackets", "brackets-parentheses", "ordered-list", "quotes", "emphasis", "links", "code-and-emphasis"],
)
def test_known_slow_patterns_are_fast_or_refused(text: str, tmp_path: Path) -> None:
    assert_about_as_fast_as_plain(text, tmp_path)


# No `explain` phase: it re-runs a failing example under a tracer, which makes any text look slow.
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
)
@given(pattern=st.lists(st.sampled_from(PIECES), min_size=1, max_size=6))
def test_any_repeated_pattern_at_the_length_limit_is_fast_or_refused(pattern: list[str], tmp_path: Path) -> None:
    unit = "".join(pattern)
    assert_about_as_fast_as_plain((unit * (LIMIT // len(unit) + 1))[:LIMIT].strip() or "x", tmp_path)


def test_mkdocs_builds_the_worst_patterns_that_pass_the_gate(tmp_path: Path) -> None:
    """Each of the worst patterns is either refused by `build` or built by MkDocs, never a crash or a hang."""
    for number, text in enumerate(WORST):
        data = tmp_path / f"{number}.yaml"
        data.write_text(small_with_summary(text), encoding="utf-8")
        project = copy_project(tmp_path / str(number), data)
        built = run_cli("build", cwd=project)
        assert built.returncode in (0, 1) and "Traceback" not in built.stderr
        if built.returncode == 0:
            result = mkdocs_build(project)
            assert result.returncode == 0 and "RecursionError" not in result.stderr, result.stderr[-2000:]
