"""Fuzzing the data pipeline with atheris (libFuzzer): `make fuzz` runs it for FUZZ_SECONDS (600 by default).

An input that starts with byte 1 is fed to the address gate, one with byte 2 to the Markdown gate, any
other to the data pipeline:
- the data pipeline: any bytes given as events.yaml must end in a dataset or in located errors; a valid
  dataset must render, and format to text that reads back as the same data;
- the address gate: an address it accepts is an https address with a public host, and written into a
  Markdown link it becomes exactly one link to that address and nothing else;
- the Markdown gate: text it accepts, rendered as the site renders it, holds only paragraphs, emphasis,
  lists, quotes, code and https links.
Anything else (an exception, a hang, a crash) is a finding: libFuzzer writes the input to crash-* in the
current folder, to replay with `python tools/fuzz.py crash-...`.
"""

from __future__ import annotations

import datetime
import re
import shutil
import sys
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / ".fuzz" / "corpus"
DICTIONARY = ROOT / "tools" / "fuzz.dict"
TODAY = datetime.date(2026, 11, 28)
ADDRESS, MARKDOWN = b"\x01", b"\x02"
# The data files, and every input the fuzzer has found a fault with (kept so that it stays fixed).
SEEDS = [
    ROOT / "events.yaml",
    *sorted((ROOT / "tests" / "data").glob("*.yaml")),
    *sorted((ROOT / "tests" / "data" / "fuzz").glob("*")),
]


GATE_SEEDS = [
    "\x01https://en.wikipedia.org/wiki/Me_Too_(movement)?a=1&b=%C3%A9#top",
    "\x01https://пример.рф/путь",
    "\x02A *summary* with [a link](https://example.org/a_(b)) and `code`.\n\n- a list\n- of two\n\n> a quote",
    "\x02See [the profile][r].\n\n> [r]: https://example.org/\n",
]


def check_one_input(data: bytes) -> None:
    if data[:1] == ADDRESS:
        check_address(data[1:].decode("utf-8", "replace"))
    elif data[:1] == MARKDOWN:
        check_markdown(data[1:].decode("utf-8", "replace"))
    else:
        check_data(data)


def check_address(text: str) -> None:
    from generator.urls import ascii_url, markdown_link, url_problem
    from tools.project import site_markdown

    if url_problem(text) is not None:
        return
    html = site_markdown().reset().convert(markdown_link("x", text))
    expected = f'<p><a href="{escape(ascii_url(text))}">x</a></p>'
    if html != expected:
        raise AssertionError(f"{text!r} became {html!r}, not {expected!r}")


def check_markdown(text: str) -> None:
    from generator.markdown_gate import Refused, check
    from tools.project import site_markdown

    try:
        check(text)
    except Refused:
        return
    html = site_markdown().reset().convert(text)
    if tag := re.search(r"<(?!/?(?:p|em|strong|code|br|ul|ol|li|blockquote|a)[\s>/])[^>]*>", html):
        raise AssertionError(f"{text!r} rendered {tag.group()!r}")
    if link := re.search(r'href="(?!https://)[^"]*"', html):
        raise AssertionError(f"{text!r} links {link.group()!r}")


def check_data(data: bytes) -> None:
    from generator.errors import DataError
    from generator.fmt import format_text, in_written_order
    from generator.load import load_bytes
    from generator.render import render_site
    from generator.validate import validate

    try:
        dataset = validate(load_bytes(data, "events.yaml"), "events.yaml", TODAY)
    except DataError as error:
        for problem in error.problems:
            if problem.line < 1 or problem.column < 1 or not problem.message:
                raise AssertionError(f"an unlocated problem: {problem!r}") from None
        return
    render_site(dataset)
    formatted = format_text(data.decode("utf-8"))
    again = validate(load_bytes(formatted.encode("utf-8"), "events.yaml"), "events.yaml", TODAY)
    if in_written_order(again) != in_written_order(dataset):
        raise AssertionError("formatting changed the meaning of the data")


def seed_corpus() -> None:
    CORPUS.mkdir(parents=True, exist_ok=True)
    for number, text in enumerate(GATE_SEEDS):
        (CORPUS / f"gate-{number}").write_bytes(text.encode("utf-8"))
    for seed in SEEDS:
        if seed.stat().st_size < 64 * 1024:  # libFuzzer mutates small inputs best; the big file only seeds once
            shutil.copy(seed, CORPUS / seed.name)


def main() -> None:
    import atheris  # type: ignore[import-untyped,import-not-found,unused-ignore]  # installed by `make fuzz` only

    with atheris.instrument_imports():
        import generator.fmt
        import generator.load
        import generator.markdown_gate
        import generator.render
        import generator.urls
        import generator.validate  # noqa: F401

    arguments = sys.argv
    if not any(not argument.startswith("-") for argument in arguments[1:]):
        seed_corpus()
        arguments = [*arguments, f"-dict={DICTIONARY}", "-max_len=8192", "-timeout=10", str(CORPUS)]
    atheris.Setup(arguments, check_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
