"""The data fields page, from the schema the validator reads."""

from __future__ import annotations

import dataclasses

from generator import model
from generator.pages.markdown import cell, heading, page, plain
from generator.schema import is_required, kind_of


def render_fields() -> str:
    """The field reference for contributors, generated from the model's declarations."""
    intro = "Every field of `events.yaml`, generated from the schema the validator uses."
    return page(heading("Data fields", intro) + field_reference(level=2))


def field_reference(level: int = 3) -> list[str]:
    """One table per kind of record: each field, whether it is required, its form and its meaning. The
    site's data-fields page and CONTRIBUTING.md both print it, so neither can drift from the schema."""
    lines = []
    for cls in model.RECORDS:
        lines += [f"{'#' * level} {cls.__name__}", "", plain(" ".join((cls.__doc__ or "").split())), ""]
        lines += ["| Field | Required | Value | Meaning |", "| --- | --- | --- | --- |"]
        for field in dataclasses.fields(cls):
            required = "yes" if is_required(field) else "no"
            lines.append(
                f"| `{field.name}` | {required} | {cell(plain(kind_of(field).expected))} | {cell(field.metadata['doc'])} |"
            )
        lines.append("")
    return lines
