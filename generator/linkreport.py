"""Linkreport: the link check's results for a terminal, as GitHub Actions annotations and as a job summary in
Markdown. Pure: results in, text out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from generator import gfm
from generator.annotations import annotation
from generator.linkcheck import FIELDS, STATUSES, LinkResult
from generator.load import Node
from generator.urls import shown
from generator.validate import value_positions

SEVERITY = ("dead", "soft-404", "error", "redirect", "ok")  # as the tables list them
HEADINGS = ("source", "field", "status", "code", "address", "what to do")


def summary(results: Sequence[LinkResult]) -> str:
    """'124 addresses: 118 ok, 3 redirect, 2 dead, 1 error'."""
    counts = Counter(result.status for result in results)
    total = f"{len(results)} {'address' if len(results) == 1 else 'addresses'}"
    counted = ", ".join(f"{counts[status]} {status}" for status in STATUSES if counts[status])
    return f"{total}: {counted}" if counted else total


def problems(results: Iterable[LinkResult]) -> list[LinkResult]:
    """Every result but the good ones, the worst first."""
    found = [result for result in results if result.status != "ok"]
    return sorted(found, key=lambda r: (SEVERITY.index(r.status), r.source_id, FIELDS.index(r.field), r.address))


def report_text(results: Sequence[LinkResult]) -> str:
    """A table of the problems for a terminal, then the summary."""
    rows = [HEADINGS, *map(_cells, problems(results))]
    widths = [max(map(len, column)) for column in zip(*rows, strict=True)]
    table = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    return "\n".join([*table, "", summary(results)] if len(rows) > 1 else [summary(results)]) + "\n"


def report_github(
    results: Sequence[LinkResult], positions: Mapping[tuple[str, str], tuple[int, int]], file: str = "events.yaml"
) -> str:
    """A GitHub Actions warning per problem, on the line of the address in the data file. `positions` gives the
    line and column of each (source id, field), as `address_positions` finds them."""
    lines = []
    for r in problems(results):
        line, column = positions.get((r.source_id, r.field), (1, 1))
        message = f"sources ({r.source_id}) {r.field} '{shown(r.address)}': {r.status}, {r.reason}"
        lines.append(annotation("warning", file, line, column, message))
    return "".join(lines)


def markdown_summary(results: Sequence[LinkResult]) -> str:
    """The summary and a table of the problems, in Markdown for a GitHub job summary."""
    lines = ["### Link check", "", summary(results)]  # the summary holds only numbers and fixed words
    if found := problems(results):
        lines += ["", "| " + " | ".join(map(str.capitalize, HEADINGS)) + " |", "|" + " --- |" * len(HEADINGS)]
    lines += ["| " + " | ".join(map(gfm.text, _cells(r))) + " |" for r in found]
    return "\n".join(lines) + "\n"


def _cells(result: LinkResult) -> tuple[str, ...]:
    code = str(result.code or "")
    return (result.source_id, result.field, result.status, code, shown(result.address), result.reason)


def address_positions(root: Node) -> dict[tuple[str, str], tuple[int, int]]:
    """Where each source's url and archive_url stand in the loaded data file: (id, field) to (line, column)."""
    return {
        (record_id, field): position
        for field in FIELDS
        for record_id, position in value_positions(root, "sources", field).items()
    }
