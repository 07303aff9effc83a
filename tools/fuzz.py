"""Fuzzing the data pipeline with atheris (libFuzzer): `make fuzz` runs it for FUZZ_SECONDS (600 by default).

Any bytes given as events.yaml must end in a dataset or in located errors. A valid dataset must render,
and format to text that reads back as the same data. Anything else (an exception, a hang, a crash) is a
finding: libFuzzer writes the input to crash-* in the current folder, to replay with
`python tools/fuzz.py crash-...`.
"""

from __future__ import annotations

import datetime
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / ".fuzz" / "corpus"
DICTIONARY = ROOT / "tools" / "fuzz.dict"
TODAY = datetime.date(2026, 11, 28)
# The data files, and every input the fuzzer has found a fault with (kept so that it stays fixed).
SEEDS = [
    ROOT / "events.yaml",
    *sorted((ROOT / "tests" / "data").glob("*.yaml")),
    *sorted((ROOT / "tests" / "data" / "fuzz").glob("*")),
]


def check_one_input(data: bytes) -> None:
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
    for seed in SEEDS:
        if seed.stat().st_size < 64 * 1024:  # libFuzzer mutates small inputs best; the big file only seeds once
            shutil.copy(seed, CORPUS / seed.name)


def main() -> None:
    import atheris  # type: ignore[import-untyped,import-not-found,unused-ignore]  # installed by `make fuzz` only

    with atheris.instrument_imports():
        import generator.fmt
        import generator.load
        import generator.render
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
