"""A movement's page, and the list of movements."""

from __future__ import annotations

from generator.model import Movement
from generator.pages.markdown import (
    heading,
    link,
    movement_page,
    numbered_pages,
    numbered_title,
    page,
    person_page,
    plain,
    split,
    summary_line,
)
from generator.pages.parts import SEARCH_BOOST, correction_notice, credit_graph, credit_line, source_refs
from generator.pages.site import Site, ordered_credits
from generator.pages.timeline import timeline


def render_movement(site: Site, movement: Movement) -> dict[str, str]:
    """The movement's credits, what it is, its parts and its events; a long list of events continues on
    numbered pages."""
    first = movement_page(movement.id)
    facts = [
        (movement.kind or "movement").capitalize(),
        *([", ".join(map(plain, movement.hashtags))] if movement.hashtags else []),
    ]
    if movement.part_of:
        facts.append(
            "part of " + link(plain(site.movements[movement.part_of].name), first, movement_page(movement.part_of))
        )
    chunks = split(site.events_of[movement.id])
    pages = {}
    for number, here, steps, chunk in numbered_pages(first, chunks):
        lines = heading(numbered_title(plain(movement.name), number), " · ".join(facts))
        if number == 1:
            lines += movement_about(site, movement, here)
        lines += ["## Events", "", *steps, *timeline(site, chunk, here), *steps]
        graph = credit_graph(site, [movement], here) if number == 1 else None
        description = summary_line(movement.summary) if number == 1 else ""
        pages[here] = page(lines, graph, boost=SEARCH_BOOST if number == 1 else 0, description=description)
    return pages


def movement_about(site: Site, movement: Movement, here: str) -> list[str]:
    lines = []
    for correction in site.corrections_of[movement.id]:
        lines += correction_notice(correction, here)
    lines += [f"**{credit_line(site, movement, here)}**", "", "## Credits", ""]
    for credit in ordered_credits(movement):
        name = link(plain(site.people[credit.person].name), here, person_page(credit.person))
        note = f" {plain(credit.note)}" if credit.note else ""
        lines.append(
            f"- **{credit.role.capitalize()}**: {name}, {credit.date}.{note} Sources: {source_refs(site, credit.sources)}"
        )
    lines += ["", "## About", "", movement.summary, ""]
    parts = [other for other in site.data.movements if other.part_of == movement.id]
    if parts:
        items = [
            f"- {link(plain(part.name), here, movement_page(part.id))}: {credit_line(site, part, here)}"
            for part in parts
        ]
        lines += ["## Part of this movement", "", *items, ""]
    return lines


def render_movements(site: Site) -> str:
    here = "movements/index.md"
    lines = heading(
        "Movements",
        "The movements, hashtags and organizations in this history, each with who started it and who amplified it.",
    )
    for movement in site.data.movements:
        lines += [
            f"## {link(plain(movement.name), here, movement_page(movement.id))}",
            "",
            credit_line(site, movement, here),
            "",
        ]
    return page(lines)
