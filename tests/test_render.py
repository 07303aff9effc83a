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
