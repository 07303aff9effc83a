"""Diff: what a change to the data does, in Markdown for a pull request's summary. Pure.

Changes to credits come first, in a section of their own: who is originator or amplifier of what is
what reviewers must never miss. The data comes from strangers' pull requests, so every value from it
reaches the Markdown through `gfm` and shows as text: no image, link, HTML or mention of its own.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from generator import gfm
from generator.model import Dataset, Movement

COLLECTIONS = (("movements", "Movements"), ("events", "Events"), ("people", "People"), ("publishers", "Publishers"),
               ("sources", "Sources"), ("corrections", "Corrections"))  # fmt: skip


def describe_change(base: Dataset, head: Dataset) -> str:
    lines = ["## Credits", "", *credit_changes(base, head), ""]
    for collection, heading in COLLECTIONS:
        lines += record_changes(heading, getattr(base, collection), getattr(head, collection))
    return "\n".join(lines).rstrip("\n") + "\n"


def credit_changes(base: Dataset, head: Dataset) -> list[str]:
    before, after = _credits(base), _credits(head)
    names = {person.id: person.name for person in (*base.people, *head.people)}
    labels = {movement.id: movement.name for movement in (*base.movements, *head.movements)}

    def said(credit: tuple[str, str, str, str, bool]) -> str:
        movement, person, role, date, disputed = credit
        sentence = f"{names.get(person, person)} as {'disputed ' if disputed else ''}{role} of {labels.get(movement, movement)}"
        return f"{gfm.text(sentence)} ({gfm.text(date)})"

    lines = [f"- **Added:** {said(credit)}" for credit in sorted(after - before)]
    lines += [f"- **Removed:** {said(credit)}" for credit in sorted(before - after)]
    return lines or ["No change to who is credited with what."]


def record_changes(heading: str, base: Sequence[Any], head: Sequence[Any]) -> list[str]:
    old, new = {record.id: record for record in base}, {record.id: record for record in head}
    added = [new[key] for key in new if key not in old]
    removed = [old[key] for key in old if key not in new]
    changed = [(old[key], new[key]) for key in new if key in old and old[key] != new[key]]
    if not (added or removed or changed):
        return []
    lines = [f"## {heading}", ""]
    lines += [f"- **Added:** {_entry(record)}" for record in added]
    for before, after in changed:
        fields = ", ".join(
            f.name for f in dataclasses.fields(after) if getattr(before, f.name) != getattr(after, f.name)
        )
        lines.append(f"- **Changed:** {_entry(after)}: {gfm.text(fields)}")
    lines += [f"- **Removed:** {_entry(record)}" for record in removed]
    return [*lines, ""]


def _credits(data: Dataset) -> set[tuple[str, str, str, str, bool]]:
    return {(m.id, c.person, c.role, c.date.iso(), c.disputed) for m in data.movements for c in m.credits}


def _entry(record: Any) -> str:
    return f"{gfm.text(_title(record))} ({gfm.code(str(record.id))})"


def _title(record: Any) -> str:
    if isinstance(record, Movement):
        return str(record.name)
    for name in ("title", "name", "right"):
        if hasattr(record, name):
            return str(getattr(record, name))
    return str(record.id)
