"""Rendering: golden pages for a small dataset, and the escaping that keeps contributor text inert.

After an intended change to the pages, run `make golden` and review the diff of tests/golden/.
"""

from __future__ import annotations

import datetime
import os
import shutil

import pytest

from generator.load import load_text
from generator.pages.markdown import plain
from generator.render import render_site
from generator.validate import validate

from .conftest import ROOT, SMALL

GOLDEN = ROOT / "tests" / "golden"


def rendered() -> dict[str, str]:
    data = validate(
        load_text(SMALL.read_text(encoding="utf-8"), "small.yaml"), "small.yaml", datetime.date(2026, 11, 28)
    )
    return render_site(data)


def test_pages_match_the_golden_files() -> None:
    pages = rendered()
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, text in pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_bytes(text.encode("utf-8"))
    golden = {  # as bytes: the CSV and the calendar end their lines with CRLF, as their standards say
        path.relative_to(GOLDEN).as_posix(): path.read_bytes().decode("utf-8")
        for path in GOLDEN.rglob("*")
        if path.is_file()
    }
    assert sorted(pages) == sorted(golden), "pages added or removed: run `make golden` and review"
    for path, text in pages.items():
        assert text == golden[path], f"{path} differs from tests/golden/{path}: run `make golden` and review the diff"


def test_rendering_is_deterministic() -> None:
    assert rendered() == rendered()


def test_credit_line_puts_the_originator_before_the_amplifier() -> None:
    home = rendered()["index.md"]
    assert (
        "**Originated by [Tarana Burke](people/tarana-burke/index.md), 2006 · "
        "Amplified by [Alyssa Milano](people/alyssa-milano/index.md), 15 October 2017 · "
        "[Sources](movements/metoo/index.md#credits)**"
    ) in home


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("<script>alert(1)</script>", "&lt;script\\>alert(1)&lt;/script\\>"),
        ("[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))"),
        ("*not emphasis* and `code`", "\\*not emphasis\\* and \\`code\\`"),
        ("# Not a heading", "\\# Not a heading"),
        ("1. Not a list", "1\\. Not a list"),
        ("- Not a list", "\\- Not a list"),
        ("Q&A {: onclick=x }", "Q&amp;A \\{: onclick=x \\}"),
        ("Milano's tweet, #MeToo", "Milano's tweet, #MeToo"),
    ],
)
def test_plain_text_is_escaped_into_inert_markdown(text: str, markdown: str) -> None:
    assert plain(text) == markdown


def small_pages(*replacements: tuple[str, str]) -> dict[str, str]:
    text = SMALL.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} should occur once in the fixture"
        text = text.replace(old, new)
    return render_site(validate(load_text(text, "small.yaml"), "small.yaml", datetime.date(2026, 11, 28)))


def test_a_chart_tooltip_escapes_a_label_once() -> None:
    """The tooltip is HTML inside the page: '&' written once as '&amp;', not escaped, unescaped and escaped again."""
    label = ('        label: "uses of #MeToo on Twitter"\n', '        label: "uses of #MeToo on Twitter & Facebook"\n')
    series = ("        highlight: true\n", "        highlight: true\n        series: Uses\n")
    figures = small_pages(label, series)["figures/index.md"]
    assert (
        "<title>More than 200,000 uses of #MeToo on Twitter &amp; Facebook, as of 16 October 2017 (TheWrap)</title>"
        in figures
    )
    assert "&amp;amp;" not in figures


@pytest.mark.parametrize(
    ("quote", "shown"), [("one tweet.", "one tweet.”"), ("one tweet", "one tweet”."), ("one “tweet.”", "one “tweet.””")]
)
def test_a_quotation_ends_with_one_stop(quote: str, shown: str) -> None:
    pages = small_pages(
        (
            '    quote: "Alyssa Milano launched #MeToo with one tweet."\n',
            f"    quote: '{quote.replace('one ', 'Alyssa Milano launched #MeToo with one ')}'\n",
        )
    )
    assert f" {shown} [Read the source]" in pages["sources/index.md"]
